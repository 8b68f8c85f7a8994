"""What a board member sees, checked in Chromium on every page, at 1440 px (desktop) and
390 px (phone), over the test fixture and over the shipped sample data:

- the visual check of every chart (tests/browser/visual.py): no overlapping labels, no
  text outside its chart, a visible swatch for every legend entry, a visible fill for every
  bar and marker trace, no empty chart;
- axe-core (WCAG 2.0/2.1 A and AA rules): no serious or critical violation;
- on a phone, the sidebar is collapsed on arrival and nothing is wider than the screen;
- no text in the page is cut with an ellipsis (a tile's label on a phone's half-width
  tile once read "Organizations co…");
- the illustrative-data notice is shown on every page of the sample data.

One Streamlit server per data set, one browser, one measuring script per page and width.
Every page's screenshot is saved under test-artifacts/screenshots/visual/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import odd_data
from tests.browser import helpers as h
from tests.browser import visual
from tests.browser.conftest import (
    PAGES,
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
)

pytestmark = pytest.mark.browser

PAGE_LOAD_TIMEOUT_MS = 180_000
WIDTHS = {"desktop": (1440, 1000), "phone": (390, 844)}
AXE_OPTIONS = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
BLOCKING_IMPACTS = ("serious", "critical")
# the prioritization page again with a budget, so the frontier's chosen point is drawn
VISITS = [(p, "") for p in PAGES] + [("prioritization", "budget={budget}")]
BUDGET = {"fixture": "70", "sample": "50000000", "odd": "1000000"}
# the budget's sentence as a reader sees it: money shown literally, never as mathematics
BUDGET_SAID = {"fixture": "Budget entered: $70 (US$ 70)",
               "sample": "Budget entered: $50.0M (US$ 50,000,000)",
               "odd": "Budget entered: $1.0M (US$ 1,000,000)"}
# the odd data in the browser: the pages its oddities stress most (every builder meets it
# in tests/charts/test_figures_odd.py); the single-initiative snapshot through the overview
# the newest odd snapshot's Overview against the fixture before it: changes beyond
# ±1,000% ("+$11.1B"), whose base once cut the tiles' chips on a phone (review round 3, #12)
ODD_VISITS = [("agency-commitment", ""), ("prioritization", "budget={budget}"),
              ("funding", ""), ("overview", f"snapshot={odd_data.ONE_AS_OF}"),
              ("overview", f"snapshot={odd_data.ODD_AS_OF}")]

# text cut with "…" in the page's main part (a tile's label, a heading, a notice): its
# box narrower than its text while the style says to end it with an ellipsis
TRUNCATED = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter(e => getComputedStyle(e).textOverflow === 'ellipsis'
               && e.scrollWidth > e.clientWidth + 1 && e.innerText.trim())
  .map(e => e.innerText.trim().slice(0, 80))"""

CONTENT_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main, body')]
  .map(e => e.scrollHeight))"""


@dataclass
class Viewer:
    """One browser page per data set, kept across this module's tests: a page is reached
    as a reader reaches it, by the sidebar's link, so the app's scripts (Plotly's among
    them) are loaded once per data set rather than once per page and width; the two widths
    are the same page resized (the app's layout is the browser's: the server sends the
    same page to a phone and a desktop). A visit with a query string, the first visit and
    any visit after a failure open the page's address afresh, on a phone first (so the
    sidebar's state on arrival is checked on a phone)."""

    page: object
    errors: list[str] = field(default_factory=list)
    fresh: bool = True  # the next visit opens its address (the page may be in any state)


@pytest.fixture(scope="module")
def viewers(browser):
    made: dict[str, Viewer] = {}

    def get(dataset: str) -> Viewer:
        if dataset not in made:
            w, hgt = WIDTHS["phone"]
            context = browser.new_context(viewport={"width": w, "height": hgt})
            context.set_default_timeout(RENDER_TIMEOUT_MS)
            viewer = Viewer(context.new_page())
            viewer.page.on("pageerror", lambda exc: viewer.errors.append(
                f"uncaught error in the page: {exc}"))
            made[dataset] = viewer
        return made[dataset]

    yield get
    for v in made.values():
        v.page.context.close()


def _size(page, width: str, tall: bool) -> None:
    """The viewport at a width; tall: the whole page in one viewport (Streamlit scrolls
    inside its own container), so every chart is drawn and measured."""
    w, hgt = WIDTHS[width]
    page.set_viewport_size({"width": w, "height": hgt})
    if width == "phone":
        # on a phone the sidebar does not cover the content (collapsed on arrival, and
        # when a desktop window is narrowed to a phone's width)
        expect(page.locator(f'{h.SIDEBAR}[data-collapsed="true"]')).to_have_count(1)
    else:
        expect(page.locator(f'{h.SIDEBAR}[data-collapsed="false"]')).to_have_count(1)
    h.wait_settled(page, timeout=PAGE_LOAD_TIMEOUT_MS)
    if tall:
        page.set_viewport_size({"width": w, "height": max(hgt, page.evaluate(CONTENT_HEIGHT))})
    h.wait_settled(page, timeout=PAGE_LOAD_TIMEOUT_MS)


