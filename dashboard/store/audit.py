"""The audit trail: one record per publish or replace, from the browser or the command line,
and one per data-feed token created or revoked on the Account page (`TokenEvent`: who,
with which role, the token's id, never the token, and when).

`snapshots.publish` (the one publish code path: `python -m dashboard ingest` and the app's
"Load data" page both call it) appends a record here for every snapshot it puts in place,
while it holds the publish lock, after the new folder is in place and before a replaced
one is removed (a failed append undoes the publish: see `snapshots.publish`). A record says
when, who, with which role and through what (browser or command line), the as-of date, the
source note, the sha256 of the files the figures came from and of the published tables,
and whether the date was new or replaced.

The log is `<data directory>/audit/publishes.jsonl`: one JSON object per line (ASCII, every
line separator and control character escaped: `record_line`; read by "\\n" only), only ever
appended to (opened in append mode, never rewritten), each record flushed and fsynced
before the publish returns. A line that cannot be read (a record torn by a crash of the
machine mid-write) is shown as damaged, never dropped silently; the next record starts on
a line of its own. docs/security.md, "Sign-in, roles and the audit trail".
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.store import storage
from dashboard.store.folders import sha256_file
from dashboard.store.remote_scan import rescan_seconds

AUDIT_DIR = "audit"
LOG_NAME = "publishes.jsonl"
VIA_BROWSER = "browser"
VIA_COMMAND_LINE = "command line"
# the command line runs with the server's own file permissions: it can do what an admin can
COMMAND_LINE_ROLE = "admin"
ACTION_NEW = "new"
ACTION_REPLACE = "replace"
# the data feed's tokens (dashboard/access/tokens.py): created and revoked on the Account page
ACTION_TOKEN_CREATED = "token created"
ACTION_TOKEN_REVOKED = "token revoked"


@dataclass(frozen=True)
class Actor:
    """Who publishes: an identity the server established (never one a browser sent)."""

    who: str  # the e-mail (or subject) of a signed-in user; user@host on the command line
    role: str  # viewer, analyst or admin (dashboard/access/auth.py)
    via: str  # VIA_BROWSER or VIA_COMMAND_LINE
    name: str = ""  # a display name, when the identity provider gives one

    def as_dict(self) -> dict[str, str]:
        out = {"who": self.who, "role": self.role, "via": self.via}
        if self.name:
            out["name"] = self.name
        return out


def command_line_actor() -> Actor:
    """The operating-system user running `python -m dashboard ingest`, on this machine."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a bare container)
        user = f"uid {os.getuid()}"
    return Actor(who=f"{user}@{socket.gethostname()}", role=COMMAND_LINE_ROLE,
                 via=VIA_COMMAND_LINE)


@dataclass(frozen=True)
class SourceFile:
    """A file the figures were read from, as received (the workbook, a CSV, the zip)."""

    name: str
    sha256: str
    size: int

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "sha256": self.sha256, "bytes": self.size}


def source_files(source: Path) -> list[SourceFile]:
    """The files of a source (one workbook, or every file of a folder), with their sha256."""

    paths = [source] if source.is_file() else sorted(p for p in source.iterdir() if p.is_file())
    return [SourceFile(p.name, sha256_file(p), p.stat().st_size) for p in paths]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Record:
    at: str
    actor: Actor
    as_of: str
    action: str  # ACTION_NEW or ACTION_REPLACE
    source_note: str
    source_files: tuple[SourceFile, ...] = ()
    files: Mapping[str, str] = field(default_factory=dict)  # published table file -> sha256

    def as_dict(self) -> dict[str, object]:
        return {
            "at": self.at,
            **self.actor.as_dict(),
            "as_of": self.as_of,
            "action": self.action,
            "source_note": self.source_note,
            "source_files": [f.as_dict() for f in self.source_files],
            "files": dict(self.files),
        }


@dataclass(frozen=True)
class TokenEvent:
    """A feed token created or revoked: who, which token (its id, never the token), when."""

    at: str
    actor: Actor
    action: str  # ACTION_TOKEN_CREATED or ACTION_TOKEN_REVOKED
    token: str  # the token's id
    expires: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"at": self.at, **self.actor.as_dict(), "action": self.action,
                "token": self.token, "expires": self.expires}


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / AUDIT_DIR / LOG_NAME


def append(data_dir: Path | storage.S3Location, record: Record | TokenEvent) -> None:
    """Append one record to the log and make it durable (flush, fsync; the folder too when
    the log is new). Callers serialize appends (snapshots.publish holds its lock).
    On an object store, where nothing can be appended to, the record is an object of its
    own (`_append_remote`)."""
    if storage.is_remote(data_dir):
        _append_remote(storage.location(data_dir), record)  # type: ignore[arg-type]
        return
    path = log_path(data_dir)
    created = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = record_line(record) + "\n"
    with open(path, "a+b") as f:
        f.seek(0, os.SEEK_END)
        if f.tell() > 0:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":  # a torn last record: the new one starts on its own line
                line = "\n" + line
        f.write(line.encode("utf-8"))
        f.flush()
        os.fsync(f.fileno())
    if created:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def record_line(record: Record | TokenEvent) -> str:
    """A record as one line of plain ASCII JSON: every character outside ASCII, every line
    separator (U+2028, U+2029, U+0085, vertical tab, form feed, CR) and every control
    character (NUL, C0, C1) written as a \\uXXXX escape, so no text a user gave (a note, a
    file name, a display name) can split the record or make it read as another."""
    return json.dumps(record.as_dict(), ensure_ascii=True, sort_keys=False)


