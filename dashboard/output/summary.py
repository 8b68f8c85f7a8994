"""The Overview in plain words: one sentence on where the portfolio stands and what moved,
and each headline tile's change since the previous snapshot. Pure functions over the
headline figures (dashboard/query/chart_data.py `kpis`, as a metric -> value mapping; each
figure's label, format and good direction: dashboard/contract/metrics.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dashboard.contract.metrics import BY_KEY
from dashboard.formatting import (
    MISSING,
    format_count,
    format_ratio,
    format_relative_change,
    format_usd,
    format_usd_change,
    is_missing,
)

NO_CHANGE = "No change"  # shown without an arrow or colour


def previous_snapshot(dates: Iterable[str], as_of: str) -> str | None:
    """The snapshot published just before `as_of` (the one the Overview and the briefing
    compare with, under the same filters); None when `as_of` is the first."""
    older = [d for d in dates if d < as_of]
    return max(older) if older else None


def tile_change(metric: str, before: object, after: object) -> str | None:
    """The change of one headline figure, signed ('+$1.2M (+3.0%)', '-2', '+0.1x'), or
    'No change' (as rounded for display); None when either value is missing."""
    if is_missing(before) or is_missing(after):
        return None
    b, a = float(before), float(after)  # type: ignore[arg-type]
    kind = BY_KEY[metric].kind
    if kind == "count":
        d = int(round(a - b))
        return f"{d:+d}" if d else NO_CHANGE
    if kind == "ratio":
        d = a - b
        return NO_CHANGE if round(d, 1) == 0 else f"{d:+.1f}x"
    text = format_usd_change(a - b)
    if text == "$0":
        return NO_CHANGE
    pct = format_relative_change(b, a)
    return text if pct == MISSING else f"{text} ({pct})"


def _direction(before: float, after: float) -> str:
    if before == 0:
        return "up" if after > 0 else "unchanged"
    pct = (after - before) / abs(before) * 100
    if abs(pct) < 0.05:
        return "unchanged"
    return f"{'up' if pct > 0 else 'down'} {abs(pct):.1f}%"


def overview_sentence(now: Mapping[str, object], initiatives: int,
                      before: Mapping[str, object] | None = None,
                      since: str | None = None) -> str:
    """E.g. '15 initiatives, $126.4M estimated cost, 1.8x benefit; $38.1M still unfunded;
    cost up 3.0% since 2005-09-01.'"""
    parts = [f"{format_count(initiatives)} initiative{'s' if initiatives != 1 else ''}"]
    parts.append(f"{format_usd(now.get('total_cost_usd'))} estimated cost")
    ratio = now.get("benefit_cost_ratio")
    if not is_missing(ratio):
        parts.append(f"{format_ratio(ratio)} benefit")
    text = ", ".join(parts)
    gap = now.get("funding_gap_usd")
    if not is_missing(gap):
        text += f"; {format_usd(gap)} still unfunded" if float(gap) > 0 else "; fully funded"  # type: ignore[arg-type]
    if before is not None and since:
        b, a = before.get("total_cost_usd"), now.get("total_cost_usd")
        if not is_missing(b) and not is_missing(a):
            text += f"; cost {_direction(float(b), float(a))} since {since}"  # type: ignore[arg-type]
    return text + "."
