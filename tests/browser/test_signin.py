"""Sign-in in Chromium against a real OpenID Connect provider, end to end.

One Streamlit server with sign-in configured (a secrets file of the test's own) and
ICT_DASHBOARD_REQUIRE_LOGIN=1, over a fresh data directory holding the fixture snapshot
(2006-01-01); one provider, oidc-provider-mock (tests/oidc_provider.py), on 127.0.0.1 with
two users chosen at its authorize form: "ana" (ID-token claim groups = ict-analysts ->
analyst) and "vic" (groups = staff -> viewer). Everything is addressed as `localhost`
(redirect URI, cookies, the provider's issuer).

1. An anonymous visitor opening /funding sees only the sign-in (no figure, no page link).
2. Ana signs in, opens Load data, uploads the template with "12k" as the amount of the
   costs sheet's second data row: the report names sheet costs, row 3 (row 1 holds the
   names), column amount_usd, value '12k'. She uploads the fixed workbook (also ERP's 2005
   staff cost 100 -> 130): totals $285.00 (255 + 30), "cost estimate up 17% (+$30) since
   2006-01-01" (ERP 180 -> 210), publishes it as of 2006-06-30, and 2006-06-30 appears in
   the sidebar's snapshot list.
3. Vic signs in: no Load data link; at /load-data, no upload. Ana's recorded Publish
   message, its date changed to 2006-09-30, is sent over Vic's own connection: nothing is
   published.
4. The audit log holds exactly Ana's publish (who, role, via, date, sha256 of the file).

Waits are on events: the provider's printed line, the server's, the app's script state,
page URLs, expected text, and the end of the forged run (a MutationObserver on the app's
script state). Screenshots at 1400 and 390 px go to test-artifacts/screenshots/signin/.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser.conftest import (
    SCREENSHOTS,
    WAIT_MS,
    serving_signed_in,
    signed_in_base,
)
from tests.browser.helpers import (
    METRIC,
    SIDEBAR,
    nav_link,
    screenshot,
    sign_in,
    wait_idle,
    widget,
)
from tests.sources import rows_with, xlsx_source

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "signin"
NEW, FORGED = "2006-06-30", "2006-09-30"
NOTE = "Q2 figures (browser test)"
# the end of a script run the test did not start from the page (the forged message)
COUNT_RUNS = """() => {
  window.__runsEnded = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "notRunning") window.__runsEnded++;
  }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


@pytest.fixture(scope="module")
def server(provider, tmp_path_factory):
    yield from serving_signed_in(provider, tmp_path_factory.mktemp("signin"))


class Relay:
    """Stands between a page and the Streamlit server: forwards every message both ways,
    keeps the page's own messages, and can send one of its own on the page's connection."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.server = None

    def __call__(self, ws) -> None:
        server = ws.connect_to_server()
        self.server = server

        def up(message) -> None:
            if isinstance(message, bytes):
                self.sent.append(message)
            server.send(message)

        ws.on_message(up)
        server.on_message(lambda message: ws.send(message))


def publish_click(messages: list[bytes]) -> BackMsg:
    """The page's Publish click: the rerun whose widget states hold its trigger."""
    for raw in reversed(messages):
        msg = BackMsg.FromString(raw)
        if msg.WhichOneof("type") != "rerun_script":
            continue
        for w in msg.rerun_script.widget_states.widgets:
            if (w.id.endswith("-load_publish") and w.WhichOneof("value") == "trigger_value"
                    and w.trigger_value):
                return msg
    raise AssertionError("the page sent no Publish click")


def with_date(msg: BackMsg, old: str, new: str) -> bytes:
    forged = BackMsg()
    forged.CopyFrom(msg)
    changed = 0
    for w in forged.rerun_script.widget_states.widgets:
        if w.id.endswith("-load_as_of"):
            values = w.string_array_value.data
            for i, v in enumerate(values):
                values[i] = v.replace(old.replace("-", "/"), new.replace("-", "/")).replace(
                    old, new)
                changed += values[i] != v
    assert changed, "the Publish click carried no as-of date"
    return forged.SerializeToString()


def shots(page, name: str) -> None:
    """The page at 1400 px, then at 390 px (a phone), then back."""
    screenshot(page, SHOTS / f"{name}-1400.png")
    page.set_viewport_size({"width": 390, "height": 844})
    wait_idle(page)
    screenshot(page, SHOTS / f"{name}-390.png")
    page.set_viewport_size({"width": 1400, "height": 1000})
    wait_idle(page)


def new_page(browser, relay: Relay):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route_web_socket(re.compile(r"/_stcore/stream"), relay)
    return context, page, errors


def audit_records(server) -> list[dict]:
    path = server.data_dir / "audit" / "publishes.jsonl"
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


