"""Every figure builder over odd but valid snapshots (tests/odd_data.py: very long names,
40 organizations, amounts from $1 to $10B; a single initiative), and over the fixture:
the layout rules that keep a chart readable, checked on fig.layout / fig.data.

Rules (dashboard/charts/figures.py `_layout`), and what is checked:
- a title line holds at most 40 characters (it is wrapped: Plotly does not wrap);
- the legend starts under the title, inside the figure (never on the title or the data);
- a category label beside an axis holds at most 28 characters (names are shortened);
- a hatched bar has its fill behind the hatching (fillmode "overlay"), every bar a colour;
- a money axis reads in one unit and one number of decimals, each tick its value;
- outside bar labels are not clipped (cliponaxis False).
The same builders are drawn in the browser by tests/browser/test_visual.py.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import registry
from dashboard.analysis import scoring
from dashboard.charts import (
    axis_labels,
    figures,
    figures_agency,
    figures_funding,
    figures_overview,
)
from dashboard.charts import figures_analytics as fa
from dashboard.charts.figure_margins import text_width
from dashboard.formatting import money_tick
from dashboard.query import chart_data
from tests import odd_data
from tests.figure_inputs import BUILDERS, FIXED_ARGS, SNAPSHOTS, context_at

# the builders' inputs besides the frame, fixed here (the pages take them from the view)




# every chart of the registry that has an export sheet (one initiative's charts need an
# initiative: tests/charts/test_figures.py draws them)


def test_every_builder_with_other_inputs_is_given_them():
    assert {c.id for c in registry.CHARTS if c.export and c.args} == set(FIXED_ARGS)




def _axes(fig):
    layout = fig.layout.to_plotly_json()
    return {k: v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))}


@pytest.mark.parametrize("snapshot", list(SNAPSHOTS))
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_figure_stays_readable_on_odd_data(odd_db, snapshot, name):
    build, data = BUILDERS[name]
    ctx = context_at(odd_db, SNAPSHOTS[snapshot]).with_(compare_to="2005-01-01")
    df = data(ctx)
    assert df is not None and len(df), f"{name}: no data on the {snapshot} snapshot"
    fig = build(df)
    lay = fig.layout
    title_lines = lay.title.text.split("<br>")
    assert max(len(t) for t in title_lines) <= figures.TITLE_CHARS, title_lines
    if lay.showlegend:
        # the legend's top (container fraction, from the bottom) is under the title's last
        # line: top band + title lines
        title_bottom_px = figures.TOP_BAND + figures.TITLE_LINE * len(title_lines)
        assert lay.legend.yref == "container" and lay.legend.yanchor == "top"
        assert (1 - lay.legend.y) * lay.height >= title_bottom_px - 0.5
        assert (1 - lay.legend.y) * lay.height <= lay.margin.t  # and above the plot
    for axis_name, axis in _axes(fig).items():
        for text in axis.get("ticktext", []) or []:
            # one line within the characters beside an axis, or a side axis's two lines
            # within its budget in px (dashboard/charts/axis_labels.py)
            lines = str(text).split("<br>")
            assert len(lines) <= axis_labels.LINES, (axis_name, text)
            # (or a matrix's standing column label within its px budget)
            # (or an initiative's one label, on one line of a phone's plot: a matrix's
            # standing column label breaks it on two)
            assert all(len(x) <= figures.LABEL_CHARS or text_width(
                x, axis_labels.COLUMN_SIZE) <= axis_labels.COLUMN_PX
                or axis_labels.measure(x) <= axis_labels.NAME_PX for x in lines), text
        vals, texts = axis.get("tickvals"), axis.get("ticktext")
        if vals is not None and texts and axis.get("type") == "log":
            # a log axis: each power of ten as the tiles write it (or left unlabelled where
            # labels are thinned), a gridline at each, and the title says so
            # (the first may be where a $0 is drawn, read "$0": apart from the powers of ten,
            # never on one, round 3, #6)
            assert all(t in ("", money_tick(v)) or (t == "$0" and i == 0)
                       for i, (t, v) in enumerate(zip(texts, vals, strict=True))), axis_name
            if texts[0] == "$0":
                k = math.log10(vals[0])
                assert abs(k - round(k)) > 0.2, axis_name
                vals = vals[1:]
            assert all(b == pytest.approx(10 * a) for a, b in zip(vals[:-1], vals[1:], strict=True)), \
                axis_name
            assert "log scale" in axis["title"]["text"], axis_name
        elif vals is not None and texts and str(texts[0]).startswith(("$", "-$")):
            # a money axis's ticks (R3 #25): each its value exactly, in the unit of its own
            # size ("$500M", never "$0.5B") and with no needless ".0" ("$1B", not "$1.0B")
            for t, v in zip(texts, vals, strict=True):
                unit = t[-1] if t[-1] in "KMB" else ""
                size = {"K": 1e3, "M": 1e6, "B": 1e9, "": 1.0}[unit]
                number = t.replace("$", "").rstrip("KMB").replace(",", "")
                assert float(number) * size == pytest.approx(v, rel=1e-9, abs=1e-9), \
                    (axis_name, t, v)
                if unit:
                    assert abs(float(number)) >= 1 and not (
                        "." in number and number.endswith("0")), (axis_name, texts)
    for tr in fig.data:
        if tr.type == "bar":
            colour = tr.marker.color
            assert colour is not None and colour not in ("white", "rgba(0,0,0,0)"), tr.name
            shape = tr.marker.pattern.shape if tr.marker.pattern else None
            if shape:
                assert tr.marker.pattern.fillmode == "overlay", (name, tr.name)
            if tr.text is not None and tr.textposition == "outside":
                assert tr.cliponaxis is False, (name, tr.name)


def test_long_names_are_shortened_and_kept_apart(odd_db):
    df = chart_data.priority_ranking(context_at(odd_db, odd_data.ODD_AS_OF))
    fig = fa.priority_ranking(df)
    labels = list(fig.data[0].y)
    assert len(set(labels)) == 12  # one category per initiative, however long the names
    # every label is "#<rank> " + the short name and its code, on one line of a phone's
    # plot: the twelve names share their start and their end, so the words where they
    # differ ("number 7") are kept, and the code
    assert all("<br>" not in lab for lab in labels)
    assert max(map(axis_labels.measure, labels)) <= axis_labels.NAME_PX
    names = {lab.split(" ", 1)[1].split(" (")[0] for lab in labels}
    assert len(names) == 12, names  # told apart without their codes too
    assert all(f"number {int(lab.split('(INIT')[1][:2])}" in lab for lab in labels)
    assert {lab.split("(")[-1].rstrip(")") for lab in labels} == {f"INIT{i:02d}"
                                                                   for i in range(12)}


def test_every_donor_row_is_its_own_bar_on_odd_data(odd_db):
    """The odd data has donors whose names shorten alike and one donor name under two kinds
    of donor: ten rows asked for, ten bars drawn, none sharing a category (the 2026-12-03
    review's B2: ten asked for, nine shown, one holding two bars)."""
    ctx = context_at(odd_db, odd_data.ODD_AS_OF).with_(top_n=10)
    df = chart_data.donors_top_n(ctx)
    assert len(df) == 11  # ten donors and "All other donors"
    fig = figures_funding.donors(df)
    axis = fig.layout.yaxis
    assert len(set(axis.categoryarray)) == 11
    assert len(set(axis.ticktext)) == 11  # and each reads differently
    for trace in fig.data:
        assert len(set(trace.y)) == len(trace.y) == 11
    share = chart_data.top_donor_share(ctx)
    pie = figures_funding.top_donor_share(share)
    assert len(set(pie.data[0].labels)) == len(share)


def test_forty_organizations_get_a_round_count_axis(odd_db):
    df = chart_data.commitment_levels_by_initiative(context_at(odd_db, odd_data.ODD_AS_OF))
    fig = figures_agency.commitment_levels_by_initiative(df)
    # 40 organizations per initiative: 40 / 5 = 8 -> the round step 10, not one tick each
    assert fig.layout.xaxis.dtick == 10
    assert fig.layout.xaxis.tickformat == ",d"
    # each initiative by its name and code, never the bare code (the 2026-12-03 review's
    # O9), the words where the twelve names differ kept; one row per initiative, by name as a
    # reader orders it (R5 #11): "number 2" above "number 10", top down, so the bottom row
    # (plotly's first) is the last name
    axis = fig.layout.yaxis
    assert list(axis.tickvals) == [f"INIT{i:02d}" for i in range(11, -1, -1)]
    for code, text in zip(axis.tickvals, axis.ticktext, strict=True):
        assert text.startswith("Harmonized") and text.endswith(f"({code})"), text
        assert f"number {int(code[4:])}" in text, text


def test_scatter_labels_never_overlap_and_the_largest_come_first():
    # four points piled at the origin and one far away, on a 280 x 300 px phone plot over
    # 0..100: the far one and one of the pile are labelled, the rest of the pile is not
    x = [100.0, 1.0, 1.5, 2.0, 0.5]
    y = [100.0, 1.0, 1.2, 0.8, 0.4]
    show = figures.label_positions(x, y, ["FAR", "A", "B", "C", "D"], x_range=(0, 100),
                                   y_range=(0, 100), order=[0, 1, 2, 3, 4])
    assert show == [True, True, False, False, False]


def test_ranking_parts_are_all_filled_and_the_total_is_written_once(db, f0):

    ranking = scoring.priority_ranking(db.query("priority_inputs", f0))
    fig = fa.priority_ranking(ranking)
    bars = [t for t in fig.data if t.type == "bar"]
    colours = [t.marker.color for t in bars]
    assert len(set(colours)) == 3  # distinct colours, one palette
    assert [t.marker.pattern.fillmode for t in bars] == ["overlay"] * 3
    totals = [t for t in fig.data if t.type == "scatter"]
    assert len(totals) == 1 and totals[0].mode == "text"
    assert list(totals[0].x) == list(ranking.sort_values("rank", ascending=False)["score"])
    assert fig.layout.xaxis.range[1] >= max(totals[0].x) * 1.2  # room for the text


def test_waterfall_axis_starts_near_the_smallest_running_total():
    changes = pd.DataFrame({
        "initiative_id": ["A", "B", "C"],
        "name": ["Alpha", "Beta", "Gamma"],
        "status": ["changed", "changed", "changed"],
        "cost_before_usd": [1000.0, 500.0, 300.0],
        "cost_after_usd": [1100.0, 450.0, 300.0],
        "cost_change_usd": [100.0, -50.0, 0.0],
    })
    fig = fa.cost_change_waterfall(changes, "a", "b")
    # running totals: 1800, 1900 (+100), 1850 (-50), 1850: lowest 1800, highest 1900,
    # span 100 -> the axis from 1800 - 0.6 x 100 = 1740 to 1900 + 0.75 x 100 = 1975
    assert list(fig.layout.xaxis.range) == pytest.approx([1740, 1975])
    assert "not from 0" in fig.layout.xaxis.title.text
    assert list(fig.data[0].text) == ["+$100", "-$50"]
    assert [t.strip() for t in fig.data[1].text] == ["$1.8K", "$1.9K"]
    # no total is a bar over the axis not from 0 (round 3, #3: $89.8M looked a third of
    # $126.4M): the waterfall has no absolute or total step, and nothing else is a bar
    assert_no_bar_total_over_a_cut_axis(fig)


def assert_no_bar_total_over_a_cut_axis(fig) -> None:
    if fig.layout.xaxis.range[0] == 0:
        return
    for t in fig.data:
        assert t.type != "bar", t.name
        if t.type == "waterfall":
            assert not {"absolute", "total"} & set(t.measure)
            assert not {"_before", "_after"} & set(t.y)


def test_one_symbol_one_meaning_in_the_scatter_legend(db, f0):
    fig = figures_overview.cost_benefit_scatter(db.query("cost_by_initiative", f0))
    legend = [t for t in fig.data if t.showlegend is not False and t.mode == "markers"]
    symbols = {t.name: t.marker.symbol for t in legend}
    # one shape; the black outline means "priority" and nothing else (N5)
    outlines = {t.name: t.marker.line.color for t in legend}
    assert outlines.pop("Priority (black outline)") == "black"
    assert "black" not in set(outlines.values()) and len(outlines) == 4
    assert set(symbols.values()) <= {"circle", None}


def test_the_sample_mark_sits_in_the_top_band(db, f0):
    plain = figures_overview.cost_benefit_scatter(db.query("cost_by_initiative", f0))
    title = plain.layout.title.text
    fig = figures.mark_illustrative(plain)
    # the mark is the first line of the title block, which moves up into the top band
    # (12 px from the top) so the title's own lines stay where they were
    first, rest = fig.layout.title.text.split("<br>", 1)
    assert "Illustrative sample data" in first and rest == title
    assert fig.layout.title.y == pytest.approx(1 - 12 / fig.layout.height)
    assert fig.layout.title.yref == "container"


def test_every_point_of_the_cost_benefit_bubble_reads_apart_on_odd_data(odd_db):
    # R6b #22: on the odd data seven initiatives share "=1" and two "=10" (equal scores as
    # shown), so seven points read "=1". A shared rank is followed by the code; a rank held
    # by one initiative alone stays as the ranking shows it
    df = chart_data.priority_ranking(context_at(odd_db, odd_data.ODD_AS_OF))
    fig = fa.cost_benefit_bubble(df)
    marks = [cd[6] for t in fig.data if t.mode == "markers+text" for cd in t.customdata]
    assert len(marks) == 12 and len(set(marks)) == 12, marks
    shown = fa.shown_ranks(df)
    shared = {r for r in shown.values() if list(shown.values()).count(r) > 1}
    assert shared  # the data does tie
    for code, rank in shown.items():
        assert (f"{rank} {code}" if rank in shared else rank) in marks, (code, rank)
    # what the figure places (on a marker or beside it) is distinct too
    placed = [x for t in fig.data if t.mode == "markers+text" for x in t.text if x]
    placed += [a.text for a in fig.layout.annotations if a.name == "point mark"]
    assert len(placed) == 12 and len(set(placed)) == 12, placed


def test_the_ranking_caption_names_initiatives_by_the_charts_label_on_odd_data(odd_db):
    # R6b #5: the grey note above the ranking spelt out 100-character names (8 lines on a
    # desktop, 26 on a phone) beside bars labelled "…number 0, across the… (INIT00)". It
    # names each by the chart's label (its code left to the chart): never the full name
    df = chart_data.priority_ranking(context_at(odd_db, odd_data.ODD_AS_OF))
    note = registry.BY_ID["priority_ranking"].caption_for(df)
    assert "lowest" in note  # the sentence on the lowest ratings is there
    assert odd_data.LONG.format(i=0) not in note
    assert not any(odd_data.LONG.format(i=i) in note for i in range(12))
    labels = list(fa.priority_ranking(df).data[0].y)  # "=10 Harmonized…number 0, … (INIT00)"
    short = {lab.split(" ", 1)[1].rsplit(" (", 1)[0] for lab in labels}
    named = [s for s in short if s in note]
    assert named, note  # the lowest rated named as the chart names them
    assert all(len(s) <= max(len(lab) for lab in labels) for s in named)
