"""Decision support (dashboard/analysis/) against figures worked out by hand.

Priority inputs of the fixture (no filters), from tests/fixture_data.py:
  ERP  C = 100 + 50 + 30 = 180   B = 120 + 80 = 200   V = (5 + 4 + 2) / 3 = 11/3
  KS   C = 40 + 20 = 60          B = 30 + 50 = 80     V = (5 + 3) / 2 = 4
  SEC  C = 10                    B = 15               V = 1
  TRN  C = 5                     B = 0                V = null (no commitment rows)
Normalized (min-max): 1 - norm(C): ERP 0, KS 1 - 55/175 = 24/35, SEC 34/35, TRN 1;
norm(B): ERP 1, KS 0.4, SEC 0.075, TRN 0; norm(V) over {11/3, 4, 1}: ERP 8/9, KS 1,
SEC 0, TRN null -> 0.
Equal weights: ERP 17/27, KS 73/105, SEC 293/840, TRN 1/3 -> KS, ERP, SEC, TRN.
"""

from __future__ import annotations

import itertools
import math
import pickle
import random
import re
from fractions import Fraction

import pandas as pd
import pytest

from dashboard.analysis import comparison, finance, scoring, selection, sensitivity
from dashboard.query.filters import Filters
from tests import fixture_data

HAND_SCORES = {"ERP": 17 / 27, "KS": 73 / 105, "SEC": 293 / 840, "TRN": 1 / 3}


@pytest.fixture
def inputs(db, f0):
    return db.query("priority_inputs", f0)


# --- priority score -----------------------------------------------------------------
def test_scores_and_ranks_by_hand(inputs):
    r = scoring.priority_ranking(inputs)
    assert list(r["initiative_id"]) == ["KS", "ERP", "SEC", "TRN"]
    assert list(r["rank"]) == [1, 2, 3, 4]
    for i, s in HAND_SCORES.items():
        assert r.loc[r["initiative_id"] == i, "score"].item() == pytest.approx(s, abs=1e-12)
    erp = r[r["initiative_id"] == "ERP"].iloc[0]
    assert erp["cost_contribution"] == pytest.approx(0.0)
    assert erp["benefit_contribution"] == pytest.approx(1 / 3)
    assert erp["value_contribution"] == pytest.approx(8 / 27)
    trn = r[r["initiative_id"] == "TRN"].iloc[0]
    assert math.isnan(trn["mean_relative_value"]) and trn["value_contribution"] == 0
    # the three factor contributions add up to the score
    parts = r["cost_contribution"] + r["benefit_contribution"] + r["value_contribution"]
    assert (parts - r["score"]).abs().max() < 1e-15


def test_weights_are_scaled_to_sum_to_one(inputs):
    # (2, 1, 1) -> (0.5, 0.25, 0.25):
    # ERP 0.25 + 0.25 * 8/9; KS 0.5 * 24/35 + 0.1 + 0.25; SEC 0.5 * 34/35 + 0.01875; TRN 0.5
    r = scoring.priority_ranking(inputs, (2, 1, 1))
    expected = {"ERP": 0.25 + 2 / 9, "KS": 12 / 35 + 0.35, "SEC": 17 / 35 + 0.01875, "TRN": 0.5}
    assert list(r["initiative_id"]) == ["KS", "SEC", "TRN", "ERP"]
    for i, s in expected.items():
        assert r.loc[r["initiative_id"] == i, "score"].item() == pytest.approx(s, abs=1e-12)
    same = scoring.priority_ranking(inputs, (0.5, 0.25, 0.25))
    assert list(same["score"]) == pytest.approx(list(r["score"]), abs=1e-15)


def test_single_weights(inputs):
    cost_only = scoring.priority_ranking(inputs, (1, 0, 0))  # TRN 1, SEC 34/35, KS 24/35, ERP 0
    assert list(cost_only["initiative_id"]) == ["TRN", "SEC", "KS", "ERP"]
    value_only = scoring.priority_ranking(inputs, (0, 0, 5))  # KS 1, ERP 8/9, SEC 0 = TRN 0
    assert list(value_only["initiative_id"]) == ["KS", "ERP", "SEC", "TRN"]
    assert list(value_only["score"]) == pytest.approx([1, 8 / 9, 0, 0])


def test_agency_filter_applies_to_value_and_ties_go_to_smaller_id(db, f0):
    # UNDP only: C ERP 100, SEC 10, KS 0, TRN 0; B ERP 120, others 0;
    # V ERP 5, KS 3, SEC and TRN null. Scores: ERP (0 + 1 + 1)/3, KS (1 + 0 + 0)/3,
    # TRN (1 + 0 + 0)/3, SEC (0.9 + 0 + 0)/3: KS and TRN tie at 1/3 -> KS first.
    r = scoring.priority_ranking(db.query("priority_inputs", f0.with_(agencies=("UNDP",))))
    assert list(r["initiative_id"]) == ["ERP", "KS", "TRN", "SEC"]
    assert list(r["score"]) == pytest.approx([2 / 3, 1 / 3, 1 / 3, 0.3])


