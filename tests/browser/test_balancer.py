"""Several app servers: two Streamlit servers over one s3:// data directory (moto's S3
server on 127.0.0.1), behind Debian's nginx on the configuration `python -m deploy.nginx`
writes (docs/deploy.md), driven by Chromium.

One test, one setup (the servers cost more than the checks): ten concurrent browser
sessions through nginx, each with its own filters, each sees its own hand-worked figures
(the scenarios of tests/browser/test_sessions.py) with no error; new visitors are spread
over both servers and every request of a browser goes to the server its cookie names
(nginx's access log); a snapshot published with one server's settings (the `ingest`
command onto the bucket, server 0's cache) appears on both servers; when server 1 is
killed, its user's next page load is served by server 0 with the same figures. That last wait is the
one polled wait here: each server lists the bucket at most every RESCAN seconds (the stated
interval), so the test reloads each page until the new date shows, within a deadline
generous for a busy machine (APPEAR_DEADLINE_S); every other wait is on an event.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard.config import REPO_ROOT
from dashboard.store import remote_scan, storage
from deploy import nginx
from tests import fixture_data, s3_support
from tests.browser import helpers as h
from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    EARLIER_AS_OF,
    SCREENSHOTS,
    WAIT_MS,
    WORKER,
    free_port,
    start_server,
    stop_server,
)
from tests.browser.helpers import READ_METRICS, SCENARIOS, TITLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BUCKET = "ict-balanced"
SESSIONS = 10
RESCAN = 2  # seconds: the servers' ICT_DASHBOARD_RESCAN_SECONDS (default 5; shorter here
# so that one reload after the publish usually shows it: each reload costs Chromium seconds)
APPEAR_DEADLINE_S = 180  # generous: the interval plus page loads on a busy machine
NEW_AS_OF = "2007-01-01"
NEW_COST = "$70"  # the new snapshot: the fixture's 7 cost rows at $10 each, by hand


def _start_nginx(conf: Path, run: Path) -> subprocess.Popen:
    proc = subprocess.Popen([NGINX, "-p", str(run), "-c", str(conf), "-e",
                             str(run / "error.log")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    return proc


def _listening(proc: subprocess.Popen, port: int, run: Path) -> bool:
    """Wait for nginx to accept a connection (or to exit: False, e.g. the port was taken)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
            return True
        except OSError:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.2)  # returns early if nginx exits
    raise RuntimeError(f"nginx did not listen: {(run / 'error.log').read_text()[-2000:]}")


def _stop_nginx(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)  # graceful: open connections end, logs written
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    if not Path(NGINX).is_file():
        pytest.fail("nginx is missing: run `make nginx` (installs Debian's nginx)",
                    pytrace=False)
    tmp = tmp_path_factory.mktemp("balancer")
    with s3_support.moto_server() as endpoint, pytest.MonkeyPatch.context() as mp:
        s3_support.set_env(mp, s3_support.s3_env(endpoint, tmp / "cache-test"))
        mp.setenv(remote_scan.RESCAN_ENV, str(RESCAN))
        s3_support.make_bucket(BUCKET)
        url = f"s3://{BUCKET}/dashboard"
        loc = storage.location(url)
        fixture_data.build(loc)  # what the browser tests serve: the fixture, newest ...
        earlier = dict(fixture_data.ROWS)  # ... and an earlier snapshot (conftest's)
        earlier["costs"] = [r if r[:3] != ("ERP", "UNDP", 2005) else (*r[:5], 80.0)
                            for r in fixture_data.COSTS]
        fixture_data.build(loc, as_of=EARLIER_AS_OF, rows=earlier,
                           source="test fixture, earlier")
        servers, proc = [], None
        try:
            for i in range(2):  # each server its own cache, as on its own machine
                mp.setenv(storage.CACHE_ENV, str(tmp / f"cache-{i}"))
                servers.append(start_server(
                    url, ARTIFACTS / f"balancer-streamlit-{i}-{WORKER}.log"))
            addresses = [s.base_url.removeprefix("http://") for s in servers]
            run = tmp / "nginx"
            run.mkdir()
            for _attempt in range(5):  # a free port can be taken meanwhile: another
                port = free_port()
                conf = tmp / "nginx.conf"
                conf.write_text(nginx.render(f"127.0.0.1:{port}", addresses, run_dir=run))
                proc = _start_nginx(conf, run)
                if _listening(proc, port, run):
                    break
            else:
                raise RuntimeError(f"nginx did not start: {(run / 'error.log').read_text()}")
            yield {"url": f"http://127.0.0.1:{port}", "servers": servers,
                   "addresses": addresses, "names": nginx.server_names(addresses),
                   "log": run / "access.log", "nginx": proc, "data": url,
                   "env0": {**os.environ, storage.CACHE_ENV: str(tmp / "cache-0")}}
        finally:
            if proc is not None:
                _stop_nginx(proc)
            for s in servers:
                stop_server(s.process)
            s3_support.forget_process_state()


