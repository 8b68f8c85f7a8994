"""The sidebar: the shared filters bound to the URL, Reset / Undo, the discount rate, "Download
all" and "Briefing (PDF)" (dashboard/ui/briefing.py); and the session-state workarounds.

URL parameters: the sidebar widgets are bound to the query parameters initiative,
priority and years; the snapshot picker is kept in step with `snapshot` by
dashboard/ui/snapshot_link.py (the URL always names the snapshot shown), the language with
`lang` by dashboard/ui/language.py, the Organization filter (names shown) with `agency`
(codes) by dashboard/ui/organization_link.py, and so the Category filter (labels in the
reader's language) with `category` (the values);
the discount rate is typed in percent and kept in the URL as a fraction (`rate`) by
dashboard/ui/percent_link.py, like Prioritization's weights (w_cost, w_benefit, w_value);
Prioritization keeps budget, What changed's picker keeps `compare` (dashboard/ui/compare_link.py).
Streamlit drops an invalid bound value silently; before creating the widgets every one of those
parameters is checked by dashboard/query/params.py (the
validator the command line uses too) and every dropped value is named in a visible notice.
URL text never reaches SQL: only validated members of the option lists do.

Workarounds (session state): a page switch puts back the filters the previous run showed
(`keep_filters_across_page_switch`); values of another snapshot are dropped from the
multiselects; a years value the slider cannot show is reset on a fresh run.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.contract.labels import category_label
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _
from dashboard.output.usertext import md_join
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import LABELS, ORGANIZATION, Filters
from dashboard.query.params import (
    ANALYSIS_KEYS,
    FILTER_KEYS,
    FilterOptions,
    url_notices,
    valid_years,
)
from dashboard.query.query_cache import cached_memo, cached_runner, filter_options
from dashboard.store import folders
from dashboard.ui import language, organization_link, snapshot_link
from dashboard.ui.blocks import BEFORE_SELECTION, download_all
from dashboard.ui.briefing import briefing_control
from dashboard.ui.context import AppContext, analysis_options, set_current
from dashboard.ui.formats import in_run_language
from dashboard.ui.percent_link import RATE, percent_input

_DEFAULTS_KEY, _NOTICES_KEY = "_filter_defaults", "_url_notices"
_LAST_FILTERS, _LAST_PAGE = "_last_filters", "_last_page"
KEPT_ACROSS_PAGES: tuple[str, ...] = (*FILTER_KEYS, "rate")


def keep_filters_across_page_switch(page_key: str) -> None:
    """Before the sidebar widgets exist: on a run that switches pages, put back the filters
    the previous run showed. A page switch never changes a filter, but under concurrent load
    Streamlit's page switch can arrive without the URL-bound values (the browser test of 10
    sessions saw filters fall back to their defaults); this makes the rule hold."""
    last = st.session_state.get(_LAST_FILTERS)
    if last is not None and st.session_state.get(_LAST_PAGE) not in (None, page_key):
        for key, value in last.items():
            st.session_state[key] = value
    st.session_state[_LAST_PAGE] = page_key


def _remember_filters() -> None:
    st.session_state[_LAST_FILTERS] = {
        k: st.session_state[k] for k in KEPT_ACROSS_PAGES if k in st.session_state}


def _reset_filters() -> None:
    defaults = st.session_state.get(_DEFAULTS_KEY, {})
    for key in FILTER_KEYS:
        if key in defaults:
            st.session_state[key] = defaults[key]
    st.session_state.pop(BEFORE_SELECTION, None)


def _undo_selection() -> None:
    before = st.session_state.pop(BEFORE_SELECTION, None)
    if before:
        for key, value in before.items():
            st.session_state[key] = value


def _sanitize_state(key: str, allowed: Sequence[str]) -> None:
    """Drop values of a filter held in session state that this snapshot does not have."""
    if key in st.session_state:
        cur = st.session_state[key]
        if isinstance(cur, (list, tuple)):
            kept = [v for v in cur if v in allowed]
            if len(kept) != len(cur):
                st.session_state[key] = kept


def sidebar_filters(db: Database, scan: folders.ScanResult) -> AppContext | None:
    """The shared filters in the sidebar, in named steps; returns the page context (None:
    no snapshot)."""
    dates = [s.as_of for s in scan.snapshots]
    sb = st.sidebar
    language.switch(sb)
    sb.header(_("Filters"))
    if not dates:
        set_current(None)
        sb.info(_("No published snapshot: nothing to filter."))
        return None
    snap, opts, notices = _snapshot_and_notices(sb, scan, dates, db)
    filters = _filter_widgets(sb, snap, opts, notices)
    _reset_and_undo(sb)
    _analysis(sb)
    _remember_filters()
    ctx = chart_data.Context(
        db=db,
        filters=filters,
        runner=cached_runner(db, scan),
        memo=cached_memo(db, scan),
        **analysis_options(scan, snap.as_of),  # type: ignore[arg-type]
    )
    app = AppContext(ctx=ctx, snapshot=snap, scan=scan, options=opts, notices=tuple(notices))
    set_current(app)

    sb.divider()
    download_all(app, sb)
    briefing_control(app, sb)
    return app


def _snapshot_and_notices(sb, scan: folders.ScanResult, dates: list[str],
                          db: Database) -> tuple[folders.Snapshot, FilterOptions, list[str]]:
    """The snapshot picker, the URL's values checked before any widget drops one (each
    dropped value a notice), and the session's values this snapshot cannot show put right."""
    raw = {k: st.query_params.get_all(k) for k in (*FILTER_KEYS, *ANALYSIS_KEYS)}
    snapshot_link.from_url(dates)
    as_of = sb.selectbox(  # kept in step with the URL by ui/snapshot_link.py (not bound:
        _("Snapshot (as of)"),  # Streamlit leaves a bound default, the newest, out of the URL)
        dates,
        index=0,
        key="snapshot",
        format_func=in_run_language(format_date),
        help=_("Each snapshot is a published, immutable set of estimates. The newest is the "
               "default; the page's address names the one shown, so a copied link keeps it."),
    )
    snap = scan.get(as_of) or scan.snapshots[0]
    snapshot_link.to_url(snap.as_of)
    opts = filter_options(db, snap)
    notices = url_notices(raw, dates, opts, snap.as_of)

    for key, allowed in ((ORGANIZATION.key, opts.agencies), ("category", opts.categories),
                         ("initiative", opts.initiatives)):
        _sanitize_state(key, allowed)
    if st.session_state.pop("_fix_years", False) or (
        "years" in st.session_state and valid_years(st.session_state["years"], opts) is None
    ):
        st.session_state["years"] = (opts.year_min, opts.year_max)
    # notices found on a run that had to be redone (see the years slider)
    notices = list(dict.fromkeys(st.session_state.pop(_NOTICES_KEY, []) + notices))
    st.session_state[_DEFAULTS_KEY] = {
        "snapshot": dates[0],
        ORGANIZATION.key: [],
        "category": [],
        "initiative": [],
        "priority": False,
        "years": (opts.year_min, opts.year_max),
    }
    return snap, opts, notices


