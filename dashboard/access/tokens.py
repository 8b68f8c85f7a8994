"""The data feed's tokens (data contract, section 9): where sign-in is configured, a
signed-in user creates one on the Account page and sends it as `Authorization: Bearer
TOKEN`; it reads the feed with the role its owner had when creating it, until it expires
or is revoked. A token never publishes (the feed has no publishing route, and the upload
and publish paths know only sessions: docs/security.md, rows 35 to 38).

A token is `ictd_<id>_<secret>`: a recognisable prefix, a 16-hex-digit id (not secret: it
names the token in lists and in the audit trail) and 32 random bytes from
`secrets.token_urlsafe`. It is shown once. The server keeps only the sha256 of the whole
token, compared in constant time (`hmac.compare_digest`).

In the data directory (a local folder, or the object store every server reads:
dashboard/store/storage.py), under `tokens/`, one object per fact, each written whole:

- `<id>.json`: the record (id, sha256, label, owner, owner's subject and issuer, role,
  created, expires), written once and never changed;
- `<id>.revoked`: the revocation (when, by whom), written once; a token with one is refused;
- `<id>.used`: when it was last used, overwritten at most once a minute (USED_EVERY_S) per
  token by each server, so a busy token is no write storm.

No object is ever rewritten by two writers in a way that loses a fact: a revocation and a
last-used time never share an object. Local files are written to a hidden temporary file
and renamed into place (whole or absent); an object store writes each object whole.
A record that cannot be read (damaged) is an error naming its object, never overwritten.

Expiry: `$ICT_DASHBOARD_TOKEN_DAYS` days (a whole number from 1 to 365; default 90), the
longest a token may live and the Account page's default; the user may pick a shorter one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from dashboard.lang.translate import _
from dashboard.store import storage

PREFIX = "ictd_"
FOLDER = "tokens"
DAYS_ENV = "ICT_DASHBOARD_TOKEN_DAYS"
DEFAULT_DAYS = 90
MAX_DAYS = 365
USED_EVERY_S = 60.0  # a token's last-used time is written at most this often per server
LABEL_MAX = 80
_TOKEN_RE = re.compile(r"^ictd_([0-9a-f]{16})_([A-Za-z0-9_-]{40,})$")
DAY_S = 86_400.0


class TokenRefused(PermissionError):
    """A token the feed does not accept; the message says why (the 401's message)."""


class TokenStoreError(ValueError):
    """The token store cannot be read as it is (a damaged object): the message names it."""


def max_days() -> int:
    """The longest a token lives: $ICT_DASHBOARD_TOKEN_DAYS, else 90 (a wrong value is an
    error, never silently replaced)."""
    raw = os.environ.get(DAYS_ENV, "").strip()
    if not raw:
        return DEFAULT_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise ValueError(_("{setting}={value}: write a whole number of days from 1 to "
                           "{most}").format(setting=DAYS_ENV, value=repr(raw), most=MAX_DAYS))
    return int(raw)


def day_choices() -> list[int]:
    """The lifetimes the Account page offers: the longest allowed first, then shorter ones."""
    longest = max_days()
    return [longest] + [d for d in (30, 7, 1) if d < longest]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Token:
    """One token as stored (never the token itself)."""

    id: str
    sha256: str
    label: str
    owner: str  # the e-mail (else preferred_username, else subject) at creation
    sub: str  # the owner's subject and issuer: whose tokens these are
    iss: str
    role: str
    created: float  # seconds since the epoch (UTC)
    expires: float
    revoked: float | None = None
    last_used: float | None = None

    def record(self) -> dict[str, object]:
        return {"id": self.id, "sha256": self.sha256, "label": self.label,
                "owner": self.owner, "sub": self.sub, "iss": self.iss, "role": self.role,
                "created": self.created, "expires": self.expires}

    def status(self, now: float | None = None) -> str:
        now = time.time() if now is None else now
        if self.revoked is not None:
            return "revoked"
        return "expired" if now >= self.expires else "active"


def iso(t: float | None) -> str:
    if t is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(t))


