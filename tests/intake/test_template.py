"""The Excel template: sheets, headers, README, drop-down lists, and the round trip."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pyarrow.parquet as pq

from dashboard import cli
from dashboard.contract.schema import TABLES
from dashboard.store import catalog
from tests import fixture_data


def _template(tmp_path):
    out = tmp_path / "template.xlsx"
    assert cli.main(["template", "--out", str(out)]) == 0
    return out


def test_sheets_and_headers(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path))
    assert wb.sheetnames == ["README", "lists", *TABLES]
    assert wb["lists"].sheet_state == "hidden"
    for name, spec in TABLES.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == list(spec.column_names)
        assert ws.max_row == 1  # empty


def test_readme_describes_every_column(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path))
    rows = [tuple(r) for r in wb["README"].iter_rows(values_only=True)]
    described = {(r[0], r[1]): r for r in rows if r[0] in TABLES}
    for name, spec in TABLES.items():
        for col in spec.columns:
            row = described[(name, col.name)]
            assert row[3] == ("optional" if col.nullable else "required")
            assert row[5] == col.description
            for value in col.allowed or ():
                assert value in row[4]
    assert described[("costs", "fiscal_year")][4].endswith("between 1990 and 2100")
    assert "must exist in agencies.agency_code" in described[("costs", "agency_code")][4]


def test_drop_down_lists_for_fixed_values(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path))
    lists = wb["lists"]
    for name, spec in TABLES.items():
        ws = wb[name]
        by_col = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                by_col[rng.min_col] = (dv, rng)
        for i, col in enumerate(spec.columns, start=1):
            if col.allowed:
                dv, rng = by_col[i]
                assert dv.type == "list"
                assert (rng.min_row, rng.max_row) == (2, 1_048_576)
                # the list's cells on the hidden sheet hold exactly the allowed values
                ref = dv.formula1.split("!")[1].replace("$", "")
                values = [c.value for row in lists[ref] for c in row]
                assert values == list(col.allowed)
            elif col.type == "bool":
                assert by_col[i][0].formula1 == '"true,false"'


def test_filled_in_template_ingests_as_it_is(tmp_path, capsys):
    book = _template(tmp_path)
    wb = openpyxl.load_workbook(book)
    for name, rows in fixture_data.ROWS.items():
        for row in rows:
            wb[name].append([dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v
                             for v in row])
    wb.save(book)
    data = tmp_path / "data"
    assert cli.main(["ingest", str(book), "--as-of", "2006-01-01", "--data-dir", str(data)]) == 0
    # README and lists sheets are not tables: no warning but the fixture's paid
    # contributions dated after 2006-01-01 (tests/contract/test_dated_after.py)
    assert [line for line in capsys.readouterr().err.splitlines()
            if "warning" in line and "dated after" not in line] == []
    snap = catalog.scan(data).get("2006-01-01")
    expected = fixture_data.tables()
    for name in TABLES:
        # the template has every column: its empty cost_share column publishes as all null
        assert pq.read_table(snap.file(name)).equals(TABLES[name].complete(expected[name])), name
    assert pq.read_table(snap.file("agencies"))["cost_share"].null_count == 4


def test_empty_template_ingests_as_empty_tables(tmp_path):
    data = tmp_path / "data"
    code = cli.main(["ingest", str(_template(tmp_path)), "--as-of", "2006-01-01",
                     "--data-dir", str(data)])
    assert code == 0
    assert all(n == 0 for n in catalog.scan(data).get("2006-01-01").rows.values())


def test_bad_out_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["template", "--out", str(tmp_path / "t.csv")]) == 2
    assert "must be a file name ending in .xlsx" in capsys.readouterr().err
    assert cli.main(["template", "--out", str(tmp_path / "no" / "t.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
