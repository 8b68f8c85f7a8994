"""The words of each rule of the data contract (dashboard/contract/schema.py), as a report
and the template's notes say them: types, allowed values, ranges, the limits on amounts,
dates and text.
"""

from __future__ import annotations

from dashboard.contract.schema import (
    FIRST_DATE,
    LAST_DATE,
    MAX_AMOUNT_TEXT,
    MAX_TEXT_CHARS,
    Column,
    is_amount,
)

TYPE_WORDS = {
    "string": "text",
    "bool": "true/false",
    "int": "whole number",
    "double": "number",
    "date": "date (YYYY-MM-DD)",
}


# --------------------------------------------------------------------------------------
# Rule wording, derived from the schema
# --------------------------------------------------------------------------------------
def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def range_rule(col: Column) -> str:
    lo, hi = col.minimum, col.maximum
    if lo is not None and hi is not None:
        return f"must be between {number_text(lo)} and {number_text(hi)}"
    if lo is not None:
        return f"must be {'greater than' if col.min_exclusive else 'at least'} {number_text(lo)}"
    return f"must be at most {number_text(hi)}"


# The limits of the contract (version 2) on every table, in words.
AMOUNT_LIMIT_RULE = f"must be at most {MAX_AMOUNT_TEXT} US dollars (the limit on amounts)"
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
        parts.append(f"at most {MAX_AMOUNT_TEXT}")
    if col.type == "date":
        parts.append(f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}")
    if limited_length(col):
        parts.append(f"at most {MAX_TEXT_CHARS} characters")
    if col.fk:
        parts.append(f"must exist in {col.fk[0]}.{col.fk[1]}")
    return "; ".join(parts)
