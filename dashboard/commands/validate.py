"""`validate [DATE ...] [--data-dir DIR]`: re-check published snapshots (exit 0 only when
every snapshot passes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import config, snapshots
from dashboard.errors import UserError
from dashboard.schema import TABLES
from dashboard.validation import Report, validate_snapshot


def _summary(folder: Path) -> str:
    try:
        files = snapshots.read_manifest(folder).get("files", {})
        return ", ".join(f"{t} {files[TABLES[t].file_name]['rows']:,}" for t in TABLES)
    except Exception:  # noqa: BLE001 - only decoration
        return ""


def run(args: argparse.Namespace) -> int:
    """`validate [DATE ...] [--data-dir DIR]`: exit 0 only when every snapshot passes."""
    base = config.data_dir(getattr(args, "data_dir", None))
    root = config.snapshots_dir(base)
    if not root.is_dir():
        raise UserError(f"no snapshots folder at {root} (is --data-dir right?)", 2)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    by_name = {p.name: p for p in folders}
    dates = list(dict.fromkeys(getattr(args, "dates", None) or []))
    for d in dates:
        if not snapshots.is_iso_date(d):
            raise UserError(f"{d!r} is not a date written YYYY-MM-DD", 2)
        if d not in by_name:
            known = ", ".join(by_name) or "none"
            raise UserError(f"no snapshot {d} in {root} (snapshots there: {known})", 2)
    chosen = [by_name[d] for d in dates] if dates else folders
    if not chosen:
        raise UserError(f"no snapshots in {root}", 2)
    failures = 0
    for folder in chosen:
        report = Report()
        validate_snapshot(folder, report)
        if report.ok:
            print(f"{folder.name}: ok ({_summary(folder)})")
        else:
            failures += 1
            print(f"{folder.name}: {report.error_count:,} problem"
                  f"{'s' if report.error_count != 1 else ''}", file=sys.stderr)
            for line in report.lines():
                print(f"  {line}", file=sys.stderr)
    if failures:
        print(f"{failures} of {len(chosen)} snapshot{'s' if len(chosen) != 1 else ''} "
              "failed validation", file=sys.stderr)
        return 1
    print(f"all {len(chosen)} snapshot{'s' if len(chosen) != 1 else ''} passed ({root})")
    return 0
