"""The Prioritization builders (dashboard/charts/figures_analytics.py) on hand-made frames:
what issue 24's readers could not see or were misled by."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dashboard import registry
from dashboard.analysis import scoring
from dashboard.charts import figures_analytics as fa
from dashboard.charts import palette, scatter_axes
from dashboard.lang import translate

M = 1e6


def _inputs():
    # ERP dwarfs cost and benefit (as in the sample: $44M, $101M); the other four are small
    return pd.DataFrame({
        "initiative_id": ["ERP", "BUSCASE", "KS", "PROCFA", "CHANGE"],
        "name": ["Enterprise resource planning", "Business case", "Knowledge-sharing",
                 "Procurement", "Change management"],
        "category": ["Working together", "ICT governance", "ICT in development",
                     "Working together", "Sustaining the initiative"],
        "is_priority": [True, True, True, False, False],
        "total_cost_usd": [44 * M, 1.2 * M, 5.7 * M, 0.65 * M, 0.9 * M],
        "total_benefit_usd": [101 * M, 1.6 * M, 9.9 * M, 1.6 * M, 0.4 * M],
        "mean_relative_value": [3.0, 4.0, 3.5, 2.0, 2.5],
    })


def test_the_ranking_names_the_effect_of_one_initiative_dominating():
    ranking = scoring.priority_ranking(_inputs(), (1, 1, 1))
    note = registry.BY_ID["priority_ranking"].caption_for(ranking)
    # benefit 0.4M..101M: the others scale to (9.9-0.4)/100.6 = 0.094 or less, half of them
    # under (1.6-0.4)/100.6 = 0.012
    assert "Enterprise resource planning dominates benefit" in note
    assert "0.09 or less" in note and "under 0.01" in note
    assert "the costliest initiative gets 0 for low cost" in note
    assert "View data as a table" in note
    # the hover of each part gives the factor scaled 0 to 1: ERP's benefit 1.00, low cost 0.00
    fig = fa.priority_ranking(ranking)
    parts = {t.name: t for t in fig.data if t.type == "bar"}
    erp = [cd for cd in parts["Benefit"].customdata if cd[0] == "ERP"][0]
    assert erp[2] == "1.00"
    erp = [cd for cd in parts["Low cost"].customdata if cd[0] == "ERP"][0]
    assert erp[2] == "0.00"


def test_no_sentence_when_no_initiative_dominates():
    even = _inputs().assign(total_cost_usd=[1 * M, 2 * M, 3 * M, 4 * M, 5 * M],
                            total_benefit_usd=[5 * M, 4 * M, 3 * M, 2 * M, 1 * M])
    ranking = scoring.priority_ranking(even, (1, 1, 1))
    assert "dominates" not in (registry.BY_ID["priority_ranking"].caption_for(ranking) or "")


def test_tied_scores_are_shown_as_ties():
    # three initiatives alike but for their code: equal scores, ranked 1..3 by code
    alike = pd.DataFrame({"initiative_id": ["C", "A", "B", "D"], "name": list("CABD"),
                          "total_cost_usd": [1.0, 1.0, 1.0, 2.0],
                          "total_benefit_usd": [1.0, 1.0, 1.0, 0.5],
                          "mean_relative_value": [3.0, 3.0, 3.0, 1.0]})
    ranking = scoring.priority_ranking(alike, (1, 1, 1))
    assert fa.shown_ranks(ranking) == {"A": "=1", "B": "=1", "C": "=1", "D": "#4"}
    fig = fa.priority_ranking(ranking)
    assert sorted(fig.data[0].y) == ["#4 D", "=1 A", "=1 B", "=1 C"]
    note = registry.BY_ID["priority_ranking"].caption_for(ranking)
    assert "3 initiatives share a score" in note and "then by code" in note


def test_bubble_legend_swatches_have_no_priority_outline():
    fig = fa.cost_benefit_bubble(scoring.priority_ranking(_inputs(), (1, 1, 1)))
    legend = [t for t in fig.data if t.showlegend is not False]
    outline = {t.name: (t.marker.line.color, t.marker.line.width) for t in legend}
    assert outline.pop("Priority (black outline)") == ("black", 2)
    outline.pop("Break-even (benefit = cost)")  # a line, no marker
    # every category's swatch: its colour, without the black outline
    assert all(c != "black" for c, _ in outline.values()) and len(outline) == 4
    # log axes (ERP dwarfs the rest) said in the titles and the caption
    assert fig.layout.xaxis.type == "log" and "log scale" in fig.layout.xaxis.title.text
    caption = registry.BY_ID["priority_bubble"].caption_for(_inputs())
    assert "(benefit = cost). Both axes are on a log scale" in caption  # a sentence of its own


def test_every_bubble_carries_its_rank_in_the_ranking_and_the_key_is_in_rank_order():
    # R4 #3: numbered by cost, bubble "1" was ERP beside "#1 ..." in the ranking. Scores by
    # hand (weights 1/3 each; cost 0.65M..44M, benefit 0.4M..101M, value 2..5 min-max):
    # BUSCASE (0.987 + 0.012 + 1)/3 = 0.666, KS (0.884 + 0.094 + 0.75)/3 = 0.576,
    # ERP (0 + 1 + 0.5)/3 = 0.5, CHANGE (0.994 + 0 + 0.25)/3 = 0.415, PROCFA (1 + 0.012)/3
    ranking = scoring.priority_ranking(_inputs(), (1, 1, 1))
    fig = fa.cost_benefit_bubble(ranking)
    labels = {cd[0]: text for t in fig.data if t.mode == "markers+text"
              for cd, text in ((c, c[6]) for c in t.customdata)}
    assert labels == {"BUSCASE": "#1", "KS": "#2", "ERP": "#3", "CHANGE": "#4", "PROCFA": "#5"}
    # the same mark as the ranking's bar label on the same page
    bars = fa.priority_ranking(ranking).data[0]
    assert {cd[0]: y.split(" ")[0] for cd, y in zip(bars.customdata, bars.y,
                                                   strict=True)} == labels
    (key,) = [a for a in fig.layout.annotations if a.name == "point_key"]
    lines = key.text.split("<br>")
    assert "rank in the priority" in lines[0]  # the key says what the number is
    assert lines[2:] == [
        "#1  Business case (BUSCASE)", "#2  Knowledge-sharing (KS)",
        "#3  Enterprise resource planning (ERP)", "#4  Change management (CHANGE)",
        "#5  Procurement (PROCFA)"]


def test_a_shared_rank_is_marked_as_the_ranking_marks_it_in_both_languages():
    alike = pd.DataFrame({"initiative_id": ["C", "A", "B", "D"], "name": list("CABD"),
                          "category": ["Working together"] * 4, "is_priority": [False] * 4,
                          "total_cost_usd": [1.0, 1.0, 1.0, 2.0],
                          "total_benefit_usd": [1.0, 1.0, 1.0, 0.5],
                          "mean_relative_value": [3.0, 3.0, 3.0, 1.0]})
    ranking = scoring.priority_ranking(alike, (1, 1, 1))
    for lang, tie, fourth in (("en", "=1", "#4"), ("fr", "=1er", "4e")):
        with translate.language(lang):
            fig = fa.cost_benefit_bubble(ranking)
        labels = {cd[0]: text for t in fig.data if t.mode == "markers+text"
                  for cd, text in ((c, c[6]) for c in t.customdata)}
        # a shared rank followed by the code, so the three read apart (R6b #22)
        assert labels == {"A": f"{tie} A", "B": f"{tie} B", "C": f"{tie} C", "D": fourth}


def test_the_frontier_label_sits_on_a_box_off_the_line():
    fr = pd.DataFrame({"budget_usd": [0.0, 10.0, 50.0], "total_score": [0.0, 1.0, 2.0],
                       "initiatives": [0, 1, 2], "initiative_ids": ["", "A", "A, B"]})
    fig = fa.efficient_frontier(fr, 20.0, 1.0)
    assert not any(t.text for t in fig.data if t.type == "scatter")  # no text on a trace
    (note,) = fig.layout.annotations
    assert note.text == "$20: 1.000"
    assert note.bgcolor == "white" and note.ay < 0  # above the point, on an opaque box
    # the axis leaves room above the highest step for it: 2.0 x 1.3
    assert fig.layout.yaxis.range[1] == pytest.approx(2.6)


def _sensitivity(rows):
    return pd.DataFrame(rows, columns=["initiative_id", "name", "rank", "best_rank",
                                       "worst_rank", "verdict", "most_sensitive_to"])


def test_one_initiative_rank_is_a_diamond_alone_and_the_legend_names_the_colours():
    one = _sensitivity([("ONLY", "Only", 1, 1, 1, "always in top 8", "cost")])
    fig = fa.rank_sensitivity(one)
    bar = [t for t in fig.data if t.type == "bar" and t.showlegend is False][0]
    assert list(bar.x) == [0]  # no bar towards a rank 2 that does not exist
    legend = {t.name: t.marker.color for t in fig.data
              if t.type == "bar" and t.showlegend is not False}
    assert legend == {"Always in the top eight": palette.VERDICT_COLORS["always"]}
    three = _sensitivity([("A", "A", 1, 1, 2, "always in top 8", "cost"),
                          ("B", "B", 2, 1, 9, "depends on the weights", "cost"),
                          ("C", "C", 9, 9, 12, "never in top 8", "value")])
    legend = {t.name: t.marker.color for t in fa.rank_sensitivity(three).data
              if t.type == "bar" and t.showlegend is not False}
    # three greys, darkest always in the top eight (round 5 #15: green and orange were
    # categories on the same page)
    assert legend == {"Always in the top eight": palette.VERDICT_COLORS["always"],
                      "Depends on the weights": palette.VERDICT_COLORS["depends"],
                      "Never in the top eight": palette.VERDICT_COLORS["never"]}


def test_one_initiative_is_told_it_cannot_be_ranked():
    # the fresh review (O6): one initiative scored 0 on "low cost", read as expensive. The
    # contract scales a factor whose min equals its max to 1 for every initiative
    # (data/README.md, "Priority score"), so low cost is 1 - 1 = 0, benefit 1, value 1:
    # score (0 + 1 + 1) / 3; the caption says why and that a ranking needs two or more
    one = pd.DataFrame({"initiative_id": ["ONLY"], "name": ["The only initiative"],
                        "total_cost_usd": [150.0], "total_benefit_usd": [90.0],
                        "mean_relative_value": [5.0]})
    ranking = scoring.priority_ranking(one, (1, 1, 1))
    assert ranking.at[0, "norm_cost"] == 1.0 and ranking.at[0, "cost_contribution"] == 0.0
    assert ranking.at[0, "score"] == pytest.approx(2 / 3)
    note = registry.BY_ID["priority_ranking"].caption_for(ranking)
    assert "With one initiative there is nothing to compare" in note
    assert "its cost counts as the highest and low cost reads 0. That says nothing about its cost" in note
    assert fa.RANKING_NEEDS in note


def test_initiatives_equal_on_a_factor_are_told_so():
    two = pd.DataFrame({"initiative_id": ["A", "B"], "name": ["A", "B"],
                        "total_cost_usd": [100.0, 100.0], "total_benefit_usd": [90.0, 10.0],
                        "mean_relative_value": [5.0, 1.0]})
    note = registry.BY_ID["priority_ranking"].caption_for(scoring.priority_ranking(two, (1, 1, 1)))
    assert "all equal on low cost, so it tells them nothing apart" in note
    assert fa.RANKING_NEEDS in note
    differ = two.assign(total_cost_usd=[100.0, 50.0])
    note = registry.BY_ID["priority_ranking"].caption_for(
        scoring.priority_ranking(differ, (1, 1, 1))) or ""
    assert fa.RANKING_NEEDS not in note


def test_the_frontier_takes_a_log_budget_axis_over_many_powers_of_ten():
    # O19, the odd data: budgets $1 to $11B on a linear axis piled the steps from 0 to 6 at
    # $0. The scatters' scale rule (over 100x): log; the $0 step apart from the powers of
    # ten (round 3, #6): 0.6 of a decade under the first one at or under $1 (10^0), 10^-0.6
    budgets = [0.0, 1.0, 10.0, 1e3, 1e6, 1e9, 11e9]
    fr = pd.DataFrame({"budget_usd": budgets, "total_score": [0, 1, 2, 3, 4, 5, 6.0],
                       "initiatives": list(range(7)),
                       "initiative_ids": ["", "A", "A, B", "C", "D", "E", "F"]})
    fig = fa.efficient_frontier(fr, 5e9, 5.0)
    x = fig.layout.xaxis
    assert x.type == "log" and "log scale" in x.title.text
    steps = next(t for t in fig.data if t.name == "Steps")
    assert list(steps.x) == pytest.approx([10**-0.6, 1.0, 10.0, 1e3, 1e6, 1e9, 11e9])
    assert x.tickvals[0] == pytest.approx(10**-0.6) and x.ticktext[0] == "$0"
    # the range: -0.6 to log10(11e9 * 1.05) = 10.06, 2% of the span each side: -0.81 to
    # 10.28, so every power of ten from 10^0 to 10^10, 11 of them; with the "$0", four
    # more labels fit across (five in all): every third one labelled ($1, $1.0K, ...)
    lo, hi = -0.6, math.log10(11e9 * 1.05)
    assert list(x.range) == pytest.approx([lo - 0.02 * (hi - lo), hi + 0.02 * (hi - lo)])
    assert list(x.tickvals[1:]) == pytest.approx([10.0**k for k in range(11)])
    # labelled from the second power of ten, not 0.6 of a decade from the "$0" ("$0" ran
    # into the first label on a phone): 10^1, 10^4, 10^7, 10^10
    assert [t for t in x.ticktext if t] == ["$0", "$10", "$10K", "$10M", "$10B"]  # no ".0" (R3 #25)
    # the chosen budget's label on a log axis is placed in log10 of dollars (Plotly's rule
    # for annotations); its line in dollars (shapes)
    (note,) = [a for a in fig.layout.annotations if a.name != scatter_axes.ZERO_BREAK]
    assert note.x == pytest.approx(math.log10(5e9))
    assert any(s.x0 == 5e9 for s in fig.layout.shapes)


def test_on_a_phone_the_frontier_leaves_room_around_the_break():
    # R4 #16: "$0", the break "//" and "$100K" almost touched at 390 px. Budgets $0 and
    # $200K to $130M: the $0 at 10^4.4; the axis from 4.4 to log10(130M * 1.05) = 8.135,
    # 2% more each side: a span of 3.885 decades, 59.2 px each on a phone's 230-px plot.
    # "$100K" (10^5) would stand 0.6 of a decade, 35.5 px, from the "$0": less than their
    # half-widths (15.3 + 38.5) / 2 px, the break's 9.4 px and 6 px either side of it
    budgets = [0.0, 2e5, 1e6, 5e6, 4e7, 1.3e8]
    fr = pd.DataFrame({"budget_usd": budgets, "total_score": [0, 1, 2, 3, 4, 5.0],
                       "initiatives": list(range(6)),
                       "initiative_ids": ["", "A", "A, B", "C", "D", "E"]})
    x = fa.efficient_frontier(fr).layout.xaxis
    assert list(x.tickvals) == pytest.approx([10**4.4, 1e5, 1e6, 1e7, 1e8])
    assert list(x.ticktext) == ["$0", "", "$1M", "$10M", "$100M"]


def test_the_frontier_keeps_a_linear_axis_over_amounts_of_one_size():
    fr = pd.DataFrame({"budget_usd": [0.0, 10.0, 50.0], "total_score": [0.0, 1.0, 2.0],
                       "initiatives": [0, 1, 2], "initiative_ids": ["", "A", "A, B"]})
    assert fa.efficient_frontier(fr, 20.0, 1.0).layout.xaxis.type != "log"


NB = "\u00a0"


def test_the_lowest_rated_initiative_is_said_to_read_0_on_value_not_no_value():
    # R4 #2: value is scaled min-max over the initiatives shown (data/README.md), so the
    # lowest rating (PROCFA, 2.0) scales to 0 and its bar has no value part; CHANGE unrated
    # scores 0 on value too, for another reason
    inputs = _inputs().assign(mean_relative_value=[3.0, 4.0, 3.5, 2.0, None])
    ranking = scoring.priority_ranking(inputs, (1, 1, 1))
    note = registry.BY_ID["priority_ranking"].caption_for(ranking)
    assert ("Each factor is scaled between the lowest and the highest of the initiatives "
            "shown; ratings run from 2.00 to 4.00 of 5: Procurement (rated 2.00, the lowest) "
            "reads 0 on value, which means lowest here, not no value.") in note
    # round 7 N4: "not rated, not rated low" read as garbled; it says what it means
    assert ("Change management has no rating, so it scores 0 on value too: unrated, which is "
            "not rated low (its bar says \"not rated\").") in note
    with translate.language("fr"):
        note = registry.BY_ID["priority_ranking"].caption_for(ranking)
    assert ("les notes vont de 2,00 à 4,00 sur 5{NB}: Procurement (notée 2,00, la note la plus "
            "basse) obtient 0 pour la valeur, ce qui veut dire la plus basse ici, et non une "
            "absence de valeur.").replace("{NB}", NB) in note
    assert "Change management n'a aucune note" in note and f"elle aussi{NB}: non notée" in note
    assert f"(sa barre porte la mention «{NB}non notée{NB}»)" in note


def test_the_ratings_range_is_given_and_those_just_above_the_lowest_are_named():
    # R4 N2: ratings 3.00, 3.69, 2.81, 2.75, 2.80. Lowest PROCFA 2.75, highest BUSCASE 3.69;
    # CHANGE 2.80 is 0.05 above the lowest: scaled (2.80 - 2.75) / (3.69 - 2.75) = 0.053, a
    # sliver, so it is named; KS 2.81 is 0.06 above (scaled 0.064): not named
    inputs = _inputs().assign(mean_relative_value=[3.0, 3.69, 2.81, 2.75, 2.80])
    note = registry.BY_ID["priority_ranking"].caption_for(
        scoring.priority_ranking(inputs, (1, 1, 1)))
    assert ("ratings run from 2.75 to 3.69 of 5: Procurement (rated 2.75, the lowest) reads 0 "
            "on value") in note
    assert ("Change management (2.80) reads almost 0 on value too: rated within 0.05 of the "
            "lowest.") in note
    assert "Knowledge-sharing (2.81)" not in note
    # two just above: both named with their ratings, the plural
    inputs = _inputs().assign(mean_relative_value=[3.0, 3.69, 2.79, 2.75, 2.80])
    note = registry.BY_ID["priority_ranking"].caption_for(
        scoring.priority_ranking(inputs, (1, 1, 1)))
    assert " read almost 0 on value too: rated within 0.05 of the lowest." in note
    assert "Knowledge-sharing (2.79)" in note and "Change management (2.80)" in note
    with translate.language("fr"):
        note = registry.BY_ID["priority_ranking"].caption_for(
            scoring.priority_ranking(inputs, (1, 1, 1)))
    assert "Knowledge-sharing (2,79) et Change management (2,80) obtiennent" in note


def test_an_unrated_initiatives_bar_says_so_and_the_lowest_rated_one_does_not():
    # R4 N2: under an organization, an unrated initiative's bar looked like a rated-lowest
    # one's. Scores by hand (equal weights): CHANGE low cost 1 - (0.9 - 0.65)/43.35 = 0.994,
    # benefit 0 (the least), value 0 (unrated): 0.331; PROCFA 1 + (1.6 - 0.4)/100.6 + 0
    # (rated lowest) over 3: 0.337; with no value weight, over 2: 0.497 and 0.506, and no
    # bar is marked
    inputs = _inputs().assign(mean_relative_value=[3.0, 4.0, 3.0, 2.0, None])
    for weights, lang, change, procfa, mark in (
            ((1, 1, 1), "en", "0.331", "0.337", " · not rated"),
            ((1, 1, 1), "fr", "0,331", "0,337", " · non notée"),
            ((1, 1, 0), "en", "0.497", "0.506", "")):
        with translate.language(lang):
            fig = fa.priority_ranking(scoring.priority_ranking(inputs, weights))
        (scores,) = [t for t in fig.data if t.type == "scatter"]
        text = {re.search(r"\((\w+)\)", y).group(1): t
                for y, t in zip(scores.y, scores.text, strict=True)}
        assert text["CHANGE"] == " " + change + mark
        assert text["PROCFA"] == " " + procfa
        assert sum("·" in t for t in text.values()) == (1 if mark else 0)


def test_several_lowest_rated_are_named_together_and_equal_ratings_say_nothing():
    # two rated 2.0, the lowest: both named, the plural, in rank order (PROCFA's score
    # (1 + 0.012 + 0)/3 = 0.337 above CHANGE's (0.994 + 0 + 0)/3 = 0.331)
    inputs = _inputs().assign(mean_relative_value=[3.0, 4.0, 3.5, 2.0, 2.0])
    note = registry.BY_ID["priority_ranking"].caption_for(
        scoring.priority_ranking(inputs, (1, 1, 1)))
    assert "Procurement and Change management (each rated 2.00, the lowest) read 0" in note
    # all rated alike: nobody reads 0 on value (each scales to 1), no such sentence
    flat = _inputs().assign(mean_relative_value=[3.0] * 5)
    note = registry.BY_ID["priority_ranking"].caption_for(
        scoring.priority_ranking(flat, (1, 1, 1)))
    assert "the lowest) read" not in note


def test_each_bar_part_hover_gives_the_raw_figure_beside_the_scaled_one():
    inputs = _inputs().assign(mean_relative_value=[3.0, 4.0, 3.5, 2.0, None])
    ranking = scoring.priority_ranking(inputs, (1, 1, 1))
    for lang, value, cost, none, word in (
            ("en", "2.00 of 5", "$44.0M", "not rated", "Mean relative value: "),
            ("fr", "2,00 sur 5", f"44,0{NB}M{NB}$US", "non notée", f"Valeur relative moyenne{NB}: ")):
        with translate.language(lang):
            fig = fa.priority_ranking(ranking)
        low_cost, benefit, val = (t for t in fig.data if t.type == "bar")
        raw = {cd[0]: cd[3] for cd in val.customdata}
        assert raw["PROCFA"] == value and raw["CHANGE"] == none
        assert {cd[0]: cd[3] for cd in low_cost.customdata}["ERP"] == cost
        assert word + "%{customdata[3]}" in val.hovertemplate
        assert "%{customdata[2]}" in val.hovertemplate  # the scaled one beside it
