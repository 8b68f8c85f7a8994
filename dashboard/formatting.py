"""Numbers formatted for people: money, ratios, counts, shares, percentages, dates.

The one formatter of the dashboard: tiles, chart axes (`money_ticks`), hovers, bar labels
and tables all use it, so a figure reads the same everywhere.

Money (`format_usd`): below 1,000 whole dollars ("$255"), then one decimal with K or M
("$12.3K", "$12.3M"), then two decimals with B ("$1.23B"). Negative amounts carry a
leading minus ("-$12.3K"). A change (`format_usd_change`) always carries its sign
("+$12.3K", "-$12.3K"). Percentages have one decimal ("5.0%", "11.9%"). Lists read
"A, B and C" (`and_list`). Missing values (None, NaN) are an em dash.
"""

from __future__ import annotations

import math
import re

MISSING = "—"
NO_DATA = "No data for these filters"  # a chart, a table or a page with no rows

_STEPS = (
    (1e9, "B", 2),
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


def format_usd(value: object) -> str:
    """'$255', '$12.3K', '$12.3M', '$1.23B'; '—' when missing."""
    if is_missing(value):
        return MISSING
    x = float(value)  # type: ignore[arg-type]
    if math.isinf(x):
        return MISSING
    sign = "-" if x < 0 else ""
    a = abs(x)
    text = None
    if round(a) < 1000:
        text = f"${round(a):,.0f}"
    else:
        # Pick the unit from the rounded value, so 999,960 reads "$1.0M", not "$1000.0K".
        for i, (size, suffix, decimals) in enumerate(reversed(_STEPS)):
            scaled = round(a / size, decimals)
            is_last = i == len(_STEPS) - 1
            if scaled < 1000 or is_last:
                text = f"${scaled:,.{decimals}f}{suffix}"
                break
    if text in ("$0", "$0.0K"):
        sign = ""
    return f"{sign}{text}"


NO_BREAK = "\u00a0"
# a unit in brackets after a word, "(US$)", "(%)": kept with its word on one line
_UNIT = re.compile(r" (\([^\s()]{1,8}\))")


def keep_units(text: str) -> str:
    """The text with every bracketed unit ("(US$)", "(%)") joined to the word before it by
    a no-break space, so a wrapped title never leaves "(US$)" alone on its own line."""
    return _UNIT.sub(NO_BREAK + r"\1", text)


def format_ratio(value: object) -> str:
    """A benefit-cost ratio: '1.2x'; '—' when missing (no cost)."""
    if is_missing(value) or math.isinf(float(value)):  # type: ignore[arg-type]
        return MISSING
    return f"{float(value):,.1f}x"  # type: ignore[arg-type]


def format_count(value: object) -> str:
    if is_missing(value):
        return MISSING
    return f"{int(value):,d}"  # type: ignore[call-overload]


def format_share(value: object) -> str:
    """A share in [0, 1] as a percentage: '42.5%'."""
    if is_missing(value):
        return MISSING
    return f"{float(value) * 100:.1f}%"  # type: ignore[arg-type]


def format_year(value: object) -> str:
    if is_missing(value):
        return MISSING
    return str(int(value))  # type: ignore[call-overload]


def format_usd_change(value: object) -> str:
    """A signed change: '+$12.3K', '-$12.3K', '$0' (no sign for no change)."""
    text = format_usd(value)
    if text in (MISSING, "$0") or text.startswith("-"):
        return text
    return f"+{text}"


def format_percent(value: object, *, signed: bool = False) -> str:
    """A fraction as a percentage with one decimal: 0.05 -> '5.0%' (signed: '+5.0%')."""
    if is_missing(value) or math.isinf(float(value)):  # type: ignore[arg-type]
        return MISSING
    x = float(value) * 100  # type: ignore[arg-type]
    text = f"{x:,.1f}%"
    if text in ("-0.0%", "0.0%"):
        return "0.0%"
    return f"+{text}" if signed and x > 0 else text


def format_rough_percent(value: object) -> str:
    """A share said roughly, as a whole percentage: 0.608 -> '61%' ('under 1%' for a
    share above 0 that rounds to 0)."""
    if is_missing(value):
        return MISSING
    x = float(value) * 100  # type: ignore[arg-type]
    if 0 < x < 0.5:
        return "under 1%"
    return f"{x:.0f}%"


def format_relative_change(before: object, after: object) -> str:
    """The change from before to after as a signed percentage of before; '—' when before
    is 0 or missing (no meaningful percentage)."""
    if is_missing(before) or is_missing(after) or float(before) == 0:  # type: ignore[arg-type]
        return MISSING
    b, a = float(before), float(after)  # type: ignore[arg-type]
    return format_percent((a - b) / abs(b), signed=True)


def and_list(items: object) -> str:
    """Items as a reader lists them: '', 'A', 'A and B', 'A, B and C'."""
    items = [str(x) for x in items]  # type: ignore[attr-defined]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten, at least 1) giving about
    `target_ticks` intervals over `span`."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(1, target_ticks)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in _NICE_STEPS if m * power >= raw * (1 - 1e-9))
    return max(1.0, step)


def money_ticks(lo: float, hi: float, target_ticks: int = 5) -> tuple[list[float], list[str]]:
    """Tick values covering [lo, hi] at a round step and their labels in `format_usd`, so
    chart axes read like the tiles ("$200.0K", not "200k")."""
    lo, hi = float(min(lo, hi)), float(max(lo, hi))
    if hi == lo:
        hi = lo + 1.0
    step = nice_step(hi - lo, target_ticks)
    start = math.floor(lo / step) * step
    values = []
    v = start
    while v <= hi + step * 1e-9:
        values.append(round(v, 6))
        v += step
    if values[-1] < hi:
        values.append(round(values[-1] + step, 6))
    return values, [format_usd(v) for v in values]
