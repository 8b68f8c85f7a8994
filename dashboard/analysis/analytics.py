"""Decision support, as pure functions (no Streamlit, no DuckDB): the priority score, the
exact budget-constrained selection, the efficient frontier, rank sensitivity, NPV and
payback, and the comparison of two snapshots.

The rules are data/README.md, "Priority score" and "Headline figures":

- Priority score: C = total cost, B = total benefit, V = mean relative value (null when an
  initiative has no commitment rows). Each is min-max normalized across the kept
  initiatives to [0, 1] (where max == min every value is 1; V over its non-null values, a
  null V scores 0 on value), and
  ``score = w_cost * (1 - norm(C)) + w_benefit * norm(B) + w_value * norm(V)``
  with the weights scaled to sum to 1. Rank 1 is the highest score, compared rounded to
  9 decimals; ties go to the smaller initiative_id.
- Budget selection: the subset whose total cost fits the budget with the highest summed
  score (each score rounded to 9 decimals before summing); ties go to the smaller total
  cost, then the lexicographically smaller sorted list of ids.

  How it is exact. Scores are counted in integer units of 1e-9 and costs as exact
  integers (every double is an integer times a power of two, so all costs share one
  exact scale): sums and comparisons have no rounding at all. Items of cost 0 and score
  > 0 are always worth taking; items of cost > 0 and score 0 never are (same score, more
  cost); the rest ("core" items) go through the Nemhauser-Ullmann dynamic programme:
  the list of Pareto-optimal (cost, score) points of all subsets, each point keeping the
  lexicographically smallest set that reaches it (among sets of positive-cost items of
  equal cost none is a prefix of another, so the smaller set stays smaller whatever is
  added later). Items of cost 0 and score 0 change neither sum: they are taken exactly
  when their id sorts before the largest id already chosen, which makes the sorted list
  lexicographically smallest. The same Pareto list is the efficient frontier.

  Never freezing. The search counts its steps (states kept); past SELECTION_STEPS (the
  frontier: FRONTIER_STEPS) it stops with the best selection found and a proven upper
  bound of the best possible score, and says so (`Optimality`: "optimal" or "within
  0.02% of the best possible score"; data/README.md, "Optimality statement").
- NPV and payback: from the per-year cash flows of queries/cashflow_by_year.sql (or the
  per-initiative ones of queries/cashflow_by_initiative_year.sql).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

WEIGHT_NAMES: tuple[str, str, str] = ("cost", "benefit", "value")
DEFAULT_WEIGHTS: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
SCORE_DECIMALS = 9
_SCORE_UNIT = 10**SCORE_DECIMALS
MONEY_DECIMALS = 6  # cumulative cash flows are compared to 0 at a micro-dollar


class AnalyticsError(ValueError):
    """A user's input the analysis cannot use (weights, budget, missing columns)."""


# --------------------------------------------------------------------------------------
# priority score
# --------------------------------------------------------------------------------------
def normalize_weights(weights: Sequence[float]) -> tuple[float, float, float]:
    """The three weights (cost, benefit, value) scaled to sum to 1."""
    if weights is None or len(weights) != 3:
        raise AnalyticsError(
            "weights: give exactly three weights (cost, benefit, value), "
            f"got {list(weights) if weights is not None else None}"
        )
    values = []
    for name, w in zip(WEIGHT_NAMES, weights, strict=True):
        try:
            x = float(w)
        except (TypeError, ValueError):
            raise AnalyticsError(f"weights: the {name} weight must be a number, got {w!r}") from None
        if not math.isfinite(x) or x < 0:
            raise AnalyticsError(f"weights: the {name} weight must be a number >= 0, got {w!r}")
        values.append(x)
    total = sum(values)
    if total == 0:
        raise AnalyticsError(
            "weights: all three weights are 0; give at least one of cost, benefit, value a "
            "weight above 0"
        )
    return (values[0] / total, values[1] / total, values[2] / total)


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise AnalyticsError(f"{what}: missing column(s) {missing}")


def minmax(values: pd.Series) -> pd.Series:
    """Min-max normalization to [0, 1] over the non-null values; all 1 where max == min.

    Null values stay null.
    """
    x = pd.to_numeric(values, errors="coerce").astype("float64")
    valid = x.dropna()
    if valid.empty:
        return x
    lo, hi = float(valid.min()), float(valid.max())
    if hi == lo:
        return x.where(x.isna(), 1.0)
    return (x - lo) / (hi - lo)


def score_units(score: float) -> int:
    """A score rounded to 9 decimals, as an integer number of 1e-9 units."""
    return int(round(round(float(score), SCORE_DECIMALS) * _SCORE_UNIT))


RANKING_COLUMNS = [
    "initiative_id", "total_cost_usd", "total_benefit_usd", "mean_relative_value",
    "norm_cost", "norm_benefit", "norm_value",
    "cost_contribution", "benefit_contribution", "value_contribution", "score", "rank",
]


