"""Numbers, money, percentages and dates in the reader's language, from Babel's CLDR data.

The rules are the dashboard's (dashboard/formatting.py's docstring: money under $10 with
cents, below 1,000 in whole dollars, then one decimal with thousands, millions or
billions; a percentage with one decimal); the symbols, the units' words and their order come from the
language's CLDR data, so English reads exactly as before ("$126.4M", "5.0%") and French as
a French reader expects ("126,4 M $US", "5,0 %", no-break spaces where CLDR puts them).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from dashboard.lang.translate import current

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


def number(value: float, decimals: int, lang: str | None = None) -> str:
    """A number with its thousands grouped and exactly `decimals` decimals (rounded as
    Python rounds the float, so English reads exactly as the f-strings did)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(f"{value:.{decimals}f}"), format=pattern,
                          locale=lang or current())


def money(value: object, lang: str | None = None) -> str:
    """'$0.96', '$255', '$12.3K', '$126.4M', '$1.2B' in English; '0,96 $US', '255 $US',
    '12,3 k $US', '126,4 M $US', '1,2 Md $US' in French; '—' when missing."""
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
    pattern = _money_patterns(lang)[key]
    symbol = _locale(lang).currency_symbols.get("USD", "US$")
    text = pattern.replace("0", number(scaled, decimals, lang), 1).replace("¤", symbol)
    zero = scaled == 0
    return text if x >= 0 or zero else "-" + text


def percent(value: object, lang: str | None = None, *, signed: bool = False) -> str:
    """A fraction as a percentage with one decimal: '5.0%' / '5,0 %' (signed: '+5.0%')."""
    if _missing(value):
        return MISSING
    lang = lang or current()
    x = float(value)  # type: ignore[arg-type]
    pattern = str(_locale(lang).percent_formats[None].pattern).replace("#,##0", "#,##0.0")
    text = format_decimal(Decimal(f"{abs(x) * 100:.1f}") / 100, format=pattern, locale=lang)
    if text.replace(",", ".").lstrip("0.").strip("%\u202f\u00a0 ") == "":
        return text  # no sign on a change that rounds to nothing
    sign = "-" if x < 0 else ("+" if signed else "")
    return sign + text


def date(value: dt.date | str | None, lang: str | None = None) -> str:
    """A date: ISO in English ('2006-03-31', as the dashboard always wrote it); the
    language's long form otherwise ('31 mars 2006', the data contract's example)."""
    if value is None or value == "":
        return MISSING
    d = dt.date.fromisoformat(value) if isinstance(value, str) else value
    lang = lang or current()
    return d.isoformat() if lang == "en" else format_date(d, format="long", locale=lang)


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's layout.separators for the language: its decimal sign, then its group
    separator ('.,' in English; ', ' with a narrow no-break space in French)."""
    symbols = _locale(lang or current()).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]
