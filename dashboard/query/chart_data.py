"""The named dataset behind every chart and export sheet.

Each function takes a `Context` (the Database, the Filters and the analysis options) and
returns a DataFrame. A page draws a chart from exactly the DataFrame its function returns,
and the export writes the same DataFrame as a sheet, so a chart and its sheet never differ.

The chart registry (dashboard/registry.py) says which dataset each chart and export sheet
shows. A function may return None when its sheet does not apply under the given options
(for example a budget selection without a budget); the export then leaves the sheet out.

Queries run through `Context.query`, which uses the context's runner: the app passes a
cached runner (dashboard/query/query_cache.py), the command line runs the queries directly.
The datasets worked out in pandas or by dashboard/analysis/ are `@memoized`: with the
context's `memo` (the app's, dashboard/query/query_cache.py `cached_memo`) each is computed once
per snapshot content, filters and the analysis options it reads (weights, budget, ...),
so a rerun of a page does none of that work again; without one (command line, tests) the
function just runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard.analysis import comparison, finance, scoring, selection, sensitivity
from dashboard.analysis.scoring import DEFAULT_WEIGHTS
from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.contract.dated_after import paid_after_words
from dashboard.contract.metrics import HEADLINES
from dashboard.contract.schema import (
    CATEGORIES,
    COMMITMENT_LEVELS,
    COMMITTED_LEVELS,
    CONFIDENCE_LEVELS,
    STAGE_LABELS,
    STAGES,
)
from dashboard.formatting import format_count
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.query.db import Database
from dashboard.query.filters import Filters

Runner = Callable[..., pd.DataFrame]  # (name, filters, **extra) -> DataFrame
# (function, context, the analysis options it reads, its other arguments) -> its result
Memo = Callable[[Callable, "Context", tuple[str, ...], tuple], object]
DEFAULT_TOP_N = 10
TOP_SHARE_N = 5


@dataclass(frozen=True)
class Context:
    """What every dataset needs: where the data is, the filters, the analysis options."""

    db: Database
    filters: Filters
    discount_rate: float = DEFAULT_DISCOUNT_RATE
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS
    budget: float | None = None
    compare_to: str | None = None
    top_n: int = DEFAULT_TOP_N
    runner: Runner | None = field(default=None, compare=False, repr=False)
    memo: Memo | None = field(default=None, compare=False, repr=False)

    def query(self, name: str, filters: Filters | None = None, **extra: object) -> pd.DataFrame:
        run = self.runner or self.db.query
        return run(name, filters or self.filters, **extra)

    def with_(self, **changes: object) -> Context:
        return replace(self, **changes)

    def options(self) -> dict[str, str]:
        """The analysis options in words, for metadata sheets."""
        w = self.weights
        return {
            "discount_rate": f"{self.discount_rate:g}",
            "weights (cost, benefit, value)": ", ".join(f"{x:g}" for x in w),
            "budget_usd": "none" if self.budget is None else f"{self.budget:g}",
            "compare_to": self.compare_to or "none",
        }


# --- helpers --------------------------------------------------------------------------


def memoized(*options: str) -> Callable[[Callable], Callable]:
    """A dataset computed from the filters and the named analysis options of the context
    (and its other arguments) only: the context's memo, if any, caches it on them."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(ctx: Context, *args: object):
            if ctx.memo is None:
                return fn(ctx, *args)
            return ctx.memo(fn, ctx, options, args)

        return run

    return wrap


