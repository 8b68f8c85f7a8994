"""Numbers formatted for people: money, ratios, counts, shares.

Money (`format_usd`): below 1,000 whole dollars ("$255"), then one decimal with K or M
("$12.3K", "$12.3M"), then two decimals with B ("$1.23B"). Negative amounts carry a
leading minus ("-$12.3K"). Missing values (None, NaN) are an em dash.
"""

from __future__ import annotations

import math

MISSING = "—"

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
