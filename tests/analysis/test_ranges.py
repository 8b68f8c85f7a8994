"""The ranges' analytics (dashboard/analysis/ranges.py), worked by hand or against an
independent calculation written here (the quantile formula of data/README.md, "Ranges",
a numerical convolution, a grid integral), never against the module's own output.

The hand-worked initiative is the fixture's KS (tests/fixture_data.py) with the
fixture's factors (medium benefits 0.5..1.5, every other class the default):
  costs    40 one-off 2005, 20 recurring 2006; benefits 30 low 2006, 50 medium 2007
  (defaults: one-off 0.95..1.60, recurring 0.95..1.25, low 0.20..1.30)
  expected cost    40 * 3.55/3 + 20 * 3.20/3 = 47.3333 + 21.3333 = 68.6667
  expected benefit 30 * 2.50/3 + 50 * 3.00/3 = 25 + 50 = 75
  q(0.1): low 0.2 + sqrt(0.1*1.1*0.8) = 0.496648 (c = 0.727); medium 0.5 + sqrt(0.1*1*0.5)
  = 0.723607 (c = 0.5); one-off (c = 0.0769 < 0.1) 1.6 - sqrt(0.9*0.65*0.6) = 1.007547;
  recurring (c = 0.1667) 0.95 + sqrt(0.1*0.3*0.05) = 0.988730
  q(0.9): low 1.3 - sqrt(0.1*1.1*0.3) = 1.118341; medium 1.5 - sqrt(0.1*1*0.5) = 1.276393;
  one-off 1.6 - sqrt(0.1*0.65*0.6) = 1.402516; recurring 1.25 - sqrt(0.1*0.3*0.25) = 1.163397
  P10 benefit 30*0.496648 + 50*0.723607 = 14.89944 + 36.18034 = 51.07978
  P90 benefit 30*1.118341 + 50*1.276393 = 33.55023 + 63.81966 = 97.36989
  P10 cost    40*1.007547 + 20*0.988730 = 40.30189 + 19.77460 = 60.07649
  P90 cost    40*1.402516 + 20*1.163397 = 56.10063 + 23.26795 = 79.36858
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import ranges, scoring
from dashboard.contract.schema import RANGE_DEFAULTS

DEFAULTS = {(d.side, d.range_class): (d.low_factor, d.high_factor) for d in RANGE_DEFAULTS}


def factors(**overrides: tuple[float, float]) -> pd.DataFrame:
    """The factors of every class: the defaults, with e.g. medium=(0.5, 1.5) replaced."""
    rows = []
    for (side, cls), (lo, hi) in DEFAULTS.items():
        lo, hi = overrides.get(cls, (lo, hi))
        rows.append((side, cls, lo, hi))
    return pd.DataFrame(rows, columns=list(ranges.FACTOR_COLUMNS))


def lines(rows: list[tuple], rate: float = 0.05, y0: int = 2005) -> pd.DataFrame:
    """(initiative, side, class, year, amount) rows, discounted to y0 by hand's formula."""
    return pd.DataFrame([(*r, r[4] / (1 + rate) ** (r[3] - y0)) for r in rows],
                        columns=list(ranges.LINE_COLUMNS))


KS = [("KS", "cost", "one_off", 2005, 40.0), ("KS", "cost", "recurring", 2006, 20.0),
      ("KS", "benefit", "low", 2006, 30.0), ("KS", "benefit", "medium", 2007, 50.0)]
FIXTURE_FACTORS = {"medium": (0.5, 1.5)}


def tri_q(u: float, a: float, m: float, b: float) -> float:
    """The quantile of Tri(a, m, b) as data/README.md writes it (written again here)."""
    if b == a:
        return a
    c = (m - a) / (b - a)
    if u <= c:
        return a + math.sqrt(u * (b - a) * (m - a))
    return b - math.sqrt((1 - u) * (b - a) * (b - m))


# --- the triangular distribution ---------------------------------------------------------


