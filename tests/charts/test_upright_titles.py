"""An upright axis title no longer than its plot (dashboard/charts/figure_margins.
wrap_y_titles): in the pack, Prioritization's "Total benefit (US dollars), log scale" ran
up over its legend's "Break-even (benefit = cost)" (a plot of 147 px under a title of
about 246 px)."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts.figure_margins import text_width, wrap_y_titles

TITLE = "Total benefit (US dollars), log scale"


def _wrapped(plot_px: float) -> list[str]:
    fig = go.Figure(layout=dict(yaxis=dict(title=dict(text=TITLE, font=dict(size=14)))))
    return wrap_y_titles(fig, plot_px).layout.yaxis.title.text.split("<br>")


def test_a_title_that_fits_its_plot_keeps_one_line():
    assert _wrapped(400) == [TITLE]


def test_a_title_longer_than_its_plot_breaks_after_its_comma_or_before_its_bracket():
    # 200 px of plot, 8 px clear at each end: 184 px; the whole title is longer. Two
    # lines broken cleanly: after the comma (its first line about 180 px) or before the
    # bracket (its longer line, "(US dollars), log scale", about 153 px): the shorter
    assert text_width(TITLE, 14) > 184
    assert text_width("(US dollars), log scale", 14) < text_width(
        "Total benefit (US dollars),", 14) <= 184
    assert _wrapped(200) == ["Total benefit", "(US dollars), log scale"]
    # 147 px (the pack's): 131 px; the part up to the comma is longer: three lines, never
    # "(US / dollars)" nor "log / scale"
    assert text_width("Total benefit (US dollars),", 14) > 131
    assert _wrapped(147) == ["Total benefit", "(US dollars),", "log scale"]
    # each line no longer than the plot, less its ends
    assert all(text_width(x, 14) <= 131 for x in _wrapped(147))
