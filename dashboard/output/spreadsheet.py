"""The one place that writes spreadsheets: CSV and Excel files for people to open.

Text is data, never a formula or a link (data contract, "Limits on every table"):

- CSV (`csv_bytes`): a text value beginning with `=`, `+`, `-`, `@`, a tab or a carriage
  return is prefixed with `'` (the OWASP rule against CSV injection), so a spreadsheet
  program shows it as text instead of running it. Numbers stay numbers: only text cells
  (and header names) are touched.
- Excel (`write_workbook`, `new_workbook`): every workbook is created with xlsxwriter's
  conversions switched off (`strings_to_formulas`, `strings_to_urls`, `strings_to_numbers`
  all False), so a name such as `=HYPERLINK("http://x","click")` is stored as a text cell
  exactly as written, never as a formula or a hyperlink. Text is kept as written (no `'`
  is added in Excel: a text cell cannot run).

Every download of the app (each chart's CSV and Excel, "Download all"), the `export`
command's workbook with its `metadata` sheet, and the `template` command go through this
module; tests/output/test_spreadsheet.py opens each with openpyxl and checks that no cell
holds a formula or a hyperlink.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping

import pandas as pd
import xlsxwriter

# Characters that make a spreadsheet program read a CSV cell as a formula (OWASP).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_PREFIX = "'"

# xlsxwriter.Workbook options: write strings as strings, always.
WORKBOOK_OPTIONS: dict[str, object] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def csv_cell(value: object) -> object:
    """One CSV cell: text that a spreadsheet would run gets the `'` prefix; the rest as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return CSV_TEXT_PREFIX + value
    return value


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df whose text cells and header names cannot run as formulas."""
    out = df.copy()
    out.columns = [csv_cell(c) for c in out.columns]
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out.isetitem(i, s.map(csv_cell, na_action="ignore"))
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read accents correctly),
    text cells protected against formula injection.

    Lines end with CRLF (RFC 4180), so that a cell holding a carriage return or a line feed
    is quoted: unquoted, a lone CR starts a new row in Excel, and the text after it (e.g.
    "=2+2") would be read as a new cell, a formula.
    """
    return csv_safe(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def new_workbook(target: str | os.PathLike | io.BytesIO) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook that stores every string as text (no formula, no link)."""
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    return xlsxwriter.Workbook(target, dict(WORKBOOK_OPTIONS))


def _excel_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[c] = s.dt.tz_localize(None)
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            # dates arrive from DuckDB as Python dates: keep them; strings stay strings
            out[c] = s.astype(object).where(s.notna(), None)
    return out


def write_workbook(target: str | os.PathLike | io.BytesIO, sheets: Mapping[str, pd.DataFrame],
                   meta: list[tuple[str, str]]) -> None:
    """Write the sheets, then `metadata`, with xlsxwriter (money columns formatted)."""
    with pd.ExcelWriter(target, engine="xlsxwriter", date_format="yyyy-mm-dd",
                        datetime_format="yyyy-mm-dd",
                        engine_kwargs={"options": dict(WORKBOOK_OPTIONS)}) as writer:
        book = writer.book
        money = book.add_format({"num_format": "#,##0.00"})
        bold = book.add_format({"bold": True})
        for name, df in sheets.items():
            data = _excel_ready(df)
            data.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes(1, 0)
            for i, col in enumerate(data.columns):
                width = min(60, max(10, len(str(col)) + 2,
                                    *(len(str(v)) + 2 for v in data[col].head(200))))
                ws.set_column(i, i, width, money if str(col).endswith("_usd") else None)
        m = pd.DataFrame(meta, columns=["field", "value"])
        m.to_excel(writer, sheet_name="metadata", index=False)
        ws = writer.sheets["metadata"]
        ws.set_column(0, 0, 32, bold)
        ws.set_column(1, 1, 100)

