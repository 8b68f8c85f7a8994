"""Ranges: how sure each figure is (data/README.md, "Ranges: how sure each figure is";
data contract version 3). Pure numpy and pandas, no DuckDB.

Every cost and benefit line of stated amount A is a triangular distribution
Tri(A * low_factor, A, A * high_factor), the factors those of its class
(queries/range_factors.sql: the snapshot's `ranges` row, else the contract's default,
schema.RANGE_DEFAULTS). Its quantile is Q(u) = A * q(u), q the class's quantile at A = 1,
so the lines of one (initiative, side, class) at one u add up to (their summed A) * q(u):
queries/range_lines.sql sums them per (initiative, side, class, fiscal year) first, exactly,
and this module works on those sums (a few per initiative, however many lines there are).

- exact figures per initiative (`initiative_figures`): stated, expected (the sum of the
  lines' means), P10 and P90 of cost and benefit (all lines of one side of an initiative
  move together: its P10 is the sum of its lines' Q(0.10)); the NPV stated, at its downside
  (benefits at Q(0.10), costs at Q(0.90)) and at its upside (the reverse);
- the NPV tornado (`npv_tornado`);
- the portfolio simulation (`simulate`): DRAWS draws from a generator seeded with SEED, one
  u ~ Uniform(0, 1) per initiative and side per draw, drawn in blocks of (draws, side,
  initiative) in initiative_id order (benefit first); every line at its drawn quantile in
  its own fiscal year. The same inputs give the same figures. `top_eight_share` replays
  the same draws for the priority score (so a change of weights redoes only that part,
  and a change of discount rate only the rest).

The NPV is that of data/README.md ("Headline figures"): the sum over years of the net
discounted to y0; each line's discounted amount comes from the query, discounted by the
macros of queries/_npv.sql that the cash-flow queries use too, and the NPV at any
quantiles is the sum of those discounted amounts times their classes' q(u) (as
finance.npv sums the discounted nets).
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis import scoring
from dashboard.analysis.finance import MONEY_DECIMALS, benefit_cost_ratio
from dashboard.contract.schema import RANGE_CLASSES, RANGE_SIDES

DRAWS = 20_000  # draws of the portfolio simulation
SEED = 60_323  # the simulation's fixed seed (after report A/60/323); PCG64
BLOCK = 125  # draws computed at a time (cache-sized; the same numbers in any block size)
WORKERS = min(2, os.cpu_count() or 1)  # threads working on blocks of draws
P_LOW, P_MID, P_HIGH = 0.10, 0.50, 0.90  # "likely": P10 to P90
TOP_K = 8  # the share of draws in the top eight of the priority score

LINE_COLUMNS = ("initiative_id", "side", "range_class", "fiscal_year", "amount_usd",
                "discounted_usd")
FACTOR_COLUMNS = ("side", "range_class", "low_factor", "high_factor")
METRICS = ("total_cost_usd", "total_benefit_usd", "net_benefit_usd", "npv_usd",
           "benefit_cost_ratio")
BREAK_EVEN = {"net_benefit_usd": 0.0, "npv_usd": 0.0, "benefit_cost_ratio": 1.0}
PORTFOLIO_COLUMNS = ["metric", "stated", "expected", "p10", "p50", "p90", "p_above_break_even"]
FIGURE_COLUMNS = [
    "initiative_id", "cost_stated_usd", "cost_expected_usd", "cost_p10_usd", "cost_p90_usd",
    "benefit_stated_usd", "benefit_expected_usd", "benefit_p10_usd", "benefit_p90_usd",
    "npv_stated_usd", "npv_downside_usd", "npv_upside_usd",
]
TORNADO_COLUMNS = ["initiative_id", "name", "npv_if_worse_usd", "npv_if_better_usd",
                   "swing_usd"]


# --- the triangular distribution (section 4b) --------------------------------------------


def tri_mean(a: float | np.ndarray, m: float | np.ndarray,
             b: float | np.ndarray) -> float | np.ndarray:
    """The mean of Tri(a, m, b): (a + m + b) / 3."""
    return (a + m + b) / 3


def tri_quantile(u: float | np.ndarray, a: float | np.ndarray, m: float | np.ndarray,
                 b: float | np.ndarray) -> np.ndarray:
    """Q(u) of Tri(a, m, b): with c = (m - a) / (b - a), a + sqrt(u (b - a)(m - a)) for
    u <= c, else b - sqrt((1 - u)(b - a)(b - m)); a where b == a."""
    u, a, m, b = (np.asarray(x, dtype=float) for x in (u, a, m, b))
    span = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(span > 0, (m - a) / np.where(span > 0, span, 1.0), 0.0)
    lower = a + np.sqrt(u * span * (m - a))
    upper = b - np.sqrt(np.maximum(1 - u, 0.0) * span * (b - m))
    return np.where(span == 0, a, np.where(u <= c, lower, upper))


# --- the inputs: per initiative, side and class ------------------------------------------


@dataclass(frozen=True)
class Side:
    """One side (benefit or cost) of the kept initiatives, by class: the classes' factors
    (K,), and each initiative's summed and discounted amounts (n, K)."""

    classes: tuple[str, ...]
    low: np.ndarray
    high: np.ndarray
    amount: np.ndarray
    discounted: np.ndarray

    def q(self, u: float | np.ndarray) -> np.ndarray:
        """Each class's quantile at u for a line of amount 1 (K,) or (..., K)."""
        return tri_quantile(np.asarray(u, dtype=float)[..., None], self.low, 1.0, self.high)

    @property
    def mean(self) -> np.ndarray:
        return tri_mean(self.low, 1.0, self.high)


