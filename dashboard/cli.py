"""The command line: `python -m dashboard COMMAND` (see README.md, "Command line").

Exit codes: 0 success, 1 refused (validation failed, nothing written), 2 usage error.
A user's mistake never ends in a traceback: the handlers (dashboard/commands/) raise
`dashboard.errors.UserError` with a message, printed here.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from dashboard.errors import UserError, run_command
from dashboard.lang.translate import DEFAULT, LANGUAGES, language

__all__ = ["COMMANDS", "UserError", "build_parser", "main"]


def _data_dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR",
                   help="data directory (default: $ICT_DASHBOARD_DATA, else data/ in the repository)")


def _language_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--lang", choices=tuple(LANGUAGES), default=DEFAULT,
                   help=f"{what}: {', '.join(f'{k} ({v})' for k, v in LANGUAGES.items())}; "
                   f"default {DEFAULT}")


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """The filter and analysis options shared by `export`, `briefing` (and the benchmark)."""
    p.add_argument("--snapshot", metavar="DATE", help="as-of date (default: the newest snapshot)")
    p.add_argument("--agency", metavar="CODE", action="append", default=[],
                   help="keep this organization (repeatable)")
    p.add_argument("--category", metavar="NAME", action="append", default=[],
                   help="keep this category (repeatable)")
    p.add_argument("--initiative", metavar="ID", action="append", default=[],
                   help="keep this initiative (repeatable)")
    p.add_argument("--priority-only", action="store_true", help="keep the priority initiatives only")
    p.add_argument("--years", nargs=2, type=int, metavar=("FROM", "TO"),
                   help="fiscal years, inclusive")
    p.add_argument("--discount-rate", type=float, default=None, metavar="R",
                   help="discount rate for NPV (default 0.05)")
    p.add_argument("--weights", nargs=3, type=float, metavar=("COST", "BENEFIT", "VALUE"),
                   help="priority score weights (scaled to sum to 1; default equal)")
    p.add_argument("--budget", type=float, metavar="USD",
                   help="budget for the exact best selection (adds sheet budget_selection; metadata says whether it is proven optimal)")
    p.add_argument("--compare-to", metavar="DATE",
                   help="earlier snapshot to compare with (adds sheet changes)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="UN system ICT portfolio dashboard: data and export tools.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("generate", help="write the illustrative sample snapshots")
    p.add_argument("--out", required=True, metavar="DIR", help="data directory to write into")
    p.add_argument("--seed", type=int, default=None, help="random seed (default 2005)")
    p.add_argument("--cost-rows", type=int, default=None, metavar="N",
                   help="scale the cost line items to N rows (benchmarks)")
    p.add_argument("--snapshots", type=int, default=None, metavar="K",
                   help="write only the newest K snapshots (benchmarks)")

    p = sub.add_parser("validate", help="check published snapshots against manifests and rules")
    p.add_argument("dates", nargs="*", metavar="DATE", help="snapshots to check (default: all)")
    _data_dir_option(p)

    p = sub.add_parser("ingest", help="validate a source and publish it as a snapshot")
    p.add_argument("source", metavar="SOURCE",
                   help="a folder of <table>.csv or <table>.parquet files, or one .xlsx workbook")
    p.add_argument("--as-of", required=True, metavar="DATE", help="as-of date, YYYY-MM-DD")
    p.add_argument("--source-note", default="", metavar="TEXT",
                   help="who sent it, which business cases")
    p.add_argument("--replace", action="store_true", help="replace an existing snapshot atomically")
    _data_dir_option(p)

    p = sub.add_parser("template", help="write an empty Excel workbook to fill in and ingest")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")

    p = sub.add_parser("export", help="write every chart's data as one Excel workbook")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    _language_option(p, "the metadata sheet's language (sheet and column names are the "
                     "same in every language)")
    add_filter_options(p)
    _data_dir_option(p)

    p = sub.add_parser("briefing", help="write the briefing pack of a view as a PDF")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    _language_option(p, "the pack's language")
    add_filter_options(p)
    _data_dir_option(p)

    # the benchmark (bench/, outside the app package) parses its own options: `bench -h`
    sub.add_parser("bench", add_help=False,
                   help="time every page's queries against a pandas baseline (python -m bench)")
    return parser


# command -> handler module whose `run(args) -> int` carries it out (imported when used)
COMMANDS = {
    "generate": "dashboard.commands.generate",
    "validate": "dashboard.commands.validate",
    "ingest": "dashboard.commands.ingest",
    "template": "dashboard.commands.template",
    "export": "dashboard.commands.export",
    "briefing": "dashboard.commands.briefing",
    "bench": "dashboard.commands.bench",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command == "bench":
        args.bench_args = rest  # passed on to `python -m bench`
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    # the command's language (`--lang` where it has one): its texts, numbers and dates
    with language(getattr(args, "lang", DEFAULT)):
        return run_command(importlib.import_module(COMMANDS[args.command]).run, args)
