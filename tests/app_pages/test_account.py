"""The Account page in AppTest (dashboard/app_pages/account.py): a signed-in user creates a
data-feed token (shown once), sees it listed, revokes it; both recorded in the audit
trail with the token's id, never the token. Anonymous visitors are told to sign in."""

from __future__ import annotations

import calendar
import json
import time
from zoneinfo import ZoneInfo

from dashboard import pages as registry
from dashboard.access import tokens
from dashboard.store import audit
from dashboard.ui import account
from tests.apptest import no_exception
from tests.load_page import VIEWER, app_as, data_dir, provider  # noqa: F401 - fixtures

ACCOUNT = registry.ACCOUNT.app_test_path


def _open(user):
    at = app_as(user)
    at.run()
    at.switch_page(ACCOUNT).run()
    no_exception(at)
    return at


def _texts(at) -> str:
    return " ".join(str(e.value) for e in (*at.markdown, *at.info, *at.success, *at.caption))


def test_a_viewer_creates_lists_and_revokes_a_token(data_dir):  # noqa: F811
    at = _open(VIEWER)
    assert "access: **Viewer**" in _texts(at)
    assert "You have no tokens yet." in _texts(at)
    assert at.selectbox(key="account_days").value == 90
    at.text_input(key="account_label").input("Finance workbook")
    at.selectbox(key="account_days").set_value(30)
    at.button(key="account_create_submit").click().run()
    no_exception(at)
    shown = [c.value for c in at.code if c.value.startswith("ictd_")]
    assert len(shown) == 1
    token = shown[0]
    rec = tokens.verify(data_dir, token)  # the token shown is the one stored
    assert (rec.label, rec.owner, rec.sub, rec.role) == (
        "Finance workbook", "vic@example.org", "vic", "viewer")
    assert rec.expires - rec.created == 30 * 86_400
    assert any('Headers=[Authorization="Bearer TOKEN"]' in c.value for c in at.code)
    table = at.dataframe[0].value

    def utc(t: float) -> str:  # AppTest's browser gives no time zone: UTC, said so
        return time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))

    assert table.to_dict("records") == [{
        "Label": "Finance workbook", "Status": "Active", "Expires": utc(rec.expires),
        "Last used": "Never", "Created": utc(rec.created), "Access": "Viewer",
        "Reference (not the secret)": rec.id}]
    assert "Times are in UTC" in _texts(at)
    # the message names the secret's box and never calls the reference the token
    said = _texts(at)
    assert f"Your new token is in the box below (reference {rec.id})" in said
    assert f"Token {rec.id} created" not in said
    at.button(key="account_token_copied").click().run()
    assert not [c for c in at.code if c.value.startswith("ictd_")]  # shown once
    # the revoke picker starts empty: Revoke alone revokes nothing, and says why
    assert at.selectbox(key="account_revoke_pick").value is None
    at.button(key="account_revoke_submit").click().run()
    no_exception(at)
    assert [w.value for w in at.warning] == [
        "Choose the token to revoke first: none was revoked."]
    assert at.dataframe[0].value["Status"].tolist() == ["Active"]
    assert tokens.verify(data_dir, token).revoked is None
    at.selectbox(key="account_revoke_pick").set_value(rec.id)
    at.button(key="account_revoke_submit").click().run()
    no_exception(at)
    assert at.dataframe[0].value["Status"].tolist() == ["Revoked"]
    log = (data_dir / audit.AUDIT_DIR / audit.LOG_NAME).read_text()
    assert token not in log and token.split("_", 2)[2] not in log
    events = [json.loads(line) for line in log.splitlines()]
    assert [(e["action"], e["token"], e["who"], e["role"]) for e in events] == [
        ("token created", rec.id, "vic@example.org", "viewer"),
        ("token revoked", rec.id, "vic@example.org", "viewer")]
    rows = audit.rows(audit.read(data_dir))
    assert rows[0]["action"] == f"token revoked {rec.id}"


def test_an_anonymous_visitor_is_asked_to_sign_in(data_dir):  # noqa: F811
    at = _open(None)
    assert "Sign in to create tokens" in _texts(at)
    assert not at.get("form")
    assert not (data_dir / "tokens").exists()


def test_a_wrong_life_setting_is_said_not_raised(data_dir, monkeypatch):  # noqa: F811
    monkeypatch.setenv(tokens.DAYS_ENV, "forever")
    at = _open(VIEWER)
    assert [e.value for e in at.error] == [
        "Tokens cannot be created on this server until its setting is fixed: "
        "ICT_DASHBOARD_TOKEN_DAYS='forever': write a whole number of days from 1 to 365."]
    assert not at.get("form") or "account_create_submit" not in [b.key for b in at.button]


def test_times_are_in_the_browser_s_time_zone_named():
    noon_utc = calendar.timegm((2026, 12, 3, 12, 0, 0))
    assert account.when(noon_utc) == "2026-12-03 12:00"
    assert account.when(noon_utc, ZoneInfo("Europe/Zurich")) == "2026-12-03 13:00"  # CET
    assert account.when(None) == ""
    assert account.times_note("Europe/Zurich") == (
        "Times are in your browser's time zone, Europe/Zurich.")
    assert "UTC" in account.times_note(None)


def test_the_sidebar_filters_are_not_on_the_account_page(data_dir):  # noqa: F811
    at = app_as(VIEWER)
    at.run()
    at.multiselect(key="agency").select("UNDP").run()
    assert "Filters" in [h.value for h in at.sidebar.header]
    at.switch_page(ACCOUNT).run()
    no_exception(at)
    assert "Filters" not in [h.value for h in at.sidebar.header]
    assert not [w for w in (*at.multiselect, *at.text_input, *at.button)
                if w.key in ("agency", "category", "rate_percent", "reset_filters")]
    # back on a page of figures, the filters are as they were
    at.switch_page(registry.BY_URL["overview"].app_test_path).run()
    no_exception(at)
    assert at.multiselect(key="agency").value == ["UNDP"]
