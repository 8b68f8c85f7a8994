"""A validation report: each problem with its file or sheet, row, column, rule and the bad
value (the first few rows listed, the rest counted), and how row numbers are told (for CSV
files and Excel sheets the header is row 1; for Parquet files rows count from 1).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.schema import (
    TABLES,
)
from dashboard.intake.coercion import NO_VALUE
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext

MAX_EXAMPLES = 5  # offending rows listed per (file, column, rule); the rest are counted
MAX_LINES = 60  # lines of problems printed; the rest are counted


# --------------------------------------------------------------------------------------
# Where a row is, as the user sees it
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowMap:
    """Turns 0-based data-row indices into the row numbers the user sees.

    Either `numbers` (one per data row, e.g. spreadsheet rows with blank rows skipped) or
    `offset` (row number = index + offset; Parquet: 1, a later batch: start + 1).
    """

    offset: int = 1
    numbers: np.ndarray | None = None

    def rows(self, idx: np.ndarray) -> list[int]:
        if self.numbers is not None:
            return [int(x) for x in self.numbers[idx]]
        return [int(x) + self.offset for x in idx]

    def shifted(self, start: int) -> RowMap:
        if self.numbers is not None:
            return RowMap(numbers=self.numbers[start:])
        return RowMap(offset=self.offset + start)


# --------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------
@dataclass
class Hit:
    """One broken rule in one file/sheet and column: its count and the first examples."""

    severity: str  # "error" or "warning"
    where: str  # file or sheet, e.g. "costs.csv", "sheet 'costs' in book.xlsx"
    table: str | None
    column: str | None
    rule: str
    count: int = 0
    examples: list[tuple[int | None, object, str]] = field(default_factory=list)


SHOWN_CHARS = 60  # a longer bad value is shown cut, with its length


def show_value(value: object) -> str:
    if value is None:
        return _("an empty cell")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return " / ".join(show_value(v) for v in value)
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        return f"{value[:SHOWN_CHARS]!r}… " + _("({count} characters)").format(
            count=number(len(value), 0))
    return repr(value)


class Report:
    """Every problem found, in the order found; errors refuse, warnings only inform."""

    def __init__(self) -> None:
        self._hits: dict[tuple, Hit] = {}

    # -- adding --------------------------------------------------------------------
    def _hit(self, severity: str, where: str, table: str | None, column: str | None,
             rule: str) -> Hit:
        key = (severity, where, column, rule)
        hit = self._hits.get(key)
        if hit is None:
            hit = self._hits[key] = Hit(severity, where, table, column, rule)
        return hit

    def error(self, where: str, rule: str, *, table: str | None = None,
              column: str | None = None, row: int | None = None,
              value: object = NO_VALUE) -> None:
        self._add("error", where, rule, table, column, row, value)

    def warning(self, where: str, rule: str, *, table: str | None = None,
                column: str | None = None) -> None:
        self._add("warning", where, rule, table, column, None, NO_VALUE)

    def _add(self, severity, where, rule, table, column, row, value) -> None:
        hit = self._hit(severity, where, table, column, rule)
        hit.count += 1
        has_example = row is not None or value is not NO_VALUE
        if has_example and len(hit.examples) < MAX_EXAMPLES:
            hit.examples.append((row, value, ""))

    def rows(self, where: str, table: str, column: str, rule: str, mask: pa.Array,
             values: pa.Array, rowmap: RowMap, notes: Iterable[str] | None = None) -> int:
        """Record the rows where `mask` is true; returns how many there were."""
        n = int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)
        if n == 0:
            return 0
        hit = self._hit("error", where, table, column, rule)
        room = MAX_EXAMPLES - len(hit.examples)
        if room > 0:
            idx = np.asarray(pc.indices_nonzero(mask))[:room]
            picked = values.take(pa.array(idx)).to_pylist()
            note_list = list(notes)[: len(idx)] if notes is not None else [""] * len(idx)
            hit.examples.extend(zip(rowmap.rows(idx), picked, note_list, strict=True))
        hit.count += n
        return n

    def rename(self, path: str, name: str) -> None:
        """Say `name` wherever the report says `path` (a server's scratch copy of an
        upload is named as the reader knows it: by the file they sent)."""
        for hit in self._hits.values():
            hit.where = hit.where.replace(path, name)
            hit.rule = hit.rule.replace(path, name)

    # -- reading -------------------------------------------------------------------
    @property
    def errors(self) -> list[Hit]:
        return [h for h in self._hits.values() if h.severity == "error"]

    @property
    def warnings(self) -> list[Hit]:
        return [h for h in self._hits.values() if h.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return sum(h.count for h in self.errors)

    def entries(self, severity: str = "error") -> list[Problem]:
        """Every problem as a row (file or sheet, row, column, rule, value), ordered by table
        (contract order), then file, then row; a rule broken on more rows than the examples
        kept gets one more entry counting the rest. `lines` words these as messages; the
        app's "Load data" page shows them as a table."""
        order = {name: i for i, name in enumerate(TABLES)}
        keyed: list[tuple[tuple, Problem]] = []
        for seq, hit in enumerate(self._hits.values()):
            if hit.severity != severity:
                continue
            base = (order.get(hit.table or "", -1), hit.where)
            for row, value, note in hit.examples:
                keyed.append(((*base, row if row is not None else -1, seq),
                              Problem(hit.where, hit.table, row, hit.column, hit.rule, value,
                                      note)))
            rest = hit.count - len(hit.examples)
            if hit.examples and rest > 0:
                keyed.append(((*base, math.inf, seq),
                              Problem(hit.where, hit.table, None, hit.column, hit.rule,
                                      NO_VALUE, more=rest)))
            elif not hit.examples:
                keyed.append(((*base, -1, seq),
                              Problem(hit.where, hit.table, None, hit.column, hit.rule,
                                      NO_VALUE, times=hit.count)))
        return [p for _key, p in sorted(keyed, key=lambda e: e[0])]

    def lines(self, severity: str = "error", limit: int = MAX_LINES) -> list[str]:
        """The problems as messages: each names the file or sheet, row, column, rule, value.

        Ordered by table (contract order), then file, then row; at most `limit` lines.
        """
        out = [p.message() for p in self.entries(severity)]
        if len(out) > limit:
            more = len(out) - limit
            out = out[:limit] + ["… " + ngettext(
                "and {count} more problem line not shown (fix the ones above and run again)",
                "and {count} more problem lines not shown (fix the ones above and run again)",
                more).format(count=number(more, 0))]
        return out


