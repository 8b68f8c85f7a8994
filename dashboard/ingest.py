"""`python -m dashboard ingest SOURCE --as-of DATE`: validate a source, publish a snapshot.

SOURCE is a folder of `<table>.csv` files, a folder of `<table>.parquet` files, or one
`.xlsx` workbook with a sheet per table (the `template` command writes one). Every cell is
coerced explicitly to its column's type (dashboard/validation.py) and every rule of the
data contract is checked; all problems are reported at once. Nothing is written unless
everything passes: no folder, no partial file, no change to existing snapshots. Then the
snapshot is published atomically (dashboard/snapshots.py `publish`).

Exit codes: 0 published, 1 refused (problems listed), 2 usage error.
The analyst's guide is docs/loading-data.md.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.schema import TABLES
from dashboard.validation import Report, RowMap, SourceTable, suggest

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
                report.warning(where, f"column {i + 1} has no header; its cells are ignored",
                               table=name)
            continue
        if label in seen:
            report.error(where, f"the header names column {label!r} more than once", table=name)
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
        report.error(where, f"cannot be read ({e.strerror or e})", table=name)
        return None
    if not data.strip():
        report.error(where, "the file is empty: it needs at least the header row", table=name)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        report.error(where, "is not a UTF-8 text CSV file (byte "
                     f"{e.start + 1} cannot be read; in Excel use Save As > "
                     "'CSV UTF-8 (Comma delimited)')", table=name)
        return None
    if "\x00" in text:
        report.error(where, "is not a CSV text file (it holds binary data)", table=name)
        return None
    try:
        df = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False, engine="c")
    except pd.errors.ParserError as e:
        detail = str(e).split("C error: ")[-1].strip()
        report.error(where, f"is not a well-formed CSV: {detail} (a comma inside a value must "
                     "be quoted, and numbers must not have thousands separators)", table=name)
        return None
    except (pd.errors.EmptyDataError, ValueError) as e:
        report.error(where, f"is not a well-formed CSV ({e})", table=name)
        return None
    if df.shape[0] == 0:
        report.error(where, "the file is empty: it needs at least the header row", table=name)
        return None
    header = ["" if v is None else str(v) for v in df.iloc[0].tolist()]
    cells = [["" if v is None else str(v) for v in df[c].iloc[1:].tolist()] for c in df.columns]
    return _text_table(name, where, header, cells, 2, report)


def read_parquet(path: Path, name: str, report: Report) -> SourceTable | None:
    """A Parquet file, typed; rows are counted from 1 over the data rows."""
    where = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        report.error(where, f"cannot be read ({e.strerror or e})", table=name)
        return None
    if size == 0:
        report.error(where, "the file is empty (0 bytes), not a Parquet file", table=name)
        return None
    try:
        table = pq.read_table(path)
    except Exception as e:  # noqa: BLE001 - whatever the reader says, it is not Parquet
        report.error(where, f"is not a readable Parquet file ({str(e).splitlines()[0][:200]})",
                     table=name)
        return None
    columns: dict[str, pa.Array] = {}
    for field_name in table.column_names:
        if field_name in columns:
            report.error(where, f"holds column {field_name!r} more than once", table=name)
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


def read_xlsx(path: Path, report: Report) -> dict[str, SourceTable]:
    """An Excel workbook with a sheet per table; the header is row 1 of each sheet."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    where_book = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        report.error(where_book, f"cannot be read ({e.strerror or e})")
        return {}
    if size == 0:
        report.error(where_book, "the file is empty (0 bytes), not an Excel workbook")
        return {}
    if not zipfile.is_zipfile(path):
        hint = " (an old .xls workbook? save it as .xlsx)" if path.read_bytes()[:4] == \
            b"\xd0\xcf\x11\xe0" else ""
        report.error(where_book, f"is not an Excel .xlsx workbook{hint}")
        return {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        report.error(where_book, f"is not a readable Excel .xlsx workbook ({e})")
        return {}
    out: dict[str, SourceTable] = {}
    try:
        for sheet in wb.sheetnames:
            if sheet in HELPER_SHEETS:
                continue
            if sheet not in TABLES:
                report.warning(where_book, f"sheet {sheet!r} is not a table of the contract and "
                               f"is ignored{suggest(sheet, TABLES)}")
                continue
            where = f"sheet {sheet!r} in {path.name}"
            rows = wb[sheet].iter_rows(values_only=True)
            header_row = next(rows, None)
            if header_row is None or all(v is None or v == "" for v in header_row):
                report.error(where, "the sheet is empty: row 1 must hold the column names",
                             table=sheet)
                continue
            header = ["" if v is None else str(v) for v in header_row]
            spec = TABLES[sheet]
            types = [spec.column(h.strip()).type if h.strip() in spec.column_names else None
                     for h in header]
            cells: list[list[object]] = [[] for _ in header]
            for row in rows:
                for i in range(len(header)):
                    v = row[i] if i < len(row) else None
                    cells[i].append(_cell_text(v, types[i]))
            out[sheet] = _text_table(sheet, where, header, cells, 2, report)
    except Exception as e:  # noqa: BLE001 - a damaged workbook is the file's problem
        report.error(where_book, f"cannot be read as an Excel workbook ({e})")
        return {}
    finally:
        wb.close()
    return out


def read_folder(folder: Path, report: Report) -> dict[str, SourceTable]:
    """A folder of <table>.csv or <table>.parquet files (one per table)."""
    out: dict[str, SourceTable] = {}
    entries = {p.name: p for p in folder.iterdir() if p.is_file()}
    for name in entries:
        stem, _, ext = name.rpartition(".")
        if ext.lower() in ("csv", "parquet") and stem not in TABLES:
            report.warning(folder.name, f"file {name!r} is not a table of the contract and is "
                           f"ignored{suggest(stem, TABLES)}")
    for name in TABLES:
        csv, parquet = entries.get(f"{name}.csv"), entries.get(f"{name}.parquet")
        if csv and parquet:
            report.error(folder.name, f"holds both {name}.csv and {name}.parquet: keep one",
                         table=name)
            continue
        if csv is None and parquet is None:
            report.error(folder.name, f"table {name} is missing: no {name}.csv or "
                         f"{name}.parquet in {folder}", table=name)
            continue
        src = read_csv(csv, name, report) if csv else read_parquet(parquet, name, report)
        if src is not None:
            out[name] = src
    return out


def read_source(source: Path, report: Report) -> dict[str, SourceTable]:
    if source.is_dir():
        return read_folder(source, report)
    tables = read_xlsx(source, report)
    for name in TABLES:
        if name not in tables and not any(h.table == name for h in report.errors):
            report.error(source.name, f"sheet {name!r} is missing (the workbook needs a sheet "
                         f"per table: {', '.join(TABLES)})", table=name)
    return tables


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------
def _usd(x: float) -> str:
    return f"${x:,.2f}"


def summary(tables: dict[str, pa.Table], path: Path) -> list[str]:
    """Rows per table, the headline totals, the path."""
    lines = [f"published snapshot {path.name} at {path}"]
    for name, t in tables.items():
        lines.append(f"  {name:<14}{t.num_rows:>12,} rows")

    def total(table: str, column: str, status: str | None = None) -> float:
        t = tables[table]
        if status is not None:
            t = t.filter(pc.equal(t["status"], status))
        return float(pc.sum(t[column]).as_py() or 0.0)

    lines += [
        f"  total cost            {_usd(total('costs', 'amount_usd'))}",
        f"  total benefit         {_usd(total('benefits', 'amount_usd'))}",
        f"  agency pledges        {_usd(total('commitments', 'pledged_usd'))}",
        f"  contributions paid    {_usd(total('contributions', 'amount_usd', 'paid'))}",
        f"  contributions pledged {_usd(total('contributions', 'amount_usd', 'pledged'))}",
    ]
    return lines
