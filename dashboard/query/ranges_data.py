"""The datasets of the ranges (data/README.md, "Ranges: how sure each figure is"; data
contract version 3): the export's sheets `ranges_portfolio`, `ranges_by_initiative` and
`npv_tornado` (declared in dashboard/registry.py), and what the pages draw from them.

Each function takes a chart_data `Context` and returns a DataFrame (or, for the
simulation itself, the `ranges.Simulation`). The inputs are three named queries run
through the context, so the filters act exactly as on every other chart
(queries/_filtered.sql): `priority_inputs` (the kept initiatives, their names and V),
`range_lines` (the lines summed per initiative, side, class and year, and discounted to
y0 at ctx.discount_rate) and `range_factors` (the snapshot's factors, else the defaults).
The figures are worked out by dashboard/analysis/ranges.py and `@memoized` like every
analytic dataset: computed once per snapshot content, filters and the options each reads:
the discount rate for the simulation and everything but the top-eight share, the weights
for the top-eight share (the same draws replayed), both for `ranges_by_initiative`.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import ranges, scoring
from dashboard.query import chart_data
from dashboard.query.chart_data import Context, memoized

BY_INITIATIVE_COLUMNS = [
    "initiative_id", "name", "cost_stated_usd", "cost_expected_usd", "cost_p10_usd",
    "cost_p90_usd", "benefit_stated_usd", "benefit_expected_usd", "benefit_p10_usd",
    "benefit_p90_usd", "npv_stated_usd", "npv_downside_usd", "npv_upside_usd",
    "p_npv_positive", "share_in_top8",
]
HISTOGRAM_BINS = 40


@memoized("discount_rate")
def range_inputs(ctx: Context) -> ranges.Inputs:
    """The kept initiatives' lines by side and class, with the factors in use."""
    kept = ctx.query("priority_inputs")
    lines = ctx.query("range_lines", discount_rate=float(ctx.discount_rate))
    return ranges.inputs(kept["initiative_id"].astype(str).tolist(), lines,
                         ctx.query("range_factors"))


def range_factors(ctx: Context) -> pd.DataFrame:
    """The factors each class uses (side, range_class, low_factor, high_factor,
    from_snapshot: false where the contract's default applies), the contract's order."""
    return ctx.query("range_factors")


def _values(ctx: Context, ids: tuple[str, ...]) -> list[float | None]:
    """V of each initiative (priority_inputs' mean_relative_value), in `ids` order."""
    kept = ctx.query("priority_inputs")
    value = dict(zip(kept["initiative_id"].astype(str), kept["mean_relative_value"],
                     strict=True))
    return [value[i] for i in ids]


@memoized("discount_rate")
def range_simulation(ctx: Context) -> ranges.Simulation:
    """The portfolio simulation (ranges.DRAWS draws, seed ranges.SEED) at the context's
    discount rate: every metric's draws, each initiative's probability of a positive NPV,
    and in the same pass the top-eight share at the weights of the context that first
    asks (tagged with them: `top_eight_share` uses it only at those weights)."""
    x = range_inputs(ctx)
    return ranges.simulate(x, _values(ctx, x.ids), ctx.weights)


@memoized("weights")
def top_eight_share(ctx: Context) -> pd.Series:
    """Each kept initiative's share of the simulation's draws in the top eight of the
    priority score at ctx.weights (index initiative_id; null when the weights cannot
    rank): the simulation's own when it was made at these weights, else the same draws
    replayed for the score alone (the draws' costs and benefits do not depend on the
    discount rate)."""
    x = range_inputs(ctx)
    sim = range_simulation(ctx)
    try:
        weights = scoring.normalize_weights(ctx.weights)
    except scoring.AnalyticsError:
        weights = None
    if weights is not None and sim.top8_weights == weights:
        share = sim.share_in_top8
    else:
        share = ranges.top_eight_share(x, _values(ctx, x.ids), ctx.weights)
    return pd.Series(share if share is not None else [None] * len(x.ids), index=list(x.ids),
                     dtype="float64", name="share_in_top8")


@memoized("discount_rate")
def ranges_portfolio(ctx: Context) -> pd.DataFrame:
    """Sheet `ranges_portfolio`: metric, stated, expected, p10, p50, p90,
    p_above_break_even for total_cost_usd, total_benefit_usd, net_benefit_usd, npv_usd and
    benefit_cost_ratio (p_above_break_even null for cost and benefit). The Overview's
    tiles show p10..p90 beside the stated figure; the NPV row marks the distribution."""
    return ranges.portfolio(range_inputs(ctx), range_simulation(ctx))