def test_the_quantile_of_the_issue():
    assert float(ranges.tri_quantile(0.1, 0.2, 1.0, 1.3)) == pytest.approx(0.4966, abs=5e-5)
    assert float(ranges.tri_quantile(0.1, 0.2, 1.0, 1.3)) == pytest.approx(
        0.2 + math.sqrt(0.1 * 1.1 * 0.8), rel=1e-12)


@pytest.mark.parametrize("u", [0.0, 0.05, 0.1, 0.5, 0.727, 0.7273, 0.9, 1.0])
@pytest.mark.parametrize(("lo", "hi"), [(0.2, 1.3), (0.95, 1.6), (0.85, 1.1), (1.0, 1.0),
                                        (0.0, 10.0), (1.0, 2.0), (0.5, 1.0)])
def test_quantile_both_ways_agree_with_the_formula(u, lo, hi):
    expected = tri_q(u, lo, 1.0, hi)
    assert float(ranges.tri_quantile(u, lo, 1.0, hi)) == pytest.approx(expected, abs=1e-12)
    got = ranges.class_quantile(np.array([[u]]), lo, hi)[0, 0]
    assert got == pytest.approx(expected, abs=1e-12)


def test_the_mean():
    assert ranges.tri_mean(0.2, 1.0, 1.3) == pytest.approx(2.5 / 3)
    assert ranges.tri_mean(30 * 0.2, 30.0, 30 * 1.3) == pytest.approx(25.0)


# --- exact figures of one initiative -----------------------------------------------------


def ks_figures() -> pd.Series:
    x = ranges.inputs(["KS"], lines(KS), factors(**FIXTURE_FACTORS))
    return ranges.initiative_figures(x).iloc[0]


def test_expected_p10_p90_of_an_initiative_by_hand():
    r = ks_figures()
    assert r["cost_stated_usd"] == pytest.approx(60.0)
    assert r["benefit_stated_usd"] == pytest.approx(80.0)
    assert r["cost_expected_usd"] == pytest.approx(68.6667, abs=1e-4)
    assert r["benefit_expected_usd"] == pytest.approx(75.0)
    assert r["benefit_p10_usd"] == pytest.approx(51.07978, abs=1e-4)
    assert r["benefit_p90_usd"] == pytest.approx(97.36989, abs=1e-4)
    assert r["cost_p10_usd"] == pytest.approx(60.07649, abs=1e-4)
    assert r["cost_p90_usd"] == pytest.approx(79.36858, abs=1e-4)


def test_downside_and_upside_npv_by_hand():
    """y0 2005, rate 5%: benefit 30 in 2006, 50 in 2007; cost 40 in 2005, 20 in 2006.
    stated   30/1.05 + 50/1.05^2 - 40 - 20/1.05                       = 14.87528
    downside 30*0.496648/1.05 + 50*0.723607/1.05^2 - 40*1.402516 - 20*1.163397/1.05
             = 14.19000 + 32.81664 - 56.10063 - 22.15995             = -31.25394
    upside   30*1.118341/1.05 + 50*1.276393/1.05^2 - 40*1.007547 - 20*0.988730/1.05
             = 31.95260 + 57.88630 - 40.30189 - 18.83295             =  30.70406"""
    r = ks_figures()
    assert r["npv_stated_usd"] == pytest.approx(14.87528, abs=1e-4)
    assert r["npv_downside_usd"] == pytest.approx(-31.25394, abs=1e-4)
    assert r["npv_upside_usd"] == pytest.approx(30.70406, abs=1e-4)


def test_an_initiative_without_lines_has_zeros():
    x = ranges.inputs(["AAA", "KS"], lines(KS), factors())
    r = ranges.initiative_figures(x).set_index("initiative_id").loc["AAA"]
    assert (r == 0).all()


def test_lines_of_one_class_in_several_rows_add_up():
    """Two rows of one class and year (e.g. two organizations' lines) give what their sum
    gives: the quantile is linear in the amount within a class."""
    split = [("KS", "cost", "one_off", 2005, 10.0), ("KS", "cost", "one_off", 2005, 30.0),
             *KS[1:]]
    a = ranges.initiative_figures(ranges.inputs(["KS"], lines(split), factors()))
    b = ranges.initiative_figures(ranges.inputs(["KS"], lines(KS), factors()))
    pd.testing.assert_frame_equal(a, b)


