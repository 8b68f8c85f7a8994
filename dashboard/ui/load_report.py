"""The "Load data" page's validation report (dashboard/ui/load.py's upload checks the file):
the verdict, the problems and warnings as tables in the reader's language, and the report
as a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import streamlit as st

from dashboard.intake import loading
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext
from dashboard.output import spreadsheet
from dashboard.output.usertext import md
from dashboard.ui import say

SHOWN_ROWS = 60  # report lines on the page (the download has them all), as the CLI prints


def report(checked: loading.Checked) -> None:
    errors = loading.report_frame(checked.report)
    warnings = loading.report_frame(checked.report, "warning")
    if checked.ok:
        say.success(_("{file}: every rule passes.").format(file=md(checked.name)),
                    icon=":material/check_circle:")
    else:
        n = checked.report.error_count
        say.error(ngettext(
            "{file}: {count} problem. Nothing was published: correct the file and upload it "
            "again.",
            "{file}: {count} problems. Nothing was published: correct the file and upload it "
            "again.", n).format(file=md(checked.name), count=number(n, 0)),
            icon=":material/error:")
    for title, df in ((_("Validation report"), errors),
                      (_("Warnings (not stored, never refused)"), warnings)):
        if df.empty:
            continue
        say.subheader(title)
        # a static table: every rule is read whole (wrapped), never cut at a cell's edge.
        # st.table draws each cell as Markdown, and the cells carry the file's own text
        # (values, sheet and file names): shown literally, never as links or images
        shown = df.head(SHOWN_ROWS).astype({"Row": "string"}).fillna("")
        st.table(shown.map(lambda v: md(v) if isinstance(v, str) else v), hide_index=True)
        if len(df) > SHOWN_ROWS:
            say.caption("… " + _("and {count} more lines: download the report.").format(
                count=number(len(df) - SHOWN_ROWS, 0)))
    if not (errors.empty and warnings.empty):
        st.download_button(
            _("Download the report (Excel)"),
            data=lambda: _report_workbook(checked, errors, warnings),  # built on click
            file_name=f"{checked.name.rsplit('.', 1)[0]}-validation-report.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="load_report_xlsx", on_click="ignore", icon=":material/download:")


def _report_workbook(checked: loading.Checked, errors: pd.DataFrame,
                     warnings: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    spreadsheet.write_workbook(buf, {"problems": errors, "warnings": warnings}, [
        ("file", checked.name), ("sha256", checked.source_file.sha256),
        ("bytes", str(checked.source_file.size)), ("problems", str(checked.report.error_count)),
        ("checked at", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"))])
    return buf.getvalue()
