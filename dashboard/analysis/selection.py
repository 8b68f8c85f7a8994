"""Budget selection: the subset whose total cost fits the budget with the highest summed
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
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from dashboard.analysis.scoring import (
    SCORE_DECIMALS,
    SCORE_UNIT,
    AnalyticsError,
    require_columns,
    score_units,
)
from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _


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
        require_columns(ranking_df, ("initiative_id", "total_cost_usd", "score"), "budget selection")
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


@dataclass
class _Core:
    """The core items in score/cost order with their prefix sums, and the window being
    decided: items before `s` are fixed in, items after `t` fixed out."""

    costs: list[int]
    scores: list[int]
    bits: list[int]
    cap: int
    s: int = 0
    t: int = -1

    def __post_init__(self) -> None:
        self.m = len(self.costs)
        self.pc_sum, self.ps_sum = [0], [0]  # prefix sums of cost and score
        for c, sc in zip(self.costs, self.scores, strict=True):
            self.pc_sum.append(self.pc_sum[-1] + c)
            self.ps_sum.append(self.ps_sum[-1] + sc)

    def greedy(self) -> tuple[int, int, int, int]:
        """(break item, cost, score, mask) of the greedy prefix that fits the budget."""
        brk, cost0, score0, mask0 = 0, 0, 0, 0
        while brk < self.m and cost0 + self.costs[brk] <= self.cap:
            cost0 += self.costs[brk]
            score0 += self.scores[brk]
            mask0 |= self.bits[brk]
            brk += 1
        return brk, cost0, score0, mask0

    def bound(self, state: tuple[int, int, int]) -> int | None:
        """Floor of the fractional-knapsack bound of a state's completions (exact)."""
        c, sc, _ = state
        costs, scores, pc_sum, ps_sum, cap = (self.costs, self.scores, self.pc_sum,
                                              self.ps_sum, self.cap)
        if c <= cap:  # fill the room with items after the core, best ratio first
            start = self.t + 1
            target = pc_sum[start] + (cap - c)
            j = bisect.bisect_right(pc_sum, target, lo=start) - 1
            ub = sc + ps_sum[j] - ps_sum[start]
            if j < self.m:
                ub += (target - pc_sum[j]) * scores[j] // costs[j]
            return ub
        # over the budget: remove items before the core, worst ratio first
        s = self.s
        over = c - cap
        j = bisect.bisect_right(pc_sum, pc_sum[s] - over, hi=s + 1) - 1
        if j < 0:
            return None  # cannot get back under the budget
        need = over - (pc_sum[s] - pc_sum[j + 1])
        loss = ps_sum[s] - ps_sum[j + 1] + (-(-need * scores[j] // costs[j]))
        return sc - loss

    def fill(self, state: tuple[int, int, int]) -> tuple[int, int, int]:
        """A feasible state completed greedily with the items after the core that fit
        (a better feasible set found early prunes more)."""
        c, sc, mask = state
        for j in range(self.t + 1, self.m):
            if c + self.costs[j] <= self.cap:
                c, sc, mask = c + self.costs[j], sc + self.scores[j], mask | self.bits[j]
        return (c, sc, mask)

    def decide_next(self, states: list[tuple[int, int, int]], take_next: bool
                    ) -> list[tuple[int, int, int]]:
        """The states after the item just after the core (add it or not) or just before
        it (keep it or remove it) is decided."""
        if take_next:
            self.t += 1
            c, sc, bit = self.costs[self.t], self.scores[self.t], self.bits[self.t]
            new = [(pc + c, ps + sc, pm | bit) for pc, ps, pm in states]
        else:
            self.s -= 1
            c, sc, bit = self.costs[self.s], self.scores[self.s], self.bits[self.s]
            new = [(pc - c, ps - sc, pm & ~bit) for pc, ps, pm in states]
        return _merge(states + new)


def _better(best: tuple[int, int, int], st: tuple[int, int, int]) -> tuple[int, int, int]:
    """The better of two feasible states: higher score, then lower cost, then the
    lexicographically smaller set."""
    if (st[1], -st[0]) > (best[1], -best[0]):
        return st
    if (st[1], st[0]) == (best[1], best[0]):
        return (st[0], st[1], _lex_smaller(st[2], best[2]))
    return best


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
    if not core:
        return (0, 0, 0), 0, 0, True
    k = _Core([items.cost[i] for i in core], [items.score[i] for i in core],
              [items.bit[i] for i in core], cap)
    brk, cost0, score0, mask0 = k.greedy()
    k.s, k.t = brk, brk - 1  # items < s fixed in, items > t fixed out; s..t decided
    states = [(cost0, score0, mask0)]
    best = k.fill(states[0])
    step = 0
    work = 0
    while k.s > 0 or k.t < k.m - 1:
        if work >= max_steps:
            # stopped: no set scores more than the best bound of the open states
            ub = max([best[1], *(k.bound(st) for st in states)])
            return best, ub, work, False
        take_next = (step % 2 == 0 and k.t < k.m - 1) or k.s == 0
        step += 1
        states = k.decide_next(states, take_next)
        # scores rise with cost along the list: the best feasible state is the last
        # one within the budget
        i = bisect.bisect_right(states, (cap, math.inf, 0)) - 1
        if i >= 0:
            for st in (states[i], k.fill(states[i])):
                best = _better(best, st)
        lower = best[1]
        states = [st for st in states if (ub := k.bound(st)) is not None and ub >= lower]
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
            return _("optimal")
        if self.gap == 0:  # the best score, but a tie may be unresolved
            return _("the best possible score (tie-break not proven)")
        return _("within {percent} of the best possible score").format(
            percent=percent_up(self.gap))

    def bound_up(self, decimals: int) -> float:
        """The bound as a score rounded up to `decimals` (a limit that still holds)."""
        unit = 10 ** (SCORE_DECIMALS - decimals)
        return -(-self.bound_units // unit) / 10**decimals

    def explanation(self) -> str:
        """The statement with its grounds, for the page and the export's metadata."""
        if self.optimal:
            return _("optimal: the exact search proved that no selection within the budget "
                     "scores more")
        return _("{statement}: the best selection found when the search reached its step "
                 "limit; no selection within the budget can score more than {bound}").format(
            statement=self.statement(), bound=numbers.number(self.bound_units / SCORE_UNIT, 9))


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
    decimals = len(text.partition(".")[2])  # in the reader's language: "0,02 %"
    return numbers.plain_percent(float(up) / 100, decimals)


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
        return _("The exact best selection under the budget.")
    return _("The best selection found under the budget, {statement} (the search stops at its "
             "step limit so that no answer takes more than about a second).").format(
        statement=optimality.statement())


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
        "total_score": sum(score_units(s) for s in chosen["score"]) / SCORE_UNIT,
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
        return (items.usd_up(budget_units), (score + base) / SCORE_UNIT, items.usd(cost),
                len(members), ", ".join(members), (bound + base) / SCORE_UNIT)

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
    out.attrs["frontier"] = EXACT_FRONTIER if not levels else _levels_statement(levels)
    return out


# the statement of an exact frontier, as the export's metadata records it (English); said
# in the reader's language by `frontier_statement`
EXACT_FRONTIER = N_("exact: every step of the frontier, each selection optimal")


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
    if value == EXACT_FRONTIER:
        return _(EXACT_FRONTIER)
    return value if isinstance(value, str) else None
