"""`python -m tools.review [--pages ...] [--states ...] [--widths ...] [--out DIR]`
(`make review`): every page of the app and the briefing pack's pages as images under
review/<timestamp>/, listed in its index.md, for a reader's review (docs/review.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.config import REPO_ROOT
from dashboard.lang.translate import DEFAULT as DEFAULT_LANG
from dashboard.lang.translate import LANGUAGES
from dashboard.store import folders
from tests import fixture_data, odd_data
from tools.review import briefing_pages, plan, server, shoot

SAMPLE_DIR = REPO_ROOT / "data"
REVIEW_DIR = REPO_ROOT / "review"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tools.review",
        description="Screenshots of every page (two widths, the states a reader uses, the "
                    "sample and the odd data) and the briefing pack's pages, for a review "
                    "against docs/review.md's rubric.")
    p.add_argument("--pages", nargs="+", metavar="PAGE",
                   help=f"only these pages: {', '.join(plan.PAGE_PATHS)}, {plan.BRIEFING}")
    p.add_argument("--states", nargs="+", metavar="STATE",
                   help=f"only these states: {', '.join(plan.all_state_names())}")
    p.add_argument("--widths", nargs="+", metavar="WIDTH",
                   help=f"only these widths: {', '.join(plan.WIDTHS)}")
    p.add_argument("--data", nargs="+", metavar="DATA",
                   help="only these data sets: " + ", ".join(d.name for d in plan.DATASETS))
    p.add_argument("--out", metavar="DIR", type=Path,
                   help="write here instead of review/<timestamp>/")
    p.add_argument("--lang", choices=tuple(LANGUAGES), default=DEFAULT_LANG,
                   help="the reader's language: every page opened with lang=<code>, the "
                        "briefing written with --lang; images other than English ones are "
                        "named <code>_... (default: %(default)s)")
    return p


def sample_dates() -> list[str]:
    root = SAMPLE_DIR / "snapshots"
    return sorted(d.name for d in root.iterdir() if d.is_dir() and folders.is_iso_date(d.name))


def build_data(work: Path, needed: set[str]) -> dict[str, Path]:
    """Each data set's directory: the sample as shipped (read only), the odd ones built."""
    dirs = {plan.SAMPLE.name: SAMPLE_DIR}
    if plan.ODD.name in needed:
        odd_data.build(work / "odd")  # the odd snapshot, newest, beside the one-initiative one
        dirs[plan.ODD.name] = work / "odd"
    if plan.ONE.name in needed:
        fixture_data.build(work / "one", as_of=odd_data.ONE_AS_OF, rows=odd_data.one_rows(),
                           source="odd test data: one")
        dirs[plan.ONE.name] = work / "one"
    return dirs


def _row(page: str, width: str, state: str, dataset: str, file: str, notes: str) -> str:
    return f"| {page} | {width} | {state} | {dataset} | [{file}]({file}) | {notes} |"


def write_index(out: Path, results: list[shoot.Result],
                briefings: list[tuple[str, str, list[Path]]], seconds: float) -> Path:
    widths = ", ".join(f"{k} {w}x{h}" for k, (w, h) in plan.WIDTHS.items())
    lines = [
        f"# Reader's review, {out.name}", "",
        "Apply the rubric of docs/review.md to every image below; report each finding with "
        "its image, place, category, severity and suggested root fix.", "",
        f"- widths (CSS px, full page): {widths}; briefing pages at {briefing_pages.DPI} dpi",
        *(f"- data set `{d.name}`: {d.description}" for d in plan.DATASETS),
        f"- run time: {seconds:.0f} s; images: {len(results) + sum(len(b[2]) for b in briefings)}",
        "", "| page | width | state | data set | file | notes |", "|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.shot
        lines.append(_row(s.title, s.width, f"{s.state.name}: {s.state.description}",
                          s.dataset, r.path.name, "; ".join(r.notes)))
    for state, description, pngs in briefings:
        for i, png in enumerate(pngs, 1):
            lines.append(_row(f"Briefing pack p. {i}", f"A4 at {briefing_pages.DPI} dpi",
                              f"{state}: {description}", plan.SAMPLE.name, png.name, ""))
    index = out / "index.md"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def run(args: argparse.Namespace, shots: list[plan.Shot]) -> Path:
    start = time.monotonic()
    todo_briefing = plan.briefing_states(args.pages, args.states, args.data)
    out = args.out or REVIEW_DIR / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out.mkdir(parents=True, exist_ok=True)
    results: list[shoot.Result] = []
    with tempfile.TemporaryDirectory(prefix="review-data-") as tmp:
        dirs = build_data(Path(tmp), {s.dataset for s in shots})
        if shots:
            with sync_playwright() as pw:
                browser = shoot.launch(pw)
                try:
                    for ds in plan.DATASETS:
                        mine = [s for s in shots if s.dataset == ds.name]
                        if not mine:
                            continue
                        print(f"{ds.name}: {len(mine)} screenshot(s)", flush=True)
                        with server.serving(dirs[ds.name], out / "logs" / f"{ds.name}.log") as base:
                            camera = shoot.Camera(browser, base, args.lang)
                            try:
                                results += shoot.shoot_all(camera, mine, out)
                            finally:
                                camera.close()
                finally:
                    browser.close()
    briefings = []
    for state, description, options in todo_briefing:
        print(f"briefing pack: {state}", flush=True)
        pngs = briefing_pages.render(SAMPLE_DIR, (*options, "--lang", args.lang), out,
                                     shoot.in_language(f"briefing_{state}", args.lang))
        briefings.append((state, description, pngs))
    seconds = time.monotonic() - start
    write_index(out, results, briefings, seconds)
    n = len(results) + sum(len(b[2]) for b in briefings)
    print(f"{n} image(s) in {seconds:.0f} s: {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:  # the oldest sample snapshot is the one What changed compares with
        shots = plan.shots(sample_dates()[0], args.pages, args.states, args.widths,
                            args.data)
    except ValueError as e:  # an unknown page, state or width
        parser.error(str(e))
    try:
        run(args, shots)
    except (server.ServerError, briefing_pages.BriefingError, RuntimeError) as e:
        print(f"review: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