# -- the objects -------------------------------------------------------------------------
class _Files:
    """`tokens/` of a data directory: read, write whole (once, or over), list."""

    def __init__(self, data_dir: storage.DataDir) -> None:
        self.data_dir = data_dir
        self.remote = storage.is_remote(data_dir)

    def _key(self, name: str) -> str:
        return f"{FOLDER}/{name}"

    def read(self, name: str) -> bytes | None:
        if self.remote:
            try:
                return storage.store(storage.location(self.data_dir)).read(self._key(name))  # type: ignore[arg-type]
            except FileNotFoundError:
                return None
        try:
            return (Path(self.data_dir) / FOLDER / name).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, name: str, data: bytes, once: bool = False) -> bool:
        """Write one object whole; with `once` only if it does not exist (False: it did)."""
        if self.remote:
            st = storage.store(storage.location(self.data_dir))  # type: ignore[arg-type]
            try:
                st.put_bytes(self._key(name), data, if_absent=once)
            except storage.PreconditionFailed:
                return False
            return True
        folder = Path(self.data_dir) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            if once:
                try:
                    os.link(tmp, folder / name)  # fails if it exists: one writer wins
                except FileExistsError:
                    return False
            else:
                os.replace(tmp, folder / name)
        finally:
            tmp.unlink(missing_ok=True)
        return True

    def names(self) -> list[str]:
        if self.remote:
            st = storage.store(storage.location(self.data_dir))  # type: ignore[arg-type]
            return sorted(k.rsplit("/", 1)[-1] for k in st.list(FOLDER))
        folder = Path(self.data_dir) / FOLDER
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _json(name: str, raw: bytes) -> dict:
    try:
        out = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        out = None
    if not isinstance(out, dict):
        raise TokenStoreError(f"{FOLDER}/{name} in the data directory is damaged (not a "
                              "JSON object); it was left as it is")
    return out


_FIELDS = {"id": str, "sha256": str, "label": str, "owner": str, "sub": str, "iss": str,
           "role": str, "created": (int, float), "expires": (int, float)}


def _record(name: str, raw: bytes) -> dict:
    rec = _json(name, raw)
    for key, kind in _FIELDS.items():
        if not isinstance(rec.get(key), kind) or isinstance(rec.get(key), bool):
            raise TokenStoreError(f"{FOLDER}/{name} in the data directory is damaged (its "
                                  f"{key!r} is missing or wrong); it was left as it is")
    return rec


def _time(files: _Files, name: str, field: str) -> float | None:
    raw = files.read(name)
    if raw is None:
        return None
    value = _json(name, raw).get(field)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise TokenStoreError(f"{FOLDER}/{name} in the data directory is damaged (no {field!r} "
                          "time); it was left as it is")


_records: dict[tuple[str, str], dict] = {}  # (data dir, id) -> record: never changes


def load(data_dir: storage.DataDir, token_id: str, used: bool = True) -> Token | None:
    """The token with this id, with its revocation and (with `used`) its last use (None:
    no such token). A record, written once, is read once per process."""
    files = _Files(data_dir)
    rec = _records.get((str(data_dir), token_id))
    if rec is None:
        raw = files.read(f"{token_id}.json")
        if raw is None:
            return None
        rec = _record(f"{token_id}.json", raw)
        if rec["id"] != token_id:
            raise TokenStoreError(f"{FOLDER}/{token_id}.json in the data directory is "
                                  f"damaged (it names token {rec['id']!r}); it was left as "
                                  "it is")
        _records[(str(data_dir), token_id)] = rec
    last = _time(files, f"{token_id}.used", "used") if used else None
    return Token(**rec, revoked=_time(files, f"{token_id}.revoked", "revoked"),  # type: ignore[arg-type]
                 last_used=last)