def test_scores_equal_to_nine_decimals_tie():
    df = pd.DataFrame({
        "initiative_id": ["Z", "A", "M"],
        "total_cost_usd": [1.0, 1.0, 1.0],
        "total_benefit_usd": [1.0, 1.0 - 1e-13, 0.0],
        "mean_relative_value": [None, None, None],
    })
    r = scoring.priority_ranking(df, (0, 1, 0))
    assert r.loc[r["initiative_id"] == "Z", "score"].item() > r.loc[
        r["initiative_id"] == "A", "score"].item()  # raw scores differ by 1e-13 ...
    assert list(r["initiative_id"]) == ["A", "Z", "M"]  # ... but tie at 9 decimals


def test_max_equal_min_normalizes_to_one():
    df = pd.DataFrame({
        "initiative_id": ["B", "A"],
        "total_cost_usd": [7.0, 7.0],
        "total_benefit_usd": [3.0, 3.0],
        "mean_relative_value": [2.0, None],
    })
    r = scoring.priority_ranking(df)
    # norm C = norm B = 1 for both; V: B 1 (only non-null value), A null -> 0
    assert list(r["initiative_id"]) == ["B", "A"]
    assert list(r["score"]) == pytest.approx([2 / 3, 1 / 3])
    assert list(r["norm_cost"]) == [1.0, 1.0]


@pytest.mark.parametrize("weights, message", [
    ((0, 0, 0), "all three weights are 0"),
    ((1, -1, 1), "benefit weight must be a number >= 0"),
    ((1, float("nan"), 1), "benefit weight"),
    ((1, 1), "exactly three weights"),
])
def test_bad_weights_are_a_clear_error(inputs, weights, message):
    with pytest.raises(scoring.AnalyticsError, match=message):
        scoring.priority_ranking(inputs, weights)


def test_empty_inputs_rank_nothing(inputs):
    r = scoring.priority_ranking(inputs.iloc[0:0])
    assert r.empty and "score" in r.columns
    assert not selection.budget_selection(r, 100).selected.any()


# --- budget selection against brute force -----------------------------------------------
def all_subsets(items: list[tuple[str, float, float]]) -> list[tuple]:
    """Every subset as (summed score rounded to 9 decimals, exact cost, sorted ids): the
    contract's rule written out independently of the code."""
    out = []
    for n in range(len(items) + 1):
        for subset in itertools.combinations(items, n):
            cost = sum((Fraction(c) for _, c, _ in subset), Fraction(0))
            score = round(sum(round(s, 9) for _, _, s in subset), 9)
            out.append((-score, cost, sorted(i for i, _, _ in subset)))
    return out


def brute_force(items, budget: float, subsets: list[tuple] | None = None) -> set[str]:
    """The best subset within the budget: highest score, then smaller cost, then the
    lexicographically smaller sorted list of ids."""
    limit = Fraction(budget)
    feasible = [k for k in (subsets or all_subsets(items)) if k[1] <= limit]
    return set(min(feasible)[2])


def make_items(seed: int, n: int = 11) -> list[tuple[str, float, float]]:
    """Random items with the awkward cases mixed in: twins (equal cost and score), cost 0
    with score 0 and with score > 0, score 0 with cost > 0, non-dyadic cents."""
    r = random.Random(seed)
    ids = r.sample([f"{c}{d}" for c in "ABCDEFGHJK" for d in "0123456789"], n)
    items = []
    for k, i in enumerate(ids):
        kind = k % 7
        if kind == 0:
            items.append((i, 0.0, 0.0))
        elif kind == 1:
            items.append((i, 0.0, round(r.random(), 6)))
        elif kind == 2:
            items.append((i, round(r.uniform(1, 50), 2), 0.0))
        else:
            items.append((i, round(r.uniform(1, 50), 2), round(r.random(), 3)))
    # twins of the first two ordinary items, under other ids
    items.append(("ZZ" + str(seed % 10), items[3][1], items[3][2]))
    items.append(("AA" + str(seed % 10), items[4][1], items[4][2]))
    return items


def as_ranking(items):
    return pd.DataFrame(items, columns=["initiative_id", "total_cost_usd", "score"])


def budgets_for(items):
    costs = sorted({c for _, c, _ in items})
    total = float(sum(Fraction(c) for _, c, _ in items))
    return sorted({0.0, total, total + 1, total / 3, total / 2, *costs,
                   costs[-1] + costs[-2] if len(costs) > 1 else 1.0})


@pytest.mark.parametrize("seed", range(8))
def test_selection_matches_brute_force(seed):
    items = make_items(seed)
    assert len(items) >= 12
    ranking = as_ranking(items)
    subsets = all_subsets(items)
    for budget in budgets_for(items):
        got = selection.budget_selection(ranking, budget)
        chosen = set(got.loc[got["selected"], "initiative_id"])
        assert chosen == brute_force(items, budget, subsets), (seed, budget)


