"""Tied priority scores get the same rank everywhere a reader sees one (the fresh review,
O5 and S19): the score chart, the model's top eight and the flagged priorities (page and
briefing), the stability chart and the top-eight chances' hover. Standard competition
ranking: equal scores share the rank of the first of them, the next is numbered by its
place (=1, =1, =1, #4)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from dashboard.analysis import scoring, sensitivity
from dashboard.charts import figures_analytics as fa
from dashboard.charts import figures_ranges as fr
from dashboard.output import briefing_sections
from dashboard.query import chart_data
from dashboard.query.filters import Filters

# Weights 1, 1, 1. Costs run from 1 (A, B, C, ...) to 11 (J), so low cost = 1 - (C - 1) / 10;
# benefit 10 and value 5 everywhere but J (0 and 1), so benefit and value are 1 but for J.
#   A, B, C: cost 1 -> (1 + 1 + 1) / 3 = 1          shared rank 1
#   D: cost 2 -> (0.9 + 2) / 3 = 0.9667              rank 4
#   E: cost 3 -> 0.9333 rank 5; F: cost 4 -> 0.9 rank 6; I: cost 5 -> 0.8667 rank 7
#   G, H: cost 6 -> (0.5 + 2) / 3 = 0.8333           shared rank 8 (H 9th by code)
#   J: cost 11, benefit 0, value 1 -> 0              rank 10
COST = {"C": 1, "A": 1, "B": 1, "D": 2, "E": 3, "F": 4, "I": 5, "H": 6, "G": 6, "J": 11}
SHOWN = {"A": "=1", "B": "=1", "C": "=1", "D": "#4", "E": "#5", "F": "#6", "I": "#7",
         "G": "=8", "H": "=8", "J": "#10"}
FLAGGED = {"B", "H"}


def _inputs() -> pd.DataFrame:
    ids = list(COST)
    return pd.DataFrame({
        "initiative_id": ids, "name": [f"Initiative {i}" for i in ids],
        "category": ["infrastructure"] * len(ids),
        "is_priority": [i in FLAGGED for i in ids],
        "total_cost_usd": [COST[i] * 1e6 for i in ids],
        "total_benefit_usd": [0.0 if i == "J" else 10e6 for i in ids],
        "mean_relative_value": [1.0 if i == "J" else 5.0 for i in ids],
    })


def _ranking() -> pd.DataFrame:
    return scoring.priority_ranking(_inputs(), (1, 1, 1))


def test_equal_scores_share_the_rank_of_the_first_of_them():
    r = scoring.with_tied_ranks(_ranking()).set_index("initiative_id")
    assert {i: int(v) for i, v in r["rank_with_ties"].items()} == {
        i: int(s[1:]) for i, s in SHOWN.items()}
    assert set(r.index[r["is_tied"]]) == {"A", "B", "C", "G", "H"}
    # the model's order (the contract's rank) still places ties by code
    assert list(r.index[r["rank"] <= 8]) == ["A", "B", "C", "D", "E", "F", "I", "G"]


def test_the_score_chart_shows_the_shared_ranks():
    fig = fa.priority_ranking(_ranking())
    shown = {y.split(" ")[0] + " " + y.rstrip(")").rsplit("(", 1)[1] for y in fig.data[0].y}
    assert shown == {f"{s} {i}" for i, s in SHOWN.items()}


def test_the_stability_chart_puts_tied_diamonds_at_the_shared_rank():
    s = sensitivity.rank_sensitivity(_inputs(), (1, 1, 1)).set_index("initiative_id")
    assert {i: int(v) for i, v in s["rank"].items()} == {i: int(t[1:]) for i, t in SHOWN.items()}
    # identical initiatives stay tied whatever the weights: one rank, no bar
    for i in ("A", "B", "C"):
        assert (s.at[i, "best_rank"], s.at[i, "worst_rank"]) == (1, 1)
    for i in ("G", "H"):
        assert s.at[i, "best_rank"] == s.at[i, "worst_rank"] == s.at[i, "rank"]
    assert (s["best_rank"] <= s["rank"]).all() and (s["rank"] <= s["worst_rank"]).all()
    # the top eight as the model counts it: G in, H (9th by code) out at every weighting
    assert s.at["G", "top_k_share"] == 1 and s.at["H", "top_k_share"] == 0
    fig = fa.rank_sensitivity(s.reset_index())
    diamonds = next(t for t in fig.data if t.type == "scatter")
    by_id = {cd[0]: (x, cd[1]) for x, cd in zip(diamonds.x, diamonds.customdata, strict=True)}
    assert by_id["C"] == (1, "=1") and by_id["H"] == (8, "=8") and by_id["D"] == (4, "#4")


def _ctx() -> chart_data.Context:
    def runner(name, filters, **extra):
        assert name == "priority_inputs", name
        return _inputs()
    return chart_data.Context(db=None, filters=Filters(snapshot="2007-01-01"),  # type: ignore[arg-type]
                              weights=(1, 1, 1), runner=runner)


def test_both_lists_show_the_shared_ranks():
    both = chart_data.top_eight_vs_flagged(_ctx()).set_index("initiative_id")
    assert {i: int(v) for i, v in both["rank_with_ties"].items()} == {
        i: int(SHOWN[i][1:]) for i in both.index}
    assert bool(both.at["H", "is_tied"]) and not bool(both.at["H", "in_model_top_eight"])
    html = briefing_sections._top_eight(SimpleNamespace(ctx=_ctx()))
    for i in ("A", "B", "C"):
        assert f"=1 Initiative {i}" in html
    assert "#4 Initiative D" in html and "=8 Initiative G" in html
    assert "Initiative B: rank =1" in html and "Initiative H: rank =8" in html
    assert "rank 2" not in html and "rank 9" not in html
    assert "marks a rank shared by scores equal to three decimals" in html


def test_the_top_eight_chances_hover_shows_the_shared_rank():
    r = scoring.with_tied_ranks(_ranking())
    df = r[["initiative_id", "name", "is_priority", "rank", "rank_with_ties", "is_tied"]].assign(
        share_in_top8=[1.0] * 8 + [0.0] * 2)
    fig = fr.share_in_top_eight(df)
    hover = {cd[0]: cd[3] for t in fig.data for cd in t.customdata}
    assert hover["B"] == "=1" and hover["C"] == "=1" and hover["H"] == "=8"
    # equal chances: ordered by the current rank, top first (plotly lists bottom first)
    order = [pair[1][0] for pair in sorted(
        ((y, cd) for t in fig.data for y, cd in zip(t.y, t.customdata, strict=True)),
        key=lambda p: list(fig.layout.yaxis.categoryarray).index(p[0]))][::-1]
    assert order == ["A", "B", "C", "D", "E", "F", "I", "G", "H", "J"]


def test_the_briefings_ranking_table_shows_the_shared_ranks():
    from dashboard.output import briefing_html
    shown = briefing_sections._ranks_shown(_ranking()).set_index("initiative_id")["rank"]
    assert shown.to_dict() == SHOWN
    html = briefing_html.table(briefing_sections._ranks_shown(_ranking()),
                               ["rank", "initiative_id", "score"], rows=None)
    assert '<td class="num">=1</td><th scope="row" class="txt">Initiative C (C)</th>' in html
    assert '<td class="num">=8</td><th scope="row" class="txt">Initiative H (H)</th>' in html


def test_scores_equal_as_shown_share_a_rank():
    # 0.66667 and 0.6666667 differ at the fifth decimal but both read "0.667": they share
    # =1; 0.6664 reads "0.666": #3 (the odd data: 0.667 read =1 for some and #6 for others)
    scores = [0.66667, 0.6666667, 0.6664, 0.5]
    assert [f"{s:.3f}" for s in scores] == ["0.667", "0.667", "0.666", "0.500"]
    assert scoring.ranks_with_ties(scores).tolist() == [1, 1, 3, 4]
