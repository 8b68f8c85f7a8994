"""Legends and axis titles that wrap instead of being cut (French review round 2, #3;
reader's review round 4, #7): « Pa » for Participant at 1440 px, « Intéress… » on a phone,
"N" for "No commitment" in the pack, « Quotes-parts annoncées par les organis… » under a
phone's chart; and "UN (7)" said what it counts."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import registry
from dashboard.charts import figures
from dashboard.charts.figure_margins import PHONE_CHART, fit_margins, legend_rows_in, text_width
from dashboard.lang.translate import language
from tests.figure_inputs import BUILDERS, SNAPSHOTS, context_at

BY_ID = {c.id: c for c in registry.CHARTS}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_legend_s_title_stands_above_its_entries(odd_db, lang):
    # beside the entries, Plotly wraps them as if the title took no room: the last ran off
    ctx = context_at(odd_db, SNAPSHOTS["odd"]).with_(compare_to="2005-01-01")
    titled = 0
    with language(lang):
        for name, (build, data) in BUILDERS.items():
            fig = build(data(ctx))
            title = fig.layout.legend.title
            if fig.layout.showlegend and title is not None and title.text:
                titled += 1
                assert str(title.side).startswith("top"), (name, title.side)
    assert titled >= 3


def test_a_title_above_the_legend_takes_a_row_of_its_own():
    fig = go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in ("Lead", "Committed")])
    figures._layout(fig, "A chart", legend_title="Commitment level")
    # two short entries on one row, the title on the row above them
    assert legend_rows_in(fig, 900) == 2
    assert figures.legend_rows(["Lead", "Committed"], "Commitment level") == 2


def test_an_x_axis_title_longer_than_a_phone_s_plot_is_wrapped():
    fig = go.Figure(go.Bar(y=["UN (7)", "UNESCO (12)"], x=[1, 2], orientation="h"))
    figures._layout(fig, "A chart")
    fig.update_xaxes(title_text="Quotes-parts annoncées par les organismes<br>($US)")
    fit_margins(fig)
    lines = fig.layout.xaxis.title.text.split("<br>")
    room = PHONE_CHART - fig.layout.margin.l - fig.layout.margin.r
    assert len(lines) == 3 and lines[-1] == "($US)", lines
    assert all(text_width(x, 14) <= room for x in lines), lines
    assert " ".join(lines[:2]) == "Quotes-parts annoncées par les organismes"


def test_the_count_after_each_organization_is_said_in_the_pack_too():
    # "UN (7)" was explained under the app's chart only (the axis title stays one word:
    # tests/charts/test_figures_agency.py)
    chart = BY_ID["commitment_by_agency"]
    assert chart.pack is not None and chart.pack.caption == chart.caption
    assert "initiatives it has committed to" in chart.pack.caption
