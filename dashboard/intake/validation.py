"""The rules engine of the data contract, shared by `ingest` and `validate`.

Every rule comes from dashboard/contract/schema.py (column types, not-null, allowed values,
patterns, non-empty, unique, ranges, finiteness, foreign keys, unique pairs); nothing is
restated here. The work is vectorized with pyarrow compute: each rule yields a mask of
offending rows, of which the first few are listed (with the row number the user sees and
the bad value) and the rest counted.

Row numbers: for CSV files and Excel sheets the header is row 1, so the first data row is
row 2 (blank rows still count, as in a spreadsheet); for Parquet files rows are counted
from 1 over the data rows.

`python -m dashboard validate [DATE ...]` (`run`) checks published snapshots against their
manifests (row counts, sha256, column types) and every rule; exit 0 only when all pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.contract.schema import (
    ARROW_TYPES,
    COST_SHARE_SUM_TOLERANCE,
    FIRST_DATE,
    LAST_DATE,
    MAX_AMOUNT_USD,
    MAX_TEXT_CHARS,
    TABLES,
    Column,
    Table,
    is_amount,
)
from dashboard.store import folders

MAX_EXAMPLES = 5  # offending rows listed per (file, column, rule); the rest are counted
MAX_LINES = 60  # lines of problems printed; the rest are counted
BATCH_ROWS = 1_000_000  # rows per batch when checking a published Parquet file

_NO_VALUE = object()

# Text accepted for each type (after trimming surrounding spaces; strings are kept as-is).
_INT_RE = r"^[+-]?[0-9]+(\.0*)?$"
_NUM_RE = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_SPECIAL_RE = r"(?i)^[+-]?(inf|infinity|nan)$"  # parsed, then refused by the finite rule
_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_INT32 = (-(2**31), 2**31 - 1)

TYPE_WORDS = {
    "string": "text",
    "bool": "true/false",
    "int": "whole number",
    "double": "number",
    "date": "date (YYYY-MM-DD)",
}


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
        return "an empty cell"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return " / ".join(show_value(v) for v in value)
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        return f"{value[:SHOWN_CHARS]!r}… ({len(value):,} characters)"
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
              value: object = _NO_VALUE) -> None:
        self._add("error", where, rule, table, column, row, value)

    def warning(self, where: str, rule: str, *, table: str | None = None,
                column: str | None = None) -> None:
        self._add("warning", where, rule, table, column, None, _NO_VALUE)

    def _add(self, severity, where, rule, table, column, row, value) -> None:
        hit = self._hit(severity, where, table, column, rule)
        hit.count += 1
        has_example = row is not None or value is not _NO_VALUE
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
                                      _NO_VALUE, more=rest)))
            elif not hit.examples:
                keyed.append(((*base, -1, seq),
                              Problem(hit.where, hit.table, None, hit.column, hit.rule,
                                      _NO_VALUE, times=hit.count)))
        return [p for _, p in sorted(keyed, key=lambda e: e[0])]

    def lines(self, severity: str = "error", limit: int = MAX_LINES) -> list[str]:
        """The problems as messages: each names the file or sheet, row, column, rule, value.

        Ordered by table (contract order), then file, then row; at most `limit` lines.
        """
        out = [p.message() for p in self.entries(severity)]
        if len(out) > limit:
            more = len(out) - limit
            out = out[:limit] + [f"… and {more:,} more problem lines not shown "
                                 "(fix the ones above and run again)"]
        return out


@dataclass(frozen=True)
class Problem:
    """One line of a report: where (file or sheet), row, column, rule and the bad value."""

    where: str
    table: str | None
    row: int | None
    column: str | None
    rule: str
    value: object = _NO_VALUE
    note: str = ""
    more: int = 0  # "N more rows break the same rule" (no row, no value)
    times: int = 1  # a problem of a whole file or column, found this many times

    @property
    def has_value(self) -> bool:
        return self.value is not _NO_VALUE

    def shown_value(self) -> str:
        if not self.has_value:
            return ""
        return show_value(self.value) + (f"; {self.note}" if self.note else "")

    def message(self) -> str:
        col = f"column {self.column}" if self.column else ""
        if self.more:
            where = f"{self.where}{', ' + col if col else ''}"
            return (f"{where}: {self.more:,} more row{'s' if self.more != 1 else ''} break "
                    f"the same rule ({self.rule})")
        if self.row is None and not self.has_value:
            where = f"{self.where}{', ' + col if col else ''}"
            return f"{where}: {self.rule}" + (f" ({self.times:,} times)" if self.times > 1 else "")
        parts = [self.where] + ([f"row {self.row}"] if self.row is not None else []) \
            + ([col] if col else [])
        msg = f"{', '.join(parts)}: {self.rule}"
        return msg + (f" (got {self.shown_value()})" if self.has_value else "")


# --------------------------------------------------------------------------------------
# Rule wording, derived from the schema
# --------------------------------------------------------------------------------------
def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def range_rule(col: Column) -> str:
    lo, hi = col.minimum, col.maximum
    if lo is not None and hi is not None:
        return f"must be between {_num(lo)} and {_num(hi)}"
    if lo is not None:
        return f"must be {'greater than' if col.min_exclusive else 'at least'} {_num(lo)}"
    return f"must be at most {_num(hi)}"


# The limits of the contract (version 2) on every table, in words.
AMOUNT_LIMIT_RULE = "must be at most 1e15 US dollars (a thousand trillion: the limit on amounts)"
DATE_LIMIT_RULE = (f"must lie between {FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()} "
                   "(the range of fiscal_year)")
TEXT_LIMIT_RULE = f"must be at most {MAX_TEXT_CHARS} characters long"


def limited_length(col: Column) -> bool:
    """Free text (names, donors, codes without a pattern) is limited in length."""
    return col.type == "string" and not col.allowed and not col.pattern


def allowed_rule(col: Column) -> str:
    return "must be one of " + ", ".join(col.allowed or ()) + " (exactly as written)"


def describe(col: Column) -> str:
    """The column's rules in words (for the template's README sheet and the docs)."""
    parts = [TYPE_WORDS[col.type]]
    parts.append("optional" if col.nullable else "required")
    if col.allowed:
        parts.append("one of: " + ", ".join(col.allowed))
    if col.allowed_by:
        parts += [f"for {col.allowed_by[0]} {v}: {', '.join(a)}" for v, a in col.allowed_by[1]]
    if col.pattern:
        parts.append(f"pattern {col.pattern}")
    if col.non_empty:
        parts.append("not blank")
    if col.unique:
        parts.append("unique")
    if col.minimum is not None or col.maximum is not None:
        parts.append(range_rule(col).replace("must be ", ""))
    if col.finite:
        parts.append("finite")
    if is_amount(col.name, col.type):
        parts.append("at most 1e15")
    if col.type == "date":
        parts.append(f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}")
    if limited_length(col):
        parts.append(f"at most {MAX_TEXT_CHARS} characters")
    if col.fk:
        parts.append(f"must exist in {col.fk[0]}.{col.fk[1]}")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------
# Coercion: raw cells (text, or Parquet-typed) -> the contract's Arrow type
# --------------------------------------------------------------------------------------
def _m(x) -> pa.Array:
    """A boolean mask with nulls read as false."""
    return pc.fill_null(x, False)


def _null_like(t: pa.DataType, n: int) -> pa.Array:
    return pa.nulls(n, type=t)


def coerce(col: Column, arr: pa.Array) -> tuple[pa.Array, list[tuple[str, pa.Array]], str | None]:
    """Convert one column to the contract type, explicitly.

    Returns (typed array with nulls where a cell failed, [(rule, mask of failing cells)],
    a column-level problem or None). An empty cell is null; a cell that cannot be read as
    the column's type is an error, never silently a null.
    """
    target = ARROW_TYPES[col.type]
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.string())
    if pa.types.is_null(arr.type):
        return _null_like(target, len(arr)), [], None
    if pa.types.is_string(arr.type):
        return _coerce_text(col, arr)
    t = arr.type
    n = len(arr)
    if col.type == "string":
        if pa.types.is_floating(t):
            # 17.0 -> "17", as a spreadsheet shows it
            integral = _m(pc.equal(pc.floor(arr), arr))
            as_int = pc.cast(pc.if_else(integral, arr, None), pa.int64(), safe=False)
            text = pc.if_else(integral, pc.cast(as_int, pa.string()), pc.cast(arr, pa.string()))
            return _coerce_text(col, text)
    elif col.type == "bool":
        if pa.types.is_boolean(t):
            return arr, [], None
        if pa.types.is_integer(t) or pa.types.is_floating(t):
            ok = _m(pc.is_in(arr, pa.array([0, 1], type=t)))
            bad = pc.and_(pc.is_valid(arr), pc.invert(ok))
            typed = pc.if_else(ok, pc.equal(arr, pa.scalar(1, type=t)), None)
            return typed, [("must be true or false (or 1 / 0)", bad)], None
    elif col.type == "int":
        if pa.types.is_integer(t):
            return _int_range(pc.cast(arr, pa.int64()))
        if pa.types.is_floating(t) or pa.types.is_decimal(t):
            f = pc.cast(arr, pa.float64())
            fin = _m(pc.is_finite(f))
            integral = pc.and_(fin, _m(pc.equal(pc.floor(f), f)))
            inside = pc.and_(integral, _m(pc.and_(pc.greater_equal(f, _INT32[0]),
                                                  pc.less_equal(f, _INT32[1]))))
            typed = pc.cast(pc.if_else(inside, f, None), pa.int64(), safe=False)
            problems = [("must be a whole number", pc.and_(pc.is_valid(f), pc.invert(integral))),
                        ("is too large for a whole-number column",
                         pc.and_(integral, pc.invert(inside)))]
            return pc.cast(typed, pa.int32()), problems, None
    elif col.type == "double":
        if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
            return pc.cast(arr, pa.float64()), [], None
    elif col.type == "date":
        if pa.types.is_date(t):
            return pc.cast(arr, pa.date32()), [], None
        if pa.types.is_timestamp(t):
            day = pc.cast(pc.floor_temporal(arr, unit="day"), t)
            midnight = _m(pc.equal(day, arr))
            typed = pc.cast(pc.if_else(midnight, arr, None), pa.date32())
            bad = pc.and_(pc.is_valid(arr), pc.invert(midnight))
            return typed, [("must be a date without a time of day", bad)], None
    # anything else: read it as text if it can be written as text, else refuse the column
    try:
        text = pc.cast(arr, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return (_null_like(target, n), [],
                f"is stored as {t}, which cannot hold a {TYPE_WORDS[col.type]}")
    return _coerce_text(col, text)


def _int_range(v64: pa.Array) -> tuple[pa.Array, list[tuple[str, pa.Array]], str | None]:
    inside = _m(pc.and_(pc.greater_equal(v64, _INT32[0]), pc.less_equal(v64, _INT32[1])))
    too_big = pc.and_(pc.is_valid(v64), pc.invert(inside))
    typed = pc.cast(pc.if_else(inside, v64, None), pa.int32())
    return typed, [("is too large for a whole-number column", too_big)], None


def _coerce_text(col: Column, raw: pa.Array) -> tuple[pa.Array, list, str | None]:
    """Text cells -> the column type. Empty text is null; anything unreadable is an error."""
    target = ARROW_TYPES[col.type]
    if col.type == "string":
        # kept exactly as written (spaces, apostrophes, any Unicode); only "" means empty
        return pc.if_else(_m(pc.equal(raw, "")), pa.scalar(None, pa.string()), raw), [], None
    s = pc.utf8_trim_whitespace(raw)
    present = _m(pc.not_equal(s, ""))
    problems: list[tuple[str, pa.Array]] = []
    has_comma = _m(pc.match_substring(s, ","))
    if col.type == "bool":
        low = pc.utf8_lower(s)
        yes = pc.or_(_m(pc.equal(low, "true")), _m(pc.equal(s, "1")))
        no = pc.or_(_m(pc.equal(low, "false")), _m(pc.equal(s, "0")))
        ok = pc.or_(yes, no)
        typed = pc.if_else(yes, True, pc.if_else(no, False, pa.scalar(None, pa.bool_())))
        problems.append(("must be true or false (any case), or 1 / 0",
                         pc.and_(present, pc.invert(ok))))
        return typed, problems, None
    if col.type == "int":
        fmt = _m(pc.match_substring_regex(s, _INT_RE))
        digits = pc.replace_substring_regex(s, r"^\+|\.0*$", "")
        short = _m(pc.less_equal(pc.utf8_length(digits), 12))
        ok = pc.and_(fmt, short)
        v64 = pc.cast(pc.if_else(ok, digits, pa.scalar(None, pa.string())), pa.int64())
        typed, range_problems, _ = _int_range(v64)
        problems.append(("must be a whole number without thousands separators "
                         "(write 1000, not 1,000)", pc.and_(present, has_comma)))
        problems.append(("must be a whole number",
                         pc.and_(pc.and_(present, pc.invert(has_comma)), pc.invert(fmt))))
        problems.append(("is too large for a whole-number column",
                         pc.and_(fmt, pc.invert(short))))
        problems.extend(range_problems)
        return typed, problems, None
    if col.type == "double":
        ok = pc.or_(_m(pc.match_substring_regex(s, _NUM_RE)),
                    _m(pc.match_substring_regex(s, _SPECIAL_RE)))
        typed = pc.cast(pc.if_else(ok, s, pa.scalar(None, pa.string())), pa.float64())
        problems.append(("must be a plain number: no thousands separators, and a dot for "
                         "decimals (write 1234.5, not 1,234.5)", pc.and_(present, has_comma)))
        problems.append(("must be a number (digits with an optional decimal point; no units, "
                         "letters or currency signs: write 12000, not 12k or $12,000)",
                         pc.and_(pc.and_(present, pc.invert(has_comma)), pc.invert(ok))))
        return typed, problems, None
    if col.type == "date":
        shape = _m(pc.match_substring_regex(s, _DATE_RE))
        parsed = pc.strptime(pc.if_else(shape, s, pa.scalar(None, pa.string())),
                             format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime is lenient (2005-02-30 -> 2005-03-02): a real date writes back the same
        real = _m(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), s))
        ok = pc.and_(shape, real)
        typed = pc.cast(pc.if_else(ok, parsed, pa.scalar(None, parsed.type)), pa.date32())
        problems.append(("must be a date written YYYY-MM-DD, e.g. 2005-09-01",
                         pc.and_(present, pc.invert(shape))))
        problems.append(("is not a real calendar date", pc.and_(shape, pc.invert(real))))
        return typed, problems, None
    raise AssertionError(f"unknown column type {col.type!r} for {target}")  # pragma: no cover


# --------------------------------------------------------------------------------------
# Row rules on typed columns
# --------------------------------------------------------------------------------------
def column_rules(col: Column, a: pa.Array,
                 fk_keys: pa.Array | None) -> list[tuple[str, pa.Array]]:
    """(rule, mask) for every row rule of the column, in the order they are judged."""
    out: list[tuple[str, pa.Array]] = []
    valid = pc.is_valid(a)
    if not col.nullable:
        out.append(("a value is required", pc.is_null(a)))
    if col.type == "double" and col.finite:
        out.append(("must be a finite number", pc.and_(valid, pc.invert(_m(pc.is_finite(a))))))
    if col.non_empty and col.type == "string":
        out.append(("must not be blank", _m(pc.equal(pc.utf8_trim_whitespace(a), ""))))
    if col.pattern:
        ok = pc.match_substring_regex(a, f"^(?:{col.pattern})$")
        out.append((f"must match the pattern {col.pattern}", pc.and_(valid, pc.invert(_m(ok)))))
    if col.allowed:
        ok = pc.is_in(a, pa.array(col.allowed, pa.string()))
        out.append((allowed_rule(col), pc.and_(valid, pc.invert(_m(ok)))))
    if col.minimum is not None or col.maximum is not None:
        inside = pa.array(np.ones(len(a), dtype=bool))
        if col.minimum is not None:
            cmp = pc.greater if col.min_exclusive else pc.greater_equal
            inside = pc.and_(inside, _m(cmp(a, col.minimum)))
        if col.maximum is not None:
            inside = pc.and_(inside, _m(pc.less_equal(a, col.maximum)))
        out.append((range_rule(col), pc.and_(valid, pc.invert(inside))))
    # the limits on every table (contract version 2)
    if is_amount(col.name, col.type):
        out.append((AMOUNT_LIMIT_RULE, _m(pc.greater(a, MAX_AMOUNT_USD))))
    if col.type == "date":
        inside = pc.and_(_m(pc.greater_equal(a, pa.scalar(FIRST_DATE, pa.date32()))),
                         _m(pc.less_equal(a, pa.scalar(LAST_DATE, pa.date32()))))
        out.append((DATE_LIMIT_RULE, pc.and_(valid, pc.invert(inside))))
    if limited_length(col):
        out.append((TEXT_LIMIT_RULE, _m(pc.greater(pc.utf8_length(a), MAX_TEXT_CHARS))))
    if col.fk and fk_keys is not None:
        ok = pc.is_in(a, fk_keys)
        out.append((f"not found in {col.fk[0]}.{col.fk[1]}", pc.and_(valid, pc.invert(_m(ok)))))
    return out


def check_rows(report: Report, where: str, spec: Table, columns: dict[str, pa.Array],
               rowmap: RowMap, fk_keys: dict[tuple[str, str], pa.Array],
               failed: dict[str, pa.Array] | None = None) -> None:
    """Judge every row rule of every present column; one problem per cell at most."""
    for col in spec.columns:
        a = columns.get(col.name)
        if a is None:
            continue
        bad = failed.get(col.name) if failed else None
        if bad is None:
            bad = pa.array(np.zeros(len(a), dtype=bool))
        rules = column_rules(col, a, fk_keys.get(col.fk) if col.fk else None)
        for rule, mask in rules + allowed_by_rules(col, a, columns):
            mask = pc.and_(_m(mask), pc.invert(bad))
            if report.rows(where, spec.name, col.name, rule, mask, a, rowmap):
                bad = pc.or_(bad, mask)


def allowed_by_rules(col: Column, a: pa.Array,
                     columns: dict[str, pa.Array]) -> list[tuple[str, pa.Array]]:
    """(rule, mask) for a column whose allowed values depend on another column of the row
    (`Column.allowed_by`: ranges.range_class by side); judged where the other is valid."""
    if col.allowed_by is None or columns.get(col.allowed_by[0]) is None:
        return []
    other, choices = col.allowed_by[0], col.allowed_by[1]
    key = columns[other]
    out = []
    for value, allowed in choices:
        ok = pc.is_in(a, pa.array(allowed, pa.string()))
        mask = pc.and_(_m(pc.equal(key, value)), pc.and_(pc.is_valid(a), pc.invert(_m(ok))))
        out.append((f"for {other} {value} must be one of {', '.join(allowed)}", mask))
    return out


def sum_rule(col: Column) -> str:
    return f"the column's values must sum to at most {_num(col.sum_max)}"


def check_sums(report: Report, where: str, spec: Table, columns: dict[str, pa.Array],
               rowmap: RowMap) -> None:
    """Columns whose non-null values sum to at most a bound (agencies.cost_share): the row
    where the running sum first passes it is named, with the whole column's sum."""
    for col in spec.columns:
        a = columns.get(col.name)
        if col.sum_max is None or a is None:
            continue
        values = np.asarray(pc.fill_null(pc.cast(a, pa.float64()), 0.0)
                            .to_numpy(zero_copy_only=False), dtype=float)
        # a value outside the column's range is reported by its row rule, not summed here
        inside = np.isfinite(values)
        if col.minimum is not None:
            inside &= values >= col.minimum
        if col.maximum is not None:
            inside &= values <= col.maximum
        values = np.where(inside, values, 0.0)
        running = np.cumsum(values)
        over = np.flatnonzero(running > col.sum_max + COST_SHARE_SUM_TOLERANCE)
        if over.size:
            total = float(running[-1])
            report.error(where, f"{sum_rule(col)}: they sum to {total:.6g} (the sum passes "
                         f"{_num(col.sum_max)} at this row)", table=spec.name, column=col.name,
                         row=rowmap.rows(over[:1])[0], value=float(values[over[0]]))


