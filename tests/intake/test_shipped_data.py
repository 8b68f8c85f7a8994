"""Data tests over every shipped snapshot in data/snapshots.

Written on their own, from the data contract (data/README.md), with DuckDB SQL and
hashlib: they use neither the validation module nor dashboard/contract/schema.py, so a mistake in
either cannot hide a bad shipped file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.config import REPO_ROOT

SNAPSHOTS_DIR = REPO_ROOT / "data" / "snapshots"
FOLDERS = sorted(p for p in SNAPSHOTS_DIR.iterdir() if p.is_dir() and not p.name.startswith("."))
IDS = [p.name for p in FOLDERS]

S, B, N, D, T = pa.string(), pa.bool_(), pa.int32(), pa.float64(), pa.date32()
# table -> [(column, arrow type, nullable)], in the contract's order
CONTRACT = {
    "initiatives": [("initiative_id", S, False), ("name", S, False), ("category", S, False),
                    ("is_priority", B, False), ("stage", S, False), ("lead_agency", S, True),
                    ("funding_target_usd", D, True)],
    "agencies": [("agency_code", S, False), ("name", S, False), ("agency_type", S, False),
                 ("cost_share", D, True)],  # optional in the contract; the sample has a key
    "costs": [("initiative_id", S, False), ("agency_code", S, True), ("fiscal_year", N, False),
              ("cost_category", S, False), ("is_recurring", B, False), ("amount_usd", D, False)],
    "benefits": [("initiative_id", S, False), ("agency_code", S, True), ("fiscal_year", N, False),
                 ("benefit_category", S, False), ("confidence", S, False),
                 ("amount_usd", D, False)],
    "commitments": [("initiative_id", S, False), ("agency_code", S, False),
                    ("commitment_level", S, False), ("relative_value", N, False),
                    ("pledged_usd", D, False)],
    "contributions": [("contribution_id", S, False), ("donor", S, False), ("donor_type", S, False),
                      ("initiative_id", S, True), ("contribution_type", S, False),
                      ("status", S, False), ("date", T, False), ("amount_usd", D, False)],
}

# One SQL text per rule; each returns the offending rows (so a failure shows them).
# The snapshot's as-of date is a bound parameter.
RULES: dict[str, str] = {
    # keys unique and not null
    "initiative_id unique": "select initiative_id, count(*) from initiatives group by 1 having count(*) > 1",
    "agency_code unique": "select agency_code, count(*) from agencies group by 1 having count(*) > 1",
    "contribution_id unique":
        "select contribution_id, count(*) from contributions group by 1 having count(*) > 1",
    "commitment pair unique": """
        select initiative_id, agency_code, count(*) from commitments
        group by 1, 2 having count(*) > 1""",
    "initiative_id pattern":
        "select initiative_id from initiatives where not regexp_full_match(initiative_id, '[A-Z0-9_]{2,16}')",
    "names non-empty": """
        select 'initiative', initiative_id from initiatives where trim(name) = ''
        union all select 'agency', agency_code from agencies where trim(name) = '' or trim(agency_code) = ''
        union all select 'donor', contribution_id from contributions where trim(donor) = ''
        union all select 'contribution_id', contribution_id from contributions where trim(contribution_id) = ''""",
    # relationships
    "lead_agency fk": """
        select lead_agency from initiatives
        where lead_agency is not null and lead_agency not in (select agency_code from agencies)""",
    "costs fks": """
        select initiative_id, agency_code from costs
        where initiative_id not in (select initiative_id from initiatives)
           or (agency_code is not null and agency_code not in (select agency_code from agencies))""",
    "benefits fks": """
        select initiative_id, agency_code from benefits
        where initiative_id not in (select initiative_id from initiatives)
           or (agency_code is not null and agency_code not in (select agency_code from agencies))""",
    "commitments fks": """
        select initiative_id, agency_code from commitments
        where initiative_id not in (select initiative_id from initiatives)
           or agency_code not in (select agency_code from agencies)""",
    "contributions fk": """
        select contribution_id, initiative_id from contributions
        where initiative_id is not null and initiative_id not in (select initiative_id from initiatives)""",
    # accepted values
    "category values": """
        select category from initiatives where category not in
        ('ICT in development', 'ICT governance', 'Information security', 'Working together',
         'Sustaining the initiative')""",
    "stage values": """
        select stage from initiatives where stage not in
        ('high_value', 'agency_commitment', 'implementer', 'sponsorship', 'planning',
         'implementation', 'completed')""",
    # the sample's illustrative cost-sharing key: every share in [0, 1], summing to 1
    "cost_share in [0, 1]": "select agency_code, cost_share from agencies where cost_share < 0 or cost_share > 1 or cost_share is null",
    "cost_share sums to 1": "select sum(cost_share) from agencies having abs(sum(cost_share) - 1) > 1e-9",
    "agency_type values": """
        select agency_type from agencies where agency_type not in
        ('secretariat', 'fund_programme', 'specialized_agency', 'related_organization')""",
    "cost_category values": """
        select cost_category from costs where cost_category not in
        ('staff', 'consultancy', 'hardware', 'software', 'hosting', 'training', 'travel', 'other')""",
    "benefit_category values": """
        select benefit_category from benefits where benefit_category not in
        ('cost_savings', 'cost_avoidance', 'productivity', 'service_quality')""",
    "confidence values": "select confidence from benefits where confidence not in ('low', 'medium', 'high')",
    "commitment_level values": """
        select commitment_level from commitments where commitment_level not in
        ('none', 'interested', 'participating', 'committed', 'lead')""",
    "donor_type values": """
        select donor_type from contributions where donor_type not in
        ('member_state', 'un_system', 'private_sector', 'intergovernmental', 'foundation',
         'civil_society', 'academic_technical')""",
    "contribution_type values": """
        select contribution_type from contributions
        where contribution_type not in ('cash', 'in_kind', 'host_country')""",
    "status values": "select status from contributions where status not in ('pledged', 'paid')",
    # ranges
    "fiscal_year range": """
        select fiscal_year from costs where fiscal_year not between 1990 and 2100
        union all select fiscal_year from benefits where fiscal_year not between 1990 and 2100""",
    "amounts >= 0 and finite": """
        select 'cost', amount_usd from costs where not (amount_usd >= 0 and isfinite(amount_usd))
        union all select 'benefit', amount_usd from benefits
            where not (amount_usd >= 0 and isfinite(amount_usd))
        union all select 'pledged', pledged_usd from commitments
            where not (pledged_usd >= 0 and isfinite(pledged_usd))
        union all select 'target', funding_target_usd from initiatives
            where funding_target_usd is not null
              and not (funding_target_usd >= 0 and isfinite(funding_target_usd))""",
    "contribution amount > 0": """
        select contribution_id, amount_usd from contributions
        where not (amount_usd > 0 and isfinite(amount_usd))""",
    "relative_value 1..5": "select relative_value from commitments where relative_value not between 1 and 5",
    # dates
    "contribution date not after as_of":
        "select contribution_id, date from contributions where date > $as_of::date",
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module", params=FOLDERS, ids=IDS)
def shipped(request):
    folder: Path = request.param
    con = duckdb.connect(":memory:")
    for table in CONTRACT:
        con.read_parquet(str(folder / f"{table}.parquet")).create_view(table)
    yield folder, con
    con.close()


def test_there_are_shipped_snapshots():
    assert len(FOLDERS) >= 4
    assert all(len(name) == 10 and name[4] == "-" and name[7] == "-" for name in IDS)


def test_manifest_matches_the_files(shipped):
    folder, _ = shipped
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == folder.name
    assert "Illustrative sample data" in manifest["source"]
    assert set(manifest["files"]) == {f"{t}.parquet" for t in CONTRACT}
    for table in CONTRACT:
        entry = manifest["files"][f"{table}.parquet"]
        path = folder / f"{table}.parquet"
        assert _sha256(path) == entry["sha256"], table
        assert pq.ParquetFile(path).metadata.num_rows == entry["rows"], table
    on_disk = {p.name for p in folder.iterdir()}
    assert on_disk == {"manifest.json", *manifest["files"]}


@pytest.mark.parametrize("table", list(CONTRACT))
def test_columns_types_and_not_null(shipped, table):
    folder, con = shipped
    schema = pq.read_schema(folder / f"{table}.parquet")
    assert [(f.name, f.type) for f in schema] == [(c, t) for c, t, _ in CONTRACT[table]]
    arrow = pq.read_table(folder / f"{table}.parquet")
    assert arrow.num_rows > 0
    for column, _, nullable in CONTRACT[table]:
        if not nullable:
            assert arrow.column(column).null_count == 0, f"{table}.{column} has nulls"


@pytest.mark.parametrize("rule", list(RULES))
def test_rule(shipped, rule):
    folder, con = shipped
    sql = RULES[rule]
    params = {"as_of": folder.name} if "$as_of" in sql else None
    bad = con.execute(sql, params).fetchall()
    assert bad == [], f"{folder.name}: {rule}: {bad[:5]}"


def test_rules_catch_a_bad_row():
    """The rule queries are not vacuous: each flags a row built to break it."""
    con = duckdb.connect(":memory:")
    con.execute("""create table initiatives as select * from (values
        ('ERP', 'ERP', 'Working together', true, 'planning', 'NOPE', -1.0),
        ('ERP', '', 'Bad category', true, 'done', null, null),
        ('bad id', 'x', 'ICT governance', false, 'planning', null, 'inf'::double))
        t(initiative_id, name, category, is_priority, stage, lead_agency, funding_target_usd)""")
    con.execute("""create table agencies as select * from (values ('UNDP', 'UNDP', 'club', 1.2),
        ('UNDP', 'again', 'secretariat', 0.5))
        t(agency_code, name, agency_type, cost_share)""")
    con.execute("""create table costs as select * from (values
        ('ERP', 'XX', 1989, 'snacks', true, -5.0), ('ZZZ', null, 2005, 'staff', false, 'nan'::double))
        t(initiative_id, agency_code, fiscal_year, cost_category, is_recurring, amount_usd)""")
    con.execute("""create table benefits as select * from (values
        ('ZZZ', 'XX', 2101, 'luck', 'certain', -1.0))
        t(initiative_id, agency_code, fiscal_year, benefit_category, confidence, amount_usd)""")
    con.execute("""create table commitments as select * from (values
        ('ERP', 'UNDP', 'keen', 6, -1.0), ('ERP', 'UNDP', 'lead', 0, 1.0),
        ('ZZZ', 'XX', 'lead', 3, 1.0))
        t(initiative_id, agency_code, commitment_level, relative_value, pledged_usd)""")
    con.execute("""create table contributions as select * from (values
        ('C1', ' ', 'alien', 'ZZZ', 'barter', 'promised', date '2007-01-01', 0.0),
        ('C1', 'Norway', 'member_state', null, 'cash', 'paid', date '2005-01-01', 10.0))
        t(contribution_id, donor, donor_type, initiative_id, contribution_type, status, date,
          amount_usd)""")
    for rule, sql in RULES.items():
        params = {"as_of": "2006-01-01"} if "$as_of" in sql else None
        assert con.execute(sql, params).fetchall(), f"rule {rule!r} did not flag its bad row"
