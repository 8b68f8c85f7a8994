"""Every table fits its frame at 1440 px, on the shipped sample and on the odd data (tests/odd_data.py:
long names, amounts up to $10B): no column runs past the table's frame, so the amount
of the Funding page's "Every contribution" is never the column cut off (the 2026-12-03
reviews' B4, N13 and N20). Each page's "View data as a table" switches are all turned on,
so the chart tables are measured too.

The measure: Streamlit draws a table with Glide Data Grid, whose scroller (`.dvn-scroller`)
is the frame; its scrollWidth is the width of the columns inside.
"""

from __future__ import annotations

import pytest

from tests.browser import helpers as h
from tests.browser.conftest import RENDER_TIMEOUT_MS, SCREENSHOTS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 1000}
# the pages with tables of their own, and those whose chart tables are widest
PAGES = ("funding", "initiative", "what-changed", "data-methods", "agency-commitment")
TOGGLE = '[data-testid="stCheckbox"]'
# each table's frame and the width of the columns inside it (px)
TABLE_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .map(t => {
    const s = t.querySelector('.dvn-scroller');
    return s ? {frame: s.clientWidth, content: s.scrollWidth,
                head: (t.closest('[data-testid="stVerticalBlock"]')?.innerText || '')
                      .slice(0, 60)} : null;
  }).filter(Boolean)"""


def _every_table_on(page) -> None:
    """Turn on every "View data as a table" switch: each one still off is clicked, then one
    wait for the runs (Streamlit folds the clicks made during a run into its next run: the
    Funding page's six switches take one wait, not six); again while one is off."""
    switches = page.locator(TOGGLE).filter(has_text="View data as a table")
    while off := [i for i in range(switches.count())
                  if not switches.nth(i).locator('input[type="checkbox"]').is_checked()]:
        for i in off:
            switches.nth(i).locator("label").first.click()
        h.wait_idle(page, timeout=RENDER_TIMEOUT_MS)


def _too_wide(browser, base_url: str, tag: str) -> list[str]:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    page = context.new_page()
    found: list[str] = []
    try:
        for path in PAGES:
            h.open_page(page, f"{base_url}/{path}")
            _every_table_on(page)
            h.wait_settled(page, timeout=RENDER_TIMEOUT_MS)
            tables = page.evaluate(TABLE_WIDTHS)
            if not tables:
                found.append(f"{path}: no table measured")
            for t in tables:
                if t["content"] > t["frame"] + 1:
                    found.append(f"{path}: a table's columns are {t['content']} px wide in a "
                                 f"{t['frame']} px frame (under {t['head']!r})")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"tables-{tag}-{path}.png"), full_page=True)
    finally:
        context.close()
    return found


def test_every_table_fits_its_frame_on_the_sample(browser, sample_server):
    assert _too_wide(browser, sample_server.base_url, "sample") == []


def test_every_table_fits_its_frame_on_odd_data(browser, odd_server):
    assert _too_wide(browser, odd_server.base_url, "odd") == []
