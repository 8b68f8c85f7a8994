"""Source files built for the intake tests: the fixture as CSV text, as a workbook, edited one cell at a time; a folder's bytes as a tree to compare."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import openpyxl

from dashboard.contract.schema import TABLES
from tests import fixture_data


def rows_with(table: str, index: int, column: str, value: object) -> dict[str, list[tuple]]:
    rows = {k: list(v) for k, v in fixture_data.ROWS.items()}
    row = list(rows[table][index])
    row[fixture_data.columns(table).index(column)] = value
    rows[table][index] = tuple(row)
    return rows


def tree(path: Path) -> dict[str, bytes | None]:
    """Every folder and file under path with its bytes: equal trees are byte-identical."""
    out: dict[str, bytes | None] = {}
    if not path.exists():
        return out
    for root, dirs, files in os.walk(path):
        for d in dirs:
            out[os.path.relpath(os.path.join(root, d), path) + "/"] = None
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, path)] = Path(p).read_bytes()
    return out


def xlsx_source(path: Path, rows: dict[str, list[tuple]] | None = None) -> Path:
    """A workbook with a sheet per table and typed cells, as Excel stores them."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in TABLES:
        ws = wb.create_sheet(name)
        ws.append(fixture_data.columns(name, rows))
        for row in (rows or fixture_data.ROWS)[name]:
            ws.append([dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v
                       for v in row])
    wb.save(path)
    return path


def cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def text_rows() -> dict[str, list[list[str]]]:
    """The fixture as text cells, ready to be edited."""
    return {name: [[cell_text(v) for v in row] for row in rows]
            for name, rows in fixture_data.ROWS.items()}


def write_csv_source(folder: Path, rows: dict[str, list[list[str]]] | None = None,
                     headers: dict[str, list[str]] | None = None) -> Path:
    """A folder of <table>.csv files holding the given text rows (default: the fixture)."""
    rows = rows if rows is not None else text_rows()
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in TABLES.items():
        if name not in rows:
            continue
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            default = list(spec.column_names)[: len(rows[name][0])] if rows[name] else list(
                spec.column_names)
            w.writerow((headers or {}).get(name, default))
            w.writerows(rows[name])
    return folder


def col_index(table: str, column: str) -> int:
    return TABLES[table].column_names.index(column)


