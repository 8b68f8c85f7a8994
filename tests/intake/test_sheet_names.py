"""One sheet per name (issue 28): a workbook with two sheets whose names match in any case
or spacing is refused, naming both, at the ingest command and the Load data upload, so the
sheet checked before the cells are read is always the sheet read. Before the fix the
pre-read kept the last `costs` sheet and openpyxl read the first: a formula without a saved
value was published as an empty cell (ERP's UNDP staff cost became a shared cost), and a
sheet of 120,000 rows was cut to 100,000, silently.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from dashboard.contract.schema import TABLES
from dashboard.intake import loading
from tests.intake.test_hostile_workbooks import data_dir, refused  # noqa: F401 - a fixture
from tests.intake.test_ingest import xlsx_source

BAD = "xl/worksheets/bad.xml"


def parts_of(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(xlsx_source(tmp_path / "base.xlsx")) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def with_second_costs(tmp_path: Path, bad_sheet: bytes, clean_name: str) -> Path:
    """The fixture's workbook with a hostile `costs` sheet (bad_sheet) placed before the
    real one, which is renamed clean_name."""
    parts = parts_of(tmp_path)
    parts[BAD] = bad_sheet
    book = parts["xl/workbook.xml"].decode()
    book = book.replace('<sheet name="costs" sheetId="3" state="visible" r:id="rId3" />',
                        '<sheet name="costs" sheetId="9" state="visible" r:id="rId99" />'
                        f'<sheet name="{clean_name}" sheetId="3" state="visible" r:id="rId3" />')
    assert book.count("<sheet ") == len(TABLES) + 1  # every table, and the hostile sheet
    parts["xl/workbook.xml"] = book.encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/bad.xml" '
        b'Id="rId99" /></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/worksheets/bad.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" /></Types>')
    out = tmp_path / "book.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def costs_sheet(tmp_path: Path) -> bytes:
    return parts_of(tmp_path)["xl/worksheets/sheet3.xml"]


def formula_without_value(tmp_path: Path) -> bytes:
    """The costs sheet with UNDP (B2, ERP's staff cost) a formula Excel never calculated."""
    sheet = costs_sheet(tmp_path)
    cell = b'<c r="B2" t="inlineStr"><is><t>UNDP</t></is></c>'
    assert cell in sheet
    return sheet.replace(cell, b'<c r="B2" t="str"><f>"UN"&amp;"DP"</f></c>')


def rows_120000(tmp_path: Path) -> bytes:
    """The costs sheet with its first data row 120,000 times (no dimension)."""
    sheet = re.sub(rb"<dimension [^>]*/>", b"", costs_sheet(tmp_path))
    head, rest = sheet.split(b'<row r="2">', 1)
    row = b"<row>" + rest.split(b"</row>", 1)[0].replace(b' r="', b' x="') + b"</row>"
    return head + row * 120_000 + b"</sheetData></worksheet>"


def named_alike(first: str, second: str) -> str:
    return (f"book.xlsx: holds two sheets named alike: sheet 3 {first!r} and sheet 4 "
            f"{second!r} (names are compared in any case, spaces aside): keep one")


@pytest.mark.parametrize("clean_name", ["costs", " Costs ", "COSTS", "costs "])
@pytest.mark.parametrize("bad", [formula_without_value, rows_120000])
def test_two_sheets_named_alike_are_refused_naming_both(tmp_path, data_dir, capsys,  # noqa: F811
                                                       bad, clean_name):
    book = with_second_costs(tmp_path, bad(tmp_path), clean_name)
    assert refused(capsys, data_dir, book) == [named_alike("costs", clean_name)]
    checked = loading.check_upload("book.xlsx", book.read_bytes(), 20)
    assert [f"{p.where}: {p.rule}" for p in checked.report.errors] == [
        named_alike("costs", clean_name)]
    assert not checked.ok


def test_the_formula_sheet_alone_is_refused_where_it_is(tmp_path, data_dir, capsys):  # noqa: F811
    """The same hostile sheet, the only `costs`: refused by its cell (the sheet read is the
    sheet checked)."""
    book = with_second_costs(tmp_path, formula_without_value(tmp_path), "old costs")
    assert refused(capsys, data_dir, book) == [
        "sheet 'costs' in book.xlsx, row 2, column agency_code: holds a formula without a "
        "saved value (open the workbook in Excel, let it calculate and save it, or type the "
        "value) (got '=\"UN\"&\"DP\"')"]