@dataclass(frozen=True)
class Inputs:
    """The kept initiatives (initiative_id order) and their two sides."""

    ids: tuple[str, ...]
    benefit: Side
    cost: Side

    def side(self, name: str) -> Side:
        return self.benefit if name == "benefit" else self.cost


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    scoring.require_columns(df, tuple(columns), what)


def inputs(ids: Sequence[str], lines: pd.DataFrame, factors: pd.DataFrame) -> Inputs:
    """The inputs of every range figure: `ids` the kept initiatives, `lines` the rows of
    queries/range_lines.sql, `factors` those of queries/range_factors.sql (a class without
    a row there is refused: the query gives every class)."""
    _require(lines, LINE_COLUMNS, "range lines")
    _require(factors, FACTOR_COLUMNS, "range factors")
    ids = tuple(sorted(str(i) for i in ids))
    pos = {i: k for k, i in enumerate(ids)}
    unknown = sorted(set(lines["initiative_id"].astype(str)) - set(pos))
    if unknown:
        raise scoring.AnalyticsError(f"range lines: initiatives not kept: {unknown[:5]}")
    sides = {}
    for side in RANGE_SIDES:
        classes = RANGE_CLASSES[side]
        f = factors[factors["side"] == side].set_index("range_class")
        missing = [c for c in classes if c not in f.index]
        if missing:
            raise scoring.AnalyticsError(f"range factors: no factors for {side} {missing}")
        amount = np.zeros((len(ids), len(classes)))
        discounted = np.zeros((len(ids), len(classes)))
        mine = lines[lines["side"] == side]
        if len(mine):
            g = mine.groupby(["initiative_id", "range_class"], sort=False)[
                ["amount_usd", "discounted_usd"]].sum()
            rows = [pos[str(i)] for i in g.index.get_level_values(0)]
            cols = [classes.index(str(c)) for c in g.index.get_level_values(1)]
            amount[rows, cols] = g["amount_usd"].to_numpy(dtype=float)
            discounted[rows, cols] = g["discounted_usd"].to_numpy(dtype=float)
        sides[side] = Side(classes, f.loc[list(classes), "low_factor"].to_numpy(dtype=float),
                           f.loc[list(classes), "high_factor"].to_numpy(dtype=float),
                           amount, discounted)
    return Inputs(ids, sides["benefit"], sides["cost"])


# --- the exact figures -------------------------------------------------------------------