# --- the tornado -------------------------------------------------------------------------


def test_tornado_order_and_values_by_hand():
    """Three initiatives, rate 0, one year, every line a one-off cost or a high benefit:
    A: cost 100 -> swing = 100*(q90 - q10) of one-off = 100*(1.402516 - 1.007547) = 39.4969
    B: benefit 200 high: q(0.1) = 0.85 + sqrt(0.1*0.25*0.15) = 0.911237, q(0.9) = 1.1 -
       sqrt(0.1*0.25*0.1) = 1.05; swing = 200*(1.05 - 0.911237) = 27.7526
    C: cost 100 as A (a tie with A: A first, by id); D: no lines, swing 0.
    Portfolio NPV stated 200 - 200 = 0; A's worse = 0 - (-100) + (-140.2516) = -40.2516."""
    rows = [("A", "cost", "one_off", 2005, 100.0), ("B", "benefit", "high", 2005, 200.0),
            ("C", "cost", "one_off", 2005, 100.0)]
    x = ranges.inputs(["D", "C", "B", "A"], lines(rows, rate=0.0), factors())
    t = ranges.npv_tornado(ranges.initiative_figures(x), {"A": "Alpha"})
    assert list(t.columns) == ranges.TORNADO_COLUMNS
    assert list(t["initiative_id"]) == ["A", "C", "B", "D"]
    assert list(t["name"]) == ["Alpha", "C", "B", "D"]
    assert t["swing_usd"].tolist() == pytest.approx([39.4969, 39.4969, 27.7526, 0.0], abs=1e-4)
    a = t.iloc[0]
    assert a["npv_if_worse_usd"] == pytest.approx(-40.2516, abs=1e-4)
    assert a["npv_if_better_usd"] == pytest.approx(-0.7547, abs=1e-4)


# --- the simulation against independent calculations -----------------------------------


def _benefit_of(rows: list[tuple], u: np.ndarray) -> np.ndarray:
    """An initiative's benefit when every benefit line sits at quantile u (the test's own
    formula, line by line)."""
    out = np.zeros_like(u)
    for _, side, cls, _, amount in rows:
        if side == "benefit":
            lo, hi = {**DEFAULTS, ("benefit", "medium"): (0.5, 1.5)}[(side, cls)]
            out += np.array([amount * tri_q(v, lo, 1.0, hi) for v in u])
    return out


def test_one_initiative_simulated_p10_p90_equal_the_exact_ones():
    """One initiative: the portfolio is that initiative, so the simulated P10 of its
    benefit is its benefit at u = 0.10 up to simulation error (20,000 draws: the sample's
    10th percentile lies within u = 0.10 +- 0.01 far beyond doubt), and the same for the
    P90 and for cost."""
    x = ranges.inputs(["KS"], lines(KS), factors(**FIXTURE_FACTORS))
    sim = ranges.simulate(x)
    p = ranges.portfolio(x, sim).set_index("metric")
    for metric, exact_p10, exact_p90 in (("total_benefit_usd", 51.07978, 97.36989),
                                         ("total_cost_usd", 60.07649, 79.36858)):
        side = "benefit" if metric == "total_benefit_usd" else "cost"
        assert _side_at(side, 0.09) < p.at[metric, "p10"] < _side_at(side, 0.11)
        assert p.at[metric, "p10"] == pytest.approx(exact_p10, rel=0.02)
        assert _side_at(side, 0.89) < p.at[metric, "p90"] < _side_at(side, 0.91)
        assert p.at[metric, "p90"] == pytest.approx(exact_p90, rel=0.02)


def _side_at(side: str, u: float) -> float:
    f = {**DEFAULTS, ("benefit", "medium"): (0.5, 1.5)}
    return sum(a * tri_q(u, f[(s, c)][0], 1.0, f[(s, c)][1])
               for _, s, c, _, a in KS if s == side)


