"""What a person waits for in the browser (`bench --browser`): Chromium against one
Streamlit server on the shipped sample, timed end to end.

- first chart: a new visitor (a new browser context, so a new session) opens "/" until
  the run has finished and every chart on the overview is drawn (Plotly's SVG present);
- filter change: on the overview, the sidebar's "Priority initiatives only" switch is turned (on,
  then off, and so on) until the new run has finished and its charts are drawn;
- page switch: a sidebar link to the next page (through every page of the registry)
  until that page's run has finished and its charts are drawn.

A run is "finished" when the app has gone from running to not running at least once
since the action (counted by a MutationObserver on data-test-script-state), nothing is
stale or a placeholder, and every chart has its SVG. p50/p95 over the repetitions.
Chromium is Debian's /usr/bin/chromium, driven by playwright (never `playwright install`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from dashboard import config, pdf
from dashboard import pages as registry
from dashboard.config import REPO_ROOT

# the browser and its arguments as the app's briefing pack uses them ($ICT_DASHBOARD_CHROMIUM)
CHROMIUM = pdf.chromium_path()
CHROMIUM_ARGS = list(pdf.CHROMIUM_ARGS)
WAIT_MS = 300_000
SERVER_START_S = 180

COUNT_RUNS = """
window.__runsDone = 0;
new MutationObserver((records) => {
  for (const r of records) {
    if (r.oldValue === "running"
        && r.target.getAttribute("data-test-script-state") !== "running") {
      window.__runsDone += 1;
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-test-script-state"]});
"""
DONE = """(before) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    if ((window.__runsDone || 0) <= before) return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.every((c) => c.querySelector('.main-svg'));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop(config.DATA_DIR_ENV, None)  # the shipped sample
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                        timeout=5) as r:
                if r.read().strip() == b"ok":
                    return proc
        except OSError:
            pass
        time.sleep(0.2)  # a poll for the server to come up (bench code, not a test)
    proc.kill()
    raise RuntimeError(f"streamlit did not answer within {SERVER_START_S} s")


def _runs(page) -> int:
    return int(page.evaluate("() => window.__runsDone || 0"))


def _timed(page, action) -> float:
    before = _runs(page)
    t0 = time.perf_counter()
    action()
    page.wait_for_function(DONE, arg=before, timeout=WAIT_MS)
    return (time.perf_counter() - t0) * 1000


def time_browser(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = _start_server(port)
    url = f"http://127.0.0.1:{port}/"
    out: dict[str, list[float]] = {"first_chart": [], "filter_change": [], "page_switch": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(runs):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = ctx.new_page()
                    page.add_init_script(COUNT_RUNS)
                    out["first_chart"].append(_timed(
                        page, lambda page=page: page.goto(url, wait_until="commit")))
                    ctx.close()
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                page.add_init_script(COUNT_RUNS)
                _timed(page, lambda: page.goto(url, wait_until="commit"))
                switch = page.locator('.st-key-priority label').first
                for _ in range(runs):
                    out["filter_change"].append(_timed(page, switch.click))
                targets = [q.url_path for q in registry.PAGES[1:]] + [registry.PAGES[0].url_path]
                for k in range(runs):
                    target = targets[k % len(targets)]
                    link = page.locator('[data-testid="stSidebar"] '
                                        f'[data-testid="stSidebarNavLink"][href$="/{target}"]')
                    out["page_switch"].append(_timed(page, link.first.click))
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    from bench.timing import percentile

    rows = [{"what": what, "runs": len(t), "p50_ms": round(percentile(t, 50), 1),
             "p95_ms": round(percentile(t, 95), 1), "max_ms": round(max(t), 1)}
            for what, t in out.items()]
    for r in rows:
        print(f"browser {r['what']:<14} p50 {r['p50_ms']:>8.1f} ms  p95 {r['p95_ms']:>8.1f} ms"
              f"  max {r['max_ms']:>8.1f} ms  ({r['runs']} runs)")
    return {"browser": rows}