# -- what the Account page does ----------------------------------------------------------
def create(data_dir: storage.DataDir, *, label: str, owner: str, sub: str, iss: str,
           role: str, days: int, now: float | None = None) -> tuple[str, Token]:
    """A new token for this owner: the token itself (to show once) and its record (stored)."""
    if not 1 <= int(days) <= max_days():
        raise ValueError(f"a token lives from 1 to {max_days()} days ({DAYS_ENV}), not {days}")
    label = " ".join(str(label).split())[:LABEL_MAX] or "feed token"
    now = time.time() if now is None else now
    for _attempt in range(5):
        token_id = secrets.token_hex(8)
        token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        rec = Token(id=token_id, sha256=digest(token), label=label, owner=owner, sub=sub,
                    iss=iss, role=role, created=now, expires=now + int(days) * DAY_S)
        data = json.dumps(rec.record(), ensure_ascii=True).encode("utf-8")
        if _Files(data_dir).write(f"{token_id}.json", data, once=True):
            return token, rec
    raise TokenStoreError("no free token id after five tries")  # pragma: no cover


def owned(data_dir: storage.DataDir, sub: str, iss: str) -> tuple[list[Token], list[str]]:
    """This owner's tokens, newest first, and the damaged objects met (named, not dropped)."""
    out, damaged = [], []
    for name in _Files(data_dir).names():
        if not name.endswith(".json"):
            continue
        try:
            tok = load(data_dir, name[:-len(".json")])
        except TokenStoreError as e:
            damaged.append(str(e))
            continue
        if tok is not None and tok.sub == sub and tok.iss == iss:
            out.append(tok)
    out.sort(key=lambda t: -t.created)
    return out, damaged


def revoke(data_dir: storage.DataDir, token_id: str, sub: str, iss: str, by: str,
           now: float | None = None) -> Token:
    """Revoke one of this owner's tokens (ValueError: not theirs, or no such token)."""
    tok = load(data_dir, token_id)
    if tok is None or tok.sub != sub or tok.iss != iss:
        raise ValueError(f"no token {token_id!r} of yours to revoke")
    now = time.time() if now is None else now
    data = json.dumps({"revoked": now, "by": by}, ensure_ascii=True).encode("utf-8")
    _Files(data_dir).write(f"{token_id}.revoked", data, once=True)  # revoked already: kept
    return load(data_dir, token_id) or tok


# -- what the feed does ------------------------------------------------------------------
def verify(data_dir: storage.DataDir, token: str, now: float | None = None) -> Token:
    """The token's record if the feed accepts it; TokenRefused saying why not
    (TokenStoreError when its record is damaged)."""
    token = token.strip()
    m = _TOKEN_RE.match(token)
    if m is None:
        raise TokenRefused("this is not a dashboard token (they begin with ictd_ and are "
                           "created on the Account page)")
    tok = load(data_dir, m.group(1), used=False)
    if tok is None or not hmac.compare_digest(tok.sha256, digest(token)):
        raise TokenRefused("this token is not known to this dashboard (mistyped, or "
                           "created on another server): create one on the Account page")
    now = time.time() if now is None else now
    if tok.revoked is not None:
        raise TokenRefused(f"this token ({tok.id}) was revoked on {iso(tok.revoked)}: "
                           "create a new one on the Account page")
    if now >= tok.expires:
        raise TokenRefused(f"this token ({tok.id}) expired on {iso(tok.expires)}: create "
                           "a new one on the Account page")
    return tok


_used_lock = threading.Lock()
_used_written: dict[tuple[str, str], float] = {}  # (data dir, id) -> when written here


def touch(data_dir: storage.DataDir, token_id: str, now: float | None = None) -> bool:
    """Record a use (True: written; at most once per USED_EVERY_S per token here)."""
    now = time.time() if now is None else now
    key = (str(data_dir), token_id)
    with _used_lock:
        last = _used_written.get(key)
        if last is not None and now - last < USED_EVERY_S:
            return False
        _used_written[key] = now
    data = json.dumps({"used": now}, ensure_ascii=True).encode("utf-8")
    _Files(data_dir).write(f"{token_id}.used", data)
    return True
