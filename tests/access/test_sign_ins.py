"""Sign-ins that stay true (dashboard/access/sign_ins.py, dashboard/ui/signin.py), in AppTest: the
role asked of the provider again at Publish and at replace, Sign out recorded on the
server so the same identity no longer counts, the maximum age of a sign-in; and the rules
themselves. The provider's userinfo answers are the table of tests/ui/test_load_data.py
(`provider` fixture); the real provider is asked in tests/browser/test_guard.py.

Ages worked out by hand: the default maximum is 12 hours = 43,200 s; a sign-in 13 hours
old (46,800 s) is over; with sign_in_max_hours = 24 (86,400 s) it still counts.
"""

# ruff: noqa: F811 - the fixtures imported from tests/ui/test_load_data.py
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from dashboard.access import auth, sign_ins
from tests.apptest import no_exception
from tests.load_page import (
    ADMIN,
    ANALYST,
    LOAD,
    NEW_DATE,
    SECRETS,
    app_as,
    audit_lines,
    book,
    load_page,
    published,
    upload,
)


def publish(at, date=NEW_DATE, confirm: bool = False):
    at.date_input(key="load_as_of").set_value(date).run()
    if confirm:
        at.checkbox(key="load_confirm_replace").check().run()
    at.button(key="load_publish").click().run()
    no_exception(at)
    return at


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_a_role_the_provider_took_away_refuses_the_publish(data_dir, provider, tmp_path):
    at = upload(load_page(ANALYST), "q2.xlsx", book(tmp_path, "q2.xlsx"))
    provider["token-ana"]["groups"] = ["staff"]  # the provider maps her to staff now
    publish(at)
    assert "no longer gives you the analyst role (it now gives viewer)" in errors(at)
    assert published(data_dir) == ["2006-01-01"]
    assert audit_lines(data_dir) == []


def test_a_token_the_provider_revoked_refuses_the_publish(data_dir, provider, tmp_path):
    at = upload(load_page(ANALYST), "q2.xlsx", book(tmp_path, "q2.xlsx"))
    del provider["token-ana"]
    publish(at)
    assert "no longer accepts this sign-in" in errors(at)
    assert published(data_dir) == ["2006-01-01"]


def test_an_admin_the_provider_made_an_analyst_cannot_replace(data_dir, provider, tmp_path):
    at = upload(load_page(ADMIN), "fix.xlsx", book(tmp_path, "fix.xlsx"))
    provider["token-adm"]["groups"] = ["ict-analysts"]
    publish(at, date=dt.date(2006, 1, 1), confirm=True)
    assert "no longer gives you the admin role (it now gives analyst)" in errors(at)
    assert audit_lines(data_dir) == []


def test_the_role_the_provider_gives_now_is_the_one_recorded(data_dir, provider, tmp_path):
    provider["token-ana"]["groups"] = ["ict-admins"]  # promoted since she signed in
    at = upload(load_page(ANALYST), "q2.xlsx", book(tmp_path, "q2.xlsx"))
    publish(at)
    assert any("Published the snapshot of 2006-06-30" in s.value for s in at.success)
    (rec,) = audit_lines(data_dir)
    assert (rec["who"], rec["role"]) == ("ana@example.org", "admin")


def test_without_the_access_token_the_publish_is_refused_saying_what_to_set(
        data_dir, tmp_path):
    user = {k: v for k, v in ANALYST.items() if k != "tokens"}
    at = upload(load_page(user), "q2.xlsx", book(tmp_path, "q2.xlsx"))
    publish(at)
    assert 'expose_tokens must include "access"' in errors(at)
    assert published(data_dir) == ["2006-01-01"]


def test_sign_out_ends_the_sign_in_on_the_server(data_dir):
    at = app_as(ANALYST)
    at.run()
    at.sidebar.button(key="sign_out_sidebar").click().run()
    assert [p.name for p in (data_dir / sign_ins.SIGN_OUTS).iterdir()] == [
        sign_ins.sign_in_id(ANALYST)]
    # the same identity cookie, replayed in a new session: not signed in
    again = app_as(ANALYST)
    again.run()
    no_exception(again)
    said = " ".join(c.value for c in again.sidebar.caption)
    assert "this sign-in was signed out" in said and "Signed in as" not in said
    again.switch_page(LOAD).run()
    assert not again.file_uploader
    # another sign-in of the same user (a new ID token) counts
    fresh = app_as({**ANALYST, "nonce": "a-new-sign-in"})
    fresh.run()
    assert "Signed in as Ana Analyst · analyst" in " ".join(
        c.value for c in fresh.sidebar.caption)