def test_one_initiative_probability_of_a_positive_npv_against_a_grid_integral():
    """P(NPV > 0) of KS: the share of a 600 x 600 grid of (u_benefit, u_cost) midpoints
    where its NPV is positive, against the simulation (within 0.015: 20,000 draws give a
    standard error of about 0.0035)."""
    f = {**DEFAULTS, ("benefit", "medium"): (0.5, 1.5)}
    grid = (np.arange(600) + 0.5) / 600
    disc = {2005: 1.0, 2006: 1 / 1.05, 2007: 1 / 1.05 ** 2}
    b = sum(a * disc[y] * np.array([tri_q(v, f[(s, c)][0], 1.0, f[(s, c)][1]) for v in grid])
            for _, s, c, y, a in KS if s == "benefit")
    cost = sum(a * disc[y] * np.array([tri_q(v, f[(s, c)][0], 1.0, f[(s, c)][1]) for v in grid])
               for _, s, c, y, a in KS if s == "cost")
    exact = float((b[:, None] - cost[None, :] > 0).mean())
    x = ranges.inputs(["KS"], lines(KS), factors(**FIXTURE_FACTORS))
    sim = ranges.simulate(x)
    assert sim.p_npv_positive[0] == pytest.approx(exact, abs=0.015)
    npv_row = ranges.portfolio(x, sim).set_index("metric").loc["npv_usd"]
    assert npv_row["p_above_break_even"] == pytest.approx(exact, abs=0.015)


def test_two_initiatives_against_a_numerical_convolution():
    """Two independent initiatives: the distribution of their summed benefit by
    convolving each one's distribution on a fine grid (each from 100,000 equally likely
    quantiles, binned at $0.05); the simulated P10, P50 and P90 must sit at cumulative
    probabilities 0.10, 0.50, 0.90 within 0.01."""
    a = [("A", "benefit", "low", 2005, 30.0), ("A", "benefit", "medium", 2006, 50.0)]
    b = [("B", "benefit", "high", 2005, 60.0), ("B", "benefit", "low", 2007, 20.0)]
    u = (np.arange(100_000) + 0.5) / 100_000
    h = 0.05
    size = int(200 / h)
    pmfs = []
    for rows in (a, b):
        values = _fast_benefit(rows, u)  # checked against tri_q below
        pmfs.append(np.bincount(np.floor(values / h).astype(int), minlength=size)[:size]
                    / len(u))
    total = np.convolve(pmfs[0], pmfs[1])
    cdf = np.cumsum(total)
    x = ranges.inputs(["A", "B"], lines(a + b), factors(**FIXTURE_FACTORS))
    p = ranges.portfolio(x, ranges.simulate(x)).set_index("metric")
    for col, level in (("p10", 0.10), ("p50", 0.50), ("p90", 0.90)):
        value = p.at["total_benefit_usd", col]
        # the bins are [k h, (k+1) h): the sum of two bins' left edges is <= the true sum
        at = cdf[int(np.floor(value / h)) - 1]
        assert abs(at - level) < 0.01, (col, value, at)


def _fast_benefit(rows: list[tuple], u: np.ndarray) -> np.ndarray:
    """_benefit_of with the quantile formula in numpy (the same formula as tri_q)."""
    f = {**DEFAULTS, ("benefit", "medium"): (0.5, 1.5)}
    out = np.zeros_like(u)
    for _, side, cls, _, amount in rows:
        lo, hi = f[(side, cls)]
        c = (1 - lo) / (hi - lo)
        q = np.where(u <= c, lo + np.sqrt(u * (hi - lo) * (1 - lo)),
                     hi - np.sqrt((1 - u) * (hi - lo) * (hi - 1)))
        out += amount * q
    return out


def test_fast_benefit_is_the_formula():
    u = np.array([0.01, 0.3, 0.75, 0.99])
    rows = [("A", "benefit", "low", 2005, 30.0), ("A", "benefit", "medium", 2006, 50.0)]
    assert _fast_benefit(rows, u) == pytest.approx(_benefit_of(rows, u))


# --- the top-eight share -----------------------------------------------------------------


