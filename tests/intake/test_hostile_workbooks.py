"""Hostile source files: workbooks are read within bounds of time and memory (a zip bomb, a
sheet claiming a huge dimension, too many rows or columns: refused before the cells are
read), formula cells are read by their saved value (refused without one), and files that
are not what they claim get one clear message. Every refusal leaves the data directory
byte-identical.

No timed assertion: memory is asserted with tracemalloc (a refusal must not unpack the
bomb); the times are measured once in docs/security.md.
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dashboard import cli
from dashboard.contract.schema import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_WORKBOOK_UNPACKED_BYTES
from dashboard.store import catalog
from tests import fixture_data
from tests.sources import text_rows, tree, write_csv_source, xlsx_source

SHEET_XML_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    fixture_data.build(d)
    return d


def refused(capsys, data_dir: Path, source: Path, code: int = 1) -> list[str]:
    """Ingest must refuse with `code`, leave data_dir byte-identical; the error lines."""
    before = tree(data_dir)
    assert cli.main(["ingest", str(source), "--as-of", "2007-01-01",
                     "--data-dir", str(data_dir)]) == code
    assert tree(data_dir) == before, "a refused ingest changed the data directory"
    err = capsys.readouterr().err
    return [x.strip() for x in err.splitlines() if x.startswith("  ")]


def refused_measuring_memory(capsys, data_dir: Path, source: Path) -> tuple[list[str], int]:
    """refused(), and the peak of Python memory allocated meanwhile (bytes)."""
    tracemalloc.start()
    try:
        lines = refused(capsys, data_dir, source)
        return lines, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def sheet_member(book: Path, sheet: str) -> str:
    wb = openpyxl.load_workbook(book, read_only=True)
    try:
        return wb[sheet]._worksheet_path  # the zip member openpyxl reads for it
    finally:
        wb.close()


def rewrite(book: Path, out: Path, member: str, edit) -> Path:
    """Copy a workbook, passing one member's bytes through edit (bytes -> bytes, or an
    iterator of chunks written as they come)."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != member:
                dst.writestr(info, data)
                continue
            new = edit(data)
            if isinstance(new, bytes):
                dst.writestr(info.filename, new)
            else:
                with dst.open(info.filename, "w", force_zip64=True) as f:
                    for chunk in new:
                        f.write(chunk)
    return out


def base_book(tmp_path: Path) -> Path:
    return xlsx_source(tmp_path / "base.xlsx")


# ---- the zip bomb ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A workbook of a few hundred KB whose costs sheet unpacks to 600 MB of rows."""
    d = tmp_path_factory.mktemp("bomb")
    book = base_book(d)
    row = b"<row><c t=\"inlineStr\"><is><t>" + b"A" * 400 + b"</t></is></c></row>"
    chunk = row * (2**20 // len(row))

    def blow(_data: bytes):
        yield SHEET_XML_HEAD + b"<sheetData>"
        for _ in range(600):
            yield chunk
        yield b"</sheetData></worksheet>"

    out = rewrite(book, d / "bomb.xlsx", sheet_member(book, "costs"), blow)
    assert out.stat().st_size < 5 * 2**20
    with zipfile.ZipFile(out) as z:
        assert sum(i.file_size for i in z.infolist()) > 5 * MAX_WORKBOOK_UNPACKED_BYTES
    return out


def test_a_zip_bomb_is_refused_before_it_is_unpacked(bomb, data_dir, capsys):
    lines, peak = refused_measuring_memory(capsys, data_dir, bomb)
    assert lines == [f"bomb.xlsx: unpacks to {lines[0].split()[3]} MB, more than the 100 MB a "
                     "workbook may hold (load a larger table as a CSV or Parquet file)"]
    assert peak < 32 * 2**20, f"refusing the bomb took {peak / 2**20:.0f} MB of Python memory"


# ---- dimensions, rows, columns ----------------------------------------------------------
def test_a_sheet_claiming_a_huge_dimension_is_refused_before_reading(tmp_path, data_dir, capsys):
    book = base_book(tmp_path)
    member = sheet_member(book, "costs")
    huge = rewrite(book, tmp_path / "huge.xlsx", member,
                   lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"',
                                    x).replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"'
                                               b' t="inlineStr"><is><t>x</t></is></c></row>'
                                               b"</sheetData>"))
    lines, peak = refused_measuring_memory(capsys, data_dir, huge)
    assert lines == ["sheet 'costs' in huge.xlsx: the sheet claims 1,048,576 rows and 16,384 "
                     "columns (dimension A1:XFD1048576); a sheet may hold at most 100,000 data "
                     "rows and 64 columns (load a larger table as a CSV or Parquet file)"]
    assert peak < 32 * 2**20


