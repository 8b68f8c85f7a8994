"""`validate [DATE ...] [--data-dir DIR]`: re-check published snapshots (exit 0 only when
every snapshot passes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import config
from dashboard.commands import data_dir
from dashboard.contract.schema import TABLES
from dashboard.errors import UserError
from dashboard.intake.snapshot_checks import validate_snapshot
from dashboard.intake.validation_report import Report
from dashboard.store import folders, remote_scan, storage


def _summary(folder: Path) -> str:
    try:
        files = folders.read_manifest(folder).get("files", {})
        return ", ".join(f"{t} {files[TABLES[t].file_name]['rows']:,}" for t in TABLES
                         if TABLES[t].file_name in files)  # ranges is optional
    except Exception:  # noqa: BLE001 - only decoration
        return ""


def run(args: argparse.Namespace) -> int:
    """`validate [DATE ...] [--data-dir DIR]`: exit 0 only when every snapshot passes."""
    base = data_dir(args)
    if storage.is_remote(base):
        # each visible folder's files from the read-through cache (checked by sha256 as
        # they are fetched; a file that is not its manifest's is reported here)
        root = f"{base}/{config.SNAPSHOTS}"
        found = remote_scan.remote_folders(base)  # type: ignore[arg-type]
    else:
        root = config.snapshots_dir(base)  # type: ignore[operator]
        if not root.is_dir():
            raise UserError(f"no snapshots folder at {root} (is --data-dir right?)", 2)
        found = [(p.name, p, []) for p in sorted(root.iterdir())
                 if p.is_dir() and not p.name.startswith(".")]
    by_name = {name: (folder, problems) for name, folder, problems in found}
    dates = list(dict.fromkeys(getattr(args, "dates", None) or []))
    for d in dates:
        if not folders.is_iso_date(d):
            raise UserError(f"{d!r} is not a date written YYYY-MM-DD", 2)
        if d not in by_name:
            known = ", ".join(by_name) or "none"
            raise UserError(f"no snapshot {d} in {root} (snapshots there: {known})", 2)
    chosen = dates or list(by_name)
    if not chosen:
        raise UserError(f"no snapshots in {root}", 2)
    failures = 0
    for name in chosen:
        folder, fetched = by_name[name]
        report = Report()
        if folder is None:  # an object store's files that could not be fetched and checked
            for problem in fetched:
                report.error(f"snapshots/{name}", problem)
        else:
            validate_snapshot(folder, report)
        if report.ok:
            print(f"{name}: ok ({_summary(folder)})")
        else:
            failures += 1
            print(f"{name}: {report.error_count:,} problem"
                  f"{'s' if report.error_count != 1 else ''}", file=sys.stderr)
            for line in report.lines():
                print(f"  {line}", file=sys.stderr)
    if failures:
        print(f"{failures} of {len(chosen)} snapshot{'s' if len(chosen) != 1 else ''} "
              "failed validation", file=sys.stderr)
        return 1
    print(f"all {len(chosen)} snapshot{'s' if len(chosen) != 1 else ''} passed ({root})")
    return 0