def _ordered(df: pd.DataFrame, column: str, order: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Rows sorted by the contract's order of a column's values (unknown values last)."""
    rank = {v: i for i, v in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(rank).fillna(len(rank)), kind="stable")


# --- the contract's required sheets ----------------------------------------------------


@memoized()
def kpis(ctx: Context) -> pd.DataFrame:
    """The headline figures of the data contract (section 4) but NPV and payback."""
    row = ctx.query("kpis").iloc[0]
    out = pd.DataFrame(
        {
            "metric": [h.key for h in HEADLINES],
            "value": [None if pd.isna(row[h.key]) else float(row[h.key]) for h in HEADLINES],
            "label": [h.label for h in HEADLINES],
        }
    )
    out["value"] = out["value"].astype("float64")
    return out


def cost_by_initiative(ctx: Context) -> pd.DataFrame:
    return ctx.query("cost_by_initiative")


def cashflow_by_year(ctx: Context) -> pd.DataFrame:
    return ctx.query("cashflow_by_year", discount_rate=float(ctx.discount_rate))


def commitment_matrix(ctx: Context) -> pd.DataFrame:
    return ctx.query("commitment_matrix")


def contributions_by_donor(ctx: Context) -> pd.DataFrame:
    return ctx.query("contributions_by_donor")


def funding_gap(ctx: Context) -> pd.DataFrame:
    return ctx.query("funding_gap")


def cost_sharing(ctx: Context) -> pd.DataFrame:
    """Who pays, who benefits: one row per organization (contract v2, section 6)."""
    return ctx.query("cost_sharing")


def agency_note(ctx: Context) -> str | None:
    """What the agency filter does to shared rows, in words; None without one."""
    if not ctx.filters.agencies:
        return None
    row = ctx.query("agency_share").iloc[0]
    return ctx.filters.agency_note(float(row["share"]), bool(row["snapshot_has_key"]))


# --- overview --------------------------------------------------------------------------


@memoized()
def portfolio_by_category(ctx: Context) -> pd.DataFrame:
    """Cost, benefit and net benefit of the kept initiatives, by category; under a category
    filter that keeps one, by initiative within it (`Filters.one_category`: one category's
    two bars said nothing the tiles do not, EN #19)."""
    df = cost_by_initiative(ctx)
    if ctx.filters.one_category:
        d = df[["initiative_id", "name", "category", "total_cost_usd", "total_benefit_usd"]]
        return d.assign(net_benefit_usd=d["total_benefit_usd"] - d["total_cost_usd"])
    g = (
        df.groupby("category", sort=False)
        .agg(
            initiatives=("initiative_id", "count"),
            total_cost_usd=("total_cost_usd", "sum"),
            total_benefit_usd=("total_benefit_usd", "sum"),
        )
        .reset_index()
    )
    g["net_benefit_usd"] = g["total_benefit_usd"] - g["total_cost_usd"]
    g["initiatives"] = g["initiatives"].astype("int64")
    return _ordered(g, "category", CATEGORIES).reset_index(drop=True)


@memoized()
def initiatives_by_stage(ctx: Context) -> pd.DataFrame:
    """How many kept initiatives stand at each implementation stage (every stage listed)."""
    df = ctx.query("initiative_list")
    counts = df["stage"].value_counts()
    return pd.DataFrame(
        {
            "stage": list(STAGES),
            "stage_label": [STAGE_LABELS[s] for s in STAGES],
            "initiatives": [int(counts.get(s, 0)) for s in STAGES],
        }
    )


# --- costs & benefits ------------------------------------------------------------------


def cost_benefit_by_year_category(ctx: Context) -> pd.DataFrame:
    return ctx.query("cost_benefit_by_year_category")


def cost_by_cost_category(ctx: Context) -> pd.DataFrame:
    return ctx.query("cost_by_cost_category")


def benefits_by_confidence(ctx: Context) -> pd.DataFrame:
    return ctx.query("benefits_by_confidence")


# --- agency commitment -----------------------------------------------------------------


@memoized()
def commitment_by_agency(ctx: Context) -> pd.DataFrame:
    """For each organization: initiatives committed (level committed or lead), pledged."""
    m = commitment_matrix(ctx)
    if m.empty:
        return pd.DataFrame(
            {
                "agency_code": pd.Series(dtype="str"),
                "agency_name": pd.Series(dtype="str"),
                "agency_type": pd.Series(dtype="str"),
                "initiatives_committed": pd.Series(dtype="int64"),
                "initiatives_any_level": pd.Series(dtype="int64"),
                "pledged_usd": pd.Series(dtype="float64"),
            }
        )
    m = m.assign(is_committed=m["commitment_level"].isin(COMMITTED_LEVELS))
    g = (
        m.groupby(["agency_code", "agency_name", "agency_type"], sort=True)
        .agg(
            initiatives_committed=("is_committed", "sum"),
            initiatives_any_level=("initiative_id", "count"),
            pledged_usd=("pledged_usd", "sum"),
        )
        .reset_index()
    )
    g["initiatives_committed"] = g["initiatives_committed"].astype("int64")
    g["initiatives_any_level"] = g["initiatives_any_level"].astype("int64")
    g["pledged_usd"] = g["pledged_usd"].astype("float64")
    return g.sort_values(["pledged_usd", "agency_code"], ascending=[False, True]).reset_index(
        drop=True
    )


@memoized()
def commitment_levels_by_initiative(ctx: Context) -> pd.DataFrame:
    """For each kept initiative, how many organizations stand at each commitment level."""
    m = commitment_matrix(ctx)
    rows = []
    for (iid, name), grp in m.groupby(["initiative_id", "initiative_name"], sort=True):
        counts = grp["commitment_level"].value_counts()
        for level in COMMITMENT_LEVELS:
            rows.append((iid, name, level, int(counts.get(level, 0))))
    return pd.DataFrame(
        rows, columns=["initiative_id", "initiative_name", "commitment_level", "organizations"]
    ).astype({"organizations": "int64"})


# --- funding ---------------------------------------------------------------------------


# The residual rows' labels, in the reader's language (French review #5): 'All other donors
# (17 of 27)' (every donor, paid or pledged), 'Others who paid (20 of 25 who paid)' (the
# donors who paid, the share of paid: the two counts differ, so each says what it counts;
# fresh review round 3).
SEVERAL = N_("(several)")  # the donor type of the residual row of donors


def _other_donors_message(rest: int, paid_only: bool) -> str:
    if paid_only:
        return ngettext("The other donor who paid ({rest} of {of} who paid)",
                        "Others who paid ({rest} of {of} who paid)", rest)
    return ngettext("The other donor ({rest} of {of})", "All other donors ({rest} of {of})", rest)


def other_donors(rest: int, of: int, *, paid_only: bool = False) -> str:
    """The one label of a residual group of donors, saying how many of how many, and which
    donors the count is of."""
    return _other_donors_message(rest, paid_only).format(rest=format_count(rest),
                                                         of=format_count(of))


def is_residual(label: object) -> bool:
    """Whether a donor row's label is a residual group's (`other_donors`, in the language
    of the moment), not a donor's name."""
    starts = {_other_donors_message(n, paid).split("{", 1)[0]
              for n in (1, 2) for paid in (False, True)}
    return str(label).startswith(tuple(starts))


@memoized("top_n")
def donors_top_n(ctx: Context) -> pd.DataFrame:
    """The top N donors by paid plus pledged (all they promised: a pledge is never added to
    paid on the chart, only in this order), largest first (then by paid, then by name),
    the rest summed in one row."""
    d = contributions_by_donor(ctx)
    d = d.assign(_promised=d["paid_usd"] + d["pledged_usd"]).sort_values(
        ["_promised", "paid_usd", "donor"], ascending=[False, False, True], kind="stable")
    n = max(1, int(ctx.top_n))
    top = d.head(n)
    rest = d.iloc[n:]
    out = pd.DataFrame(
        {
            "donor": top["donor"].astype("str"),
            "donor_type": top["donor_type"].astype("str"),
            "paid_usd": top["paid_usd"].astype("float64"),
            "pledged_usd": top["pledged_usd"].astype("float64"),
        }
    )
    if len(rest):
        other = pd.DataFrame(
            {
                "donor": [other_donors(len(rest), len(d))],
                "donor_type": [_(SEVERAL)],
                "paid_usd": [float(rest["paid_usd"].sum())],
                "pledged_usd": [float(rest["pledged_usd"].sum())],
            }
        )
        out = pd.concat([out, other], ignore_index=True)
    return out.reset_index(drop=True)


def contributions_by_donor_type(ctx: Context) -> pd.DataFrame:
    return ctx.query("contributions_by_donor_type")


def contributions_by_year(ctx: Context) -> pd.DataFrame:
    return ctx.query("contributions_by_year")


def contributions_by_type(ctx: Context) -> pd.DataFrame:
    return ctx.query("contributions_by_type")


@memoized()
def top_donor_share(ctx: Context) -> pd.DataFrame:
    """Each of the five largest donors' share of the paid contributions, and the rest's."""
    d = contributions_by_donor(ctx)
    d = d[d["paid_usd"] > 0]  # largest paid first (the query's order)
    total = float(d["paid_usd"].sum())
    top = d.head(TOP_SHARE_N)
    rows = [(str(r.donor), float(r.paid_usd)) for r in top.itertuples()]
    rest = d.iloc[TOP_SHARE_N:]
    if len(rest):
        rows.append((other_donors(len(rest), len(d), paid_only=True),
                     float(rest["paid_usd"].sum())))
    out = pd.DataFrame(rows, columns=["donor", "paid_usd"])
    out["paid_usd"] = out["paid_usd"].astype("float64")
    out["share_of_paid"] = (out["paid_usd"] / total) if total > 0 else float("nan")
    out["share_of_paid"] = out["share_of_paid"].astype("float64")
    return out


@memoized()
def top_five_share(ctx: Context) -> float | None:
    """The five largest donors' share of all paid contributions (None when nothing is paid)."""
    s = top_donor_share(ctx)
    top = s[~s["donor"].map(is_residual).astype(bool)]
    total = float(s["paid_usd"].sum())
    return float(top["paid_usd"].sum()) / total if total > 0 else None


def contribution_list(ctx: Context) -> pd.DataFrame:
    return ctx.query("contribution_list")


@memoized()
def paid_after_as_of(ctx: Context) -> tuple[int, float]:
    """The number and sum of the kept paid contributions dated after the snapshot's as-of
    date (counted as paid, as the source records them: `contract.dated_after`)."""
    row = ctx.query("paid_after_as_of", as_of=ctx.filters.snapshot).iloc[0]
    return int(row["contributions"]), float(row["paid_usd"])


def paid_after_note(ctx: Context) -> str:
    """The sentence that says so ('' for none)."""
    count, total = paid_after_as_of(ctx)
    return paid_after_words(count, total, str(ctx.filters.snapshot))


# --- initiative detail (one initiative; not export sheets) ------------------------------


def _one(ctx: Context, initiative_id: str) -> Context:
    return ctx.with_(filters=ctx.filters.with_(initiatives=(initiative_id,)))


def initiative_info(ctx: Context, initiative_id: str) -> pd.DataFrame:
    return ctx.query("initiative_list", _one(ctx, initiative_id).filters)


SHARED_YEARS = "years"  # a paired chart's frame: attrs[SHARED_YEARS] = (first, last) year


def _paired(ctx: Context, initiative_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The initiative's costs and benefits by year, each carrying in its attrs the fiscal
    years of both (first, last): the two charts drawn side by side share their year range
    (round 3, #22: costs from 2004 beside benefits from 2005 read as aligned)."""
    one = _one(ctx, initiative_id).filters
    costs = ctx.query("cost_by_year_cost_category", one).copy()
    benefits = ctx.query("benefit_by_year_confidence", one).copy()
    years = pd.to_numeric(pd.concat([costs["fiscal_year"], benefits["fiscal_year"]]),
                          errors="coerce").dropna()
    if len(years):
        for df in (costs, benefits):
            df.attrs[SHARED_YEARS] = (int(years.min()), int(years.max()))
    return costs, benefits


def initiative_costs(ctx: Context, initiative_id: str) -> pd.DataFrame:
    return _paired(ctx, initiative_id)[0]


def initiative_benefits(ctx: Context, initiative_id: str) -> pd.DataFrame:
    return _paired(ctx, initiative_id)[1]


@memoized()
def initiative_commitments(ctx: Context, initiative_id: str) -> pd.DataFrame:
    m = commitment_matrix(_one(ctx, initiative_id))
    return m.sort_values(["level_rank", "agency_code"], ascending=[False, True]).reset_index(
        drop=True
    )


def initiative_funding(ctx: Context, initiative_id: str) -> pd.DataFrame:
    return funding_gap(_one(ctx, initiative_id))


def initiative_contributions(ctx: Context, initiative_id: str) -> pd.DataFrame:
    return contribution_list(_one(ctx, initiative_id))


def initiative_paid_after_note(ctx: Context, initiative_id: str) -> str:
    """`paid_after_note` of one initiative's contributions."""
    return paid_after_note(_one(ctx, initiative_id))


# --- decision support (dashboard/analysis/; Prioritization and What changed pages) ---

TOP_EIGHT = 8


def _weights_usable(ctx: Context) -> bool:
    """False when the weights cannot rank (e.g. all 0): the score sheets are then left out
    (the Prioritization page says why; the command line refuses such weights)."""
    try:
        scoring.normalize_weights(ctx.weights)
    except scoring.AnalyticsError:
        return False
    return True


@memoized("weights")
def priority_ranking(ctx: Context) -> pd.DataFrame | None:
    """The priority score of every kept initiative, rank order (data contract, section 5)."""
    if not _weights_usable(ctx):
        return None
    return scoring.priority_ranking(ctx.query("priority_inputs"), ctx.weights)


@memoized("weights", "budget")
def budget_selection(ctx: Context) -> pd.DataFrame | None:
    """The best selection under ctx.budget, exact unless its step limit stops the
    search (selection.selection_optimality says which); None without a budget."""
    if ctx.budget is None or not _weights_usable(ctx):
        return None
    return selection.budget_selection(priority_ranking(ctx), ctx.budget)


@memoized("weights")
def efficient_frontier(ctx: Context) -> pd.DataFrame | None:
    """The best total score reachable at each budget level."""
    if not _weights_usable(ctx):
        return None
    return selection.efficient_frontier(priority_ranking(ctx))


@memoized("weights")
def rank_sensitivity(ctx: Context) -> pd.DataFrame | None:
    """Each initiative's best and worst rank over the weight grid around ctx.weights."""
    if not _weights_usable(ctx):
        return None
    return sensitivity.rank_sensitivity(ctx.query("priority_inputs"), ctx.weights,
                                      top_k=TOP_EIGHT)


@memoized("weights")
def top_eight_vs_flagged(ctx: Context) -> pd.DataFrame | None:
    """The model's top eight beside the initiatives flagged as priorities, one row each;
    `rank` (ties by code) places the top eight, `rank_with_ties` and `is_tied` are the
    rank a reader is shown (`scoring.with_tied_ranks`)."""
    r = priority_ranking(ctx)
    if r is None:
        return None
    r = scoring.with_tied_ranks(r)  # ties read from every kept initiative
    keep = (r["rank"] <= TOP_EIGHT) | r["is_priority"].astype(bool)
    out = r.loc[keep, ["initiative_id", "name", "category", "rank", "rank_with_ties", "is_tied",
                       "score", "is_priority"]]
    out = out.rename(columns={"is_priority": "flagged_priority"}).reset_index(drop=True)
    out["in_model_top_eight"] = out["rank"] <= TOP_EIGHT
    out["flagged_priority"] = out["flagged_priority"].astype(bool)
    return out


@memoized("discount_rate")
def financial_measures(ctx: Context) -> pd.DataFrame:
    """NPV at ctx.discount_rate, payback year and benefit-cost ratio per kept initiative."""
    by_year = ctx.query("cashflow_by_initiative_year", discount_rate=float(ctx.discount_rate))
    return finance.financial_measures(cost_by_initiative(ctx), by_year)


@memoized("compare_to")
def changes(ctx: Context) -> pd.DataFrame | None:
    """Each initiative before (ctx.compare_to) and after (the filters' snapshot), same
    filters on both; None without a snapshot to compare to."""
    if ctx.compare_to is None:
        return None
    before = ctx.query("initiative_summary", ctx.filters.with_(snapshot=ctx.compare_to))
    after = ctx.query("initiative_summary")
    return comparison.compare_snapshots(before, after)


__all__ = [
    "CONFIDENCE_LEVELS",
    "DEFAULT_WEIGHTS",
    "Context",
]
