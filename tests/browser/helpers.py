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


def wait_idle(page: Page, timeout: float = WAIT_MS) -> None:
    """The script run has finished (and the app is connected)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout)


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=WAIT_MS)
    wait_idle(page)


def metric_value(page: Page, label: str):
    """The value element of the st.metric tile whose label is exactly `label`."""
    tile = page.locator(METRIC).filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(
            rf"^\s*{re.escape(label)}\s*$")))
    return tile.locator('[data-testid="stMetricValue"]')


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
    page.wait_for_timeout(500)  # Plotly re-lays out its charts to the new size
    page.screenshot(path=str(path))
    if size:
        page.set_viewport_size(size)
