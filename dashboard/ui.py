"""Shared Streamlit plumbing: the sidebar filters bound to the URL, the cached Database and
query runner, the page context, chart blocks with downloads and tables, empty states.

Pages stay thin: `app = ui.current()` gives the Database, the Filters, the snapshot and the
analysis options (an `AppContext`); the data comes from dashboard/chart_data.py, the
figures from dashboard/figures.py, and `ui.chart(...)` shows a figure with its
"View data as a table", CSV and Excel downloads.

URL parameters: the sidebar widgets are bound to the query parameters snapshot, agency,
category, initiative, priority, years (and rate). Streamlit silently drops an invalid
bound value; before creating the widgets we compare the URL with the snapshot's own
options and name every dropped value in a visible notice. URL text never reaches SQL:
only validated members of those option lists do.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import chart_data, config, export
from dashboard import snapshots as snaps
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.formatting import format_usd
from dashboard.schema import CATEGORIES

FILTER_KEYS: tuple[str, ...] = ("snapshot", "agency", "category", "initiative", "priority", "years")
ANALYSIS_KEYS: tuple[str, ...] = ("w_cost", "w_benefit", "w_value", "budget", "rate", "compare")
SAMPLE_MARKER = "illustrative sample data"
SAMPLE_NOTE = "illustrative sample data — not official figures"
EMPTY_MESSAGE = "No data for these filters. Widen the filters in the sidebar, or reset them."
_CTX_KEY = "_app_context"
_BEFORE_SELECTION = "_before_chart_selection"
_DEFAULTS_KEY = "_filter_defaults"
_NOTICES_KEY = "_url_notices"


# --- cached resources ------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def database(data_dir: str) -> Database:
    """One shared Database per data directory (safe to share: one cursor per query)."""
    return Database(data_dir)


def get_db() -> Database:
    return database(str(config.data_dir()))


@st.cache_data(max_entries=2048, ttl=3600, show_spinner=False)
def _cached_query(data_dir: str, token: str, name: str, filters: Filters,
                  extra: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    # `token` changes whenever the snapshot's published content changes, so a replaced
    # snapshot never serves stale results.
    del token
    return database(data_dir).query(name, filters, **dict(extra))


def cached_runner(db: Database, scan: snaps.ScanResult) -> chart_data.Runner:
    """A query runner whose cache key holds the snapshot token, the filters and the extras."""
    tokens = {s.as_of: s.token for s in scan.snapshots}

    def run(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        token = tokens.get(filters.snapshot, "")
        return _cached_query(str(db.data_dir), token, name, filters, tuple(sorted(extra.items())))

    return run


# --- filter options of a snapshot --------------------------------------------------------


@dataclass(frozen=True)
class FilterOptions:
    """The allowed filter values: the snapshot's own agencies, categories, initiatives, years."""

    agencies: tuple[str, ...]
    agency_names: dict[str, str]
    agency_types: dict[str, str]
    categories: tuple[str, ...]
    initiatives: tuple[str, ...]
    initiative_names: dict[str, str]
    year_min: int | None
    year_max: int | None


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _filter_options(data_dir: str, token: str, as_of: str) -> FilterOptions:
    del token
    return load_filter_options(database(data_dir), as_of)


def load_filter_options(db: Database, as_of: str) -> FilterOptions:
    bare = Filters(snapshot=as_of)
    ag = db.query("agency_list", bare)
    ini = db.query("initiative_list", bare)
    ys = db.query("year_span", bare).iloc[0]
    present = set(ini["category"])
    return FilterOptions(
        agencies=tuple(ag["agency_code"]),
        agency_names=dict(zip(ag["agency_code"], ag["name"], strict=True)),
        agency_types=dict(zip(ag["agency_code"], ag["agency_type"], strict=True)),
        categories=tuple(c for c in CATEGORIES if c in present),
        initiatives=tuple(ini["initiative_id"]),
        initiative_names=dict(zip(ini["initiative_id"], ini["name"], strict=True)),
        year_min=None if pd.isna(ys["min_year"]) else int(ys["min_year"]),
        year_max=None if pd.isna(ys["max_year"]) else int(ys["max_year"]),
    )


