"""Numbers formatted for people: money, ratios, counts, shares, percentages, dates.

The one formatter of the dashboard: tiles, chart axes (`money_ticks`), hovers, bar labels
and tables all use it, so a figure reads the same everywhere.

Money (`format_usd`): under $10 with cents ("$0.96", "$9.40", so "$0.96 cost, $9.03
benefit, 9.4x" agree), then whole dollars below 1,000 ("$255"), then one decimal with K, M
or B ("$12.3K", "$12.3M", "$1.2B": the same decimals for every unit). Negative amounts
carry a leading minus ("-$12.3K"). A change (`format_usd_change`) always carries its sign
("+$12.3K", "-$12.3K"). Percentages have one decimal ("5.0%", "11.9%"). A relative change
beyond ±1,000% (`format_relative_change`: a change from a tiny or zero base) is no
percentage but the base: "from $150". A chance from the simulation (`format_probability`)
reads "100%" or "0%" only when exactly all or none of the outcomes, else ">99.9%" or
"<0.1%" ("> 99,9 %" in French, a no-break space after the sign) where one decimal would
round to either; a score's factor scaled 0 to 1
(`format_scaled`) reads "<0.01" above 0. A rank reads "#3", one shared by equal scores "=1"
(`format_rank`; French "3e", "=1er"). A money axis's ticks (`money_ticks`, `money_tick`)
carry no needless ".0" and each its own unit ("$500M, $1B, $1.5B", never "$0.5B,
$1.0B"); a percent axis's (`percent_ticks`) are written here too ("50%" / "50 %"). Lists
read "A, B and C" (`and_list`). Missing values (None, NaN) are an em dash. The minus sign
is `numbers.minus()`: the hyphen-minus in English, U+2212 "−" in French (Babel's French data
writes a hyphen; French typography a minus sign that never breaks from its figure).

The numbers are written in the reader's language by dashboard/lang/numbers.py (Babel's
CLDR data: "126,4 M $US", "5,0 %", "1er septembre 2005", "1,8 ×" in French; amounts under
a million in full, rounded as "K" rounds them, "807 800 $US" for "$807.8K": CLDR's French
"807,8 k $US" is no UN French usage, so no French axis mixes "k" and "M"); in English
exactly as described above. Amounts read together are on one scale in French (FR3 #7): an
axis with a tick in millions has all its ticks in millions (`money_ticks`: « 0,5 M $US »),
a table's column or a chart's value labels with an amount in millions all theirs
(`usd_formatter`: « 0,9 M $US » beside « 2,1 M $US », « 0,05 M $US » where one decimal
would read 0,0).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.lang.typography import compared

MISSING = "—"
NO_DATA = N_("No data for these filters")  # a chart, a table or a page with no rows

_STEPS = (
    (1e9, "B", 1),
    (1e6, "M", 1),
    (1e3, "K", 1),
)


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


CENTS_BELOW = 10  # amounts under this many dollars are shown with cents
WHOLE_BELOW = 1000  # then whole dollars; from here K, M, B with one decimal


def format_usd(value: object) -> str:
    """'$0.96', '$255', '$12.3K', '$12.3M', '$1.2B'; '$0' for nothing; '—' when missing."""
    if is_missing(value):
        return MISSING
    return numbers.money(value)


NO_BREAK = "\u00a0"
# a unit in brackets after a word, "(US$)", "(%)": kept with its word on one line
_UNIT_SHAPE = r"\(([^\s()]{1,8})\)"
_UNIT = re.compile(rf" ({_UNIT_SHAPE})")
_LAST_UNIT = re.compile(rf"[ {NO_BREAK}]{_UNIT_SHAPE}$")


def keep_units(text: str) -> str:
    """The text with every bracketed unit ("(US$)", "(%)") joined to the word before it by
    a no-break space, so a wrapped title never leaves "(US$)" alone on its own line."""
    return _UNIT.sub(NO_BREAK + r"\1", text)


def last_unit(text: str) -> tuple[str, str | None]:
    """A title and the bracketed unit it ends with: ('Cost by year', 'US$') from
    'Cost by year (US$)'; (text, None) when it ends with no unit."""
    m = _LAST_UNIT.search(text)
    return (text[:m.start()], m.group(1)) if m else (text, None)


def format_date(value: object) -> str:
    """A date in the reader's language: '2006-03-31' in English (as always written),
    '31 mars 2006' in French; '—' when missing."""
    if is_missing(value) and not isinstance(value, str):
        return MISSING
    return numbers.date(value)  # type: ignore[arg-type]


def format_ratio(value: object) -> str:
    """A benefit-cost ratio: '1.2x'; '—' when missing (no cost)."""
    if is_missing(value) or math.isinf(float(value)):  # type: ignore[arg-type]
        return MISSING
    return numbers.ratio(float(value))  # type: ignore[arg-type]


def format_ratios_apart(stated: object, lo: object, hi: object) -> tuple[str, str, str]:
    """A stated ratio and its likely range's ends ('4.3x', '2.8x', '4.3x'), the stated one
    and the end it passes with the decimals that tell them apart when it lies outside the
    range ('4.33x', '2.8x', '4.29x'; EN #6: "4.3x ... likely 2.8x to 4.3x; stated figure
    above its likely range" contradicted itself); at most four."""
    texts = [format_ratio(v) for v in (stated, lo, hi)]
    if any(is_missing(v) or math.isinf(float(v)) for v in (stated, lo, hi)):  # type: ignore[arg-type]
        return texts[0], texts[1], texts[2]
    s, low, high = (float(v) for v in (stated, lo, hi))  # type: ignore[arg-type]
    end = 2 if s > high else 1 if s < low else None
    if end is None:
        return texts[0], texts[1], texts[2]
    bound = high if end == 2 else low
    for decimals in range(1, 5):
        a, b = numbers.ratio(s, decimals=decimals), numbers.ratio(bound, decimals=decimals)
        if a != b or decimals == 4:
            texts[0], texts[end] = a, b
            break
    return texts[0], texts[1], texts[2]


def format_count(value: object) -> str:
    if is_missing(value):
        return MISSING
    return numbers.number(int(value), 0)  # type: ignore[call-overload]


def format_share(value: object) -> str:
    """A share in [0, 1] as a percentage: '42.5%'."""
    if is_missing(value):
        return MISSING
    return numbers.plain_percent(float(value))  # type: ignore[arg-type]


def format_shares(shares: Sequence[float]) -> tuple[str, ...]:
    """Shares that sum to 1 as whole percentages that add up to 100: each rounded down,
    then the points left given to the largest remainders (ties: the first). Where that
    would show equal shares unequal (1/3 each: 34%, 33%, 33%), one decimal each (33.3%)."""
    exact = [s * 100 for s in shares]
    points = [math.floor(x + 1e-9) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: -(exact[i] - points[i]))
    for i in order[: max(0, round(sum(exact)) - sum(points))]:
        points[i] += 1
    equal_shown_unequal = any(math.isclose(a, b, abs_tol=1e-12) and pa != pb
                              for a, pa in zip(shares, points, strict=True)
                              for b, pb in zip(shares, points, strict=True))
    if equal_shown_unequal:
        return tuple(numbers.plain_percent(s, 1) for s in shares)
    return tuple(numbers.plain_percent(p / 100, 0) for p in points)


def format_rank(rank: object, tied: bool = False) -> str:
    """A rank as a reader reads it: '#3', or '=1' when it is shared with an equal score
    (the standard competition ranking of `scoring.ranks_with_ties`); in French '3e', '1er'
    and '=1er' (the sentences say '3e rang', never 'rang #3')."""
    if is_missing(rank):
        return MISSING
    text = numbers.ordinal(int(rank))  # type: ignore[call-overload]
    return "=" + text.removeprefix("#") if tied else text


def format_scaled(value: object) -> str:
    """A value on a 0-to-1 scale (a factor of the priority score) with two decimals:
    '0.42'; a value above 0 that would round to 0.00 is '<0.01' and one below 1 that would
    round to 1.00 is '>0.99', so only the least and the most read '0.00' and '1.00'."""
    if is_missing(value):
        return MISSING
    x = float(value)  # type: ignore[arg-type]
    if 0 < x < 0.005:
        return compared("<", numbers.number(0.01, 2))
    if 0.995 <= x < 1:
        return compared(">", numbers.number(0.99, 2))
    return numbers.number(x, 2)


def format_probability(value: object) -> str:
    """A chance from a share of simulated outcomes, one decimal: '42.5%'. Only a share of
    exactly all or none reads '100%' or '0%'; one that would round to 100.0% or 0.0%
    without being so reads '>99.9%' or '<0.1%', so a rounding never claims certainty."""
    if is_missing(value):
        return MISSING
    x = float(value)  # type: ignore[arg-type]
    if x >= 1:
        return numbers.plain_percent(1, 0)
    if x <= 0:
        return numbers.plain_percent(0, 0)
    if x >= 0.9995:
        return compared(">", numbers.plain_percent(0.999))
    if x < 0.0005:
        return compared("<", numbers.plain_percent(0.001))
    return numbers.plain_percent(x)


def format_year(value: object) -> str:
    if is_missing(value):
        return MISSING
    return str(int(value))  # type: ignore[call-overload]


def format_usd_change(value: object) -> str:
    """A signed change: '+$12.3K', '-$12.3K', '+$3', '$0' (no sign for no change). Whole
    dollars under $1,000, never cents: a change of $0.20 in a headline is no change."""
    if not is_missing(value) and round(abs(float(value))) < 1000:  # type: ignore[arg-type]
        whole = round(float(value))  # type: ignore[arg-type]
        text = (numbers.minus() if whole < 0 else "") + numbers.scaled_money(abs(whole), "1", 0)
    else:
        text = format_usd(value)
    if text in (MISSING, numbers.money(0)) or text.startswith(numbers.minus()):
        return text
    return f"+{text}"


def _reads_in_millions(value: object) -> bool:
    """Whether `format_usd` writes the amount in millions or billions (999,960: "$1.0M")."""
    return not is_missing(value) and round(abs(float(value)) / 1e3, 1) >= 1000  # type: ignore[arg-type]


def format_usd_in_millions(value: object, *, signed: bool = False) -> str:
    """An amount in millions: one decimal as every million, more only where one would round
    a non-zero amount to nothing ("0,9 M $US", "0,05 M $US", "0,005 M $US"); billions and
    zero as `format_usd` writes them; `signed`: a change's "+" (`format_usd_change`)."""
    if is_missing(value) or _reads_in_millions(value) or float(value) == 0:  # type: ignore[arg-type]
        return (format_usd_change if signed else format_usd)(value)
    x = float(value)  # type: ignore[arg-type]
    decimals = next(d for d in range(1, 10) if round(abs(x) / 1e6, d) > 0)
    text = numbers.scaled_money(round(abs(x) / 1e6, decimals), "1000000", decimals)
    return (numbers.minus() if x < 0 else "+" if signed else "") + text


def usd_formatter(values: Iterable[object], *, signed: bool = False) -> Callable[[object], str]:
    """The one format of a set of amounts read together, a table's column or a chart's value
    labels: `format_usd` (`format_usd_change` when `signed`), but one scale in a language
    that writes thousands in full: with an amount in millions among them, every amount in
    millions (`format_usd_in_millions`; FR3 #7: « 0,9 M $US » beside « 2,1 M $US », never
    « 946 000 $US »). English mixes its units as ever ("$946.0K" beside "$2.1M")."""
    if numbers.thousands_in_full() and any(_reads_in_millions(v) for v in values):
        return lambda v: format_usd_in_millions(v, signed=signed)
    return format_usd_change if signed else format_usd


def format_count_change(value: object) -> str:
    """A signed change of a count: '+2', '-1', '0' (no sign for no change); '—' when missing."""
    text = format_count(value)
    return f"+{text}" if text not in (MISSING, "0") and not text.startswith(numbers.minus()) \
        else text


def format_percent(value: object, *, signed: bool = False) -> str:
    """A fraction as a percentage with one decimal: 0.05 -> '5.0%' (signed: '+5.0%')."""
    if is_missing(value) or math.isinf(float(value)):  # type: ignore[arg-type]
        return MISSING
    return numbers.percent(value, signed=signed)


def format_rough_percent(value: object) -> str:
    """A share said roughly, as a whole percentage: 0.608 -> '61%' ('under 1%' for a
    share above 0 that rounds to 0)."""
    if is_missing(value):
        return MISSING
    x = float(value) * 100  # type: ignore[arg-type]
    if 0 < x < 0.5:
        return _("under {percent}").format(percent=numbers.plain_percent(0.01, 0))
    return numbers.plain_percent(float(value), 0)  # type: ignore[arg-type]


# Beyond this many times the base, a percentage says nothing a reader can use
# ("+7,407,407,307.7%" from a base of $150): the change is told by its base instead.
RELATIVE_LIMIT = 10.0  # ±1,000%


def format_relative_change(before: object, after: object) -> str:
    """The change from before to after as a signed percentage of before ('+3.0%'); beyond
    ±1,000% (a tiny or zero base) the base instead: 'from $150', 'from $0'; '—' when a
    value is missing or nothing changed from a zero base."""
    if is_missing(before) or is_missing(after):
        return MISSING
    b, a = float(before), float(after)  # type: ignore[arg-type]
    if b == 0 and a == 0:
        return MISSING
    if _beyond_limit(b, a):
        # TRANSLATORS: a change told by its base, the amount it started from: "from $150"
        return _("from {amount}").format(amount=format_usd(b))
    return format_percent((a - b) / abs(b), signed=True)


def _beyond_limit(b: float, a: float) -> bool:
    """Whether a change from b to a is told by its base rather than as a percentage."""
    return b == 0 or abs(a - b) > RELATIVE_LIMIT * abs(b)


def format_direction(before: object, after: object) -> str:
    """A change in words, for a sentence: 'up 3.0%', 'down 25.0%', 'unchanged' (under 0.05%),
    and beyond ±1,000% (the rule of `format_relative_change`) 'up from $150'; '—' when a
    value is missing."""
    if is_missing(before) or is_missing(after):
        return MISSING
    b, a = float(before), float(after)  # type: ignore[arg-type]
    if a == b or (b != 0 and abs(a - b) / abs(b) < 0.0005):
        return _("unchanged")
    if _beyond_limit(b, a):
        return (_("up from {amount}") if a > b else _("down from {amount}")).format(
            amount=format_usd(b))
    change = format_percent(abs(a - b) / abs(b))
    return (_("up {percent}") if a > b else _("down {percent}")).format(percent=change)


def and_list(items: object) -> str:
    """Items as a reader lists them: '', 'A', 'A and B', 'A, B and C'."""
    items = [str(x) for x in items]  # type: ignore[attr-defined]
    if len(items) <= 1:
        return "".join(items)
    # TRANSLATORS: the last two items of a list: "A, B and C"
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


_NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_step(span: float, target_ticks: int = 5, *, quarters: bool = True) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten, at least 1; without `quarters`
    never 2.5) giving about `target_ticks` intervals over `span`."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(1, target_ticks)
    power = 10 ** math.floor(math.log10(raw))
    steps = _NICE_STEPS if quarters else tuple(m for m in _NICE_STEPS if m != 2.5)
    step = next(m * power for m in steps if m * power >= raw * (1 - 1e-9))
    return max(1.0, step)


