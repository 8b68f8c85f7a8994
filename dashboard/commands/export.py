"""`export --out FILE.xlsx [filters]`: every chart's data under the filters as one Excel
workbook (dashboard/output/export.py builds it; written atomically)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard import config
from dashboard.commands import data_dir
from dashboard.errors import UserError
from dashboard.output.export import build_workbook, write_atomically
from dashboard.query import chart_data, params
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import folders


def _check(option: str, given: object, check, *args: object):
    """The shared rule (dashboard/query/params.py) applied to an option; its breach a usage error."""
    try:
        return check(*args)
    except params.InvalidValue as e:
        raise UserError(f"{option} {given}: {e}") from None


def context_from_args(args: argparse.Namespace) -> tuple[chart_data.Context, folders.Snapshot]:
    """Check the command's filter and analysis options with the app's own validator
    (dashboard/query/params.py: same rules and limits as the URL); build the context."""
    db = Database(data_dir(args))
    scan = db.scan(refresh=True)
    dates = [s.as_of for s in scan.snapshots]
    if not dates:
        msg = f"no published snapshot in {db.data_dir}"
        if scan.skipped:
            msg += "; skipped: " + "; ".join(f"{s.name} ({s.reason})" for s in scan.skipped)
        raise UserError(msg + ". Load one with `python -m dashboard ingest` (docs/loading-data.md).", 1)
    as_of = _check("--snapshot", repr(args.snapshot), params.check_snapshot,
                   args.snapshot or dates[0], dates)
    options = params.load_filter_options(db, as_of)
    for opt, given, valid in (("--agency", args.agency, options.agencies),
                              ("--category", args.category, options.categories),
                              ("--initiative", args.initiative, options.initiatives)):
        bad = params.bad_members(given or [], valid)
        if bad:
            raise UserError(f"{opt} {', '.join(repr(b) for b in bad)}: not in snapshot {as_of}; "
                            f"valid values: {', '.join(valid) or 'none'}")
    year_from = year_to = None
    if args.years:
        year_from, year_to = _check("--years", " ".join(map(str, args.years)),
                                    params.check_years, args.years, options)
    rate = config.DEFAULT_DISCOUNT_RATE
    if args.discount_rate is not None:
        rate = _check("--discount-rate", args.discount_rate, params.check_rate,
                      args.discount_rate)
    weights = chart_data.DEFAULT_WEIGHTS
    if args.weights:
        weights = _check("--weights", " ".join(map(str, args.weights)), params.check_weights,
                         args.weights)
    budget = None
    if args.budget is not None:
        budget = _check("--budget", args.budget, params.check_budget, args.budget)
    compare = getattr(args, "compare_to", None)
    if compare is not None:
        compare = _check("--compare-to", repr(compare), params.check_compare, compare, dates,
                         as_of)
    filters = Filters(snapshot=as_of, agencies=tuple(args.agency or ()),
                      categories=tuple(args.category or ()),
                      initiatives=tuple(args.initiative or ()),
                      priority_only=bool(args.priority_only), year_from=year_from, year_to=year_to)
    ctx = chart_data.Context(db=db, filters=filters, discount_rate=float(rate), weights=weights,
                             budget=budget, compare_to=compare)
    return ctx, scan.get(as_of)  # type: ignore[return-value]


def out_path(args: argparse.Namespace, suffix: str, what: str) -> Path:
    """--out as a path: the file name must end in `suffix` and its folder must exist
    (`what`, e.g. "the export is an Excel workbook", says why in the message)."""
    out = Path(args.out).expanduser()
    if out.suffix.lower() != suffix:
        raise UserError(f"--out {args.out}: {what}; give a {suffix} file name")
    if not out.parent.is_dir():
        raise UserError(f"--out {args.out}: folder {out.parent} does not exist")
    return out


def run(args: argparse.Namespace) -> int:
    out = out_path(args, ".xlsx", "the export is an Excel workbook")
    ctx, snapshot = context_from_args(args)
    try:
        sheets, meta = build_workbook(ctx, snapshot)
        write_atomically(out, sheets, meta)
    finally:
        ctx.db.close()
    print(f"wrote {out} ({len(sheets)} sheets + metadata; snapshot {snapshot.as_of})")
    return 0
