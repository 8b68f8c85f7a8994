"""Real-browser harness: the real Streamlit server over the fixture data, driven by Chromium.

- `app_server` (session, so one per pytest-xdist worker): starts `python -m streamlit run
  dashboard/server.py` (the st.App with its guard) on a free port (another one if that
  port was taken meanwhile) with
  ICT_DASHBOARD_DATA pointing at a fresh copy of the hand-checkable fixture
  (tests/fixture_data.py) in the worker's own tmp dir, waits until it prints its URL (an
  event: its output is read line by line into its log) and answers /_stcore/health, or
  until it exits, and stops it at the end (killed if it does not stop). Its log goes to
  test-artifacts/streamlit-server-<worker>.log.
- Waits: on events (the script run finishing, the expected text appearing), with limits
  generous enough that a busy 2-core machine never hits them (WAIT_MS); a hang is bounded
  by the suite's pytest timeout.
- `browser` (session): Debian's Chromium (/usr/bin/chromium) through the Python playwright
  package. It is never downloaded (`playwright install` is not used). A browser that
  cannot start is a test FAILURE, never a skip: these tests must run in CI.
- `page` (function): a fresh browser context and page; every uncaught page error and
  console error is collected and checked at teardown, together with Streamlit's own
  exception boxes.
- Screenshots go to test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dashboard import pages as registry
from dashboard.config import DATA_DIR_ENV, REPO_ROOT
from dashboard.output import pdf
from tests import fixture_data, odd_data

# Debian's Chromium and its arguments: the ones the briefing pack prints with (one definition)
CHROMIUM = pdf.chromium_path()
CHROMIUM_ARGS = list(pdf.CHROMIUM_ARGS)
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # gw0, gw1 ... under pytest-xdist
# generous: a busy machine is slow, never this slow; a wrong value still fails (it never
# turns into the expected one) once the wait ends
SERVER_START_TIMEOUT_S = 300
WAIT_MS = 240_000
RENDER_TIMEOUT_MS = WAIT_MS  # the name the tests use

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


class PortTaken(RuntimeError):
    pass


def start_server(data_dir: Path, log_path: Path, port: int | None = None,
                 attempts: int = 5, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = (), script: str = "server.py") -> AppServer:
    """Start the real Streamlit server over data_dir; return once /_stcore/health answers.
    A free port can be taken by another worker before Streamlit binds it: then another.
    env: more environment variables; args: more `streamlit run` options; script: the file
    of dashboard/ it runs (server.py, the st.App with its guard; app.py, without)."""
    for attempt in range(attempts):
        try:
            return _start_server(data_dir, log_path, port, env or {}, args, script)
        except PortTaken:
            if port is not None or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _start_server(data_dir: Path, log_path: Path, port: int | None = None,
                  more_env: dict[str, str] | None = None, args: tuple[str, ...] = (),
                  script: str = "server.py") -> AppServer:
    port = port or free_port()
    env = {**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONUNBUFFERED": "1", **(more_env or {})}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *args,
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            errors="replace")
    said_url = threading.Event()  # the server printed its URL: it listens on the port
    settled = threading.Event()  # it printed its URL, or its output ended (it exited)

    def copy_output() -> None:  # the server's output, line by line, into its log file
        with open(log_path, "w", encoding="utf-8") as log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if "URL: http" in line:
                    said_url.set()
                    settled.set()
        settled.set()

    threading.Thread(target=copy_output, daemon=True, name=f"log {port}").start()
    base = f"http://127.0.0.1:{port}"
    # an event, not a poll: Streamlit prints its URL once it listens; its output ends when
    # it exits (a port another process took meanwhile, an error)
    if not settled.wait(SERVER_START_TIMEOUT_S):
        stop_server(proc)
        raise RuntimeError(f"streamlit did not start within {SERVER_START_TIMEOUT_S} s:\n"
                           f"{_log_tail(log_path)}")
    if not said_url.is_set():
        proc.wait(timeout=SERVER_START_TIMEOUT_S)
        if re.search(r"already in use|Address in use", _log_tail(log_path), re.I):
            raise PortTaken(f"port {port} was taken")
        raise RuntimeError(f"streamlit exited with code {proc.returncode} before answering:\n"
                           f"{_log_tail(log_path)}")
    if not _healthy(base):
        stop_server(proc)
        raise RuntimeError(f"streamlit printed its URL but /_stcore/health did not answer:\n"
                           f"{_log_tail(log_path)}")
    return AppServer(base, Path(data_dir), proc, log_path)


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health",
                                    timeout=SERVER_START_TIMEOUT_S) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


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


def serving(data_dir: Path, log_name: str, what: str = "", env: dict[str, str] | None = None,
            args: tuple[str, ...] = (), script: str = "server.py") -> Iterator[AppServer]:
    """A fixture body: the real server over data_dir while the fixture lives (a server that
    does not start fails the test, naming `what` it was to serve); env, args and script as
    for `start_server`."""
    try:
        # one log per pytest-xdist worker: streamlit-server-gw0.log, ...
        server = start_server(data_dir, ARTIFACTS / log_name.replace(".log", f"-{WORKER}.log"),
                              env=env, args=args, script=script)
    except RuntimeError as e:
        pytest.fail(f"the Streamlit server{what} did not start: {e}", pytrace=False)
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture(scope="session")
def app_server(browser_data_dir) -> Iterator[AppServer]:
    yield from serving(browser_data_dir, "streamlit-server.log")


# One server per data set and pytest-xdist worker, shared by every module that reads it (the
# tables, table cells, chart drawing and visual checks each started their own): each is
# read only, so a module sees what it would see on a server of its own.
@pytest.fixture(scope="session")
def sample_server() -> Iterator[AppServer]:
    """The real app over the shipped sample data (data/, read only)."""
    yield from serving(REPO_ROOT / "data", "streamlit-sample-server.log",
                       " over the sample data")


@pytest.fixture(scope="session")
def odd_server(tmp_path_factory) -> Iterator[AppServer]:
    """The real app over odd but valid snapshots (tests/odd_data.py: very long names, 40
    organizations, amounts from $1 to $10B; a single initiative)."""
    d = tmp_path_factory.mktemp("odd-browser-data")
    odd_data.build(d)
    yield from serving(d, "streamlit-odd-server.log", " over the odd data")


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
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
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


# the test OpenID Connect provider (tests/oidc_provider.py): its users, and one provider a module
USERS = [
    {"sub": "ana", "claims": {"email": "ana@example.org", "name": "Ana Analyst",
                              "groups": ["ict-analysts"]}},
    {"sub": "vic", "claims": {"email": "vic@example.org", "name": "Vic Viewer",
                              "groups": ["staff"]}},
]


@pytest.fixture(scope="module")
def provider():
    log = ARTIFACTS / f"oidc-provider-{WORKER}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider", json.dumps(USERS)],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        out = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed by the copier
        url = None
        for line in proc.stdout:  # each line an event; the URL once it listens
            out.write(line)
            out.flush()
            if line.startswith("OIDC provider http://localhost:"):
                url = line.split()[-1]
                break
        if url is None:  # its output ended: it exited
            out.close()
            pytest.fail(f"the OIDC provider did not start (its log: {log})", pytrace=False)

        def copy() -> None:
            with out:
                for line in proc.stdout:
                    out.write(line)
                    out.flush()

        threading.Thread(target=copy, daemon=True).start()
        yield url
    finally:
        stop_server(proc)


def write_secrets(path: Path, provider: str, cookie_secret: str, client_secret: str,
                  roles: bool = True) -> Path:
    """A secrets.toml signing in through the test provider: [auth] (the redirect URI for
    any port), and with `roles`, the access token exposed for the re-check at Publish and
    the groups claim mapping "ict-analysts" to analyst."""
    text = f'''
[auth]
redirect_uri = "http://localhost:{{port}}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "ict-dashboard"
client_secret = "{client_secret}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
'''
    if roles:
        text += '''expose_tokens = ["access"]

[roles]
claim = "groups"

[roles.map]
"ict-analysts" = "analyst"
'''
    path.write_text(text, encoding="utf-8")
    return path


def serving_signed_in(provider: str, root: Path,
                      log_name: str = "streamlit-signin.log") -> Iterator[AppServer]:
    """A fixture body: the real server with sign-in through the test `provider` configured
    (a secrets file of its own, outside the data directory) and required
    (ICT_DASHBOARD_REQUIRE_LOGIN=1), over the fixture snapshot in root/data. Address it as
    `localhost` (the redirect URI's, the cookies' and the provider's host):
    `signed_in_base`."""
    data = root / "data"
    fixture_data.build(data)
    secrets = write_secrets(root / "secrets.toml", provider,
                            "browser-test-cookie-secret-not-used-anywhere-else-0123456789",
                            "browser-test")
    yield from serving(data, log_name, " with sign-in",
                       env={"ICT_DASHBOARD_REQUIRE_LOGIN": "1"},
                       args=("--secrets.files", str(secrets)))


def signed_in_base(server: AppServer) -> str:
    """The address of a server with sign-in, as the browser must use it (`localhost`)."""
    return server.base_url.replace("127.0.0.1", "localhost")
