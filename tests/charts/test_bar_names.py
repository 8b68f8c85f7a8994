"""Names above the bars (dashboard/charts/bar_names.py) and one label per initiative in
every chart kind (dashboard/charts/axis_labels.py `initiative_names`): round 3 #13, #14."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from dashboard.charts import axis_labels, bar_names, figures_agency, figures_funding
from dashboard.query import chart_data
from tests.figure_inputs import BUILDERS, SNAPSHOTS, context_at

CODED = re.compile(r"\(([A-Z0-9]+)(?:, [a-z]+)?\)$")  # "... (INIT03)", "... (KS, added)"


def _seen(fig: go.Figure) -> list[str]:
    """Every initiative label a figure draws: above its bars, under and over a matrix's
    columns, in a scatter's key (a rank before a label left off)."""
    out = [re.sub(r"^[#=]\d+ ", "", t) for t in bar_names.bar_names(fig)]
    for a in fig.layout.annotations:
        if a.name == "point_key":
            # a mark before each label: a rank ("#3", "=1", French "3e"), or the code
            # the Overview's key gives before the name rather than after it
            for line in a.text.split("<br>"):
                mark, _sep, label = line.partition("  ")
                out.append(label if CODED.search(label) else f"{label} ({mark})")
    for axis in (fig.layout[k] for k in fig.layout if k.startswith("xaxis")):
        # (a matrix of many columns still cuts its standing labels to 200 px: the pack's
        # split matrix pages lost organizations with taller ones; left open)
        wide = axis is not None and axis.ticktext is not None and len(axis.ticktext) > \
            axis_labels.MATRIX_PLOT / (2 * axis_labels.STANDING_LINE)
        if axis is not None and axis.ticktext is not None and axis.type == "category" \
                and not wide:
            out += [bar_names.one_line(t) for t in axis.ticktext]
    return [t for t in out if CODED.search(t)]


@pytest.mark.parametrize("snapshot", list(SNAPSHOTS))
def test_each_initiative_reads_the_same_in_every_chart(odd_db, snapshot):
    ctx = context_at(odd_db, SNAPSHOTS[snapshot])
    by_code: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for name, (build, data) in BUILDERS.items():
        if name == "cost_change_waterfall":  # a step's code carries its status
            continue
        df = data(ctx.with_(compare_to="2005-01-01"))
        if df is None or df.empty:
            continue
        for label in _seen(build(df)):
            code = CODED.search(label).group(1)
            by_code.setdefault(code, set()).add(label)
            kinds.setdefault(code, set()).add(name)
    assert by_code  # the odd data's twelve long names (one on the "one" snapshot)
    for code, labels in by_code.items():
        assert len(labels) == 1, (code, labels, kinds[code])
    # bars, a matrix and the scatters all drew them
    drawn = set().union(*kinds.values())
    assert {"funding_gap", "priority_ranking", "commitment_levels_by_initiative",
            "cost_by_initiative", "priority_bubble"} <= drawn, drawn  # the scatters


FUNDING = chart_data.pd.DataFrame({
    "initiative_id": ["BUSCASE", "KS"],
    "name": ["Business case development and costing", "Knowledge-sharing"],
    "agency_pledged_usd": [1.0, 2.0], "paid_contributions_usd": [1.0, 1.0],
    "funding_gap_usd": [3.0, 0.0], "funding_target_usd": [5.0, None],
})


def test_each_bar_is_named_above_it_whole_when_it_fits_a_phone():
    fig = figures_funding.funding_gap(FUNDING)
    # the first row drawn lowest: KS is the frame's last row, drawn on top
    assert bar_names.bar_names(fig) == ["Knowledge-sharing (KS)",
                                        "Business case development and costing (BUSCASE)"]
    y = fig.layout.yaxis
    assert y.showticklabels is False and not y.title.text  # no labels beside the bars
    names = [a for a in fig.layout.annotations if a.name == "bar_name"]
    # each name sits on its bar's top edge (in rows: the bar takes 1 - GAP of a row,
    # centred on its row), at the plot's left edge, and stays under the next bar
    for i, a in enumerate(names):
        assert (a.xref, a.x, a.xanchor, a.yanchor) == ("x domain", 0, "left", "bottom")
        assert a.y == pytest.approx(i + (1 - bar_names.GAP) / 2)
    # the name's line (about 16 px of 12-px text), 1 px over its bar and 5 px clear of the
    # bar above, fits the gap between two bars (round 4, #6): 0.55 x 50 = 27.5 >= 22
    assert bar_names.GAP * bar_names.ROW_PX >= 16 + 1 + 5
    # and the top row's name is inside the axis's range
    assert y.range[1] >= len(names) - 1 + (1 - bar_names.GAP) / 2 + 16 / bar_names.ROW_PX
    assert fig.layout.bargap == bar_names.GAP