def test_selection_ties_and_zero_items_by_hand():
    items = [
        ("B", 10.0, 0.5),
        ("C", 10.0, 0.5),  # twin of B: B wins (smaller id)
        ("A", 0.0, 0.0),  # free: before the largest chosen id -> taken
        ("Z", 0.0, 0.0),  # free: after it -> left out (the shorter list is smaller)
        ("Y", 0.0, 0.2),  # zero cost, score > 0: always taken
        ("D", 5.0, 0.0),  # score 0, cost > 0: never taken
        ("E", 20.0, 1.0),  # same score as B + C for the same cost
    ]
    ranking = as_ranking(items)

    def chosen(budget):
        s = selection.budget_selection(ranking, budget)
        return sorted(s.loc[s["selected"], "initiative_id"])

    assert chosen(0) == ["A", "Y"]
    assert chosen(10) == ["A", "B", "Y"]
    # 20: {B, C} or {E}: both score 1.0 for cost 20; sorted lists [A, B, C, Y] < [A, E, Y]
    assert chosen(20) == ["A", "B", "C", "Y"]
    assert chosen(30) == ["A", "B", "E", "Y"]
    assert chosen(1e9) == ["A", "B", "C", "E", "Y"]
    assert chosen(float("inf")) == ["A", "B", "C", "E", "Y"]


def test_selection_cost_compared_exactly():
    # 0.1 + 0.2 is more than 0.3 exactly; the budget 0.3 fits X alone (cost 0.3), not the
    # two cents that add up to 0.30000000000000004 in floating point.
    items = [("P", 0.1, 0.4), ("Q", 0.2, 0.4), ("X", 0.3, 0.5)]
    got = selection.budget_selection(as_ranking(items), 0.3)
    assert sorted(got.loc[got["selected"], "initiative_id"]) == ["X"]
    assert brute_force(items, 0.3) == {"X"}


@pytest.mark.parametrize("budget", [-1, float("nan"), "lots"])
def test_bad_budget_is_a_clear_error(budget):
    with pytest.raises(scoring.AnalyticsError, match="budget"):
        selection.budget_selection(as_ranking([("A", 1.0, 0.5)]), budget)


def test_selection_on_fixture_by_hand(inputs):
    # scores KS 73/105 (cost 60), ERP 17/27 (180), SEC 293/840 (10), TRN 1/3 (5).
    r = scoring.priority_ranking(inputs)
    # 70: KS + SEC = 1.0440 beats KS + TRN = 1.0286 (TRN too would cost 75)
    sel = selection.budget_selection(r, 70)
    assert set(sel.loc[sel["selected"], "initiative_id"]) == {"KS", "SEC"}
    summary = selection.selection_summary(sel, 70)
    assert summary["total_cost_usd"] == 70 and summary["remaining_usd"] == 0
    assert summary["total_score"] == pytest.approx(73 / 105 + 293 / 840, abs=1e-9)
    sel = selection.budget_selection(r, 75)
    assert set(sel.loc[sel["selected"], "initiative_id"]) == {"KS", "SEC", "TRN"}
    # 185: ERP + TRN (cost 185) scores only 0.9630 against KS + SEC + TRN's 1.3774
    sel = selection.budget_selection(r, 185)
    assert set(sel.loc[sel["selected"], "initiative_id"]) == {"KS", "SEC", "TRN"}


def random_inputs(n: int, seed: int) -> pd.DataFrame:
    r = random.Random(seed)
    rows = [(f"I{k:03d}", round(r.uniform(1e5, 5e7), 2), round(r.uniform(0, 8e7), 2),
             r.choice([None, 1.0, 2.0, 2.5, 3.0, 4.0, 5.0])) for k in range(n)]
    return pd.DataFrame(rows, columns=["initiative_id", "total_cost_usd", "total_benefit_usd",
                                       "mean_relative_value"])


def test_selection_of_200_initiatives_fits_and_beats_greedy():
    # Speed is measured by `python -m dashboard bench` (budget selection), not asserted here.
    ranking = scoring.priority_ranking(random_inputs(200, 7))
    total = ranking["total_cost_usd"].sum()
    for share in (0.05, 0.3, 0.6, 0.95):
        sel = selection.budget_selection(ranking, total * share)
        assert sel.loc[sel["selected"], "total_cost_usd"].sum() <= total * share
        # never worse than the greedy pick by score/cost
        room, greedy = total * share, 0
        for _, row in ranking.assign(
                ratio=ranking["score"] / ranking["total_cost_usd"]).sort_values(
                "ratio", ascending=False).iterrows():
            if row["total_cost_usd"] <= room:
                room -= row["total_cost_usd"]
                greedy += scoring.score_units(row["score"])
        assert sum(scoring.score_units(s) for s in sel.loc[sel["selected"], "score"]) >= greedy


# --- the step limit: the selection never freezes, and says how good it is -----------
def units(score: float) -> int:
    """A score in integer units of 1e-9 after rounding to 9 decimals (the contract)."""
    return int(round(round(score, 9) * 10**9))


