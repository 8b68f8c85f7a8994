"""Real-browser harness: the real Streamlit server over the fixture data, driven by Chromium.

- `app_server` (session): starts `python -m streamlit run dashboard/app.py` on a free port
  with ICT_DASHBOARD_DATA pointing at a fresh copy of the hand-checkable fixture
  (tests/fixture_data.py), waits for /_stcore/health, and stops it at the end (killed if it
  does not stop). Its log goes to test-artifacts/streamlit-server.log.
- `browser` (session): Debian's Chromium (/usr/bin/chromium) through the Python playwright
  package. It is never downloaded (`playwright install` is not used). A browser that
  cannot start is a test FAILURE, never a skip: these tests must run in CI.
- `page` (function): a fresh browser context and page; every uncaught page error and
  console error is collected and checked at teardown, together with Streamlit's own
  exception boxes.
- Screenshots go to test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dashboard import pages as registry
from dashboard.config import DATA_DIR_ENV, REPO_ROOT
from tests import fixture_data

CHROMIUM = os.environ.get("ICT_DASHBOARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_START_TIMEOUT_S = 60
# Streamlit renders after each interaction; expectations wait up to this long for text.
RENDER_TIMEOUT_MS = 20_000

# the url paths of every page (dashboard/pages.py); the default page, overview, is served
# at "/"
PAGES = [p.url_path for p in registry.PAGES]
# An earlier snapshot beside the fixture, so "what changed" has something to compare; the
# fixture (newest) stays the default, so every hand-worked figure applies.
EARLIER_AS_OF = "2005-06-01"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class AppServer:
    base_url: str
    data_dir: Path
    process: subprocess.Popen
    log_path: Path

    def url(self, path: str = "", query: str = "") -> str:
        u = f"{self.base_url}/{'' if path == 'overview' else path}"
        return f"{u}?{query}" if query else u


def start_server(data_dir: Path, log_path: Path, port: int | None = None) -> AppServer:
    """Start the real Streamlit server over data_dir; return once /_stcore/health answers."""
    port = port or free_port()
    env = {**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / "app.py"),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {proc.returncode} before answering:\n"
                f"{_log_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_server(proc)
            raise RuntimeError(
                f"streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT_S} s:\n"
                f"{_log_tail(log_path)}"
            )
        time.sleep(0.2)
    return AppServer(base, Path(data_dir), proc, log_path)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_data_dir(tmp_path_factory) -> Path:
    """The fixture snapshot, published in a data directory of the browser tests' own."""
    d = tmp_path_factory.mktemp("browser-data")
    fixture_data.build(d)
    earlier = dict(fixture_data.ROWS)
    earlier["costs"] = [r if r[:3] != ("ERP", "UNDP", 2005) else (*r[:5], 80.0)
                        for r in fixture_data.COSTS]
    fixture_data.build(d, as_of=EARLIER_AS_OF, rows=earlier, source="test fixture, earlier")
    return d


def serving(data_dir: Path, log_name: str, what: str = "") -> Iterator[AppServer]:
    """A fixture body: the real server over data_dir while the fixture lives (a server that
    does not start fails the test, naming `what` it was to serve)."""
    try:
        server = start_server(data_dir, ARTIFACTS / log_name)
    except RuntimeError as e:
        pytest.fail(f"the Streamlit server{what} did not start: {e}", pytrace=False)
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture(scope="session")
def app_server(browser_data_dir) -> Iterator[AppServer]:
    yield from serving(browser_data_dir, "streamlit-server.log")


def launch_chromium(playwright):
    """Launch Debian's Chromium; a browser that cannot start fails the test run."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make chromium` (installs Debian's chromium). "
            "The browser tests never skip.",
            pytrace=False,
        )
    try:
        return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as e:  # noqa: BLE001 - any launch failure is reported, as a failure
        pytest.fail(f"Chromium at {CHROMIUM} could not start: {e}", pytrace=False)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    b = launch_chromium(playwright_instance)
    yield b
    b.close()


@dataclass
class PageErrors:
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


# Console noise from the browser itself, not from the app (no network in CI, favicon...).
IGNORED_CONSOLE = re.compile(r"favicon|net::ERR_|Failed to load resource|WebSocket", re.I)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    pg = context.new_page()
    errors = PageErrors()
    pg.on("pageerror", lambda exc: errors.page_errors.append(str(exc)))
    pg.on("console", lambda msg: (
        errors.console_errors.append(msg.text)
        if msg.type == "error" and not IGNORED_CONSOLE.search(msg.text) else None))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    try:
        if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"),
                          full_page=True)
    finally:
        context.close()
    assert not errors.page_errors, f"uncaught errors in the page: {errors.page_errors}"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
