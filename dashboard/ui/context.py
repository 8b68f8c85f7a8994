"""The page context: what a page needs, set once per run by the sidebar.

`AppContext` holds the data context (chart_data.Context: Database, Filters, analysis
options, the cached runner), the chosen snapshot, the scan and the snapshot's filter
options, and the URL notices. Pages read it with `current()`.
`analysis_options` reads the analysis controls (widget state, else the URL).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from dashboard import chart_data, config
from dashboard import snapshots as snaps
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.params import ANALYSIS_KEYS, FilterOptions, float_or
from dashboard.schema import is_sample_source

_CTX_KEY = "_app_context"


@dataclass(frozen=True)
class AppContext:
    """What a page needs: the data context (db, filters, options), the snapshot, the scan."""

    ctx: chart_data.Context
    snapshot: snaps.Snapshot
    scan: snaps.ScanResult
    options: FilterOptions
    notices: tuple[str, ...] = field(default_factory=tuple)

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
        st.error("No data is loaded. Open the dashboard through dashboard/app.py.")
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
    if key in st.session_state:
        return st.session_state[key]
    vals = st.query_params.get_all(key)
    return vals[-1] if vals else None


def analysis_options(scan: snaps.ScanResult, snapshot: str) -> dict[str, object]:
    """Discount rate, weights, budget and compared snapshot from the widgets or the URL."""
    rate = float_or(_state_or_url("rate"), config.DEFAULT_DISCOUNT_RATE, 0.0, 1.0)
    default_w = chart_data.DEFAULT_WEIGHTS
    weights = tuple(
        float_or(_state_or_url(k), default_w[i], 0.0) for i, k in enumerate(ANALYSIS_KEYS[:3])
    )
    budget = float_or(_state_or_url("budget"), None, 0.0)
    compare = _state_or_url("compare")
    dates = [s.as_of for s in scan.snapshots]
    compare = compare if isinstance(compare, str) and compare in dates and compare != snapshot else None
    return {"discount_rate": rate, "weights": weights, "budget": budget, "compare_to": compare}