# --- URL validation (pure) -------------------------------------------------------------


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _parse_int(text: str) -> int | None:
    try:
        f = float(text)
    except ValueError:
        return None
    if not math.isfinite(f) or f != int(f):
        return None
    return int(f)


def url_notices(params: Mapping[str, str | Sequence[str]], snapshot_options: Sequence[str],
                options: FilterOptions | None) -> list[str]:
    """A message for every URL filter value that is not allowed (and will be dropped).

    `params` maps a query parameter to its value(s); `snapshot_options` are the published
    as-of dates; `options` the chosen snapshot's allowed values (None: no snapshot).
    """
    notices: list[str] = []
    snap_vals = [v for v in _as_list(params.get("snapshot")) if v != ""]
    if snap_vals and snap_vals[-1] not in snapshot_options:
        shown = ", ".join(snapshot_options) or "none"
        notices.append(
            f"URL parameter snapshot={snap_vals[-1]!r} ignored: no such published snapshot "
            f"(available: {shown}). Showing the newest."
        )
    if options is None:
        return notices
    lists = {
        "agency": (options.agencies, "organization"),
        "category": (options.categories, "category"),
        "initiative": (options.initiatives, "initiative"),
    }
    for key, (allowed, what) in lists.items():
        bad = [v for v in _as_list(params.get(key)) if v != "" and v not in allowed]
        for v in dict.fromkeys(bad):
            notices.append(f"URL parameter {key}={v!r} ignored: no such {what} in this snapshot.")
    prio = [v for v in _as_list(params.get("priority")) if v != ""]
    if prio and prio[-1].lower() not in ("true", "false"):
        notices.append(f"URL parameter priority={prio[-1]!r} ignored: use true or false.")
    years = [v for v in _as_list(params.get("years")) if v != ""]
    if years:
        ok = False
        lo, hi = options.year_min, options.year_max
        nums = [_parse_int(v) for v in years]
        if (
            len(nums) == 2
            and None not in nums
            and lo is not None
            and hi is not None
            and lo < hi
        ):
            a, b = nums  # type: ignore[misc]
            ok = lo <= a <= b <= hi  # type: ignore[operator]
        if not ok:
            span = f"{lo}–{hi}" if lo is not None else "none"
            notices.append(
                f"URL parameter years={'&'.join(years)!r} ignored: give two years FROM and TO "
                f"with FROM ≤ TO, within {span}."
            )
    return notices


def valid_years(value: object, options: FilterOptions) -> tuple[int, int] | None:
    """A (from, to) pair within the snapshot's years, else None."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    try:
        a, b = int(value[0]), int(value[1])
    except (TypeError, ValueError):
        return None
    if options.year_min is None or options.year_max is None:
        return None
    if options.year_min <= a <= b <= options.year_max:
        return a, b
    return None


# --- page context ------------------------------------------------------------------------


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


def is_sample_source(source: str) -> bool:
    return SAMPLE_MARKER in (source or "").lower()


def current() -> AppContext:
    """The current page's context, set by the sidebar in dashboard/app.py."""
    app = st.session_state.get(_CTX_KEY)
    if app is None:
        st.error("No data is loaded. Open the dashboard through dashboard/app.py.")
        st.stop()
    return app


def current_or_none() -> AppContext | None:
    return st.session_state.get(_CTX_KEY)


# --- analysis options (URL-bound controls owned by the pages that use them) -------------


def _state_or_url(key: str) -> object:
    if key in st.session_state:
        return st.session_state[key]
    vals = st.query_params.get_all(key)
    return vals[-1] if vals else None


def _float_or(value: object, default: float | None, lo: float = 0.0,
              hi: float = math.inf) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    if not math.isfinite(x) or x < lo or x > hi:
        return default
    return x


