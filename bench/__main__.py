"""`python -m bench [--cost-rows N ...] [--runs N] [--page-sizes S ...] [--page-runs N]
[--only queries|pages|browser] [--browser] [--quick] [--budget] [--ranges] [--out FILE.json]
[--work-dir DIR]`.

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
        description="time every page's queries against a pandas baseline, and every "
        "page's whole rerun (warm and cold) against a plain Streamlit floor page",
    )
    p.add_argument("--cost-rows", type=int, nargs="+", metavar="N",
                   help="sizes (default 100000 1000000 10000000)")
    p.add_argument("--runs", type=int, default=20, help="runs per page and size (default 20)")
    p.add_argument("--page-sizes", nargs="+", metavar="S",
                   help="sizes of the page reruns: 'sample' (the shipped data) or a number "
                   "of cost rows (default sample 1000000 10000000)")
    p.add_argument("--page-runs", type=int, default=10,
                   help="rounds of page reruns per size (default 10)")
    p.add_argument("--only", choices=("queries", "pages", "browser"),
                   help="run one part only: the queries against pandas, the page reruns, "
                   "or the browser timings")
    p.add_argument("--browser", action="store_true",
                   help="also time filter change, page switch and first chart in Chromium on "
                   "the sample (--page-runs repetitions; bench/browser.py)")
    p.add_argument("--quick", action="store_true",
                   help="page reruns only, on the sample, 3 rounds (unless given otherwise)")
    p.add_argument("--out", metavar="FILE.json", help="write the results as JSON")
    p.add_argument("--work-dir", metavar="DIR", help="where generated data is kept between runs")
    p.add_argument("--budget", action="store_true",
                   help="time the budget selection and frontier on 200 initiatives instead "
                   "(bench/budget.py; --runs per budget, --out)")
    p.add_argument("--ranges", action="store_true",
                   help="time the cold computation of every range figure on 200 initiatives "
                   "instead (bench/ranges.py; --cost-rows default 10000000, --runs, --out)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.budget:
        from bench.budget import run
    elif args.ranges:
        from bench.ranges import run
    else:
        from bench.timing import run

    return run_command(run, args)


if __name__ == "__main__":
    sys.exit(main())
