"""Every registry chart's builder with the inputs a page gives it besides its frame, and the odd data sets the figure tests draw them over (tests/odd_data.py)."""

from __future__ import annotations

from dashboard import registry
from dashboard.analysis import finance
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import odd_data


def context_at(db, as_of):
    return chart_data.Context(db=db, filters=Filters(snapshot=as_of))


def _mid_as_of(df) -> str | None:
    """An as-of date in the middle of the frame's fiscal years (some years estimates)."""
    years = sorted(set(df["fiscal_year"]))
    return f"{years[len(years) // 2]}-06-30" if years else None


FIXED_ARGS = {
    # by-year charts: years after an as-of date drawn as estimates (here mid-range ones)
    "cost_benefit_by_year_category": lambda df: (_mid_as_of(df),),
    "cashflow_by_year": lambda df: (finance.payback_year(df), _mid_as_of(df)),
    "efficient_frontier": lambda df: (float(df["budget_usd"].median()), 0.5),
    "financial_measures": lambda df: (0.05,),
    "cost_change_waterfall": lambda df: ("before", "after"),
    # the portfolio NPV as stated, P10, P50, P90, the share above 0; the stated NPV: set
    # inside the histogram's bins (the pages give ranges_portfolio's npv_usd row)
    "npv_distribution": lambda df: _marks(df),
    "npv_tornado": lambda df: (float(df["npv_if_worse_usd"].max()),),
}


def _marks(df):
    lo, hi = float(df["bin_from_usd"].min()), float(df["bin_to_usd"].max())
    return (lo + 0.7 * (hi - lo), lo + 0.3 * (hi - lo), lo + 0.5 * (hi - lo),
            lo + 0.6 * (hi - lo), 0.8)


def _builder(entry):
    fixed = FIXED_ARGS.get(entry.id, lambda df: ())
    return lambda df: entry.builder(df, *fixed(df))


BUILDERS = {c.id: (_builder(c), c.dataset) for c in registry.CHARTS if c.export}


SNAPSHOTS = {"odd": odd_data.ODD_AS_OF, "one": odd_data.ONE_AS_OF}


