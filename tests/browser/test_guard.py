"""The web server's guard (dashboard/access/guard.py) on a real server: `streamlit run
dashboard/server.py` on 127.0.0.1 with sign-in required (ICT_DASHBOARD_REQUIRE_LOGIN=1) and
server.maxUploadSize = 1 (MiB), against the test OpenID Connect provider
(tests/oidc_provider.py: "ana", groups ict-analysts -> analyst; "vic", groups staff ->
viewer). Sign-in goes through the real flow over HTTP (/auth/login, the provider's
authorize form, /oauth2callback); sessions are real websockets speaking Streamlit's
protocol; uploads are the PUTs the browser's uploader sends.

Caps worked out by hand: the per-session byte cap is 2 x (1 MiB + 64 KiB) = 2 x (1,048,576
+ 65,536) = 2,228,224 bytes of request bodies; the count cap 3 files.
- two bodies of 1,000,000 bytes of file (+ framing, about 200 bytes each) = ~2,000,400:
  both under the cap; a third of 300,000 (~300,200) would make ~2,300,600 > 2,228,224:
  refused; one of 100 bytes (~2,000,700 in all) passes: three files; a fourth of 100
  bytes is the fourth file: refused.
"""

from __future__ import annotations

import json
import re
import socket
import time

import httpx
import pytest
from streamlit import auth_util
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.web.server.starlette import starlette_app_utils
from websockets.sync.client import connect

from dashboard.access import auth, sign_ins
from tests import fixture_data
from tests.browser.conftest import WAIT_MS, serving, write_secrets

pytestmark = pytest.mark.slow

COOKIE_SECRET = "guard-test-cookie-secret-not-used-anywhere-else-0123456789"
WAIT_S = WAIT_MS / 1000
XSRF = "_streamlit_xsrf"
USER = "_streamlit_user"
TOKENS = "_streamlit_user_tokens"


@pytest.fixture(scope="module")
def server(provider, tmp_path_factory):
    root = tmp_path_factory.mktemp("guard")
    data = root / "data"
    fixture_data.build(data)
    secrets = write_secrets(root / "secrets.toml", provider, COOKIE_SECRET, "guard-test")
    yield from serving(data, "streamlit-guard.log", " with the guard",
                       env={"ICT_DASHBOARD_REQUIRE_LOGIN": "1"},
                       args=("--secrets.files", str(secrets), "--server.maxUploadSize", "1"))


def base_of(server) -> str:
    return server.base_url.replace("127.0.0.1", "localhost")  # the redirect URI's host


def sign_in(base: str, sub: str, monkeypatch) -> dict[str, str]:
    """The cookies of a real sign-in of `sub`: /auth/login (with the token st.login makes),
    the provider's authorize form, the callback."""
    monkeypatch.setattr(auth_util, "get_signing_secret", lambda: COOKIE_SECRET)
    with httpx.Client(follow_redirects=False, timeout=WAIT_S) as c:
        r = c.get(f"{base}/auth/login",
                  params={"provider": auth_util.encode_provider_token("default")})
        assert r.status_code in (302, 307), r.text
        authorize = r.headers["location"]
        assert c.get(authorize).status_code == 200
        r = c.post(authorize, data={"sub": sub})
        assert r.status_code in (302, 303), r.text
        r = c.get(r.headers["location"])  # /oauth2callback
        assert r.status_code in (302, 307), r.text
        cookies = {k: v for k, v in c.cookies.items() if k.startswith(USER)}
    assert USER in cookies and TOKENS in cookies
    return cookies


def xsrf_cookie(base: str) -> str:
    r = httpx.get(f"{base}/_stcore/health", timeout=WAIT_S)
    return r.cookies[XSRF]