def claimed_percent(statement: str) -> Fraction:
    m = re.fullmatch(r"within ([0-9.]+)% of the best possible score", statement)
    assert m, statement
    return Fraction(m.group(1))


HAND_STOPPED = [("A", 6.0, 0.66), ("B", 5.0, 0.5), ("C", 5.0, 0.5)]


def test_step_limit_by_hand():
    # Budget 10; by score/cost A 0.11, then B and C 0.10. With no step allowed the answer is
    # the greedy pick: A, after which neither B nor C fits (6 + 5 > 10): score 0.66. The
    # proven bound is the fractional knapsack: A + 4/5 of B = 0.66 + 0.4 = 1.06, so the
    # best possible score is at most 1.06 and 0.66 is within (1.06 - 0.66) / 1.06 =
    # 37.7...% of it: "within 38%". The best selection, B + C = 1.0, is indeed <= 1.06.
    ranking = as_ranking(HAND_STOPPED)
    sel, opt = selection.budget_answer(ranking, 10, max_steps=0)
    assert set(sel.loc[sel["selected"], "initiative_id"]) == {"A"}
    assert (opt.score_units, opt.bound_units) == (660_000_000, 1_060_000_000)
    assert not opt.optimal
    assert opt.statement() == "within 38% of the best possible score"
    assert "can score more than 1.060000000" in opt.explanation()
    assert selection.selection_note(opt).startswith(
        "The best selection found under the budget, within 38% of the best possible score")
    assert brute_force(HAND_STOPPED, 10) == {"B", "C"}
    # the selection carries its statement (through a pickle too, as a cache keeps it)
    assert selection.selection_optimality(pickle.loads(pickle.dumps(sel))) == opt
    # given the steps: the exact selection, proven
    sel, opt = selection.budget_answer(ranking, 10)
    assert set(sel.loc[sel["selected"], "initiative_id"]) == {"B", "C"}
    assert opt.optimal and opt.statement() == "optimal"
    assert opt.score_units == opt.bound_units == 1_000_000_000
    assert opt.explanation().startswith("optimal: ")
    assert selection.selection_note(opt) == "The exact best selection under the budget."


@pytest.mark.parametrize("share, text", [
    (Fraction(1, 5000), "0.02%"), (Fraction(1, 3), "34%"), (Fraction(4, 106), "3.8%"),
    (Fraction(123, 10**6), "0.013%"), (Fraction(1), "100%"), (Fraction(1, 10**9), "0.0000001%"),
])
def test_percent_rounded_up(share, text):
    assert selection.percent_up(share) == text


@pytest.mark.parametrize("seed", range(4))
def test_step_limit_bound_holds_against_brute_force(seed):
    items = make_items(seed)
    ranking = as_ranking(items)
    subsets = all_subsets(items)
    score_of = {i: units(s) for i, _, s in items}
    cost_of = {i: Fraction(c) for i, c, _ in items}
    stopped = gapped = 0
    for budget in budgets_for(items):
        best = brute_force(items, budget, subsets)
        best_units = sum(score_of[i] for i in best)
        for steps in (0, 1, 3, 10, math.inf):
            sel, opt = selection.budget_answer(ranking, budget, max_steps=steps)
            chosen = set(sel.loc[sel["selected"], "initiative_id"])
            assert sum(cost_of[i] for i in chosen) <= Fraction(budget)
            assert opt.score_units == sum(score_of[i] for i in chosen)
            assert opt.score_units <= best_units <= opt.bound_units, (seed, budget, steps)
            if opt.optimal:  # proven: exactly the contract's selection, ties included
                assert chosen == best and opt.statement() == "optimal"
            elif opt.score_units == opt.bound_units:  # the best score, a tie left open
                stopped += 1
                assert opt.score_units == best_units
                assert opt.statement() == "the best possible score (tie-break not proven)"
            else:
                stopped += 1
                gapped += 1
                gap = Fraction(opt.bound_units - opt.score_units, opt.bound_units)
                assert gap * 100 <= claimed_percent(opt.statement())
            if steps == math.inf:
                assert opt.optimal
    assert stopped > 0 and gapped > 0  # the small limits did stop some searches short


def test_200_initiatives_stop_at_the_step_limit_with_a_bound():
    # Benefit proportional to cost within 0.01%, benefit weight only: a subset-sum in
    # disguise that the exact search cannot finish quickly (the benchmark measures the
    # time at the default limit; here a small limit keeps the test cheap). The answer is
    # the same on every run and machine (steps are counted, not timed).
    r = random.Random(3)
    rows = []
    for k in range(200):
        cost = round(r.uniform(1e5, 5e7), 2)
        rows.append((f"I{k:03d}", cost, round(cost * 1.5 * (1 + r.uniform(-1e-4, 1e-4)), 2),
                     None))
    inputs = pd.DataFrame(rows, columns=["initiative_id", "total_cost_usd",
                                         "total_benefit_usd", "mean_relative_value"])
    ranking = scoring.priority_ranking(inputs, (0, 1, 0))
    budget = float(ranking["total_cost_usd"].sum()) * 0.3
    sel, opt = selection.budget_answer(ranking, budget, max_steps=2_000)
    again, opt_again = selection.budget_answer(ranking, budget, max_steps=2_000)
    assert opt == opt_again and again["selected"].equals(sel["selected"])
    assert not opt.optimal and claimed_percent(opt.statement()) < 1
    chosen = sel.loc[sel["selected"]]
    assert chosen["total_cost_usd"].map(Fraction).sum() <= Fraction(budget)
    assert opt.score_units == sum(units(s) for s in chosen["score"])


