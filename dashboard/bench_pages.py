"""What the benchmark times: each page's named queries, and the same work done by pandas.

- `PAGE_QUERIES` lists, per page (the url paths of st.navigation), the named queries of
  queries/*.sql that the page runs, with their extra parameters. It mirrors what the page
  files and dashboard/chart_data.py call; a test keeps the two in step.
- `filter_variants` gives the varying filters of the timed runs (agencies, categories,
  initiatives, priority, year ranges), deterministic for a seed.
- `PandasData` is the baseline: the six tables loaded into pandas DataFrames first, then
  each named query re-done with pandas operations under the same filter meanings
  (data/README.md, "Filters"). tests/test_bench.py checks both engines agree on the
  fixture, and on its hand-worked figures.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.filters import Filters
from dashboard.schema import TABLES

# page -> [(query name, extra parameters)]; the order of st.navigation.
PAGE_QUERIES: dict[str, list[tuple[str, dict[str, object]]]] = {
    "overview": [
        ("kpis", {}),
        ("cost_by_initiative", {}),
        ("cashflow_by_year", {"discount_rate": DEFAULT_DISCOUNT_RATE}),
    ],
    "costs-benefits": [
        ("cost_by_initiative", {}),
        ("cashflow_by_year", {"discount_rate": DEFAULT_DISCOUNT_RATE}),
    ],
    "agency-commitment": [
        ("commitment_matrix", {}),
    ],
    "funding": [
        ("kpis", {}),
        ("contributions_by_donor", {}),
        ("funding_gap", {}),
    ],
    "prioritization": [
        ("priority_inputs", {}),
    ],
}


# -- the filters of the timed runs ---------------------------------------------------------
@dataclass(frozen=True)
class Domain:
    """The values filters are drawn from: read from a snapshot's small tables and metadata."""

    as_of: str
    agencies: tuple[str, ...]
    categories: tuple[str, ...]
    initiatives: tuple[str, ...]
    year_min: int
    year_max: int


def read_domain(snapshot_dir: Path, as_of: str) -> Domain:
    ini = pq.read_table(snapshot_dir / TABLES["initiatives"].file_name,
                        columns=["initiative_id", "category"])
    ag = pq.read_table(snapshot_dir / TABLES["agencies"].file_name, columns=["agency_code"])
    lo, hi = [], []
    for table in ("costs", "benefits"):  # from the Parquet statistics: no full read
        meta = pq.ParquetFile(snapshot_dir / TABLES[table].file_name).metadata
        col = meta.schema.names.index("fiscal_year")
        for g in range(meta.num_row_groups):
            stats = meta.row_group(g).column(col).statistics
            if stats is not None and stats.has_min_max:
                lo.append(stats.min)
                hi.append(stats.max)
    return Domain(
        as_of=as_of,
        agencies=tuple(sorted(ag["agency_code"].to_pylist())),
        categories=tuple(sorted(set(ini["category"].to_pylist()))),
        initiatives=tuple(sorted(ini["initiative_id"].to_pylist())),
        year_min=int(min(lo)) if lo else 2000,
        year_max=int(max(hi)) if hi else 2000,
    )


def filter_variants(domain: Domain, runs: int, seed: int = 2005) -> list[Filters]:
    """`runs` filter states, cycling through the kinds of filter a user sets."""
    rng = random.Random(seed)
    out: list[Filters] = []
    base = Filters(snapshot=domain.as_of)
    for i in range(runs):
        kind = i % 8
        a = domain.agencies
        years = list(range(domain.year_min, domain.year_max + 1))
        y0 = rng.choice(years)
        y1 = rng.choice([y for y in years if y >= y0])
        if kind == 0:
            f = base
        elif kind == 1:
            f = base.with_(agencies=tuple(rng.sample(a, 1)))
        elif kind == 2:
            f = base.with_(agencies=tuple(rng.sample(a, min(3, len(a)))), year_from=y0, year_to=y1)
        elif kind == 3:
            f = base.with_(categories=tuple(rng.sample(domain.categories, 1)))
        elif kind == 4:
            f = base.with_(priority_only=True, year_from=y0)
        elif kind == 5:
            f = base.with_(year_from=y0, year_to=y1)
        elif kind == 6:
            f = base.with_(initiatives=tuple(rng.sample(domain.initiatives,
                                                        min(3, len(domain.initiatives)))))
        else:
            f = base.with_(categories=tuple(rng.sample(domain.categories,
                                                       min(2, len(domain.categories)))),
                           agencies=tuple(rng.sample(a, min(2, len(a)))), priority_only=True)
        out.append(f)
    return out