def check_unique(report: Report, where: str, spec: Table, columns: dict[str, pa.Array],
                 rowmap: RowMap) -> None:
    """Unique columns and the unique pair: every repeat of an earlier row is reported."""
    groups = [(c.name,) for c in spec.columns if c.unique]
    if spec.unique_together:
        groups.append(tuple(spec.unique_together))
    for keys in groups:
        if any(k not in columns for k in keys):
            continue
        n = len(columns[keys[0]])
        t = pa.table({**{k: columns[k] for k in keys}, "__i": pa.array(np.arange(n))})
        for k in keys:
            t = t.filter(pc.is_valid(t[k]))
        g = t.group_by(list(keys), use_threads=False).aggregate([("__i", "min"), ("__i", "count")])
        g = g.filter(pc.greater(g["__i_count"], 1))
        if g.num_rows == 0:
            continue
        j = t.join(g.select([*keys, "__i_min"]), keys=list(keys), join_type="inner",
                   use_threads=False)
        j = j.filter(pc.not_equal(j["__i"], j["__i_min"])).sort_by("__i")
        idx = np.asarray(j["__i"])
        mask = np.zeros(n, dtype=bool)
        mask[idx] = True
        firsts = rowmap.rows(np.asarray(j["__i_min"])[:MAX_EXAMPLES])
        notes = [f"row {r} has the same" for r in firsts]
        if len(keys) == 1:
            values = columns[keys[0]]
            label, rule = keys[0], "must be unique"
        else:  # shown as "ERP / UNDP"
            parts = [pc.fill_null(pc.cast(columns[k], pa.string()), "") for k in keys]
            values = pc.binary_join_element_wise(*parts, " / ")
            label, rule = " + ".join(keys), "the pair must be unique"
        report.rows(where, spec.name, label, rule, pa.array(mask), values, rowmap, notes)


