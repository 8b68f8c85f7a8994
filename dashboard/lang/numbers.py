"""Numbers, money, percentages and dates in the reader's language, from Babel's CLDR data.

The rules are the dashboard's (dashboard/formatting.py's docstring: money under $10 with
cents, below 1,000 in whole dollars, then one decimal with thousands, millions or
billions; a percentage with one decimal); the symbols, the units' words and their order come from the
language's CLDR data, so English reads exactly as before ("$126.4M", "5.0%") and French as
a French reader expects ("126,4 M $US", "5,0 %", no-break spaces where CLDR puts them;
thousands in full, "807 800 $US", where CLDR's French abbreviates them "807,8 k $US").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

from babel import Locale
from babel.dates import format_date

from dashboard.lang.translate import current
from dashboard.lang.typography import keep_dates

MISSING = "—"
# (size, CLDR compact key, decimals): the dashboard's units and their decimals
_STEPS = ((1e3, "1000", 1), (1e6, "1000000", 1), (1e9, "1000000000", 1))
CENTS_BELOW = 10  # amounts under this many dollars are shown with cents


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _money_patterns(lang: str) -> dict[str, str]:
    """The CLDR short compact currency patterns ('¤0K', '0 M ¤', ...) by unit key, with the
    plain pattern for amounts below 1,000 under '1' ('¤0', '0 ¤')."""
    loc = _locale(lang)
    compact = loc.compact_currency_formats["short"]["other"]
    out = {key: str(compact[key].pattern) for _size, key, _d in _STEPS}
    standard = str(loc.currency_formats["standard"].pattern).split(";")[0]
    out["1"] = standard.replace("#,##0.00", "0")
    return out


def _missing(value: object) -> bool:
    try:
        return value is None or math.isnan(float(value)) or math.isinf(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


# The minus sign by language. CLDR's French (Babel's data) writes the hyphen-minus, which
# French typography reads as a dash and which may start a line; French writes U+2212
# "−", of line-break class PR (Unicode UAX #14): no line breaks between it and the digit
# after it, so a figure never leaves its sign behind (FR #9, round 2). English: CLDR's.
MINUS_SIGNS = {"fr": "\u2212"}


def minus(lang: str | None = None) -> str:
    """The language's minus sign: '-' in English, '−' (U+2212) in French."""
    lang = lang or current()
    return MINUS_SIGNS.get(lang, _locale(lang).number_symbols["latn"]["minusSign"])


@cache
def _symbols(lang: str) -> tuple[dict[int, str], str, str]:
    """The language's decimal sign, group separator and minus sign as a str.translate
    table (from Python's "-1,234.5"), and the percent pattern's text before and after the
    number."""
    symbols = _locale(lang).number_symbols["latn"]
    table = str.maketrans({",": symbols["group"], ".": symbols["decimal"], "-": minus(lang)})
    before, _number, after = str(_locale(lang).percent_formats[None].pattern).partition("#,##0")
    return table, before, after


def number(value: float, decimals: int, lang: str | None = None) -> str:
    """A number with its thousands grouped and exactly `decimals` decimals, in the
    language's signs: what Babel's format_decimal writes with the pattern "#,##0.0…" (the
    tests check it), made from Python's own formatting, which is ten times faster (a
    table or a chart's hovers format thousands of numbers)."""
    return f"{value:,.{decimals}f}".translate(_symbols(lang or current())[0])


def money(value: object, lang: str | None = None) -> str:
    """'$0.96', '$255', '$12.3K', '$126.4M', '$1.2B' in English; '0,96 $US', '255 $US',
    '12 300 $US', '126,4 M $US', '1,2 Md $US' in French; '—' when missing."""
    if _missing(value):
        return MISSING
    lang = lang or current()
    x = float(value)  # type: ignore[arg-type]
    a = abs(x)
    key, scaled, decimals = "1", float(round(a)), 0
    if round(a, 2) == 0:
        scaled = 0.0
    elif round(a, 2) < CENTS_BELOW:
        scaled, decimals = a, 2
    elif round(a) >= 1000:
        # the unit from the rounded value, so 999,960 reads "$1.0M", not "$1000.0K"
        for i, (size, k, d) in enumerate(_STEPS):
            s = round(a / size, d)
            if s < 1000 or i == len(_STEPS) - 1:
                key, scaled, decimals = k, s, d
                break
    text = scaled_money(scaled, key, decimals, lang)
    zero = scaled == 0
    return text if x >= 0 or zero else minus(lang) + text


UNIT_KEYS = {1.0: "1", 1e3: "1000", 1e6: "1000000", 1e9: "1000000000"}  # size: CLDR key
# languages that write thousands in full ("807 800 $US"): CLDR's French "k" ("807,8 k $US")
# is an English, engineer's abbreviation that UN French documents never use (FR #10)
THOUSANDS_IN_FULL = frozenset({"fr"})


def thousands_in_full(lang: str | None = None) -> bool:
    """Whether the language writes thousands in full ("12 300 $US", not "$12.3K")."""
    return (lang or current()) in THOUSANDS_IN_FULL


