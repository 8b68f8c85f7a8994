"""What a person waits for in the browser (`bench --browser`): Chromium against one
Streamlit server on the shipped sample, timed end to end.

- first chart: a new visitor (a new browser context, so a new session) opens "/" until
  the run has finished and every chart on the overview is drawn (Plotly's SVG present);
- filter change: on the overview, the sidebar's "Priority initiatives only" switch is turned (on,
  then off, and so on) until the new run has finished and its charts are drawn;
- page switch: a sidebar link to the next page (through every page of the registry)
  until that page's run has finished and its charts are drawn. The first pass through
  the pages (each page's first visit on the new server, nothing cached for it) is
  reported apart as `page_switch_first`; `page_switch` is the switches after it.

A run is "finished" when the server has sent its "script finished" message for a run
started after the action (read from the page's websocket: a DOM attribute misses runs too
quick for Streamlit to draw its "running" state) and the page is drawn: not running,
nothing stale or a placeholder, every chart with its SVG. p50/p95 over the repetitions.
Chromium is Debian's /usr/bin/chromium, driven by playwright (never `playwright install`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from bench.stats import percentile
from dashboard import config
from dashboard import pages as registry
from dashboard.config import REPO_ROOT
from dashboard.output import pdf

# the browser and its arguments as the app's briefing pack uses them ($ICT_DASHBOARD_CHROMIUM)
CHROMIUM = pdf.chromium_path()
CHROMIUM_ARGS = list(pdf.CHROMIUM_ARGS)
WAIT_MS = 60_000
SERVER_START_S = 180

# the page is drawn: not running, nothing stale or a placeholder, every chart has its SVG
DRAWN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.every((c) => c.querySelector('.main-svg'));
}"""
STATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return {state: app && app.getAttribute("data-test-script-state"),
            skeleton: !!document.querySelector('[data-testid="stSkeleton"]'),
            stale: document.querySelectorAll('[data-stale="true"]').length,
            charts: charts.length,
            drawn: charts.filter((c) => c.querySelector('.main-svg')).length,
            title: document.title};
}"""


def _run_finished(payload: bytes | str) -> bool:
    """Whether a websocket frame from the server is its "script run finished" message."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes):
        return False
    try:
        msg = ForwardMsg.FromString(payload)
    except Exception:  # not a ForwardMsg: not the end of a run
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in (
        ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class Runs:
    """Counts the script runs the server says it finished for one browser page, read from
    the page's websocket (the server's own word: a DOM attribute can miss a run too quick
    for Streamlit to draw its "running" state)."""

    def __init__(self, page) -> None:
        self.page = page
        self.finished = 0
        self.finished_at = 0.0
        self.socket = None
        self.server_ms: list[float] = []
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        self.socket = ws
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if _run_finished(payload):
            self.finished += 1
            self.finished_at = time.perf_counter()

    def timed(self, action) -> float:
        """Milliseconds from the action to the end of the run it starts, drawn."""
        before = self.finished
        t0 = time.perf_counter()
        action()
        deadline = time.monotonic() + WAIT_MS / 1000
        try:
            # events reach the counter only inside a playwright call, so between this check
            # and the wait below no frame can slip by unseen
            while self.finished <= before:
                left = max(1.0, (deadline - time.monotonic()) * 1000)
                if self.socket is None or self.socket.is_closed():
                    self.page.wait_for_event("websocket", timeout=left)
                else:
                    self.socket.wait_for_event("framereceived", timeout=left)
                if time.monotonic() > deadline:
                    raise TimeoutError("no run finished")
            self.server_ms.append((self.finished_at - t0) * 1000)
            self.page.wait_for_function(DRAWN, timeout=WAIT_MS)
        except Exception as exc:  # say what the page was doing, and keep a picture of it
            shot = REPO_ROOT / "bench-work" / "browser-timeout.png"
            shot.parent.mkdir(exist_ok=True)
            self.page.screenshot(path=str(shot), full_page=True)
            raise RuntimeError(
                f"the page did not finish within {WAIT_MS / 1000:.0f} s (runs finished before "
                f"the action: {before}; now: {self.finished}; page: "
                f"{self.page.evaluate(STATE)}); screenshot: {shot}") from exc
        return (time.perf_counter() - t0) * 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int, script=None) -> subprocess.Popen:
    """`streamlit run` of `script` (default: dashboard/server.py) on the shipped sample."""
    env = dict(os.environ)
    env.pop(config.DATA_DIR_ENV, None)  # the shipped sample
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run",
         str(script or REPO_ROOT / "dashboard" / "server.py"),
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


def time_browser(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = _start_server(port)
    url = f"http://127.0.0.1:{port}/"
    out: dict[str, list[float]] = {"first_chart": [], "filter_change": [], "page_switch": [],
                                   "page_switch_first": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(runs):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = ctx.new_page()
                    out["first_chart"].append(Runs(page).timed(
                        lambda page=page: page.goto(url, wait_until="commit")))
                    ctx.close()
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                runs_of = Runs(page)
                runs_of.timed(lambda: page.goto(url, wait_until="commit"))
                switch = page.locator('.st-key-priority label').first
                for _ in range(runs):
                    out["filter_change"].append(runs_of.timed(switch.click))
                targets = [q.url_path for q in registry.PAGES[1:]] + [registry.PAGES[0].url_path]
                # the first pass through the pages is each page's first visit on this new
                # server (nothing cached for it yet); the later switches find the server warm
                for k in range(len(targets) + runs):
                    target = targets[k % len(targets)]
                    links = page.locator('[data-testid="stSidebar"] '
                                         '[data-testid="stSidebarNavLink"]')
                    link = links.and_(page.locator(f'[href$="/{target}"]'))
                    if link.count() == 0:  # the default page's link is the app's root
                        link = links
                    kind = "page_switch_first" if k < len(targets) else "page_switch"
                    out[kind].append(runs_of.timed(link.first.click))
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    rows = [{"what": what, "runs": len(t), "p50_ms": round(percentile(t, 50), 1),
             "p95_ms": round(percentile(t, 95), 1), "max_ms": round(max(t), 1)}
            for what, t in out.items()]
    for r in rows:
        print(f"browser {r['what']:<14} p50 {r['p50_ms']:>8.1f} ms  p95 {r['p95_ms']:>8.1f} ms"
              f"  max {r['max_ms']:>8.1f} ms  ({r['runs']} runs)")
    return {"browser": rows}
