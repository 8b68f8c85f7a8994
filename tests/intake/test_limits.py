"""The limits of data contract version 2 (data/README.md, "Limits on every table"): amounts,
finite sums, dates and as-of dates, text lengths. Refused at ingest (with the sheet or
file, row and column; the data directory byte-identical afterwards), reported by
`validate` on a published snapshot, and such a snapshot is not served by the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import cli, config
from dashboard.contract.schema import TABLES
from dashboard.store import catalog, folders
from tests import fixture_data
from tests.sources import col_index, text_rows, tree, write_csv_source, xlsx_source


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A data directory already holding the fixture snapshot (so "unchanged" means something)."""
    d = tmp_path / "data"
    fixture_data.build(d)
    return d


def refused(capsys, data_dir: Path, *args: str, code: int = 1) -> str:
    before = tree(data_dir)
    assert cli.main(["ingest", *args, "--data-dir", str(data_dir)]) == code
    assert tree(data_dir) == before, "a refused ingest changed the data directory"
    return capsys.readouterr().err


# ---- one hostile cell per limit, through CSV ----------------------------------------
CASES = [
    # (table, row index, column, text, words of the message)
    ("costs", 0, "amount_usd", "1.7e308", "must be at most 1e15"),
    ("costs", 2, "amount_usd", "1000000000000001", "must be at most 1e15"),
    ("benefits", 1, "amount_usd", "9e99", "must be at most 1e15"),
    ("commitments", 0, "pledged_usd", "2e15", "must be at most 1e15"),
    ("initiatives", 0, "funding_target_usd", "1e300", "must be at most 1e15"),
    ("contributions", 0, "amount_usd", "1.5e15", "must be at most 1e15"),
    ("contributions", 1, "date", "1989-12-31", "between 1990-01-01 and 2100-12-31"),
    ("contributions", 2, "date", "2101-01-01", "between 1990-01-01 and 2100-12-31"),
    ("contributions", 3, "date", "9999-12-31", "between 1990-01-01 and 2100-12-31"),
    ("contributions", 0, "donor", "D" * 501, "at most 500 characters"),
    ("initiatives", 1, "name", "N" * 10_000, "at most 500 characters"),
    ("agencies", 2, "name", "é" * 501, "at most 500 characters"),
    ("contributions", 4, "contribution_id", "C" * 600, "at most 500 characters"),
]


@pytest.mark.parametrize(("table", "row", "column", "text", "words"), CASES)
def test_a_value_beyond_a_limit_is_refused_with_file_row_column(
        tmp_path, data_dir, capsys, table, row, column, text, words):
    rows = text_rows()
    rows[table][row][col_index(table, column)] = text
    src = write_csv_source(tmp_path / "src", rows)
    err = refused(capsys, data_dir, str(src), "--as-of", "2007-01-01")
    # CSV: the header is row 1, so fixture row index i is row i + 2
    line = next(x for x in err.splitlines() if f"{table}.csv, row {row + 2}, column {column}" in x)
    assert words in line
    assert len(line) < 300, "a long bad value is shown cut"


def test_exactly_at_the_limits_is_accepted(tmp_path, capsys):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "amount_usd")] = "1e15"
    rows["contributions"][0][col_index("contributions", "date")] = "1990-01-01"
    rows["contributions"][1][col_index("contributions", "date")] = "2100-12-31"
    rows["contributions"][2][col_index("contributions", "donor")] = "é" * 500
    src = write_csv_source(tmp_path / "src", rows)
    assert cli.main(["ingest", str(src), "--as-of", "2100-12-31", "--source-note", "n" * 500,
                     "--data-dir", str(tmp_path / "d")]) == 0


def test_two_amounts_whose_sum_overflows_are_refused(tmp_path, data_dir, capsys):
    """Each of 1.7e308 is finite, their sum is not: refused (by the 1e15 limit)."""
    rows = text_rows()
    for i in (0, 1):
        rows["benefits"][i][col_index("benefits", "amount_usd")] = "1.7e308"
    err = refused(capsys, data_dir, str(write_csv_source(tmp_path / "src", rows)),
                  "--as-of", "2007-01-01")
    assert "benefits.csv, row 2, column amount_usd" in err
    assert "benefits.csv, row 3, column amount_usd" in err


