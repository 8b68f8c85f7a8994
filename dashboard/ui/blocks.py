"""Chart, table and download blocks: what every chart on a page comes with.

`chart(...)` shows a figure (or the empty state) with its "View data as a table", CSV and
Excel downloads; a chart with `select=` narrows the initiative or organization filter when
a point is clicked (the sidebar's "Undo chart selection" goes back). `download_all` is the
sidebar's "Download all (Excel)"; the headline tiles are ui/metrics.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import figures
from dashboard.charts.browser_figure import for_browser
from dashboard.charts.figure_margins import FULL_WIDTH, HALF_WIDTH
from dashboard.formatting import MISSING, NO_DATA
from dashboard.lang.lazy import N_, Msg
from dashboard.lang.translate import _, keep_language
from dashboard.output import export, summary, table_cue, table_phone, table_view, tables
from dashboard.output.chart_words import plain
from dashboard.output.usertext import plotly_unescape, safe_figure
from dashboard.query.query_cache import cached_figure
from dashboard.ui import say, slide_cue
from dashboard.ui.context import AppContext, current, current_or_none

EMPTY_MESSAGE = Msg(N_("{no_data}. Widen the filters in the sidebar, or reset them."),
                    no_data=NO_DATA)
BEFORE_SELECTION = "_before_chart_selection"  # the filters a chart click replaced (Undo)


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
        if isinstance(cd, str) and cd:
            cd = plotly_unescape(cd)  # the chart shows it escaped (usertext.safe_figure)
            if cd not in out:
                out.append(cd)
    return out


def _on_chart_select(chart_key: str, filter_key: str) -> None:
    state = st.session_state.get(chart_key)
    selection = state.get("selection") if isinstance(state, Mapping) else None
    ids = ids_from_selection(selection)
    app = current_or_none()
    if app is not None:
        allowed = app.options.agencies if filter_key == "agency" else app.options.initiatives
        ids = [i for i in ids if i in allowed]
    if not ids:
        return
    if not st.session_state.get(BEFORE_SELECTION):
        st.session_state[BEFORE_SELECTION] = {
            k: st.session_state.get(k) for k in ("agency", "initiative") if k in st.session_state
        } or {"agency": [], "initiative": []}
        st.session_state[BEFORE_SELECTION].setdefault("agency", [])
        st.session_state[BEFORE_SELECTION].setdefault("initiative", [])
    st.session_state[filter_key] = sorted(ids)


def table(df: pd.DataFrame, key: str, *, exact_money: bool = False, half: bool = False) -> None:
    """A data table for people (dashboard/output/tables.py): worded headers, codes with names,
    money, percentages and dates formatted, the key column pinned, no "None", the amounts
    early and every column a width that fits the frame (half: one of two columns)."""
    frame = tables.HALF_FRAME_WIDTH if half else tables.FRAME_WIDTH
    # a frame too narrow for every column: several tables, each repeating the key
    for i, cols in enumerate(tables.column_groups(df, frame, exact_money=exact_money)):
        shown, config = tables.present(df[cols], exact_money=exact_money, frame=frame)
        cols = table_phone.fit(cols, config, frame, shown)  # a phone's edge cuts no value
        widths = {c: cfg["width"] for c, cfg in config.items()}
        # numbers and dates sorted by value, shown in the reader's language (table_view)
        st.dataframe(table_view.sortable(df[cols], config, shown), hide_index=True,
                     width="stretch", key=key if i == 0 else f"{key}_{i}",
                     column_config=tables.streamlit_config(config), column_order=cols,
                     placeholder=MISSING, height=table_cue.height(len(df)),
                     row_height=tables.row_height(df[cols], widths, exact_money=exact_money))
        # wider than a phone: a line says it slides sideways, where the screen is narrower;
        # longer than ALL_ROWS: a line says how many rows it holds (under the first only)
        slide_cue.under(widths, frame, key if i == 0 else f"{key}_{i}", 0 if i else len(df))


def file_stem(name: str, app: AppContext) -> str:
    """A download's file name without extension: what, which snapshot, and (for the
    sample data) that it is illustrative, so a saved file keeps the warning."""
    stem = f"{name}_{app.filters.snapshot}"
    return f"{stem}_ILLUSTRATIVE-SAMPLE-DATA" if app.is_sample else stem


def chart(
    title: str,
    df: pd.DataFrame,
    figure: Callable[[pd.DataFrame], go.Figure] | go.Figure,
    key: str,
    *,
    select: str | None = None,
    caption: str | None = None,
    sheet: str | None = None,
    exact_money: bool = False,
    figure_args: tuple | None = None,
    half: bool = False,
    scope: str | None = None,
) -> None:
    """A chart with its data: empty state, figure, "View data as a table", CSV, Excel.

    select: "initiative" or "agency" makes clicking a point narrow that filter (the
    figure must put the id first in customdata). exact_money: the table shows whole
    dollars as numbers, so sorting a money column by its header orders the amounts.
    figure_args: what a page's lambda `figure` reads besides the frame (the payback year,
    the budget, ...); with it (or with a module-level builder) the finished figure is
    built once per frame content and reused (query_cache.cached_figure). half: the chart
    stands in one of two columns (its legend's room is made for that width). scope:
    whose figures these are under the organization filter ("UNDP's share"), said first in
    the heading (output/summary.py `scoped_title`).
    """
    app = current()
    fig, heading = None, None
    if df is not None and not df.empty:
        if callable(figure):
            fig, heading = cached_figure(
                key, figure, df, figure_args, (app.is_sample, bool(select), half),
                lambda: _finished(figure(df), app.is_sample, bool(select), half))
        else:
            fig, heading = _finished(figure, app.is_sample, bool(select), half)
    # one title per chart: the figure's own (what, and in what unit) as the heading, the
    # drawing untitled (`_finished`); the registry's short title while there is no figure
    title = summary.scoped_title(heading or title, scope)
    say.subheader(title)
    if caption:
        say.caption(caption)
    if fig is None:
        say.info(str(EMPTY_MESSAGE), icon=":material/search_off:")
        return
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
            theme=None,  # the house style is on the figure (dashboard/charts/browser_figure.py)
        )
        say.caption(
            _("Click a bar or point to narrow the organization filter to it; “Undo chart "
              "selection” in the sidebar goes back.") if select == "agency" else
            _("Click a bar or point to narrow the initiative filter to it; “Undo chart "
              "selection” in the sidebar goes back.")
        )
    else:
        st.plotly_chart(fig, key=chart_key, width="stretch", alt=title,
                        config={"displaylogo": False}, theme=None)
    table_and_downloads(df, key, app, sheet=sheet or key, exact_money=exact_money, half=half)


def _finished(fig: go.Figure, sample: bool, selectable: bool,
              half: bool) -> tuple[go.Figure, str | None]:
    """The figure ready for the browser, and its title as the chart's heading (the drawing
    gives back the room the title took). Not in layout.meta: Plotly draws a figure with a
    meta twice on a page switch (tests/browser/test_chart_drawing.py)."""
    heading = plain(fig.layout.title.text) if fig.layout.title else ""
    if heading:
        figures.untitle(fig)
    if sample:  # the marker travels with the chart's image
        fig = figures.mark_illustrative(fig)
    # text from the data is shown literally in labels and hovers, whatever the builder
    fig = safe_figure(fig)
    # the house style on the figure, drawn once by the browser (dashboard/charts/browser_figure.py)
    return (for_browser(fig, selectable=selectable, width=HALF_WIDTH if half else FULL_WIDTH),
            heading or None)


def table_and_downloads(df: pd.DataFrame, key: str, app: AppContext, *, sheet: str,
                        expanded: bool = False, exact_money: bool = False,
                        half: bool = False) -> None:
    """The data behind a chart: a "View data as a table" switch (keyed `show_<key>`; the
    table is built only while it is on, so a page never pays for tables nobody opened),
    then the CSV and Excel downloads. expanded: the switch starts on."""
    if st.toggle(_("View data as a table"), value=expanded, key=f"show_{key}"):
        table(df, f"table_{key}", exact_money=exact_money, half=half)
    downloads(df, key, app, sheet=sheet)


def downloads(df: pd.DataFrame, key: str, app: AppContext, *, sheet: str) -> None:
    meta = export.metadata(app.ctx, app.snapshot, sheets=[sheet], frames={sheet: df})
    stem = file_stem(sheet, app)
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        "CSV",
        data=lambda: export.csv_bytes(df),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"dl_csv_{key}",
        on_click="ignore",
        icon=":material/download:",
        help=_("This chart's data under the current filters, as CSV."),
    )
    row.download_button(
        "Excel",
        data=lambda: export.workbook_bytes({sheet: df}, meta),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl_xlsx_{key}",
        on_click="ignore",
        icon=":material/download:",
        help=_("This chart's data with a metadata sheet (snapshot, source, filters)."),
    )


def download_all(app: AppContext, where: object = None) -> None:
    target = where or st
    ctx = app.ctx.with_(runner=None, memo=None)  # the export runs its own, uncached queries
    snapshot = app.snapshot
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    name = f"ict-portfolio_{snapshot.as_of}_{stamp}"
    if app.is_sample:
        name += "_ILLUSTRATIVE-SAMPLE-DATA"
    target.download_button(  # type: ignore[attr-defined]
        _("Download all (Excel)"),
        data=keep_language(lambda: export.build_workbook_bytes(ctx, snapshot)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_all",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        help=_("Every chart's data under the current filters, one sheet each, with a metadata "
               "sheet."),
    )


def empty_state() -> None:
    say.info(str(EMPTY_MESSAGE), icon=":material/search_off:")
