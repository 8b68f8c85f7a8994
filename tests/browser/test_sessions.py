"""Many users at once: 10 concurrent browser sessions against one server, each doing a
fixed number of round trips.

Each session is its own browser context (its own Streamlit session). It opens the
overview with its own filters in the URL, then does ROUND_TRIPS round trips between the
overview and the initiative detail page with the sidebar's page links (the filters stay in
the URL). After each click it waits for the EVENT that the target page's run has finished
(the app not running, nothing stale, the target page's own title shown), then reads the headline figures once and compares them with *its* filters' figures, worked out
by hand from the fixture rows (tests/fixture_data.py). No wait has a limit a slow machine
could hit (HANG_MS, 10 minutes, only names a hung session and its step; each session's
progress goes to test-artifacts/sessions-<worker>.log); a session that saw another
session's numbers, or none, is an error at once. An "interaction" is one page
switch, from the click to the end of the run; the first load is reported apart.

The p50/p95 interaction latency is printed (and recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from pathlib import Path

import pytest

from bench.stats import percentile
from tests.browser import helpers as h
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, WORKER
from tests.browser.helpers import READ_METRICS, SCENARIOS, TITLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SESSIONS = 10
# each wait is on an event; this only turns a hang into an error naming the session and the
# step (the slowest page switch seen at a load average of 45 on 2 cores took 38 s)
HANG_MS = 600_000
ROUND_TRIPS = 1  # overview -> initiative -> overview: 2 page switches per session
NAV_LINK = '[data-testid="stSidebar"] [data-testid="stSidebarNavLink"]'
# (query string, (overview total cost, total benefit), (initiative detail: the first kept
# initiative's total cost, total benefit)), by hand from the fixture rows


def _progress(result: dict, url: str, what: str) -> None:
    """Where each session is (printed if the test fails or hangs: -s, or the log file)."""
    result["where"][url] = what
    with open(result["log"], "a", encoding="utf-8") as f:
        f.write(f"{time.monotonic():.1f} {url}: {what}\n")


async def _figures(page) -> tuple[str, str] | None:
    m = await page.evaluate(READ_METRICS)
    cost, benefit = h.headline(m, "Total cost"), h.headline(m, "Total benefit")
    return None if cost is None or benefit is None else (cost, benefit)


async def _session(browser, url: str, overview: tuple[str, str], detail: tuple[str, str],
                   result: dict) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(HANG_MS)  # every wait is on an event
    page = await context.new_page()
    errors = result["errors"]
    page.on("pageerror", lambda exc: errors.append(f"{url}: page error {exc}"))
    try:
        t0 = time.perf_counter()
        _progress(result, url, "opening")
        await page.goto(url, wait_until="domcontentloaded")
        _progress(result, url, "waiting for the first run")
        await page.wait_for_function(h.PAGE_DONE, arg={"is": TITLES["/"]}, timeout=HANG_MS)
        result["first_load"].append((time.perf_counter() - t0) * 1000)
        seen = await _figures(page)
        if seen != overview:
            errors.append(f"{url}: first load shows {seen}, expected {overview}")
            return
        # the timed switches start once every session has loaded
        result["loaded"] += 1
        if result["loaded"] == result["sessions"]:
            result["ready"].set()
        await result["ready"].wait()
        on_overview = True
        for _ in range(2 * ROUND_TRIPS):
            target, figures = (("/initiative", detail) if on_overview else ("/", overview))
            t0 = time.perf_counter()
            _progress(result, url, f"clicking {target}")
            await page.locator(f'{NAV_LINK}[href$="{target}"]').first.click()
            _progress(result, url, f"waiting for the run of {target}")
            await page.wait_for_function(h.PAGE_DONE, arg={"is": TITLES[target]},
                                        timeout=HANG_MS)
            result["latencies"].append((time.perf_counter() - t0) * 1000)
            seen = await _figures(page)
            if seen != figures:
                errors.append(f"{url} on {page.url}: shows {seen}, expected {figures} "
                              f"(after {len(result['latencies'])} switches in all)")
                return
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"{url}: exception shown")
            on_overview = not on_overview
        result["round_trips"].append(ROUND_TRIPS)
        _progress(result, url, "done")
    except Exception as e:  # noqa: BLE001 - any failure of a session is an error, reported
        errors.append(f"{url}: {type(e).__name__} while {result['where'].get(url)}: "
                      f"{str(e).splitlines()[0]}")
    finally:
        result["ready"].set()  # never leave the other sessions waiting
        await context.close()


async def _drive(base_url: str, n: int, log: Path) -> dict:
    from playwright.async_api import async_playwright

    result: dict = {"latencies": [], "first_load": [], "errors": [], "sessions": n,
                    "loaded": 0, "round_trips": [], "ready": asyncio.Event(), "where": {},
                    "log": log}
    async with async_playwright() as p:
        try:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as e:  # noqa: BLE001 - a browser that cannot start is a failure
            pytest.fail(f"Chromium at {CHROMIUM} could not start: {e}", pytrace=False)
        try:
            await asyncio.gather(*[
                _session(browser, f"{base_url}/?{q}" if q else f"{base_url}/", ov, det,
                         result)
                for q, ov, det in (SCENARIOS * (n // len(SCENARIOS) + 1))[:n]
            ])
        finally:
            await browser.close()
    return result


@pytest.mark.timeout(1500)  # a hang's bound (each wait ends at HANG_MS with its step named)
def test_ten_concurrent_sessions_each_see_their_own_numbers(app_server):
    log = ARTIFACTS / f"sessions-{WORKER}.log"  # each session's progress, as it goes
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    t0 = time.monotonic()
    # in a thread of its own: the sync playwright of the other browser tests may hold an
    # event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        r = pool.submit(asyncio.run, _drive(app_server.base_url, SESSIONS, log)).result()
    elapsed = time.monotonic() - t0
    assert not r["errors"], r["errors"]
    lat = r["latencies"]
    assert len(r["first_load"]) == SESSIONS
    # every session did its round trips, each switch showing its own figures
    assert r["round_trips"] == [ROUND_TRIPS] * SESSIONS, r["round_trips"]
    assert len(lat) == SESSIONS * 2 * ROUND_TRIPS
    print(f"\n{SESSIONS} concurrent sessions, {elapsed:.0f} s: {len(lat)} page switches, "
          f"0 errors; interaction latency p50 {percentile(lat, 50):.0f} ms, "
          f"p95 {percentile(lat, 95):.0f} ms, max {max(lat):.0f} ms; first load p50 "
          f"{percentile(r['first_load'], 50):.0f} ms, max {max(r['first_load']):.0f} ms")
