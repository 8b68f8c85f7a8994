"""The first visit and the feed's load (`bench --browser`), in Chromium (Debian's, through
playwright; never `playwright install`):

- first visit: a new browser context opens the Overview, and in the same run a one-chart
  Streamlit floor page (bench/one_chart_page.py): bytes transferred (the sum of Chromium's
  encodedDataLength over the page's requests, compressed as sent), first contentful
  paint, and total blocking time (long tasks' time beyond 50 ms after the first paint,
  until the charts are drawn);
- feed load: the Overview's filter change (bench/browser.py's Runs) with and without 20
  clients asking the feed for 20 sheets (NAME.csv?budget=1000000) over and over meanwhile.

The floor is served by plain `streamlit run` (Streamlit as it ships: static files not
compressed); the Overview by dashboard/server.py.
"""

from __future__ import annotations

import os
import threading
import urllib.request

from bench.browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, Runs, _free_port, _start_server
from bench.stats import percentile
from dashboard import registry
from dashboard.config import REPO_ROOT
from dashboard.feed import limits

FEED_REQUESTS = 20
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(l => { for (const e of l.getEntries())
  window.__longTasks.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true});
"""


def _visit(browser, url: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(LONG_TASKS)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
    page.wait_for_load_state("networkidle", timeout=WAIT_MS)
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime")
    tasks = page.evaluate("window.__longTasks")
    ctx.close()
    tbt = sum(max(0.0, d - 50) for start, d in tasks if fcp is None or start >= fcp)
    return {"bytes": sum(sizes.values()), "requests": len(sizes), "fcp_ms": fcp,
            "tbt_ms": tbt}


def _feed_load(base: str, stop: threading.Event) -> None:
    # every sheet that applies with a budget ("changes" needs a second snapshot)
    names = [n for n in registry.SHEETS if n != registry.CHANGES.name][:FEED_REQUESTS]

    def one(name: str) -> None:
        while not stop.is_set():
            with urllib.request.urlopen(f"{base}/api/v1/datasets/{name}.csv?budget=1000000",
                                        timeout=120) as r:
                r.read()

    threads = [threading.Thread(target=one, args=(n,), daemon=True) for n in names]
    for t in threads:
        t.start()
    stop.wait()
    for t in threads:
        t.join(timeout=130)


def measure(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    ports = _free_port(), _free_port()
    # the 20 feed clients share one address: lift the per-address limit for this server
    os.environ.setdefault(limits.RATE_ENV, "1000")
    app = _start_server(ports[0])
    floor = _start_server(ports[1], REPO_ROOT / "bench" / "one_chart_page.py")
    base = f"http://127.0.0.1:{ports[0]}"
    out: dict = {"overview": [], "floor": [], "filter_change": [], "filter_change_feed": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(runs):
                    out["overview"].append(_visit(browser, base + "/"))
                    out["floor"].append(_visit(browser, f"http://127.0.0.1:{ports[1]}/"))
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                runs_of = Runs(page)
                runs_of.timed(lambda: page.goto(base + "/", wait_until="commit"))
                switch = page.locator('.st-key-priority label').first
                for _ in range(runs):
                    out["filter_change"].append(runs_of.timed(switch.click))
                stop = threading.Event()
                load = threading.Thread(target=_feed_load, args=(base, stop), daemon=True)
                load.start()
                try:
                    for _ in range(runs):
                        out["filter_change_feed"].append(runs_of.timed(switch.click))
                finally:
                    stop.set()
                    load.join(timeout=150)
            finally:
                browser.close()
    finally:
        for proc in (app, floor):
            proc.terminate()
            proc.wait(timeout=30)
    return summary(out)


def summary(out: dict) -> dict:
    res: dict = {}
    for which in ("overview", "floor"):
        visits = out[which]
        res[which] = {k: percentile([v[k] for v in visits if v[k] is not None], 50)
                      for k in ("bytes", "fcp_ms", "tbt_ms")}
    for k in ("filter_change", "filter_change_feed"):
        res[k] = {"p50": percentile(out[k], 50), "p95": percentile(out[k], 95)}
    return res
