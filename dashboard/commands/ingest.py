"""`ingest SOURCE --as-of DATE [--source-note TEXT] [--replace] [--data-dir DIR]`: validate
a source (a folder of CSV/Parquet files or one .xlsx workbook) and, only if every rule
passes, publish it as a snapshot (dashboard/intake/ingest.py, dashboard/store/publishing.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.commands import data_dir
from dashboard.contract import dated_after
from dashboard.errors import UserError
from dashboard.intake.ingest import as_of_problem, check_source, note_problem, summary
from dashboard.store import audit, catalog, folders, publishing, remote_publish


def run(args: argparse.Namespace) -> int:


    as_of = args.as_of
    problem = as_of_problem(as_of) or note_problem(args.source_note, "--source-note")
    if problem:
        raise UserError(problem, 2)
    source = Path(args.source).expanduser()
    if not source.exists():
        raise UserError(f"SOURCE {args.source} does not exist", 2)
    if source.is_file() and source.suffix.lower() != ".xlsx":
        raise UserError(f"SOURCE {args.source} must be a folder of <table>.csv or "
                        "<table>.parquet files, or one .xlsx workbook", 2)
    base = data_dir(args)
    if catalog.exists(base, as_of) and not args.replace:
        raise UserError(f"snapshot {as_of} already exists in {base}; nothing was changed "
                        "(use --replace to replace it)", 2)

    report, tables = check_source(source.resolve())
    if paid_after := dated_after.paid_after_warning(tables, as_of):  # accepted, said
        report.warning("contributions", paid_after, table="contributions", column="date")
    for line in report.lines("warning"):
        print(f"warning: {line}", file=sys.stderr)
    if not report.ok:
        n = report.error_count
        print(f"refused: {n:,} problem{'s' if n != 1 else ''} in {source}; nothing was written",
              file=sys.stderr)
        for line in report.lines("error"):
            print(f"  {line}", file=sys.stderr)
        return 1

    note = args.source_note or f"ingested from {source.name}"
    actor = audit.command_line_actor()
    try:
        path = publishing.publish(base, as_of, tables, note, replace=args.replace,
                                 actor=actor,
                                 source_files=audit.source_files(source.resolve()))
    except folders.SnapshotExists as e:
        raise UserError(f"{e}; nothing was changed", 2) from None
    except remote_publish.PublishedWithoutRecord as e:
        raise UserError(str(e), 1) from None
    except OSError as e:
        raise UserError(f"could not publish into {base}: {e}; no snapshot was changed", 1) \
            from None
    for line in summary(tables, path):
        print(line)
    print(f"  recorded in the audit log as {actor.who} ({actor.via})")
    return 0
