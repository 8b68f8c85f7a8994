"""`python -m dashboard template --out FILE.xlsx`: an empty workbook to fill in and ingest.

One sheet per table with the contract's column names in row 1, a README sheet describing
every column and its allowed values, and Excel drop-down lists (data validation) for the
columns with fixed values. The lists live on a hidden sheet `lists`; `ingest` ignores the
README and lists sheets, so a filled-in template ingests as it is. Everything is read from
dashboard/contract/schema.py.
"""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from dashboard.contract.schema import TABLES, Column
from dashboard.intake.ingest import LISTS_SHEET, README_SHEET
from dashboard.intake.rule_words import TYPE_WORDS, describe
from dashboard.output import spreadsheet

LAST_ROW = 1_048_575  # Excel's last row, 0-based: validations cover the whole column


def _validation(col: Column, list_ref: str | None) -> dict | None:
    """The Excel data validation for a column, or None."""
    if col.allowed:
        return {"validate": "list", "source": list_ref,
                "input_title": col.name, "input_message": "Pick a value from the list.",
                "error_title": "Not an allowed value",
                "error_message": "Allowed: " + ", ".join(col.allowed)[:200]}
    if col.type == "bool":
        return {"validate": "list", "source": ["true", "false"],
                "error_message": "Enter true or false."}
    if col.type == "int" and col.minimum is not None and col.maximum is not None:
        return {"validate": "integer", "criteria": "between", "minimum": int(col.minimum),
                "maximum": int(col.maximum),
                "error_message": f"A whole number from {int(col.minimum)} to {int(col.maximum)}."}
    if col.type == "double" and col.minimum is not None:
        criteria = ">" if col.min_exclusive else ">="
        return {"validate": "decimal", "criteria": criteria, "value": col.minimum,
                "error_message": f"A plain number {criteria} {col.minimum:g} (no text, "
                                 "no thousands separators typed as text)."}
    return None


def build(path: Path) -> None:
    """Write the template workbook to path."""
    wb = spreadsheet.new_workbook(path)
    try:
        bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        title = wb.add_format({"bold": True, "font_size": 14})
        text = wb.add_format({"num_format": "@"})
        date = wb.add_format({"num_format": "yyyy-mm-dd"})

        readme = wb.add_worksheet(README_SHEET)
        lists = wb.add_worksheet(LISTS_SHEET)
        lists.hide()

        # the allowed-value lists, one column each, on the hidden sheet
        list_refs: dict[tuple[str, str], str] = {}
        li = 0
        for spec in TABLES.values():
            for col in spec.columns:
                if col.allowed:
                    lists.write(0, li, f"{spec.name}.{col.name}")
                    for r, v in enumerate(col.allowed, start=1):
                        lists.write_string(r, li, v)
                    letter = xl_col_to_name(li)
                    list_refs[(spec.name, col.name)] = (
                        f"={LISTS_SHEET}!${letter}$2:${letter}${len(col.allowed) + 1}")
                    li += 1

        for spec in TABLES.values():
            ws = wb.add_worksheet(spec.name)
            ws.freeze_panes(1, 0)
            for c, col in enumerate(spec.columns):
                ws.write_string(0, c, col.name, bold)
                ws.write_comment(0, c, f"{col.description}\n{describe(col)}",
                                 {"x_scale": 2, "y_scale": 1.5})
                fmt = date if col.type == "date" else text if col.type == "string" else None
                ws.set_column(c, c, max(14, len(col.name) + 4), fmt)
                v = _validation(col, list_refs.get((spec.name, col.name)))
                if v:
                    ws.data_validation(1, c, LAST_ROW, c, v)

        readme.set_column(0, 1, 22)
        readme.set_column(2, 3, 16)
        readme.set_column(4, 5, 60, wrap)
        readme.write(0, 0, "UN system ICT portfolio: data template", title)
        intro = [
            "Fill in one sheet per table; row 1 holds the column names (do not rename them).",
            "Load it with: python -m dashboard ingest THIS_FILE.xlsx --as-of YYYY-MM-DD "
            "(see docs/loading-data.md).",
            "Text values are case-sensitive and must be written exactly as listed. "
            "Empty cell = no value.",
            "Numbers: plain numbers (12000, not 12k or 12,000 typed as text). Dates: "
            "real Excel dates or text YYYY-MM-DD. true/false: true, false, 1 or 0.",
            "Problems are reported with the sheet, the row number as shown in Excel, "
            "the column and the rule broken.",
            "The ranges sheet is optional: leave it empty to use the default range factors, "
            "or give one row per class whose factors you replace (data/README.md, "
            "'Ranges: how sure each figure is').",
        ]
        for i, line in enumerate(intro, start=2):
            readme.write(i, 0, line)
        r = len(intro) + 3
        for h, name in enumerate(("table", "column", "type", "required", "rule",
                                  "description")):
            readme.write(r, h, name, bold)
        for spec in TABLES.values():
            for col in spec.columns:
                r += 1
                readme.write_row(r, 0, [
                    spec.name, col.name, TYPE_WORDS[col.type],
                    "optional" if col.nullable else "required",
                    describe(col), col.description])
            if spec.unique_together:
                r += 1
                readme.write_row(r, 0, [spec.name, " + ".join(spec.unique_together), "", "",
                                        "the combination must be unique", spec.grain])
    finally:
        wb.close()
