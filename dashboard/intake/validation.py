"""The rules engine of the data contract, shared by `ingest` and `validate`.

Every rule comes from dashboard/contract/schema.py (column types, not-null, allowed values,
patterns, non-empty, unique, ranges, finiteness, foreign keys, unique pairs); nothing is
restated here. The work is vectorized with pyarrow compute: each rule yields a mask of
offending rows, of which the first few are listed (dashboard/intake/report.py) and the rest
counted.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.schema import (
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
from dashboard.intake.coercion import coerce, filled_mask
from dashboard.intake.rule_words import (
    allowed_rule,
    amount_limit_rule,
    date_limit_rule,
    limited_length,
    number_text,
    range_rule,
    text_limit_rule,
)
from dashboard.intake.validation_report import MAX_EXAMPLES, Report, RowMap
from dashboard.lang.translate import _


# --------------------------------------------------------------------------------------
# Row rules on typed columns
# --------------------------------------------------------------------------------------
def column_rules(col: Column, a: pa.Array,
                 fk_keys: pa.Array | None) -> list[tuple[str, pa.Array]]:
    """(rule, mask) for every row rule of the column, in the order they are judged."""
    out: list[tuple[str, pa.Array]] = []
    valid = pc.is_valid(a)
    if not col.nullable:
        out.append((_("a value is required"), pc.is_null(a)))
    if col.type == "double" and col.finite:
        out.append((_("must be a finite number"), pc.and_(valid, pc.invert(filled_mask(pc.is_finite(a))))))
    if col.non_empty and col.type == "string":
        out.append((_("must not be blank"), filled_mask(pc.equal(pc.utf8_trim_whitespace(a), ""))))
    if col.pattern:
        ok = pc.match_substring_regex(a, f"^(?:{col.pattern})$")
        out.append((_("must match the pattern {pattern}").format(pattern=col.pattern),
                    pc.and_(valid, pc.invert(filled_mask(ok)))))
    if col.allowed:
        ok = pc.is_in(a, pa.array(col.allowed, pa.string()))
        out.append((allowed_rule(col), pc.and_(valid, pc.invert(filled_mask(ok)))))
    if col.minimum is not None or col.maximum is not None:
        inside = pa.array(np.ones(len(a), dtype=bool))
        if col.minimum is not None:
            cmp = pc.greater if col.min_exclusive else pc.greater_equal
            inside = pc.and_(inside, filled_mask(cmp(a, col.minimum)))
        if col.maximum is not None:
            inside = pc.and_(inside, filled_mask(pc.less_equal(a, col.maximum)))
        out.append((range_rule(col), pc.and_(valid, pc.invert(inside))))
    # the limits on every table (contract version 2)
    if is_amount(col.name, col.type):
        out.append((amount_limit_rule(), filled_mask(pc.greater(a, MAX_AMOUNT_USD))))
    if col.type == "date":
        inside = pc.and_(filled_mask(pc.greater_equal(a, pa.scalar(FIRST_DATE, pa.date32()))),
                         filled_mask(pc.less_equal(a, pa.scalar(LAST_DATE, pa.date32()))))
        out.append((date_limit_rule(), pc.and_(valid, pc.invert(inside))))
    if limited_length(col):
        out.append((text_limit_rule(), filled_mask(pc.greater(pc.utf8_length(a), MAX_TEXT_CHARS))))
    if col.fk and fk_keys is not None:
        ok = pc.is_in(a, fk_keys)
        out.append((_("not found in {table}.{column}").format(table=col.fk[0], column=col.fk[1]),
                    pc.and_(valid, pc.invert(filled_mask(ok)))))
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
            mask = pc.and_(filled_mask(mask), pc.invert(bad))
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
        mask = pc.and_(filled_mask(pc.equal(key, value)),
                       pc.and_(pc.is_valid(a), pc.invert(filled_mask(ok))))
        out.append((_("for {column} {value} must be one of {values}").format(
            column=other, value=value, values=", ".join(allowed)), mask))
    return out


def sum_rule(col: Column) -> str:
    return _("the column's values must sum to at most {limit}").format(
        limit=number_text(col.sum_max))


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
            report.error(where, _("{rule}: they sum to {total} (the sum passes {limit} at this "
                                  "row)").format(rule=sum_rule(col), total=f"{total:.6g}",
                                                 limit=number_text(col.sum_max)),
                         table=spec.name, column=col.name,
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
        notes = [_("row {row} has the same").format(row=r) for r in firsts]
        if len(keys) == 1:
            values = columns[keys[0]]
            label, rule = keys[0], _("must be unique")
        else:  # shown as "ERP / UNDP"
            parts = [pc.fill_null(pc.cast(columns[k], pa.string()), "") for k in keys]
            values = pc.binary_join_element_wise(*parts, " / ")
            label, rule = " + ".join(keys), _("the pair must be unique")
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
    return " " + _("(did you mean {name}?)").format(name=match)


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
                report.warning(src.where, _("column {column} is not in the contract for {table} "
                                            "and will not be stored").format(
                                                column=repr(header), table=name)
                               + suggest(header, spec.column_names),
                               table=name, column=header)
        for col in spec.columns:
            if col.name not in src.columns and col.optional:
                continue  # an optional column may be absent (it then reads as all null)
            if col.name not in src.columns:
                report.error(src.where, _("column {column} is missing (the header must have: "
                                          "{columns})").format(
                                              column=col.name, columns=", ".join(spec.column_names)),
                             table=name)
                continue
            values, problems, column_problem = coerce(col, src.columns[col.name])
            if column_problem:
                report.error(src.where, column_problem, table=name, column=col.name)
                continue
            bad = pa.array(src.reported.get(col.name, np.zeros(src.num_rows, dtype=bool)))
            for rule, mask in problems:
                mask = pc.and_(filled_mask(mask), pc.invert(bad))
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
