"""The publish on object storage: files under a new data prefix, then the manifest written
with a condition the store enforces (If-None-Match for a new date, If-Match on the
manifest being replaced), so of two publishers of one date exactly one wins; a lost
response recognised, the undo conditional on the ETag written, leftovers removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from dashboard.access import auth
from dashboard.config import SNAPSHOTS as SNAPSHOTS_FOLDER
from dashboard.store import audit, folders, storage
from dashboard.store.folders import MANIFEST, SnapshotExists, write_manifest, write_tables
from dashboard.store.remote_scan import DATA_PREFIX, DATA_PREFIX_RE, forget_scan, group_by_folder

LEFTOVER_SECONDS = 3600.0  # an unreferenced file folder older than this is removed


def clear_remote_leftovers(st: storage.S3Store, older_than: float | None = None) -> list[str]:
    """Remove file folders no manifest names (a killed publish's, or a replaced version's)
    once they, and the manifest that replaced them, are older_than seconds
    (LEFTOVER_SECONDS): a reader fetching a replaced version has long finished. Returns
    the removed keys."""
    age = LEFTOVER_SECONDS if older_than is None else older_than
    now = dt.datetime.now(dt.UTC)
    grouped = group_by_folder(st.list(SNAPSHOTS_FOLDER))
    doomed: list[str] = []
    for name, objects in grouped.items():
        current = None
        manifest = objects.get(MANIFEST)
        if manifest is not None:
            if (now - manifest.modified).total_seconds() < age:
                continue  # just replaced: its predecessor may still be read
            try:  # the manifest the listing saw, not a newer one (its files are not listed)
                raw, _ = st.read_tagged(f"{SNAPSHOTS_FOLDER}/{name}/{MANIFEST}",
                                        if_match=manifest.etag)
                current = json.loads(raw).get(DATA_PREFIX, "")
            except (storage.PreconditionFailed, FileNotFoundError):
                continue  # replaced or removed since the listing: the next clean-up decides
            except (ValueError, AttributeError):
                continue  # an unreadable manifest: leave the folder to a person
        versions: dict[str, list[storage.ObjectInfo]] = {}
        for rest, info in objects.items():
            head, sep, _ = rest.partition("/")
            if sep and DATA_PREFIX_RE.match(head + "/") and head + "/" != current:
                versions.setdefault(head, []).append(info)
        for infos in versions.values():
            if all((now - i.modified).total_seconds() >= age for i in infos):
                doomed += [i.key for i in infos]
    st.delete(doomed)
    return doomed


class PublishedWithoutRecord(OSError):
    """The snapshot was published, its audit record could not be written, and undoing the
    publish failed too: it is live without its record (the message says so)."""


def _ours(st: storage.S3Store, mkey: str, prefix: str) -> str | None:
    """The ETag of the manifest at mkey when it is the one naming data prefix `prefix`
    (prefixes are never reused: it is this publish's), else None (absent or another's).
    Errors reading it are raised: whose it is cannot be told."""
    try:
        raw, etag = st.read_tagged(mkey)
    except FileNotFoundError:
        return None
    try:
        named = json.loads(raw).get(DATA_PREFIX)
    except (ValueError, AttributeError):
        return None
    return etag if named == prefix else None


def _commit_manifest(st: storage.S3Store, mkey: str, data: bytes, prefix: str,
                     etag: str | None, uploaded: list[str], as_of: str) -> str:
    """Write the manifest (the commit) with its condition; returns the ETag it has. Any
    error is checked against the store: a PUT that was applied but whose response was lost
    (botocore retries it, and the retry meets our own manifest: 412, or gives up) is a
    success. The uploaded files are removed only when the live manifest is not ours."""
    try:
        written = st.put_bytes(mkey, data, if_absent=etag is None, if_match=etag)
        return written or _ours(st, mkey, prefix) or ""  # a store that gave no ETag
    except Exception as e:
        try:
            mine = _ours(st, mkey, prefix)
        except Exception:  # noqa: BLE001 - cannot tell: keep the files, the clean-up decides
            raise e from None
        if mine is not None:
            return mine
        with contextlib.suppress(Exception):  # else a later publish removes them
            st.delete(uploaded)
        if isinstance(e, storage.PreconditionFailed):
            what = "replaced" if etag is not None else "published"
            raise SnapshotExists(
                f"snapshot {as_of} was {what} by another publisher while this one was "
                f"uploading; theirs stands, this one was withdrawn") from None
        raise


def _undo_manifest(st: storage.S3Store, mkey: str, written: str, old: bytes | None,
                   prefix: str) -> str | None:
    """Take back the manifest this publish wrote (ETag `written`), only if it is still that
    one: the replaced manifest put back with If-Match, or a new date's manifest removed
    (checked to be ours, then a conditional delete, for a store that ignores the condition).
    Another publisher's manifest that landed meanwhile is never touched. After any error the
    store is asked again: ours no longer live is undone (a lost response, or superseded).
    Returns None when undone, else why not."""
    try:
        if old is not None:
            st.put_bytes(mkey, old, if_match=written)
        else:
            mine = _ours(st, mkey, prefix)
            if mine is not None:
                st.delete_if_match(mkey, mine)
        return None
    except Exception as e:  # noqa: BLE001
        with contextlib.suppress(Exception):
            if _ours(st, mkey, prefix) is None:
                return None
        return str(e) or type(e).__name__


def _new_data_prefix() -> str:
    return f"v{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}/"


def publish_remote(loc: storage.S3Location, as_of: str, tables: dict[str, pa.Table],
                    source: str, *, replace: bool, created_at: str | None,
                    actor: audit.Actor | None = None,
                    source_files: tuple[audit.SourceFile, ...] = (),
                    publisher: Mapping[str, str] | None = None) -> storage.S3Location:
    """publish() onto an object store: the files under a new data prefix, then the manifest
    with a condition (If-None-Match for a new date, If-Match on the replaced manifest), then
    the audit record (an object of its own); a record that cannot be written undoes the
    publish (the replaced manifest is put back, or the new one removed)."""
    st = storage.store(loc)
    clear_remote_leftovers(st)
    mkey = f"{SNAPSHOTS_FOLDER}/{as_of}/{MANIFEST}"
    etag = st.etag(mkey)
    if etag is not None and not replace:
        raise SnapshotExists(f"snapshot {as_of} already exists in {loc} (use --replace)")
    if actor is not None:
        auth.check_publish(actor.role, etag is not None)
    old_manifest = st.read(mkey) if etag is not None and actor is not None else None
    prefix = _new_data_prefix()
    st.cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=st.cache) as tmp:
        folder = Path(tmp)
        files = write_tables(folder, tables)
        write_manifest(folder, as_of, source, files, created_at,
                       actor.as_dict() if actor is not None else publisher)
        uploaded: list[str] = []
        try:
            for file_name, entry in files.items():
                key = f"{SNAPSHOTS_FOLDER}/{as_of}/{prefix}{file_name}"
                st.put_file(folder / file_name, key)
                uploaded.append(key)
                st.keep(folder / file_name, entry["sha256"])
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except BaseException:
            with contextlib.suppress(Exception):  # best effort; a later publish removes the rest
                st.delete(uploaded)
            raise
        manifest[DATA_PREFIX] = prefix
        data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
        written = _commit_manifest(st, mkey, data, prefix, etag, uploaded, as_of)
    if actor is not None:
        record = audit.Record(
            at=folders.now_utc(), actor=actor, as_of=as_of,
            action=audit.ACTION_REPLACE if etag is not None else audit.ACTION_NEW,
            source_note=source, source_files=source_files,
            files={name: entry["sha256"] for name, entry in files.items()})
        try:
            audit.append(loc, record)
        except BaseException as e:
            forget_scan(loc)
            failed = _undo_manifest(st, mkey, written, old_manifest, prefix)
            if failed is None:
                with contextlib.suppress(Exception):  # else a later publish removes them
                    st.delete(uploaded)
            elif isinstance(e, Exception):
                raise PublishedWithoutRecord(
                    f"snapshot {as_of} is live in {loc} WITHOUT its audit record: the record "
                    f"could not be written ({e}) and the publish could not be undone "
                    f"({failed})") from e
            raise
    forget_scan(loc)
    return loc.child(SNAPSHOTS_FOLDER, as_of)
