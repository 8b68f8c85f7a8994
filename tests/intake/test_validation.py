"""The rules engine: every rule of contract section 2 with a bad input of its own.

Each case changes one cell (or adds one row) of the hand-checkable fixture, written as
CSV text, and checks the problem names the file, the row as a spreadsheet shows it
(header = row 1, so fixture row i is row i + 2), the column and the rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import cli
from dashboard.contract.schema import TABLES
from dashboard.intake import validation_report
from dashboard.intake.ingest import read_source
from dashboard.intake.snapshot_checks import validate_snapshot
from dashboard.intake.validation import validate_sources
from dashboard.intake.validation_report import Report
from dashboard.store import folders
from tests import fixture_data
from tests.sources import col_index, text_rows, write_csv_source

# ---- helpers shared with the other ingest tests --------------------------------------






def check(folder: Path) -> tuple[Report, dict[str, pa.Table]]:
    report = Report()
    tables = validate_sources(read_source(folder, report), report)
    return report, tables


def hits(report: Report, severity: str = "error") -> list[validation_report.Hit]:
    return report.errors if severity == "error" else report.warnings


def find(report: Report, where: str, column: str | None, rule_part: str) -> validation_report.Hit:
    for h in report.errors:
        if h.where == where and h.column == column and rule_part in h.rule:
            return h
    raise AssertionError(f"no problem {where} / {column} / {rule_part!r} in:\n"
                         + "\n".join(report.lines()))




# ---- the clean fixture -------------------------------------------------------------
def test_clean_fixture_passes_and_round_trips(tmp_path):
    report, tables = check(write_csv_source(tmp_path / "src"))
    assert report.ok, report.lines()
    assert report.warnings == []
    expected = fixture_data.tables()
    for name in TABLES:
        assert tables[name].equals(expected[name]), name


# ---- one bad cell per rule -----------------------------------------------------------
# (table, fixture row index, column, bad text, words of the rule, shown value)
CELL_CASES = [
    ("initiatives", 0, "initiative_id", "", "a value is required", None),
    ("initiatives", 2, "name", "", "a value is required", None),
    ("initiatives", 2, "name", "   ", "must not be blank", "   "),
    ("initiatives", 1, "category", "ICT Governance", "must be one of", "ICT Governance"),
    ("initiatives", 1, "is_priority", "", "a value is required", None),
    ("initiatives", 1, "is_priority", "yes", "must be true or false", "yes"),
    ("initiatives", 1, "is_priority", "2", "must be true or false", "2"),
    ("initiatives", 3, "stage", "done", "must be one of", "done"),
    ("initiatives", 3, "lead_agency", "XYZ", "not found in agencies.agency_code", "XYZ"),
    ("initiatives", 0, "funding_target_usd", "-1", "must be at least 0", -1.0),
    ("initiatives", 0, "funding_target_usd", "inf", "must be a finite number", float("inf")),
    ("agencies", 1, "agency_type", "agency", "must be one of", "agency"),
    ("agencies", 3, "name", "", "a value is required", None),
    ("costs", 4, "initiative_id", "ZZZ", "not found in initiatives.initiative_id", "ZZZ"),
    ("costs", 4, "initiative_id", "", "a value is required", None),
    ("costs", 0, "agency_code", "UNDPX", "not found in agencies.agency_code", "UNDPX"),
    ("costs", 2, "fiscal_year", "1989", "must be between 1990 and 2100", 1989),
    ("costs", 2, "fiscal_year", "2101", "must be between 1990 and 2100", 2101),
    ("costs", 2, "fiscal_year", "2005.5", "must be a whole number", "2005.5"),
    ("costs", 2, "fiscal_year", "", "a value is required", None),
    ("costs", 3, "cost_category", "Staff", "must be one of", "Staff"),
    ("costs", 5, "is_recurring", "", "a value is required", None),
    ("costs", 6, "amount_usd", "-0.01", "must be at least 0", -0.01),
    ("costs", 6, "amount_usd", "nan", "must be a finite number", None),  # nan != nan
    ("costs", 6, "amount_usd", "", "a value is required", None),
    ("costs", 6, "amount_usd", "12k", "must be a number", "12k"),
    ("costs", 6, "amount_usd", "1,000", "no thousands separators", "1,000"),
    ("costs", 6, "amount_usd", "$5", "must be a number", "$5"),
    ("benefits", 0, "benefit_category", "savings", "must be one of", "savings"),
    ("benefits", 1, "confidence", "High", "must be one of", "High"),
    ("benefits", 2, "fiscal_year", "2200", "must be between 1990 and 2100", 2200),
    ("benefits", 3, "amount_usd", "-3", "must be at least 0", -3.0),
    ("benefits", 4, "agency_code", "XX", "not found in agencies.agency_code", "XX"),
    ("commitments", 0, "agency_code", "", "a value is required", None),
    ("commitments", 1, "agency_code", "XX", "not found in agencies.agency_code", "XX"),
    ("commitments", 1, "initiative_id", "ZZZ", "not found in initiatives", "ZZZ"),
    ("commitments", 2, "commitment_level", "Committed", "must be one of", "Committed"),
    ("commitments", 3, "relative_value", "0", "must be between 1 and 5", 0),
    ("commitments", 3, "relative_value", "6", "must be between 1 and 5", 6),
    ("commitments", 3, "relative_value", "3.5", "must be a whole number", "3.5"),
    ("commitments", 4, "pledged_usd", "-1", "must be at least 0", -1.0),
    ("commitments", 4, "pledged_usd", "", "a value is required", None),
    ("contributions", 0, "contribution_id", "", "a value is required", None),
    ("contributions", 1, "donor", " ", "must not be blank", " "),
    ("contributions", 1, "donor_type", "government", "must be one of", "government"),
    ("contributions", 0, "initiative_id", "ZZZ", "not found in initiatives", "ZZZ"),
    ("contributions", 2, "contribution_type", "kind", "must be one of", "kind"),
    ("contributions", 3, "status", "Paid", "must be one of", "Paid"),
    ("contributions", 4, "date", "", "a value is required", None),
    ("contributions", 4, "date", "2007/06/30", "must be a date written YYYY-MM-DD", "2007/06/30"),
    ("contributions", 4, "date", "30-06-2007", "must be a date written YYYY-MM-DD", "30-06-2007"),
    ("contributions", 4, "date", "2007-02-30", "is not a real calendar date", "2007-02-30"),
    ("contributions", 2, "amount_usd", "0", "must be greater than 0", 0.0),
    ("contributions", 2, "amount_usd", "-70", "must be greater than 0", -70.0),
    ("contributions", 2, "amount_usd", "-inf", "must be a finite number", float("-inf")),
]


@pytest.mark.parametrize(("table", "i", "column", "bad", "rule", "shown"), CELL_CASES,
                         ids=[f"{c[0]}.{c[2]}={c[3]!r}" for c in CELL_CASES])
def test_each_rule_names_file_row_column(tmp_path, table, i, column, bad, rule, shown):
    rows = text_rows()
    rows[table][i][col_index(table, column)] = bad
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, f"{table}.csv", column, rule)
    assert hit.table == table
    assert hit.count == 1
    row, value, _ = hit.examples[0]
    assert row == i + 2  # the header is row 1
    if shown is not None:
        assert value == shown
    else:
        assert value is None or value != value  # empty cell, or NaN
    # the printed message carries all of it
    line = next(x for x in report.lines() if x.startswith(f"{table}.csv, row {i + 2}, "
                                                          f"column {column}:"))
    assert rule in line


def test_one_problem_per_cell(tmp_path):
    """A cell that fails coercion is not also reported as missing or out of range."""
    rows = text_rows()
    rows["costs"][0][col_index("costs", "amount_usd")] = "12k"
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    assert [h.rule for h in report.errors if h.column == "amount_usd"] == [
        next(h.rule for h in report.errors if "must be a number" in h.rule)]
    assert report.error_count == 1


# ---- rules over several rows -----------------------------------------------------------
def test_duplicate_initiative_id_names_both_rows(tmp_path):
    rows = text_rows()
    rows["initiatives"].append(["KS", "Another", "ICT governance", "false", "planning", "", ""])
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "initiatives.csv", "initiative_id", "must be unique")
    assert hit.count == 1
    row, value, note = hit.examples[0]
    assert (row, value) == (6, "KS")  # 4 fixture rows on rows 2..5, the new one on row 6
    assert "row 3" in note  # KS is the second fixture row


def test_pattern_of_initiative_id(tmp_path):
    rows = text_rows()
    rows["initiatives"].append(["bad-id", "Lower case", "ICT governance", "0", "planning", "", ""])
    rows["initiatives"].append(["X", "Too short", "ICT governance", "1", "planning", "", ""])
    rows["initiatives"].append(["A" * 17, "Too long", "ICT governance", "1", "planning", "", ""])
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "initiatives.csv", "initiative_id", "must match the pattern")
    assert [(r, v) for r, v, _ in hit.examples] == [(6, "bad-id"), (7, "X"), (8, "A" * 17)]
    assert report.error_count == 3


def test_duplicate_agency_code(tmp_path):
    rows = text_rows()
    rows["agencies"].append(["WFP", "World Food Programme again", "fund_programme"])
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "agencies.csv", "agency_code", "must be unique")
    assert [(r, v) for r, v, _ in hit.examples] == [(6, "WFP")]


def test_duplicate_commitment_pair(tmp_path):
    rows = text_rows()
    rows["commitments"].append(["KS", "ITU", "committed", "4", "1"])
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "commitments.csv", "initiative_id + agency_code", "pair must be unique")
    row, value, note = hit.examples[0]
    assert (row, value) == (8, "KS / ITU")
    assert "row 5" in note  # ("KS", "ITU") is fixture row 3 -> row 5


def test_duplicate_contribution_id(tmp_path):
    rows = text_rows()
    rows["contributions"][4][0] = "C2"
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "contributions.csv", "contribution_id", "must be unique")
    assert [(r, v) for r, v, _ in hit.examples] == [(6, "C2")]


def test_nullable_columns_accept_empty(tmp_path):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "agency_code")] = ""
    rows["benefits"][0][col_index("benefits", "agency_code")] = ""
    rows["initiatives"][0][col_index("initiatives", "lead_agency")] = ""
    rows["initiatives"][0][col_index("initiatives", "funding_target_usd")] = ""
    rows["contributions"][0][col_index("contributions", "initiative_id")] = ""
    report, tables = check(write_csv_source(tmp_path / "src", rows))
    assert report.ok, report.lines()
    assert tables["costs"]["agency_code"][0].as_py() is None


# ---- explicit coercion -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("TRUE", True), ("True", True), ("1", True),
    ("false", False), ("FALSE", False), ("0", False), (" false ", False),
])
def test_booleans_accepted(tmp_path, text, expected):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "is_recurring")] = text
    report, tables = check(write_csv_source(tmp_path / "src", rows))
    assert report.ok, report.lines()
    assert tables["costs"]["is_recurring"][0].as_py() is expected


@pytest.mark.parametrize("text", ["yes", "no", "1.0", "t", "-1", "10", "vrai"])
def test_booleans_refused(tmp_path, text):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "is_recurring")] = text
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "costs.csv", "is_recurring", "must be true or false")
    assert hit.examples[0][:2] == (2, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("100", 100.0), ("100.5", 100.5), ("1e3", 1000.0), ("+7", 7.0), (".5", 0.5), (" 42 ", 42.0),
])
def test_numbers_accepted(tmp_path, text, expected):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "amount_usd")] = text
    report, tables = check(write_csv_source(tmp_path / "src", rows))
    assert report.ok, report.lines()
    assert tables["costs"]["amount_usd"][0].as_py() == expected


def test_strings_kept_exactly(tmp_path):
    rows = text_rows()
    rows["contributions"][1][1] = "  Côte d'Ivoire ‘quoted’ 日本 "
    report, tables = check(write_csv_source(tmp_path / "src", rows))
    assert report.ok, report.lines()
    assert tables["contributions"]["donor"][1].as_py() == "  Côte d'Ivoire ‘quoted’ 日本 "


def test_blank_lines_count_as_rows(tmp_path):
    """A blank line is a spreadsheet row: the rows after it keep their numbers."""
    src = write_csv_source(tmp_path / "src")
    path = src / "costs.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")  # blank row 3
    lines[5] = lines[5].replace("consultancy", "consulting")  # fixture row 3 -> now row 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, tables = check(src)
    hit = find(report, "costs.csv", "cost_category", "must be one of")
    assert hit.examples[0][:2] == (6, "consulting")
    assert report.error_count == 1


# ---- file-level problems -----------------------------------------------------------
def test_missing_table(tmp_path):
    src = write_csv_source(tmp_path / "src")
    (src / "benefits.csv").unlink()
    report, _ = check(src)
    assert any("table benefits is missing" in h.rule for h in report.errors)


def test_missing_and_unknown_columns(tmp_path):
    headers = {"costs": ["initiative_id", "agency_code", "fiscal_year", "cost_category",
                         "is_recurring", "Amount_USD"]}
    report, tables = check(write_csv_source(tmp_path / "src", headers=headers))
    assert any(h.where == "costs.csv" and "column amount_usd is missing" in h.rule
               for h in report.errors)
    warn = [h for h in report.warnings if h.column == "Amount_USD"]
    assert warn and "did you mean amount_usd" in warn[0].rule
    assert "costs" not in tables


def test_unknown_column_is_a_warning_and_not_stored(tmp_path):
    rows = text_rows()
    for r in rows["agencies"]:
        r.append("note")
    headers = {"agencies": [*fixture_data.columns("agencies"), "comment"]}
    report, tables = check(write_csv_source(tmp_path / "src", rows, headers))
    assert report.ok
    assert [h.column for h in report.warnings] == ["comment"]
    assert tables["agencies"].column_names == ["agency_code", "name", "agency_type"]


def test_empty_file(tmp_path):
    src = write_csv_source(tmp_path / "src")
    (src / "costs.csv").write_bytes(b"")
    report, _ = check(src)
    assert any(h.where == "costs.csv" and "the file is empty" in h.rule for h in report.errors)


def test_header_only_file_is_an_empty_table(tmp_path):
    rows = text_rows()
    rows["contributions"] = []
    report, tables = check(write_csv_source(tmp_path / "src", rows))
    assert report.ok, report.lines()
    assert tables["contributions"].num_rows == 0


def test_parquet_that_is_text(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, t in fixture_data.tables().items():
        pq.write_table(t, src / f"{name}.parquet")
    (src / "agencies.parquet").write_text("agency_code,name\nUNDP,x\n")
    report, _ = check(src)
    assert any(h.where == "agencies.parquet" and "is not a readable Parquet file" in h.rule
               for h in report.errors)


def test_csv_that_is_binary(tmp_path):
    src = write_csv_source(tmp_path / "src")
    pq.write_table(fixture_data.tables()["costs"], src / "costs.csv")
    report, _ = check(src)
    assert any(h.where == "costs.csv" and "is not a" in h.rule for h in report.errors)


def test_ragged_csv(tmp_path):
    src = write_csv_source(tmp_path / "src")
    path = src / "costs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",100.0", ",1,000.0", 1),
                    encoding="utf-8")
    report, _ = check(src)
    hit = next(h for h in report.errors if h.where == "costs.csv")
    assert "line 2" in hit.rule and "thousands separators" in hit.rule


def test_both_csv_and_parquet(tmp_path):
    src = write_csv_source(tmp_path / "src")
    pq.write_table(fixture_data.tables()["costs"], src / "costs.parquet")
    report, _ = check(src)
    assert any("holds both costs.csv and costs.parquet" in h.rule for h in report.errors)


def test_long_lists_are_capped_with_a_count(tmp_path):
    rows = text_rows()
    base = rows["costs"][0]
    rows["costs"] = [[*base[:5], "-1"] for _ in range(100)]
    report, _ = check(write_csv_source(tmp_path / "src", rows))
    hit = find(report, "costs.csv", "amount_usd", "must be at least 0")
    assert hit.count == 100
    assert [r for r, _, _ in hit.examples] == [2, 3, 4, 5, 6]
    lines = report.lines()
    assert "costs.csv, column amount_usd: 95 more rows break the same rule" in "\n".join(lines)
    few = report.lines(limit=3)
    assert len(few) == 4 and few[-1].startswith("… and 3 more problem lines")


# ---- published snapshots -------------------------------------------------------------
def _rewrite(folder: Path, table: str, t: pa.Table) -> None:
    """Replace one file of a published snapshot and refresh its manifest (a bad publisher)."""
    path = folder / TABLES[table].file_name
    pq.write_table(t, path)
    manifest = folders.read_manifest(folder)
    manifest["files"][path.name] = {"rows": t.num_rows, "sha256": folders.sha256_file(path)}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_validate_snapshot_clean(tmp_path):
    folder = fixture_data.build(tmp_path)
    report = Report()
    validate_snapshot(folder, report)
    assert report.ok, report.lines()


def test_validate_snapshot_rules_across_batches(tmp_path):
    folder = fixture_data.build(tmp_path)
    costs = fixture_data.tables()["costs"].to_pylist()
    costs[5]["amount_usd"] = -10.0  # 6th data row
    costs[6]["initiative_id"] = "ZZZ"  # 7th
    _rewrite(folder, "costs", pa.Table.from_pylist(costs, schema=TABLES["costs"].arrow_schema()))
    report = Report()
    validate_snapshot(folder, report, batch_rows=3)  # rows 6 and 7 are in the third batch
    where = f"snapshots/{folder.name}/costs.parquet"
    assert find(report, where, "amount_usd", "must be at least 0").examples[0][:2] == (6, -10.0)
    assert find(report, where, "initiative_id", "not found").examples[0][:2] == (7, "ZZZ")
    assert report.error_count == 2


def test_validate_snapshot_duplicates_and_types(tmp_path):
    folder = fixture_data.build(tmp_path)
    contributions = fixture_data.tables()["contributions"].to_pylist()
    contributions[3]["contribution_id"] = "C1"
    _rewrite(folder, "contributions", pa.Table.from_pylist(
        contributions, schema=TABLES["contributions"].arrow_schema()))
    agencies = fixture_data.tables()["agencies"].cast(pa.schema(
        [pa.field("agency_code", pa.string()), pa.field("name", pa.string()),
         pa.field("agency_type", pa.large_string())]))
    _rewrite(folder, "agencies", agencies)
    report = Report()
    validate_snapshot(folder, report)
    where = f"snapshots/{folder.name}"
    hit = find(report, f"{where}/contributions.parquet", "contribution_id", "must be unique")
    assert hit.examples[0][:2] == (4, "C1")
    assert any("column agency_type is large_string, the contract says string" in h.rule
               for h in report.errors)


def test_validate_command(tmp_path, capsys):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    bad = fixture_data.build(tmp_path, as_of="2006-02-01")
    assert cli.main(["validate", "--data-dir", str(tmp_path)]) == 0
    assert "all 2 snapshots passed" in capsys.readouterr().out
    with open(bad / "costs.parquet", "r+b") as f:  # damage a byte in the middle
        f.seek(100)
        b = f.read(1)
        f.seek(100)
        f.write(bytes([b[0] ^ 0xFF]))
    assert cli.main(["validate", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "2006-02-01" in err and "costs.parquet: sha256" in err
    assert cli.main(["validate", "2006-01-01", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert cli.main(["validate", "2006-03-01", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no snapshot 2006-03-01" in err and "2006-01-01" in err
    assert cli.main(["validate", "March", "--data-dir", str(tmp_path)]) == 2
    assert cli.main(["validate", "--data-dir", str(tmp_path / "nowhere")]) == 2
