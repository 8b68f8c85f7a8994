"""The export workbook: every chart's data under the filters, one sheet each, and `metadata`.

`build_workbook(ctx, snapshot)` is shared by the dashboard's "Download all" button and
`python -m dashboard export` (data contract, section 6): both call the functions of
dashboard/chart_data.py's `SHEETS` registry, which are also what the pages draw.
The command writes atomically: the workbook goes to a temporary file beside the target,
which is renamed into place only when complete; a failed export leaves no file behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import tempfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from dashboard import chart_data, config, spreadsheet
from dashboard import snapshots as snaps
from dashboard.cli import UserError
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.schema import CATEGORIES

SAMPLE_MARKER = "illustrative sample data"
SAMPLE_NOTE = (
    "Illustrative sample data produced by the project's own generator: "
    "not official figures of any organization."
)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def metadata(ctx: chart_data.Context, snapshot: snaps.Snapshot, *,
             sheets: list[str] | None = None, generated_at: str | None = None) -> list[tuple[str, str]]:
    """The metadata sheet's rows (field, value): snapshot, source, every filter, options."""
    f = ctx.filters
    rows: list[tuple[str, str]] = [
        ("snapshot", snapshot.as_of),
        ("source", snapshot.source),
        ("snapshot_created_at", snapshot.created_at),
    ]
    for k, v in f.describe().items():
        if k != "snapshot":
            rows.append((f"filter_{k}", v))
    for k, v in ctx.options().items():
        rows.append((k, v))
    rows.append(("generated_at", generated_at or utc_now()))
    if f.hides_shared_rows:
        rows.append(("note", "An organization filter is set: shared (system-wide) costs and "
                             "benefits are left out; contributions are not filtered by organization."))
    if SAMPLE_MARKER in (snapshot.source or "").lower():
        rows.append(("note", SAMPLE_NOTE))
    if sheets:
        rows.append(("sheets", ", ".join(sheets)))
    rows.append(("definitions", "data/README.md of the ICT portfolio dashboard (data contract)"))
    return rows


# The spreadsheet writers live in dashboard/spreadsheet.py (no formula, no link, OWASP
# prefix in CSV); these names are what the app's downloads and the command call.
csv_bytes = spreadsheet.csv_bytes
write_workbook = spreadsheet.write_workbook


def workbook_bytes(sheets: Mapping[str, pd.DataFrame], meta: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    write_workbook(buf, sheets, meta)
    return buf.getvalue()


def build_workbook(ctx: chart_data.Context, snapshot: snaps.Snapshot, *,
                   generated_at: str | None = None
                   ) -> tuple[OrderedDict[str, pd.DataFrame], list[tuple[str, str]]]:
    """Every applicable sheet of chart_data.SHEETS under the context, and the metadata."""
    sheets = chart_data.all_sheets(ctx)
    meta = metadata(ctx, snapshot, sheets=list(sheets), generated_at=generated_at)
    return sheets, meta


def build_workbook_bytes(ctx: chart_data.Context, snapshot: snaps.Snapshot) -> bytes:
    sheets, meta = build_workbook(ctx, snapshot)
    return workbook_bytes(sheets, meta)


def write_atomically(path: Path, sheets: Mapping[str, pd.DataFrame],
                     meta: list[tuple[str, str]]) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.xlsx", dir=path.parent)
    os.close(fd)
    try:
        write_workbook(tmp, sheets, meta)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the command ---------------------------------------------------------------------------


def _choices(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(values) if values else "(none)"


def context_from_args(args: argparse.Namespace) -> tuple[chart_data.Context, snaps.Snapshot]:
    """Validate the command's filter options against the snapshot; build the context."""
    db = Database(config.data_dir(getattr(args, "data_dir", None)))
    scan = db.scan(refresh=True)
    dates = [s.as_of for s in scan.snapshots]
    if not dates:
        msg = f"no published snapshot in {db.data_dir}"
        if scan.skipped:
            msg += "; skipped: " + "; ".join(f"{s.name} ({s.reason})" for s in scan.skipped)
        raise UserError(msg + ". Load one with `python -m dashboard ingest` (docs/loading-data.md).", 1)
    as_of = args.snapshot or dates[0]
    if as_of not in dates:
        raise UserError(f"--snapshot {as_of!r}: no such published snapshot; valid values: "
                        f"{_choices(dates)}")
    bare = Filters(snapshot=as_of)
    agencies = list(db.query("agency_list", bare)["agency_code"])
    inis = db.query("initiative_list", bare)
    initiatives = list(inis["initiative_id"])
    categories = [c for c in CATEGORIES if c in set(inis["category"])]
    for opt, given, valid in (("--agency", args.agency, agencies),
                              ("--category", args.category, categories),
                              ("--initiative", args.initiative, initiatives)):
        bad = [v for v in (given or []) if v not in valid]
        if bad:
            raise UserError(f"{opt} {', '.join(repr(b) for b in bad)}: not in snapshot {as_of}; "
                            f"valid values: {_choices(valid)}")
    year_from = year_to = None
    if args.years:
        year_from, year_to = args.years
        if year_from > year_to:
            raise UserError(f"--years {year_from} {year_to}: FROM must not be after TO")
    rate = config.DEFAULT_DISCOUNT_RATE if args.discount_rate is None else args.discount_rate
    if not (0 <= rate < 10) or rate != rate:
        raise UserError(f"--discount-rate {rate}: give a yearly rate such as 0.05 (>= 0)")
    weights = chart_data.DEFAULT_WEIGHTS
    if args.weights:
        if any(w < 0 or w != w for w in args.weights) or sum(args.weights) <= 0:
            raise UserError(f"--weights {' '.join(map(str, args.weights))}: give three "
                            "non-negative numbers, not all zero")
        weights = tuple(float(w) for w in args.weights)  # type: ignore[assignment]
    if args.budget is not None and (args.budget < 0 or args.budget != args.budget):
        raise UserError(f"--budget {args.budget}: give a non-negative amount in US dollars")
    compare = getattr(args, "compare_to", None)
    if compare is not None and compare not in dates:
        raise UserError(f"--compare-to {compare!r}: no such published snapshot; valid values: "
                        f"{_choices(dates)}")
    filters = Filters(snapshot=as_of, agencies=tuple(args.agency or ()),
                      categories=tuple(args.category or ()),
                      initiatives=tuple(args.initiative or ()),
                      priority_only=bool(args.priority_only), year_from=year_from, year_to=year_to)
    ctx = chart_data.Context(db=db, filters=filters, discount_rate=float(rate), weights=weights,
                             budget=args.budget, compare_to=compare)
    return ctx, scan.get(as_of)  # type: ignore[return-value]


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"--out {args.out}: the export is an Excel workbook; give a .xlsx file name")
    if not out.parent.is_dir():
        raise UserError(f"--out {args.out}: folder {out.parent} does not exist")
    ctx, snapshot = context_from_args(args)
    try:
        sheets, meta = build_workbook(ctx, snapshot)
        write_atomically(out, sheets, meta)
    finally:
        ctx.db.close()
    print(f"wrote {out} ({len(sheets)} sheets + metadata; snapshot {snapshot.as_of})")
    return 0
