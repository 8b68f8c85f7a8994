"""`python -m dashboard ingest SOURCE --as-of DATE`: validate a source, publish a snapshot.

SOURCE is a folder of `<table>.csv` files, a folder of `<table>.parquet` files, or one
`.xlsx` workbook with a sheet per table (the `template` command writes one). Every cell is
coerced explicitly to its column's type (dashboard/intake/coercion.py) and every rule of the
data contract is checked; all problems are reported at once. Nothing is written unless
everything passes: no folder, no partial file, no change to existing snapshots. Then the
snapshot is published atomically (dashboard/store/publishing.py `publish`).

Exit codes: 0 published, 1 refused (problems listed), 2 usage error.
The analyst's guide is docs/loading-data.md.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from openpyxl.utils import get_column_letter

from dashboard.contract.schema import (
    FIRST_DATE,
    LAST_DATE,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_TEXT_CHARS,
    MAX_WORKBOOK_UNPACKED_BYTES,
    REQUIRED_TABLES,
    TABLES,
    date_in_range,
)
from dashboard.intake import safezip
from dashboard.intake.validation import SourceTable, suggest, validate_sources
from dashboard.intake.validation_report import Report, RowMap
from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.store.folders import is_iso_date

# Sheets of the template that are not tables (ignored when reading a workbook).
README_SHEET = "README"
LISTS_SHEET = "lists"
HELPER_SHEETS = (README_SHEET, LISTS_SHEET)


# --------------------------------------------------------------------------------------
# Readers: each returns SourceTables and reports what it cannot read
# --------------------------------------------------------------------------------------
def _text_table(name: str, where: str, header: list[str], cells: list[list[object]],
                first_row: int, report: Report) -> SourceTable | None:
    """Columns of text cells -> SourceTable; drops fully empty rows (keeping row numbers)."""
    n = len(cells[0]) if cells else 0
    arrays: list[pa.Array] = [pa.array(c, type=pa.string()) for c in cells]
    if arrays:
        empty = np.ones(n, dtype=bool)
        for a in arrays:
            empty &= np.asarray(pc.fill_null(pc.equal(a, ""), True))
        keep = ~empty
    else:
        keep = np.zeros(0, dtype=bool)
    numbers = (np.arange(n) + first_row)[keep]
    columns: dict[str, pa.Array] = {}
    seen: set[str] = set()
    for i, (h, a) in enumerate(zip(header, arrays, strict=True)):
        a = a.filter(pa.array(keep))
        label = h.strip()
        if not label:
            if pc.any(pc.not_equal(a, "")).as_py():
                report.warning(where, _("column {number} has no header; its cells are "
                                        "ignored").format(number=i + 1), table=name)
            continue
        if label in seen:
            report.error(where, _("the header names column {column} more than once").format(
                column=repr(label)), table=name)
            continue
        seen.add(label)
        columns[label] = a
    return SourceTable(name, where, columns, RowMap(numbers=numbers), int(keep.sum()))


def read_csv(path: Path, name: str, report: Report) -> SourceTable | None:
    """A CSV file, read as text (UTF-8); the header is row 1, the first data row is row 2."""
    where = path.name
    try:
        data = path.read_bytes()
    except OSError as e:
        report.error(where, _("cannot be read ({problem})").format(problem=e.strerror or e),
                     table=name)
        return None
    if not data.strip():
        report.error(where, _("the file is empty: it needs at least the header row"),
                     table=name)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        report.error(where, _("is not a UTF-8 text CSV file (byte {byte} cannot be read; in "
                              "Excel use Save As > 'CSV UTF-8 (Comma delimited)')").format(
                                  byte=e.start + 1), table=name)
        return None
    if "\x00" in text:
        report.error(where, _("is not a CSV text file (it holds binary data)"), table=name)
        return None
    if semicolon_separated(text, name):
        report.error(where, _("separates its values with semicolons (;), as Excel does in "
                              "languages that write decimals with a comma; the contract's CSV "
                              "uses commas and a dot for decimals. In Excel use Save As > 'CSV "
                              "UTF-8 (Comma delimited)' after setting the decimal separator to "
                              "a dot (File > Options > Advanced), or load the workbook itself "
                              "(.xlsx)"), table=name)
        return None
    try:
        df = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False, engine="c")
    except pd.errors.ParserError as e:
        detail = str(e).split("C error: ")[-1].strip()
        report.error(where, _("is not a well-formed CSV: {detail} (a comma inside a value "
                              "must be quoted, and numbers must not have thousands "
                              "separators)").format(detail=detail), table=name)
        return None
    except (pd.errors.EmptyDataError, ValueError) as e:
        report.error(where, _("is not a well-formed CSV ({problem})").format(problem=e),
                     table=name)
        return None
    if df.shape[0] == 0:
        report.error(where, _("the file is empty: it needs at least the header row"),
                     table=name)
        return None
    header = ["" if v is None else str(v) for v in df.iloc[0].tolist()]
    cells = [["" if v is None else str(v) for v in df[c].iloc[1:].tolist()] for c in df.columns]
    return _text_table(name, where, header, cells, 2, report)


def semicolon_separated(text: str, table: str) -> bool:
    """Whether a CSV's header line names the table's columns separated by semicolons."""
    first = text.split("\n", 1)[0].strip("\r")
    if ";" not in first:
        return False
    known = set(TABLES[table].column_names)
    by_semicolon = {c.strip().strip('"') for c in first.split(";")}
    by_comma = {c.strip().strip('"') for c in first.split(",")}
    return len(by_semicolon & known) >= 2 and len(by_semicolon & known) > len(by_comma & known)


def read_parquet(path: Path, name: str, report: Report) -> SourceTable | None:
    """A Parquet file, typed; rows are counted from 1 over the data rows."""
    where = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        report.error(where, _("cannot be read ({problem})").format(problem=e.strerror or e),
                     table=name)
        return None
    if size == 0:
        report.error(where, _("the file is empty (0 bytes), not a Parquet file"), table=name)
        return None
    try:
        table = pq.read_table(path)
    except Exception as e:  # noqa: BLE001 - whatever the reader says, it is not Parquet
        report.error(where, _("is not a readable Parquet file ({problem})").format(
            problem=str(e).splitlines()[0][:200]), table=name)
        return None
    columns: dict[str, pa.Array] = {}
    for field_name in table.column_names:
        if field_name in columns:
            report.error(where, _("holds column {column} more than once").format(
                column=repr(field_name)), table=name)
            continue
        columns[field_name] = table[field_name].combine_chunks()
    return SourceTable(name, where, columns, RowMap(offset=1), table.num_rows)


def _cell_text(value: object, col_type: str | None) -> str | None:
    """A typed Excel cell as the text the contract's coercion judges."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ("true" if value else "false") if col_type == "bool" else str(value).upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and col_type in ("int", "string", "bool"):
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if col_type == "date" and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------------------
# Workbooks: bounded before a cell is read
# --------------------------------------------------------------------------------------
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class SheetScan:
    """What the pre-read of one table sheet found: formula cells without a saved value."""

    uncached_formulas: list[tuple[int, int, str]] = field(default_factory=list)  # row, col, f
    width: int = 0  # the rightmost column holding a cell