# --- efficient frontier ---------------------------------------------------------------
def _frontier_score_at(frontier_df: pd.DataFrame, budget: float) -> float:
    """The frontier's best total score at a budget (the last step at or below it)."""
    reachable = frontier_df[frontier_df["budget_usd"] <= budget]
    return float(reachable["total_score"].max()) if len(reachable) else 0.0


@pytest.mark.parametrize("seed", range(3))
def test_frontier_never_decreases_and_matches_brute_force(seed):
    items = make_items(seed)
    ranking = as_ranking(items)
    fr = selection.efficient_frontier(ranking)
    assert fr["budget_usd"].is_monotonic_increasing
    assert fr["total_score"].is_monotonic_increasing
    assert fr["total_score"].diff().dropna().gt(0).all()
    by_id = {i: s for i, _, s in items}
    subsets = all_subsets(items)
    for budget in budgets_for(items):
        best = brute_force(items, budget, subsets)
        assert _frontier_score_at(fr, budget) == pytest.approx(
            round(sum(round(by_id[i], 9) for i in best), 9), abs=1e-12)
    # each step is the selection made at that budget
    for _, step in fr.iterrows():
        sel = selection.budget_selection(ranking, step["budget_usd"])
        assert step["initiative_ids"] == ", ".join(sorted(sel.loc[sel["selected"], "initiative_id"]))


def test_frontier_levels_fallback_is_monotone(monkeypatch):
    monkeypatch.setattr(selection, "FRONTIER_LIMIT", 5)
    monkeypatch.setattr(selection, "FRONTIER_LEVELS", 9)
    items = make_items(1)
    fr = selection.efficient_frontier(as_ranking(items))
    assert len(fr) == 9
    assert fr["total_score"].is_monotonic_increasing
    subsets = all_subsets(items)
    for _, row in fr.iterrows():
        best = brute_force(items, row["budget_usd"], subsets)
        by_id = {i: s for i, _, s in items}
        assert row["total_score"] == pytest.approx(sum(round(by_id[i], 9) for i in best))


def test_frontier_under_a_step_limit_states_its_bounds():
    # 0 steps: no exact frontier, 41 budget levels each stopped at once (the greedy pick
    # and its fractional bound), kept non-decreasing; every bound holds against brute force
    items = make_items(2)
    fr = selection.efficient_frontier(as_ranking(items), max_steps=0)
    assert len(fr) == selection.FRONTIER_LEVELS
    assert fr["total_score"].is_monotonic_increasing
    subsets = all_subsets(items)
    score_of = {i: units(s) for i, _, s in items}
    for _, row in fr.iterrows():
        best = sum(score_of[i] for i in brute_force(items, row["budget_usd"], subsets))
        chosen = row["initiative_ids"].split(", ") if row["initiative_ids"] else []
        assert units(row["total_score"]) == sum(score_of[i] for i in chosen)
        assert units(row["total_score"]) <= best <= units(row["best_possible_score_at_most"])
    statement = selection.frontier_statement(fr)
    assert statement.startswith("41 evenly spaced budget levels")
    m = re.search(r"every one within ([0-9.]+)% of the best possible score", statement)
    worst = max(Fraction(units(b) - units(s), units(b))
                for s, b in zip(fr["total_score"], fr["best_possible_score_at_most"],
                                strict=True) if b > 0)
    assert m and worst * 100 <= Fraction(m.group(1))
    # with the default steps, small inputs get the exact frontier
    assert selection.frontier_statement(selection.efficient_frontier(as_ranking(items))).startswith("exact")


# --- sensitivity ----------------------------------------------------------------------
def test_weight_grid():
    grid = sensitivity.weight_grid((1, 1, 1), step=0.1)
    assert len(grid) == 27 - 2  # moving all three by +0.1 or by -0.1 scales back to equal
    assert all(abs(sum(g) - 1) < 1e-12 and min(g) >= 0 for g in grid)
    corner = sensitivity.weight_grid((1, 0, 0), step=0.5)
    assert (1.0, 0.0, 0.0) in corner and (0.5, 0.5, 0.0) in corner
    with pytest.raises(scoring.AnalyticsError):
        sensitivity.weight_grid((1, 1, 1), step=0)