def _decimals(step: float) -> int:
    """The decimals that show a round step (1, 2, 2.5 or 5 times a power of ten) exactly."""
    for d in range(3):
        if abs(step * 10**d - round(step * 10**d)) < 1e-6:
            return d
    return 3


def whole_step(span: float, target_ticks: int = 5) -> int:
    """A whole round step (1, 2 or 5 times a power of ten) giving about `target_ticks`
    intervals over `span`: for years and counts, which never step by 2.5 ("2005, 2008,
    2010, 2013" reads as uneven years; a count axis "0, 2, 5" as uneven counts)."""
    if not math.isfinite(span) or span <= 0:
        return 1
    raw = span / max(1, target_ticks)
    power = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9)))


def money_ticks(lo: float, hi: float, target_ticks: int = 5, *,
                quarters: bool = True) -> tuple[list[float], list[str]]:
    """Tick values covering [lo, hi] at a round step and their labels (`money_tick`), read
    like the tiles ("$200K", not "200k") without a needless ".0": each tick in the unit
    of its size with the decimals it needs ("$0, $500M, $1B, $1.5B"; never "$0.5B" nor
    "$1.0B"); cents when the whole axis is under $10 ("$0.20, $0.40")."""
    lo, hi = float(min(lo, hi)), float(max(lo, hi))
    if hi == lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(1, target_ticks)
    step = max(0.01, nice_step(raw * 100, 1) / 100) if hi - lo < CENTS_BELOW else \
        nice_step(hi - lo, target_ticks, quarters=quarters)
    start = math.floor(lo / step) * step
    values = []
    v = start
    while v <= hi + step * 1e-9:
        values.append(round(v, 6))
        v += step
    if values[-1] < hi:
        values.append(round(values[-1] + step, 6))
    cents = _decimals(step) > 0  # "$2.50", never "$2" for a tick at 2.5: every tick in cents
    # one scale on an axis in millions: no amount in full beside them (FR3 #7)
    millions = max(abs(v) for v in values) >= 1e6 * (1 - 1e-9)
    return values, [money_tick(v, cents=cents, millions=millions) for v in values]