def same_sheet_name(name: str) -> str:
    """A sheet name as Excel and an analyst compare them: in any case, spaces aside."""
    return " ".join(name.split()).casefold()


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML (from the workbook's relationships).
    ValueError naming both sheets when two names match in any case or spacing (the sheet
    checked would not be the sheet read), or when a relationship Id is used twice."""
    def rels(name: str) -> dict[str, str]:
        root = ET.fromstring(z.read(name))
        out: dict[str, str] = {}
        for r in root.iter(f"{_NS_PKG}Relationship"):
            if r.get("Id", "") in out:
                raise ValueError(f"{name} names the relationship {r.get('Id')!r} twice")
            out[r.get("Id", "")] = r.get("Target", "")
        return out

    def resolve(base: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))

    top = rels("_rels/.rels")
    book = next((resolve("", t) for i, t in top.items() if t.endswith(".xml") and "workbook"
                 in t.lower()), "xl/workbook.xml")
    book_rels = rels(posixpath.join(posixpath.dirname(book), "_rels",
                                    posixpath.basename(book) + ".rels"))
    out: dict[str, str] = {}
    named: dict[str, tuple[int, str]] = {}
    for n, sheet in enumerate(ET.fromstring(z.read(book)).iter(f"{_NS_MAIN}sheet"), start=1):
        name = sheet.get("name", "")
        if (other := named.get(same_sheet_name(name))) is not None:
            raise DuplicateSheet(other, (n, name))
        named[same_sheet_name(name)] = (n, name)
        target = book_rels.get(sheet.get(f"{_NS_REL}id", ""))
        if target:
            out[name] = resolve(book, target)
    return out


class DuplicateSheet(ValueError):
    def __init__(self, first: tuple[int, str], second: tuple[int, str]) -> None:
        super().__init__(_("holds two sheets named alike: sheet {first} {first_name} and "
                           "sheet {second} {second_name} (names are compared in any case, "
                           "spaces aside): keep one").format(
            first=first[0], first_name=repr(first[1]), second=second[0],
            second_name=repr(second[1])))


def _scan_sheet(z: zipfile.ZipFile, member: str, where: str, table: str,
                report: Report) -> SheetScan | None:
    """Stream one table sheet's XML once, before openpyxl reads it: refuse it (None) when
    its stored dimension claims, or its rows turn out to hold, more rows or columns than
    the limits; list the formula cells that have no saved (cached) value."""
    from openpyxl.utils.cell import (
        column_index_from_string,
        coordinate_from_string,
        range_boundaries,
    )

    limit = _("a sheet may hold at most {rows} data rows and {columns} columns (load a "
              "larger table as a CSV or Parquet file)").format(
        rows=number(MAX_SHEET_ROWS, 0), columns=MAX_SHEET_COLUMNS)
    scan = SheetScan()
    row_no = col = 0
    with z.open(member) as src:
        for event, el in ET.iterparse(src, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{_NS_MAIN}row":
                    row_no = int(el.get("r") or row_no + 1)
                    col = 0
                elif tag == f"{_NS_MAIN}dimension":
                    try:
                        _c0, _r0, c1, r1 = range_boundaries(el.get("ref", "A1"))
                    except (ValueError, TypeError):
                        continue
                    if (r1 or 1) - 1 > MAX_SHEET_ROWS or (c1 or 1) > MAX_SHEET_COLUMNS:
                        report.error(where, _("the sheet claims {rows} rows and {columns} "
                                              "columns (dimension {ref}); {limit}").format(
                            rows=number(r1 or 0, 0), columns=number(c1 or 0, 0),
                            ref=el.get("ref"), limit=limit), table=table)
                        return None
                continue
            if tag == f"{_NS_MAIN}c":
                ref = el.get("r")
                # a cell without a reference follows the one before it
                col = column_index_from_string(coordinate_from_string(ref)[0]) if ref else col + 1
                if col > MAX_SHEET_COLUMNS:
                    report.error(where, _("row {row} has a cell in column {column}, beyond "
                                          "column {most}; {limit}").format(
                        row=number(row_no, 0), column=get_column_letter(col),
                        most=MAX_SHEET_COLUMNS, limit=limit), table=table)
                    return None
                scan.width = max(scan.width, col)
                f = el.find(f"{_NS_MAIN}f")
                if f is not None:
                    v = el.find(f"{_NS_MAIN}v")
                    # no saved value: no <v>, or an empty one where the result is not text
                    if v is None or (not v.text and el.get("t") != "str"):
                        scan.uncached_formulas.append((row_no, col, f.text or ""))
            elif tag == f"{_NS_MAIN}row":
                if row_no - 1 > MAX_SHEET_ROWS and len(el):
                    report.error(where, _("the sheet holds more than {most} data rows (row "
                                          "{row} has cells); {limit}").format(
                        most=number(MAX_SHEET_ROWS, 0), row=number(row_no, 0), limit=limit),
                        table=table)
                    return None
                el.clear()
    return scan


def preflight_xlsx(path: Path, report: Report) -> tuple[dict[str, SheetScan], io.BytesIO] | None:
    """The bounds of a workbook, checked before openpyxl reads it: the size its parts
    declare, then every part unpacked through dashboard/intake/safezip.py (stored or deflate only,
    bounded by what it produces) into a copy in memory, then each table sheet's rows and
    columns. Returns the scans of the table sheets and the copy, the only thing a reader
    may open, or None when the workbook is refused."""
    where_book = path.name
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
            report.error(where_book, _("unpacks to {mb} MB, more than the {most} MB a workbook "
                                       "may hold (load a larger table as a CSV or Parquet "
                                       "file)").format(
                mb=number(unpacked / 2**20, 0), most=number(MAX_WORKBOOK_UNPACKED_BYTES / 2**20, 0)))
            return None
        book = safezip.rebuild(path)
    except safezip.Refused as e:
        report.error(where_book, _("is refused: {problem}").format(problem=e))
        return None
    except (zipfile.BadZipFile, OSError) as e:
        report.error(where_book, _("is not a readable Excel .xlsx workbook ({problem})").format(
            problem=e))
        return None
    with zipfile.ZipFile(book) as z:
        try:
            parts = _sheet_parts(z)
        except DuplicateSheet as e:
            report.error(where_book, str(e))
            return None
        except (KeyError, ET.ParseError, ValueError):
            report.error(where_book, _("is not an Excel .xlsx workbook (it is a zip file "
                                       "without a readable workbook part)"))
            return None
        out: dict[str, SheetScan] = {}
        for sheet, member in parts.items():
            if sheet not in TABLES:
                continue
            try:
                scan = _scan_sheet(z, member, f"sheet {sheet!r} in {path.name}", sheet, report)
            except (KeyError, ET.ParseError, ValueError) as e:
                report.error(where_book, f"sheet {sheet!r} cannot be read ({e})", table=sheet)
                return None
            if scan is None:
                return None
            out[sheet] = scan
    book.seek(0)
    return out, book


def _cells_mask(table: SourceTable, header: list[str],
                cells: list[tuple[int, int, str]]) -> dict[str, np.ndarray]:
    """Masks over the table's data rows marking the given (sheet row, column) cells."""
    numbers = table.rowmap.numbers
    out: dict[str, np.ndarray] = {}
    for row_no, col, _formula in cells:
        label = header[col - 1].strip() if 0 < col <= len(header) else ""
        idx = np.flatnonzero(numbers == row_no) if numbers is not None else []
        if label and len(idx):
            out.setdefault(label, np.zeros(table.num_rows, dtype=bool))[idx[0]] = True
    return out


def read_xlsx(path: Path, report: Report) -> dict[str, SourceTable] | None:
    """An Excel workbook with a sheet per table; the header is row 1 of each sheet.

    Returns None when the file as a whole cannot be read (one message says why). A formula
    cell is read by the value Excel saved with it; one without a saved value is refused
    with its sheet, row and column.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    where_book = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        report.error(where_book, _("cannot be read ({problem})").format(
            problem=e.strerror or e))
        return None
    if size == 0:
        report.error(where_book, _("the file is empty (0 bytes), not an Excel workbook"))
        return None
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as f:
            magic = f.read(4)
        report.error(where_book, _("is not an Excel .xlsx workbook (an old .xls workbook? "
                                   "save it as .xlsx)") if magic == b"\xd0\xcf\x11\xe0"
                     else _("is not an Excel .xlsx workbook"))
        return None
    checked = preflight_xlsx(path, report)
    if checked is None:
        return None
    scans, book = checked
    try:  # openpyxl reads only the copy whose every part was unpacked within the bounds
        wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        report.error(where_book, _("is not a readable Excel .xlsx workbook ({problem})").format(
            problem=e))
        return None
    out: dict[str, SourceTable] = {}
    try:
        for sheet in wb.sheetnames:
            if sheet in HELPER_SHEETS:
                continue
            if sheet not in TABLES:
                report.warning(where_book, _("sheet {sheet} is not a table of the contract and "
                                             "is ignored").format(sheet=repr(sheet))
                               + suggest(sheet, TABLES))
                continue
            where = _("sheet {sheet} in {file}").format(sheet=repr(sheet), file=path.name)
            # bounded: never more rows or columns than the limits (no padding to a claimed size)
            rows = wb[sheet].iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS,
                                       values_only=True)
            header_row = next(rows, None)
            if header_row is None or all(v is None or v == "" for v in header_row):
                report.error(where, _("the sheet is empty: row 1 must hold the column names"),
                             table=sheet)
                continue
            scan = scans.get(sheet)
            width = scan.width if scan and scan.width else len(header_row)
            header = ["" if v is None else str(v) for v in header_row[:width]]
            spec = TABLES[sheet]
            types = [spec.column(h.strip()).type if h.strip() in spec.column_names else None
                     for h in header]
            for row_no, col, formula in (scan.uncached_formulas if scan else []):
                label = header[col - 1].strip() if 0 < col <= len(header) else ""
                report.error(where, _("holds a formula without a saved value (open the "
                                      "workbook in Excel, let it calculate and save it, or "
                                      "type the value)"),
                             table=sheet, column=label or f"{get_column_letter(col)}",
                             row=row_no, value="=" + formula)
            cells: list[list[object]] = [[] for _column in header]
            for row in rows:
                for i in range(len(header)):
                    v = row[i] if i < len(row) else None
                    cells[i].append(_cell_text(v, types[i]))
            table = out[sheet] = _text_table(sheet, where, header, cells, 2, report)
            if scan and scan.uncached_formulas and table is not None:
                table.reported = _cells_mask(table, header, scan.uncached_formulas)
    except Exception as e:  # noqa: BLE001 - a damaged workbook is the file's problem
        report.error(where_book, _("cannot be read as an Excel workbook ({problem})").format(
            problem=e))
        return None
    finally:
        wb.close()
    return out


def read_folder(folder: Path, report: Report) -> dict[str, SourceTable]:
    """A folder of <table>.csv or <table>.parquet files (one per table)."""
    out: dict[str, SourceTable] = {}
    entries = {p.name: p for p in folder.iterdir() if p.is_file()}
    for name in entries:
        stem, _dot, ext = name.rpartition(".")
        if ext.lower() in ("csv", "parquet") and stem not in TABLES:
            report.warning(folder.name, _("file {file} is not a table of the contract and is "
                                          "ignored").format(file=repr(name))
                           + suggest(stem, TABLES))
    for name in TABLES:
        csv, parquet = entries.get(f"{name}.csv"), entries.get(f"{name}.parquet")
        if csv and parquet:
            report.error(folder.name, _("holds both {csv} and {parquet}: keep one").format(
                csv=f"{name}.csv", parquet=f"{name}.parquet"), table=name)
            continue
        if csv is None and parquet is None and TABLES[name].optional:
            continue  # an optional table (ranges) may be left out
        if csv is None and parquet is None:
            report.error(folder.name, _("table {table} is missing: no {csv} or {parquet} in "
                                        "{folder}").format(table=name, csv=f"{name}.csv",
                                                           parquet=f"{name}.parquet",
                                                           folder=folder), table=name)
            continue
        src = read_csv(csv, name, report) if csv else read_parquet(parquet, name, report)
        if src is not None:
            out[name] = src
    return out


def read_source(source: Path, report: Report) -> dict[str, SourceTable]:
    if source.is_dir():
        return read_folder(source, report)
    tables = read_xlsx(source, report)
    if tables is None:
        return {}  # the workbook as a whole is refused: one message, not one per sheet
    for name in REQUIRED_TABLES:
        if name not in tables and not any(h.table == name for h in report.errors):
            report.error(source.name, _("sheet {sheet} is missing (the workbook needs a sheet "
                                        "per table: {tables})").format(
                                            sheet=repr(name), tables=", ".join(REQUIRED_TABLES)),
                         table=name)
    return tables


def check_source(source: Path, report: Report | None = None) -> tuple[Report, dict[str, pa.Table]]:
    """Read and validate a source (folder or workbook): THE validation of a load, used by
    the `ingest` command and the app's "Load data" page (dashboard/intake/loading.py). The tables
    are valid only if report.ok; publish them with snapshots.publish."""
    report = report if report is not None else Report()
    tables = validate_sources(read_source(source, report), report)
    return report, tables


def as_of_problem(as_of: str, name: str = "--as-of") -> str | None:
    """Why a snapshot date cannot be used, or None (`ingest --as-of` and the Load data page)."""
    if not is_iso_date(as_of):
        return f"{name} {as_of!r} is not a date written YYYY-MM-DD"
    if not date_in_range(dt.date.fromisoformat(as_of)):
        return (f"{name} {as_of}: an as-of date must lie between {FIRST_DATE.isoformat()} "
                f"and {LAST_DATE.isoformat()}")
    return None


def note_problem(note: str, name: str = "the source note") -> str | None:
    """Why a source note cannot be used (too long), or None."""
    if len(note or "") > MAX_TEXT_CHARS:
        return (f"{name} is {len(note):,} characters long; a note may be at most "
                f"{MAX_TEXT_CHARS}")
    return None


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------
def _usd(x: float) -> str:
    return f"${x:,.2f}"


TOTALS = (  # (label, table, column, status): the figures an analyst reconciles a load with
    ("total cost", "costs", "amount_usd", None),
    ("total benefit", "benefits", "amount_usd", None),
    ("agency pledges", "commitments", "pledged_usd", None),
    ("contributions paid", "contributions", "amount_usd", "paid"),
    ("contributions pledged", "contributions", "amount_usd", "pledged"),
)


def totals(tables: dict[str, pa.Table]) -> list[tuple[str, float]]:
    """The headline totals of validated tables (`TOTALS`), to the cent as stored."""
    out = []
    for label, table, column, status in TOTALS:
        t = tables[table]
        if status is not None:
            t = t.filter(pc.equal(t["status"], status))
        out.append((label, float(pc.sum(t[column]).as_py() or 0.0)))
    return out


def summary(tables: dict[str, pa.Table], path: Path) -> list[str]:
    """Rows per table, the headline totals, the path."""
    lines = [f"published snapshot {path.name} at {path}"]
    for name, t in tables.items():
        lines.append(f"  {name:<14}{t.num_rows:>12,} rows")
    lines += [f"  {label:<22}{_usd(value)}" for label, value in totals(tables)]
    return lines
