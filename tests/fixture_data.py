"""A tiny snapshot whose every figure can be worked out by hand.

Hand-worked figures for the unfiltered snapshot (see tests/query/test_queries.py for more):
  costs    2005: 100 + 50 + 40 = 190    2006: 30 + 20 + 10 = 60    2007: 5     total 255
  benefits 2005: 0                      2006: 120 + 30 = 150       2007: 145   total 295
  committed or lead organizations: UNDP, WFP, ITU -> 3
  contributions paid 200 + 70 + 60 = 330; pledged 100 + 40 = 140
  funding gap ERP 1000-400-200 = 400; KS 500-60-60 = 380; SEC null -> 0; TRN 200 -> 980
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from dashboard.contract.schema import TABLES
from dashboard.store import publishing, storage

FIXTURE_AS_OF = "2006-01-01"

INITIATIVES = [
    # initiative_id, name, category, is_priority, stage, lead_agency, funding_target_usd
    ("ERP", "Enterprise resource planning systems", "Working together", True, "planning", "UNDP", 1000.0),
    ("KS", "Knowledge-sharing", "ICT in development", True, "implementation", "ITU", 500.0),
    ("SEC", "Information security", "Information security", False, "high_value", None, None),
    ("TRN", "ICT training", "Sustaining the initiative", True, "agency_commitment", "WFP", 200.0),
]
AGENCIES = [
    ("UNDP", "United Nations Development Programme", "fund_programme"),
    ("WFP", "World Food Programme", "fund_programme"),
    ("ITU", "International Telecommunication Union", "specialized_agency"),
    ("UN", "United Nations Secretariat", "secretariat"),
]
COSTS = [
    # initiative_id, agency_code, fiscal_year, cost_category, is_recurring, amount_usd
    ("ERP", "UNDP", 2005, "staff", True, 100.0),
    ("ERP", None, 2005, "hardware", False, 50.0),
    ("ERP", "WFP", 2006, "software", True, 30.0),
    ("KS", "ITU", 2005, "consultancy", False, 40.0),
    ("KS", None, 2006, "hosting", True, 20.0),
    ("SEC", "UNDP", 2006, "other", False, 10.0),
    ("TRN", "WFP", 2007, "training", False, 5.0),
]
BENEFITS = [
    # initiative_id, agency_code, fiscal_year, benefit_category, confidence, amount_usd
    ("ERP", "UNDP", 2006, "cost_savings", "high", 120.0),
    ("ERP", None, 2007, "productivity", "medium", 80.0),
    ("KS", "ITU", 2006, "service_quality", "low", 30.0),
    ("KS", "WFP", 2007, "cost_avoidance", "medium", 50.0),
    ("SEC", None, 2007, "cost_savings", "low", 15.0),
]
COMMITMENTS = [
    # initiative_id, agency_code, commitment_level, relative_value, pledged_usd
    ("ERP", "UNDP", "lead", 5, 300.0),
    ("ERP", "WFP", "committed", 4, 100.0),
    ("ERP", "ITU", "interested", 2, 0.0),
    ("KS", "ITU", "lead", 5, 50.0),
    ("KS", "UNDP", "participating", 3, 10.0),
    ("SEC", "WFP", "none", 1, 0.0),
]
CONTRIBUTIONS = [
    # contribution_id, donor, donor_type, initiative_id, contribution_type, status, date, amount_usd
    ("C1", "Norway", "member_state", "ERP", "cash", "paid", dt.date(2005, 3, 1), 200.0),
    ("C2", "Côte d'Ivoire", "member_state", "KS", "in_kind", "pledged", dt.date(2006, 5, 1), 100.0),
    ("C3", "Switzerland", "member_state", None, "host_country", "paid", dt.date(2006, 1, 15), 70.0),
    ("C4", "Gates Foundation", "foundation", None, "cash", "pledged", dt.date(2007, 2, 1), 40.0),
    ("C5", "Norway", "member_state", "KS", "cash", "paid", dt.date(2007, 6, 30), 60.0),
]
RANGES = [
    # side, range_class, low_factor, high_factor: the fixture replaces the defaults of one
    # class (medium-confidence benefits); every other class keeps the contract's defaults
    ("benefit", "medium", 0.5, 1.5),
]

ROWS = {
    "initiatives": INITIATIVES,
    "agencies": AGENCIES,
    "costs": COSTS,
    "benefits": BENEFITS,
    "commitments": COMMITMENTS,
    "contributions": CONTRIBUTIONS,
    "ranges": RANGES,
}


def columns(name: str, rows: dict[str, list[tuple]] | None = None) -> list[str]:
    """The columns the rows of a table carry: all of the contract's, but trailing optional
    ones the rows stop short of (the fixture has no agencies.cost_share)."""
    table_rows = (rows or ROWS).get(name, [])
    names = list(TABLES[name].column_names)
    return names[: len(table_rows[0])] if table_rows else names


def tables(rows: dict[str, list[tuple]] | None = None) -> dict[str, pa.Table]:
    """The fixture's tables as Arrow tables with the contract's schema.

    A table's rows may stop short of its trailing optional columns (agencies.cost_share):
    those are then absent from the Arrow table, as in a source without them.
    """
    rows = rows or ROWS
    out = {}
    for name, spec in TABLES.items():
        if name not in rows and spec.optional:
            continue  # an optional table (ranges) the rows leave out
        width = len(rows[name][0]) if rows[name] else len(spec.columns)
        columns = spec.columns[:width]
        assert all(c.optional for c in spec.columns[width:]), (name, width)
        cols = list(zip(*rows[name], strict=True)) if rows[name] else [[] for _ in columns]
        schema = pa.schema([spec.arrow_schema().field(c.name) for c in columns])
        out[name] = pa.table(
            {c.name: pa.array(list(v), type=schema.field(c.name).type)
             for c, v in zip(columns, cols, strict=True)},
            schema=schema,
        )
    return out


def build(data_dir: Path, as_of: str = FIXTURE_AS_OF, rows: dict[str, list[tuple]] | None = None,
          source: str = "test fixture") -> Path:
    """Publish the fixture (or the given rows) as snapshots/<as_of>/ under data_dir (a
    folder, or an object store's S3Location)."""
    base = data_dir if storage.is_remote(data_dir) else Path(data_dir)
    return publishing.publish(base, as_of, tables(rows), source,
                             created_at="2006-01-02T00:00:00Z")


# --- An earlier snapshot with known differences (for "what changed") ------------------
EARLIER_AS_OF = "2005-07-01"


def earlier_rows() -> dict[str, list[tuple]]:
    """The fixture as it stood on EARLIER_AS_OF. Against the fixture (after), by hand:

    - ERP: staff cost 2005 was 75 (now 100): cost 155 -> 180, +25 (+16.1%); WFP was
      `interested` with 50 pledged (now `committed`, 100): committed organizations 1 -> 2,
      agency pledges 350 -> 400 (+50).
    - KS: WFP cost avoidance 2007 was 40 (now 50): benefit 70 -> 80, +10 (+14.3%); the
      paid contribution C5 (60) was not there yet: paid 0 -> 60.
    - SEC: unchanged.
    - TRN: added since (cost 5, benefit 0).
    - OLD "Legacy systems": removed since (cost was 35, benefit 0).
    Portfolio cost 260 -> 255 (-5 = +25 + 5 - 35); benefit 285 -> 295 (+10).
    """
    initiatives = [r for r in INITIATIVES if r[0] != "TRN"] + [
        ("OLD", "Legacy systems", "ICT governance", False, "high_value", None, None)]
    costs = [r for r in COSTS if r[0] != "TRN"]
    costs = [("ERP", "UNDP", 2005, "staff", True, 75.0) if r == COSTS[0] else r for r in costs]
    costs.append(("OLD", "UN", 2005, "other", False, 35.0))
    benefits = [("KS", "WFP", 2007, "cost_avoidance", "medium", 40.0)
                if r[:2] == ("KS", "WFP") else r for r in BENEFITS]
    commitments = [("ERP", "WFP", "interested", 4, 50.0) if r[:2] == ("ERP", "WFP") else r
                   for r in COMMITMENTS]
    contributions = [r for r in CONTRIBUTIONS if r[0] != "C5"]
    return {
        "initiatives": initiatives,
        "agencies": AGENCIES,
        "costs": costs,
        "benefits": benefits,
        "commitments": commitments,
        "contributions": contributions,
    }


def build_two(data_dir: Path) -> None:
    """Publish the earlier snapshot and the fixture (newest) under data_dir."""
    build(data_dir, as_of=EARLIER_AS_OF, rows=earlier_rows(), source="test fixture (earlier)")
    build(data_dir)
