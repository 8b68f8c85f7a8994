"""The guard in front of Streamlit's routes (an ASGI middleware of the st.App in
dashboard/server.py). It runs before Streamlit reads a request's body:

- Uploads (`PUT`/`DELETE /_stcore/upload_file/<session>/<file>`): only from a session whose
  identity, taken from the runtime (the identity Streamlit read from its signed cookie when
  the session's websocket opened), is a current sign-in with the analyst or admin role.
  Anonymous (or an ended sign-in): 401; another role, or sign-in not configured: 403. At
  most MAX_PENDING_FILES files, and MAX_PENDING_FULL_FILES largest files' worth of bytes,
  held for one session (those being received included): 429 beyond, before the body is
  read; a PUT without Content-Length: 411. A session's files are dropped as soon as its
  websocket closes (Streamlit would keep them for server.disconnectedSessionTTL, 120 s):
  after each websocket ends and before each request, the files of every session that is no
  longer connected are dropped.
- Sign out (`/auth/logout`): the sign-in of the request's identity cookie is recorded as
  ended (dashboard/access/sign_ins.py), so a copy of the cookie no longer signs anyone in.
  (A session opened with such a cookie runs, but the pages treat it as anonymous and say
  why: dashboard/ui/signin.py.)
- Downloads (`/media/...`) while sign-in is required (ICT_DASHBOARD_REQUIRE_LOGIN=1), and
  `/_stcore/metrics` always: only for a request carrying a current sign-in with a role;
  otherwise 401 (downloads) or 404 (metrics).

docs/security.md, rows 30 to 34.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from anyio import to_thread
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse

from dashboard import config
from dashboard.access import auth, sign_ins

MAX_PENDING_FILES = 3  # files one session may hold at once (the Load data page needs one)
MAX_PENDING_FULL_FILES = 2  # ... and bytes: two files of the largest size allowed
FRAMING_BYTES = 64 * 1024  # a multipart body's parts around the file
USER_COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie (and its chunks)


def max_pending_bytes() -> int:
    """The bytes one session may hold in pending uploads (counted by the requests'
    Content-Length): MAX_PENDING_FULL_FILES files of server.maxUploadSize (MiB, as
    Streamlit counts it), each with its framing."""
    from streamlit import config as st_config

    per_file = int(st_config.get_option("server.maxUploadSize")) * 1024 * 1024
    return MAX_PENDING_FULL_FILES * (per_file + FRAMING_BYTES)


class Refusal(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


# -- who is asking -------------------------------------------------------------------------
def _secrets() -> tuple[bool, auth.RoleSettings]:
    """Whether sign-in is configured, and the [roles] settings (wrong ones: refused)."""
    from streamlit.runtime.secrets import secrets_singleton

    if not secrets_singleton.load_if_toml_exists() or "auth" not in secrets_singleton:
        return False, auth.RoleSettings()
    section = secrets_singleton.get("roles")
    try:
        return True, auth.RoleSettings.from_mapping(
            section if isinstance(section, Mapping) else None)
    except auth.RolesConfigError as e:
        raise Refusal(503, f"the sign-in settings are wrong: {e}") from None


def cookie_claims(scope: Mapping[str, Any]) -> dict | None:
    """The claims of the request's signed identity cookie (None: none, or a bad signature)."""
    from streamlit.auth_util import get_cookie_with_chunks
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    cookies = HTTPConnection(scope).cookies
    if USER_COOKIE not in cookies:
        return None
    secret = get_cookie_secret()

    def one(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(secret, name,
                                                            raw.encode("latin-1"))

    raw = get_cookie_with_chunks(one, USER_COOKIE)
    try:
        claims = json.loads(raw) if raw else None
    except ValueError:
        return None
    return claims if isinstance(claims, dict) and claims.get("is_logged_in") else None


def session_claims(session_id: str) -> dict | None:
    """The identity of a live session, as the runtime holds it (None: no such session, or
    anonymous). Streamlit's runtime internals (pinned: streamlit==1.67.0 in requirements.txt;
    tests/browser/test_guard.py breaks if they change)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
    if info is None:
        return None
    session = info.session
    with session._user_info_lock:
        claims = {k: v for k, v in session._user_info.items() if k != "tokens"}
    return claims if claims.get("is_logged_in") else None


def role_of(claims: dict | None, settings: auth.RoleSettings) -> str | None:
    """The role of a current sign-in; Refusal(401) for none or one that ended."""
    if claims is None:
        raise Refusal(401, "sign in first")
    why = sign_ins.stale_reason(claims, config.data_dir(), settings.sign_in_max_hours)
    if why:
        raise Refusal(401, f"sign in again: {why}")
    return auth.role_from_claims(claims, settings)


def upload_role(session_id: str) -> str:
    configured, settings = _secrets()
    if not configured:
        raise Refusal(403, "uploads need a signed-in analyst, and sign-in is not configured "
                           "on this server")
    role = role_of(session_claims(session_id), settings)
    if not auth.at_least(role, auth.ANALYST):
        raise Refusal(403, f"uploads need the analyst or admin role; this session's role is "
                           f"{role or 'none'}")
    return role or ""


def signed_in_role(scope: Mapping[str, Any]) -> str:
    configured, settings = _secrets()
    if not configured:
        raise Refusal(401, "sign in first")
    role = role_of(cookie_claims(scope), settings)
    if role is None:
        raise Refusal(403, "this account has no role for this dashboard")
    return role


def release_orphan_uploads() -> None:
    """Drop the pending uploads of every session that is no longer connected."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    runtime = Runtime.instance()
    mgr = runtime.uploaded_file_mgr
    for session_id in list(getattr(mgr, "file_storage", {})):
        if not runtime.is_active_session(session_id):
            mgr.remove_session_files(session_id)


def pending(session_id: str) -> tuple[int, int]:
    """The files one session holds in Streamlit's upload manager, and their bytes."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0, 0
    store = getattr(Runtime.instance().uploaded_file_mgr, "file_storage", {})
    files = dict(store.get(session_id) or {})
    return len(files), sum(len(f.data) for f in files.values())


# -- the middleware ------------------------------------------------------------------------
_installed = False  # a Guard stands in front of this process's Streamlit routes


def guarding() -> bool:
    """Whether this process's server has the guard: True under `streamlit run
    dashboard/server.py`, and in AppTest (no web server); False under `streamlit run
    dashboard/app.py`, where the pages refuse to serve with sign-in configured."""
    from streamlit import config as st_config

    return _installed or st_config._server_mode is None


class Guard:
    def __init__(self, app) -> None:
        global _installed
        _installed = True
        self.app = app
        self._receiving: dict[str, list[int]] = {}  # session -> [files, bytes] in flight

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = _route(scope["path"])
        release_orphan_uploads()
        try:
            if scope["type"] == "websocket":
                await self._websocket(scope, receive, send)
            elif path.startswith("/_stcore/upload_file/") and scope["method"] in ("PUT",
                                                                                  "DELETE"):
                await self._upload(scope, receive, send, path)
            else:
                await self._http(scope, receive, send, path)
        except Refusal as r:
            await PlainTextResponse(f"Refused: {r.text}.", status_code=r.status)(
                scope, receive, send)

    async def _websocket(self, scope, receive, send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            release_orphan_uploads()

    async def _http(self, scope, receive, send, path: str) -> None:
        if path == "/auth/logout":
            claims = cookie_claims(scope)
            if claims is not None:
                await to_thread.run_sync(sign_ins.revoke_or_log, config.data_dir(), claims)
        elif path == "/_stcore/metrics":
            try:
                await to_thread.run_sync(signed_in_role, scope)
            except Refusal:
                raise Refusal(404, "not found") from None
        elif path.startswith("/media/") and auth.require_login():
            await to_thread.run_sync(signed_in_role, scope)
        await self.app(scope, receive, send)

    async def _upload(self, scope, receive, send, path: str) -> None:
        parts = path.split("/")  # "", "_stcore", "upload_file", session, file
        session_id = parts[3] if len(parts) == 5 else ""
        await to_thread.run_sync(upload_role, session_id)
        if scope["method"] == "DELETE":
            await self.app(scope, receive, send)
            return
        length = HTTPConnection(scope).headers.get("content-length", "")
        if not length.isdigit():
            raise Refusal(411, "an upload must state its Content-Length")
        held_files, held_bytes = pending(session_id)
        receiving = self._receiving.get(session_id, [0, 0])
        if held_files + receiving[0] + 1 > MAX_PENDING_FILES:
            raise Refusal(429, f"this session already holds {MAX_PENDING_FILES} uploaded "
                               "files; remove one (or reload the page) first")
        if held_bytes + receiving[1] + int(length) > max_pending_bytes():
            raise Refusal(429, f"this session's uploads would pass {max_pending_bytes():,} "
                               "bytes; remove one (or reload the page) first")
        receiving = self._receiving.setdefault(session_id, receiving)
        receiving[0] += 1
        receiving[1] += int(length)
        try:
            await self.app(scope, receive, send)
        finally:
            receiving[0] -= 1
            receiving[1] -= int(length)
            if receiving == [0, 0]:
                self._receiving.pop(session_id, None)


def _route(path: str) -> str:
    """The request's path below server.baseUrlPath."""
    from streamlit import config as st_config

    base = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == f"/{base}" or path.startswith(f"/{base}/")):
        return path[len(base) + 1:] or "/"
    return path


def release_this_session_uploads() -> None:
    """From a script run: drop this session's pending uploads (a publish has used them)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_session_files(ctx.session_id)
