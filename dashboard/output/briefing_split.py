"""Tall charts and long tables split across the briefing's printed pages, never shrunk.

A chart with one row per organization (or initiative) grows with the rows; printed whole
on one page it would be scaled down until its labels were unreadable (4 pt with 27
organizations). Its registry entry names the column its rows come from (`InPack.split`,
dashboard/registry.py): `row_chunks` cuts the frame into the fewest chunks whose charts
fit the place, in the order the chart draws its rows, each chunk drawn as the same chart
with the whole chart's value axis (so the pages compare). The first chunk stands on the
chart's page, the others on pages of their own, "(continued)"
(dashboard/output/briefing_sections.py).

`table_chunks` does the same for a table longer than its place: the first rows beside
the chart, the rest on the next pages.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import registry
from dashboard.output.briefing_html import TABLE_ROWS, least_height
from dashboard.query import chart_data

CONTINUED_ROWS = 28  # a table's rows on a page of its own (at 10.5 px, under a heading)
# what the pages of one split chart share: its value axis (the rows are on the other)
SHARED_AXIS = ("range", "tickvals", "ticktext", "categoryarray", "categoryorder", "tickmode")


def _keys(chart: registry.Chart, df: pd.DataFrame) -> list:
    pack = chart.pack
    assert pack is not None and pack.split is not None
    if pack.split_order is not None:
        return list(pack.split_order(df))
    return list(dict.fromkeys(df[pack.split]))


def row_chunks(chart: registry.Chart, ctx: chart_data.Context, df: pd.DataFrame | None,
               height: int) -> list[pd.DataFrame | None]:
    """The chart's frame in the fewest, evenly sized chunks of rows whose charts fit
    `height` px, drawn at no less than MIN_SCALE (briefing_html.least_height: no text
    under 7 pt); the whole frame when it fits, or when the chart does not split."""
    pack = chart.pack
    if (pack is None or pack.split is None or df is None or df.empty
            or pack.split not in df.columns):
        return [df]
    keys = _keys(chart, df)

    def part(k: list) -> pd.DataFrame:
        return df[df[pack.split].isin(k)]

    def fits_keys(k: list) -> bool:
        # zoomed down to 7 pt at the least (Doc.chart): more rows a page, fewer pages
        return least_height(chart.figure(ctx, part(k)), pack.width) <= height

    def fits(n: int) -> bool:
        return fits_keys(keys[:n])

    if fits(len(keys)):
        return [df]
    lo, hi = 1, len(keys)  # the most rows that fit: lo fits (or is 1), hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    pages = math.ceil(len(keys) / lo)
    while True:
        # evenly: sizes differ by one at most, the larger first
        base, extra = divmod(len(keys), pages)
        ends = [(i + 1) * base + min(i + 1, extra) for i in range(pages)]
        chunks = [keys[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        # a chunk's height can depend on which rows it holds, not only how many (a
        # matrix's group header rows): one more page until every chunk fits
        if base <= 1 or all(fits_keys(c) for c in chunks[1:]):
            return [part(c) for c in chunks if c]
        pages += 1


def same_axis(whole: go.Figure, chunk: go.Figure) -> go.Figure:
    """The chunk's value axis (x) and legend as the whole chart's: the same scale and
    columns on every page of a split chart, and every entry of its legend, in its order (R5
    #12: a page without a related organization's bar left that type out of its legend)."""
    for name in SHARED_AXIS:
        value = whole.layout.xaxis[name]
        if value is not None:
            chunk.layout.xaxis[name] = value
    return _same_legend(whole, chunk)


def _same_legend(whole: go.Figure, chunk: go.Figure) -> go.Figure:
    """The chunk with an entry of the whole chart's legend it lacks as a trace that draws
    nothing (its look kept for the key, no point), the entries in the whole chart's order."""
    have = {t.name: t for t in chunk.data}
    missing = [t for t in whole.data if t.name and t.showlegend is not False
               and t.name not in have]
    if not missing:
        return chunk
    for t in missing:
        key = go.Figure(t).data[0]  # a copy
        key.update(x=[None], y=[None], text=None, customdata=None, hoverinfo="skip")
        chunk.add_trace(key)
    named = {t.name: t for t in chunk.data}
    ordered = [named[t.name] for t in whole.data if t.name in named]
    chunk.data = tuple(ordered + [t for t in chunk.data if t.name not in
                                  {o.name for o in ordered}])
    return chunk


def table_chunks(frame: pd.DataFrame, first: int = TABLE_ROWS,
                 per_page: int = CONTINUED_ROWS) -> list[pd.DataFrame]:
    """The table's rows: the first `first` beside the chart, then pages of `per_page`."""
    if len(frame) <= first:
        return [frame]
    return [frame.iloc[:first]] + [frame.iloc[i:i + per_page]
                                   for i in range(first, len(frame), per_page)]
