"""Full-page screenshots in Debian's Chromium, driven by Playwright: one browser for the
run, one browser page per data set; each address opened afresh at each width, as a reader
on that device arrives. (Opened once and widened from a phone's width to a desktop's, the
sidebar was caught mid-slide and charts drawn wider than their frame: the 2026-12-03
review, docs/reviews/.)

Waits are events, as in the browser tests (tests/browser/helpers.py): the app connected,
its script run finished (nothing running, no placeholder), every Plotly chart drawn at its
container's width. Streamlit scrolls inside its own container, so a full-page picture is
taken with the viewport made as tall as the content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, Playwright

from dashboard.lang.translate import DEFAULT as DEFAULT_LANG
from dashboard.output import pdf
from tests.browser import helpers as h
from tools.review.plan import WIDTHS, Shot

WAIT_MS = 240_000  # a bound on a hang, as the browser tests' (never reached when all is well)
MAX_HEIGHT = 20_000  # px: a page taller than this is cut there (said in the index)
CONTENT_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main, body')]
  .map(e => e.scrollHeight))"""


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium with the arguments the briefing prints with (never downloaded)."""
    path = pdf.chromium_path()
    if not Path(path).is_file():
        raise RuntimeError(f"{path} is missing: run `make chromium` (Debian's chromium)")
    return playwright.chromium.launch(executable_path=path, args=list(pdf.CHROMIUM_ARGS))


@dataclass
class Result:
    shot: Shot
    path: Path
    notes: list[str] = field(default_factory=list)


# charts whose drawing reaches past the window's right edge (a page drawn for another width)
CHARTS_PAST_EDGE = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length"""


class Camera:
    """One browser page over one data set's server."""

    def __init__(self, browser: Browser, base_url: str, lang: str = DEFAULT_LANG):
        w, hgt = WIDTHS["phone"]
        self.context = browser.new_context(viewport={"width": w, "height": hgt})
        self.context.set_default_timeout(WAIT_MS)
        self.page: Page = self.context.new_page()
        self.base_url = base_url
        self.lang = lang  # every page opened with lang=<code> (the reader's language)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def close(self) -> None:
        self.context.close()

    def url(self, shot: Shot) -> str:
        q = "&".join(p for p in (shot.state.query_string, f"lang={self.lang}") if p)
        return f"{self.base_url}/{shot.page}?{q}"

    def open(self, url: str, width: str) -> None:
        w, hgt = WIDTHS[width]
        self.page.set_viewport_size({"width": w, "height": hgt})
        self.page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
        self.page.wait_for_selector(f'{h.APP}[data-test-connection-state="CONNECTED"]',
                                    timeout=WAIT_MS)
        h.wait_idle(self.page, timeout=WAIT_MS)

    def _settle(self) -> None:
        h.wait_settled(self.page, timeout=WAIT_MS)

    def take(self, shot: Shot, path: Path) -> Result:
        """The page as it is now, at the shot's width, from top to bottom."""
        page = self.page
        w, hgt = WIDTHS[shot.width]
        page.set_viewport_size({"width": w, "height": hgt})
        self._settle()
        notes: list[str] = []
        tall = hgt
        for _ in range(3):  # a re-layout at the new height can change the content's height
            want = min(MAX_HEIGHT, max(hgt, int(page.evaluate(CONTENT_HEIGHT))))
            if want == tall:
                break
            tall = want
            page.set_viewport_size({"width": w, "height": tall})
            self._settle()
        if tall >= MAX_HEIGHT:
            notes.append(f"page cut at {MAX_HEIGHT} px")
        page.mouse.move(0, 0)  # no hover effect (a chart's toolbar) left from before
        page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) "
                      "e.scrollTop = 0; })")
        page.screenshot(path=str(path), full_page=True)
        wide = page.evaluate(CHARTS_PAST_EDGE)
        if wide:
            notes.append(f"{wide} chart(s) wider than the window")
        boxes = page.locator(h.EXCEPTION).count()
        if boxes:
            notes.append(f"{boxes} error box(es) shown")
        notes += self.errors
        self.errors.clear()
        page.set_viewport_size({"width": w, "height": hgt})
        return Result(shot, path, notes)


def shoot_all(camera: Camera, shots: Iterable[Shot], out: Path) -> list[Result]:
    """Every shot, each from its address opened afresh at its own width (a window widened
    after the page was drawn catches the sidebar mid-slide)."""
    results: list[Result] = []
    for shot in shots:
        camera.open(camera.url(shot), shot.width)
        results.append(camera.take(shot, out / in_language(shot.file, camera.lang)))
    return results


def in_language(file: str, lang: str) -> str:
    """An image's file name in a language: English's as before, another's prefixed with
    its code (fr_sample_default_funding_phone.png), so both can sit in one folder."""
    return file if lang == DEFAULT_LANG else f"{lang}_{file}"


def is_blank(path: Path) -> bool:
    """One colour (or nearly: fewer than 3 distinct colours in a small copy)."""
    with Image.open(path) as im:
        small = im.convert("RGB").resize((64, 64))
        colours = small.getcolors(maxcolors=64 * 64) or []
    return len(colours) < 3