def _arrive(viewer: Viewer, url: str, path: str) -> None:
    """Open the page's address on a phone, as a new visitor."""
    page = viewer.page
    w, hgt = WIDTHS["phone"]
    page.set_viewport_size({"width": w, "height": hgt})
    page.goto(url, wait_until="domcontentloaded", timeout=PAGE_LOAD_TIMEOUT_MS)
    page.wait_for_selector(f'{h.APP}[data-test-connection-state="CONNECTED"]',
                           timeout=PAGE_LOAD_TIMEOUT_MS)
    h.wait_idle(page, timeout=PAGE_LOAD_TIMEOUT_MS)
    # the sidebar does not cover the content on arrival
    expect(page.locator(f'{h.SIDEBAR}[data-collapsed="false"]')).to_have_count(0)


def _follow_link(viewer: Viewer, path: str) -> None:
    """On a desktop, click the page's link in the sidebar and wait for its run to end."""
    page = viewer.page
    _size(page, "desktop", tall=False)
    h.switch_page(page, path)


def _look(page, width: str, shot) -> list[str]:
    """The page as it is, at one width: every defect found, as sentences."""
    w, _ = WIDTHS[width]
    found: list[str] = []
    _size(page, width, tall=True)
    for exc in page.locator(h.EXCEPTION).all():
        found.append(f"{width}: the page shows an exception: {exc.inner_text()[:600]}")
    expect(page.locator('[role="dialog"]')).to_have_count(0)  # no "page not found"
    expect(page.locator(f"{h.MAIN} h1").first).to_be_visible()  # the page's own title
    measured = visual.collect(page)
    found += [f"{width}: {p}" for p in visual.problems(measured)]
    for text in page.evaluate(TRUNCATED):
        found.append(f"{width}: text cut with an ellipsis: {text!r}")
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    if wide > w + 1:
        found.append(f"{width}: the page is {wide} px wide on a {w}-px screen")
    axe = Axe().run(page, options=AXE_OPTIONS)
    for v in axe.response["violations"]:
        if v.get("impact") in BLOCKING_IMPACTS:
            targets = "; ".join(str(n["target"]) for n in v["nodes"][:4])
            found.append(f"{width}: axe {v['impact']} {v['id']} ({v['help']}) on "
                         f"{len(v['nodes'])} element(s): {targets}")
    page.screenshot(path=str(shot))
    return found


def _money_literal(page, said: str) -> list[str]:
    """The budget's sentence shown as written: no `$...$` drawn as a math span."""
    main = page.locator(h.MAIN)
    found = []
    if said not in main.inner_text():
        found.append(f"the page does not show {said!r} literally")
    if main.locator(".katex").count():
        found.append("the page draws text as mathematics (a KaTeX span)")
    return found


def _check_every_width(viewers, server, dataset: str, path: str, query: str) -> None:
    out = SCREENSHOTS / "visual"
    out.mkdir(parents=True, exist_ok=True)
    query = query.format(budget=BUDGET[dataset])
    tag = f"{dataset}-{path}" + ("-" + query.split("=")[0] if query else "") + (
        "-" + query.split("=")[1] if query.startswith("snapshot") else "")
    viewer = viewers(dataset)
    found: list[str] = []
    try:
        if viewer.fresh or query:
            # the page's own address, /overview included (the default page is also at "/")
            _arrive(viewer, f"{server.base_url}/{path}" + (f"?{query}" if query else ""), path)
            widths = ("phone", "desktop")
        else:
            _follow_link(viewer, path)
            widths = ("desktop", "phone")
        for width in widths:
            found += _look(viewer.page, width, out / f"{tag}-{width}.png")
        if "budget" in query:
            found += _money_literal(viewer.page, BUDGET_SAID[dataset])
        # the next page is reached by its link from a page without a query string
        viewer.fresh = bool(query)
    except BaseException:
        viewer.fresh = True
        raise
    finally:
        found += viewer.errors
        viewer.errors.clear()
    assert not found, f"{tag}: {len(found)} defect(s):\n" + "\n".join(found)


@pytest.mark.parametrize(("path", "query"), VISITS, ids=[p + ("-budget" if q else "")
                                                          for p, q in VISITS])
def test_fixture_pages_look_right(viewers, app_server, path, query):
    _check_every_width(viewers, app_server, "fixture", path, query)


@pytest.mark.parametrize(("path", "query"), VISITS, ids=[p + ("-budget" if q else "")
                                                          for p, q in VISITS])
def test_sample_pages_look_right(viewers, sample_server, path, query):
    _check_every_width(viewers, sample_server, "sample", path, query)


@pytest.mark.parametrize(("path", "query"), ODD_VISITS,
                         ids=[p + (f"-{q.split('=')[1]}" if q.startswith("snapshot") else "")
                              for p, q in ODD_VISITS])
def test_odd_data_pages_look_right(viewers, odd_server, path, query):
    _check_every_width(viewers, odd_server, "odd", path, query)
