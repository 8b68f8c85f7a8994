"""What the benchmark times: each page's named queries, and the same work done by pandas.

- `PAGES` gives, per page of the registry (dashboard/pages.py), what the page runs: the
  datasets of its charts, from the chart registry (dashboard/registry.py), and of its
  tiles and tables, over the engine's named queries of queries/*.sql, each distinct call
  once (the app caches repeats within a run). What changed is written out: the bench data
  has one snapshot, and the page compares two. tests/bench/test_bench.py runs each real page and
  checks the queries agree.
- `filter_variants` gives the varying filters of the timed runs (agencies, categories,
  initiatives, priority, year ranges), deterministic for a seed.
- `PandasData` is the baseline: the six tables loaded into pandas DataFrames first, then
  each named query re-done with pandas operations under the same filter meanings
  (data/README.md, "Filters"). tests/bench/test_bench.py checks both engines agree on the
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

from bench import pandas_ranges
from dashboard import pages as registry
from dashboard import registry as charts
from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.contract.schema import COMMITMENT_LEVELS, COMMITTED_LEVELS, CONFIDENCE_LEVELS, TABLES
from dashboard.output import tiles
from dashboard.query import chart_data
from dashboard.query.chart_data import Context
from dashboard.query.filters import Filters

Run = Callable[..., pd.DataFrame]  # (query name, filters, **extra) -> DataFrame
RATE = {"discount_rate": DEFAULT_DISCOUNT_RATE}


def _sidebar(q: Run, f: Filters) -> None:
    # dashboard/params.load_filter_options: once per snapshot (the app caches it per snapshot)
    bare = Filters(snapshot=f.snapshot)
    q("agency_list", bare)
    q("initiative_list", bare)
    q("year_span", bare)


def _context(q: Run, f: Filters) -> Context:
    """A page run's context over runner q: each distinct query once and each dataset once
    per run, as the app's caches give within a run (no Database: q answers)."""
    results: dict[tuple, pd.DataFrame] = {}
    datasets: dict[tuple, object] = {}

    def once(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        key = (name, filters, tuple(sorted(extra.items())))
        if key not in results:
            results[key] = q(name, filters, **extra)
        return results[key]

    def memo(fn: Callable, ctx: Context, options: tuple[str, ...], args: tuple) -> object:
        key = (fn, ctx.filters, tuple(getattr(ctx, o) for o in options), args)
        if key not in datasets:
            datasets[key] = fn(ctx, *args)
        return datasets[key]

    return Context(db=None, filters=f, runner=once, memo=memo)  # type: ignore[arg-type]


def _charts(ctx: Context, page: str, *args: object) -> None:
    """The datasets of the page's charts (the chart registry, dashboard/registry.py)."""
    for entry in charts.for_page(page):
        entry.dataset(ctx, *args)


def _overview(q: Run, f: Filters) -> None:
    ctx = _context(q, f)
    charts.KPIS.dataset(ctx)  # the headline tiles and their table
    tiles.scope_of(ctx)  # what they cover, their likely ranges (the simulation)
    _charts(ctx, "overview")


def _costs_benefits(q: Run, f: Filters) -> None:
    ctx = _context(q, f)
    chart_data.cashflow_by_year(ctx)  # the NPV and payback tiles
    _charts(ctx, "costs-benefits")


def _agency_commitment(q: Run, f: Filters) -> None:
    _charts(_context(q, f), "agency-commitment")


def _funding(q: Run, f: Filters) -> None:
    ctx = _context(q, f)
    charts.KPIS.dataset(ctx)  # the tiles
    chart_data.top_five_share(ctx)
    chart_data.paid_after_note(ctx)  # paid contributions dated after the as-of date
    _charts(ctx, "funding")
    charts.CONTRIBUTION_LIST.dataset(ctx)  # every contribution


def _initiative(q: Run, f: Filters) -> None:
    ctx = _context(q, f)
    kept = chart_data.cost_by_initiative(ctx)
    if kept.empty:
        return
    iid = str(kept["initiative_id"].iloc[0])  # the page's default
    chart_data.initiative_info(ctx, iid)
    chart_data.initiative_funding(ctx, iid)
    _charts(ctx, "initiative", iid)
    chart_data.initiative_commitments(ctx, iid)
    chart_data.initiative_contributions(ctx, iid)
    chart_data.initiative_paid_after_note(ctx, iid)


def _prioritization(q: Run, f: Filters) -> None:
    ctx = _context(q, f)
    _charts(ctx, "prioritization")
    charts.TOP_EIGHT_VS_FLAGGED.dataset(ctx)  # the model's top eight beside the flagged


def _what_changed(q: Run, f: Filters) -> None:
    # the page runs this on the sidebar's snapshot and on the one compared to; the bench
    # data has one snapshot, so the same work is done twice on it
    q("initiative_summary", f)
    q("initiative_summary", f)


# page (url path of the page registry, dashboard/pages.py) -> what it runs, in the page's
# order. "sidebar" is the filter options the app loads once per snapshot.
WORKLOADS: dict[str, Callable[[Run, Filters], None]] = {
    "overview": _overview,
    "costs-benefits": _costs_benefits,
    "agency-commitment": _agency_commitment,
    "funding": _funding,
    "initiative": _initiative,
    "prioritization": _prioritization,
    "what-changed": _what_changed,
}
NO_QUERIES = frozenset({"data-methods"})  # pages that run no named query
# every registered page is timed (a page added to the registry without a workload here
# stops the benchmark at import: KeyError)
PAGES: dict[str, Callable[[Run, Filters], None]] = {
    "sidebar": _sidebar,
    **{p.url_path: WORKLOADS[p.url_path] for p in registry.PAGES if p.url_path not in NO_QUERIES},
}


def page_query_names(page: str, q: Run, f: Filters) -> list[str]:
    """The named queries a page's workload runs (in order), recorded through runner q."""
    seen: list[str] = []

    def rec(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        seen.append(name)
        return q(name, filters, **extra)

    PAGES[page](rec, f)
    return seen


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
CONFIDENCE_ORDER = {level: i for i, level in enumerate(CONFIDENCE_LEVELS)}
LEVEL_RANK = {level: i for i, level in enumerate(COMMITMENT_LEVELS)}


class PandasData:
    """A snapshot's six tables in memory as DataFrames, and each named query done in pandas."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        k = frames["contributions"]
        # dates as datetime64, as DuckDB returns them (and so .dt.year works)
        frames = {**frames, "contributions": k.assign(date=pd.to_datetime(k["date"]))}
        self.t = frames
        self.queries: dict[str, Callable[..., pd.DataFrame]] = {
            "kpis": self.kpis,
            "cost_by_initiative": self.cost_by_initiative,
            "cashflow_by_year": self.cashflow_by_year,
            "cashflow_by_initiative_year": self.cashflow_by_initiative_year,
            "initiative_summary": self.initiative_summary,
            "commitment_matrix": self.commitment_matrix,
            "contributions_by_donor": self.contributions_by_donor,
            "funding_gap": self.funding_gap,
            "priority_inputs": self.priority_inputs,
            "agency_list": self.agency_list,
            "agency_share": self.agency_share,
            "cost_sharing": self.cost_sharing,
            "initiative_list": self.initiative_list,
            "year_span": self.year_span,
            "cost_benefit_by_year_category": self.cost_benefit_by_year_category,
            "cost_by_cost_category": self.cost_by_cost_category,
            "benefits_by_confidence": self.benefits_by_confidence,
            "contributions_by_donor_type": self.contributions_by_donor_type,
            "contributions_by_type": self.contributions_by_type,
            "contributions_by_year": self.contributions_by_year,
            "contribution_list": self.contribution_list,
            "paid_after_as_of": self.paid_after_as_of,
            "cost_by_year_cost_category": self.cost_by_year_cost_category,
            "benefit_by_year_confidence": self.benefit_by_year_confidence,
            "range_lines": lambda f, **kw: pandas_ranges.range_lines(self, f, **kw),
            "range_factors": lambda f: pandas_ranges.range_factors(self, f),
        }

    @classmethod
    def load(cls, snapshot_dir: Path) -> PandasData:
        return cls({name: TABLES[name].complete(pq.read_table(snapshot_dir / spec.file_name))
                    .to_pandas() for name, spec in TABLES.items()
                    if not spec.optional or (snapshot_dir / spec.file_name).exists()})

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
            # version 2 (dashboard/query/filters.py ORGANIZATION): own rows, plus shared rows
            # at S, the selection's summed cost_share; none where S is 0
            a = self.t["agencies"]
            share = float(a.loc[a["agency_code"].isin(f.agencies), "cost_share"].sum())
            shared = d["agency_code"].isna().to_numpy()
            own = d["agency_code"].isin(f.agencies).to_numpy()  # null never matches
            m = m & (own | (shared & (share > 0)))
            d = d.assign(amount_usd=np.where(shared, d["amount_usd"] * share, d["amount_usd"]))
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
        year = d["date"].dt.year
        if f.year_from is not None:
            kept = kept & (year >= f.year_from).to_numpy()
        if f.year_to is not None:
            kept = kept & (year <= f.year_to).to_numpy()
        return d[kept]

    # the named queries
    def _gap(self, f: Filters) -> pd.DataFrame:
        kept = self.f_initiatives(f)[["initiative_id", "name", "category", "funding_target_usd"]]
        # every organization's pledges, whatever the agency filter (version 2)
        pledged = (self.f_commitments(f.with_(agencies=())).groupby("initiative_id")["pledged_usd"].sum()
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
        committed = m.loc[m["commitment_level"].isin(COMMITTED_LEVELS), "agency_code"].nunique()
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
        return _discounted(out, f, discount_rate)

    def cashflow_by_initiative_year(self, f: Filters,
                                    discount_rate: float = DEFAULT_DISCOUNT_RATE) -> pd.DataFrame:
        keys = ["initiative_id", "fiscal_year"]
        cost = self.f_costs(f).groupby(keys)["amount_usd"].sum().rename("cost_usd")
        benefit = self.f_benefits(f).groupby(keys)["amount_usd"].sum().rename("benefit_usd")
        out = pd.concat([cost, benefit], axis=1).fillna(0.0).sort_index().reset_index()
        out["net_usd"] = out["benefit_usd"] - out["cost_usd"]
        out["cumulative_net_usd"] = out.groupby("initiative_id")["net_usd"].cumsum()
        return _discounted(out, f, discount_rate)  # the portfolio's y0

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
        # the query's order: the largest gap first, ties by code
        return self._gap(f).sort_values(["funding_gap_usd", "initiative_id"],
                                        ascending=[False, True]).reset_index(drop=True)

    def agency_share(self, f: Filters) -> pd.DataFrame:
        a = self.t["agencies"]
        chosen = a.loc[a["agency_code"].isin(f.agencies), "cost_share"]
        return pd.DataFrame([{"share": float(chosen.sum()),
                              "has_key": bool(chosen.notna().any()),
                              "snapshot_has_key": bool(a["cost_share"].notna().any())}])

    def cost_sharing(self, f: Filters) -> pd.DataFrame:
        # each organization alone, with its own share of the shared rows (version 2)
        everyone = f.with_(agencies=())
        a = self.t["agencies"]
        if f.agencies:
            a = a[a["agency_code"].isin(f.agencies)]
        s = a.set_index("agency_code")["cost_share"].fillna(0.0)
        out = a[["agency_code", "name", "cost_share"]].set_index("agency_code")
        for table, own, shared in (("costs", "own_cost_usd", "shared_cost_share_usd"),
                                   ("benefits", "own_benefit_usd", "shared_benefit_share_usd")):
            d = self._lines(table, everyone)
            out[own] = d.groupby("agency_code")["amount_usd"].sum().reindex(out.index).fillna(0.0)
            out[shared] = float(d.loc[d["agency_code"].isna(), "amount_usd"].sum()) * s
        out["cost_borne_usd"] = out["own_cost_usd"] + out["shared_cost_share_usd"]
        out["benefit_received_usd"] = out["own_benefit_usd"] + out["shared_benefit_share_usd"]
        pledged = self.f_commitments(everyone).groupby("agency_code")["pledged_usd"].sum()
        out["pledged_usd"] = pledged.reindex(out.index).fillna(0.0)
        out["net_usd"] = out["benefit_received_usd"] - out["cost_borne_usd"]
        out = out.reset_index()
        return out.sort_values(["cost_borne_usd", "agency_code"], ascending=[False, True],
                               kind="stable").reset_index(drop=True)

    def agency_list(self, f: Filters) -> pd.DataFrame:
        a = self.t["agencies"][["agency_code", "name", "agency_type"]]
        return a.sort_values("agency_code").reset_index(drop=True)

    def initiative_list(self, f: Filters) -> pd.DataFrame:
        i = self.f_initiatives(f)
        a = self.t["agencies"][["agency_code", "name"]].rename(
            columns={"agency_code": "lead_agency", "name": "lead_agency_name"})
        out = i.merge(a, how="left", on="lead_agency")
        return out[["initiative_id", "name", "category", "is_priority", "stage", "lead_agency",
                    "lead_agency_name", "funding_target_usd"]].sort_values(
            "initiative_id").reset_index(drop=True)

    def year_span(self, f: Filters) -> pd.DataFrame:
        years = [self.t["costs"]["fiscal_year"], self.t["benefits"]["fiscal_year"],
                 self.t["contributions"]["date"].dt.year]
        lo = [y.min() for y in years if len(y)]
        hi = [y.max() for y in years if len(y)]
        return pd.DataFrame([{"min_year": min(lo) if lo else None,
                              "max_year": max(hi) if hi else None}])

    def _with_category(self, lines: pd.DataFrame) -> pd.DataFrame:
        cat = self.t["initiatives"].set_index("initiative_id")["category"]
        return lines.assign(category=lines["initiative_id"].map(cat))

    def cost_benefit_by_year_category(self, f: Filters) -> pd.DataFrame:
        keys = ["fiscal_year", "category"]
        cost = (self._with_category(self.f_costs(f)).groupby(keys)["amount_usd"].sum()
                .rename("cost_usd"))
        benefit = (self._with_category(self.f_benefits(f)).groupby(keys)["amount_usd"].sum()
                   .rename("benefit_usd"))
        out = pd.concat([cost, benefit], axis=1).fillna(0.0).reset_index()
        return out.sort_values(keys).reset_index(drop=True)

    def cost_by_cost_category(self, f: Filters) -> pd.DataFrame:
        c = self.f_costs(f)
        g = c.groupby(["cost_category", "is_recurring"], as_index=False)["amount_usd"].sum()
        g["recurrence"] = np.where(g["is_recurring"], "recurring", "one-off")
        g = g.rename(columns={"amount_usd": "cost_usd"})
        return g.sort_values(["cost_category", "recurrence"], ascending=[True, False])[
            ["cost_category", "recurrence", "cost_usd"]].reset_index(drop=True)

    def benefits_by_confidence(self, f: Filters) -> pd.DataFrame:
        g = self.f_benefits(f).groupby(["confidence", "benefit_category"], as_index=False)[
            "amount_usd"].sum().rename(columns={"amount_usd": "benefit_usd"})
        g["_o"] = g["confidence"].map(CONFIDENCE_ORDER)
        return g.sort_values(["_o", "benefit_category"]).drop(columns="_o").reset_index(drop=True)

    def _paid_pledged(self, f: Filters, by: str | pd.Series, name: str) -> pd.DataFrame:
        k = self.f_contributions(f)
        keys = k[by] if isinstance(by, str) else by.loc[k.index]
        paid = k["amount_usd"].where(k["status"] == "paid", 0.0)
        pledged = k["amount_usd"].where(k["status"] == "pledged", 0.0)
        return (pd.DataFrame({name: keys.to_numpy(), "paid_usd": paid.to_numpy(),
                              "pledged_usd": pledged.to_numpy(),
                              "donor": k["donor"].to_numpy()})
                .groupby(name, as_index=False)
                .agg(paid_usd=("paid_usd", "sum"), pledged_usd=("pledged_usd", "sum"),
                     donors=("donor", "nunique")))

    def contributions_by_donor_type(self, f: Filters) -> pd.DataFrame:
        g = self._paid_pledged(f, "donor_type", "donor_type")
        return g.sort_values(["paid_usd", "donor_type"], ascending=[False, True]).reset_index(
            drop=True)

    def contributions_by_type(self, f: Filters) -> pd.DataFrame:
        g = self._paid_pledged(f, "contribution_type", "contribution_type").drop(columns="donors")
        g["_o"] = g["contribution_type"].map({"cash": 0, "in_kind": 1}).fillna(2)
        return g.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)

    def contributions_by_year(self, f: Filters) -> pd.DataFrame:
        year = self.t["contributions"]["date"].dt.year
        g = self._paid_pledged(f, year, "year").drop(columns="donors")
        return g.sort_values("year").reset_index(drop=True)

    def paid_after_as_of(self, f: Filters, as_of: str | None = None) -> pd.DataFrame:
        k = self.f_contributions(f)  # as_of: the snapshot's, as the app binds it
        late = k[(k["status"] == "paid") & (k["date"] > pd.Timestamp(as_of or f.snapshot))]
        return pd.DataFrame({"contributions": [len(late)],
                             "paid_usd": [float(late["amount_usd"].sum())]})

    def contribution_list(self, f: Filters) -> pd.DataFrame:
        k = self.f_contributions(f)
        names = self.t["initiatives"].set_index("initiative_id")["name"]
        out = k.assign(initiative_name=k["initiative_id"].map(names))
        return out[["contribution_id", "date", "donor", "donor_type", "initiative_id",
                    "initiative_name", "contribution_type", "status", "amount_usd"]].sort_values(
            ["date", "contribution_id"]).reset_index(drop=True)

    def cost_by_year_cost_category(self, f: Filters) -> pd.DataFrame:
        g = self.f_costs(f).groupby(["fiscal_year", "cost_category"], as_index=False)[
            "amount_usd"].sum().rename(columns={"amount_usd": "cost_usd"})
        return g.sort_values(["fiscal_year", "cost_category"]).reset_index(drop=True)

    def benefit_by_year_confidence(self, f: Filters) -> pd.DataFrame:
        g = self.f_benefits(f).groupby(["fiscal_year", "confidence"], as_index=False)[
            "amount_usd"].sum().rename(columns={"amount_usd": "benefit_usd"})
        g["_o"] = g["confidence"].map(CONFIDENCE_ORDER)
        return g.sort_values(["fiscal_year", "_o"]).drop(columns="_o").reset_index(drop=True)

    def initiative_summary(self, f: Filters) -> pd.DataFrame:
        out = self._by_initiative(f, ["initiative_id", "name", "category", "is_priority"])
        m = self.f_commitments(f)
        committed = (m[m["commitment_level"].isin(COMMITTED_LEVELS)]
                     .groupby("initiative_id")["agency_code"].nunique().rename("agencies_committed"))
        pledged = m.groupby("initiative_id")["pledged_usd"].sum().rename("agency_pledged_usd")
        k = self.f_contributions(f)
        k = k[k["initiative_id"].notna()]
        money = pd.DataFrame({
            "pledged_contributions_usd": k["amount_usd"].where(k["status"] == "pledged", 0.0),
            "paid_contributions_usd": k["amount_usd"].where(k["status"] == "paid", 0.0),
            "initiative_id": k["initiative_id"],
        }).groupby("initiative_id").sum()
        for part in (committed, pledged, money):
            out = out.merge(part, how="left", left_on="initiative_id", right_index=True)
        fill = ["agencies_committed", "agency_pledged_usd", "pledged_contributions_usd",
                "paid_contributions_usd"]
        out[fill] = out[fill].fillna(0)
        return out.sort_values("initiative_id").reset_index(drop=True)


def _discounted(out: pd.DataFrame, f: Filters, discount_rate: float) -> pd.DataFrame:
    """discounted_net_usd from y0: the first year of the range, else the earliest year."""
    y0 = f.year_from if f.year_from is not None else (
        out["fiscal_year"].min() if len(out) else None)
    if y0 is None:
        out["discounted_net_usd"] = pd.Series(dtype="float64")
    else:
        out["discounted_net_usd"] = out["net_usd"] / (1 + discount_rate) ** (
            out["fiscal_year"] - y0).astype("float64")
    return out