def test_limits_in_a_workbook_name_the_sheet(tmp_path, data_dir, capsys):
    rows = dict(fixture_data.ROWS)
    rows["contributions"] = [(*r[:6], dt.date(1, 1, 1) if i == 0 else r[6], r[7])
                             for i, r in enumerate(fixture_data.CONTRIBUTIONS)]
    rows["costs"] = [(*r[:5], 3.4e38 if i == 1 else r[5]) for i, r in enumerate(fixture_data.COSTS)]
    book = xlsx_source(tmp_path / "book.xlsx", rows)
    err = refused(capsys, data_dir, str(book), "--as-of", "2007-01-01")
    assert "sheet 'contributions' in book.xlsx, row 2, column date: must lie between" in err
    assert "sheet 'costs' in book.xlsx, row 3, column amount_usd: must be at most 1e15" in err


@pytest.mark.parametrize("as_of", ["1989-12-31", "2101-01-01", "9999-12-31", "0001-01-01"])
def test_an_as_of_date_beyond_the_limits_is_refused(tmp_path, data_dir, capsys, as_of):
    err = refused(capsys, data_dir, str(write_csv_source(tmp_path / "src")), "--as-of", as_of,
                  code=2)
    assert "between 1990-01-01 and 2100-12-31" in err


def test_a_source_note_longer_than_500_characters_is_refused(tmp_path, data_dir, capsys):
    err = refused(capsys, data_dir, str(write_csv_source(tmp_path / "src")), "--as-of",
                  "2007-01-01", "--source-note", "=" * 501, code=2)
    assert "--source-note is 501 characters long" in err


# ---- published snapshots beyond the limits -------------------------------------------
def _rewrite(folder: Path, table: str, t: pa.Table) -> None:
    """Replace one table of a published snapshot, keeping the manifest consistent."""
    path = folder / TABLES[table].file_name
    pq.write_table(t, path)
    manifest = folders.read_manifest(folder)
    manifest["files"][path.name] = {"rows": t.num_rows, "sha256": folders.sha256_file(path)}
    folders.write_manifest(folder, manifest["as_of"], manifest["source"], manifest["files"],
                             manifest["created_at"])


@pytest.mark.parametrize(("table", "column", "value", "shown"), [
    ("costs", "amount_usd", 1.7e308, "1.7e+308"),
    ("benefits", "amount_usd", float("inf"), "inf"),
    ("contributions", "date", dt.date(9999, 12, 31), "9999-12-31"),
    ("contributions", "date", dt.date(1, 1, 1), "0001-01-01"),
    ("costs", "fiscal_year", 9999, "9999"),
    ("commitments", "pledged_usd", -1e300, "-1e+300"),
])
def test_a_published_snapshot_beyond_the_limits_is_caught(tmp_path, capsys, table, column,
                                                          value, shown):
    data = tmp_path / "data"
    folder = fixture_data.build(data)
    rows = fixture_data.tables()[table].to_pylist()
    rows[1][column] = value
    _rewrite(folder, table, pa.Table.from_pylist(rows, schema=TABLES[table].arrow_schema()))
    # validate names the file, the row and the column
    assert cli.main(["validate", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{TABLES[table].file_name}, row 2, column {column}" in err
    # the app does not serve it: skipped, with the reason
    scan = catalog.scan(data)
    assert scan.snapshots == ()
    (skipped,) = scan.skipped
    assert f"column {column} holds {shown}" in skipped.reason
    assert "validate" in skipped.reason


def test_a_published_snapshot_with_a_far_as_of_date_is_not_the_default(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data)
    fixture_data.build(data, as_of="2006-06-01")
    far = config.snapshots_dir(data) / "9999-12-31"
    (config.snapshots_dir(data) / "2006-06-01").rename(far)
    manifest = folders.read_manifest(far)
    folders.write_manifest(far, "9999-12-31", manifest["source"], manifest["files"])
    scan = catalog.scan(data)
    assert scan.newest.as_of == fixture_data.FIXTURE_AS_OF
    assert "outside 1990-01-01..2100-12-31" in scan.skipped[0].reason


def test_a_published_source_longer_than_500_characters_is_not_served(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data, source="s" * 501)
    scan = catalog.scan(data)
    assert scan.snapshots == ()
    assert "longer than 500 characters" in scan.skipped[0].reason