class Session:
    """One Streamlit session: a websocket as the browser opens it, the script run started."""

    def __init__(self, base: str, cookies: dict[str, str], page: str = "") -> None:
        self.base = base
        self.xsrf = xsrf_cookie(base)
        self.cookies = {**cookies, XSRF: self.xsrf}
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = connect(base.replace("http://", "ws://") + "/_stcore/stream",
                          subprotocols=["streamlit", self.xsrf], origin=base,
                          additional_headers={"Cookie": header}, open_timeout=WAIT_S,
                          legacy=True)
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = page
        self.ws.send(msg.SerializeToString())
        self.raw: list[bytes] = []
        self.id = ""
        while not self.id:  # the run's first message names the session
            self.raw.append(self.ws.recv(timeout=WAIT_S))
            fwd = ForwardMsg.FromString(self.raw[-1])
            if fwd.WhichOneof("type") == "new_session":
                self.id = fwd.new_session.initialize.session_id

    def read_until(self, pattern: bytes) -> bytes:
        """Read the session's messages until one holds `pattern`; returns the match."""
        for raw in self.raw:
            if m := re.search(pattern, raw):
                return m.group(0)
        while True:
            self.raw.append(self.ws.recv(timeout=WAIT_S))
            if m := re.search(pattern, self.raw[-1]):
                return m.group(0)

    def read_run(self) -> bytes:
        """Every message of the script run, until the run finishes."""
        while not any(ForwardMsg.FromString(raw).WhichOneof("type") == "script_finished"
                      for raw in self.raw[-1:]):
            self.raw.append(self.ws.recv(timeout=WAIT_S))
        return b"".join(self.raw)

    def put(self, file_id: str, size: int, with_cookies: bool = True) -> httpx.Response:
        cookies = self.cookies if with_cookies else {XSRF: self.xsrf}
        return httpx.put(f"{self.base}/_stcore/upload_file/{self.id}/{file_id}",
                         files={"file": (f"{file_id}.xlsx", b"x" * size)},
                         headers={"X-Xsrftoken": self.xsrf}, cookies=cookies,
                         timeout=WAIT_S)

    def put_headers_only(self, length: int) -> bytes:
        """A PUT that announces `length` bytes of body and sends none: the status line the
        server answers with (it would wait for the body if it read it first)."""
        host, port = self.base.removeprefix("http://").split(":")
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = (f"PUT /_stcore/upload_file/{self.id}/h1 HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Cookie: {cookie}\r\nX-Xsrftoken: {self.xsrf}\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {length}\r\n\r\n")
        with socket.create_connection(("127.0.0.1", int(port)), timeout=WAIT_S) as sock:
            sock.sendall(head.encode("latin-1"))
            return sock.recv(200)

    def close(self) -> None:
        self.ws.close()