def _filter_widgets(sb, snap: folders.Snapshot, opts: FilterOptions,
                    notices: list[str]) -> Filters:
    """Organization, category, initiative, priority and years: the Filters they give."""
    agencies = organization_link.organization_filter(sb, opts.agencies, opts.agency_names)
    organization_link.from_url(opts.categories, "category")  # the values in the URL, the
    categories = sb.multiselect(_(LABELS["category"]), opts.categories, key="category",  # labels shown
                                format_func=in_run_language(category_label),
                                placeholder=_("All categories"))
    organization_link.to_url(categories, "category")
    initiatives = sb.multiselect(
        _(LABELS["initiative"]),
        opts.initiatives,
        key="initiative",
        bind="query-params",
        placeholder=_("All initiatives"),
        help=md_join((f"{k}: {v}" for k, v in opts.initiative_names.items()), "; ")[:4000],
    )
    priority = sb.toggle(_(LABELS["priority"]), key="priority", bind="query-params")
    year_from, year_to = _years(sb, opts, notices)
    return Filters(
        snapshot=snap.as_of,
        agencies=tuple(agencies),
        categories=tuple(categories),
        initiatives=tuple(initiatives),
        priority_only=bool(priority),
        year_from=year_from,
        year_to=year_to,
    )


def _years(sb, opts: FilterOptions, notices: list[str]) -> tuple[int | None, int | None]:
    """The years slider: (from, to), or (None, None) for the full range (no filter)."""
    if opts.year_min is None or opts.year_max is None or opts.year_min >= opts.year_max:
        if opts.year_min is not None:
            sb.caption(_("Years: {year} only").format(year=opts.year_min))
        return None, None
    years = sb.slider(
        _(LABELS["years"]),
        min_value=opts.year_min,
        max_value=opts.year_max,
        value=(opts.year_min, opts.year_max),
        step=1,
        key="years",
        bind="query-params",
        help=_("Fiscal years of costs and benefits, and the year of each contribution "
               "(inclusive). The full range means no year filter."),
    )
    if valid_years(years, opts) is None:
        # The slider took a URL value it cannot show (e.g. FROM after TO): put it
        # back to the full range on a fresh run, keeping the notice.
        st.session_state["_fix_years"] = True
        st.session_state[_NOTICES_KEY] = notices
        st.rerun()
    if tuple(years) != (opts.year_min, opts.year_max):
        return int(years[0]), int(years[1])
    return None, None


def _reset_and_undo(sb) -> None:
    sb.button(_("Reset all filters"), key="reset_filters", on_click=_reset_filters,
              icon=":material/restart_alt:", width="stretch")
    if st.session_state.get(BEFORE_SELECTION):
        sb.button(_("Undo chart selection"), key="undo_selection", on_click=_undo_selection,
                  icon=":material/undo:", width="stretch",
                  help=_("Back to the filters you had before clicking a chart."))


def _analysis(sb) -> None:
    sb.subheader(_("Analysis"))
    percent_input(sb, RATE)  # in percent; the URL's rate= stays a fraction (ui/percent_link.py)
