"""Rank sensitivity: how each initiative's rank moves over a grid of weights around the chosen
ones (data/README.md, "Rank sensitivity").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard.analysis import scoring
from dashboard.analysis.scoring import (
    DEFAULT_WEIGHTS,
    SCORE_DECIMALS,
    WEIGHT_NAMES,
    AnalyticsError,
    normalize_weights,
)

STEP = 0.1  # how far each weight moves up or down (data/README.md, "How initiatives are ranked")

SENSITIVITY_COLUMNS = [
    "initiative_id", "rank", "best_rank", "worst_rank", "rank_spread", "top_k_share",
    "verdict", "most_sensitive_to", "spread_cost", "spread_benefit", "spread_value",
]


def weight_grid(weights: Sequence[float], step: float = STEP) -> list[tuple[float, float, float]]:
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


def _grid_ranks(base: pd.DataFrame, weight_rows: Sequence[Sequence[float]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """The rank of each initiative of `base` (a priority_ranking, rank order) under each
    row of weights, scored in one vectorised step: two arrays (weights, initiatives), the
    ranks and the ranks as shown (`scoring.ranks_with_ties`: equal scores share one).

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
    tied = np.empty((len(w), n), dtype="int64")
    for k in range(len(w)):
        order = np.lexsort((by_id, rounded[k]))
        ranks[k, order] = np.arange(1, n + 1)
        tied[k] = scoring.ranks_with_ties(scores[k])
    return ranks, tied


def rank_sensitivity(inputs_df: pd.DataFrame, weights: Sequence[float] = DEFAULT_WEIGHTS,
                     step: float = STEP, top_k: int = 8) -> pd.DataFrame:
    """How each initiative's rank moves over the weight grid around `weights`.

    rank: at the chosen weights; best_rank / worst_rank / rank_spread: over the grid
    (weight_grid); all three are ranks as a reader is shown them, equal scores sharing
    one (`scoring.ranks_with_ties`); top_k_share: the share of grid points at which it ranks in the top
    `top_k`; verdict: "always in top k", "never in top k" or "depends on the weights";
    spread_<weight>: the rank range when only that weight moves by +-step;
    most_sensitive_to: the weight with the largest such range ("none" if no single move
    changes the rank). Rows in the order of the chosen ranking.

    The initiatives are ranked once (priority_ranking); the whole grid and the single
    moves are then scored together in one vectorised step (_grid_ranks).
    """
    w = normalize_weights(weights)
    base = scoring.priority_ranking(inputs_df, w)
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
    in_order, all_ranks = _grid_ranks(base, rows_of_weights)
    grid_order, grid_ranks = in_order[:len(grid)], all_ranks[:len(grid)]
    shown = scoring.ranks_with_ties(base["score"].to_numpy(dtype="float64"))
    single: dict[str, np.ndarray] = {}
    at = len(grid)
    for name in WEIGHT_NAMES:
        single[name] = all_ranks[at:at + len(moves[name])]
        at += len(moves[name])
    rows = []
    for pos, (i, rank) in enumerate(zip(ids, shown, strict=True)):
        ranks = [int(r) for r in grid_ranks[:, pos]]
        # a place in the top k as the model's top eight counts it (ties by code)
        share = sum(1 for r in grid_order[:, pos] if r <= top_k) / len(ranks)
        spreads = {n: int(single[n][:, pos].max() - single[n][:, pos].min())
                   for n in WEIGHT_NAMES}
        top = max(spreads.values())
        most = next(n for n in WEIGHT_NAMES if spreads[n] == top) if top > 0 else "none"
        verdict = ("always in top k" if share == 1 else
                   "never in top k" if share == 0 else "depends on the weights")
        rows.append((i, int(rank), min(ranks), max(ranks), max(ranks) - min(ranks), share,
                     verdict.replace("top k", f"top {top_k}"), most,
                     spreads["cost"], spreads["benefit"], spreads["value"]))
    out = pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
    for c in ("is_priority", "category", "name"):  # inserted in reverse: name comes first
        if c in base.columns:
            out.insert(1, c, base[c].to_numpy())
    return out
