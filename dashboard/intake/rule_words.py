"""The words of each rule of the data contract (dashboard/contract/schema.py), as a report
and the template's notes say them: types, allowed values, ranges, the limits on amounts,
dates and text.

A rule a report states is in the reader's language (`_()` when the report is written: the
Load data page's; the command line's is English); the template's notes and the docs
(`describe`, `TYPE_WORDS`) are English. Values a file must hold (numbers, dates, codes)
are written as the file writes them in every language.
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
from dashboard.lang.translate import DEFAULT, _, language


def type_words() -> dict[str, str]:
    """Each column type in words, in the reader's language."""
    return {
        "string": _("text"),
        "bool": _("true/false"),
        "int": _("whole number"),
        "double": _("number"),
        "date": _("date (YYYY-MM-DD)"),
    }


# --------------------------------------------------------------------------------------
# Rule wording, derived from the schema
# --------------------------------------------------------------------------------------
def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def range_rule(col: Column) -> str:
    lo, hi = col.minimum, col.maximum
    if lo is not None and hi is not None:
        return _("must be between {low} and {high}").format(low=number_text(lo),
                                                             high=number_text(hi))
    if lo is not None:
        rule = _("must be greater than {low}") if col.min_exclusive else _(
            "must be at least {low}")
        return rule.format(low=number_text(lo))
    return _("must be at most {high}").format(high=number_text(hi))


# The limits of the contract (version 2) on every table, in words.
def amount_limit_rule() -> str:
    return _("must be at most {limit} US dollars (the limit on amounts)").format(
        limit=MAX_AMOUNT_TEXT)


def date_limit_rule() -> str:
    return _("must lie between {first} and {last} (the range of fiscal_year)").format(
        first=FIRST_DATE.isoformat(), last=LAST_DATE.isoformat())


def text_limit_rule() -> str:
    return _("must be at most {limit} characters long").format(limit=MAX_TEXT_CHARS)


with language(DEFAULT):  # in English: the template's notes and the docs
    TYPE_WORDS = type_words()
    AMOUNT_LIMIT_RULE = amount_limit_rule()
    DATE_LIMIT_RULE = date_limit_rule()
    TEXT_LIMIT_RULE = text_limit_rule()


def limited_length(col: Column) -> bool:
    """Free text (names, donors, codes without a pattern) is limited in length."""
    return col.type == "string" and not col.allowed and not col.pattern


def allowed_rule(col: Column) -> str:
    return _("must be one of {values} (exactly as written)").format(
        values=", ".join(col.allowed or ()))


def describe(col: Column) -> str:
    """The column's rules in words (for the template's README sheet and the docs), in
    English."""
    with language(DEFAULT):
        return _describe(col)


def _describe(col: Column) -> str:
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