def test_sign_in_upload_publish_and_a_refused_forgery(browser, provider, server, tmp_path):
    base = signed_in_base(server)
    bad = xlsx_source(tmp_path / "q2-bad.xlsx", rows_with("costs", 1, "amount_usd", "12k"))
    good = xlsx_source(tmp_path / "q2.xlsx", rows_with("costs", 0, "amount_usd", 130.0))
    ana_relay, vic_relay = Relay(), Relay()
    ana_ctx, ana, ana_errors = new_page(browser, ana_relay)
    vic_ctx, vic, vic_errors = new_page(browser, vic_relay)
    try:
        # 1. anonymous, sign-in required: any address shows only the sign-in
        ana.goto(f"{base}/funding", wait_until="domcontentloaded")
        wait_idle(ana)
        expect(ana.locator("h1")).to_have_text("Sign in")
        expect(ana.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]')).to_have_count(0)
        expect(ana.locator(METRIC)).to_have_count(0)
        expect(ana.locator('[data-testid="stPlotlyChart"]')).to_have_count(0)
        expect(ana.get_by_text("Page not found")).to_have_count(0)
        shots(ana, "sign-in")

        # 2. the analyst: sign in, a bad upload, the fixed one, publish
        sign_in(ana, provider, base, "ana")
        expect(ana.locator(SIDEBAR)).to_contain_text("Signed in as Ana Analyst · analyst")
        expect(nav_link(ana, "load-data")).to_have_count(1)
        upload = widget(ana, "load_file_0").locator('input[type="file"]')
        upload.set_input_files(str(bad))
        expect(ana.get_by_text("1 problem. Nothing was published")).to_be_visible()
        row = ana.locator('[data-testid="stTable"] tbody tr')
        expect(row).to_have_count(1)
        cells = [c.strip() for c in row.locator("td, th").all_inner_texts()]
        assert cells[:3] == ["costs", "3", "amount_usd"] and cells[-1] == "'12k'", cells
        shots(ana, "report")
        upload.set_input_files(str(good))
        expect(ana.get_by_text("q2.xlsx: every rule passes.")).to_be_visible()
        expect(ana.locator('[data-testid="stTable"]').filter(has_text="total cost")).to_contain_text(
            "$285.00")
        expect(ana.get_by_text("cost estimate up 17% (+$30) since 2006-01-01")).to_be_visible()
        date = widget(ana, "load_as_of").locator("input")
        date.fill(NEW)
        date.press("Enter")
        wait_idle(ana)
        note = widget(ana, "load_note").locator("input")
        note.fill(NOTE)
        note.press("Enter")
        wait_idle(ana)
        shots(ana, "preview")
        button = widget(ana, "load_publish").locator("button")
        expect(button).to_be_enabled()
        button.click()
        expect(ana.get_by_text(f"Published the snapshot of {NEW}")).to_be_visible()
        wait_idle(ana)
        shots(ana, "published")
        expect(widget(ana, "snapshot")).to_match_aria_snapshot(  # the new snapshot, served
            f'- combobox "Snapshot (as of)": "{NEW}"')
        click = publish_click(ana_relay.sent)

        # 3. the viewer: no Load data; a forged Publish on its own connection is refused
        vic.goto(base, wait_until="domcontentloaded")
        wait_idle(vic)
        sign_in(vic, provider, base, "vic")
        expect(vic.locator(SIDEBAR)).to_contain_text("Signed in as Vic Viewer · viewer")
        expect(nav_link(vic, "load-data")).to_have_count(0)  # not listed for a viewer
        expect(nav_link(vic, "funding")).to_have_count(1)  # (the dashboard's pages are)
        expect(vic.get_by_text("needs the analyst role")).to_be_visible()
        expect(vic.locator('[data-testid="stFileUploader"]')).to_have_count(0)
        shots(vic, "viewer-load-data")
        vic.evaluate(COUNT_RUNS)
        vic_relay.server.send(with_date(click, NEW, FORGED))
        vic.wait_for_function("() => window.__runsEnded >= 1", timeout=WAIT_MS)
        wait_idle(vic)
        expect(vic.get_by_text("Published the snapshot")).to_have_count(0)
        assert not (server.data_dir / "snapshots" / FORGED).exists()

        # 4. the audit log holds exactly the publish made
        (rec,) = audit_records(server)
        assert (rec["who"], rec["name"], rec["role"], rec["via"], rec["as_of"], rec["action"],
                rec["source_note"]) == ("ana@example.org", "Ana Analyst", "analyst", "browser",
                                        NEW, "new", NOTE)
        assert rec["source_files"] == [{"name": "q2.xlsx", "bytes": good.stat().st_size,
                                        "sha256": hashlib.sha256(good.read_bytes()).hexdigest()}]
        manifest = json.loads((server.data_dir / "snapshots" / NEW / "manifest.json").read_text())
        assert manifest["published_by"]["who"] == "ana@example.org"
        assert sorted(p.name for p in (server.data_dir / "snapshots").iterdir()) == [
            "2006-01-01", NEW]
    finally:
        ana_ctx.close()
        vic_ctx.close()
    assert not ana_errors and not vic_errors, (ana_errors, vic_errors)
