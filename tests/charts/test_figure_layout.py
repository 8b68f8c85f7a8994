"""dashboard/charts/figure_layout.py gives exactly the figure Plotly's own `update_layout` /
`update_xaxes` / `update_yaxes` give: on hand-picked calls, and on every builder's figures
over the fixture and the odd snapshots (tests/charts/test_figures_odd.py), with the helpers swapped
for Plotly's methods to make the figures a second time."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from dashboard.charts import (
    figure_layout,
    figures,
    figures_agency,
    figures_costs,
    figures_detail,
    figures_funding,
    figures_overview,
)
from dashboard.charts import figures_analytics as fa
from tests.figure_inputs import BUILDERS, SNAPSHOTS, context_at


def _drop_empty(value):
    """Plotly leaves an empty object where `update` set a nested object to None; an empty
    object is the defaults, as is no object, so both compare alike."""
    if isinstance(value, dict):
        kept = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def _json(fig: go.Figure) -> dict:
    return _drop_empty(json.loads(fig.to_json()))


def _plotly_layout(fig, **props):
    return fig.update_layout(**props)


def _plotly_axes(fig, axis, **props):
    return fig.update_xaxes(**props) if axis == "x" else fig.update_yaxes(**props)


def _bars() -> go.Figure:
    return go.Figure([go.Bar(x=[1, 2], y=[3, 4], name="a"), go.Bar(x=[1, 2], y=[5, 6])])


CALLS = [
    # magic underscores at the top and nested, a name with an underscore of its own
    ("layout", dict(title_text="T", legend_traceorder="reversed", paper_bgcolor="white",
                    hoverlabel=dict(font_size=13), xaxis_title_text="X")),
    # nested dicts merge into what is there; None removes; a list replaces
    ("layout", dict(title=dict(font=dict(size=16)), legend=dict(title=None),
                    annotations=[dict(text="n", x=0, y=0, showarrow=False)])),
    ("x", dict(title_text=None, tickfont=dict(color="#333333"), range=[0, 9])),
    ("y", dict(type="category", tickvals=[1, 2], ticktext=["one", "two"])),
]


@pytest.mark.parametrize("start", ["bars", "subplots", "empty"])
def test_each_call_gives_plotlys_figure(start):
    def make():
        if start == "bars":
            return _bars()
        if start == "subplots":  # two x axes and two y axes: every one is updated
            fig = make_subplots(rows=1, cols=2)
            fig.add_bar(x=[1], y=[2], row=1, col=1)
            fig.add_bar(x=[1], y=[3], row=1, col=2)
            return fig
        return go.Figure()

    ours, theirs = make(), make()
    for i, (what, props) in enumerate(CALLS):
        # a second round on the same figure merges into values set by the first
        for _ in range(2):
            if what == "layout":
                figure_layout.update_layout(ours, **props)
                theirs.update_layout(**props)
            else:
                figure_layout.update_axes(ours, what, **props)
                _plotly_axes(theirs, what, **props)
            assert _json(ours) == _json(theirs), (start, i)
    assert ours.layout.title.text == "T" and ours.layout.title.font.size == 16
    assert ours.layout.xaxis.tickfont.color == "#333333"


def test_an_unknown_property_is_refused_with_its_name():
    with pytest.raises(ValueError, match="'colour_of_sky'"):
        figure_layout.update_layout(_bars(), colour_of_sky="blue")


FIXTURE = "2005-01-01"  # the fixture's snapshot, beside the odd ones in odd_db


@pytest.mark.parametrize("as_of", [FIXTURE, SNAPSHOTS["odd"]])
def test_every_builder_makes_the_same_figure_as_with_plotlys_updates(
        odd_db, as_of, monkeypatch):  # noqa: F811 (odd_db is the fixture)
    ctx = context_at(odd_db, as_of)
    if as_of != FIXTURE:
        ctx = ctx.with_(compare_to=FIXTURE)
    made = {}
    for name, (build, data) in BUILDERS.items():
        df = data(ctx)
        if df is None or df.empty:
            continue
        made[name] = (df, _json(figures.mark_illustrative(build(df))),
                      _json(build(df.iloc[0:0])))
    assert len(made) >= 20 if as_of != FIXTURE else len(made) >= 19, sorted(made)
    for module in (figures, figures_overview, figures_costs, figures_agency, figures_funding,
                   figures_detail, fa):
        monkeypatch.setattr(module, "update_layout", _plotly_layout)
        monkeypatch.setattr(module, "update_axes", _plotly_axes)
    for name, (df, fast, fast_empty) in made.items():
        build = BUILDERS[name][0]
        assert _json(figures.mark_illustrative(build(df))) == fast, name
        assert _json(build(df.iloc[0:0])) == fast_empty, name