# ---- ten sessions ------------------------------------------------------------------------
async def _session(browser, url: str, overview: tuple[str, str], result: dict) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    page.on("pageerror", lambda exc: result["errors"].append(f"{url}: page error {exc}"))
    try:
        await page.goto(url, wait_until="domcontentloaded")
        await page.wait_for_function(h.PAGE_DONE, arg={"is": TITLES["/"]}, timeout=WAIT_MS)
        m = await page.evaluate(READ_METRICS)
        seen = (h.headline(m, "Total cost"), h.headline(m, "Total benefit"))
        if seen != overview:
            result["errors"].append(f"{url}: shows {seen}, expected {overview}")
        if await page.locator(h.EXCEPTION).count():
            result["errors"].append(f"{url}: exception shown")
        cookies = {c["name"]: c["value"] for c in await context.cookies()}
        result["served_by"].append(cookies.get(nginx.COOKIE))
    except Exception as e:  # noqa: BLE001 - any failure of a session is an error, reported
        result["errors"].append(f"{url}: {type(e).__name__}: {str(e).splitlines()[0]}")
    finally:
        await context.close()


async def _ten_sessions(base_url: str) -> dict:
    from playwright.async_api import async_playwright

    result: dict = {"errors": [], "served_by": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*[
                _session(browser, f"{base_url}/?{q}" if q else f"{base_url}/", ov, result)
                for q, ov, _ in (SCENARIOS * 2)[:SESSIONS]])
        finally:
            await browser.close()
    return result