# -- the pandas baseline -------------------------------------------------------------------
LEVEL_RANK = {"none": 0, "interested": 1, "participating": 2, "committed": 3, "lead": 4}


class PandasData:
    """A snapshot's six tables in memory as DataFrames, and each named query done in pandas."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self.t = frames
        self.queries: dict[str, Callable[..., pd.DataFrame]] = {
            "kpis": self.kpis,
            "cost_by_initiative": self.cost_by_initiative,
            "cashflow_by_year": self.cashflow_by_year,
            "commitment_matrix": self.commitment_matrix,
            "contributions_by_donor": self.contributions_by_donor,
            "funding_gap": self.funding_gap,
            "priority_inputs": self.priority_inputs,
        }

    @classmethod
    def load(cls, snapshot_dir: Path) -> PandasData:
        return cls({name: pd.read_parquet(snapshot_dir / spec.file_name)
                    for name, spec in TABLES.items()})

    def query(self, name: str, f: Filters, **extra: object) -> pd.DataFrame:
        return self.queries[name](f, **extra)

    # the filter meanings, as in queries/_filtered.sql
    def f_initiatives(self, f: Filters) -> pd.DataFrame:
        i = self.t["initiatives"]
        m = np.ones(len(i), dtype=bool)
        if f.categories:
            m = m & i["category"].isin(f.categories).to_numpy()
        if f.initiatives:
            m = m & i["initiative_id"].isin(f.initiatives).to_numpy()
        if f.priority_only:
            m = m & i["is_priority"].to_numpy(dtype=bool)
        return i[m]

    def _lines(self, table: str, f: Filters) -> pd.DataFrame:
        d = self.t[table]
        m = d["initiative_id"].isin(self.f_initiatives(f)["initiative_id"]).to_numpy()
        if f.agencies:
            m = m & d["agency_code"].isin(f.agencies).to_numpy()  # null never matches
        if f.year_from is not None:
            m = m & (d["fiscal_year"] >= f.year_from).to_numpy()
        if f.year_to is not None:
            m = m & (d["fiscal_year"] <= f.year_to).to_numpy()
        return d[m]

    def f_costs(self, f: Filters) -> pd.DataFrame:
        return self._lines("costs", f)

    def f_benefits(self, f: Filters) -> pd.DataFrame:
        return self._lines("benefits", f)

    def f_commitments(self, f: Filters) -> pd.DataFrame:
        d = self.t["commitments"]
        m = d["initiative_id"].isin(self.f_initiatives(f)["initiative_id"]).to_numpy()
        if f.agencies:
            m = m & d["agency_code"].isin(f.agencies).to_numpy()
        return d[m]

    def f_contributions(self, f: Filters) -> pd.DataFrame:
        d = self.t["contributions"]
        kept = d["initiative_id"].isin(self.f_initiatives(f)["initiative_id"]).to_numpy()
        if not f.initiative_filter_set:
            kept = kept | d["initiative_id"].isna().to_numpy()
        year = pd.to_datetime(d["date"]).dt.year
        if f.year_from is not None:
            kept = kept & (year >= f.year_from).to_numpy()
        if f.year_to is not None:
            kept = kept & (year <= f.year_to).to_numpy()
        return d[kept]

    # the named queries
    def _gap(self, f: Filters) -> pd.DataFrame:
        kept = self.f_initiatives(f)[["initiative_id", "name", "category", "funding_target_usd"]]
        pledged = (self.f_commitments(f).groupby("initiative_id")["pledged_usd"].sum()
                   .rename("agency_pledged_usd"))
        k = self.f_contributions(f)
        k = k[(k["status"] == "paid") & k["initiative_id"].notna()]
        paid = k.groupby("initiative_id")["amount_usd"].sum().rename("paid_contributions_usd")
        out = kept.merge(pledged, how="left", left_on="initiative_id", right_index=True)
        out = out.merge(paid, how="left", left_on="initiative_id", right_index=True)
        out["agency_pledged_usd"] = out["agency_pledged_usd"].fillna(0.0)
        out["paid_contributions_usd"] = out["paid_contributions_usd"].fillna(0.0)
        gap = (out["funding_target_usd"] - out["agency_pledged_usd"]
               - out["paid_contributions_usd"]).clip(lower=0)
        out["funding_gap_usd"] = gap.where(out["funding_target_usd"].notna(), 0.0)
        return out.sort_values("initiative_id").reset_index(drop=True)

    def kpis(self, f: Filters) -> pd.DataFrame:
        cost = float(self.f_costs(f)["amount_usd"].sum())
        benefit = float(self.f_benefits(f)["amount_usd"].sum())
        m = self.f_commitments(f)
        committed = m.loc[m["commitment_level"].isin(["committed", "lead"]), "agency_code"].nunique()
        k = self.f_contributions(f)
        paid = float(k.loc[k["status"] == "paid", "amount_usd"].sum())
        pledged = float(k.loc[k["status"] == "pledged", "amount_usd"].sum())
        return pd.DataFrame([{
            "total_cost_usd": cost,
            "total_benefit_usd": benefit,
            "net_benefit_usd": benefit - cost,
            "benefit_cost_ratio": np.nan if cost == 0 else benefit / cost,
            "agencies_committed": int(committed),
            "contributions_paid_usd": paid,
            "contributions_pledged_usd": pledged,
            "funding_gap_usd": float(self._gap(f)["funding_gap_usd"].sum()),
        }])

    def _by_initiative(self, f: Filters, cols: list[str]) -> pd.DataFrame:
        kept = self.f_initiatives(f)[cols]
        cost = self.f_costs(f).groupby("initiative_id")["amount_usd"].sum().rename("total_cost_usd")
        benefit = (self.f_benefits(f).groupby("initiative_id")["amount_usd"].sum()
                   .rename("total_benefit_usd"))
        out = kept.merge(cost, how="left", left_on="initiative_id", right_index=True)
        out = out.merge(benefit, how="left", left_on="initiative_id", right_index=True)
        out["total_cost_usd"] = out["total_cost_usd"].fillna(0.0)
        out["total_benefit_usd"] = out["total_benefit_usd"].fillna(0.0)
        return out

    def cost_by_initiative(self, f: Filters) -> pd.DataFrame:
        out = self._by_initiative(f, ["initiative_id", "name", "category", "is_priority", "stage"])
        out["net_benefit_usd"] = out["total_benefit_usd"] - out["total_cost_usd"]
        return out.sort_values("initiative_id").reset_index(drop=True)

    def priority_inputs(self, f: Filters) -> pd.DataFrame:
        out = self._by_initiative(f, ["initiative_id", "name", "category", "is_priority"])
        value = (self.f_commitments(f).groupby("initiative_id")["relative_value"].mean()
                 .rename("mean_relative_value"))
        out = out.merge(value, how="left", left_on="initiative_id", right_index=True)
        return out.sort_values("initiative_id").reset_index(drop=True)

    def cashflow_by_year(self, f: Filters, discount_rate: float = DEFAULT_DISCOUNT_RATE
                         ) -> pd.DataFrame:
        cost = self.f_costs(f).groupby("fiscal_year")["amount_usd"].sum().rename("cost_usd")
        benefit = self.f_benefits(f).groupby("fiscal_year")["amount_usd"].sum().rename("benefit_usd")
        years = pd.concat([cost, benefit], axis=1).fillna(0.0).sort_index()
        years.index.name = "fiscal_year"
        out = years.reset_index()
        out["net_usd"] = out["benefit_usd"] - out["cost_usd"]
        out["cumulative_net_usd"] = out["net_usd"].cumsum()
        y0 = f.year_from if f.year_from is not None else (
            out["fiscal_year"].min() if len(out) else None)
        if y0 is None:
            out["discounted_net_usd"] = pd.Series(dtype="float64")
        else:
            out["discounted_net_usd"] = out["net_usd"] / (1 + discount_rate) ** (
                out["fiscal_year"] - y0).astype("float64")
        return out

    def commitment_matrix(self, f: Filters) -> pd.DataFrame:
        m = self.f_commitments(f)
        i = self.t["initiatives"][["initiative_id", "name", "category"]].rename(
            columns={"name": "initiative_name"})
        a = self.t["agencies"].rename(columns={"name": "agency_name"})
        out = m.merge(i, on="initiative_id").merge(a, on="agency_code")
        out["level_rank"] = out["commitment_level"].map(LEVEL_RANK)
        return out.sort_values(["initiative_id", "agency_code"]).reset_index(drop=True)

    def contributions_by_donor(self, f: Filters) -> pd.DataFrame:
        k = self.f_contributions(f)
        paid = k["amount_usd"].where(k["status"] == "paid", 0.0)
        pledged = k["amount_usd"].where(k["status"] == "pledged", 0.0)
        g = k.assign(paid_usd=paid, pledged_usd=pledged).groupby(
            ["donor", "donor_type"], as_index=False).agg(
            paid_usd=("paid_usd", "sum"), pledged_usd=("pledged_usd", "sum"),
            total_usd=("amount_usd", "sum"), contributions=("amount_usd", "size"))
        return g.sort_values(["paid_usd", "total_usd", "donor"],
                             ascending=[False, False, True]).reset_index(drop=True)

    def funding_gap(self, f: Filters) -> pd.DataFrame:
        return self._gap(f)