def test_score_over_draws_is_the_priority_score():
    """score_rows and top_k_rows give, draw by draw, priority_ranking's scores and top
    eight (ties included: equal costs, equal benefits, a null V)."""
    rng = np.random.default_rng(7)
    ids = [f"I{k:02d}" for k in range(12)]
    value = pd.Series([3.0, None, 4.5, 1.0, 3.0, 2.0, 5.0, 1.5, 3.0, 3.0, None, 4.0])
    for _ in range(25):
        cost = rng.choice([10.0, 20.0, 35.5], size=(1, 12))
        benefit = rng.choice([0.0, 50.0, 80.0, 120.25], size=(1, 12))
        w = tuple(rng.choice([0.0, 1.0, 2.0], size=3)) if _ else (1, 1, 1)
        if sum(w) == 0:
            w = (1, 0, 0)
        norm_v = scoring.minmax(value).fillna(0.0).to_numpy()
        got = scoring.score_rows(cost, benefit, norm_v, w)[0]
        r = scoring.priority_ranking(pd.DataFrame({
            "initiative_id": ids, "total_cost_usd": cost[0], "total_benefit_usd": benefit[0],
            "mean_relative_value": value}), w)
        want = r.set_index("initiative_id").loc[ids, "score"].to_numpy()
        assert got == pytest.approx(want, abs=1e-15)
        top = sorted(ids[k] for k in scoring.top_k_rows(got[None, :], 8)[0])
        assert top == sorted(r.loc[r["rank"] <= 8, "initiative_id"])


def test_top_eight_share_of_fixed_estimates_is_the_ranking():
    """Every factor 1 (no range): every draw is the stated portfolio, so the share is 1
    for priority_ranking's top eight and 0 for the ninth."""
    ids = [f"I{k}" for k in range(9)]
    rows = [(i, "cost", "one_off", 2005, 10.0 * (k + 1)) for k, i in enumerate(ids)]
    rows += [(i, "benefit", "high", 2005, 100.0) for i in ids]
    ones = {c: (1.0, 1.0) for (_, c) in DEFAULTS}
    x = ranges.inputs(ids, lines(rows), factors(**ones))
    share = ranges.top_eight_share(x, [1.0] * 9, draws=300)
    assert share.tolist() == [1.0] * 8 + [0.0]


def test_eight_or_fewer_initiatives_are_all_in_the_top_eight():
    x = ranges.inputs(["KS"], lines(KS), factors())
    assert ranges.top_eight_share(x, [None], draws=50).tolist() == [1.0]


def test_weights_that_cannot_rank_give_no_share():
    x = ranges.inputs(["KS"], lines(KS), factors())
    assert ranges.top_eight_share(x, [None], weights=(0, 0, 0), draws=50) is None
    assert ranges.top_eight_share(x, [None], weights=None, draws=50) is None


def test_top_eight_share_moves_with_the_ranges():
    """Nine initiatives, the weights all on cost (the top eight are the eight cheapest):
    I0..I7 cost 10..80 as one-off lines of range 1.0..1.5, I8 costs 90, fixed. I8 is in
    the top eight exactly when another one costs more than 90: I7 (80 q > 90, q > 1.125:
    P = ((1.5 - 1.125) / 0.5)^2 = 0.5625) or I6 (70 q > 90, q > 9/7: P = ((1.5 - 9/7) /
    0.5)^2 = 0.18367); I5 and below never reach 90. So I8's share is
    1 - (1 - 0.5625)(1 - 0.18367) = 0.64286, and the shares add up to 8."""
    ids = [f"I{k}" for k in range(9)]
    rows = [(i, "cost", "one_off" if k < 8 else "recurring", 2005, 10.0 * (k + 1))
            for k, i in enumerate(ids)]
    rows += [(i, "benefit", "high", 2005, 100.0) for i in ids]
    x = ranges.inputs(ids, lines(rows), factors(one_off=(1.0, 1.5), recurring=(1.0, 1.0),
                                                 high=(1.0, 1.0)))
    share = ranges.top_eight_share(x, [1.0] * 9, weights=(1, 0, 0))
    assert share[8] == pytest.approx(0.64286, abs=0.015)
    assert share[:6].tolist() == [1.0] * 6
    assert share.sum() == pytest.approx(8.0)


# --- reproducible --------------------------------------------------------------------------


