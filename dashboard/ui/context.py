"""The page context: what a page needs, set once per run by the sidebar.

`AppContext` holds the data context (chart_data.Context: Database, Filters, analysis
options, the cached runner), the chosen snapshot, the scan and the snapshot's filter
options, and the URL notices. Pages read it with `current()`.
`analysis_options` reads the analysis controls (widget state, else the URL).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from dashboard import config
from dashboard.analysis.scoring import DEFAULT_WEIGHTS
from dashboard.contract.schema import is_sample_source
from dashboard.lang.translate import _
from dashboard.output import summary
from dashboard.query import chart_data, params
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.query.params import WEIGHT_KEYS, FilterOptions, Notice, value_or_default
from dashboard.store import folders
from dashboard.ui import budget_link, percent_link, say

_CTX_KEY = "_app_context"


@dataclass(frozen=True)
class AppContext:
    """What a page needs: the data context (db, filters, options), the snapshot, the scan."""

    ctx: chart_data.Context
    snapshot: folders.Snapshot
    scan: folders.ScanResult
    options: FilterOptions
    notices: tuple[Notice, ...] = field(default_factory=tuple)

    @property
    def db(self) -> Database:
        return self.ctx.db

    @property
    def filters(self) -> Filters:
        return self.ctx.filters

    @property
    def is_sample(self) -> bool:
        return is_sample_source(self.snapshot.source)


def current() -> AppContext:
    """The current page's context, set by the sidebar in dashboard/app.py."""
    app = st.session_state.get(_CTX_KEY)
    if app is None:
        say.error(_("No data is loaded. Open the dashboard through dashboard/app.py."))
        st.stop()
    return app


def current_or_none() -> AppContext | None:
    return st.session_state.get(_CTX_KEY)


def set_current(app: AppContext | None) -> None:
    if app is None:
        st.session_state.pop(_CTX_KEY, None)
    else:
        st.session_state[_CTX_KEY] = app


# --- analysis options (URL-bound controls owned by the pages that use them) -------------


def _state_or_url(key: str) -> object:
    if (box := percent_link.box_fraction(key)) is not None:  # the rate, the weights
        return box
    if key in st.session_state:
        return st.session_state[key]
    vals = st.query_params.get_all(key)
    return vals[-1] if vals else None


def analysis_options(scan: folders.ScanResult, snapshot: str) -> dict[str, object]:
    """Discount rate, weights, budget and compared snapshot from the widgets or the URL
    (the compared one by default the previous snapshot, if any);
    a value that breaks its rule (dashboard/query/params.py) gives the default (and the URL's
    notice names it)."""
    rate = value_or_default(params.check_rate, _state_or_url("rate"),
                            config.DEFAULT_DISCOUNT_RATE)
    weights = tuple(value_or_default(params.check_weight, _state_or_url(k), default)
                    for k, default in zip(WEIGHT_KEYS, DEFAULT_WEIGHTS, strict=True))
    budget = value_or_default(params.check_budget, budget_link.session_budget(), None)
    dates = [s.as_of for s in scan.snapshots]
    # none given: the previous snapshot (the What changed page's default), so that the
    # workbook of "Download all" holds the changes sheet that page shows and the default
    # briefing its What changed section
    compare = value_or_default(lambda v: params.check_compare(str(v), dates, snapshot),
                               _state_or_url("compare"),
                               summary.previous_snapshot(dates, snapshot))
    return {"discount_rate": rate, "weights": weights, "budget": budget, "compare_to": compare}