def priority_ranking(inputs_df: pd.DataFrame,
                     weights: Sequence[float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Score and rank every kept initiative (one row per row of `inputs_df`), rank order.

    `inputs_df` has at least initiative_id, total_cost_usd, total_benefit_usd and
    mean_relative_value (queries/priority_inputs.sql); other columns (name, category,
    is_priority) are carried along after initiative_id. The three `*_contribution`
    columns are the weighted terms of the score and sum to it.
    """
    w_cost, w_benefit, w_value = normalize_weights(weights)
    _require(inputs_df,
             ("initiative_id", "total_cost_usd", "total_benefit_usd", "mean_relative_value"),
             "priority inputs")
    df = inputs_df.reset_index(drop=True).copy()
    if df["initiative_id"].duplicated().any():
        dup = sorted(df.loc[df["initiative_id"].duplicated(), "initiative_id"].astype(str))
        raise AnalyticsError(f"priority inputs: initiative_id repeated: {dup}")
    cost = pd.to_numeric(df["total_cost_usd"], errors="coerce").astype("float64").fillna(0.0)
    benefit = pd.to_numeric(df["total_benefit_usd"], errors="coerce").astype("float64").fillna(0.0)
    value = pd.to_numeric(df["mean_relative_value"], errors="coerce").astype("float64")
    df["total_cost_usd"] = cost
    df["total_benefit_usd"] = benefit
    df["mean_relative_value"] = value
    df["norm_cost"] = minmax(cost)
    df["norm_benefit"] = minmax(benefit)
    df["norm_value"] = minmax(value)
    df["cost_contribution"] = w_cost * (1.0 - df["norm_cost"])
    df["benefit_contribution"] = w_benefit * df["norm_benefit"]
    df["value_contribution"] = w_value * df["norm_value"].fillna(0.0)
    df["score"] = df["cost_contribution"] + df["benefit_contribution"] + df["value_contribution"]
    order = sorted(
        range(len(df)),
        key=lambda i: (-round(float(df.at[i, "score"]), SCORE_DECIMALS),
                       str(df.at[i, "initiative_id"])),
    )
    df = df.iloc[order].reset_index(drop=True)
    df["rank"] = pd.Series(range(1, len(df) + 1), dtype="int64")
    extra = [c for c in df.columns if c not in RANKING_COLUMNS]
    return df[["initiative_id", *extra, *RANKING_COLUMNS[1:]]]


# --------------------------------------------------------------------------------------
# budget selection and the efficient frontier
# --------------------------------------------------------------------------------------
def _check_budget(budget: float) -> Fraction | None:
    """The budget as an exact fraction; None for an unlimited (infinite) budget."""
    try:
        b = float(budget)
    except (TypeError, ValueError):
        raise AnalyticsError(f"budget: must be a number of US dollars, got {budget!r}") from None
    if math.isnan(b) or b < 0:
        raise AnalyticsError(f"budget: must be a number of US dollars >= 0, got {budget!r}")
    if math.isinf(b):
        return None
    return Fraction(b)


class _Items:
    """The ranking's initiatives as exact integers: score units and scaled costs."""

    def __init__(self, ranking_df: pd.DataFrame) -> None:
        _require(ranking_df, ("initiative_id", "total_cost_usd", "score"), "budget selection")
        ids = [str(x) for x in ranking_df["initiative_id"]]
        if len(set(ids)) != len(ids):
            raise AnalyticsError("budget selection: initiative_id repeated")
        costs = []
        for i, c in zip(ids, ranking_df["total_cost_usd"], strict=True):
            x = float(c) if c is not None else math.nan
            if not math.isfinite(x) or x < 0:
                raise AnalyticsError(
                    f"budget selection: total cost of {i} must be a finite number >= 0, got {c!r}")
            costs.append(Fraction(x))
        self.ids = ids
        self.denominator = max((c.denominator for c in costs), default=1)  # powers of 2
        self.cost = [c.numerator * (self.denominator // c.denominator) for c in costs]
        self.score = [score_units(s) for s in ranking_df["score"]]
        if any(s < 0 for s in self.score):
            raise AnalyticsError("budget selection: scores must be >= 0")
        # bit k of a set's mask = the k-th id in sorted order, so masks compare as id lists
        order = sorted(range(len(ids)), key=lambda i: ids[i])
        self.bit = [0] * len(ids)
        for k, i in enumerate(order):
            self.bit[i] = 1 << k
        self.by_bit = {self.bit[i]: i for i in range(len(ids))}

    def cap(self, budget: Fraction | None) -> int | None:
        return None if budget is None else math.floor(budget * self.denominator)

    def usd(self, cost_units: int) -> float:
        return float(Fraction(cost_units, self.denominator))

    def usd_up(self, cost_units: int) -> float:
        """The smallest float at or above an exact cost: a budget that it fits."""
        exact = Fraction(cost_units, self.denominator)
        x = float(exact)
        return x if Fraction(x) >= exact else math.nextafter(x, math.inf)

    def members(self, mask: int) -> list[int]:
        out = []
        while mask:
            low = mask & -mask
            out.append(self.by_bit[low])
            mask ^= low
        return out


def _lex_smaller(a: int, b: int) -> int:
    """Of two masks of equal (cost, score), none a prefix of the other: the lex-smaller."""
    d = a ^ b
    if d == 0:
        return a
    return a if a & (d & -d) else b


def _merge(points: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the Pareto-optimal points (cost up, score strictly up); at equal cost and
    score, the lexicographically smaller set."""
    merged: list[tuple[int, int, int]] = []
    # runs of cost-sorted points: timsort merges them in linear time
    for p in sorted(points, key=lambda t: (t[0], -t[1])):
        if merged:
            last = merged[-1]
            if p[0] == last[0] and p[1] == last[1]:
                merged[-1] = (p[0], p[1], _lex_smaller(p[2], last[2]))
                continue
            if p[1] <= last[1]:
                continue  # dominated: costs at least as much for no more score
        merged.append(p)
    return merged


class FrontierTooLarge(Exception):
    pass


def _pareto(items: _Items, core: list[int], cap: int | None, limit: int | None = None,
            max_steps: float = math.inf) -> list[tuple[int, int, int]]:
    """All Pareto-optimal (cost, score, mask) points over subsets of `core`, cost <= cap
    (Nemhauser-Ullmann). Sorted by cost, scores strictly increasing; each point keeps the
    lexicographically smallest set reaching it. Raises FrontierTooLarge past `limit`
    points or past `max_steps` steps (one step = one point kept after an item)."""
    points: list[tuple[int, int, int]] = [(0, 0, 0)]
    work = 0
    for i in core:
        c, s, bit = items.cost[i], items.score[i], items.bit[i]
        shifted = [(pc + c, ps + s, pm | bit) for pc, ps, pm in points
                   if cap is None or pc + c <= cap]
        points = _merge(points + shifted)
        work += len(points)
        if (limit is not None and len(points) > limit) or work > max_steps:
            raise FrontierTooLarge
    return points


def _best_subset(items: _Items, core: list[int], cap: int, max_steps: float = math.inf
                 ) -> tuple[tuple[int, int, int], int, int, bool]:
    """The best (cost, score, mask) over subsets of `core` with cost <= cap, a proven upper
    bound of the best possible score, the steps taken, and whether the search finished
    (then the set is the exact one, ties included, and the bound its score).

    Dynamic programming with bounds over an expanding core (Pisinger's minknap idea):
    items sorted by score/cost, start from the greedy prefix up to the break item, then
    decide items alternately just after (add or not) and just before (keep or remove)
    the core. States may run over the budget for a while; a state whose upper bound
    falls below a feasible score already found is dropped. Dominance keeps, at equal
    cost and score, the lexicographically smaller set (the fixed items outside the core
    are common to all states, so the comparison is decided inside it).

    The work is counted in steps (one step = one state kept after an item is decided):
    past `max_steps` the search stops and returns the best feasible set found so far with
    the largest bound of the states still open (every set not yet ruled out completes one
    of them, and a state's bound is a fractional-knapsack bound of all its completions).
    A count, not a clock: the same input gives the same answer on any machine.
    """
    m = len(core)
    if m == 0:
        return (0, 0, 0), 0, 0, True
    costs = [items.cost[i] for i in core]
    scores = [items.score[i] for i in core]
    bits = [items.bit[i] for i in core]
    brk, cost0, score0, mask0 = 0, 0, 0, 0
    while brk < m and cost0 + costs[brk] <= cap:
        cost0 += costs[brk]
        score0 += scores[brk]
        mask0 |= bits[brk]
        brk += 1
    states = [(cost0, score0, mask0)]
    lower = score0
    best = states[0]
    s, t = brk, brk - 1  # items < s fixed in, items > t fixed out; s..t decided

    pc_sum, ps_sum = [0], [0]  # prefix sums of cost and score in score/cost order
    for c, sc in zip(costs, scores, strict=True):
        pc_sum.append(pc_sum[-1] + c)
        ps_sum.append(ps_sum[-1] + sc)

    def bound(state: tuple[int, int, int]) -> int | None:
        """Floor of the fractional-knapsack bound of a state's completions (exact)."""
        c, sc, _ = state
        if c <= cap:  # fill the room with items after the core, best ratio first
            start = t + 1
            target = pc_sum[start] + (cap - c)
            j = bisect.bisect_right(pc_sum, target, lo=start) - 1
            ub = sc + ps_sum[j] - ps_sum[start]
            if j < m:
                ub += (target - pc_sum[j]) * scores[j] // costs[j]
            return ub
        # over the budget: remove items before the core, worst ratio first
        over = c - cap
        j = bisect.bisect_right(pc_sum, pc_sum[s] - over, hi=s + 1) - 1
        if j < 0:
            return None  # cannot get back under the budget
        need = over - (pc_sum[s] - pc_sum[j + 1])
        loss = ps_sum[s] - ps_sum[j + 1] + (-(-need * scores[j] // costs[j]))
        return sc - loss

    def fill(state: tuple[int, int, int]) -> tuple[int, int, int]:
        """A feasible state completed greedily with the items after the core that fit
        (a better feasible set found early prunes more)."""
        c, sc, mask = state
        for j in range(t + 1, m):
            if c + costs[j] <= cap:
                c, sc, mask = c + costs[j], sc + scores[j], mask | bits[j]
        return (c, sc, mask)

    best = fill(best)
    lower = best[1]
    step = 0
    work = 0
    while s > 0 or t < m - 1:
        if work >= max_steps:
            # stopped: no set scores more than the best bound of the open states
            ub = max([best[1], *(bound(st) for st in states)])
            return best, ub, work, False
        take_next = (step % 2 == 0 and t < m - 1) or s == 0
        step += 1
        if take_next:
            t += 1
            c, sc, bit = costs[t], scores[t], bits[t]
            new = [(pc + c, ps + sc, pm | bit) for pc, ps, pm in states]
        else:
            s -= 1
            c, sc, bit = costs[s], scores[s], bits[s]
            new = [(pc - c, ps - sc, pm & ~bit) for pc, ps, pm in states]
        states = _merge(states + new)
        # scores rise with cost along the list: the best feasible state is the last
        # one within the budget
        k = bisect.bisect_right(states, (cap, math.inf, 0)) - 1
        if k >= 0:
            for st in (states[k], fill(states[k])):
                if (st[1], -st[0]) > (best[1], -best[0]):
                    best = st
                elif (st[1], st[0]) == (best[1], best[0]):
                    best = (st[0], st[1], _lex_smaller(st[2], best[2]))
        lower = best[1]
        kept = []
        for st in states:
            ub = bound(st)
            if ub is not None and ub >= lower:
                kept.append(st)
        states = kept
        work += len(states)
        if not states:
            break
    # the final states are complete sets; the best feasible one was tracked throughout
    return best, best[1], work, True


def _classify(items: _Items, cap: int | None) -> tuple[int, list[int], list[int]]:
    """(mask of items always taken, core items, free items) for a cost cap."""
    always = 0
    core: list[int] = []
    free: list[int] = []
    for i in range(len(items.ids)):
        c, s = items.cost[i], items.score[i]
        if c == 0 and s > 0:
            always |= items.bit[i]
        elif c == 0:
            free.append(i)
        elif s > 0 and (cap is None or c <= cap):
            core.append(i)
    # visit the best score/cost ratios first: smaller intermediate lists in practice
    core.sort(key=lambda i: (-Fraction(items.score[i], items.cost[i]), items.ids[i]))
    return always, core, free


def _with_free(items: _Items, mask: int, free: list[int]) -> int:
    """Add the cost-0, score-0 items whose id sorts before the largest id chosen."""
    if mask == 0:
        return 0
    top = 1 << (mask.bit_length() - 1)
    for i in free:
        if items.bit[i] < top:
            mask |= items.bit[i]
    return mask


# Search steps (a count, not a clock): about 1 s at most on the 2-core machine of
# docs/benchmarks.md for a selection, and for the whole frontier.
SELECTION_STEPS = 40_000
FRONTIER_STEPS = 100_000


@dataclass(frozen=True)
class Optimality:
    """How good a selection is proven to be: its total score and a proven upper bound of
    the best possible score under the same budget, both in integer units of 1e-9, and
    whether the search finished (only then is the selection the exact one of
    data/README.md, ties included)."""

    score_units: int
    bound_units: int
    finished: bool

    @property
    def optimal(self) -> bool:
        return self.finished

    @property
    def gap(self) -> Fraction:
        """(bound - score) / bound: the most the best possible score can exceed the
        selection's, as a share of the best possible score."""
        if self.bound_units <= self.score_units:
            return Fraction(0)
        return Fraction(self.bound_units - self.score_units, self.bound_units)

    def statement(self) -> str:
        """ "optimal", or "within 0.02% of the best possible score" (the share rounded up,
        so the statement holds)."""
        if self.optimal:
            return "optimal"
        if self.gap == 0:  # the best score, but a tie may be unresolved
            return "the best possible score (tie-break not proven)"
        return f"within {percent_up(self.gap)} of the best possible score"

    def bound_up(self, decimals: int) -> float:
        """The bound as a score rounded up to `decimals` (a limit that still holds)."""
        unit = 10 ** (SCORE_DECIMALS - decimals)
        return -(-self.bound_units // unit) / 10**decimals

    def explanation(self) -> str:
        """The statement with its grounds, for the page and the export's metadata."""
        if self.optimal:
            return ("optimal: the exact search proved that no selection within the budget "
                    "scores more")
        return (f"{self.statement()}: the best selection found when the search reached its "
                f"step limit; no selection within the budget can score more than "
                f"{self.bound_units / _SCORE_UNIT:.9f}")


def percent_up(share: Fraction) -> str:
    """A share in (0, 1] as a percentage of two significant digits, rounded up:
    Fraction(1, 5000) -> "0.02%", Fraction(1, 3) -> "34%"."""
    pct = share * 100
    exp = math.floor(math.log10(pct)) if pct > 0 else 0
    digits = max(0, 1 - exp)  # two significant digits
    unit = Fraction(1, 10**digits)
    up = math.ceil(pct / unit) * unit
    text = f"{float(up):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def budget_answer(ranking_df: pd.DataFrame, budget: float,
                  max_steps: float | None = None) -> tuple[pd.DataFrame, Optimality]:
    """The best selection under `budget` and how good it is proven to be.

    The selection: one row per initiative of `ranking_df` (initiative_id, total_cost_usd,
    score, selected, plus rank and name when given), in the order of `ranking_df`. When the
    search finishes within `max_steps` (None: SELECTION_STEPS; math.inf: no limit) it is
    the exact selection of data/README.md and `Optimality.optimal` is true; otherwise it
    is the best selection found, with the proven bound.
    """
    steps = SELECTION_STEPS if max_steps is None else max_steps
    b = _check_budget(budget)
    items = _Items(ranking_df)
    cap = items.cap(b)
    always, core, free = _classify(items, cap)
    if cap is None:  # unlimited: every item with a score is worth its cost
        best_mask = sum(items.bit[i] for i in core)
        score = bound = sum(items.score[i] for i in core)
        finished = True
    else:
        (_, score, best_mask), bound, _, finished = _best_subset(items, core, cap, steps)
    base = sum(items.score[i] for i in items.members(always))
    chosen = _with_free(items, always | best_mask, free)
    keep = [c for c in ("initiative_id", "name", "rank", "total_cost_usd", "score")
            if c in ranking_df.columns]
    out = ranking_df[keep].reset_index(drop=True).copy()
    out["selected"] = pd.Series([bool(chosen & items.bit[i]) for i in range(len(items.ids))],
                                dtype="bool")
    optimality = Optimality(base + score, base + bound, finished)
    # plain numbers (attrs travel with copies, pickles and Arrow as JSON)
    out.attrs["optimality"] = {"score_units": optimality.score_units,
                               "bound_units": optimality.bound_units, "finished": finished}
    return out, optimality


def selection_note(optimality: Optimality | None) -> str:
    """One line under a selection: "The exact best selection under the budget." or, where
    the step limit stopped the search, what is proven of the one found."""
    if optimality is None or optimality.optimal:
        return "The exact best selection under the budget."
    return (f"The best selection found under the budget, {optimality.statement()} (the "
            "search stops at its step limit so that no answer takes more than about a "
            "second).")


def budget_selection(ranking_df: pd.DataFrame, budget: float,
                     max_steps: float | None = None) -> pd.DataFrame:
    """The best selection under `budget` (budget_answer's selection); how good it is
    proven to be travels with it (`selection_optimality`)."""
    return budget_answer(ranking_df, budget, max_steps)[0]


def selection_optimality(selection_df: pd.DataFrame) -> Optimality | None:
    """The Optimality of a selection made by budget_selection (None for any other table)."""
    value = selection_df.attrs.get("optimality")
    if not isinstance(value, dict):
        return None
    return Optimality(int(value["score_units"]), int(value["bound_units"]),
                      bool(value["finished"]))


def selection_summary(selection_df: pd.DataFrame, budget: float) -> dict[str, float | int]:
    """What a selection costs, scores and leaves of the budget (how good it is proven to
    be: `selection_optimality`)."""
    chosen = selection_df.loc[selection_df["selected"].astype(bool).to_numpy()]
    cost = math.fsum(float(c) for c in chosen["total_cost_usd"])
    return {
        "budget_usd": float(budget),
        "selected": len(chosen),
        "total_cost_usd": cost,
        "total_score": sum(score_units(s) for s in chosen["score"]) / _SCORE_UNIT,
        "remaining_usd": float(budget) - cost,
    }


FRONTIER_COLUMNS = ["budget_usd", "total_score", "total_cost_usd", "initiatives",
                    "initiative_ids", "best_possible_score_at_most"]
FRONTIER_LIMIT = 20_000  # Pareto steps before falling back to budget levels
FRONTIER_LEVELS = 41


def efficient_frontier(ranking_df: pd.DataFrame, max_budget: float | None = None,
                       max_steps: float | None = None) -> pd.DataFrame:
    """The best total score reachable at each budget level, as a step function.

    Normally one row per step of the exact frontier: from `budget_usd` on (the least cost
    at which it is reachable, so total_cost_usd == budget_usd) the best summed score is
    `total_score`, reached by `initiative_ids` (the selection budget_selection returns at
    that budget). When the frontier has more than FRONTIER_LIMIT steps or would take more
    than a fifth of `max_steps` (None: FRONTIER_STEPS; math.inf: no limit; possible with
    hundreds of initiatives), the rows are instead
    FRONTIER_LEVELS evenly spaced budget levels, each searched with the rest of the steps
    shared out: a level's row is the best selection found at or below its budget, and
    `best_possible_score_at_most` its proven bound (equal to total_score where proven
    optimal). Either way total_score never decreases as budget_usd grows. The frontier's
    statement ("exact", or how close its levels are proven to be) is
    `frontier_statement(df)`. `max_budget` (optional) leaves out everything beyond it.
    """
    b = None if max_budget is None else _check_budget(max_budget)
    items = _Items(ranking_df)
    cap = items.cap(b)
    always, core, free = _classify(items, cap)
    base = sum(items.score[i] for i in items.members(always))

    def row(budget_units: int, cost: int, score: int, mask: int, bound: int) -> tuple:
        chosen = _with_free(items, always | mask, free)
        members = sorted(items.ids[i] for i in items.members(chosen))
        return (items.usd_up(budget_units), (score + base) / _SCORE_UNIT, items.usd(cost),
                len(members), ", ".join(members), (bound + base) / _SCORE_UNIT)

    max_steps = FRONTIER_STEPS if max_steps is None else max_steps
    pareto_steps = max_steps / 5
    levels: list[Optimality] = []
    try:
        steps = _pareto(items, core, cap, limit=FRONTIER_LIMIT, max_steps=pareto_steps)
        rows = [row(c, c, sc, mask, sc) for c, sc, mask in steps]
    except FrontierTooLarge:
        top = cap if cap is not None else sum(items.cost[i] for i in core)
        left = max_steps * 4 / 5  # (inf stays inf)
        rows = []
        best: tuple[int, int, int] = (0, 0, 0)
        for k in range(FRONTIER_LEVELS):
            level = top * k // (FRONTIER_LEVELS - 1)
            level_core = [i for i in core if items.cost[i] <= level]
            # the steps left are shared among the levels left (what one leaves, the next uses)
            share = left / (FRONTIER_LEVELS - k)
            found, bound, used, finished = _best_subset(items, level_core, level, share)
            left -= used
            if (found[1], -found[0]) >= (best[1], -best[0]):
                best = found  # else a selection of a lower level is still the best found
            bound = max(bound, best[1])
            levels.append(Optimality(best[1] + base, bound + base, finished))
            rows.append(row(level, best[0], best[1], best[2], bound))
    out = pd.DataFrame(rows, columns=FRONTIER_COLUMNS)
    out.attrs["frontier"] = ("exact: every step of the frontier, each selection optimal"
                             if not levels else _levels_statement(levels))
    return out


def _levels_statement(levels: list[Optimality]) -> str:
    head = f"{len(levels)} evenly spaced budget levels (too many steps to list)"
    proven = sum(1 for o in levels if o.optimal)
    if proven == len(levels):
        return f"{head}, each optimal"
    worst = max(levels, key=lambda o: o.gap)
    if worst.gap == 0:
        return f"{head}, {proven} proven optimal, the others the best possible score " \
               "(tie-break not proven)"
    return f"{head}, {proven} proven optimal, every one {worst.statement()}"


def frontier_statement(frontier_df: pd.DataFrame) -> str | None:
    """How exact a frontier of efficient_frontier is: "exact: every step of the frontier,
    ...", or "41 evenly spaced budget levels (...), each optimal", or "41 evenly spaced
    budget levels (...), 30 proven optimal, every one within 0.02% of the best possible
    score"; None for any other table."""
    value = frontier_df.attrs.get("frontier")
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------------------
# rank sensitivity
# --------------------------------------------------------------------------------------
SENSITIVITY_COLUMNS = [
    "initiative_id", "rank", "best_rank", "worst_rank", "rank_spread", "top_k_share",
    "verdict", "most_sensitive_to", "spread_cost", "spread_benefit", "spread_value",
]


def weight_grid(weights: Sequence[float], step: float = 0.1) -> list[tuple[float, float, float]]:
    """The chosen weights and every move of each weight by -step, 0 or +step (3^3 moves),
    floored at 0 and scaled to sum to 1; all-zero moves and repeats are left out."""
    if not (math.isfinite(step) and 0 < step <= 1):
        raise AnalyticsError(f"sensitivity step must be in (0, 1], got {step!r}")
    w = normalize_weights(weights)
    grid: list[tuple[float, float, float]] = []
    seen: set[tuple[float, ...]] = set()
    moves = (0.0, -step, step)
    for dc in moves:
        for db in moves:
            for dv in moves:
                raw = [max(0.0, w[0] + dc), max(0.0, w[1] + db), max(0.0, w[2] + dv)]
                if sum(raw) == 0:
                    continue
                scaled = normalize_weights(raw)
                key = tuple(round(x, 12) for x in scaled)
                if key not in seen:
                    seen.add(key)
                    grid.append(scaled)
    return grid


def _grid_ranks(base: pd.DataFrame, weight_rows: Sequence[Sequence[float]]) -> np.ndarray:
    """The rank of each initiative of `base` (a priority_ranking, rank order) under each
    row of weights, scored in one vectorised step: array (weights, initiatives).

    Exactly priority_ranking's ranks: each row is normalized as it normalizes, the score
    is summed term by term in its order (so every float is the same), rounded to
    SCORE_DECIMALS by Python's round and ordered by (-score, initiative_id)."""
    n = len(base)
    w = np.array([normalize_weights(r) for r in weight_rows], dtype="float64").reshape(-1, 3)
    low_cost = 1.0 - base["norm_cost"].to_numpy(dtype="float64")
    benefit = base["norm_benefit"].to_numpy(dtype="float64")
    value = base["norm_value"].fillna(0.0).to_numpy(dtype="float64")
    scores = w[:, 0:1] * low_cost + w[:, 1:2] * benefit + w[:, 2:3] * value
    rounded = np.array([[-round(float(x), SCORE_DECIMALS) for x in row] for row in scores],
                       dtype="float64").reshape(len(w), n)
    ids = [str(x) for x in base["initiative_id"]]
    by_id = np.empty(n, dtype="int64")
    by_id[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    ranks = np.empty((len(w), n), dtype="int64")
    for k in range(len(w)):
        order = np.lexsort((by_id, rounded[k]))
        ranks[k, order] = np.arange(1, n + 1)
    return ranks


def rank_sensitivity(inputs_df: pd.DataFrame, weights: Sequence[float] = DEFAULT_WEIGHTS,
                     step: float = 0.1, top_k: int = 8) -> pd.DataFrame:
    """How each initiative's rank moves over the weight grid around `weights`.

    rank: at the chosen weights; best_rank / worst_rank / rank_spread: over the grid
    (weight_grid); top_k_share: the share of grid points at which it ranks in the top
    `top_k`; verdict: "always in top k", "never in top k" or "depends on the weights";
    spread_<weight>: the rank range when only that weight moves by +-step;
    most_sensitive_to: the weight with the largest such range ("none" if no single move
    changes the rank). Rows in the order of the chosen ranking.

    The initiatives are ranked once (priority_ranking); the whole grid and the single
    moves are then scored together in one vectorised step (_grid_ranks).
    """
    w = normalize_weights(weights)
    base = priority_ranking(inputs_df, w)
    ids = [str(x) for x in base["initiative_id"]]
    grid = weight_grid(w, step)
    moves: dict[str, list[list[float]]] = {}
    for j, name in enumerate(WEIGHT_NAMES):
        moves[name] = [list(w)]
        for d in (-step, step):
            raw = list(w)
            raw[j] = max(0.0, raw[j] + d)
            if sum(raw) > 0:
                moves[name].append(raw)
    rows_of_weights = [*grid, *(r for name in WEIGHT_NAMES for r in moves[name])]
    all_ranks = _grid_ranks(base, rows_of_weights)
    grid_ranks = all_ranks[:len(grid)]
    single: dict[str, np.ndarray] = {}
    at = len(grid)
    for name in WEIGHT_NAMES:
        single[name] = all_ranks[at:at + len(moves[name])]
        at += len(moves[name])
    rows = []
    for pos, (i, rank) in enumerate(zip(ids, base["rank"].astype(int), strict=True)):
        ranks = [int(r) for r in grid_ranks[:, pos]]
        share = sum(1 for r in ranks if r <= top_k) / len(ranks)
        spreads = {n: int(single[n][:, pos].max() - single[n][:, pos].min())
                   for n in WEIGHT_NAMES}
        top = max(spreads.values())
        most = next(n for n in WEIGHT_NAMES if spreads[n] == top) if top > 0 else "none"
        verdict = ("always in top k" if share == 1 else
                   "never in top k" if share == 0 else "depends on the weights")
        rows.append((i, rank, min(ranks), max(ranks), max(ranks) - min(ranks), share,
                     verdict.replace("top k", f"top {top_k}"), most,
                     spreads["cost"], spreads["benefit"], spreads["value"]))
    out = pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
    for c in ("is_priority", "category", "name"):  # inserted in reverse: name comes first
        if c in base.columns:
            out.insert(1, c, base[c].to_numpy())
    return out


# --------------------------------------------------------------------------------------
# NPV, payback, benefit-cost ratio
# --------------------------------------------------------------------------------------
def npv(cashflow_df: pd.DataFrame) -> float:
    """Net present value: the sum of discounted_net_usd (0 when there are no rows)."""
    _require(cashflow_df, ("discounted_net_usd",), "NPV")
    return math.fsum(float(x) for x in cashflow_df["discounted_net_usd"].fillna(0.0))


def payback_year(cashflow_df: pd.DataFrame) -> int | None:
    """The first fiscal year whose cumulative (benefit - cost) from y0 on is >= 0.

    Cumulative sums are taken here from net_usd in year order (compared at a micro-dollar
    so float noise never decides); None when it never is, or when there are no rows.
    """
    _require(cashflow_df, ("fiscal_year", "net_usd"), "payback year")
    running = 0.0
    for year, net in sorted(zip(cashflow_df["fiscal_year"], cashflow_df["net_usd"],
                                strict=True)):
        running += float(net)
        if round(running, MONEY_DECIMALS) >= 0:
            return int(year)
    return None


def benefit_cost_ratio(total_benefit: float, total_cost: float) -> float | None:
    """Benefit / cost; None when the cost is 0."""
    return None if float(total_cost) == 0 else float(total_benefit) / float(total_cost)


MEASURE_COLUMNS = [
    "initiative_id", "name", "total_cost_usd", "total_benefit_usd", "net_benefit_usd",
    "benefit_cost_ratio", "npv_usd", "payback_year",
]


def financial_measures(initiatives_df: pd.DataFrame, by_year_df: pd.DataFrame) -> pd.DataFrame:
    """NPV, payback year and benefit-cost ratio per initiative.

    initiatives_df: the kept initiatives (initiative_id, name; e.g. cost_by_initiative);
    by_year_df: queries/cashflow_by_initiative_year.sql (initiative_id, fiscal_year,
    cost_usd, benefit_usd, net_usd, discounted_net_usd), discounted to the portfolio's y0
    so the initiatives' NPVs add up to the portfolio's. An initiative without rows has
    cost and benefit 0, NPV 0, no payback year and no ratio.
    """
    _require(initiatives_df, ("initiative_id",), "financial measures")
    _require(by_year_df, ("initiative_id", "fiscal_year", "cost_usd", "benefit_usd", "net_usd",
                          "discounted_net_usd"), "financial measures")
    groups = {str(k): g for k, g in by_year_df.groupby("initiative_id", sort=False)}
    rows = []
    for _, r in initiatives_df.iterrows():
        i = str(r["initiative_id"])
        g = groups.get(i, by_year_df.iloc[0:0])
        cost = math.fsum(float(x) for x in g["cost_usd"])
        benefit = math.fsum(float(x) for x in g["benefit_usd"])
        rows.append((i, r.get("name", i), cost, benefit, benefit - cost,
                     benefit_cost_ratio(benefit, cost), npv(g), payback_year(g)))
    out = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    out["benefit_cost_ratio"] = out["benefit_cost_ratio"].astype("float64")
    out["payback_year"] = out["payback_year"].astype("Int64")
    return out


# --------------------------------------------------------------------------------------
# what changed between two snapshots
# --------------------------------------------------------------------------------------
# summary column (queries/initiative_summary.sql) -> stem of the comparison's columns
COMPARED: dict[str, str] = {
    "total_cost_usd": "cost",
    "total_benefit_usd": "benefit",
    "agencies_committed": "orgs_committed",
    "agency_pledged_usd": "agency_pledged",
    "pledged_contributions_usd": "pledged_contributions",
    "paid_contributions_usd": "paid_contributions",
}
_COUNTS = {"agencies_committed"}


def compared_columns(stem: str) -> tuple[str, str, str]:
    suffix = "" if stem == "orgs_committed" else "_usd"
    return (f"{stem}_before{suffix}", f"{stem}_after{suffix}", f"{stem}_change{suffix}")


def compare_snapshots(before_df: pd.DataFrame, after_df: pd.DataFrame) -> pd.DataFrame:
    """Each initiative's figures before, after and the change, one row per initiative in
    either snapshot (sorted by initiative_id).

    status: "added" (only after), "removed" (only before), "changed" or "unchanged".
    An initiative missing from a snapshot has empty values there, and counts as 0 in the
    change, so the changes add up to the change of the portfolio's totals.
    cost_change_pct: the cost change as a percentage of the cost before (empty when the
    cost before is 0 or missing); benefit_change_pct likewise.
    """
    for df, what in ((before_df, "before"), (after_df, "after")):
        _require(df, ("initiative_id", *COMPARED), f"snapshot summary ({what})")
    b = before_df.set_index(before_df["initiative_id"].astype(str))
    a = after_df.set_index(after_df["initiative_id"].astype(str))
    ids = sorted(set(b.index) | set(a.index))
    rows = []
    for i in ids:
        in_b, in_a = i in b.index, i in a.index
        src = a.loc[i] if in_a else b.loc[i]
        row: dict[str, object] = {
            "initiative_id": i,
            "name": src.get("name", i),
            "category": src.get("category", None),
        }
        changed = False
        for col, stem in COMPARED.items():
            before = float(b.at[i, col]) if in_b else math.nan
            after = float(a.at[i, col]) if in_a else math.nan
            change = (0.0 if math.isnan(after) else after) - (0.0 if math.isnan(before) else before)
            if col in _COUNTS:
                change = round(change)
            cb, ca, cc = compared_columns(stem)
            row[cb], row[ca], row[cc] = before, after, change
            changed = changed or round(change, MONEY_DECIMALS) != 0
        row["status"] = ("added" if not in_b else "removed" if not in_a
                         else "changed" if changed else "unchanged")
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        out = pd.DataFrame(columns=["initiative_id", "name", "category", "status",
                                    *[c for s in COMPARED.values() for c in compared_columns(s)]])
    for stem in ("cost", "benefit"):
        cb, _, cc = compared_columns(stem)
        before = pd.to_numeric(out[cb], errors="coerce").astype("float64")
        change = pd.to_numeric(out[cc], errors="coerce").astype("float64")
        out[f"{stem}_change_pct"] = (change / before * 100).where(before > 0)
    for stem in ("orgs_committed",):
        for c in compared_columns(stem):
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    lead = ["initiative_id", "name", "category", "status"]
    return out[lead + [c for c in out.columns if c not in lead]]


_PHRASES = {
    "cost": "cost estimate",
    "benefit": "expected benefit",
    "agency_pledged": "organizations' pledges",
    "pledged_contributions": "pledged contributions",
    "paid_contributions": "paid contributions",
}


def _signed_usd(x: float) -> str:
    from dashboard.formatting import format_usd

    return ("+" if x > 0 else "-") + format_usd(abs(x))


def change_summary(changes_df: pd.DataFrame, since: str, top_n: int = 5) -> list[str]:
    """Plain-language lines on the largest changes, e.g.
    "Enterprise resource planning systems: cost estimate up 12% (+$3.4M) since 2005-09-01".

    Initiatives added or removed come first, then the `top_n` largest money changes of
    initiatives in both snapshots (by absolute amount), then the largest changes in the
    number of committed organizations (at most half of `top_n`, at least one).
    """
    from dashboard.formatting import format_usd

    lines: list[str] = []
    for _, r in changes_df[changes_df["status"] == "added"].iterrows():
        lines.append(f"{r['name']}: new since {since} (cost {format_usd(r['cost_after_usd'])}, "
                     f"benefit {format_usd(r['benefit_after_usd'])})")
    for _, r in changes_df[changes_df["status"] == "removed"].iterrows():
        lines.append(f"{r['name']}: no longer in the portfolio since {since} (cost was "
                     f"{format_usd(r['cost_before_usd'])})")
    both = changes_df[changes_df["status"].isin(["changed", "unchanged"])]
    money: list[tuple[float, str, str]] = []
    for _, r in both.iterrows():
        for stem, phrase in _PHRASES.items():
            cb, _, cc = compared_columns(stem)
            change, before = float(r[cc]), float(r[cb])
            if round(change, MONEY_DECIMALS) == 0:
                continue
            direction = "up" if change > 0 else "down"
            if before > 0:
                pct = abs(change) / before * 100
                pct_text = f"{pct:.0f}%" if pct >= 1 else f"{pct:.1f}%"
                text = f"{r['name']}: {phrase} {direction} {pct_text} ({_signed_usd(change)}) since {since}"
            else:
                text = f"{r['name']}: {phrase} {direction} {_signed_usd(change)} (from $0) since {since}"
            money.append((abs(change), str(r["initiative_id"]), text))
    money.sort(key=lambda t: (-t[0], t[1]))
    lines.extend(t[2] for t in money[:top_n])
    cb, ca, cc = compared_columns("orgs_committed")
    moved = both[both[cc].fillna(0).astype(int) != 0]
    moved = moved.reindex(moved[cc].astype(int).abs().sort_values(ascending=False,
                                                                   kind="stable").index)
    for _, r in moved.head(max(1, top_n // 2)).iterrows():
        lines.append(f"{r['name']}: committed organizations {int(r[cb])} → {int(r[ca])} "
                     f"since {since}")
    if not lines:
        lines.append(f"No change in cost, benefit, commitments or funding since {since}.")
    return lines
