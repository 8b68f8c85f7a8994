"""Reading text cells as the contract's types: whole numbers, numbers, dates, true/false and
text (trimmed, limited), each failure a problem with the row and the value.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.schema import (
    ARROW_TYPES,
    ISO_DATE_PATTERN,
    Column,
)
from dashboard.intake.rule_words import type_words
from dashboard.lang.translate import _

NO_VALUE = object()

# Text accepted for each type (after trimming surrounding spaces; strings are kept as-is).
_INT_RE = r"^[+-]?[0-9]+(\.0*)?$"
_NUM_RE = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_SPECIAL_RE = r"(?i)^[+-]?(inf|infinity|nan)$"  # parsed, then refused by the finite rule
_INT32 = (-(2**31), 2**31 - 1)


# --------------------------------------------------------------------------------------
# Coercion: raw cells (text, or Parquet-typed) -> the contract's Arrow type
# --------------------------------------------------------------------------------------
def filled_mask(x) -> pa.Array:
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
            integral = filled_mask(pc.equal(pc.floor(arr), arr))
            as_int = pc.cast(pc.if_else(integral, arr, None), pa.int64(), safe=False)
            text = pc.if_else(integral, pc.cast(as_int, pa.string()), pc.cast(arr, pa.string()))
            return _coerce_text(col, text)
    elif col.type == "bool":
        if pa.types.is_boolean(t):
            return arr, [], None
        if pa.types.is_integer(t) or pa.types.is_floating(t):
            ok = filled_mask(pc.is_in(arr, pa.array([0, 1], type=t)))
            bad = pc.and_(pc.is_valid(arr), pc.invert(ok))
            typed = pc.if_else(ok, pc.equal(arr, pa.scalar(1, type=t)), None)
            return typed, [(_("must be true or false (or 1 / 0)"), bad)], None
    elif col.type == "int":
        if pa.types.is_integer(t):
            return _int_range(pc.cast(arr, pa.int64()))
        if pa.types.is_floating(t) or pa.types.is_decimal(t):
            f = pc.cast(arr, pa.float64())
            fin = filled_mask(pc.is_finite(f))
            integral = pc.and_(fin, filled_mask(pc.equal(pc.floor(f), f)))
            inside = pc.and_(integral, filled_mask(pc.and_(pc.greater_equal(f, _INT32[0]),
                                                  pc.less_equal(f, _INT32[1]))))
            typed = pc.cast(pc.if_else(inside, f, None), pa.int64(), safe=False)
            problems = [(_("must be a whole number"), pc.and_(pc.is_valid(f), pc.invert(integral))),
                        (_("is too large for a whole-number column"),
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
            midnight = filled_mask(pc.equal(day, arr))
            typed = pc.cast(pc.if_else(midnight, arr, None), pa.date32())
            bad = pc.and_(pc.is_valid(arr), pc.invert(midnight))
            return typed, [(_("must be a date without a time of day"), bad)], None
    # anything else: read it as text if it can be written as text, else refuse the column
    try:
        text = pc.cast(arr, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return (_null_like(target, n), [],
                _("is stored as {stored}, which cannot hold a {kind}").format(
                    stored=t, kind=type_words()[col.type]))
    return _coerce_text(col, text)


def _int_range(v64: pa.Array) -> tuple[pa.Array, list[tuple[str, pa.Array]], str | None]:
    inside = filled_mask(pc.and_(pc.greater_equal(v64, _INT32[0]), pc.less_equal(v64, _INT32[1])))
    too_big = pc.and_(pc.is_valid(v64), pc.invert(inside))
    typed = pc.cast(pc.if_else(inside, v64, None), pa.int32())
    return typed, [(_("is too large for a whole-number column"), too_big)], None


def _coerce_text(col: Column, raw: pa.Array) -> tuple[pa.Array, list, str | None]:
    """Text cells -> the column type. Empty text is null; anything unreadable is an error."""
    target = ARROW_TYPES[col.type]
    if col.type == "string":
        # kept exactly as written (spaces, apostrophes, any Unicode); only "" means empty
        return pc.if_else(filled_mask(pc.equal(raw, "")), pa.scalar(None, pa.string()), raw), [], None
    s = pc.utf8_trim_whitespace(raw)
    present = filled_mask(pc.not_equal(s, ""))
    problems: list[tuple[str, pa.Array]] = []
    has_comma = filled_mask(pc.match_substring(s, ","))
    if col.type == "bool":
        low = pc.utf8_lower(s)
        yes = pc.or_(filled_mask(pc.equal(low, "true")), filled_mask(pc.equal(s, "1")))
        no = pc.or_(filled_mask(pc.equal(low, "false")), filled_mask(pc.equal(s, "0")))
        ok = pc.or_(yes, no)
        typed = pc.if_else(yes, True, pc.if_else(no, False, pa.scalar(None, pa.bool_())))
        problems.append((_("must be true or false (any case), or 1 / 0"),
                         pc.and_(present, pc.invert(ok))))
        return typed, problems, None
    if col.type == "int":
        fmt = filled_mask(pc.match_substring_regex(s, _INT_RE))
        digits = pc.replace_substring_regex(s, r"^\+|\.0*$", "")
        short = filled_mask(pc.less_equal(pc.utf8_length(digits), 12))
        ok = pc.and_(fmt, short)
        v64 = pc.cast(pc.if_else(ok, digits, pa.scalar(None, pa.string())), pa.int64())
        typed, range_problems, _none = _int_range(v64)
        problems.append((_("must be a whole number without thousands separators "
                           "(write 1000, not 1,000)"), pc.and_(present, has_comma)))
        problems.append((_("must be a whole number"),
                         pc.and_(pc.and_(present, pc.invert(has_comma)), pc.invert(fmt))))
        problems.append((_("is too large for a whole-number column"),
                         pc.and_(fmt, pc.invert(short))))
        problems.extend(range_problems)
        return typed, problems, None
    if col.type == "double":
        ok = pc.or_(filled_mask(pc.match_substring_regex(s, _NUM_RE)),
                    filled_mask(pc.match_substring_regex(s, _SPECIAL_RE)))
        typed = pc.cast(pc.if_else(ok, s, pa.scalar(None, pa.string())), pa.float64())
        problems.append((_("must be a plain number: no thousands separators, and a dot for "
                           "decimals (write 1234.5, not 1,234.5)"), pc.and_(present, has_comma)))
        problems.append((_("must be a number (digits with an optional decimal point; no units, "
                           "letters or currency signs: write 12000, not 12k or $12,000)"),
                         pc.and_(pc.and_(present, pc.invert(has_comma)), pc.invert(ok))))
        return typed, problems, None
    if col.type == "date":
        shape = filled_mask(pc.match_substring_regex(s, ISO_DATE_PATTERN))
        parsed = pc.strptime(pc.if_else(shape, s, pa.scalar(None, pa.string())),
                             format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime is lenient (2005-02-30 -> 2005-03-02): a real date writes back the same
        real = filled_mask(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), s))
        ok = pc.and_(shape, real)
        typed = pc.cast(pc.if_else(ok, parsed, pa.scalar(None, parsed.type)), pa.date32())
        problems.append((_("must be a date written YYYY-MM-DD, e.g. 2005-09-01"),
                         pc.and_(present, pc.invert(shape))))
        problems.append((_("is not a real calendar date"), pc.and_(shape, pc.invert(real))))
        return typed, problems, None
    raise AssertionError(f"unknown column type {col.type!r} for {target}")  # pragma: no cover
