"""Loading figures received through the browser (the app's "Load data" page), without
Streamlit: the upload is checked and read here, validated by `ingest.check_source` and
published by `publishing.publish`, the same validation and the same atomic publish (with
its role check and audit record) as `python -m dashboard ingest`.

An upload is one `.xlsx` workbook in the template's form, or one `.zip` of `<table>.csv`
files. Its size is capped (`config.max_upload_mb`, in MB of 1,000,000 bytes); a zip is unpacked within the same
bounds as a workbook (at most 100 MB unpacked, only `.csv` members, no paths outside its
folder). Every problem goes into the validation report, with the file or sheet, the row,
the column, the rule and the value.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TextIO

import pandas as pd
import pyarrow as pa

from dashboard import config
from dashboard.contract.schema import (
    LAST_DATE,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_TEXT_CHARS,
    MAX_WORKBOOK_UNPACKED_BYTES,
    REQUIRED_TABLES,
    TABLES,
)
from dashboard.intake import ingest, safezip
from dashboard.intake.validation_report import Report
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import audit, publishing

WORKBOOK, ZIP = ".xlsx", ".zip"
ACCEPTED = ("xlsx", "zip")
MAX_ZIP_MEMBERS = 64
PREVIEW_AS_OF = LAST_DATE.isoformat()  # the scratch snapshot's date: any date would do
REPORT_COLUMNS = ("Sheet or file", "Row", "Column", "Rule", "Value")


@dataclass(frozen=True)
class Checked:
    """An upload after validation: the report, and the typed tables when it is valid."""

    name: str
    source_file: audit.SourceFile
    report: Report
    tables: dict[str, pa.Table]

    @property
    def ok(self) -> bool:
        return self.report.ok and all(t in self.tables for t in REQUIRED_TABLES)


def safe_name(name: str, suffix: str) -> str:
    """The uploaded file's own name (what the messages call it), reduced to a plain file
    name: no folder, only letters, digits, spaces and . _ - ( )."""
    base = PurePosixPath(name.replace("\\", "/")).name
    stem = re.sub(r"[^\w .()-]+", "_", base[: -len(suffix)] if base.lower().endswith(suffix)
                  else base).strip(" .") or "upload"
    return f"{stem[:80]}{suffix}"


def too_large(size: int, cap_mb: int) -> str | None:
    """Why a file of size bytes is over the cap (config.upload_cap_text), or None."""
    if size <= config.max_upload_bytes(cap_mb):
        return None
    return _("is {size} bytes ({mb} MB), more than the {cap} an upload may be (the limit "
             "is set on the server: ICT_DASHBOARD_MAX_UPLOAD_MB). Split the figures, or ask "
             "the administrator to load them with `python -m dashboard ingest`").format(
                 size=number(size, 0), mb=number(size / config.MB, 1),
                 cap=config.upload_cap_text(cap_mb))


def _unzip_csvs(data: bytes, where: str, folder: Path, report: Report) -> bool:
    """The `.csv` members of a zip into folder (by their own file names); False if refused.
    Each member is unpacked through dashboard/intake/safezip.py (stored or deflate only, bounded
    by the bytes it produces, in total at most 100 MB) and held to a sheet's row and
    column limits (`csv_bounds`) before anything reads its cells."""
    try:
        z = safezip.open_zip(data)
    except safezip.Refused:
        report.error(where, _("is not a zip file (upload an .xlsx workbook or a .zip of CSV "
                              "files)"))
        return False
    with z:
        members = [i for i in z.infolist() if not i.is_dir()]
        if len(members) > MAX_ZIP_MEMBERS:
            report.error(where, _("holds {count} files; a zip of CSV files needs six (at most "
                                  "{most})").format(count=number(len(members), 0),
                                                    most=MAX_ZIP_MEMBERS))
            return False
        unpacked = sum(i.file_size for i in members)
        if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
            report.error(where, _("unpacks to {mb} MB, more than the {most} MB an upload may "
                                  "hold").format(mb=number(unpacked / 2**20, 0),
                                                 most=number(MAX_WORKBOOK_UNPACKED_BYTES / 2**20, 0)))
            return False
        if any(n in z.namelist() for n in ("[Content_Types].xml", "xl/workbook.xml")):
            report.error(where, _("is an Excel workbook named .zip: rename it to .xlsx"))
            return False
        seen: dict[str, str] = {}
        budget = safezip.Budget()
        for info in members:
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if path.name.startswith(".") or "__MACOSX" in path.parts:
                continue  # what macOS's "Compress" adds
            if path.suffix.lower() != ".csv":
                report.warning(where, _("{file} is not a .csv file and is ignored").format(
                    file=repr(info.filename)))
                continue
            if path.name in seen:
                report.error(where, _("holds {file} twice ({first} and {second}): keep "
                                      "one").format(file=path.name, first=repr(seen[path.name]),
                                                    second=repr(info.filename)))
                return False
            seen[path.name] = info.filename
            try:
                with open(folder / path.name, "wb") as out:
                    safezip.copy_to(z, info, budget, out)
            except safezip.Refused as e:
                report.error(where, _("is refused: {problem}").format(problem=e))
                return False
            except OSError as e:
                report.error(where, _("{member} cannot be unpacked ({problem})").format(
                    member=repr(info.filename), problem=e))
                return False
            if (problem := csv_bounds(folder / path.name)) is not None:
                report.error(_("{file} in {zip}").format(file=path.name, zip=where), problem,
                             table=path.stem)
                return False
    return True


class _TooWide(Exception):
    pass


def csv_bounds(path: Path) -> str | None:
    """Why an uploaded CSV file is larger than a sheet may be (more than MAX_SHEET_COLUMNS
    columns in its header, or more than MAX_SHEET_ROWS data rows), or None. Streamed one
    record at a time and stopped at the first record past a limit: nothing of the file
    is held while it is counted."""
    limit = _("a CSV file in an upload may hold at most {rows} data rows and {columns} "
              "columns, as a sheet may (load a larger table with `python -m dashboard "
              "ingest`)").format(rows=number(MAX_SHEET_ROWS, 0), columns=MAX_SHEET_COLUMNS)
    # a valid record's physical line has at most MAX_SHEET_COLUMNS values of at most
    # MAX_TEXT_CHARS characters, commas and all: a longer run of commas is refused before
    # the CSV reader splits it (millions of empty values would each cost a pointer)
    most_commas = MAX_SHEET_COLUMNS * (MAX_TEXT_CHARS + 1)
    rows = 0

    def lines(f: TextIO) -> Iterator[str]:
        for n, line in enumerate(f, start=1):
            if line.count(",") > most_commas:
                raise _TooWide(_("line {line} holds {count} values; {limit}").format(
                    line=number(n, 0), count=number(line.count(",") + 1, 0), limit=limit))
            yield line

    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            reader = csv.reader(lines(f))
            header = next(reader, [])
            if len(header) > MAX_SHEET_COLUMNS:
                return _("the header row has {count} columns; {limit}").format(
                    count=number(len(header), 0), limit=limit)
            for record in reader:
                if record:
                    rows += 1
                    if rows > MAX_SHEET_ROWS:
                        return _("the file holds more than {most} data rows; {limit}").format(
                            most=number(MAX_SHEET_ROWS, 0), limit=limit)
    except _TooWide as e:
        return str(e)
    except csv.Error:
        return None  # not well-formed: the CSV reader (ingest.read_csv) says where and why
    return None


def check_upload(name: str, data: bytes, cap_mb: int) -> Checked:
    """Read and validate one uploaded file (a workbook or a zip of CSV files)."""
    suffix = PurePosixPath(name.lower()).suffix
    source_file = audit.SourceFile(safe_name(name, suffix or ""),
                                   audit.sha256_bytes(data), len(data))
    report = Report()
    where = source_file.name
    tables: dict[str, pa.Table] = {}
    if (problem := too_large(len(data), cap_mb)) is not None:
        report.error(where, problem)
    elif suffix not in (WORKBOOK, ZIP):
        report.error(where, _("must be an Excel workbook (.xlsx, e.g. the template) or a zip "
                              "of CSV files (.zip)"))
    else:
        with tempfile.TemporaryDirectory(prefix="ict-upload-") as tmp:
            if suffix == WORKBOOK:
                source = Path(tmp) / where
                source.write_bytes(data)
            else:
                source = Path(tmp) / PurePosixPath(where).stem
                source.mkdir()
                if not _unzip_csvs(data, where, source, report):
                    return Checked(where, source_file, report, {})
            report, tables = ingest.check_source(source, report)
            report.rename(str(source), where)  # never the server's scratch folder
    return Checked(where, source_file, report, tables)


def report_frame(report: Report, severity: str = "error") -> pd.DataFrame:
    """The report as a table: sheet (or file), spreadsheet row, column, rule, value."""
    rows = []
    for p in report.entries(severity):
        sheet = p.table if p.table and p.where.startswith("sheet ") else p.where
        rule = p.rule
        if p.more:
            rule = ngettext("{count} more row breaks the same rule: {rule}",
                            "{count} more rows break the same rule: {rule}",
                            p.more).format(count=number(p.more, 0), rule=rule)
        elif p.times > 1:
            rule = f"{rule} " + _("({count} times)").format(count=number(p.times, 0))
        rows.append({"Sheet or file": sheet, "Row": p.row, "Column": p.column or "",
                     "Rule": rule, "Value": p.shown_value()})
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS)).astype({"Row": "Int64"})


# --------------------------------------------------------------------------------------
# Preview of a valid upload
# --------------------------------------------------------------------------------------
def rows_per_table(tables: dict[str, pa.Table]) -> pd.DataFrame:
    present = [t for t in TABLES if t in tables]  # an optional table (ranges) may be absent
    return pd.DataFrame({"table": present, "rows": [tables[t].num_rows for t in present]})


def totals_frame(tables: dict[str, pa.Table]) -> pd.DataFrame:
    return pd.DataFrame(ingest.totals(tables), columns=["figure", "amount_usd"])


def initiative_summary(tables: dict[str, pa.Table]) -> pd.DataFrame:
    """The upload's per-initiative figures, by the same query as the What changed page
    (`initiative_summary`), over a scratch copy written outside the data directory."""
    with tempfile.TemporaryDirectory(prefix="ict-preview-") as tmp:
        publishing.publish(Path(tmp), PREVIEW_AS_OF, tables, "preview of an upload")
        db = Database(Path(tmp))
        try:
            return db.query("initiative_summary", Filters(snapshot=PREVIEW_AS_OF))
        finally:
            db.close()


# --------------------------------------------------------------------------------------
# Publish
# --------------------------------------------------------------------------------------
def publish_upload(data_dir: Path, checked: Checked, as_of: str, note: str,
                   actor: audit.Actor, replace: bool = False) -> Path:
    """Publish a valid upload as snapshots/<as_of>/ through THE publish code path, which
    checks the actor's role under its lock (auth.NotAllowed), writes the manifest's
    `published_by` and the audit record. ValueError: the upload or the date is not valid."""
    if not checked.ok:
        raise ValueError("the upload breaks the rules in its report: nothing was published")
    problem = ingest.as_of_problem(as_of, "the as-of date") or ingest.note_problem(note)
    if problem:
        raise ValueError(problem)
    return publishing.publish(data_dir, as_of, checked.tables,
                             note or f"uploaded {checked.name}", replace=replace,
                             actor=actor, source_files=[checked.source_file])
