"""Sign-ins that stay true: a maximum age, sign-outs the server remembers, and the role
asked of the identity provider again before a publish.

Plain Python (no Streamlit): dashboard/ui/signin.py (the pages) and dashboard/access/guard.py
(the web server's guard) hand it the claims of a session's identity, read from Streamlit's
signed identity cookie (the ID token's claims as the provider sent them at sign-in).

- A sign-in is named by its ID token: issuer, subject, issue time and nonce (`sign_in_id`);
  a sign-in without an issue time (`iat`) cannot be aged and is refused.
- Maximum age: `[roles] sign_in_max_hours` (default 12): an older sign-in is over, whatever
  the 30-day cookie says; the user signs in again.
- Sign out: the sign-in's id is written to `sign-outs/<id>` in the data directory (a local
  folder, or the object store that every server behind the balancer reads) and kept in this
  process's memory; a replayed cookie of that sign-in is refused on every server (on the
  others within $ICT_DASHBOARD_RESCAN_SECONDS, the listing's reuse time, for an object store).
- Before a publish or a replace: the provider's userinfo endpoint is asked, with the
  sign-in's access token, for the user's claims now; the role is taken from them. A token
  the provider revoked, a user it no longer knows, a role it no longer gives: refused.

docs/security.md, rows 31 and 32.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from dashboard.access import auth
from dashboard.lang.translate import _
from dashboard.store import storage

SIGN_OUTS = "sign-outs"  # the folder of the data directory holding ended sign-ins
CLOCK_SKEW_S = 300  # an ID token issued this far in the future is still accepted
PROVIDER_TIMEOUT_S = 10.0
_RESCAN_ENV = "ICT_DASHBOARD_RESCAN_SECONDS"
_RESCAN_DEFAULT_S = 5.0

_LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_revoked_here: set[tuple[str, str]] = set()  # (data directory, id): sign-outs seen here
_remote_listing: dict[str, tuple[float, frozenset[str]]] = {}  # store url -> (when, ids)
_metadata: dict[str, dict] = {}  # server_metadata_url -> the provider's metadata


class RecheckFailed(auth.NotAllowed):
    """The provider did not confirm the role: the publish is refused, saying why."""


def issued_at(claims: Mapping[str, object]) -> float | None:
    """When the user signed in to the dashboard: the ID token's iat (seconds). Not
    auth_time: that is when the provider last asked for a password, possibly days before
    (single sign-on), and a new sign-in would keep it."""
    value = claims.get("iat")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def sign_in_id(claims: Mapping[str, object]) -> str | None:
    """The id of one sign-in (None: the identity has no issue time)."""
    iat = issued_at(claims)
    if iat is None:
        return None
    parts = [str(claims.get(k, "")) for k in ("iss", "sub", "nonce")] + [repr(iat)]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:40]


def stale_reason(claims: Mapping[str, object], data_dir: storage.DataDir, max_hours: float,
                 now: float | None = None) -> str | None:
    """Why this sign-in no longer counts (None: it is current)."""
    iat = issued_at(claims)
    sid = sign_in_id(claims)
    if iat is None or sid is None:
        return _("the sign-in carries no issue time (iat), so its age cannot be checked")
    now = time.time() if now is None else now
    if iat > now + CLOCK_SKEW_S:
        return _("the sign-in says it was issued in the future")
    if now - iat > max_hours * 3600:
        return _("the sign-in is older than {hours} hours").format(hours=f"{max_hours:g}")
    if is_revoked(data_dir, sid):
        return _("this sign-in was signed out")
    return None


# -- sign-outs ---------------------------------------------------------------------------
def revoke(data_dir: storage.DataDir, claims: Mapping[str, object], now: float | None = None
           ) -> str | None:
    """Record the sign-out of this sign-in (here at once, and in the data directory for the
    other servers). Returns its id (None: nothing to record)."""
    sid = sign_in_id(claims)
    if sid is None:
        return None
    with _lock:
        _revoked_here.add((str(data_dir), sid))
    record = json.dumps({"signed_out": now or time.time(), "sub": str(claims.get("sub", ""))})
    if storage.is_remote(data_dir):
        loc = storage.location(data_dir)  # type: ignore[arg-type]
        with contextlib.suppress(storage.PreconditionFailed):  # recorded already
            storage.store(loc).put_bytes(f"{SIGN_OUTS}/{sid}", record.encode("utf-8"),
                                         if_absent=True)
        with _lock:
            _remote_listing.pop(str(loc), None)
    else:
        folder = Path(data_dir) / SIGN_OUTS
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{sid}.tmp"
        tmp.write_text(record, encoding="utf-8")
        os.replace(tmp, folder / sid)  # whole or absent, never half-written
    return sid


def revoke_or_log(data_dir: storage.DataDir, claims: Mapping[str, object]) -> None:
    """Sign out never fails: a sign-out the data directory cannot record (read-only, the
    store unreachable) is kept in this server's memory and logged with the reason."""
    try:
        revoke(data_dir, claims)
    except (OSError, ValueError):
        _LOG.exception("a sign-out could not be written to the data directory; this server "
                       "refuses the sign-in, the others may not")