def test_rank_sensitivity_on_fixture(inputs):
    # cost-only weights: TRN 1, SEC 34/35, KS 24/35, ERP 0. Moving only the value weight
    # by +0.5 -> (2/3, 0, 1/3): TRN 2/3, SEC 2/3 * 34/35 = 0.6476, KS 2/3 * 24/35 + 1/3 =
    # 0.7905, ERP 8/27 = 0.296 -> KS 1, TRN 2, SEC 3, ERP 4. Moving benefit by +0.5 ->
    # (2/3, 1/3, 0): TRN 2/3, SEC 0.6476 + 0.025 = 0.6726, KS 0.4571 + 0.1333 = 0.5905,
    # ERP 1/3 -> SEC 1, TRN 2, KS 3, ERP 4.
    s = sensitivity.rank_sensitivity(inputs, (1, 0, 0), step=0.5, top_k=2).set_index("initiative_id")
    assert s.loc["TRN", "rank"] == 1 and s.loc["ERP", "rank"] == 4
    assert s.loc["KS", "best_rank"] == 1 and s.loc["KS", "worst_rank"] == 3
    assert s.loc["KS", "spread_value"] == 2 and s.loc["KS", "spread_benefit"] == 0
    assert s.loc["KS", "most_sensitive_to"] == "value"
    assert s.loc["SEC", "spread_benefit"] == 1 and s.loc["SEC", "spread_value"] == 1
    # ERP is last at (1, 0, 0) but second at (1.5, 0.5, 0.5), i.e. equal weights
    assert s.loc["ERP", ["best_rank", "worst_rank"]].tolist() == [2, 4]
    assert s.loc["ERP", "verdict"] == "depends on the weights"
    assert s.loc["TRN", "verdict"] == "depends on the weights"
    assert s["rank_spread"].equals(s["worst_rank"] - s["best_rank"])
    assert ((s["top_k_share"] >= 0) & (s["top_k_share"] <= 1)).all()


def test_rank_sensitivity_of_a_dominant_initiative_is_robust():
    df = pd.DataFrame({
        "initiative_id": ["GOOD", "BAD", "MID"],
        "total_cost_usd": [1.0, 10.0, 5.0],
        "total_benefit_usd": [10.0, 1.0, 5.0],
        "mean_relative_value": [5.0, 1.0, 3.0],
    })
    s = sensitivity.rank_sensitivity(df, step=0.2, top_k=1).set_index("initiative_id")
    assert s.loc["GOOD", ["best_rank", "worst_rank"]].tolist() == [1, 1]
    assert s.loc["GOOD", "verdict"] == "always in top 1"
    assert s.loc["GOOD", "most_sensitive_to"] == "none"
    assert s.loc["BAD", "verdict"] == "never in top 1"



@pytest.mark.parametrize("seed", range(4))
def test_rank_sensitivity_scores_the_grid_as_ranking_each_point_would(seed):
    """The sensitivity scores the weight grid in one step; each grid point's ranks must be
    exactly those of priority_ranking at that point (the oracle), ties included (costs and
    benefits from a few values, some values missing)."""
    r = random.Random(seed)
    n = 40
    df = pd.DataFrame({
        "initiative_id": [f"I{k:02d}" for k in r.sample(range(100), n)],
        "total_cost_usd": [r.choice([1e6, 2e6, 3e6, 7.5e6]) for _ in range(n)],
        "total_benefit_usd": [r.choice([0.0, 1e6, 4e6, 9e6]) for _ in range(n)],
        "mean_relative_value": [r.choice([None, 1.0, 2.5, 5.0]) for _ in range(n)],
    })
    w = (r.random(), r.random(), r.random())
    s = sensitivity.rank_sensitivity(df, w, step=0.1, top_k=8).set_index("initiative_id")
    points = [scoring.with_tied_ranks(scoring.priority_ranking(df, g)).set_index("initiative_id")
              for g in sensitivity.weight_grid(w, 0.1)]
    # best and worst as a reader is shown ranks (equal scores share one) ...
    ranks = pd.concat([p["rank_with_ties"] for p in points], axis=1)
    assert s["best_rank"].to_dict() == ranks.min(axis=1).to_dict()
    assert s["worst_rank"].to_dict() == ranks.max(axis=1).to_dict()
    # ... and a place in the top eight as the model's top eight counts it (ties by code)
    order = pd.concat([p["rank"] for p in points], axis=1)
    share = (order <= 8).sum(axis=1) / len(points)
    assert s["top_k_share"].to_dict() == share.to_dict()
    chosen = scoring.with_tied_ranks(scoring.priority_ranking(df, w)).set_index("initiative_id")
    assert s["rank"].to_dict() == chosen["rank_with_ties"].to_dict()

# --- NPV and payback ------------------------------------------------------------------
def test_portfolio_npv_and_payback_by_hand(db, f0):
    # nets: 2005 -190, 2006 +90, 2007 +140; y0 = 2005; cumulative -190, -100, +40
    cf = db.query("cashflow_by_year", f0, discount_rate=0.05)
    assert finance.npv(cf) == pytest.approx(-190 + 90 / 1.05 + 140 / 1.05**2, abs=1e-9)
    assert finance.payback_year(cf) == 2007
    assert finance.npv(db.query("cashflow_by_year", f0, discount_rate=0.0)) == pytest.approx(40)
    # years 2006-2007: y0 = 2006, nets 90 and 140
    cf = db.query("cashflow_by_year", f0.with_(year_from=2006, year_to=2007), discount_rate=0.05)
    assert finance.npv(cf) == pytest.approx(90 + 140 / 1.05)
    assert finance.payback_year(cf) == 2006
    cf = db.query("cashflow_by_year", f0, discount_rate=0.05)
    assert finance.benefit_cost_ratio(cf["benefit_usd"].sum(), cf["cost_usd"].sum()) == pytest.approx(
        295 / 255)
    assert finance.payback_year(cf) == 2007


