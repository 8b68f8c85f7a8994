"""The range charts' builders (dashboard/charts/figures_ranges.py), checked on fig.data /
fig.layout over tiny frames whose every bar, base and marker is worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import axis_labels, bar_names, palette
from dashboard.charts import figures_ranges as fr
from dashboard.charts.figure_margins import text_height, text_width
from dashboard.formatting import NO_DATA

# --- the NPV's distribution ---------------------------------------------------------------
# three bins of 10: [-10, 0) holds 20% of the draws, [0, 10) 50%, [10, 20) 30%
HISTOGRAM = pd.DataFrame({"bin_from_usd": [-10.0, 0.0, 10.0], "bin_to_usd": [0.0, 10.0, 20.0],
                          "share_of_draws": [0.2, 0.5, 0.3]})
# stated 15, P10 -2, P50 6, P90 14, above 0 in 80% of the draws
MARKS = (15.0, -2.0, 6.0, 14.0, 0.8)
CLUSTERED = (15.0, 4.0, 8.5, 12.0, 0.8)  # three lines within 63 px of a phone's 255


def _by_name(fig):
    return {t.name: t for t in fig.data}


def _title(fig) -> str:
    """The title as read (its wrapped lines joined; a unit's no-break space as a space)."""
    return fig.layout.title.text.replace("<br>", " ").replace("\xa0", " ")


def test_the_distribution_draws_each_bin_at_its_place_coloured_by_its_sign():
    fig = fr.npv_distribution(HISTOGRAM, *MARKS)
    traces = _by_name(fig)
    below, above = traces["NPV below 0"], traces["NPV 0 or above"]
    # a bar stands on its bin's centre, as wide as the bin, as tall as its share
    assert list(below.x) == [-5.0] and list(below.width) == [10.0] and list(below.y) == [0.2]
    assert list(above.x) == [5.0, 15.0] and list(above.y) == [0.5, 0.3]
    assert below.marker.color == palette.VERMILLION and above.marker.color == palette.BLUE
    stated = traces["Stated NPV"]
    assert list(stated.x) == [15.0] and list(stated.y) == [0]


def test_the_distribution_marks_and_labels_p10_p50_p90_and_zero():
    fig = fr.npv_distribution(HISTOGRAM, *MARKS)
    lines = [(s.x0, s.line.dash) for s in fig.layout.shapes]
    # P10 and P90 dashed, P50 solid, the line at 0 dotted
    assert sorted(lines) == [(-2.0, "dash"), (0, "dot"), (6.0, "solid"), (14.0, "dash")]
    labels = {a.text: a for a in fig.layout.annotations}
    # under $10, with cents (the formatter's rule)
    p10, p50, p90 = labels["<b>Likely low</b><br>-$2.00"], labels["<b>Middle</b><br>$6.00"], \
        labels["<b>Likely high</b><br>$14"]
    assert (p10.x, p50.x, p90.x) == (-2.0, 6.0, 14.0)
    # each label in one row at the plot's top, joined by a stroke to its line's top, in the
    # lines' order (FR3 #5): the stroke's head at its line's x and where its line stops
    tops = {s.x0: -s.y1 for s in fig.layout.shapes if s.ysizemode == "pixel"}
    for a in (p10, p50, p90):
        assert a.showarrow and a.arrowhead == 0 and -a.yshift == tops[a.x] > 0
    boxes = _label_boxes(fig, fr.PLOT_WIDTHS[0])
    assert [b[0] for b in boxes] == sorted(b[0] for b in boxes)
    # the axis spans the bins and every mark: -10 to 20, 4% of 30 either side
    assert tuple(fig.layout.xaxis.range) == pytest.approx((-11.2, 21.2))
    assert "US dollars" in fig.layout.xaxis.title.text


def test_the_distribution_title_says_how_often_the_npv_is_above_zero():
    fig = fr.npv_distribution(HISTOGRAM, *MARKS)
    title = _title(fig)
    assert "above 0 in 80.0% of 20,000 simulated outcomes (US$)" in title
    unknown = fr.npv_distribution(HISTOGRAM, 15.0, -2.0, 6.0, 14.0, None)
    assert _title(unknown) == "Portfolio NPV over the simulated outcomes (US$)"


def test_a_reference_label_never_touches_another_line():
    # round 3, #18: "Likely low $19.0M" lay between the $0 line and its own, touching the
    # $0 line, and read as its label. The $0 line now stops at the tallest bar's height
    # (the y axis runs to 1.6 x the tallest share: 1 / 1.6 = 0.625 of the plot), under the
    # labels' rows at the top: P10 at 1, its label left of its line, clear of it
    fig = fr.npv_distribution(HISTOGRAM, 15.0, 1.0, 6.0, 14.0, 0.8)
    (zero,) = [s for s in fig.layout.shapes if s.x0 == 0]
    assert zero.line.dash == "dot" and zero.yref == "paper"
    assert (zero.y0, zero.y1) == (0, pytest.approx(0.625))
    assert fig.layout.yaxis.range[1] == pytest.approx(0.5 * 1.6)  # the tallest share 50%
    # and every percentile line stops under the labels' row (the labels' bottom)
    for w in fr.PLOT_WIDTHS:
        assert all(top > bottom for *_x, bottom, top in _label_boxes(fig, w))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("marks", [MARKS, (15.0, -10.0, 6.0, 20.0, 0.8),
                                   (15.0, -2.0, 19.5, 20.0, 0.8), CLUSTERED])
def test_no_reference_label_crosses_another_line(marks, lang):
    # FR3 #5: on a phone « Haut probable 64,7 M $US » lay on the median's line and
    # « Médiane 44,0 M $US » across the « haut probable » one (lines 117, 160 and 195 px
    # into a 255-px plot; CLUSTERED puts them at 120, 155 and 183). No line reaches a
    # label's height within CLEAR px of it, on a phone's plot or a desktop's, on an opaque
    # background
    from dashboard.lang import translate
    with translate.language(lang):
        fig = fr.npv_distribution(HISTOGRAM, *marks)
    lo, hi = fig.layout.xaxis.range
    for w in fr.PLOT_WIDTHS:
        for left, right, line, bottom, _top in _label_boxes(fig, w):
            for s in fig.layout.shapes:
                at = (s.x0 - lo) / (hi - lo) * w
                reach = -s.y1 if s.ysizemode == "pixel" else 0.0  # px under the plot's top
                # (the $0 line stops at the tallest bar: test_a_reference_label_never_touches…)
                if at != line and s.line.dash != "dot":
                    assert not (reach < bottom and left - fr.CLEAR < at < right + fr.CLEAR), \
                        (lang, w, left, right, at)
    assert all(a.bgcolor == "white" for a in fig.layout.annotations)


def _label_boxes(fig, w: float) -> list[tuple[float, float, float, float, float]]:
    """(left, right, line, bottom, its line's top) in px of each percentile label on a plot
    `w` px wide, left to right; heights in px under the plot's top. A label is centred on
    its stroke's tail (ax, ay from the head, which lies `yshift` under the top)."""
    lo, hi = fig.layout.xaxis.range
    tops = {s.x0: (-s.y1 if s.ysizemode == "pixel" else 0.0) for s in fig.layout.shapes}
    out = []
    for a in fig.layout.annotations:
        if not a.text.startswith(("<b>Likely", "<b>Middle", "<b>Bas", "<b>Haut", "<b>Médiane")):
            continue
        line = (a.x - lo) / (hi - lo) * w
        width, height = text_width(a.text, 12) + 2, text_height(a.text, 12) + 2
        if a.showarrow:
            centre, middle = line + a.ax, -(a.yshift or 0) + a.ay
        else:  # beside its line (before FR3 #5)
            edge = line + (a.xshift or 0)
            centre = edge + width / 2 if a.xanchor == "left" else edge - width / 2
            middle = -(a.yshift or 0) + height / 2
        out.append((centre - width / 2, centre + width / 2, line, middle + height / 2,
                    tops[a.x]))
    return sorted(out)


# --- the tornado --------------------------------------------------------------------------
# stated NPV 100; A moves it from 80 to 130 (swing 50); B from 95 to 105 and C from 90 to
# 100 (swing 10 each: B before C by id); D from 60 to 90 (swing 30: even at its better, the
# NPV stays under the stated)
TORNADO = pd.DataFrame({
    "initiative_id": ["C", "A", "D", "B"],
    "name": ["Gamma", "Alpha: a name far longer than any label beside the axis", "Delta",
             "Beta"],
    "npv_if_worse_usd": [90.0, 80.0, 60.0, 95.0],
    "npv_if_better_usd": [100.0, 130.0, 90.0, 105.0],
    "swing_usd": [10.0, 50.0, 30.0, 10.0],
})


def test_the_tornado_puts_the_largest_swing_on_top_split_at_the_stated_npv():
    fig = fr.npv_tornado(TORNADO, 100.0)
    worse, better = _by_name(fig)[fr.WORSE], _by_name(fig)[fr.BETTER]
    # Plotly stacks categories bottom-up: C, B, D, A from the bottom is A, D, B, C from the top
    ids = [c[0] for c in worse.customdata]
    assert ids == ["C", "B", "D", "A"]
    # worse: from npv_if_worse up to the stated NPV (or to npv_if_better, if lower)
    assert list(worse.base) == [90.0, 95.0, 60.0, 80.0]
    assert list(worse.x) == [10.0, 5.0, 30.0, 20.0]  # C 100-90, B 100-95, D 90-60, A 100-80
    # better: from the stated NPV up to npv_if_better (nothing for D)
    assert list(better.base) == [100.0, 100.0, 100.0, 100.0]
    assert list(better.x) == [0.0, 5.0, 0.0, 30.0]  # C 100-100, B 105-100, D none, A 130-100
    assert fig.layout.barmode == "overlay"
    assert worse.orientation == better.orientation == "h"


def test_the_tornado_marks_the_stated_npv_and_keeps_labels_short():
    fig = fr.npv_tornado(TORNADO, 100.0)
    # the stated NPV's mark on the four bars only, a segment as tall as each bar
    # (FR #18: down the whole plot it ran through the names between them)
    stated = [s for s in fig.layout.shapes if s.x0 == 100.0]
    assert [s.x0 for s in stated] == [100.0] * 4
    half = (1 - bar_names.GAP) / 2
    assert [(s.yref, s.y0, s.y1) for s in stated] == [
        ("y", pytest.approx(i - half), pytest.approx(i + half)) for i in range(4)]
    assert "as stated, $100" in fig.layout.xaxis.title.text
    labels = list(_by_name(fig)[fr.WORSE].y)
    # the labels policy (contract/labels.py): a name too long for a phone's plot is
    # shortened from the middle, its first and last words and the code kept
    assert labels[-1].startswith("Alpha: a name") and "…" in labels[-1]
    assert labels[-1].endswith("the axis (A)")
    assert max(axis_labels.measure(lab) for lab in labels) <= axis_labels.NAME_PX
    assert "Alpha: a name far longer than any label beside the axis" in \
        _by_name(fig)[fr.WORSE].customdata[-1]  # the hover has it whole
    # the axis spans 60 (D's worse) to 130 (A's better), 6% of 70 either side, and on to
    # the labelled tick above 130 (round 4, #10): steps of 20 from 60, so 140
    assert tuple(fig.layout.xaxis.range) == pytest.approx((55.8, 140.0))


# what the words under the tornado's axis call a line of each dash style (Plotly's names)
DASH_WORDS = {"solid": "tick", "dash": "dashed", "dot": "dotted", "dashdot": "dash-dotted"}


def test_the_tornado_s_note_names_the_stated_npv_s_mark_as_it_is_drawn():
    """Round 5 #9: the note said "dashed line: as stated" under a short solid black tick."""
    fig = fr.npv_tornado(TORNADO, 100.0)
    note = fig.layout.xaxis.title.text.split("<br>", 1)[1]
    stated = [s for s in fig.layout.shapes if s.x0 == 100.0]
    dashes = {s.line.dash or "solid" for s in stated}
    assert len(stated) == 4 and len(dashes) == 1
    dash = dashes.pop()
    # the note names the mark's own style, and no other
    assert DASH_WORDS[dash] in note, (dash, note)
    assert [w for d, w in DASH_WORDS.items() if d != dash and w in note] == []
    # a black mark, said so
    assert {s.line.color for s in stated} == {palette.BLACK} and "black" in note


# --- the share of draws in the top eight --------------------------------------------------
SHARES = pd.DataFrame({
    "initiative_id": ["Z", "Y", "X", "W"], "name": ["Zeta", "Ypsilon", "Xi", "Omega"],
    "is_priority": [True, False, True, True], "rank": pd.array([3, 2, 1, 4], dtype="Int64"),
    "share_in_top8": [0.0, 0.5, 1.0, 0.5],
})


def test_the_top_eight_share_is_largest_first_and_tells_flagged_priorities_apart():
    fig = fr.share_in_top_eight(SHARES)
    traces = _by_name(fig)
    # largest share on top, ties by rank: Xi 100%, Ypsilon 50% (rank 2), Omega 50% (rank
    # 4), Zeta 0%; bottom-up on the axis
    # each read as name and code (contract/labels.py)
    assert list(fig.layout.yaxis.categoryarray) == ["Zeta (Z)", "Omega (W)", "Ypsilon (Y)",
                                                    "Xi (X)"]
    flagged, plain = traces["Flagged priority"], traces["Not flagged"]
    assert list(flagged.y) == ["Zeta (Z)", "Omega (W)", "Xi (X)"]
    assert list(plain.y) == ["Ypsilon (Y)"]
    assert list(flagged.text) == ["0%", "50.0%", "100%"] and list(plain.text) == ["50.0%"]
    assert flagged.marker.pattern.shape == "/" and plain.marker.pattern.shape == ""
    assert flagged.marker.line.width > 0 and not plain.marker.line.width
    assert [c[0] for c in flagged.customdata] == ["Z", "W", "X"]  # the id first: clickable


def test_a_flagged_priority_is_said_in_its_name_even_at_zero():
    # R6a #12: Zeta, flagged at 0%, shows no hatched bar: its name says it, as the lists
    # above the chart do ("✓ flagged", a no-break space after the mark); the axis says
    # "top eight" as the title does
    fig = fr.share_in_top_eight(SHARES)
    names = [a.text for a in fig.layout.annotations]
    flagged_keys = list(_by_name(fig)["Flagged priority"].y)
    assert flagged_keys == ["Zeta (Z)", "Omega (W)", "Xi (X)"]
    assert names == ["Zeta (Z) ✓\u00a0flagged", "Omega (W) ✓\u00a0flagged", "Ypsilon (Y)",
                     "Xi (X) ✓\u00a0flagged"]
    assert fig.layout.xaxis.title.text == "Outcomes in the top eight"
    from dashboard.lang.translate import language
    with language("fr"):
        fig = fr.share_in_top_eight(SHARES)
    assert fig.layout.annotations[0].text.endswith("✓\u00a0prioritaire")
    assert fig.layout.xaxis.title.text == "Résultats parmi les huit premières"


def test_percent_axes_are_written_by_the_formatter_in_french():
    # FR #13: Plotly's ".0%" tick format wrote "50%" in French; the ticks' text is the
    # formatter's, "50 %" with a no-break space
    from dashboard.lang.translate import language
    with language("fr"):
        top = fr.share_in_top_eight(SHARES).layout.xaxis
        dist = fr.npv_distribution(HISTOGRAM, *MARKS).layout.yaxis
    assert list(top.tickvals) == [0, 0.5, 1]
    assert list(top.ticktext) == ["0\u00a0%", "50\u00a0%", "100\u00a0%"]
    # the highest bin holds 50%: the axis up to 95% (1.9 times: three rows of labels over
    # the bars), 95 / 4 = 23.75 -> 25 points a step
    assert list(dist.tickvals) == pytest.approx([0, 0.25, 0.5, 0.75])
    assert list(dist.ticktext) == ["0\u00a0%", "25\u00a0%", "50\u00a0%", "75\u00a0%"]
    assert not top.tickformat and not dist.tickformat


def test_the_top_eight_share_says_when_the_weights_cannot_rank():
    fig = fr.share_in_top_eight(SHARES.assign(share_in_top8=None, rank=pd.NA))
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [fr.CANNOT_RANK]


# --- one initiative's ranges --------------------------------------------------------------
ONE = pd.DataFrame([{
    "initiative_id": "A", "name": "Alpha",
    "cost_stated_usd": 100.0, "cost_expected_usd": 110.0, "cost_p10_usd": 90.0,
    "cost_p90_usd": 130.0, "benefit_stated_usd": 180.0, "benefit_expected_usd": 160.0,
    "benefit_p10_usd": 120.0, "benefit_p90_usd": 200.0, "npv_stated_usd": 80.0,
    "npv_downside_usd": -40.0, "npv_upside_usd": 110.0, "p_npv_positive": 0.7,
    "share_in_top8": 1.0,
}])


def test_an_initiatives_ranges_show_p10_to_p90_stated_and_expected():
    fig = fr.initiative_ranges(ONE)
    likely, npv, stated, expected = fig.data
    # two bars, each named for what it is: cost and benefit P10 to P90 ("likely"); the NPV
    # from downside to upside (wider than a likely range: never called one)
    assert (likely.name, npv.name) == ("Likely range", "NPV, downside to upside")
    # bottom-up: NPV, benefit, cost (cost on top)
    assert list(fig.layout.yaxis.categoryarray) == ["NPV", "Benefit", "Cost"]
    assert list(likely.y) == ["Benefit", "Cost"] and list(npv.y) == ["NPV"]
    assert list(likely.base) == [120.0, 90.0] and list(npv.base) == [-40.0]  # P10s, downside
    assert list(likely.x) == [80.0, 40.0] and list(npv.x) == [150.0]  # P90 200, 130; upside 110
    assert list(likely.customdata) == ["$120 to $200", "$90 to $130"]
    assert list(npv.customdata) == ["-$40 to $110"]
    assert list(stated.x) == [80.0, 180.0, 100.0]
    assert list(expected.y) == ["Benefit", "Cost"] and list(expected.x) == [160.0, 110.0]
    assert "NPV above 0 in 70.0% of the outcomes" in _title(fig)


def test_a_range_label_starts_after_its_bar_and_every_marker():
    # S7: the stated diamond and the expected circle covered the start of the words. The
    # cost's stated figure (150) lies beyond its P90 (130), the benefit's bar ends at 200
    # past its markers (180, 160), the NPV's stated (120) beyond its upside (110)
    one = ONE.assign(cost_stated_usd=150.0, npv_stated_usd=120.0)
    fig = fr.initiative_ranges(one)
    labels = {a.y: a for a in fig.layout.annotations}
    assert {y: labels[y].text for y in labels} == {
        "Cost": "$90 to $130", "Benefit": "$120 to $200", "NPV": "-$40 to $110"}
    assert {y: labels[y].x for y in labels} == {"Cost": 150.0, "Benefit": 200.0, "NPV": 120.0}
    stated_px = fig.data[2].marker.size
    for a in labels.values():
        # anchored by its left edge, shifted past half the largest marker and a gap
        assert a.xanchor == "left" and a.xshift >= stated_px / 2 + 2
    assert not any(t.text for t in fig.data if t.type == "bar")  # no second copy on a bar


def test_an_initiative_the_filters_drop_has_no_ranges_chart():
    fig = fr.initiative_ranges(ONE.iloc[0:0])
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [NO_DATA]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("marks", [MARKS, (15.0, -10.0, 6.0, 20.0, 0.8),
                                   (15.0, -2.0, 19.5, 20.0, 0.8), (15.0, 2.0, 9.0, 13.0, 0.8),
                                   (15.0, -2.0, 6.0, 17.0, 0.8), (15.0, 3.0, 9.0, 14.0, 0.8),
                                   CLUSTERED])
def test_every_reference_label_stays_inside_the_plot(marks, lang):
    # French review #18: « Haut probable » was cut at a phone's right edge. On the axis as
    # drawn (its range reaches its ticks) each label's box, from its line's px and its
    # shift, lies within a phone's plot and a desktop's
    from dashboard.lang import translate
    with translate.language(lang):
        fig = fr.npv_distribution(HISTOGRAM, *marks)
    assert sum(a.showarrow for a in fig.layout.annotations) == 3
    for w in fr.PLOT_WIDTHS:
        boxes = _label_boxes(fig, w)
        assert boxes[0][0] >= 0 and boxes[-1][1] <= w, (w, boxes)
        # and no label covers another (a label on its white background hid "Bas probable")
        assert all(b[1] <= c[0] for b, c in zip(boxes, boxes[1:], strict=False)), (w, boxes)


def test_the_initiatives_legend_says_the_captions_words():
    # FR #24 (round 2): the legend said « VAN, du pire au meilleur cas », « Déclaré »,
    # « Espérance (ajustée au risque) » under a caption saying « scénario défavorable …
    # favorable », « valeurs déclarées », « valeurs attendues (ajustées en fonction des
    # risques) ». The legend's names are the caption's words, in both languages
    from dashboard.lang.translate import language
    from dashboard.registry import BY_ID

    expected = {"en": ["Likely range", "NPV, downside to upside", "Stated value",
                       "Expected value (risk-adjusted)"],
                "fr": ["Fourchette probable", "VAN, du scénario défavorable au favorable",
                       "Valeur déclarée", "Valeur attendue (ajustée en fonction des risques)"]}
    for lang, names in expected.items():
        with language(lang):
            fig = fr.initiative_ranges(ONE)
            caption = str(BY_ID["detail_ranges"].caption)
        # (a long name wrapped on two lines by the shared layout, "<br>")
        assert [t.name.replace("<br>", " ") for t in fig.data] == names, lang
        for name in names[2:]:  # the markers: the caption names them as the legend does
            assert name[0].lower() + name[1:] in caption, (lang, name, caption)
