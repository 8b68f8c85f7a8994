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
    parts = [TYPE_WORDS[col.type], "optional" if col.nullable else "required"]
    return "; ".join(parts + rule_parts(col))


def range_words(col: Column) -> str:
    """A column's range in short words: "between 0 and 1", "at least 0"."""
    lo, hi = col.minimum, col.maximum
    if lo is not None and hi is not None:
        return _("between {low} and {high}").format(low=number_text(lo), high=number_text(hi))
    if lo is not None:
        return (_("greater than {low}") if col.min_exclusive else _("at least {low}")).format(
            low=number_text(lo))
    return _("at most {high}").format(high=number_text(hi))


def rule_parts(col: Column) -> list[str]:
    """A column's rules beyond its type and whether it may be empty, each in words in the
    current language: the docs' and template's (English, `describe`) and Data & methods'
    data dictionary (the reader's language, FR3 round, data dictionary)."""
    parts = []
    if col.allowed:
        parts.append(_("one of: {values}").format(values=", ".join(col.allowed)))
    if col.allowed_by:
        parts += [_("for {column} {value}: {allowed}").format(
            column=col.allowed_by[0], value=v, allowed=", ".join(a)) for v, a in col.allowed_by[1]]
    if col.pattern:
        parts.append(_("pattern {pattern}").format(pattern=col.pattern))
    if col.non_empty:
        parts.append(_("not blank"))
    if col.unique:
        parts.append(_("unique"))
    if col.minimum is not None or col.maximum is not None:
        parts.append(range_words(col))
    if col.finite:
        parts.append(_("finite"))
    if is_amount(col.name, col.type):
        parts.append(_("at most {high}").format(high=MAX_AMOUNT_TEXT))
    if col.type == "date":
        parts.append(_("{first} to {last}").format(first=FIRST_DATE.isoformat(),
                                                   last=LAST_DATE.isoformat()))
    if limited_length(col):
        parts.append(_("at most {limit} characters").format(limit=MAX_TEXT_CHARS))
    if col.fk:
        parts.append(_("must exist in {table}.{column}").format(table=col.fk[0],
                                                                column=col.fk[1]))
    return parts


def dictionary_rows(columns: list[Column]) -> list[dict[str, str]]:
    """Data & methods' data dictionary of one table, in the reader's language: each
    column's name, type, whether it may be empty, its rules and its description."""
    join = _("{first}; {then}").format(first="", then="")
    return [{"column": c.name, "type": type_words()[c.type],
             "empty allowed": _("yes") if c.nullable else _("no"),
             "rule": join.join(rule_parts(c)), "description": c.said_description}
            for c in columns]
