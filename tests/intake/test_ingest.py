"""`ingest` end to end: CSV, Parquet and Excel sources, exit codes, nothing written on refusal.

Totals in the success summary are the fixture's hand-worked figures (tests/fixture_data.py):
cost 255, benefit 295, paid 330, pledged 140; agency pledges 300+100+0+50+10+0 = 460.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import cli
from dashboard.contract.schema import TABLES
from dashboard.store import catalog, folders
from tests import fixture_data
from tests.sources import col_index, text_rows, tree, write_csv_source, xlsx_source


def ingest(*args: str) -> int:
    return cli.main(["ingest", *args])


def published_equals_fixture(data_dir: Path, as_of: str) -> None:
    snap = catalog.scan(data_dir).get(as_of)
    assert snap is not None
    expected = fixture_data.tables()
    for name in TABLES:
        assert pq.read_table(snap.file(name)).equals(expected[name]), name


def parquet_source(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, t in fixture_data.tables().items():
        pq.write_table(t, folder / f"{name}.parquet")
    return folder




# ---- the three kinds of source -----------------------------------------------------
def test_csv_source_publishes(tmp_path, capsys):
    data = tmp_path / "data"
    src = write_csv_source(tmp_path / "src")
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data),
                  "--source-note", "Business cases of May 2006") == 0
    out = capsys.readouterr().out
    published_equals_fixture(data, "2006-01-01")
    assert "costs                    7 rows" in out
    assert "total cost            $255.00" in out
    assert "total benefit         $295.00" in out
    assert "agency pledges        $460.00" in out
    assert "contributions paid    $330.00" in out
    assert "contributions pledged $140.00" in out
    assert str(data / "snapshots" / "2006-01-01") in out
    snap = catalog.scan(data).get("2006-01-01")
    assert snap.source == "Business cases of May 2006"


def test_parquet_source_publishes(tmp_path):
    data = tmp_path / "data"
    assert ingest(str(parquet_source(tmp_path / "src")), "--as-of", "2006-01-01",
                  "--data-dir", str(data)) == 0
    published_equals_fixture(data, "2006-01-01")


def test_parquet_source_with_other_types_is_coerced(tmp_path):
    """int64 years, float relative values, text amounts: judged, not trusted."""
    src = parquet_source(tmp_path / "src")
    costs = fixture_data.tables()["costs"]
    costs = costs.set_column(2, "fiscal_year", costs["fiscal_year"].cast("int64"))
    costs = costs.set_column(5, "amount_usd", costs["amount_usd"].cast("string"))
    pq.write_table(costs, src / "costs.parquet")
    data = tmp_path / "data"
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data)) == 0
    published_equals_fixture(data, "2006-01-01")


def test_xlsx_source_publishes(tmp_path):
    data = tmp_path / "data"
    book = xlsx_source(tmp_path / "book.xlsx")
    assert ingest(str(book), "--as-of", "2006-01-01", "--data-dir", str(data)) == 0
    published_equals_fixture(data, "2006-01-01")


@pytest.mark.parametrize(("table", "column", "cell", "ok"), [
    ("costs", "fiscal_year", 2005.0, True),  # an integral float in an int column
    ("costs", "fiscal_year", 2005.5, False),
    ("costs", "fiscal_year", "2005", True),  # a number stored as text
    ("costs", "is_recurring", 1, True),
    ("costs", "is_recurring", "TRUE", True),
    ("costs", "is_recurring", 2, False),
    ("contributions", "date", dt.datetime(2005, 3, 1, 9, 30), False),  # a time of day
    ("contributions", "date", "2005-03-01", True),
    ("contributions", "date", 38412, False),  # a bare serial number is not a date
    ("costs", "amount_usd", "#N/A", False),
    ("costs", "amount_usd", True, False),
])
def test_xlsx_typed_cells(tmp_path, capsys, table, column, cell, ok):
    rows = {k: [list(r) for r in v] for k, v in fixture_data.ROWS.items()}
    rows[table][0][col_index(table, column)] = cell
    data = tmp_path / "data"
    book = xlsx_source(tmp_path / "book.xlsx", rows)
    code = ingest(str(book), "--as-of", "2006-01-01", "--data-dir", str(data))
    err = capsys.readouterr().err
    if ok:
        assert code == 0, err
        published_equals_fixture(data, "2006-01-01")
    else:
        assert code == 1
        assert f"sheet '{table}' in book.xlsx, row 2, column {column}:" in err
        assert not data.exists()


def test_xlsx_missing_sheet_and_extra_sheet(tmp_path, capsys):
    book = xlsx_source(tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    del wb["benefits"]
    wb.create_sheet("Notes")
    wb.save(book)
    assert ingest(str(book), "--as-of", "2006-01-01", "--data-dir", str(tmp_path / "d")) == 1
    err = capsys.readouterr().err
    assert "book.xlsx: sheet 'benefits' is missing" in err
    assert "warning: book.xlsx: sheet 'Notes' is not a table of the contract" in err


def test_xlsx_that_is_not_a_workbook(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    book.write_text("initiative_id,name\n")
    assert ingest(str(book), "--as-of", "2006-01-01", "--data-dir", str(tmp_path / "d")) == 1
    assert "book.xlsx: is not an Excel .xlsx workbook" in capsys.readouterr().err
    book.write_bytes(b"")
    assert ingest(str(book), "--as-of", "2006-01-01", "--data-dir", str(tmp_path / "d")) == 1
    assert "book.xlsx: the file is empty" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


# ---- exit codes and refusals ------------------------------------------------------------
def test_usage_errors_exit_2(tmp_path, capsys):
    src = write_csv_source(tmp_path / "src")
    data = tmp_path / "data"
    assert ingest(str(src), "--as-of", "2006-13-01", "--data-dir", str(data)) == 2
    assert "is not a date written YYYY-MM-DD" in capsys.readouterr().err
    assert ingest(str(tmp_path / "nope"), "--as-of", "2006-01-01", "--data-dir", str(data)) == 2
    assert "does not exist" in capsys.readouterr().err
    assert ingest(str(src / "costs.csv"), "--as-of", "2006-01-01", "--data-dir", str(data)) == 2
    assert "must be a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        cli.main(["ingest", str(src)])  # --as-of missing: argparse
    assert e.value.code == 2
    assert not data.exists()


def test_refusal_writes_nothing_and_lists_every_problem(tmp_path, capsys):
    data = tmp_path / "data"
    fixture_data.build(data, as_of="2005-01-01")
    before = tree(data)
    rows = text_rows()
    rows["costs"][0][col_index("costs", "amount_usd")] = "12k"
    rows["benefits"][1][col_index("benefits", "confidence")] = "sure"
    rows["contributions"][2][col_index("contributions", "date")] = "15/01/2006"
    src = write_csv_source(tmp_path / "src", rows)
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data)) == 1
    err = capsys.readouterr().err
    assert "refused: 3 problems" in err and "nothing was written" in err
    assert "costs.csv, row 2, column amount_usd: must be a number" in err
    assert "benefits.csv, row 3, column confidence: must be one of" in err
    assert "contributions.csv, row 4, column date: must be a date written YYYY-MM-DD" in err
    assert tree(data) == before


def test_refusal_creates_no_data_dir(tmp_path):
    rows = text_rows()
    rows["costs"][0][col_index("costs", "fiscal_year")] = "1,990"
    data = tmp_path / "data"
    assert ingest(str(write_csv_source(tmp_path / "src", rows)), "--as-of", "2006-01-01",
                  "--data-dir", str(data)) == 1
    assert not data.exists()


def test_existing_date_refused_without_replace(tmp_path, capsys):
    data = tmp_path / "data"
    fixture_data.build(data, as_of="2006-01-01")
    before = tree(data)
    src = write_csv_source(tmp_path / "src")
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data)) == 2
    assert "already exists" in capsys.readouterr().err
    assert tree(data) == before


def test_replace(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data, as_of="2006-01-01")
    old_token = catalog.scan(data).get("2006-01-01").token
    rows = text_rows()
    rows["costs"][0][col_index("costs", "amount_usd")] = "1000"  # 100 -> 1000
    src = write_csv_source(tmp_path / "src", rows)
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data), "--replace") == 0
    scan = catalog.scan(data)
    snap = scan.get("2006-01-01")
    assert snap.token != old_token and scan.skipped == ()
    costs = pq.read_table(snap.file("costs"))
    assert sum(costs["amount_usd"].to_pylist()) == 255 - 100 + 1000
    assert sorted(p.name for p in (data / "snapshots").iterdir()) == ["2006-01-01"]


def test_replace_refused_by_validation_keeps_the_old(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data, as_of="2006-01-01")
    before = tree(data)
    rows = text_rows()
    rows["agencies"][0][2] = "programme"
    src = write_csv_source(tmp_path / "src", rows)
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data), "--replace") == 1
    assert tree(data) == before


# ---- fuzzing: any cell value, no traceback, nothing written on refusal ------------------
CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "12k", "1,000", "1e400", "-0", "nan", "TRUE", "0", "2005-02-29",
                     "2005/01/01", '"', "'", "\n", "\r\n", ",", "\x00", "NULL", "ERP", "UNDP"]),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
CELLS = [(t, c) for t in TABLES for c in fixture_data.columns(t)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(CELLS), st.integers(0, 3), CELL_TEXT),
                      min_size=1, max_size=4))
def test_fuzzed_cells_never_crash_and_refusal_writes_nothing(tmp_path_factory, edits):
    base = tmp_path_factory.mktemp("fuzz")
    data = base / "data"
    fixture_data.build(data, as_of="2005-01-01")
    before = tree(data)
    rows = text_rows()
    for (table, column), i, text in edits:
        rows[table][i % len(rows[table])][col_index(table, column)] = text  # ranges: 1 row
    src = write_csv_source(base / "src", rows)
    code = ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data))  # never raises
    assert code in (0, 1)
    if code == 1:
        assert tree(data) == before
    else:
        assert catalog.scan(data).get("2006-01-01") is not None


def test_source_note_default_and_hash_of_files(tmp_path):
    data = tmp_path / "data"
    src = write_csv_source(tmp_path / "portfolio-2006")
    assert ingest(str(src), "--as-of", "2006-01-01", "--data-dir", str(data)) == 0
    snap = catalog.scan(data).get("2006-01-01")
    assert snap.source == "ingested from portfolio-2006"
    manifest = folders.read_manifest(snap.path)
    for name in TABLES:
        digest = hashlib.sha256(snap.file(name).read_bytes()).hexdigest()
        assert manifest["files"][f"{name}.parquet"]["sha256"] == digest
