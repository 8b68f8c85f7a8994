"""The presenters of the chart registry (dashboard/registry.py): a page hands an entry and
its context, and the entry says the rest (title, caption, dataset, builder and its other
inputs, clickable, half width, its sheet). `charts` lays out a run of entries, putting
consecutive half-width charts in two columns; `sheet_table` shows a sheet that is a table
rather than a chart, with its downloads.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import figures
from dashboard.output import summary
from dashboard.query.chart_data import Context
from dashboard.query.query_cache import cached_figure
from dashboard.registry import Chart, Sheet
from dashboard.ui.blocks import chart, table_and_downloads
from dashboard.ui.context import current


def chart_entry(entry: Chart, ctx: Context, *dataset_args: object,
                df: pd.DataFrame | None = None, half: bool | None = None) -> pd.DataFrame | None:
    """One registered chart under `ctx` (its dataset called with `dataset_args`, or the
    frame `df` the page already has); returns the frame drawn. `half`: whether it stands
    in one of two columns (None: as its entry says)."""
    if df is None:
        df = entry.dataset(ctx, *dataset_args)
    args = entry.builder_args(ctx, df) if df is not None and len(df) else ()
    scope = entry.scope_phrase(ctx)  # its axes say it too (summary.scoped_axes), as the pack's
    figure_args = (*args, scope) if args or scope or entry.half else None
    # a half-width chart: drawn from a copy of the figure its columns were measured on
    figure = ((lambda d: go.Figure(_built(entry, ctx, d))) if entry.half
              else (lambda d: summary.scoped_axes(entry.builder(d, *args), scope))
              if figure_args is not None else entry.builder)
    chart(entry.title, df, figure, entry.id, select=entry.select,
          caption=entry.caption_for(df, ctx), sheet=entry.export_sheet.name,
          exact_money=entry.exact_money, figure_args=figure_args,
          half=entry.half if half is None else half, scope=scope)
    return df


def _built(entry: Chart, ctx: Context, df: pd.DataFrame) -> go.Figure:
    """The entry's figure as its builder makes it, built once per frame and inputs
    (query_cache.cached_figure) and shared by the paired columns' measure (_drawn_height)
    and the drawing, which finishes a copy (ui/blocks._finished changes a figure in place):
    a half-width chart's builder runs once, not once for each."""
    args = (*entry.builder_args(ctx, df), entry.scope_phrase(ctx))
    return cached_figure(entry.id, entry.builder, df, args, ("built",),
                         lambda: entry.figure(ctx, df))


def _drawn_height(entry: Chart, ctx: Context, df: pd.DataFrame | None) -> int:
    """The px the entry's figure is tall (0 with no data: a short message), read from the
    figure the chart is then drawn from (_built)."""
    if df is None or df.empty:
        return 0
    return int(_built(entry, ctx, df).layout.height or 450)


def charts(entries: Sequence[Chart], ctx: Context, *dataset_args: object) -> None:
    """Registered charts in order; consecutive half-width ones share two columns (each in
    its entry's column) while the columns' figures match in height (figures.side_by_side);
    else each takes the whole width, in order (round 4, #14: the histogram's column ended
    about 400 px above the tornado's)."""
    i = 0
    while i < len(entries):
        if not entries[i].half:
            chart_entry(entries[i], ctx, *dataset_args)
            i += 1
            continue
        j = i
        while j < len(entries) and entries[j].half:
            j += 1
        run = entries[i:j]
        frames = [entry.dataset(ctx, *dataset_args) for entry in run]
        tall = [sum(_drawn_height(e, ctx, f) for e, f in zip(run, frames, strict=True)
                    if e.column == column) for column in (0, 1)]
        if not figures.side_by_side(*tall):
            for entry, df in zip(run, frames, strict=True):
                chart_entry(entry, ctx, *dataset_args, df=df, half=False)
        else:
            cols = st.columns(2)
            for column in (0, 1):
                with cols[column]:
                    for entry, df in zip(run, frames, strict=True):
                        if entry.column == column:
                            chart_entry(entry, ctx, *dataset_args, df=df)
        i = j


def sheet_table(sheet: Sheet, df: pd.DataFrame, *, expanded: bool = False) -> None:
    """A sheet that is a table: "View data as a table" and its downloads."""
    table_and_downloads(df, sheet.name, current(), sheet=sheet.name, expanded=expanded)
