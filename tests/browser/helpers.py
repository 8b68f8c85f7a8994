"""Selectors and waits shared by the browser tests (Streamlit's data-testid attributes, the
`st-key-<key>` class Streamlit puts on a keyed widget's container, st.navigation links)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import WAIT_MS

APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
METRIC = '[data-testid="stMetric"]'
CHART = '[data-testid="stPlotlyChart"]'
EXCEPTION = '[data-testid="stException"]'
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
# Every chart is drawn at its container's width (Plotly re-lays out a chart after a resize)
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(el => {
    const gd = el.querySelector('.js-plotly-plot');
    return gd && gd._fullLayout && el.querySelector('.main-svg')
      && Math.abs(gd.getBoundingClientRect().width - el.getBoundingClientRect().width) < 2;
  });
}"""
# The sidebar has ended its slide: the same place in two animation frames running, fully
# in or fully out (a chart measured mid-slide was drawn for a width its frame no longer has:
# the 2026-12-03 review's B1, and a visual check that failed once under load). Polled each
# animation frame (`wait_settled`).
SIDEBAR_SETTLED = """() => {
  const s = document.querySelector('[data-testid="stSidebar"]');
  const r = s ? s.getBoundingClientRect() : null;
  const key = r ? `${r.left},${r.right}` : "none";
  const same = window.__sidebarKey === key;
  window.__sidebarKey = key;
  return same && (!r || r.left >= -1 || r.right <= 1);
}"""


def wait_settled(page: Page, timeout: float = WAIT_MS) -> None:
    """The layout at rest after a change of width: the sidebar's slide over, the script run
    over, every chart re-drawn at its frame's width."""
    page.evaluate("() => { window.__sidebarKey = null; }")
    page.wait_for_function(SIDEBAR_SETTLED, polling="raf", timeout=timeout)
    wait_idle(page, timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)


# A page's run is over when the app is not running, nothing is a placeholder or stale, and
# the main area's title is the one expected ({is: title}) or no longer the one before a
# click ({isNot: title}). Judged from the page itself, not from a count of runs kept in
# the window, so it also holds when the browser reloaded the page on a click. One
# definition for the page switches of the visual check and of the many-sessions test.
PAGE_DONE = """({is: want, isNot: before}) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    const title = h1 ? h1.innerText.trim() : null;
    return app?.getAttribute("data-test-script-state") === "notRunning"
      && !document.querySelector('[data-testid="stSkeleton"]')
      && !document.querySelector('[data-stale="true"]')
      && title !== null && (want != null ? title === want : title !== before);
}"""
def wait_idle(page: Page, timeout: float = WAIT_MS) -> None:
    """The script run has finished (and the app is connected)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout)


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=WAIT_MS)
    wait_idle(page)


def sign_in(page: Page, provider: str, base: str, sub: str) -> None:
    """From the sign-in page, through the test provider's authorize form (`sub`: the user
    chosen there, conftest.USERS), back to the app (its address "/"), then straight on to
    Load data: the Overview's charts are not waited for (Chromium's drawing is most of a
    browser test's cost; docs/architecture.md)."""
    page.locator(".st-key-sign_in_page button").click()
    page.wait_for_url(re.compile(rf"^{re.escape(provider)}/oauth2/authorize"), timeout=WAIT_MS)
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(re.compile(rf"^{re.escape(base)}/?$"), timeout=WAIT_MS,
                      wait_until="commit")
    open_page(page, f"{base}/load-data")


def title(page: Page) -> str:
    h1 = page.locator(f"{MAIN} h1").first
    return h1.inner_text().strip() if h1.count() else ""


def switch_page(page: Page, url_path: str, timeout: float = WAIT_MS) -> None:
    """Click a page's link in the sidebar (the sidebar is shown) and wait until that page's
    run has ended. Nothing happens when it is already the page shown."""
    link = nav_link(page, url_path)
    if link.count() == 0:  # the default page's link is the app's root
        link = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]').first
    if link.get_attribute("aria-current") == "page":
        return
    before = title(page)
    link.click()
    page.wait_for_function(PAGE_DONE, arg={"isNot": before}, timeout=timeout)
    wait_idle(page, timeout=timeout)