def split_lines(text: str) -> list[str]:
    """The log's lines: split on "\\n" only, the one separator the writer puts between
    records (never str.splitlines, which also splits on U+2028, U+0085 and the like)."""
    return text.split("\n")


@dataclass(frozen=True)
class Entry:
    """One line of the log as read: its fields, or why it cannot be read."""

    line: int
    fields: Mapping[str, object] | None
    problem: str = ""


def read(data_dir: Path | storage.S3Location) -> list[Entry]:
    """Every line of the log, oldest first (an empty list when nothing was published)."""
    if storage.is_remote(data_dir):
        return _read_remote(storage.location(data_dir))  # type: ignore[arg-type]
    path = log_path(data_dir)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    # the log only grows: read and parsed again only when its size or time changed (Data &
    # methods reads it on every rerun)
    signature = (stat.st_size, stat.st_mtime_ns)
    hit = _read_local.get(str(path))
    if hit is None or hit[0] != signature:
        raw = path.read_bytes()
        hit = _read_local[str(path)] = (
            signature, list(parse(split_lines(raw.decode("utf-8", errors="replace")))))
    return list(hit[1])


_read_local: dict[str, tuple[tuple[int, int], list[Entry]]] = {}


def parse(lines: Iterable[str]) -> Iterable[Entry]:
    for n, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            fields = json.loads(text)
        except ValueError:
            yield Entry(n, None, "damaged line (not a complete record)")
            continue
        if not isinstance(fields, dict):
            yield Entry(n, None, "damaged line (not a record)")
            continue
        yield Entry(n, fields)


def rows(entries: Iterable[Entry]) -> list[dict[str, object]]:
    """The records as table rows (newest first) for Data & methods."""
    out = []
    for e in entries:
        if e.fields is None:
            out.append({"when (UTC)": "", "who": "", "role": "", "via": "", "as_of": "",
                        "action": e.problem, "source note": "", "source files (sha256)": "",
                        "line": e.line})
            continue
        f = e.fields
        files = f.get("source_files") or []
        shown = "; ".join(f"{s.get('name', '')} {str(s.get('sha256', ''))[:12]}…"
                          for s in files if isinstance(s, dict))
        action = str(f.get("action", ""))
        if f.get("token"):  # a feed token's event: its id (never the token itself)
            action = f"{action} {f.get('token')}"
        out.append({"when (UTC)": str(f.get("at", "")), "who": str(f.get("who", "")),
                    "role": str(f.get("role", "")), "via": str(f.get("via", "")),
                    "as_of": str(f.get("as_of", "")), "action": action,
                    "source note": str(f.get("source_note", "")),
                    "source files (sha256)": shown, "line": e.line})
    out.reverse()
    return out


# ---- on an object store: one object per record ------------------------------------------
# `audit/records/<at>-<random>.json` under the data directory's prefix, each written once
# with If-None-Match (never overwritten); the log is their listing in key order (the time
# of the record first, so oldest first). An object that is not a record reads as damaged.
RECORDS = "records"
_remote_records: dict[tuple[str, str], str] = {}  # (location, key) -> text: records never change
_listed: dict[str, tuple[float, list[str]]] = {}  # location -> (when, record keys)


def _append_remote(loc: storage.S3Location, record: Record | TokenEvent) -> None:
    import uuid

    stamp = record.at.replace("-", "").replace(":", "")
    key = f"{AUDIT_DIR}/{RECORDS}/{stamp}-{uuid.uuid4().hex[:12]}.json"
    text = record_line(record)
    storage.store(loc).put_bytes(key, text.encode("utf-8"), if_absent=True)
    _listed.pop(str(loc), None)  # this process shows its own record at once


def _read_remote(loc: storage.S3Location) -> list[Entry]:

    st = storage.store(loc)
    # listed at most once per rescan interval, as the snapshots are (not on every rerun)
    hit = _listed.get(str(loc))
    if hit is None or time.monotonic() - hit[0] >= rescan_seconds():
        hit = _listed[str(loc)] = (time.monotonic(), sorted(st.list(f"{AUDIT_DIR}/{RECORDS}")))
    keys = hit[1]
    lines = []
    for key in keys:
        text = _remote_records.get((str(loc), key))
        if text is None:
            text = st.read(key).decode("utf-8", errors="replace").replace("\n", " ")
            _remote_records[(str(loc), key)] = text
        lines.append(text)
    return list(parse(lines))