@memoized("discount_rate")
def range_figures(ctx: Context) -> pd.DataFrame:
    """The exact figures per kept initiative (ranges.FIGURE_COLUMNS), no simulation."""
    return ranges.initiative_figures(range_inputs(ctx))


def _names(ctx: Context) -> dict[str, str]:
    kept = ctx.query("priority_inputs")
    return dict(zip(kept["initiative_id"].astype(str), kept["name"].astype(str), strict=True))


@memoized("discount_rate", "weights")
def ranges_by_initiative(ctx: Context) -> pd.DataFrame:
    """Sheet `ranges_by_initiative`: per kept initiative (initiative_id order) its cost and
    benefit stated, expected, P10 and P90, its NPV stated, downside and upside, the share
    of draws in which its NPV > 0 and the share in which it is in the top eight of the
    priority score (null when the weights cannot rank)."""
    out = range_figures(ctx).copy()
    out.insert(1, "name", out["initiative_id"].map(_names(ctx)))
    out["p_npv_positive"] = pd.Series(range_simulation(ctx).p_npv_positive, dtype="float64")
    out["share_in_top8"] = out["initiative_id"].map(top_eight_share(ctx)).astype("float64")
    return out[BY_INITIATIVE_COLUMNS]


@memoized("discount_rate")
def npv_tornado(ctx: Context) -> pd.DataFrame:
    """Sheet `npv_tornado`: initiative_id, name, npv_if_worse_usd, npv_if_better_usd,
    swing_usd; largest swing first, ties by initiative_id (the Costs & benefits tornado)."""
    return ranges.npv_tornado(range_figures(ctx), _names(ctx))


@memoized("discount_rate")
def npv_distribution(ctx: Context) -> pd.DataFrame:
    """The simulated portfolio NPV as a histogram (bin_from_usd, bin_to_usd,
    share_of_draws; HISTOGRAM_BINS equal bins); its P10, P50, P90 and the probability it is
    positive are the `npv_usd` row of `ranges_portfolio`."""
    return ranges.histogram(range_simulation(ctx).totals["npv_usd"], HISTOGRAM_BINS)


@memoized("discount_rate", "weights")
def share_in_top_eight(ctx: Context) -> pd.DataFrame:
    """The Prioritization chart of the top-eight share: per kept initiative its
    initiative_id, name, is_priority, rank (at ctx.weights; null when they cannot rank),
    rank_with_ties and is_tied (`scoring.with_tied_ranks`) and share_in_top8 (`top_eight_share`; null likewise); the largest share first, then
    rank, then initiative_id."""
    kept = ctx.query("priority_inputs")[["initiative_id", "name", "is_priority"]].copy()
    kept["initiative_id"] = kept["initiative_id"].astype(str)
    ranking = chart_data.priority_ranking(ctx)
    ranked = (scoring.with_tied_ranks(ranking).assign(
        initiative_id=lambda r: r["initiative_id"].astype(str)).set_index("initiative_id")
              if ranking is not None else None)
    for column, kind in (("rank", "Int64"), ("rank_with_ties", "Int64"), ("is_tied", "boolean")):
        kept[column] = (kept["initiative_id"].map(ranked[column]) if ranked is not None
                        else pd.Series([None] * len(kept), index=kept.index)).astype(kind)
    kept["share_in_top8"] = kept["initiative_id"].map(top_eight_share(ctx)).astype("float64")
    kept["is_priority"] = kept["is_priority"].astype(bool)
    return kept.sort_values(["share_in_top8", "rank", "initiative_id"],
                            ascending=[False, True, True], na_position="last",
                            kind="stable").reset_index(drop=True)


def initiative_ranges(ctx: Context, initiative_id: str) -> pd.DataFrame:
    """One initiative's row of `ranges_by_initiative` (Initiative detail); no row when the
    filters do not keep it."""
    df = ranges_by_initiative(ctx)
    return df[df["initiative_id"] == initiative_id].reset_index(drop=True)


@memoized("discount_rate")
def low_confidence_share(ctx: Context) -> float | None:
    """The share of the stated benefit that is low confidence (the Overview's sentence:
    "61% of the benefit is low confidence"); None when there is no benefit."""
    benefit = range_inputs(ctx).benefit
    total = float(benefit.amount.sum())
    if total == 0:
        return None
    return float(benefit.amount[:, benefit.classes.index("low")].sum()) / total