def test_same_inputs_same_figures_in_any_block_size():
    rows = KS + [("A", "benefit", "low", 2005, 30.0), ("A", "cost", "recurring", 2006, 9.0)]
    x = ranges.inputs(["A", "KS"], lines(rows), factors())
    one = ranges.simulate(x, draws=3_000)
    two = ranges.simulate(x, draws=3_000)
    other_blocks = ranges.simulate(x, draws=3_000, block=7, workers=1)
    for s in (two, other_blocks):
        for m in ranges.METRICS:
            np.testing.assert_array_equal(one.totals[m], s.totals[m])
        np.testing.assert_array_equal(one.p_npv_positive, s.p_npv_positive)
    assert ranges.simulate(x, draws=3_000, seed=1).totals["npv_usd"][0] != \
        one.totals["npv_usd"][0]


def test_the_top_eight_share_replays_the_simulations_draws():
    """Nine initiatives, weights all on cost: only I0 has a range (80 one-off, 1.0..1.5);
    I1..I7 cost 10..70 and I8 90, fixed. I8 is in the top eight exactly in the draws where
    I0 costs more than 90, i.e. where the portfolio's cost exceeds 90 + 280 + 90: the two
    functions must see the same draws (in any block size)."""
    ids = [f"I{k}" for k in range(9)]
    rows = [("I0", "cost", "one_off", 2005, 80.0)]
    rows += [(f"I{k}", "cost", "recurring", 2005, 10.0 * k) for k in range(1, 8)]
    rows += [("I8", "cost", "recurring", 2005, 90.0)]
    x = ranges.inputs(ids, lines(rows), factors(one_off=(1.0, 1.5), recurring=(1.0, 1.0)))
    sim = ranges.simulate(x, draws=5_000)
    share = ranges.top_eight_share(x, [None] * 9, weights=(1, 0, 0), draws=5_000, block=9)
    assert share[8] == float((sim.totals["total_cost_usd"] > 90 + 280 + 90).mean())
    assert 0.4 < share[8] < 0.7  # P(q > 1.125) = ((1.5 - 1.125) / 0.5)^2 = 0.5625


def test_the_share_in_the_simulations_pass_is_the_replayed_one():
    """simulate(..., weights) computes the top-eight share in its own pass; replayed alone
    (top_eight_share) it is the same, number for number, in any block size."""
    rng = np.random.default_rng(3)
    ids = [f"I{k:02d}" for k in range(12)]
    rows = [(i, side, cls, 2005 + k % 3, float(rng.uniform(1, 100)))
            for k, i in enumerate(ids)
            for side, cls in (("cost", "one_off"), ("cost", "recurring"), ("benefit", "low"),
                              ("benefit", "high"))]
    x = ranges.inputs(ids, lines(rows), factors())
    values = [float(v) for v in rng.integers(1, 6, 12)]
    for w in ((1, 1, 1), (0.2, 0.7, 0.1)):
        sim = ranges.simulate(x, values, w, draws=2_000)
        alone = ranges.top_eight_share(x, values, w, draws=2_000, block=33, workers=1)
        np.testing.assert_array_equal(sim.share_in_top8, alone)
        assert sim.top8_weights == scoring.normalize_weights(w)
        assert 0 < alone.min() < 1 or alone.max() == 1


def test_the_documented_seed_and_draws():
    assert ranges.DRAWS == 20_000
    assert ranges.SEED == 60_323


def test_an_empty_portfolio():
    x = ranges.inputs([], lines([]), factors())
    p = ranges.portfolio(x, ranges.simulate(x, draws=100)).set_index("metric")
    assert p.at["total_cost_usd", "stated"] == 0
    assert p.at["total_cost_usd", "p10"] == 0
    assert pd.isna(p.at["benefit_cost_ratio", "stated"])
    assert pd.isna(p.at["benefit_cost_ratio", "p50"])
    assert p.at["npv_usd", "p_above_break_even"] == 0
    assert pd.isna(p.at["total_cost_usd", "p_above_break_even"])
    assert list(p.reset_index().columns) == ranges.PORTFOLIO_COLUMNS