def analysis_options(scan: snaps.ScanResult, snapshot: str) -> dict[str, object]:
    """Discount rate, weights, budget and compared snapshot from the widgets or the URL."""
    rate = _float_or(_state_or_url("rate"), config.DEFAULT_DISCOUNT_RATE, 0.0, 1.0)
    default_w = chart_data.DEFAULT_WEIGHTS
    weights = tuple(
        _float_or(_state_or_url(k), default_w[i], 0.0) for i, k in enumerate(ANALYSIS_KEYS[:3])
    )
    budget = _float_or(_state_or_url("budget"), None, 0.0)
    compare = _state_or_url("compare")
    dates = [s.as_of for s in scan.snapshots]
    compare = compare if isinstance(compare, str) and compare in dates and compare != snapshot else None
    return {"discount_rate": rate, "weights": weights, "budget": budget, "compare_to": compare}


# --- the sidebar -----------------------------------------------------------------------


_LAST_FILTERS = "_last_filters"
_LAST_PAGE = "_last_page"
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
    st.session_state.pop(_BEFORE_SELECTION, None)


def _undo_selection() -> None:
    before = st.session_state.pop(_BEFORE_SELECTION, None)
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


def sidebar_filters(db: Database, scan: snaps.ScanResult) -> AppContext | None:
    """The shared filters in the sidebar; returns the page context (None: no snapshot)."""
    dates = [s.as_of for s in scan.snapshots]
    sb = st.sidebar
    sb.header("Filters")
    if not dates:
        st.session_state.pop(_CTX_KEY, None)
        sb.info("No published snapshot: nothing to filter.")
        return None

    # 1. the snapshot: validate the URL before the widget silently drops a bad value
    raw = {k: st.query_params.get_all(k) for k in FILTER_KEYS}
    if st.session_state.get("snapshot") not in (None, *dates):
        st.session_state["snapshot"] = dates[0]
    as_of = sb.selectbox(
        "Snapshot (as of)",
        dates,
        index=0,
        key="snapshot",
        bind="query-params",
        help="Each snapshot is a published, immutable set of estimates. The newest is the default.",
    )
    snap = scan.get(as_of) or scan.snapshots[0]
    opts = _filter_options(str(db.data_dir), snap.token, snap.as_of)
    notices = url_notices(raw, dates, opts)

    for key, allowed in (("agency", opts.agencies), ("category", opts.categories),
                         ("initiative", opts.initiatives)):
        _sanitize_state(key, allowed)
    if st.session_state.pop("_fix_years", False) or (
        "years" in st.session_state and valid_years(st.session_state["years"], opts) is None
    ):
        st.session_state["years"] = (opts.year_min, opts.year_max)
    # notices found on a run that had to be redone (see the years slider below)
    notices = list(dict.fromkeys(st.session_state.pop(_NOTICES_KEY, []) + notices))

    agencies = sb.multiselect(
        "Organization",
        opts.agencies,
        key="agency",
        bind="query-params",
        placeholder="All organizations",
        help="Keeps the cost, benefit and commitment rows of these organizations. Shared "
        "(system-wide) costs and benefits are then left out; contributions are not "
        "filtered by organization.",
    )
    categories = sb.multiselect(
        "Category",
        opts.categories,
        key="category",
        bind="query-params",
        placeholder="All categories",
    )
    initiatives = sb.multiselect(
        "Initiative",
        opts.initiatives,
        key="initiative",
        bind="query-params",
        placeholder="All initiatives",
        help="; ".join(f"{k}: {v}" for k, v in opts.initiative_names.items())[:2000],
    )
    priority = sb.toggle("Priority initiatives only", key="priority", bind="query-params")
    year_from = year_to = None
    if opts.year_min is not None and opts.year_max is not None and opts.year_min < opts.year_max:
        years = sb.slider(
            "Years",
            min_value=opts.year_min,
            max_value=opts.year_max,
            value=(opts.year_min, opts.year_max),
            step=1,
            key="years",
            bind="query-params",
            help="Fiscal years of costs and benefits, and the year of each contribution "
            "(inclusive). The full range means no year filter.",
        )
        if valid_years(years, opts) is None:
            # The slider took a URL value it cannot show (e.g. FROM after TO): put it
            # back to the full range on a fresh run, keeping the notice.
            st.session_state["_fix_years"] = True
            st.session_state[_NOTICES_KEY] = notices
            st.rerun()
        if tuple(years) != (opts.year_min, opts.year_max):
            year_from, year_to = int(years[0]), int(years[1])
    elif opts.year_min is not None:
        sb.caption(f"Years: {opts.year_min} only")

    st.session_state[_DEFAULTS_KEY] = {
        "snapshot": dates[0],
        "agency": [],
        "category": [],
        "initiative": [],
        "priority": False,
        "years": (opts.year_min, opts.year_max),
    }
    sb.button("Reset all filters", key="reset_filters", on_click=_reset_filters,
              icon=":material/restart_alt:", width="stretch")
    if st.session_state.get(_BEFORE_SELECTION):
        sb.button("Undo chart selection", key="undo_selection", on_click=_undo_selection,
                  icon=":material/undo:", width="stretch",
                  help="Back to the filters you had before clicking a chart.")

    sb.subheader("Analysis")
    sb.number_input(
        "Discount rate for NPV",
        min_value=0.0,
        max_value=1.0,
        value=config.DEFAULT_DISCOUNT_RATE,
        step=0.005,
        format="%.3f",
        key="rate",
        bind="query-params",
        help="A yearly rate as a fraction: 0.05 is 5%.",
    )

    _remember_filters()
    filters = Filters(
        snapshot=snap.as_of,
        agencies=tuple(agencies),
        categories=tuple(categories),
        initiatives=tuple(initiatives),
        priority_only=bool(priority),
        year_from=year_from,
        year_to=year_to,
    )
    ctx = chart_data.Context(
        db=db,
        filters=filters,
        runner=cached_runner(db, scan),
        **analysis_options(scan, snap.as_of),  # type: ignore[arg-type]
    )
    app = AppContext(ctx=ctx, snapshot=snap, scan=scan, options=opts, notices=tuple(notices))
    st.session_state[_CTX_KEY] = app

    sb.divider()
    download_all(app, sb)
    return app


