"""Who may read the feed (data contract, section 9; docs/security.md, rows 35 to 38).

- Sign-in not configured (no `[auth]` in secrets.toml): the feed is as open as the pages;
  an Authorization header is not read.
- Sign-in configured: a request may send `Authorization: Bearer TOKEN` (a token of the
  Account page, dashboard/access/tokens.py); it then reads with the role its owner had when
  creating it. A header that is not `Bearer TOKEN`, or a token that is unknown, expired or
  revoked: 401 in JSON saying which, with `WWW-Authenticate: Bearer` (never read as
  anonymous instead). Without a header, the request reads as an anonymous visitor of the
  pages would: allowed unless sign-in is required (ICT_DASHBOARD_REQUIRE_LOGIN=1), then 401.
- Too many requests with one token: 429 with Retry-After (a bucket per token, beside the
  per-address one of dashboard/feed/routes.py).

The feed only reads: it has no route that writes, and a token is no session, so the
upload and publish paths (the guard, the Load data page) never accept it.
"""

from __future__ import annotations

import logging

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse

from dashboard import config
from dashboard.access import auth, guard, tokens
from dashboard.feed.limits import Buckets, retry_after

REALM = 'Bearer realm="ict-dashboard data feed"'
DOCS = "docs/data-feed.md"
token_buckets = Buckets()
_LOG = logging.getLogger(__name__)


def answer(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status,
                        headers=headers)


def unauthorized(message: str, bad_token: bool = True) -> JSONResponse:
    challenge = REALM + (', error="invalid_token"' if bad_token else "")
    return answer(401, message, {"WWW-Authenticate": challenge})


def signin_configured() -> bool:
    """Whether secrets.toml has `[auth]` (wrong `[roles]` settings count as configured:
    the feed then stays closed to anonymous readers rather than open)."""
    try:
        return guard._secrets()[0]
    except guard.Refusal:
        return True


def _bearer(header: str) -> str | None:
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _verify(token: str) -> tokens.Token:
    tok = tokens.verify(config.data_dir(), token)
    try:
        tokens.touch(config.data_dir(), tok.id)
    except OSError:  # a read-only data directory: the read goes ahead, the use is logged
        _LOG.exception("could not record the last use of token %s", tok.id)
    return tok


async def refusal(request: Request) -> JSONResponse | None:
    """The answer that refuses this request (None: it may read the feed)."""
    if not signin_configured():
        if auth.require_login():
            return answer(401, f"{auth.REQUIRE_LOGIN_ENV}=1 asks for sign-in, but sign-in "
                          "is not configured on this server: the feed is closed until it is")
        return None
    header = request.headers.get("authorization")
    if header is None:
        if auth.require_login():
            return unauthorized("this dashboard requires sign-in: send a token as the header "
                                "'Authorization: Bearer TOKEN' (create one on the Account "
                                f"page; {DOCS})", bad_token=False)
        return None
    token = _bearer(header)
    if token is None:
        return unauthorized("the Authorization header must be 'Bearer TOKEN' (a token "
                            f"from the Account page; {DOCS})")
    try:
        tok = await to_thread.run_sync(_verify, token)
    except tokens.TokenRefused as e:
        return unauthorized(str(e))
    except tokens.TokenStoreError as e:
        _LOG.error("%s", e)
        return answer(500, f"the server's record of this token cannot be read ({e}): tell "
                      "the dashboard's administrator; a new token may work meanwhile")
    if not auth.at_least(tok.role, auth.VIEWER):
        return answer(403, f"this token's role ({tok.role or 'none'}) cannot read the feed")
    wait = token_buckets.take(tok.id)
    if wait:
        return answer(429, "too many requests with this token; wait and try again",
                      {"Retry-After": retry_after(wait)})
    return None
