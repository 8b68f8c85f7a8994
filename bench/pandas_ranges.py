"""The pandas twins of the ranges' named queries (queries/range_lines.sql and
queries/range_factors.sql), written apart from the SQL on purpose: the benchmark's
comparison column and, in tests/bench/test_bench.py, the independent oracle of the pages
that show the ranges (Costs & benefits, Prioritization, Initiative detail). Used by
bench/pages.py `PandasData`, whose filtered lines (`f_costs`, `f_benefits`) they read."""

from __future__ import annotations

import pandas as pd

from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.contract.schema import COST_RANGE_CLASSES, RANGE_DEFAULTS

LINE_KEYS = ["initiative_id", "side", "range_class", "fiscal_year"]
COST_CLASS = {recurring: name for name, recurring in COST_RANGE_CLASSES.items()}


def range_lines(data, f, discount_rate: float = DEFAULT_DISCOUNT_RATE) -> pd.DataFrame:
    """The filtered lines summed per initiative, side, class and fiscal year, each sum
    discounted to y0 (the first year of the range, else the earliest year among them)."""
    cost = data.f_costs(f)
    benefit = data.f_benefits(f)
    lines = pd.concat([
        pd.DataFrame({"initiative_id": cost["initiative_id"], "side": "cost",
                      "range_class": cost["is_recurring"].astype(bool).map(COST_CLASS),
                      "fiscal_year": cost["fiscal_year"], "amount_usd": cost["amount_usd"]}),
        pd.DataFrame({"initiative_id": benefit["initiative_id"], "side": "benefit",
                      "range_class": benefit["confidence"],
                      "fiscal_year": benefit["fiscal_year"],
                      "amount_usd": benefit["amount_usd"]}),
    ])
    out = lines.groupby(LINE_KEYS, as_index=False)["amount_usd"].sum().sort_values(LINE_KEYS)
    y0 = f.year_from if f.year_from is not None else (
        out["fiscal_year"].min() if len(out) else 0)
    out["discounted_usd"] = out["amount_usd"] / (1 + discount_rate) ** (
        out["fiscal_year"] - y0).astype("float64")
    return out.reset_index(drop=True)


def range_factors(data, f) -> pd.DataFrame:
    """Every class's factors: the snapshot's `ranges` row, else the contract's default."""
    given = data.t.get("ranges")
    rows = []
    for d in RANGE_DEFAULTS:
        mine = (given[(given["side"] == d.side) & (given["range_class"] == d.range_class)]
                if given is not None else pd.DataFrame())
        rows.append((d.side, d.range_class,
                     float(mine["low_factor"].iloc[0]) if len(mine) else d.low_factor,
                     float(mine["high_factor"].iloc[0]) if len(mine) else d.high_factor,
                     bool(len(mine))))
    return pd.DataFrame(rows, columns=["side", "range_class", "low_factor", "high_factor",
                                       "from_snapshot"])
