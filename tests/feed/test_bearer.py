"""Who reads the feed (dashboard/feed/bearer.py) over the fixture, through Starlette's
TestClient on the feed's own routes: tokens where sign-in is configured (401 with the
reason and WWW-Authenticate: Bearer), 429 per token, no route that writes."""

from __future__ import annotations

import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dashboard import config
from dashboard.access import tokens
from dashboard.feed import bearer, limits
from dashboard.feed import routes as feed

KPIS = "/api/v1/datasets/kpis.csv"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def data(tmp_path_factory, fixture_dir):
    """The fixture snapshot plus a tokens/ folder of this test's own (a copy)."""
    import shutil

    d = tmp_path_factory.mktemp("feed-tokens")
    shutil.copytree(fixture_dir, d, dirs_exist_ok=True)
    return d


@pytest.fixture
def client(data, monkeypatch):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data))
    monkeypatch.delenv("ICT_DASHBOARD_REQUIRE_LOGIN", raising=False)
    monkeypatch.setattr(feed, "buckets", limits.Buckets(burst=100_000))
    monkeypatch.setattr(bearer, "token_buckets", limits.Buckets(burst=100_000))
    monkeypatch.setattr(bearer, "signin_configured", lambda: True)
    with TestClient(Starlette(routes=feed.routes())) as c:
        yield c


def _token(data, role="viewer", days=90, now=None, sub="vic"):
    return tokens.create(data, label="test", owner=f"{sub}@un.org", sub=sub, iss="idp",
                         role=role, days=days, now=now)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_reads_the_csv_and_its_use_is_recorded(client, data):
    token, rec = _token(data)
    open_answer = client.get(KPIS)  # sign-in configured, not required: anonymous reads
    r = client.get(KPIS, headers=_auth(token))
    assert r.status_code == 200 and r.content == open_answer.content
    assert r.content.startswith("\ufeffmetric,value,label".encode())
    assert tokens.load(data, rec.id).last_used is not None


def test_sign_in_required_and_no_token_is_401(client, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    for path in ("/api/v1/datasets", KPIS, "/api/v1/datasets/nothing.csv"):
        r = client.get(path)
        assert r.status_code == 401, path
        assert "Authorization: Bearer TOKEN" in r.json()["error"]
        assert r.headers["www-authenticate"].startswith("Bearer ")
        assert "invalid_token" not in r.headers["www-authenticate"]


@pytest.mark.parametrize(("header", "needle"), [
    ("Basic dmljOnBhc3M=", "must be 'Bearer TOKEN'"),
    ("Bearer", "must be 'Bearer TOKEN'"),
    ("Bearer abc", "not a dashboard token"),
    ("Bearer ictd_0123456789abcdef_" + "A" * 43, "not known to this dashboard"),
])
def test_a_bad_authorization_is_401_saying_why(client, header, needle):
    r = client.get(KPIS, headers={"Authorization": header})
    assert r.status_code == 401
    assert needle in r.json()["error"] and r.json()["status"] == 401
    assert r.headers["www-authenticate"] == ('Bearer realm="ict-dashboard data feed", '
                                             'error="invalid_token"')


def test_expired_and_revoked_tokens_are_401(client, data):
    old, _ = _token(data, days=90, now=time.time() - 91 * 86_400)
    r = client.get(KPIS, headers=_auth(old))
    assert r.status_code == 401 and "expired on" in r.json()["error"]
    token, rec = _token(data)
    assert client.get(KPIS, headers=_auth(token)).status_code == 200
    tokens.revoke(data, rec.id, "vic", "idp", by="vic@un.org")
    r = client.get(KPIS, headers=_auth(token))
    assert r.status_code == 401 and f"({rec.id}) was revoked on" in r.json()["error"]


def test_without_sign_in_configured_the_feed_stays_open(client, monkeypatch):
    monkeypatch.setattr(bearer, "signin_configured", lambda: False)
    r = client.get(KPIS, headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 200  # no tokens exist there: the header is not read
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    r = client.get(KPIS)
    assert r.status_code == 401 and "not configured" in r.json()["error"]


def test_too_many_requests_with_one_token_is_429(client, data, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(bearer, "token_buckets", limits.Buckets(rate=0.1, burst=1, clock=clock))
    first, _ = _token(data)
    second, _ = _token(data)
    missing = "/api/v1/datasets/nothing.csv"  # past the checks, no data work: 404
    assert client.get(missing, headers=_auth(first)).status_code == 404
    r = client.get(missing, headers=_auth(first))
    assert r.status_code == 429 and r.headers["retry-after"] == "10"  # 1 token at 0.1/s
    assert "with this token" in r.json()["error"]
    assert client.get(missing, headers=_auth(second)).status_code == 404  # its own bucket
    clock.now += 10
    assert client.get(missing, headers=_auth(first)).status_code == 404


def test_no_feed_route_writes_whatever_the_token(client, data):
    token, _ = _token(data, role="admin", sub="ana")
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for path in ("/api/v1/datasets", KPIS):
            r = client.request(method, path, headers=_auth(token))
            assert r.status_code == 405, (method, path)


def test_a_damaged_token_record_is_500_naming_it(client, data):
    folder = data / "tokens"
    folder.mkdir(exist_ok=True)
    (folder / "0123456789abcdef.json").write_text("{not json")
    r = client.get(KPIS, headers=_auth("ictd_0123456789abcdef_" + "A" * 43))
    assert r.status_code == 500
    assert "tokens/0123456789abcdef.json" in r.json()["error"]
    assert (folder / "0123456789abcdef.json").read_text() == "{not json"
