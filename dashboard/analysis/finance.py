"""NPV, payback year and benefit-cost ratio, from the per-year cash flows of
queries/cashflow_by_year.sql (or the per-initiative ones of
queries/cashflow_by_initiative_year.sql); cumulative cash flows compared to 0 at a micro-dollar.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis.scoring import require_columns

MONEY_DECIMALS = 6  # cumulative cash flows are compared to 0 at a micro-dollar


def npv(cashflow_df: pd.DataFrame) -> float:
    """Net present value: the sum of discounted_net_usd (0 when there are no rows)."""
    require_columns(cashflow_df, ("discounted_net_usd",), "NPV")
    return math.fsum(float(x) for x in cashflow_df["discounted_net_usd"].fillna(0.0))


def payback_year(cashflow_df: pd.DataFrame) -> int | None:
    """The first fiscal year whose cumulative (benefit - cost) from y0 on is >= 0.

    Cumulative sums are taken here from net_usd in year order (compared at a micro-dollar
    so float noise never decides); None when it never is, or when there are no rows.
    """
    require_columns(cashflow_df, ("fiscal_year", "net_usd"), "payback year")
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
    require_columns(initiatives_df, ("initiative_id",), "financial measures")
    require_columns(by_year_df, ("initiative_id", "fiscal_year", "cost_usd", "benefit_usd", "net_usd",
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
