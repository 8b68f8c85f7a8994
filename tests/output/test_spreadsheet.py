"""Text is data in every spreadsheet the product writes: no formula, no hyperlink, and in
CSV the OWASP prefix. Every written workbook (each chart's Excel download, "Download all",
the `export` command's workbook with its metadata sheet, the template) is opened with
openpyxl and every cell is checked; the hostile text must be kept exactly.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import registry
from dashboard.cli import main
from dashboard.output import export, spreadsheet
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import hostile_data


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile-data")
    hostile_data.build(d)
    return d


@pytest.fixture(scope="module")
def hostile_db(hostile_dir):
    db = Database(hostile_dir)
    yield db
    db.close()


def cells_of(data: bytes | Path) -> list[openpyxl.cell.cell.Cell]:
    """Every cell of every sheet, read as written (formulas not evaluated)."""
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    wb = openpyxl.load_workbook(src, data_only=False)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def assert_inert(data: bytes | Path) -> list[str]:
    """No cell is a formula or has a hyperlink; no part of the file holds either. Returns
    the text cells."""
    cells = cells_of(data)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type == "f"]
    links = [(c.coordinate, c.hyperlink.target) for c in cells if c.hyperlink is not None]
    assert formulas == [], f"formula cells: {formulas}"
    assert links == [], f"hyperlink cells: {links}"
    raw = data if isinstance(data, bytes) else Path(data).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        for name in z.namelist():
            xml = z.read(name)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert b"<f>" not in xml and b"<f " not in xml, name
                assert b"<hyperlink" not in xml, name
            assert b"relationships/hyperlink" not in xml, name
    return [excel_text(c.value) for c in cells if isinstance(c.value, str)]


def excel_text(value: str) -> str:
    """A text cell as Excel shows it: control characters are stored as _xHHHH_ escapes."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def hostile_kept(texts: list[str], expected: tuple[str, ...]) -> None:
    for t in expected:
        assert t in texts, f"{t!r} not kept exactly"


def context(db: Database, **filters) -> chart_data.Context:
    return chart_data.Context(db=db, filters=Filters(snapshot=hostile_data.AS_OF, **filters),
                              budget=10_000.0)


def test_export_command_workbook_is_inert(hostile_dir, tmp_path):
    out = tmp_path / "export.xlsx"
    assert main(["export", "--out", str(out), "--data-dir", str(hostile_dir),
                 "--budget", "10000"]) == 0
    texts = assert_inert(out)
    hostile_kept(texts, (*hostile_data.INITIATIVE_NAMES.values(),
                         *hostile_data.DONORS.values(), hostile_data.SOURCE_NOTE))
    meta = pd.read_excel(out, sheet_name="metadata")
    assert dict(zip(meta["field"], meta["value"], strict=True))["source"] == hostile_data.SOURCE_NOTE
    assert pd.read_excel(out, sheet_name="cost_by_initiative").set_index("initiative_id").loc[
        "ERP", "name"] == hostile_data.INITIATIVE_NAMES["ERP"]


def test_download_all_and_every_chart_download_are_inert(hostile_db):
    ctx = context(hostile_db)
    snap = hostile_db.snapshot(hostile_data.AS_OF)
    texts = assert_inert(export.build_workbook_bytes(ctx, snap))
    hostile_kept(texts, (*hostile_data.INITIATIVE_NAMES.values(), hostile_data.SOURCE_NOTE))
    sheets = registry.all_sheets(ctx)
    assert len(sheets) >= 8
    seen: list[str] = []
    for name, df in sheets.items():
        meta = export.metadata(ctx, snap, sheets=[name])
        seen += assert_inert(export.workbook_bytes({name: df}, meta))
    # (the agency UN has no rows of its own, so its name is in no chart's data)
    named = [v for k, v in hostile_data.AGENCY_NAMES.items() if k != "UN"]
    hostile_kept(seen, (*hostile_data.INITIATIVE_NAMES.values(), *hostile_data.DONORS.values(),
                        *named, hostile_data.SOURCE_NOTE))


def test_metadata_filters_with_hostile_values_are_inert(hostile_db):
    code = hostile_data.AGENCY_CODE_RENAMES["UN"]
    ctx = context(hostile_db, agencies=(code,))
    snap = hostile_db.snapshot(hostile_data.AS_OF)
    texts = assert_inert(export.build_workbook_bytes(ctx, snap))
    assert code in texts


def test_template_is_inert(tmp_path):
    out = tmp_path / "template.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert assert_inert(out)


@pytest.mark.parametrize("text", [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")',
    "-", "=", "@", "=cmd|' /C calc'!A0",
])
def test_csv_prefixes_text_that_would_run(text):
    assert spreadsheet.csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Norway", "'quoted", " =1", "a=b", "https://x.example", "",
                                   -5.0, 0, 1.5e15, None])
def test_csv_keeps_other_values(value):
    assert spreadsheet.csv_cell(value) == value


def test_chart_csv_downloads_prefix_text_and_keep_numbers(hostile_db):
    ctx = context(hostile_db)
    df = chart_data.contributions_by_donor(ctx)
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(df).decode("utf-8-sig"))))
    donors = {r["donor"] for r in rows}
    # by hand: every hostile donor but the bracketed one starts with a trigger character
    assert donors == {"'=1+1", "'\tTab donor", "[Swiss](https://evil.example/d)",
                      "'\r=2+2 carriage"}
    # numbers stay numbers: Norway (=1+1) paid 200 + 60 (fixture C1, C5)
    norway = next(r for r in rows if r["donor"] == "'=1+1")
    assert float(norway["paid_usd"]) == 260.0
    # negative numbers are numbers, not text: the cash flow's net of 2005 is -190 (by hand:
    # cost 100 + 50 + 40, no benefit)
    flow = export.csv_bytes(chart_data.cashflow_by_year(ctx)).decode("utf-8-sig")
    first = next(csv.DictReader(io.StringIO(flow)))
    assert first["fiscal_year"] == "2005" and float(first["net_usd"]) == -190.0
    assert "'" not in flow


def test_csv_line_breaks_inside_a_cell_cannot_start_a_row():
    """A lone CR is a row break to Excel: a cell holding one must be quoted, whole."""
    df = pd.DataFrame({"donor": ["a\r=1+1", "b\n@SUM(A1)", "c"], "paid_usd": [1.0, 2.0, 3.0]})
    text = export.csv_bytes(df).decode("utf-8-sig")
    assert '"a\r=1+1",1.0' in text and '"b\n@SUM(A1)",2.0' in text
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back == [["donor", "paid_usd"], ["a\r=1+1", "1.0"], ["b\n@SUM(A1)", "2.0"], ["c", "3.0"]]


def test_csv_header_names_are_protected_too():
    df = pd.DataFrame({"=evil": ["x"], "ok": [1]})
    text = export.csv_bytes(df).decode("utf-8-sig")
    assert text.splitlines()[0] == "'=evil,ok"