def fk_parents(typed: dict[str, dict[str, pa.Array]]) -> dict[tuple[str, str], pa.Array]:
    """The key values each foreign key may point to (only for tables that were read)."""
    out: dict[tuple[str, str], pa.Array] = {}
    for spec in TABLES.values():
        for col in spec.columns:
            if col.fk and col.fk[0] in typed and col.fk[1] in typed[col.fk[0]]:
                keys = typed[col.fk[0]][col.fk[1]]
                out[col.fk] = pc.unique(keys.filter(pc.is_valid(keys)))
    return out


# --------------------------------------------------------------------------------------
# Validating a source (ingest)
# --------------------------------------------------------------------------------------
@dataclass
class SourceTable:
    """One table as read from a source, before coercion."""

    name: str  # contract table
    where: str  # what the user calls it: "costs.csv", "sheet 'costs' in book.xlsx"
    columns: dict[str, pa.Array]  # header -> cells (text for CSV/Excel, typed for Parquet)
    rowmap: RowMap
    num_rows: int
    # cells the reader has already reported (e.g. a formula without a saved value), per
    # column: no other rule is judged on them, so each gets one message
    reported: dict[str, np.ndarray] = field(default_factory=dict)


def suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=1, cutoff=0.75)
    if not close:
        return ""
    match = next(k for k in known if k.lower() == close[0])
    return f" (did you mean {match}?)"


