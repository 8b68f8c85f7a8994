"""The tiles of each page, once: label, value, help, and the change with its colour. The
pages draw them (ui.metric_row) and the briefing pack prints them (its `tiles`), so a tile
reads the same in both. Headline figures come from dashboard/contract/metrics.py.

A tile is a tuple (label, value, help[, change[, delta colour]]), as ui.metric_row takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.analysis import finance
from dashboard.contract.metrics import BY_KEY, HEADLINES
from dashboard.formatting import MISSING, format_count, format_percent, format_usd, format_year
from dashboard.output import summary
from dashboard.query import chart_data

Tile = tuple


def headline(now: Mapping[str, object], before: Mapping[str, object] | None = None,
             keys: Iterable[str] | None = None, *, with_help: bool = True) -> list[Tile]:
    """The headline figures' tiles (all of them, or `keys`), with the change from
    `before` (the previous snapshot's figures) when given."""
    out = []
    for h in ([BY_KEY[k] for k in keys] if keys is not None else HEADLINES):
        tile: Tile = (h.label, h.format(now[h.key]), h.definition if with_help else None)
        if before is not None:
            tile += (summary.tile_change(h.key, before[h.key], now[h.key]), h.delta_color)
        out.append(tile)
    return out


def costs_benefits(ctx: chart_data.Context, cash: pd.DataFrame, payback: int | None) -> list[Tile]:
    """NPV at the discount rate and the payback year of the portfolio."""
    return [
        (f"NPV at {format_percent(ctx.discount_rate)}",
         format_usd(finance.npv(cash)) if len(cash) else MISSING,
         "Net present value: yearly net benefit discounted to the first year of the range "
         "(the discount rate is in the sidebar)."),
        ("Payback year", format_year(payback),
         "First fiscal year in which the cumulative net benefit is at least 0."),
    ]


TOP_FIVE_LABEL = "Top five donors' share of paid"


def funding(ctx: chart_data.Context) -> list[Tile]:
    """Paid, pledged, the five largest donors' share of paid, the funding gap."""
    k = chart_data.kpis(ctx).set_index("metric")["value"]
    paid, pledged, gap = headline(k, keys=("contributions_paid_usd", "contributions_pledged_usd",
                                           "funding_gap_usd"))
    return [paid, pledged, (TOP_FIVE_LABEL, format_percent(chart_data.top_five_share(ctx)),
                            None), gap]


def budget(sel: pd.DataFrame, result: Mapping[str, object]) -> list[Tile]:
    """What a budget selection picked (`result`: selection.selection_summary)."""
    return [
        ("Initiatives selected", f"{format_count(result['selected'])} of {len(sel)}", None),
        ("Cost of the selection", format_usd(result["total_cost_usd"]), None),
        ("Budget left", format_usd(result["remaining_usd"]), None),
    ]


def changes(changes: pd.DataFrame, before: str, after: str) -> tuple[list[Tile], list[Tile]]:
    """The What changed tiles: cost and benefit before -> after (the change from the
    figure before), then the initiatives added and removed."""
    money = []
    for key, word, was_col, now_col in (
            ("total_cost_usd", "Cost", "cost_before_usd", "cost_after_usd"),
            ("total_benefit_usd", "Benefit", "benefit_before_usd", "benefit_after_usd")):
        was = float(changes[was_col].fillna(0).sum())
        now = float(changes[now_col].fillna(0).sum())
        money.append((f"{word} {before} → {after}", format_usd(now),
                      f"Was {format_usd(was)} on {before}, now {format_usd(now)} on {after}.",
                      f"{summary.tile_change(key, was, now)} from {format_usd(was)}",
                      BY_KEY[key].delta_color))
    counts = [(f"Initiatives {status}", str(int((changes["status"] == status).sum())), None)
              for status in ("added", "removed")]
    return money, counts
