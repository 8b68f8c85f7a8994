"""`python -m bench [--cost-rows N ...] [--runs N] [--out FILE.json] [--work-dir DIR]`.

`python -m dashboard bench ...` runs this same command in its own process (so the
dashboard package never imports the benchmark). Exit codes as dashboard/cli.py: 0 done,
1 failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dashboard.errors import run_command


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m dashboard bench",
        description="time every page's queries against a pandas baseline",
    )
    p.add_argument("--cost-rows", type=int, nargs="+", metavar="N",
                   help="sizes (default 100000 1000000 10000000)")
    p.add_argument("--runs", type=int, default=20, help="runs per page and size (default 20)")
    p.add_argument("--out", metavar="FILE.json", help="write the results as JSON")
    p.add_argument("--work-dir", metavar="DIR", help="where generated data is kept between runs")
    p.add_argument("--budget", action="store_true",
                   help="time the budget selection and frontier on 200 initiatives instead "
                   "(bench/budget.py; --runs per budget, --out)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.budget:
        from bench.budget import run
    else:
        from bench.timing import run

    return run_command(run, args)


if __name__ == "__main__":
    sys.exit(main())