def validate_sources(sources: dict[str, SourceTable], report: Report) -> dict[str, pa.Table]:
    """Coerce and check every table read; returns the typed tables (valid if report.ok).

    Missing tables are the reader's to report; a missing column is an error, a column the
    contract does not know is a warning and is not stored.
    """
    typed: dict[str, dict[str, pa.Array]] = {}
    failed: dict[str, dict[str, pa.Array]] = {}
    for name, src in sources.items():
        spec = TABLES[name]
        typed[name], failed[name] = {}, {}
        for header in src.columns:
            if header not in spec.column_names:
                report.warning(src.where, f"column {header!r} is not in the contract for {name} "
                               f"and will not be stored{suggest(header, spec.column_names)}",
                               table=name, column=header)
        for col in spec.columns:
            if col.name not in src.columns and col.optional:
                continue  # an optional column may be absent (it then reads as all null)
            if col.name not in src.columns:
                report.error(src.where, f"column {col.name} is missing (the header must have: "
                             f"{', '.join(spec.column_names)})", table=name)
                continue
            values, problems, column_problem = coerce(col, src.columns[col.name])
            if column_problem:
                report.error(src.where, column_problem, table=name, column=col.name)
                continue
            bad = pa.array(src.reported.get(col.name, np.zeros(src.num_rows, dtype=bool)))
            for rule, mask in problems:
                mask = pc.and_(_m(mask), pc.invert(bad))
                if report.rows(src.where, name, col.name, rule, mask, src.columns[col.name],
                               src.rowmap):
                    bad = pc.or_(bad, mask)
            typed[name][col.name] = values
            failed[name][col.name] = bad
    keys = fk_parents(typed)
    for name, src in sources.items():
        check_rows(report, src.where, TABLES[name], typed[name], src.rowmap, keys, failed[name])
        check_unique(report, src.where, TABLES[name], typed[name], src.rowmap)
        check_sums(report, src.where, TABLES[name], typed[name], src.rowmap)
    out: dict[str, pa.Table] = {}
    for name, cols in typed.items():
        spec = TABLES[name]
        schema = spec.arrow_schema(present=cols)
        if set(cols) == set(schema.names):
            out[name] = pa.table([cols[c] for c in schema.names], schema=schema)
    return out