def money_tick(value: float, *, cents: bool = False, millions: bool = False) -> str:
    """A money tick's label, read like the tiles but with no decimal it does not need:
    the unit of its own size and the fewest decimals that show it exactly ("$500M", "$1B",
    "$1.5B", "$250K", "$1.25M"; never "$1.0M" nor "$0.5B"); under $1,000 whole dollars,
    or cents on every tick (`cents`) when the axis steps by a fraction of a dollar, and on
    a tick that is no whole dollar ("$0.10" on a log axis). On an axis in `millions`, an
    amount the language would write in full (French thousands: « 500 000 $US ») in
    millions instead: « 0,5 M $US » beside « 1 M $US » (FR3 #7: one scale an axis)."""
    a = abs(float(value))
    if a == 0:
        return numbers.money(0)
    size = next((s for s, _suffix, _d in _STEPS if a >= s * (1 - 1e-9)), 1.0)
    if millions and size < 1e6 and (size == 1.0 or numbers.thousands_in_full()):
        size = 1e6
    whole = abs(a - round(a)) < 1e-9
    decimals = (2 if cents or not whole else 0) if size == 1.0 else _decimals(a / size)
    return (numbers.minus() if value < 0 else "") + numbers.scaled_money(
        a / size, numbers.UNIT_KEYS[size], decimals)


def percent_ticks(hi: float, target_ticks: int = 4) -> tuple[list[float], list[str]]:
    """Ticks from 0 to `hi` (a share: 1 is 100%) at a round step of percentage points
    (1, 2, 2.5 or 5 times a power of ten) and their labels written by the formatter, so an
    axis reads like the tiles ("0%, 25%, 50%" / "0 %, 25 %, 50 %" in French: Plotly's own
    percent format has no space before the sign)."""
    span = max(float(hi), 1e-6) * 100
    raw = span / max(1, target_ticks)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in _NICE_STEPS if m * power >= raw * (1 - 1e-9))
    decimals = _decimals(step)
    values = [round(k * step, 6) for k in range(int(span / step + 1e-9) + 1)]
    return [v / 100 for v in values], [numbers.plain_percent(v / 100, decimals) for v in values]


def format_usd_exact(value: object) -> str:
    """An exact amount in whole dollars, every digit, in the reader's language: '$21,000'
    in English, '21 000 $US' in French (a table read for exact amounts); '—' when missing."""
    if is_missing(value):
        return MISSING
    whole = round(float(value))  # type: ignore[arg-type]
    return (numbers.minus() if whole < 0 else "") + numbers.scaled_money(abs(whole), "1", 0)