def scaled_money(scaled: float, key: str, decimals: int, lang: str | None = None) -> str:
    """An amount already divided by its unit (`key`: "1", "1000", "1000000",
    "1000000000"), with `decimals` decimals, in the language's pattern: (12.3, "1000", 1)
    reads "$12.3K" in English (a money axis gives every tick one unit); in French, which
    writes thousands in full, "12 300 $US" (the same rounding: to the hundred)."""
    lang = lang or current()
    if key == "1000" and lang in THOUSANDS_IN_FULL:
        key, scaled, decimals = "1", round(scaled, decimals) * 1000, max(0, decimals - 3)
    pattern = _money_patterns(lang)[key]
    symbol = _currency_symbol(lang)
    return pattern.replace("0", number(scaled, decimals, lang), 1).replace("¤", symbol)


@cache
def _currency_symbol(lang: str) -> str:
    return _locale(lang).currency_symbols.get("USD", "US$")


def plain_percent(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A fraction as a percentage without grouping, its sign as Python writes it:
    0.425 -> '42.5%' / '42,5 %' (a share in [0, 1])."""
    table, before, after = _symbols(lang or current())
    return before + f"{value * 100:.{decimals}f}".translate(table) + after


RATIO_SIGNS = {"en": "x", "fr": "\u202f×"}  # French: a multiplication sign kept on the line


def ratio(value: float, lang: str | None = None, decimals: int = 1) -> str:
    """A benefit-cost ratio with one decimal (or `decimals`): '1.2x' in English; '1,2 ×'
    in French (the multiplication sign after a narrow no-break space: a Latin x glued to
    the number is English usage)."""
    lang = lang or current()
    return number(value, decimals, lang) + RATIO_SIGNS.get(lang, "x")


def ordinal(n: int, lang: str | None = None) -> str:
    """A place in an order: '#3' in English (the dashboard's rank), '1er', '2e', '3e' in
    French (the French abbreviations of premier, deuxième...)."""
    if (lang or current()) == "fr":
        return f"{n}er" if n == 1 else f"{n}e"
    return f"#{n}"


def percent(value: object, lang: str | None = None, *, signed: bool = False) -> str:
    """A fraction as a percentage with one decimal: '5.0%' / '5,0 %' (signed: '+5.0%')."""
    if _missing(value):
        return MISSING
    lang = lang or current()
    x = float(value)  # type: ignore[arg-type]
    _table, before, after = _symbols(lang)
    text = before + number(abs(x) * 100, 1, lang) + after
    if text.replace(",", ".").lstrip("0.").strip("%\u202f\u00a0 ") == "":
        return text  # no sign on a change that rounds to nothing
    sign = minus(lang) if x < 0 else ("+" if signed else "")
    return sign + text


def date(value: dt.date | str | None, lang: str | None = None) -> str:
    """A date: ISO in English ('2006-03-31', as the dashboard always wrote it); the
    language's long form otherwise ('31 mars 2006', the data contract's example), the
    first of a month in French '1er septembre 2005' (Babel writes '1 septembre')."""
    if value is None or value == "":
        return MISSING
    d = dt.date.fromisoformat(value) if isinstance(value, str) else value
    lang = lang or current()
    if lang == "en":
        return d.isoformat()
    text = format_date(d, format="long", locale=lang)
    if lang == "fr" and d.day == 1:
        text = re.sub(r"^1(?=\s)", "1er", text)
    return keep_dates(text) if lang == "fr" else text  # one line: "31 mars 2006" (FR #22)


def utc_time(text: str, lang: str | None = None) -> str:
    """A moment written "2026-12-03 17:58 UTC" (the pack's cover) in the language: as
    given in English; its date as `date` writes it otherwise ("3 décembre 2026, 17:58 UTC").
    Text of another form is given back as it is."""
    day, _sep, rest = text.partition(" ")
    if (lang or current()) == "en" or not rest:
        return text
    try:
        return f"{date(day, lang)}, {rest}"
    except ValueError:
        return text


def decimal_sign(lang: str | None = None) -> str:
    """The language's decimal sign: '.' in English, ',' in French."""
    return _locale(lang or current()).number_symbols["latn"]["decimal"]


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's layout.separators for the language: its decimal sign, then its group
    separator ('.,' in English; ', ' with a narrow no-break space in French)."""
    symbols = _locale(lang or current()).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


_SPACES = " \u00a0\u202f\u2009"  # a space, no-break, narrow no-break, thin: each groups digits
_CURRENCY = re.compile(r"^(?:US\$|\$US|\$)|(?:US\$|\$US|\$)$")


def parse_number(text: str, lang: str | None = None) -> float | None:
    """A number >= 0 as a reader of `lang` types it, the inverse of `number`: its digits
    grouped by threes with the language's group sign or a space ("50,000,000", "50 000
    000"), or not grouped ("50000000"), a decimal part after the language's decimal sign,
    a dollar sign before or after; None when the text is no such number ("50.000.000" in
    English, "12,5,0", "fifty")."""
    symbols = _locale(lang or current()).number_symbols["latn"]
    t = "".join(" " if c in _SPACES else c for c in text).strip()
    t = _CURRENCY.sub("", t).strip()
    group = " " + ("" if symbols["group"] in _SPACES else symbols["group"])
    sep = "[" + re.escape(group) + "]"
    point = re.escape(symbols["decimal"])
    found = re.fullmatch(rf"(\d{{1,3}}(?:{sep}\d{{3}})+|\d+)(?:{point}(\d+))?", t)
    if found is None:
        return None
    whole = re.sub(r"\D", "", found.group(1))
    return float(f"{whole}.{found.group(2) or '0'}")