def test_payback_never_and_empty():
    never = pd.DataFrame({"fiscal_year": [2005, 2006], "net_usd": [-5.0, 1.0],
                          "discounted_net_usd": [-5.0, 1.0]})
    assert finance.payback_year(never) is None
    empty = never.iloc[0:0]
    assert finance.payback_year(empty) is None and finance.npv(empty) == 0
    # float noise does not decide: 0.1 + 0.2 - 0.3 is 5.5e-17 in floating point
    noisy = pd.DataFrame({"fiscal_year": [2001, 2002, 2003], "net_usd": [-0.3, 0.1, 0.2]})
    assert finance.payback_year(noisy) == 2003


def test_financial_measures_per_initiative_by_hand(db, f0):
    # y0 = 2005 for all (the portfolio's first year):
    # ERP nets -150, +90, +80; KS -40, +10, +50; SEC 2006 -10, 2007 +15; TRN 2007 -5.
    d = 1.05
    kept = db.query("cost_by_initiative", f0)
    m = finance.financial_measures(kept, db.query("cashflow_by_initiative_year", f0,
                                            discount_rate=0.05)).set_index("initiative_id")
    assert m.loc["ERP", "npv_usd"] == pytest.approx(-150 + 90 / d + 80 / d**2)
    assert m.loc["KS", "npv_usd"] == pytest.approx(-40 + 10 / d + 50 / d**2)
    assert m.loc["SEC", "npv_usd"] == pytest.approx(-10 / d + 15 / d**2)
    assert m.loc["TRN", "npv_usd"] == pytest.approx(-5 / d**2)
    assert m["payback_year"].tolist()[:3] == [2007, 2007, 2007]
    assert pd.isna(m.loc["TRN", "payback_year"])
    assert m.loc["ERP", "benefit_cost_ratio"] == pytest.approx(200 / 180)
    assert m.loc["TRN", "benefit_cost_ratio"] == 0
    # the initiatives' NPVs add up to the portfolio's
    portfolio = finance.npv(db.query("cashflow_by_year", f0, discount_rate=0.05))
    assert m["npv_usd"].sum() == pytest.approx(portfolio)


def test_financial_measures_of_an_initiative_without_rows(db, f0):
    # KS has no UNDP cost or benefit rows: NPV 0, no payback, no ratio
    f = f0.with_(agencies=("UNDP",))
    m = finance.financial_measures(db.query("cost_by_initiative", f),
                             db.query("cashflow_by_initiative_year", f, discount_rate=0.05))
    ks = m.set_index("initiative_id").loc["KS"]
    assert ks["npv_usd"] == 0 and pd.isna(ks["payback_year"]) and pd.isna(ks["benefit_cost_ratio"])


# --- what changed ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_db(tmp_path_factory, open_database):
    d = tmp_path_factory.mktemp("two-snapshots")
    fixture_data.build_two(d)
    return open_database(d)


def changes(two_db, **filters):
    before = two_db.query("initiative_summary",
                          Filters(snapshot=fixture_data.EARLIER_AS_OF, **filters))
    after = two_db.query("initiative_summary",
                         Filters(snapshot=fixture_data.FIXTURE_AS_OF, **filters))
    return comparison.compare_snapshots(before, after)


def test_compare_snapshots_by_hand(two_db):
    c = changes(two_db).set_index("initiative_id")
    assert list(c.index) == ["ERP", "KS", "OLD", "SEC", "TRN"]
    assert c["status"].to_dict() == {"ERP": "changed", "KS": "changed", "OLD": "removed",
                                     "SEC": "unchanged", "TRN": "added"}
    assert c.loc["ERP", ["cost_before_usd", "cost_after_usd", "cost_change_usd"]].tolist() == [
        155, 180, 25]
    assert c.loc["ERP", "cost_change_pct"] == pytest.approx(25 / 155 * 100)
    assert c.loc["ERP", ["orgs_committed_before", "orgs_committed_after",
                         "orgs_committed_change"]].tolist() == [1, 2, 1]
    assert c.loc["ERP", "agency_pledged_change_usd"] == 50
    assert c.loc["KS", ["benefit_before_usd", "benefit_after_usd",
                        "benefit_change_usd"]].tolist() == [70, 80, 10]
    assert c.loc["KS", ["paid_contributions_before_usd",
                        "paid_contributions_after_usd"]].tolist() == [0, 60]
    assert pd.isna(c.loc["TRN", "cost_before_usd"]) and c.loc["TRN", "cost_change_usd"] == 5
    assert pd.isna(c.loc["OLD", "cost_after_usd"]) and c.loc["OLD", "cost_change_usd"] == -35
    assert c.loc["OLD", "name"] == "Legacy systems"
    # the changes add up to the portfolio's: cost 260 -> 255, benefit 285 -> 295
    assert c["cost_change_usd"].sum() == -5
    assert c["benefit_change_usd"].sum() == 10


