"""The Load data page in AppTest, shared by its tests and the sign-in tests: users as the provider signs them in, the provider's answers, a data directory, an upload, what the page shows."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import pages as registry
from dashboard.access import sign_ins
from dashboard.store import catalog
from tests import fixture_data
from tests.apptest import APP, no_exception
from tests.sources import xlsx_source

# What the provider's userinfo endpoint answers for each access token (the re-check at
# Publish, dashboard/access/sign_ins.py); a test changes it to take a role away. The provider
# itself is tested in tests/browser/test_guard.py.
PROVIDER: dict[str, dict] = {}


LOAD = registry.LOAD_DATA.app_test_path


SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback",
             "cookie_secret": "a-test-secret-of-no-value-anywhere-0123456789",
             "client_id": "dashboard", "client_secret": "test",
             "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"},
    "roles": {"claim": "groups", "map": {"ict-analysts": "analyst", "ict-admins": "admin"}},
}


SIGNED_IN_AT = int(time.time())  # a current sign-in (dashboard/access/sign_ins.py: 12 hours)


def signed_in(**claims) -> dict:
    """st.user of a sign-in made now, with its access token exposed ([auth] expose_tokens)."""
    return {"is_logged_in": True, "iat": SIGNED_IN_AT, "nonce": f"n-{claims['sub']}",
            "tokens": {"access": f"token-{claims['sub']}"}, **claims}


ANALYST = signed_in(email="ana@example.org", name="Ana Analyst", sub="ana",
                    groups=["staff", "ict-analysts"])


VIEWER = signed_in(email="vic@example.org", name="Vic Viewer", sub="vic", groups=["staff"])


ADMIN = signed_in(email="adm@example.org", name="Ada Admin", sub="adm", groups=["ict-admins"])


@pytest.fixture(autouse=True)
def provider(monkeypatch):
    return provider_answers(monkeypatch)


def provider_answers(monkeypatch) -> dict[str, dict]:
    """The provider's userinfo answers from PROVIDER (the users' own claims at first)."""
    PROVIDER.clear()
    PROVIDER.update({u["tokens"]["access"]: {k: v for k, v in u.items() if k != "tokens"}
                     for u in (ANALYST, VIEWER, ADMIN)})

    def claims(url: str, token: str) -> dict:
        assert url == SECRETS["auth"]["server_metadata_url"]
        if token not in PROVIDER:
            raise sign_ins.RecheckFailed("the sign-in provider no longer accepts this sign-in")
        return dict(PROVIDER[token])

    monkeypatch.setattr(sign_ins, "provider_claims", claims)
    return PROVIDER


NEW_DATE = dt.date(2006, 6, 30)


def book(tmp_path, name: str, rows=None) -> bytes:
    return xlsx_source(tmp_path / name, rows).read_bytes()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    fixture_data.build(d)
    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(d))
    monkeypatch.delenv("ICT_DASHBOARD_REQUIRE_LOGIN", raising=False)
    monkeypatch.delenv("ICT_DASHBOARD_MAX_UPLOAD_MB", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    return d


def app_as(user: dict | None, secrets: dict | None = SECRETS) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets:
        at.secrets = json.loads(json.dumps(secrets))
    at.user = dict(user) if user else {"is_logged_in": False}
    return at


def load_page(user: dict | None) -> AppTest:
    at = app_as(user)
    at.run()
    at.switch_page(LOAD).run()
    no_exception(at)
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    no_exception(at)
    return at


TABLE_COLUMNS = {  # the page's static tables, each known by a column of its own
    "load_report": "Rule", "load_warnings": "Rule", "load_rows": "Rows", "load_totals": "Figure"}


def frames(at: AppTest, key: str) -> list:
    return [t.value for t in at.table if TABLE_COLUMNS[key] in t.value.columns]


def frame(at: AppTest, key: str):
    found = frames(at, key)
    return found[1] if key == "load_warnings" else found[0]  # warnings follow the report


def audit_lines(data_dir) -> list[dict]:
    path = data_dir / "audit" / "publishes.jsonl"
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


def published(data_dir) -> list[str]:
    return [s.as_of for s in catalog.scan(data_dir).snapshots]