# --------------------------------------------------------------------------------------
# Validating a published snapshot
# --------------------------------------------------------------------------------------
def _keys_of(folder: Path, table: str, column: str) -> pa.Array | None:
    try:
        arr = pq.read_table(folder / TABLES[table].file_name, columns=[column])[column]
    except Exception:  # noqa: BLE001 - an unreadable file is reported by check_folder
        return None
    arr = arr.combine_chunks()
    return pc.unique(arr.filter(pc.is_valid(arr)))


def validate_snapshot(folder: Path, report: Report, batch_rows: int = BATCH_ROWS) -> None:
    """Every manifest check and every rule on one snapshot folder, batch by batch."""
    label = f"snapshots/{folder.name}"
    _, problems = folders.check_folder(folder, limits=False)  # rows judged below
    for p in problems:
        report.error(label, p)
    keys: dict[tuple[str, str], pa.Array] = {}
    for spec in TABLES.values():
        for col in spec.columns:
            if col.fk and col.fk not in keys:
                k = _keys_of(folder, *col.fk)
                if k is not None:
                    keys[col.fk] = k
    for spec in TABLES.values():
        path = folder / spec.file_name
        where = f"{label}/{spec.file_name}"
        if spec.optional and not path.exists():
            continue  # an optional table may be absent (check_folder judges the manifest)
        try:
            pf = pq.ParquetFile(path)
        except Exception:  # noqa: BLE001 - reported by check_folder already
            continue
        present = [c for c in spec.column_names if c in pf.schema_arrow.names]
        start = 0
        try:
            for batch in pf.iter_batches(batch_size=batch_rows, columns=present):
                rowmap = RowMap(offset=start + 1)
                cols: dict[str, pa.Array] = {}
                failed: dict[str, pa.Array] = {}
                for col in spec.columns:
                    if col.name not in present:
                        continue
                    raw = batch.column(col.name)
                    values, probs, column_problem = coerce(col, raw)
                    if column_problem:
                        report.error(where, column_problem, table=spec.name, column=col.name)
                        continue
                    bad = pa.array(np.zeros(len(raw), dtype=bool))
                    for rule, mask in probs:
                        mask = pc.and_(_m(mask), pc.invert(bad))
                        if report.rows(where, spec.name, col.name, rule, mask, raw, rowmap):
                            bad = pc.or_(bad, mask)
                    cols[col.name], failed[col.name] = values, bad
                check_rows(report, where, spec, cols, rowmap, keys, failed)
                start += batch.num_rows
            unique_cols = {c.name for c in spec.columns if c.unique} | set(spec.unique_together)
            unique_cols &= set(present)
            if unique_cols:
                t = pq.read_table(path, columns=sorted(unique_cols))
                cols = {c: coerce(spec.column(c), t[c])[0] for c in unique_cols}
                check_unique(report, where, spec, cols, RowMap(offset=1))
            summed = [c.name for c in spec.columns if c.sum_max is not None and c.name in present]
            if summed:
                t = pq.read_table(path, columns=summed)
                cols = {c: coerce(spec.column(c), t[c])[0] for c in summed}
                check_sums(report, where, spec, cols, RowMap(offset=1))
        except Exception as e:  # noqa: BLE001 - a damaged file is a finding, not a crash
            report.error(where, f"cannot be read as Parquet ({e})", table=spec.name)



__all__ = [
    "MAX_EXAMPLES", "MAX_LINES", "Report", "RowMap", "SourceTable", "coerce", "describe",
    "check_rows", "check_unique", "validate_snapshot", "validate_sources",
]