def initiative_figures(x: Inputs) -> pd.DataFrame:
    """Per kept initiative: cost and benefit stated, expected, P10 and P90; NPV stated, at
    its downside and at its upside (columns FIGURE_COLUMNS, initiative_id order)."""
    out: dict[str, object] = {"initiative_id": list(x.ids)}
    for side in ("cost", "benefit"):
        s = x.side(side)
        out[f"{side}_stated_usd"] = s.amount.sum(axis=1)
        out[f"{side}_expected_usd"] = s.amount @ s.mean
        out[f"{side}_p10_usd"] = s.amount @ s.q(P_LOW)
        out[f"{side}_p90_usd"] = s.amount @ s.q(P_HIGH)
    b, c = x.benefit, x.cost
    out["npv_stated_usd"] = b.discounted.sum(axis=1) - c.discounted.sum(axis=1)
    out["npv_downside_usd"] = b.discounted @ b.q(P_LOW) - c.discounted @ c.q(P_HIGH)
    out["npv_upside_usd"] = b.discounted @ b.q(P_HIGH) - c.discounted @ c.q(P_LOW)
    return pd.DataFrame(out, columns=FIGURE_COLUMNS)


def npv_tornado(figures: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """For each initiative the portfolio's NPV (every other line at its stated amount) with
    its lines at its downside (npv_if_worse_usd) and at its upside (npv_if_better_usd);
    swing = better - worse; sorted by swing (compared at a micro-dollar), largest first,
    ties by initiative_id."""
    _require(figures, ("initiative_id", "npv_stated_usd", "npv_downside_usd", "npv_upside_usd"),
             "NPV tornado")
    total = math.fsum(float(v) for v in figures["npv_stated_usd"])
    others = total - figures["npv_stated_usd"].to_numpy(dtype=float)
    worse = others + figures["npv_downside_usd"].to_numpy(dtype=float)
    better = others + figures["npv_upside_usd"].to_numpy(dtype=float)
    ids = figures["initiative_id"].astype(str).tolist()
    out = pd.DataFrame({
        "initiative_id": ids,
        "name": [(names or {}).get(i, i) for i in ids],
        "npv_if_worse_usd": worse,
        "npv_if_better_usd": better,
        "swing_usd": better - worse,
    }, columns=TORNADO_COLUMNS)
    order = sorted(range(len(out)),
                   key=lambda k: (-round(float(out.at[k, "swing_usd"]), MONEY_DECIMALS), ids[k]))
    return out.iloc[order].reset_index(drop=True)


# --- the simulation ----------------------------------------------------------------------


@dataclass(frozen=True)
class Simulation:
    """The portfolio's draws of each metric (METRICS; the ratio NaN where a draw's cost is
    0) and, per initiative (initiative_id order), the share of draws in which its own
    NPV > 0. The share in the top eight is `top_eight_share`, from the same draws."""

    ids: tuple[str, ...]
    draws: int
    seed: int
    totals: dict[str, np.ndarray]
    p_npv_positive: np.ndarray
    # the top-eight share, when asked for in the same pass, and the weights (scaled to
    # sum to 1) it was computed at
    share_in_top8: np.ndarray | None = None
    top8_weights: tuple[float, float, float] | None = None


def class_quantile(u: np.ndarray, low: float, high: float) -> np.ndarray:
    """`tri_quantile(u, low, 1, high)` for a matrix of u (the simulation's inner loop): both
    branches, low + sqrt(u (high - low)(1 - low)) and high - sqrt((1 - u)(high - low)
    (high - 1)), computed whole (plain ufuncs are about twice as fast here as masked ones),
    then the first taken where u <= c = (1 - low) / (high - low)."""
    if high == low:
        return np.full(u.shape, float(low))
    span = high - low
    lower = u * (span * (1.0 - low))
    np.sqrt(lower, out=lower)
    lower += low
    upper = np.subtract(1.0, u)
    upper *= span * (high - 1.0)
    np.sqrt(upper, out=upper)
    np.subtract(high, upper, out=upper)
    return np.where(u <= (1.0 - low) / span, lower, upper)


def _at(side: Side, u: np.ndarray,
        discount: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """Each initiative's amount and (with `discount`) discounted amount of one side in each
    draw, its lines at the drawn u (draws, n): the sum over its classes of (summed A) q(u)."""
    amount = np.zeros(u.shape)
    discounted = np.zeros(u.shape) if discount else None
    scratch = np.empty(u.shape)
    for k in range(len(side.classes)):
        if not (side.amount[:, k].any() or side.discounted[:, k].any()):
            continue  # no line of this class: it adds nothing
        q = class_quantile(u, float(side.low[k]), float(side.high[k]))
        np.multiply(q, side.amount[:, k], out=scratch)
        amount += scratch
        if discounted is not None:
            q *= side.discounted[:, k]
            discounted += q
    return amount, discounted


def _blocks(rng: np.random.Generator, draws: int, block: int, n: int) -> Iterator[np.ndarray]:
    """The u of each block, drawn in order from the one generator (so the numbers are the
    same whatever the block size): u[d, 0, i] for initiative i's benefit, u[d, 1, i] its
    cost."""
    for start in range(0, draws, block):
        yield rng.random((min(block, draws - start), 2, n))


def _map_blocks(fn: Callable[[np.ndarray], tuple], n: int, draws: int, seed: int,
                block: int, workers: int) -> list[tuple]:
    """fn of every block of draws, in order. Blocks are worked on by `workers` threads
    (numpy releases the GIL), two blocks in flight per worker; the results do not depend
    on the block size or the number of threads."""
    out: list[tuple] = []
    blocks = _blocks(np.random.Generator(np.random.PCG64(seed)), draws, block, n)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while wave := list(itertools.islice(blocks, 2 * max(1, workers))):
            out += pool.map(fn, wave)
    return out


def _norm_value(mean_relative_value: Sequence[float | None] | None, n: int) -> np.ndarray:
    value = pd.Series(mean_relative_value if mean_relative_value is not None else [None] * n,
                      dtype="float64")
    return scoring.minmax(value).fillna(0.0).to_numpy()


def _weights(weights: Sequence[float] | None) -> tuple[float, float, float] | None:
    try:
        return scoring.normalize_weights(weights) if weights is not None else None
    except scoring.AnalyticsError:
        return None


def _top_counts(cost: np.ndarray, benefit: np.ndarray, norm_value: np.ndarray,
                weights: tuple[float, float, float]) -> np.ndarray:
    best = scoring.top_k_rows(scoring.score_rows(cost, benefit, norm_value, weights), TOP_K)
    return np.bincount(best.ravel(), minlength=cost.shape[1])


def _totals_block(x: Inputs, u: np.ndarray, top8: tuple | None) -> tuple[np.ndarray, ...]:
    """One block of draws, u (draws, 2, n): the portfolio's cost, benefit and NPV in each
    draw, per initiative the number of draws with its NPV > 0, and (with `top8`: the
    normalized V and the weights) in the top eight."""
    benefit, benefit_disc = _at(x.benefit, u[:, 0, :])
    cost, cost_disc = _at(x.cost, u[:, 1, :])
    benefit_disc -= cost_disc  # each initiative's NPV in each draw
    top = _top_counts(cost, benefit, *top8) if top8 is not None else np.zeros(0, np.int64)
    return (cost.sum(axis=1), benefit.sum(axis=1), benefit_disc.sum(axis=1),
            (benefit_disc > 0).sum(axis=0), top)


def simulate(x: Inputs, mean_relative_value: Sequence[float | None] | None = None,
             weights: Sequence[float] | None = None, draws: int = DRAWS, seed: int = SEED,
             block: int = BLOCK, workers: int = WORKERS) -> Simulation:
    """The portfolio simulation (module docstring): every metric's draws and each
    initiative's probability of a positive NPV; with `weights` that can rank, in the same
    pass, the share of draws in the top eight at those weights (as `top_eight_share`)."""
    n = len(x.ids)
    w = _weights(weights)
    top8 = (_norm_value(mean_relative_value, n), w) if w is not None and n > TOP_K else None
    parts = _map_blocks(lambda u: _totals_block(x, u, top8), n, draws, seed, block, workers)
    cat = [np.concatenate([p[k] for p in parts]) if parts else np.zeros(0) for k in range(3)]
    totals = dict(zip(("total_cost_usd", "total_benefit_usd", "npv_usd"), cat, strict=True))
    positive = sum((p[3] for p in parts), np.zeros(n, dtype=np.int64))
    totals["net_benefit_usd"] = totals["total_benefit_usd"] - totals["total_cost_usd"]
    cost_total = totals["total_cost_usd"]
    with np.errstate(divide="ignore", invalid="ignore"):
        totals["benefit_cost_ratio"] = np.where(cost_total > 0,
                                                totals["total_benefit_usd"] / cost_total, np.nan)
    share = None
    if w is not None:
        share = (sum((p[4] for p in parts), np.zeros(n, dtype=np.int64)) / draws
                 if top8 is not None else np.ones(n))
    return Simulation(x.ids, draws, seed, totals,
                      positive / draws if draws else positive.astype(float), share, w)


def top_eight_share(x: Inputs, mean_relative_value: Sequence[float | None] | None = None,
                    weights: Sequence[float] | None = scoring.DEFAULT_WEIGHTS,
                    draws: int = DRAWS, seed: int = SEED, block: int = BLOCK,
                    workers: int = WORKERS) -> np.ndarray | None:
    """Each initiative's share of draws (the same draws as `simulate`) in which it is among
    the TOP_K best of the priority score: C and B at the draw, V (`mean_relative_value`,
    in x.ids order; None or NaN where it has none) unchanged, the given weights. Every
    initiative's share is 1 when TOP_K or fewer are kept; None when the weights cannot
    rank. Independent of the discount rate (only the amounts are drawn again)."""
    n = len(x.ids)
    w = _weights(weights)
    if w is None:
        return None
    if n <= TOP_K:
        return np.ones(n)
    norm_value = _norm_value(mean_relative_value, n)

    def block_top(u: np.ndarray) -> tuple[np.ndarray]:
        cost = _at(x.cost, u[:, 1, :], discount=False)[0]
        benefit = _at(x.benefit, u[:, 0, :], discount=False)[0]
        return (_top_counts(cost, benefit, norm_value, w),)

    parts = _map_blocks(block_top, n, draws, seed, block, workers)
    return sum((p[0] for p in parts), np.zeros(n, dtype=np.int64)) / draws


def _percentiles(values: np.ndarray) -> list[float | None]:
    v = values[~np.isnan(values)]
    if v.size == 0:
        return [None, None, None]
    return [float(p) for p in np.quantile(v, [P_LOW, P_MID, P_HIGH])]


def portfolio(x: Inputs, sim: Simulation) -> pd.DataFrame:
    """The sheet ranges_portfolio: per metric (METRICS) the stated and expected figure, the
    simulated P10, P50, P90 (numpy's linear quantiles of the draws) and the share of draws
    above break-even (net and NPV > 0, ratio > 1; null for cost and benefit)."""
    b, c = x.benefit, x.cost
    stated = {"total_cost_usd": float(c.amount.sum()), "total_benefit_usd": float(b.amount.sum()),
              "npv_usd": float(b.discounted.sum() - c.discounted.sum())}
    expected = {"total_cost_usd": float((c.amount @ c.mean).sum()),
                "total_benefit_usd": float((b.amount @ b.mean).sum()),
                "npv_usd": float((b.discounted @ b.mean).sum() - (c.discounted @ c.mean).sum())}
    for d in (stated, expected):
        d["net_benefit_usd"] = d["total_benefit_usd"] - d["total_cost_usd"]
        d["benefit_cost_ratio"] = benefit_cost_ratio(d["total_benefit_usd"], d["total_cost_usd"])
    rows = []
    for metric in METRICS:
        draws = sim.totals[metric]
        above = None
        if metric in BREAK_EVEN:
            above = float((draws > BREAK_EVEN[metric]).mean()) if draws.size else None
        rows.append([metric, stated[metric], expected[metric], *_percentiles(draws), above])
    out = pd.DataFrame(rows, columns=PORTFOLIO_COLUMNS)
    return out.astype({c: "float64" for c in PORTFOLIO_COLUMNS[1:]})


def histogram(values: np.ndarray, bins: int = 40) -> pd.DataFrame:
    """The draws of one metric as a histogram (bin_from_usd, bin_to_usd, share_of_draws):
    equal-width bins from the smallest draw to the largest, each holding its share of the
    draws (they add up to 1)."""
    v = values[~np.isnan(values)]
    if v.size == 0:
        return pd.DataFrame(columns=["bin_from_usd", "bin_to_usd", "share_of_draws"],
                            dtype="float64")
    counts, edges = np.histogram(v, bins=bins)
    return pd.DataFrame({"bin_from_usd": edges[:-1], "bin_to_usd": edges[1:],
                         "share_of_draws": counts / v.size})


__all__ = [
    "DRAWS", "SEED", "TOP_K", "Inputs", "Simulation", "histogram", "initiative_figures",
    "inputs", "npv_tornado", "portfolio", "simulate", "top_eight_share", "tri_mean",
    "tri_quantile",
]