# --- notices and provenance --------------------------------------------------------------


def provenance_text(snapshot: snaps.Snapshot) -> str:
    """One line: the sample-data warning first (where it applies), the date, the source."""
    parts = [f"Snapshot as of {snapshot.as_of}", f"source: {snapshot.source or 'not stated'}"]
    if is_sample_source(snapshot.source):
        parts.insert(0, f"**{SAMPLE_NOTE[0].upper()}{SAMPLE_NOTE[1:]}**")
        # the generator's source already says "not official figures": say it once
        parts[-1] = parts[-1].replace("; not official figures", "")
    return " · ".join(parts)


def page_header(title: str, app: AppContext, intro: str | None = None) -> None:
    """Title, provenance line, URL notices and the shared-costs notice."""
    st.title(title)
    st.caption(provenance_text(app.snapshot))
    if intro:
        st.markdown(intro)
    for n in app.notices:
        st.warning(n, icon=":material/link_off:")
    if app.filters.hides_shared_rows:
        st.info(
            "An organization filter is set: shared (system-wide) costs and benefits, which "
            "belong to no single organization, are left out of the figures below. "
            "Contributions are not filtered by organization.",
            icon=":material/filter_alt:",
        )


def skipped_warnings(scan: snaps.ScanResult) -> None:
    for s in scan.skipped:
        st.warning(f"Snapshot folder **{s.name}** skipped: {s.reason}", icon=":material/warning:")


# --- charts, tables, downloads -----------------------------------------------------------


def ids_from_selection(selection: object) -> list[str]:
    """The first customdata value of each selected point (initiative_id / agency_code)."""
    points = []
    if selection is None:
        return []
    try:
        points = selection["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        points = getattr(selection, "points", []) or []
    out: list[str] = []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, Mapping) else None
        if isinstance(cd, (list, tuple)):
            cd = cd[0] if cd else None
        if isinstance(cd, str) and cd and cd not in out:
            out.append(cd)
    return out