def test_a_sign_in_older_than_the_maximum_age_no_longer_counts(data_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    old = {**ANALYST, "iat": int(time.time()) - 13 * 3600}
    at = app_as(old)
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Sign in"]
    assert any("older than 12 hours" in i.value for i in at.info)
    assert not at.metric
    secrets = json.loads(json.dumps(SECRETS))
    secrets["roles"]["sign_in_max_hours"] = 24
    longer = app_as(old, secrets=secrets)
    longer.run()
    assert longer.metric  # 13 hours is within 24


def test_a_sign_in_without_an_issue_time_does_not_count(data_dir):
    at = app_as({k: v for k, v in ANALYST.items() if k != "iat"})
    at.run()
    assert "carries no issue time" in " ".join(c.value for c in at.sidebar.caption)


def test_the_sign_in_rules():
    claims = {"iss": "https://idp", "sub": "ana", "iat": 1_000_000, "nonce": "n1"}
    assert sign_ins.sign_in_id(claims) == sign_ins.sign_in_id(dict(claims))
    assert sign_ins.sign_in_id(claims) != sign_ins.sign_in_id({**claims, "nonce": "n2"})
    assert sign_ins.sign_in_id(claims) != sign_ins.sign_in_id({**claims, "sub": "bob"})
    assert sign_ins.sign_in_id({**claims, "iat": "1000000"}) is None  # not a number
    assert sign_ins.sign_in_id({**claims, "iat": True}) is None


def test_ages_and_the_future(tmp_path):
    claims = {"sub": "ana", "iat": 1_000_000, "nonce": "n"}
    at = 1_000_000.0
    assert sign_ins.stale_reason(claims, tmp_path, 12, now=at + 43_200) is None
    assert "older than 12 hours" in sign_ins.stale_reason(claims, tmp_path, 12,
                                                          now=at + 43_201)
    assert sign_ins.stale_reason(claims, tmp_path, 12, now=at - 300) is None  # clock skew
    assert "in the future" in sign_ins.stale_reason(claims, tmp_path, 12, now=at - 301)


@pytest.mark.parametrize("hours", [0, -1, 721, "12", True, float("nan")])
def test_a_wrong_maximum_age_is_refused_at_start(hours):
    with pytest.raises(auth.RolesConfigError, match="sign_in_max_hours"):
        auth.RoleSettings.from_mapping({"sign_in_max_hours": hours})


def test_the_maximum_age_setting():
    assert auth.RoleSettings.from_mapping(None).sign_in_max_hours == 12
    assert auth.RoleSettings.from_mapping({"sign_in_max_hours": 0.5}).sign_in_max_hours == 0.5


def test_without_the_recheck_the_sign_ins_role_holds(data_dir, provider, tmp_path):
    """recheck_at_publish = false (a provider whose userinfo has no role claim): the role
    of the sign-in publishes, the provider is not asked."""
    secrets = json.loads(json.dumps(SECRETS))
    secrets["roles"]["recheck_at_publish"] = False
    provider.clear()  # asked, it would refuse every token
    at = app_as(ANALYST, secrets=secrets)
    at.run()
    at.switch_page(LOAD).run()
    upload(at, "q2.xlsx", book(tmp_path, "q2.xlsx"))
    publish(at)
    assert any("Published the snapshot of 2006-06-30" in s.value for s in at.success)


@pytest.mark.parametrize("value", ["no", 0, "false"])
def test_a_wrong_recheck_setting_is_refused(value):
    with pytest.raises(auth.RolesConfigError, match="recheck_at_publish"):
        auth.RoleSettings.from_mapping({"recheck_at_publish": value})


def test_a_sign_out_on_object_storage_reaches_the_other_servers(tmp_path, monkeypatch):
    """Servers behind the balancer share an s3:// data directory: a sign-out recorded by one
    is seen by another (nothing in its memory) at its next listing of sign-outs/."""
    from dashboard.store import storage
    from tests import s3_support

    claims = {"iss": "https://idp", "sub": "ana", "iat": time.time(), "nonce": "s3"}
    sid = sign_ins.sign_in_id(claims)
    with s3_support.moto_server() as endpoint:
        s3_support.set_env(monkeypatch, s3_support.s3_env(endpoint, tmp_path / "cache"))
        monkeypatch.setenv("ICT_DASHBOARD_RESCAN_SECONDS", "0")  # list at every check
        s3_support.make_bucket("ict-sign-outs")
        loc = storage.location("s3://ict-sign-outs/prod")
        try:
            assert not sign_ins.is_revoked(loc, sid)
            assert sign_ins.revoke(loc, claims) == sid
            assert sign_ins.revoke(loc, claims) == sid  # twice: one record, no error
            sign_ins._revoked_here.clear()  # another server: only the store knows
            assert sign_ins.is_revoked(loc, sid)
            assert sign_ins.stale_reason(claims, loc, 12) == "this sign-in was signed out"
            assert list(storage.store(loc).list(sign_ins.SIGN_OUTS)) == [f"sign-outs/{sid}"]
        finally:
            s3_support.forget_process_state()
            sign_ins._remote_listing.clear()


def test_a_sign_out_the_data_directory_cannot_record_still_signs_out_here(tmp_path, caplog):
    (tmp_path / sign_ins.SIGN_OUTS).write_text("a file where the folder goes")  # unwritable
    claims = {"sub": "ana", "iat": time.time(), "nonce": "ro"}
    sign_ins.revoke_or_log(tmp_path, claims)  # no exception: Sign out goes on
    assert sign_ins.stale_reason(claims, tmp_path, 12) == "this sign-in was signed out"
    assert "could not be written" in caplog.text