def metric_value(page: Page, label: str):
    """The value element of the headline tile whose label is exactly `label` (the label is
    the tile frame's first text, above its st.metric: dashboard/ui/metrics.py), or of a
    plain st.metric so labelled."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    framed = page.locator('[data-testid="stVerticalBlock"]').filter(
        has=page.locator('[data-testid="stMarkdownContainer"]', has_text=exact)).filter(
        has=page.locator(METRIC)).last
    plain = page.locator(METRIC).filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=exact))
    # one element: the two ways can both find the same tile's value (the collapsed
    # st.metric label still holds its text)
    return framed.locator('[data-testid="stMetricValue"]').or_(
        plain.locator('[data-testid="stMetricValue"]')).first


def expect_metric(page: Page, label: str, value: str, timeout: float = WAIT_MS) -> None:
    expect(metric_value(page, label)).to_have_text(value, timeout=timeout)


def widget(page: Page, key: str):
    return page.locator(f".st-key-{key}")


def multiselect_pick(page: Page, key: str, option: str) -> None:
    """Open a multiselect and choose one option by its exact text."""
    widget(page, key).locator('input[role="combobox"]').click()
    page.locator('[role="option"]').filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).first.click()
    page.keyboard.press("Escape")


def selected_chips(page: Page, key: str):
    return widget(page, key).locator('[data-baseweb="tag"]')


def nav_link(page: Page, url_path: str):
    return page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"][href$="/{url_path}"]')


def assert_no_exception(page: Page) -> None:
    expect(page.locator(EXCEPTION)).to_have_count(0)


def screenshot(page: Page, path: Path, height: int = 2400) -> None:
    """The page from its top. Streamlit scrolls inside its own container, so a full-page
    screenshot shows one viewport: the viewport is made tall for the picture instead."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"] if size else 1400, "height": height})
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    wait_idle(page)
    page.wait_for_function(CHARTS_DRAWN)  # Plotly has re-laid out its charts to the new size
    page.screenshot(path=str(path))
    if size:
        page.set_viewport_size(size)


# the pages and figures several concurrent sessions read (tests/browser/test_sessions.py and
# tests/browser/test_balancer.py)
TITLES = {"/": "ICT portfolio overview", "/initiative": "Initiative detail"}
READ_METRICS = """() => Object.fromEntries([...document.querySelectorAll(
    '[data-testid="stMetric"]')].map((m) => [
      m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
      m.querySelector('[data-testid="stMetricValue"]').innerText.trim()]))"""


def headline(metrics: dict[str, str], label: str) -> str | None:
    """A tile's value from READ_METRICS by its plain label, whether or not the label says
    whose figure it is under the organization filter ("Total cost (UNDP's share)")."""
    scoped = re.compile(rf"{re.escape(label)} \((.+'s share|whole portfolio)\)")
    return next((v for k, v in metrics.items() if k == label or scoped.fullmatch(k)), None)


SCENARIOS = [
    ("", ("$255", "$295"), ("$180", "$200")),  # detail: ERP 100+50+30; 120+80
    ("agency=UNDP", ("$110", "$120"), ("$100", "$120")),  # ERP 100 + SEC 10; ERP 120
    ("agency=WFP", ("$35", "$50"), ("$30", "$0")),  # ERP 30 + TRN 5; KS 50
    ("agency=ITU", ("$40", "$30"), ("$0", "$0")),  # KS 40; KS 30; ERP has no ITU rows
    ("category=Working+together&category=Information+security",
     ("$190", "$215"), ("$180", "$200")),  # ERP 180 + SEC 10; 200 + 15
    ("category=ICT+in+development", ("$60", "$80"), ("$60", "$80")),  # KS 40+20; 30+50
    ("priority=true", ("$245", "$280"), ("$180", "$200")),  # all but SEC (10; 15)
    ("years=2006&years=2007", ("$65", "$295"), ("$30", "$200")),  # 30+20+10+5; no 2005 benefit
    ("initiative=SEC&initiative=TRN", ("$15", "$15"), ("$10", "$15")),  # SEC 10 + TRN 5
    ("agency=UNDP&agency=WFP&years=2006&years=2007",
     ("$45", "$170"), ("$30", "$120")),  # 30+10+5; 120+50 | ERP/WFP 30; ERP/UNDP 120
]