def _on_chart_select(chart_key: str, filter_key: str) -> None:
    state = st.session_state.get(chart_key)
    selection = state.get("selection") if isinstance(state, Mapping) else None
    ids = ids_from_selection(selection)
    app = st.session_state.get(_CTX_KEY)
    if app is not None:
        allowed = app.options.agencies if filter_key == "agency" else app.options.initiatives
        ids = [i for i in ids if i in allowed]
    if not ids:
        return
    if not st.session_state.get(_BEFORE_SELECTION):
        st.session_state[_BEFORE_SELECTION] = {
            k: st.session_state.get(k) for k in ("agency", "initiative") if k in st.session_state
        } or {"agency": [], "initiative": []}
        st.session_state[_BEFORE_SELECTION].setdefault("agency", [])
        st.session_state[_BEFORE_SELECTION].setdefault("initiative", [])
    st.session_state[filter_key] = sorted(ids)


def display_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy for people: money columns formatted ("$12.3K"), others as they are."""
    out = df.copy()
    for c in out.columns:
        if c.endswith("_usd") and pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].map(format_usd)
    return out


def chart(
    title: str,
    df: pd.DataFrame,
    figure: Callable[[pd.DataFrame], go.Figure] | go.Figure,
    key: str,
    *,
    select: str | None = None,
    caption: str | None = None,
    sheet: str | None = None,
) -> None:
    """A chart with its data: empty state, figure, "View data as a table", CSV, Excel.

    select: "initiative" or "agency" makes clicking a point narrow that filter (the
    figure must put the id first in customdata).
    """
    app = current()
    st.subheader(title)
    if caption:
        st.caption(caption)
    if df is None or df.empty:
        st.info(EMPTY_MESSAGE, icon=":material/search_off:")
        return
    fig = figure(df) if callable(figure) else figure
    chart_key = f"chart_{key}"
    if select:
        st.plotly_chart(
            fig,
            key=chart_key,
            on_select=lambda: _on_chart_select(chart_key, select),
            selection_mode=("points",),
            width="stretch",
            alt=title,
            config={"displaylogo": False},
        )
        st.caption(
            f"Click a bar or point to narrow the {'organization' if select == 'agency' else 'initiative'} "
            "filter to it; “Undo chart selection” in the sidebar goes back."
        )
    else:
        st.plotly_chart(fig, key=chart_key, width="stretch", alt=title,
                        config={"displaylogo": False})
    table_and_downloads(df, key, app, sheet=sheet or key)


def table_and_downloads(df: pd.DataFrame, key: str, app: AppContext, *, sheet: str,
                        expanded: bool = False) -> None:
    with st.expander("View data as a table", expanded=expanded):
        st.dataframe(display_table(df), hide_index=True, width="stretch", key=f"table_{key}")
    downloads(df, key, app, sheet=sheet)


def downloads(df: pd.DataFrame, key: str, app: AppContext, *, sheet: str) -> None:
    meta = export.metadata(app.ctx, app.snapshot, sheets=[sheet])
    stem = f"{sheet}_{app.filters.snapshot}"
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        "CSV",
        data=lambda: export.csv_bytes(df),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"dl_csv_{key}",
        on_click="ignore",
        icon=":material/download:",
        help="This chart's data under the current filters, as CSV.",
    )
    row.download_button(
        "Excel",
        data=lambda: export.workbook_bytes({sheet: df}, meta),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl_xlsx_{key}",
        on_click="ignore",
        icon=":material/download:",
        help="This chart's data with a metadata sheet (snapshot, source, filters).",
    )


def download_all(app: AppContext, where: object = None) -> None:
    target = where or st
    ctx = app.ctx.with_(runner=None)  # the export runs its own, uncached queries
    snapshot = app.snapshot
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    target.download_button(  # type: ignore[attr-defined]
        "Download all (Excel)",
        data=lambda: export.build_workbook_bytes(ctx, snapshot),
        file_name=f"ict-portfolio_{snapshot.as_of}_{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_all",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        help="Every chart's data under the current filters, one sheet each, with a metadata sheet.",
    )


def metric_row(items: Sequence[tuple[str, str, str | None]], per_row: int = 4) -> None:
    """st.metric tiles: (label, value, help)."""
    for start in range(0, len(items), per_row):
        cols = st.columns(per_row)
        for col, (label, value, help_text) in zip(cols, items[start:start + per_row], strict=False):
            col.metric(label, value, help=help_text, border=True)


def empty_state() -> None:
    st.info(EMPTY_MESSAGE, icon=":material/search_off:")
