"""The priority score (data/README.md, "Priority score"), as pure functions: C = total cost,
B = total benefit, V = mean relative value (null when an initiative has no commitment rows).
Each is min-max normalized across the kept initiatives to [0, 1] (where max == min every value
is 1; V over its non-null values, a null V scores 0 on value), and
``score = w_cost * (1 - norm(C)) + w_benefit * norm(B) + w_value * norm(V)``
with the weights scaled to sum to 1. Rank 1 is the highest score, compared rounded to
9 decimals; ties go to the smaller initiative_id. The rank a reader is shown
(`ranks_with_ties`) is the standard competition ranking of the scores as shown (3
decimals): equal scores share the rank of the first of them (1, 1, 3), shown "=1"
(`formatting.format_rank`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

WEIGHT_NAMES: tuple[str, str, str] = ("cost", "benefit", "value")
DEFAULT_WEIGHTS: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
SCORE_DECIMALS = 9
SCORE_UNIT = 10**SCORE_DECIMALS


class AnalyticsError(ValueError):
    """A user's input the analysis cannot use (weights, budget, missing columns)."""


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


def require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
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
    return int(round(round(float(score), SCORE_DECIMALS) * SCORE_UNIT))


SCORE_SHOWN = 3  # the decimals a score is shown with: scores equal at these share a rank


def shown_scores(scores: Sequence[float]) -> np.ndarray:
    """The scores as a reader sees them, rounded to SCORE_SHOWN decimals (Python's round,
    as the labels' f'{score:.3f}')."""
    return np.array([round(float(s), SCORE_SHOWN) for s in scores], dtype="float64")


def ranks_with_ties(scores: Sequence[float]) -> np.ndarray:
    """The standard competition ranking of `scores` ("1224"): 1 + the number of scores
    higher as shown (SCORE_SHOWN decimals), so scores a reader sees as equal share a
    rank and the next one is numbered by its place."""
    shown = shown_scores(scores)
    return 1 + (shown[None, :] > shown[:, None]).sum(axis=1)


def with_tied_ranks(ranking: pd.DataFrame) -> pd.DataFrame:
    """`ranking` (a `priority_ranking`, every kept initiative) with `rank_with_ties` (the
    rank a reader is shown: `ranks_with_ties`) and `is_tied` (its score equals another's)."""
    tied = ranks_with_ties(ranking["score"].to_numpy(dtype="float64"))
    counts = pd.Series(tied).value_counts()
    return ranking.assign(rank_with_ties=tied.astype("int64"),
                          is_tied=[bool(counts[r] > 1) for r in tied])


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
    require_columns(inputs_df,
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


# --- the same score over many draws at once (dashboard/analysis/ranges.py) ----------------


def minmax_rows(x: np.ndarray) -> np.ndarray:
    """`minmax` of each row of a (draws, initiatives) matrix without nulls: the same
    arithmetic, (x - min) / (max - min), and all 1 where a row's max == min."""
    lo = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - lo
    flat = span[:, 0] == 0
    out = x - lo
    out /= np.where(flat[:, None], 1.0, span)
    if flat.any():
        out[flat] = 1.0
    return out


def score_rows(cost: np.ndarray, benefit: np.ndarray, norm_value: np.ndarray,
               weights: Sequence[float]) -> np.ndarray:
    """The priority score of every initiative in every draw: `cost` and `benefit` are
    (draws, initiatives) matrices of C and B, `norm_value` the initiatives' norm(V) (null
    as 0, the same in every draw); the same terms, added in the same order, as
    `priority_ranking`."""
    w_cost, w_benefit, w_value = normalize_weights(weights)
    return (w_cost * (1.0 - minmax_rows(cost)) + w_benefit * minmax_rows(benefit)
            + w_value * np.asarray(norm_value, dtype=float))


def top_k_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """The column indices of each row's k best scores (draws, k), ranked as
    `priority_ranking` ranks: scores compared at 9 decimals, ties to the earlier
    column (the smaller initiative_id when the columns are in initiative_id order)."""
    n = scores.shape[1]
    units = np.rint(scores * SCORE_UNIT).astype(np.int64)  # in units of 1e-9
    key = units * n + (n - 1 - np.arange(n))  # unique: ties go to the smaller column
    return np.argpartition(-key, k - 1, axis=1)[:, :k]