def test_a_waterfall_s_steps_leave_its_names_their_gap():
    # a waterfall's bars take `waterfallgap`, not `bargap`: at Plotly's default (0.3) its
    # steps were 0.7 of a row thick and drawn over the names above them (the pack's p. 31)
    from dashboard.charts import figures_analytics
    df = chart_data.pd.DataFrame({
        "initiative_id": ["A", "B"], "name": ["Alpha", "Beta"], "status": ["changed"] * 2,
        "cost_before_usd": [100.0, 50.0], "cost_after_usd": [120.0, 45.0],
        "cost_change_usd": [20.0, -5.0]})
    fig = figures_analytics.cost_change_waterfall(df, "2005-07-01", "2006-01-01")
    assert fig.layout.waterfallgap == bar_names.GAP


def test_a_matrix_and_the_bars_name_an_initiative_alike():
    matrix = chart_data.pd.DataFrame({
        "agency_code": ["UNDP"], "agency_name": ["UNDP"], "agency_type": ["fund_programme"],
        "initiative_id": ["BUSCASE"], "initiative_name": ["Business case development and costing"],
        "name": ["Business case development and costing"],
        "commitment_level": ["lead"], "pledged_usd": [1.0], "relative_value": [5],
    })
    fig = figures_agency.commitment_matrix(matrix)
    assert list(fig.layout.xaxis.ticktext) == [  # one column: room for two lines
        "Business case development<br>and costing (BUSCASE)"]
    bars = bar_names.bar_names(figures_funding.funding_gap(FUNDING))
    assert bar_names.one_line(fig.layout.xaxis.ticktext[0]) in bars
    assert axis_labels.measure(bars[1]) <= axis_labels.NAME_PX


def test_a_name_s_band_holds_down_to_the_least_row():
    # round 4, #6: in print a row pressed to the name's line alone (17 px / 0.48 = 35 px a
    # row) put each name on the bar above. The band is 16 + 1 + 5 = 22 px; a gap of 0.55 of
    # a row holds it from 22 / 0.55 = 40 px a row up; the bar is then 18 px, and a marker
    # on it at most 14 px
    assert bar_names.BAND == 22 and bar_names.LEAST_ROW == 40
    assert bar_names.MARK_PX <= (1 - bar_names.GAP) * bar_names.LEAST_ROW
    fig = figures_funding.funding_gap(FUNDING)
    assert bar_names.band_clash(fig, bar_names.LEAST_ROW) == []
    # one px a row less and the band no longer fits
    assert bar_names.band_clash(fig, bar_names.LEAST_ROW - 1) == \
        ["band 22 px in a gap of 21.5 px"]


def test_the_clash_check_finds_a_tall_marker_a_connector_and_a_line_down_the_plot():
    fig = figures_funding.funding_gap(FUNDING)
    fig.data[-1].marker.size = 24  # the target's tick before: as tall as the whole bar
    fig.add_vline(x=1.0)
    problems = bar_names.band_clash(fig, bar_names.ROW_PX)
    assert len(problems) == 2 and "marker" in problems[0] and "whole plot" in problems[1]


def test_no_name_meets_a_bar_a_marker_or_a_line_in_any_chart(odd_db):
    # every chart named above its bars, at the app's row and at the pack's least row: the
    # funding gap's target ticks, the waterfall (no connectors), the tornado's stated line
    # (French review #18: it ran through the names), the rankings
    ctx = context_at(odd_db, SNAPSHOTS["odd"]).with_(compare_to="2005-01-01")
    seen = set()
    for name, (build, data) in BUILDERS.items():
        df = data(ctx)
        if df is None or df.empty:
            continue
        fig = build(df)
        if not bar_names.bar_names(fig):
            continue
        seen.add(name)
        for row in (bar_names.ROW_PX, bar_names.LEAST_ROW):
            assert bar_names.band_clash(fig, row) == [], (name, row)
    assert {"funding_gap", "cost_change_waterfall", "npv_tornado"} <= seen, seen
