"""`briefing --out FILE.pdf [--lang fr] [filters]`: the briefing pack of a view as a PDF,
in English or French (`--lang`, set for the whole command by dashboard/cli.py)
(dashboard/output/briefing.py makes it, the same road as the sidebar's "Briefing (PDF)"; the
filter options are export's, checked by the same dashboard/query/params.py rules). Without
`--compare-to` it compares with the snapshot before the one shown, as the app does, so the
pack has its What changed section whenever there is a previous snapshot."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from dashboard.commands.export import context_from_args, out_path
from dashboard.errors import UserError
from dashboard.lang import numbers
from dashboard.lang.translate import _
from dashboard.output import briefing, summary
from dashboard.query import params


def run(args: argparse.Namespace) -> int:
    out = out_path(args, ".pdf", "the briefing is a PDF")
    start = time.monotonic()
    ctx, snapshot = context_from_args(args)
    try:
        scan = ctx.db.scan()
        if ctx.compare_to is None:  # as in the app: What changed since the previous one
            ctx = ctx.with_(compare_to=summary.previous_snapshot(
                (s.as_of for s in scan.snapshots), snapshot.as_of))
        options = params.load_filter_options(ctx.db, snapshot.as_of)
        pdf = briefing.make_briefing(ctx, snapshot, scan, options)
    except briefing.BriefingError as e:
        raise UserError(_("briefing not made: {error}").format(error=e), 1) from None
    finally:
        ctx.db.close()
    _write_atomically(out, pdf)
    seconds = numbers.number(time.monotonic() - start, 1)
    print(_("wrote {file} (snapshot {as_of}; {seconds} s)").format(
        file=out, as_of=numbers.date(snapshot.as_of), seconds=seconds))
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
