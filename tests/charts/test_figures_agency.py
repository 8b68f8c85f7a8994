"""The Agency commitment builders (dashboard/charts/figures_agency.py) on hand-made frames:
what issue 24's readers could not read or were misled by."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import registry
from dashboard.charts import figures_agency, palette


def _sharing(benefits, cost_share):
    n = len(benefits)
    return pd.DataFrame({
        "agency_code": [f"A{i:02d}" for i in range(n)],
        "name": [f"Organization {i}" for i in range(n)],
        "cost_share": cost_share,
        "own_cost_usd": [100.0] * n, "shared_cost_share_usd": [0.0] * n,
        "cost_borne_usd": [100.0] * n,
        "own_benefit_usd": [0.0] * n, "shared_benefit_share_usd": benefits,
        "benefit_received_usd": benefits, "pledged_usd": [10.0] * n,
        "net_usd": [b - 100.0 for b in benefits],
    })


def test_no_benefit_bar_anywhere_is_said_in_the_legend_and_the_caption():
    # the odd data: every benefit shared (no organization), no cost-sharing key: each
    # organization receives 0, as data/README.md's rule gives; the page must say so
    df = _sharing([0.0, 0.0, 0.0], [None, None, None])
    names = [t.name for t in figures_agency.cost_sharing(df).data]
    assert figures_agency.NO_BENEFIT in names
    entry = next(c for c in registry.CHARTS if c.id == "cost_sharing")
    assert "No organization receives a benefit" in entry.caption_for(df)
    assert "no cost-sharing key" in entry.caption_for(df)
    # with a key but nothing shared to share out, the reason is that one
    keyed = _sharing([0.0, 0.0, 0.0], [0.1, 0.2, 0.3])
    assert "none under these filters" in entry.caption_for(keyed)
    # one organization receiving a benefit: the usual legend, no sentence
    some = _sharing([0.0, 5.0, 0.0], [0.1, 0.2, 0.3])
    assert figures_agency.NO_BENEFIT not in [t.name for t in figures_agency.cost_sharing(some).data]
    assert "No organization receives" not in entry.caption_for(some)


def test_a_long_list_of_organizations_is_drawn_shorter():
    # 27 organizations (the sample): 3 bars each took 36 px (1,062 px of plot); at most
    # 30 px each now, under 90 + 27 x 30 = 900 px
    df = _sharing([1.0] * 27, [0.01] * 27)
    fig = figures_agency.cost_sharing(df)
    assert fig.layout.height - fig.layout.margin.t <= 900


def _matrix():
    rows = []
    for i, init in enumerate(["ERP", "KS"]):
        for j, org in enumerate(["UNDP", "WFP", "WHO"]):
            rows.append((init, org, f"{org} name", "fund_programme", f"{init} name",
                         "committed", 1 + (i * 3 + j) % 5, 100.0))
    return pd.DataFrame(rows, columns=["initiative_id", "agency_code", "agency_name",
                                       "agency_type", "initiative_name", "commitment_level",
                                       "relative_value", "pledged_usd"])


def test_relative_value_has_five_swatches_not_a_colour_bar():
    fig = figures_agency.relative_value_matrix(_matrix())
    values = [t for t in fig.data if t.name != figures_agency.BLANK]
    assert [t.name for t in values] == ["1 (low)", "2", "3", "4", "5 (high)"]
    assert [t.marker.color for t in values] == list(palette.RELATIVE_VALUE_COLORS.values())
    assert not any(t.marker.showscale for t in fig.data)
    assert fig.layout.showlegend is not False
    # values 1..5 in the frame: (0*3+0)%5+1 = 1 ... each square in its value's trace
    assert sorted(len(t.x) for t in values) == [1, 1, 1, 1, 2]


def _types_matrix(inits, orgs):
    """Every initiative against every organization, committed, value 3; `orgs` as
    (code, type)."""
    rows = [(i, code, f"{code} name", kind, f"{i} name", "committed", 3, 0.0)
            for i in inits for code, kind in orgs]
    return pd.DataFrame(rows, columns=["initiative_id", "agency_code", "agency_name",
                                       "agency_type", "initiative_name", "commitment_level",
                                       "relative_value", "pledged_usd"])


def test_the_matrices_label_each_group_of_organizations_and_band_every_second():
    # S18 / O18: the caption says "rows are grouped by type of organization", but no group
    # was labelled. Contract order of types: Secretariat, Fund / programme, Specialized
    # agency, Related organization; within a type by code
    df = _types_matrix(["A", "B"], [("WHO", "specialized_agency"), ("UNDP", "fund_programme"),
                                    ("UNSG", "secretariat"), ("FAO", "specialized_agency")])
    for build in (figures_agency.commitment_matrix, figures_agency.relative_value_matrix):
        fig = build(df)
        y = fig.layout.yaxis
        top_down = list(zip(y.tickvals, y.ticktext, strict=True))[::-1]
        assert top_down == [("type:secretariat", ""), ("UNSG", "UNSG"),
                            ("type:fund_programme", ""), ("UNDP", "UNDP"),
                            ("type:specialized_agency", ""), ("FAO", "FAO"), ("WHO", "WHO")]
        assert list(y.categoryarray) == list(y.tickvals)
        # each header row named in bold at the plot's left, inside it (no square there)
        names = {a.y: a.text for a in fig.layout.annotations}
        # a group's name in the plural, as the UN names the groups (French review round 2,
        # #21: « Fonds / programme » over several funds)
        assert names == {"type:secretariat": "<b>Secretariat</b>",
                         "type:fund_programme": "<b>Funds and programmes</b>",
                         "type:specialized_agency": "<b>Specialized agencies</b>"}
        squares = {y for t in fig.data for y in (t.y if t.y is not None else []) if y}
        assert not squares & set(names)
        assert all((a.xref, a.x, a.xanchor) == ("paper", 0, "left")
                   for a in fig.layout.annotations)
        # 7 rows, index 0 at the bottom: the second group (Fund / programme: its header
        # and UNDP, top-down rows 2 and 3) on a band from 7 - 4 - 0.5 to 7 - 2 - 0.5
        (band,) = [sh for sh in fig.layout.shapes if sh.type == "rect"]
        assert (band.y0, band.y1) == (2.5, 4.5) and band.layer == "below"
        assert (band.xref, band.x0, band.x1) == ("paper", 0, 1)


def test_a_blank_cell_has_its_own_legend_entry_apart_from_no_commitment():
    df = _types_matrix(["A"], [("UNDP", "fund_programme")])
    for build in (figures_agency.commitment_matrix, figures_agency.relative_value_matrix):
        names = [t.name for t in build(df).data if t.showlegend is not False]
        assert figures_agency.BLANK in names
        blank = next(t for t in build(df).data if t.name == figures_agency.BLANK)
        assert blank.marker.color == "white" and blank.marker.line.width >= 1
    levels = [t.name for t in figures_agency.commitment_matrix(df).data]
    assert "No commitment" in levels


def test_no_commitment_is_a_marked_square_not_a_pale_one_like_a_blank_cell():
    """Round 5 #14, French round 3 #17: « Aucun engagement » (a pale grey square) and
    « Vide » (a white one) read alike. None is crossed out, filled; a blank is plain white."""
    df = _types_matrix(["A"], [("UNDP", "fund_programme")])
    fig = figures_agency.commitment_matrix(df)
    none = next(t for t in fig.data if t.name == "No commitment")
    blank = next(t for t in fig.data if t.name == figures_agency.BLANK)
    assert none.marker.symbol == "square-x" and blank.marker.symbol == "square"
    assert none.marker.color != "white" and none.marker.line.width >= 1
    # the other levels keep plain squares: only "none" is crossed out
    assert {t.marker.symbol for t in fig.data
            if t.name not in ("No commitment", figures_agency.BLANK)
            and t.showlegend is not False and t.mode == "markers"} <= {"square"}


def test_a_matrix_square_is_smaller_than_its_row_and_column_pitch():
    # O18: squares of 22 px touched their neighbours, so a run of one colour read as a bar.
    # 10 initiatives across a phone's plot of about 200 px: 20 px a column -> 0.7 x 20 =
    # 14 px; rows 34 px apart
    df = _types_matrix([f"I{i:02d}" for i in range(10)], [("UNDP", "fund_programme")])
    for build in (figures_agency.commitment_matrix, figures_agency.relative_value_matrix):
        sizes = {t.marker.size for t in build(df).data if t.name != figures_agency.BLANK}
        assert len(sizes) == 1 and min(sizes) == pytest.approx(14.0)
        assert all(s < figures_agency.MATRIX_ROW for s in sizes)
    # few initiatives: the squares keep their full size (22 px; 0.7 x 34 = 23.8 px a row)
    few = _types_matrix(["A", "B"], [("UNDP", "fund_programme")])
    assert {t.marker.size for t in figures_agency.commitment_matrix(few).data
            if t.name != figures_agency.BLANK} == {22.0}


def test_the_committed_and_pledged_axis_title_is_one_word():
    df = pd.DataFrame({"agency_code": ["UNDP"], "agency_name": ["UN Development"],
                       "agency_type": ["fund_programme"], "initiatives_committed": [1],
                       "pledged_usd": [200.0]})
    fig = figures_agency.commitment_by_agency(df)
    # one organization: a one-row plot, under the legend; "Organization (initiatives
    # committed to)" stood taller than the plot and ran into the legend
    assert fig.layout.yaxis.title.text == "Organization"
    entry = next(c for c in registry.CHARTS if c.id == "commitment_by_agency")
    assert "initiatives it has committed to" in entry.caption


def test_the_relative_value_legend_lists_the_whole_scale_whatever_the_values():
    # only values 3 to 5 in the frame (an organization chosen, a page of a split matrix):
    # each of the five swatches still has a point to show its legend entry by, and values
    # 1 and 2 draw no square
    df = _matrix()
    df["relative_value"] = [3, 4, 5, 3, 4, 5]
    fig = figures_agency.relative_value_matrix(df)
    scale = fig.data[:5]  # then the legend's "Blank" entry (S18)
    assert [t.name for t in scale] == ["1 (low)", "2", "3", "4", "5 (high)"]
    assert all(len(t.x) >= 1 for t in scale)
    assert list(scale[0].x) == [None] and list(scale[1].x) == [None]
    assert sorted(len(t.x) for t in scale[2:]) == [2, 2, 2]


def test_the_sharing_legend_reads_as_french_usage():
    # French review round 2, #21: « Coût supporté (propre + part du commun) » read as a calque
    from dashboard.lang.translate import _, language
    with language("fr"):
        assert [_(name) for _col, name, _c in figures_agency.SHARING_BARS][:2] == [
            "Coût supporté (propre et quote-part des coûts communs)",
            "Avantage reçu (propre et quote-part des avantages communs)"]


@pytest.mark.parametrize("orgs", [
    [("UNDP", "fund_programme")],
    [("UNDP", "fund_programme"), ("WHO", "specialized_agency")],
    [(f"O{i:02d}", t) for i, t in enumerate(["secretariat", "fund_programme",
                                             "specialized_agency"] * 9)],
])
def test_a_group_header_never_overlaps_a_row_of_squares(orgs):
    # round 4: one organization's matrix (?agency=UNDP) had a plot about 22 px tall, its
    # group's name ("Funds and programmes") drawn across its only row. The plot's px: the
    # figure's height less the room above (margin.t) and what the standing initiative
    # labels need under it (at least the builder's margin.b)
    from dashboard.charts.figure_margins import needed_margins, text_height
    long_names = ["Enterprise resource planning renewal programme",
                  "Knowledge sharing platform for the UN system",
                  "Cloud hosting shared services", "Cybersecurity common operations",
                  "Digital identity"]  # five: their names stand on end under the plot
    rows = [(f"I{i}", o, f"{o} name", t, n, "committed", 3, 10.0)
            for i, n in enumerate(long_names) for o, t in orgs]
    df = pd.DataFrame(rows, columns=["initiative_id", "agency_code", "agency_name",
                                     "agency_type", "initiative_name", "commitment_level",
                                     "relative_value", "pledged_usd"])
    for build in (figures_agency.commitment_matrix, figures_agency.relative_value_matrix):
        fig = build(df)
        lay = fig.layout
        keys = list(lay.yaxis.categoryarray)  # bottom up, index 0 at the bottom
        bottom = max(lay.margin.b or 0, needed_margins(fig)["b"])
        pitch = (lay.height - lay.margin.t - bottom) / len(keys)
        size = max(t.marker.size for t in fig.data if t.marker.size)
        squares = [(i - 0.5 * size / pitch, i + 0.5 * size / pitch)
                   for i, k in enumerate(keys) if not k.startswith("type:")]
        for a in lay.annotations:
            half = 0.5 * text_height(a.text, a.font.size) / pitch
            box = (keys.index(a.y) - half, keys.index(a.y) + half)
            assert all(box[1] <= lo or box[0] >= hi for lo, hi in squares), (a.text, pitch)


def _levels() -> pd.DataFrame:
    rows = [("ZETA", "Alpha records", "none", 2), ("ZETA", "Alpha records", "lead", 1),
            ("ABLE", "Zulu network", "interested", 1), ("ABLE", "Zulu network", "committed", 3),
            ("MID", "Middle office", "participating", 2)]
    return pd.DataFrame(rows, columns=["initiative_id", "initiative_name", "commitment_level",
                                       "organizations"])


def test_the_levels_legend_reads_in_the_order_the_bars_stack():
    """Round 5, #11: the bars stack No commitment at the left to Lead at the right (their
    traces' order), but the legend read Lead ... No commitment (plotly's default for
    stacked bars, "reversed", is for bars standing up)."""
    fig = figures_agency.commitment_levels_by_initiative(_levels())
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["No commitment", "Interested", "Participating",
                                          "Committed", "Lead"]  # left to right
    assert fig.layout.legend.traceorder == "normal"  # the legend as the traces: as stacked


def test_the_initiative_axes_read_in_one_order_by_name():
    """Round 5, #11: the levels chart and the matrices listed initiatives by code (ABLE,
    MID, ZETA), which reads as random under the names shown: both by name, A to Z (the
    levels chart top down: plotly's first row is the bottom one)."""
    by_name = ["ZETA", "MID", "ABLE"]  # Alpha records, Middle office, Zulu network
    fig = figures_agency.commitment_levels_by_initiative(_levels())
    assert list(fig.data[0].y) == by_name[::-1]  # bottom up
    matrix = _levels().rename(columns={"initiative_name": "name"})
    assert figures_agency.initiative_order(matrix) == by_name


def test_the_pledged_bars_labels_are_on_one_scale_in_french():
    # FR3 #7: « 768 000 $US » under « 1,0 M $US » on one chart; with a bar in millions
    # every label in millions (0.768 M: « 0,8 M $US »; 1,020,000: « 1,0 M $US »);
    # English keeps its units ("$768.0K" beside "$1.0M")
    from dashboard.lang.translate import language

    nb = "\u00a0"
    df = pd.DataFrame({"agency_code": ["UNDP", "WFP"], "agency_name": ["UNDP", "WFP"],
                       "agency_type": ["fund_programme", "fund_programme"],
                       "initiatives_committed": [2, 1], "pledged_usd": [1_020_000.0, 768_000.0]})
    with language("fr"):
        fig = figures_agency.commitment_by_agency(df)
    labels = {t for tr in fig.data for t in (tr.text or ())}
    assert labels == {f"1,0{nb}M{nb}$US", f"0,8{nb}M{nb}$US"}
    fig = figures_agency.commitment_by_agency(df)
    assert {t for tr in fig.data for t in (tr.text or ())} == {"$1.0M", "$768.0K"}