def test_a_sheet_without_dimension_holding_too_many_rows_is_refused(tmp_path, data_dir, capsys):
    book = base_book(tmp_path)
    n = MAX_SHEET_ROWS + 5
    row = (b'<row><c t="inlineStr"><is><t>ERP</t></is></c><c t="inlineStr"><is><t>UNDP</t></is>'
           b'</c><c><v>2005</v></c><c t="inlineStr"><is><t>staff</t></is></c><c t="b"><v>1</v>'
           b'</c><c><v>1</v></c></row>')

    def many(data: bytes):
        head = re.sub(rb"<dimension [^>]*/>", b"", data.split(b"<row ", 1)[0])
        first_row = b"<row " + data.split(b"<row ", 2)[1]  # the header
        yield head + first_row
        for _ in range(n):
            yield row
        yield b"</sheetData></worksheet>"

    lines = refused(capsys, data_dir, rewrite(book, tmp_path / "many.xlsx",
                                              sheet_member(book, "costs"), many))
    assert lines == [f"sheet 'costs' in many.xlsx: the sheet holds more than {MAX_SHEET_ROWS:,} "
                     f"data rows (row {MAX_SHEET_ROWS + 2:,} has cells); a sheet may hold at most "
                     f"{MAX_SHEET_ROWS:,} data rows and {MAX_SHEET_COLUMNS} columns (load a larger "
                     "table as a CSV or Parquet file)"]


def test_a_cell_beyond_the_column_limit_is_refused(tmp_path, data_dir, capsys):
    book = base_book(tmp_path)
    far = rewrite(book, tmp_path / "wide.xlsx", sheet_member(book, "agencies"),
                  lambda x: re.sub(rb"<dimension [^>]*/>", b"", x).replace(
                      b"</row>", b'<c r="ZZ2" t="inlineStr"><is><t>x</t></is></c></row>', 1))
    lines = refused(capsys, data_dir, far)
    assert len(lines) == 1
    assert lines[0].startswith("sheet 'agencies' in wide.xlsx: row 1 has a cell in column ZZ, "
                               "beyond column 64")


# ---- formula cells --------------------------------------------------------------------
def test_a_formula_without_a_saved_value_is_refused_with_sheet_row_column(tmp_path, data_dir,
                                                                           capsys):
    book = base_book(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["costs"]["F4"] = "=10*3"  # openpyxl saves formulas without a value, as a script would
    wb["contributions"]["H2"] = "=SUM(H3:H6)"
    wb.save(book)
    lines = refused(capsys, data_dir, book)
    assert ("sheet 'costs' in base.xlsx, row 4, column amount_usd: holds a formula without a "
            "saved value (open the workbook in Excel, let it calculate and save it, or type the "
            "value) (got '=10*3')") in lines
    assert any(x.startswith("sheet 'contributions' in base.xlsx, row 2, column amount_usd: holds "
                            "a formula without a saved value") for x in lines)
    assert len(lines) == 2


def test_a_formula_with_a_saved_value_is_read_by_that_value(tmp_path):
    book = base_book(tmp_path)
    # costs row 4 is the fixture's ("ERP", "WFP", 2006, "software", True, 30.0): 30 = 10*3
    cached = rewrite(book, tmp_path / "cached.xlsx", sheet_member(book, "costs"),
                     lambda x: re.sub(rb'<c r="F4"([^>]*)><v>30</v></c>',
                                      rb'<c r="F4"\1><f>10*3</f><v>30</v></c>', x))
    assert b"<f>10*3</f>" in zipfile.ZipFile(cached).read(sheet_member(book, "costs"))
    data = tmp_path / "d"
    assert cli.main(["ingest", str(cached), "--as-of", "2007-01-01",
                     "--data-dir", str(data)]) == 0
    snap = catalog.scan(data).get("2007-01-01")
    import pyarrow.parquet as pq

    assert pq.read_table(snap.file("costs"))["amount_usd"].to_pylist()[2] == 30.0


# ---- files that are not what they say -----------------------------------------------------
@pytest.mark.parametrize(("content", "message"), [
    (b"initiative_id,name\nERP,x\n", "is not an Excel .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 60, "is not an Excel .xlsx workbook (an old .xls workbook?"),
    (None, "is not an Excel .xlsx workbook (it is a zip file without a readable workbook part)"),
])
def test_a_file_that_is_not_a_workbook_gets_one_message(tmp_path, data_dir, capsys, content,
                                                        message):
    fake = tmp_path / "fake.xlsx"
    if content is None:
        with zipfile.ZipFile(fake, "w") as z:
            z.writestr("notes.txt", "not a workbook")
    else:
        fake.write_bytes(content)
    lines = refused(capsys, data_dir, fake)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fake.xlsx: {message}")


def test_a_semicolon_separated_csv_gets_the_right_hint(tmp_path, data_dir, capsys):
    src = write_csv_source(tmp_path / "src", text_rows())
    # what Excel writes in a language with decimal commas
    costs = src / "costs.csv"
    lines = costs.read_text(encoding="utf-8").splitlines()
    costs.write_text("\n".join(x.replace(",", ";").replace(".0", ",0") for x in lines) + "\n",
                     encoding="utf-8")
    out = refused(capsys, data_dir, src)
    assert len(out) == 1, out
    assert out[0].startswith("costs.csv: separates its values with semicolons (;)")
    assert "comma" in out[0] and "dot for decimals" in out[0]