def test_compare_applies_the_filters_to_both_snapshots(two_db):
    c = changes(two_db, initiatives=("ERP",))
    assert c["initiative_id"].tolist() == ["ERP"]
    assert c["cost_change_usd"].tolist() == [25]


def test_change_summary_by_hand(two_db):
    lines = comparison.change_summary(changes(two_db), "2005-07-01")
    assert lines == [
        "ICT training: new since 2005-07-01 (cost $5.00, benefit $0)",
        "Legacy systems: no longer in the portfolio since 2005-07-01 (cost was $35)",
        "Knowledge-sharing: paid contributions up $60 (from $0) since 2005-07-01",
        "Enterprise resource planning systems: organizations' pledged shares up 14% (+$50) since 2005-07-01",
        "Enterprise resource planning systems: cost estimate up 16% (+$25) since 2005-07-01",
        "Knowledge-sharing: expected benefit up 14% (+$10) since 2005-07-01",
        "Enterprise resource planning systems: committed organizations 1 → 2 since 2005-07-01",
    ]
    assert comparison.change_summary(changes(two_db), "2005-07-01", top_n=1)[2].startswith(
        "Knowledge-sharing: paid")


def test_change_summary_in_french(two_db):
    # the lines above, by hand in French: the date in words, the amounts as the French
    # formatter writes them, each line one message (name, what, direction, change, date)
    from dashboard.lang.translate import language

    nb = "\u00a0"
    with language("fr"):
        lines = comparison.change_summary(changes(two_db), "2005-07-01")
    assert lines[0] == (f"ICT training{nb}: nouvelle depuis le 1er\u00a0juillet\u00a02005 (coût 5,00{nb}$US, "
                        f"avantage 0{nb}$US)")
    assert lines[2] == (f"Knowledge-sharing{nb}: contributions versées en hausse de 60{nb}$US "
                        f"(partant de 0{nb}$US) depuis le 1er\u00a0juillet\u00a02005")
    assert lines[4] == (f"Enterprise resource planning systems{nb}: estimation des coûts en "
                        f"hausse de 16{nb}% (+25{nb}$US) depuis le 1er\u00a0juillet\u00a02005")


def test_change_summary_with_no_change(db, f0):
    same = db.query("initiative_summary", f0)
    c = comparison.compare_snapshots(same, same)
    assert set(c["status"]) == {"unchanged"}
    assert comparison.change_summary(c, "2006-01-01") == [
        "No change in cost, benefit, commitments or funding since 2006-01-01."]


def test_selection_summary_of_nothing(inputs):
    sel = selection.budget_selection(scoring.priority_ranking(inputs.iloc[0:0]), 10)
    assert sel.empty and sel["selected"].dtype == bool
    assert selection.selection_summary(sel, 10) == {"budget_usd": 10.0, "selected": 0,
                                            "total_cost_usd": 0.0, "total_score": 0.0,
                                            "remaining_usd": 10.0}


def test_change_summary_names_long_initiatives_apart():
    # twelve 130-character names that differ only by "number i" mid-sentence (the odd
    # data): each line names its initiative within 60 characters, its number kept
    long = ("Harmonized enterprise-wide information and communication technology platform "
            "for common services, number {i}, across the whole United Nations system")
    c = pd.DataFrame({  # and one removed, whose name is unlike theirs
        "initiative_id": [*[f"INIT{i:02d}" for i in range(12)], "ONLY"],
        "name": [*[long.format(i=i) for i in range(12)], "The only initiative"],
        "status": ["added"] * 12 + ["removed"],
    })
    for stem in [*comparison.PHRASES, "orgs_committed"]:
        for col in comparison.compared_columns(stem):
            c[col] = 1.0
    lines = comparison.change_summary(c, "2005-07-01")
    assert lines[12].startswith("The only initiative: no longer")
    names = [line.split(": new since")[0] for line in lines[:12]]
    assert len(set(names)) == 12 and all(len(n) <= comparison.SUMMARY_NAME_CHARS for n in names)
    for i, n in enumerate(names):
        assert n.startswith("Harmonized") and f"number {i}" in n, n


def test_the_selection_note_in_french():
    # 1/5000 rounded up to two significant digits: 0.02 %, with the French decimal comma
    from fractions import Fraction

    from dashboard.analysis.selection import percent_up, selection_note
    from dashboard.lang.translate import language

    with language("fr"):
        assert percent_up(Fraction(1, 5000)) == "0,02\u00a0%"
        assert selection_note(None) == "La meilleure sélection exacte dans les limites du budget."
    assert percent_up(Fraction(1, 5000)) == "0.02%"
