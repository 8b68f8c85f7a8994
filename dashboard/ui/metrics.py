"""Headline tiles on a page: a row of bordered frames, each a figure with its label, help,
change and a muted note (the likely range, or the figure before). Pages call `ui.metric_row(output.tiles...)`."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.lang.translate import DEFAULT, current
from dashboard.output import tiles, usertext
from dashboard.ui import say

# French figures run longer than English ("28,5 M $US" against "$28.5M"): on a phone's
# half-width tile the figure is sized to its frame (a container query, as Streamlit's own
# print style does) and the change wraps, rather than cut with "…". English as before.
FIT_ON_PHONES = """<style>@media (max-width: 640px) {
  [data-testid="stMetricValue"] { container-type: inline-size; }
  [data-testid="stMetricValue"] > div { font-size: min(1em, 14cqi); }
  [data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * { white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; height: auto !important; }
}</style>"""


def metric_row(items: Sequence[tuple], per_row: int = 4) -> None:
    """st.metric tiles (output/tiles.Tile, or a tuple in its order: label, value, help,
    delta, delta_color, note). A delta is a signed text ("+$1.2M (+3.0%)"); delta_color
    "inverse" when a rise is bad; a note (the likely range, the figure before) is a muted line under it. Each
    group of `per_row` tiles is one wrapping row of bordered frames: `per_row` across a
    desktop, two across a phone (Streamlit's columns would stack them one per screen row)."""
    row_items = [tiles.as_tile(item) for item in items]
    if current() != DEFAULT:
        st.html(FIT_ON_PHONES)
    for start in range(0, len(row_items), per_row):
        row = st.container(horizontal=True, wrap=True)
        for t in row_items[start:start + per_row]:
            frame = row.container(border=True, width="stretch", height="stretch")
            color, arrow = tiles.delta_look(t)  # a French fall starts with "−" (U+2212)
            with frame:
                # the label as wrapping text: st.metric's own label is cut with "…" when a
                # phone's half-width tile is narrower than it ("Organizations co…")
                say.markdown(f":small[{usertext.md(t.label)}]", help=t.help)
            say.metric(frame, t.label, t.value, delta=t.change, delta_color=color,
                       delta_arrow=arrow, label_visibility="collapsed")
            if t.note:
                with frame:
                    say.caption(t.note)