def is_revoked(data_dir: storage.DataDir, sid: str) -> bool:
    with _lock:
        if (str(data_dir), sid) in _revoked_here:
            return True
    if not storage.is_remote(data_dir):
        return (Path(data_dir) / SIGN_OUTS / sid).is_file()
    loc = storage.location(data_dir)  # type: ignore[arg-type]
    key = str(loc)
    now = time.monotonic()
    with _lock:
        held = _remote_listing.get(key)
    if held is None or now - held[0] > _rescan_seconds():
        listed = storage.store(loc).list(SIGN_OUTS)
        ids = frozenset(k.rsplit("/", 1)[-1] for k in listed)
        held = (now, ids)
        with _lock:
            _remote_listing[key] = held
    return sid in held[1]


def _rescan_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(_RESCAN_ENV, _RESCAN_DEFAULT_S)))
    except ValueError:
        return _RESCAN_DEFAULT_S


# -- the role, asked again -----------------------------------------------------------------
def provider_claims(server_metadata_url: str, access_token: str,
                    timeout: float = PROVIDER_TIMEOUT_S) -> dict[str, object]:
    """The user's claims now, from the provider's userinfo endpoint (RecheckFailed: why not)."""
    import httpx

    try:
        meta = _metadata.get(server_metadata_url)
        if meta is None:
            got = httpx.get(server_metadata_url, timeout=timeout)
            got.raise_for_status()
            meta = _metadata[server_metadata_url] = got.json()
        endpoint = meta.get("userinfo_endpoint") if isinstance(meta, dict) else None
        if not endpoint:
            raise RecheckFailed("the sign-in provider has no userinfo endpoint, so your role "
                                "cannot be confirmed")
        answer = httpx.get(str(endpoint), timeout=timeout,
                           headers={"Authorization": f"Bearer {access_token}"})
    except httpx.HTTPError as e:
        raise RecheckFailed(f"the sign-in provider could not be reached to confirm your role "
                            f"({type(e).__name__}); try again") from None
    if answer.status_code in (401, 403) or _token_refused(answer):
        raise RecheckFailed("the sign-in provider no longer accepts this sign-in (it ended or "
                            "its access was withdrawn): sign out and sign in again")
    if answer.status_code != 200:
        raise RecheckFailed(f"the sign-in provider did not confirm your role (HTTP "
                            f"{answer.status_code}); try again")
    try:
        claims = answer.json()
    except ValueError:
        claims = None
    if not isinstance(claims, dict):
        raise RecheckFailed("the sign-in provider's answer was not a set of claims")
    return claims


def _token_refused(answer) -> bool:
    """A 400 whose OAuth error says the token is not accepted (some providers answer so)."""
    if answer.status_code != 400:
        return False
    try:
        error = answer.json().get("error")
    except (ValueError, AttributeError):
        return False
    return error in ("invalid_token", "access_denied")


def recheck_role(claims: Mapping[str, object], access_token: str | None,
                 settings: auth.RoleSettings, server_metadata_url: str | None) -> str | None:
    """The role the provider gives this user now (RecheckFailed when it cannot say)."""
    if not access_token:
        raise RecheckFailed("the server cannot ask the sign-in provider for your role: "
                            "[auth] expose_tokens must include \"access\" "
                            "(.streamlit/secrets.toml, docs/security.md)")
    if not server_metadata_url:
        raise RecheckFailed("the sign-in settings name no server_metadata_url, so your role "
                            "cannot be confirmed")
    fresh = provider_claims(server_metadata_url, access_token)
    if str(fresh.get("sub", "")) != str(claims.get("sub", "")):
        raise RecheckFailed("the sign-in provider answered for another user: sign in again")
    if settings.claim not in fresh:
        raise RecheckFailed(f"the sign-in provider's userinfo does not give the "
                            f"{settings.claim!r} claim, so your role cannot be confirmed")
    return auth.role_from_claims(fresh, settings)