def _log_lines(path: Path) -> list[tuple[int, str, str, str]]:
    """(status, upstream that answered last, cookie, uri) of every request nginx logged."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        _at, status, upstream, cookie, _method, uri = line.split(" ", 5)
        cookie = cookie.strip('"')
        out.append((int(status), upstream.split(", ")[-1], "" if cookie == "-" else cookie, uri))
    return out


def _caption(page) -> str:
    return " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())


@pytest.mark.timeout(1500)
def test_two_servers_behind_nginx(balanced, browser):
    base = balanced["url"]
    names, addresses = balanced["names"], balanced["addresses"]
    # 1. ten concurrent sessions through nginx (a thread of their own: see test_sessions)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        r = pool.submit(asyncio.run, _ten_sessions(base)).result()
    assert not r["errors"], r["errors"]
    assert len(r["served_by"]) == SESSIONS
    # new visitors in turn: both servers hold sessions
    assert set(r["served_by"]) == set(names), r["served_by"]

    # 2. a page pinned to each server (its cookie), then a snapshot published with server
    # 0's settings; both servers show it on a page run after their next listing
    pages = []
    for name in names:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        context.add_cookies([{"name": nginx.COOKIE, "value": name, "url": base}])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        h.open_page(page, f"{base}/")
        h.expect_metric(page, "Total cost", "$255")
        assert "Snapshot as of 2006-01-01" in _caption(page)
        pages.append((name, page, errors))
    source = balanced["log"].parent / "new-source"
    source.mkdir()
    rows = dict(fixture_data.ROWS)
    rows["costs"] = [(*c[:5], 10.0) for c in fixture_data.COSTS]
    for table, data in fixture_data.tables(rows).items():
        pq.write_table(data, source / f"{table}.parquet")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(source), "--as-of", NEW_AS_OF,
         "--source-note", "published on server 0", "--data-dir", balanced["data"]],
        cwd=REPO_ROOT, env=balanced["env0"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    published = time.monotonic()
    appeared = {}
    for name, page, errors in pages:
        # the one polled wait: the server lists the bucket at most every RESCAN s. The
        # address names the snapshot shown (links that hold), so a reload keeps 2006-01-01
        # and says that a newer one is published, with a button to it
        newer = page.get_by_role("button", name=f"Show the newest snapshot (as of {NEW_AS_OF})")
        while not newer.count():
            assert time.monotonic() - published < APPEAR_DEADLINE_S, (
                f"{name}: {NEW_AS_OF} not offered {APPEAR_DEADLINE_S} s after the publish")
            page.reload(wait_until="domcontentloaded")
            page.wait_for_selector(f'{h.APP}[data-test-connection-state="CONNECTED"]')
            h.wait_idle(page)
        assert "Snapshot as of 2006-01-01" in _caption(page)  # the link's own, until asked
        newer.first.click()
        h.wait_idle(page)
        expect(page.locator(h.MAIN)).to_contain_text(f"Snapshot as of {NEW_AS_OF}")
        appeared[name] = time.monotonic() - published
        expect(h.metric_value(page, "Total cost")).to_have_text(NEW_COST)
        h.assert_no_exception(page)
        assert not errors, errors
        assert {c["name"]: c["value"] for c in page.context.cookies()}[nginx.COOKIE] == name
    h.screenshot(pages[1][1], SCREENSHOTS / "balancer-server-1-new-snapshot.png", height=1000)
    import psutil

    rss = [psutil.Process(s.process.pid).memory_info().rss / 2**20
           for s in balanced["servers"]]
    print(f"\n{NEW_AS_OF} shown after: " + ", ".join(
        f"{n} {t:.1f} s" for n, t in appeared.items()) + f" (rescan interval {RESCAN} s); "
        "servers' resident memory: " + ", ".join(f"{m:.0f} MB" for m in rss))

    # 3. every request so far went to the server its cookie names (the requests nginx has
    # finished: each page load's; the websockets are logged when they close), no error
    by_name = dict(zip(names, addresses, strict=True))
    lines = _log_lines(balanced["log"])
    assert all(status < 500 for status, *_ in lines), [x for x in lines if x[0] >= 500]
    pinned = [(up, cookie) for _, up, cookie, _ in lines if cookie]
    assert pinned and all(up == by_name[cookie] for up, cookie in pinned), pinned

    # 4. server 1 dies (kill -9): its user's next page load is served by server 0, which
    # takes the cookie over, with the same figures and no error (docs/deploy.md)
    dead = balanced["servers"][1].process
    dead.kill()
    dead.wait()
    name, page, errors = pages[1]
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector(f'{h.APP}[data-test-connection-state="CONNECTED"]')
    h.wait_idle(page)
    expect(h.metric_value(page, "Total cost")).to_have_text(NEW_COST)
    assert f"Snapshot as of {NEW_AS_OF}" in _caption(page)
    h.assert_no_exception(page)
    assert {c["name"]: c["value"] for c in page.context.cookies()}[nginx.COOKIE] == names[0]
    for _, page, _ in pages:
        page.context.close()

    # 5. nginx's log, complete once it has stopped: websocket sessions on both servers
    _stop_nginx(balanced["nginx"])
    lines = _log_lines(balanced["log"])
    sockets = [up for status, up, _, uri in lines if uri == "/_stcore/stream" and status == 101]
    assert set(sockets) == set(addresses) and len(sockets) >= SESSIONS + 2, sockets