def upload_bytes_held(base: str, cookies: dict[str, str]) -> int:
    """The bytes Streamlit's upload manager holds (its own metric; read once: Streamlit
    keeps this figure 5 s)."""
    text = httpx.get(f"{base}/_stcore/metrics", params={"families": "cache_memory_bytes"},
                     cookies=cookies, timeout=WAIT_S).text
    m = re.search(r'cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(m.group(1)) if m else 0


def disconnects(base: str, cookies: dict[str, str]) -> int:
    text = httpx.get(f"{base}/_stcore/metrics", params={"families": "session_events"},
                     cookies=cookies, timeout=WAIT_S).text
    return int(re.search(r'session_events_total\{type="disconnect"\} (\d+)', text).group(1))


def test_uploads_only_from_analyst_sessions_capped_and_released(server, monkeypatch):
    base = base_of(server)
    ana, vic = sign_in(base, "ana", monkeypatch), sign_in(base, "vic", monkeypatch)
    anonymous, viewer, analyst = Session(base, {}), Session(base, vic), Session(base, ana)
    try:
        # refused before the body is read: anonymous 401, a viewer 403
        r = anonymous.put("a1", 1000)
        assert r.status_code == 401 and "sign in first" in r.text, r.text
        # ... before any of the body: 1,000,000 bytes announced, none sent, the answer comes
        assert anonymous.put_headers_only(1_000_000).startswith(b"HTTP/1.1 401")
        r = viewer.put("v1", 1000)
        assert (r.status_code, "this session's role is viewer" in r.text) == (403, True), r.text
        # a viewer's session with an analyst's cookies on the PUT: still the session's role
        r = httpx.put(f"{base}/_stcore/upload_file/{viewer.id}/v2",
                      files={"file": ("v2.xlsx", b"x")}, cookies={**ana, XSRF: viewer.xsrf},
                      headers={"X-Xsrftoken": viewer.xsrf}, timeout=WAIT_S)
        assert r.status_code == 403, r.text
        # the analyst: accepted, up to the byte cap and the count cap
        assert analyst.put("f1", 1_000_000).status_code == 204
        assert analyst.put("f2", 1_000_000).status_code == 204
        r = analyst.put("f3", 300_000)
        assert r.status_code == 429 and "2,228,224 bytes" in r.text, r.text
        assert analyst.put("f3", 100).status_code == 204
        r = analyst.put("f4", 100)
        assert r.status_code == 429 and "already holds 3 uploaded files" in r.text, r.text
        # the session's identity decides, not the PUT's cookies (the browser sends them)
        assert analyst.put("f4", 100, with_cookies=False).status_code == 429
        # the analyst's session ends: its files go at once, not 120 s later
        before = disconnects(base, ana)
        analyst.close()
        while disconnects(base, ana) == before:  # the server has seen the close
            pass
        # held now: nothing (the anonymous and viewer sessions still live: their refused
        # uploads were never stored)
        assert upload_bytes_held(base, ana) == 0
    finally:
        for s in (anonymous, viewer, analyst):
            s.close()


def test_downloads_and_metrics_need_a_sign_in(server, monkeypatch):
    base = base_of(server)
    ana = sign_in(base, "ana", monkeypatch)
    session = Session(base, ana, page="load-data")
    try:
        media = session.read_until(rb"/media/[0-9a-f]+\.xlsx").decode()  # the template
        assert httpx.get(f"{base}{media}", cookies=ana, timeout=WAIT_S).status_code == 200
        r = httpx.get(f"{base}{media}", timeout=WAIT_S)  # no cookies: refused
        assert r.status_code == 401 and "sign in first" in r.text
    finally:
        session.close()
    assert httpx.get(f"{base}/_stcore/metrics", timeout=WAIT_S).status_code == 404
    assert httpx.get(f"{base}/_stcore/metrics", cookies=ana, timeout=WAIT_S).status_code == 200
    # the health check stays open (the balancer's)
    assert httpx.get(f"{base}/_stcore/health", timeout=WAIT_S).status_code == 200


def test_a_signed_out_cookie_and_an_old_one_no_longer_sign_in(server, monkeypatch):
    base = base_of(server)
    ana = sign_in(base, "ana", monkeypatch)
    # Sign out (the address st.logout sends the browser to) with these cookies
    r = httpx.get(f"{base}/auth/logout", cookies=ana, timeout=WAIT_S, follow_redirects=False)
    assert r.status_code in (302, 307)
    # a copy of the cookies, replayed: the session is anonymous; no upload, no metrics
    replay = Session(base, ana)
    try:
        # the page: the sign-in page, saying why
        replay.read_until(rb"Your earlier sign-in no longer counts: this sign-in was signed out")
        r = replay.put("r1", 100)
        assert r.status_code == 401, r.text
    finally:
        replay.close()
    assert httpx.get(f"{base}/_stcore/metrics", cookies=ana, timeout=WAIT_S).status_code == 404
    assert list((server.data_dir / sign_ins.SIGN_OUTS).iterdir())  # shared with other servers
    # a validly signed identity from 13 hours ago (the maximum age is 12): refused
    claims = json.loads(starlette_app_utils.decode_signed_value(
        COOKIE_SECRET, USER, sign_in(base, "ana", monkeypatch)[USER].encode("latin-1")))
    claims["iat"] = int(time.time()) - 13 * 3600
    claims["nonce"] = "an-older-sign-in"
    old = {USER: starlette_app_utils.create_signed_value(
        COOKIE_SECRET, USER, json.dumps(claims)).decode()}
    assert httpx.get(f"{base}/_stcore/metrics", cookies=old, timeout=WAIT_S).status_code == 404
    stale = Session(base, old)
    try:
        stale.read_until(rb"the sign-in is older than 12 hours")
        assert stale.put("o1", 100).status_code == 401
    finally:
        stale.close()


def test_the_role_is_asked_of_the_provider_again(server, provider, monkeypatch):
    base = base_of(server)
    cookies = sign_in(base, "ana", monkeypatch)
    claims = json.loads(starlette_app_utils.decode_signed_value(
        COOKIE_SECRET, USER, cookies[USER].encode("latin-1")))
    token = json.loads(starlette_app_utils.decode_signed_value(
        COOKIE_SECRET, TOKENS, cookies[TOKENS].encode("latin-1")))["access_token"]
    settings = auth.RoleSettings.from_mapping({"claim": "groups",
                                               "map": {"ict-analysts": "analyst"}})
    meta = f"{provider}/.well-known/openid-configuration"
    assert sign_ins.recheck_role(claims, token, settings, meta) == "analyst"
    # the provider maps her to staff now: viewer
    r = httpx.put(f"{provider}/users/ana", json={"email": "ana@example.org",
                                                 "groups": ["staff"]}, timeout=WAIT_S)
    assert r.status_code == 204
    assert sign_ins.recheck_role(claims, token, settings, meta) == "viewer"
    # her tokens revoked: the provider no longer accepts the sign-in
    assert httpx.post(f"{provider}/users/ana/revoke-tokens", timeout=WAIT_S).status_code == 204
    with pytest.raises(sign_ins.RecheckFailed, match="no longer accepts this sign-in"):
        sign_ins.recheck_role(claims, token, settings, meta)
    # as she was, for the other tests
    httpx.put(f"{provider}/users/ana", json={"email": "ana@example.org", "name": "Ana Analyst",
                                             "groups": ["ict-analysts"]}, timeout=WAIT_S)


def test_without_the_guard_a_server_with_sign_in_refuses_to_serve(provider, tmp_path):
    """`streamlit run dashboard/app.py` (no guard: anyone could upload) with [auth]
    configured: every page says to serve dashboard/server.py, and nothing else."""
    fixture_data.build(tmp_path / "data")
    secrets = write_secrets(tmp_path / "secrets.toml", provider, COOKIE_SECRET, "guard-test",
                            roles=False)
    for server in serving(tmp_path / "data", "streamlit-unguarded.log", " without the guard",
                          args=("--secrets.files", str(secrets)), script="app.py"):
        session = Session(base_of(server), {})
        try:
            run = session.read_run()
            assert b"this server runs without its guard" in run
            assert b"Sign in" not in run and b"Overview" not in run  # nothing else
        finally:
            session.close()
