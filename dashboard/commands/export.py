"""`export --out FILE.xlsx [filters]`: every chart's data under the filters as one Excel
workbook (dashboard/export.py builds it; written atomically)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard import chart_data, config
from dashboard import snapshots as snaps
from dashboard.db import Database
from dashboard.errors import UserError
from dashboard.export import build_workbook, write_atomically
from dashboard.filters import Filters
from dashboard.schema import CATEGORIES


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
