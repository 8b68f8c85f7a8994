"""A budget selection in words (dashboard/output/budget_words.py; review round 3, #4): the
objective said once, and each selected and left-out initiative with its rank, cost and
score, so a reader sees why a higher-ranked initiative is left out. Figures by hand."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import selection
from dashboard.lang import translate
from dashboard.output import budget_words

# A ranks first but costs the whole budget of 60 alone (score 0.9); B and C together cost
# 60 too and score 0.6 + 0.5 = 1.1 > 0.9; D (40) fits with neither pair. Best: B + C.
RANKING = pd.DataFrame({
    "initiative_id": ["A", "B", "C", "D"], "name": ["Alpha", "Bravo", "Charlie", "Delta"],
    "rank": [1, 2, 3, 4], "total_cost_usd": [60.0, 30.0, 30.0, 40.0],
    "score": [0.9, 0.6, 0.5, 0.4]})


def test_the_left_out_initiatives_are_said_with_their_ranks():
    sel = selection.budget_selection(RANKING, 60.0)
    assert budget_words.items(sel, True) == ["#2 Bravo: $30, score 0.600",
                                             "#3 Charlie: $30, score 0.500"]
    assert budget_words.items(sel, False) == ["#1 Alpha: $60, score 0.900",
                                              "#4 Delta: $40, score 0.400"]
    assert budget_words.heading(2, False) == "Left out, by rank (2)"
    assert budget_words.left_out_ranks(sel) == "Left out, by rank (2): #1 and #4"
    text = budget_words.objective()
    assert "priority scores add up to the most within the budget" in text
    assert "several cheaper initiatives together can score more than one larger one" in text


def test_equal_scores_share_a_rank():
    # B and C scored equal as shown (3 decimals): both "=2", as the ranking shows them
    ranking = RANKING.assign(score=[0.9, 0.5, 0.5, 0.4])
    sel = selection.budget_selection(ranking, 60.0)  # B + C = 1.0 > A's 0.9
    assert budget_words.items(sel, True) == ["=2 Bravo: $30, score 0.500",
                                             "=2 Charlie: $30, score 0.500"]


def test_in_french():
    sel = selection.budget_selection(RANKING, 60.0)
    with translate.language("fr"):
        left = budget_words.items(sel, False)
        text = budget_words.objective()
        head = budget_words.heading(2, False)
    assert len(left) == 2 and "Alpha" in left[0] and "Delta" in left[1]
    assert "0,900" in left[0] and "60\u00a0$US" in left[0] and "1" in left[0]
    assert "\u00a0:" in left[0]  # French typography before the colon
    assert text != budget_words.OBJECTIVE and "budget" in text
    assert head != "Left out, by rank (2)" and "2" in head


def test_the_packs_budget_says_the_same(db, f0):
    # the fixture at equal weights, budget 70: KS (60) + SEC (10); left out #2 ERP (180 alone,
    # 17/27 = 0.630) and #4 TRN (5, 1/3: the total would be 75) (tests/analysis/test_analytics.py)
    from types import SimpleNamespace

    from dashboard.output import briefing_sections
    from dashboard.query import chart_data

    pg = SimpleNamespace(ctx=chart_data.Context(db=db, filters=f0, budget=70.0), more=[])
    html = briefing_sections._budget(pg)
    assert "whose priority scores add up to the most within the budget" in html
    assert "Left out, by rank (2): #2 and #4" in html
    # the table: every initiative by rank, selected or not
    rows = [html.index(f'<td class="num">#{r}</td>') for r in (1, 2, 3, 4)]
    assert rows == sorted(rows)
    assert budget_words.left_out_ranks(selection.budget_selection(RANKING, 300.0)) is None