@dataclass(frozen=True)
class Problem:
    """One line of a report: where (file or sheet), row, column, rule and the bad value."""

    where: str
    table: str | None
    row: int | None
    column: str | None
    rule: str
    value: object = NO_VALUE
    note: str = ""
    more: int = 0  # "N more rows break the same rule" (no row, no value)
    times: int = 1  # a problem of a whole file or column, found this many times

    @property
    def has_value(self) -> bool:
        return self.value is not NO_VALUE

    def shown_value(self) -> str:
        if not self.has_value:
            return ""
        return show_value(self.value) + (f"; {self.note}" if self.note else "")

    def message(self) -> str:
        """The line in the reader's language ("sheet 'costs' in book.xlsx, row 5, column
        amount_usd: must be at least 0 (got -5.0)"); the command line's is English."""
        col = _("column {column}").format(column=self.column) if self.column else ""
        colon = _("{where}: {rule}")  # French puts a no-break space before the colon
        if self.more:
            where = f"{self.where}{', ' + col if col else ''}"
            return colon.format(where=where, rule=ngettext(
                "{count} more row breaks the same rule ({rule})",
                "{count} more rows break the same rule ({rule})",
                self.more).format(count=number(self.more, 0), rule=self.rule))
        if self.row is None and not self.has_value:
            where = f"{self.where}{', ' + col if col else ''}"
            return colon.format(where=where, rule=self.rule) + (
                " " + _("({count} times)").format(count=number(self.times, 0))
                if self.times > 1 else "")
        parts = [self.where] + ([_("row {row}").format(row=self.row)]
                                if self.row is not None else []) + ([col] if col else [])
        msg = colon.format(where=", ".join(parts), rule=self.rule)
        return msg + (" " + _("(got {value})").format(value=self.shown_value())
                      if self.has_value else "")
