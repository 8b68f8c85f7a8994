"""A data-feed token's whole life on the real server, against the test OpenID Connect
provider (tests/oidc_provider.py), and the per-address limit behind a proxy.

One server with sign-in configured and required (ICT_DASHBOARD_REQUIRE_LOGIN=1) over a
fresh copy of the fixture (2006-01-01). Vic (groups = staff -> viewer) signs in in
Chromium, opens the Account page, creates a token (shown once) and copies it from the
page; a plain HTTP client (httpx, no cookies) reads kpis.csv with it: UNDP's total cost is
110 (KPI_CASES: ERP 2005 + SEC 2006). Anonymous: 401. The page then shows the token used;
Vic revokes it there: 401 "revoked". A token created 91 days ago with 90 days of life:
401 "expired". An analyst's token publishes nothing: no feed route takes a write, and the
upload route answers 401 (it knows sessions, not tokens). The audit log holds the
creation and the revocation with the token's id, never the token.

X-Forwarded-For: behind Debian's nginx on deploy/nginx.py's configuration, the per-address
limit counts each real client (clients at 127.0.0.3 and 127.0.0.4), whatever addresses a
client writes in the header itself; on a server whose trusted proxy is another address
(FORWARDED_ALLOW_IPS) the header is ignored. Screenshots of the Account page at 1440 and 390 px go to
test-artifacts/screenshots/feed-tokens/.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.access import tokens
from deploy import nginx
from tests import fixture_data
from tests.browser.conftest import (
    SCREENSHOTS,
    WAIT_MS,
    free_port,
    serving,
    write_secrets,
)
from tests.browser.helpers import APP, SIDEBAR, screenshot, wait_idle, wait_settled, widget

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "feed-tokens"
KPIS = "/api/v1/datasets/kpis.csv?agency=UNDP"
NOTHING = "/api/v1/datasets/nothing.csv"  # past every check, no data work
# one request back every 100 s after a burst of 60 (dashboard/feed/limits.py): no refill
# while a test spends a bucket, however slow the machine
SLOW = {"ICT_DASHBOARD_FEED_RATE": "0.01"}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def server(provider, tmp_path_factory):
    root = tmp_path_factory.mktemp("feed-tokens")
    data = root / "data"
    fixture_data.build(data)
    secrets = root / "secrets.toml"
    write_secrets(secrets, provider,
                  "feed-token-test-cookie-secret-not-used-anywhere-else-012345", "feed-test")
    yield from serving(data, "streamlit-feed-tokens.log", " with sign-in and tokens",
                       env={"ICT_DASHBOARD_REQUIRE_LOGIN": "1", **SLOW},
                       args=("--secrets.files", str(secrets)))


def sign_in_to_account(page, provider: str, base: str, sub: str) -> None:
    page.goto(f"{base}/account", wait_until="domcontentloaded")
    wait_idle(page)
    page.locator(".st-key-sign_in_page button").click()
    page.wait_for_url(re.compile(rf"^{re.escape(provider)}/oauth2/authorize"), timeout=WAIT_MS)
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(re.compile(rf"^{re.escape(base)}/?$"), timeout=WAIT_MS,
                      wait_until="commit")
    page.goto(f"{base}/account", wait_until="domcontentloaded")
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=WAIT_MS)
    wait_idle(page)


def shots(page, name: str) -> None:
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 1000})
        wait_settled(page)
        screenshot(page, SHOTS / f"{name}-{width}.png")
    page.set_viewport_size({"width": 1440, "height": 1000})
    wait_idle(page)


def fresh_shots(context, url: str, name: str) -> None:
    """The page opened afresh at each width, as a phone would open it (sidebar closed)."""
    for width in (1440, 390):
        page = context.new_page()
        try:
            page.set_viewport_size({"width": width, "height": 1000})
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]',
                                   timeout=WAIT_MS)
            wait_settled(page)
            screenshot(page, SHOTS / f"{name}-{width}.png")
        finally:
            page.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_tokens_whole_life(browser, provider, server):
    base = server.base_url.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        anonymous = httpx.get(f"{base}{KPIS}")
        assert anonymous.status_code == 401
        assert "Authorization: Bearer TOKEN" in anonymous.json()["error"]
        assert anonymous.headers["www-authenticate"].startswith("Bearer")

        sign_in_to_account(page, provider, base, "vic")
        expect(page.locator("h1")).to_have_text("Account")
        expect(page.locator(SIDEBAR)).to_contain_text("Signed in as Vic Viewer · viewer")
        widget(page, "account_label").locator("input").fill("Finance workbook")
        widget(page, "account_create_submit").locator("button").click()
        code = page.locator('[data-testid="stCode"] code', has_text="ictd_")
        expect(code).to_have_count(1)
        token = code.inner_text().strip()
        assert re.fullmatch(r"ictd_[0-9a-f]{16}_[A-Za-z0-9_-]{43}", token), token
        token_id = token.split("_")[1]
        expect(page.get_by_text(f"Your new token is in the box below (reference {token_id})")
               ).to_be_visible()
        shots(page, "created")

        # a viewer's token reads, with a plain HTTP client and with pandas
        r = httpx.get(f"{base}{KPIS}", headers=bearer(token))
        assert r.status_code == 200, r.text
        assert r.headers["x-snapshot"] == fixture_data.FIXTURE_AS_OF
        kpis = pd.read_csv(io.BytesIO(r.content), encoding="utf-8-sig").set_index("metric")
        assert kpis.loc["total_cost_usd", "value"] == 110
        assert httpx.get(f"{base}/api/v1/datasets", headers=bearer(token)).status_code == 200

        # it publishes nothing: the feed takes no write, the upload route knows no token
        analyst, _ = tokens.create(server.data_dir, label="analyst's", owner="ana@example.org",
                                   sub="ana", iss=provider, role="analyst", days=90)
        for t in (token, analyst):
            assert httpx.post(f"{base}/api/v1/datasets", headers=bearer(t)).status_code == 405
            up = httpx.put(f"{base}/_stcore/upload_file/{'0' * 36}/{'1' * 36}",
                           headers=bearer(t), files={"file": ("q.xlsx", b"PK")})
            assert up.status_code == 401, up.text
        assert not (server.data_dir / "snapshots" / "2006-06-30").exists()

        # the page lists it as used; revoked there, it reads no more
        widget(page, "account_token_copied").locator("button").click()
        expect(code).to_have_count(0)
        page.reload(wait_until="domcontentloaded")
        wait_idle(page)
        expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
        fresh_shots(context, f"{base}/account", "listed")
        record = tokens.load(server.data_dir, token_id)
        assert record is not None and record.last_used is not None
        # the filters, which do nothing here, are not shown; times say their zone
        expect(page.locator(f"{SIDEBAR} .st-key-agency")).to_have_count(0)
        expect(page.get_by_text("Times are in your browser's time zone")).to_be_visible()
        # the revoke picker starts empty: the token is chosen by name, then revoked
        pick = widget(page, "account_revoke_pick")
        expect(pick.locator("input")).to_have_attribute("placeholder", "Choose a token to revoke")
        pick.locator("input").click()
        page.keyboard.type(token_id)  # the picker's search: the one option with this id
        page.locator('[role="option"]').filter(has_text=token_id).first.click()
        expect(pick.locator("input")).to_have_value(f"Finance workbook · {token_id}")
        widget(page, "account_revoke_submit").locator("button").click()
        wait_idle(page)
        expect(page.locator(".st-key-account_revoke_submit")).to_have_count(0)
        r = httpx.get(f"{base}{KPIS}", headers=bearer(token))
        assert r.status_code == 401 and f"({token_id}) was revoked on" in r.json()["error"]

        # expired: created 91 days ago with the longest life, 90 days
        old, _ = tokens.create(server.data_dir, label="old", owner="vic@example.org",
                               sub="vic", iss=provider, role="viewer", days=90,
                               now=time.time() - 91 * 86_400)
        r = httpx.get(f"{base}{KPIS}", headers=bearer(old))
        assert r.status_code == 401 and "expired on" in r.json()["error"]

        log = (server.data_dir / "audit" / "publishes.jsonl").read_text("utf-8")
        assert token not in log and token.split("_", 2)[2] not in log
        events = [json.loads(line) for line in log.splitlines()]
        assert [(e["action"], e["token"], e["who"]) for e in events] == [
            ("token created", token_id, "vic@example.org"),
            ("token revoked", token_id, "vic@example.org")]
        for f in (server.data_dir / "tokens").iterdir():
            assert token.split("_", 2)[2] not in f.read_text("utf-8"), f.name
    finally:
        context.close()


def _spend(base: str, source: str, forwarded: bool = True) -> int:
    """Requests from one local address (`source`: the client's own address), each claiming
    another address in X-Forwarded-For, until the first 429: how many were answered."""
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(base_url=base, transport=transport) as c:
        for n in range(200):
            headers = {"X-Forwarded-For": f"198.51.100.{n % 250 + 1}"} if forwarded else {}
            r = c.get(NOTHING, headers=headers)
            if r.status_code == 429:
                assert int(r.headers["retry-after"]) >= 1
                return n
            assert r.status_code in (401, 404), r.text
    raise AssertionError("no 429 after 200 requests")


def _status(base: str, source: str) -> int:
    with httpx.Client(base_url=base, transport=httpx.HTTPTransport(local_address=source)) as c:
        return c.get(NOTHING).status_code


@contextlib.contextmanager
def balancer(server, run: Path):
    """Debian's nginx on the configuration of deploy/nginx.py, in front of `server`."""
    port = free_port()
    conf = run / "nginx.conf"
    conf.write_text(nginx.render(f"127.0.0.1:{port}", [server.base_url.split("//")[1]], run))
    proc = subprocess.Popen([NGINX, "-p", str(run), "-c", str(conf), "-e",
                             str(run / "error.log")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # each turn ends when nginx listens, exits, or after 0.2 s
            if proc.poll() is not None:
                pytest.fail(f"nginx exited: {(run / 'error.log').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                break
            except OSError:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGQUIT)
        proc.wait(timeout=60)


def test_behind_nginx_the_limit_keys_on_the_real_client(server, tmp_path):
    """The server trusts X-Forwarded-For from 127.0.0.1 (uvicorn's FORWARDED_ALLOW_IPS,
    unset), where nginx connects from. Clients connect from 127.0.0.3 and 127.0.0.4: what
    they write in X-Forwarded-For themselves changes nothing (nginx appends the address it
    sees, and the server takes the nearest address it does not trust)."""
    with balancer(server, tmp_path) as base:
        assert _spend(base, "127.0.0.3") == 60  # 60 invented addresses: one bucket
        assert _status(base, "127.0.0.3") == 429
        assert _status(base, "127.0.0.4") == 401  # another client: its own bucket
        assert _status(server.base_url, "127.0.0.1") == 401  # nginx's own: untouched


def test_forwarded_for_from_an_untrusted_peer_is_ignored(tmp_path_factory):
    """A server whose trusted proxy is another address (FORWARDED_ALLOW_IPS=192.0.2.1):
    a client at 127.0.0.1 sending X-Forwarded-For gets no bucket per invented address."""
    data = tmp_path_factory.mktemp("xff-data")
    fixture_data.build(data)
    for other in serving(data, "streamlit-xff.log", " trusting another proxy",
                         env={"FORWARDED_ALLOW_IPS": "192.0.2.1", **SLOW}):
        assert _spend(other.base_url, "127.0.0.1") == 60
        assert _status(other.base_url, "127.0.0.5") == 404  # another client: served
