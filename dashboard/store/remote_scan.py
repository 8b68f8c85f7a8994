"""Object storage (s3://bucket/prefix data directories; dashboard/store/storage.py): the
published snapshots as seen through their manifests, each file fetched by key, checked
against its sha256 and kept in the local read-through cache.

Layout: snapshots/<as_of>/manifest.json is the commit marker; it names the folder of its
files, `data_prefix` (snapshots/<as_of>/<data_prefix><file>), a new one for every
publish, so a replace never overwrites a file a reader may be fetching. A date folder
without manifest.json is invisible (a publish in progress, or an interrupted one whose
files the next publish removes once they are LEFTOVER_SECONDS old).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

from dashboard.config import SNAPSHOTS as SNAPSHOTS_FOLDER
from dashboard.contract.schema import (
    TABLES,
)
from dashboard.store import storage
from dashboard.store.folders import (
    MANIFEST,
    ScanResult,
    Skipped,
    Snapshot,
    check_folder_cached,
    is_iso_date,
    remember_sha256,
)

# ---- object storage (s3://bucket/prefix data directories; dashboard/store/storage.py) ---------
#
# Layout: snapshots/<as_of>/manifest.json is the commit marker; it names the folder of its
# files, `data_prefix` (snapshots/<as_of>/<data_prefix><file>), a new one for every
# publish, so a replace never overwrites a file a reader may be fetching. A date folder
# without manifest.json is invisible (a publish in progress, or an interrupted one whose
# files the next publish removes once they are LEFTOVER_SECONDS old). The manifest is
# written with a condition the store enforces: If-None-Match (a new date) or If-Match on
# the manifest the publisher replaces, so of two publishers of one date exactly one wins.

RESCAN_ENV = "ICT_DASHBOARD_RESCAN_SECONDS"
RESCAN_SECONDS = 5.0  # default: a snapshot published anywhere is seen within this interval
DATA_PREFIX = "data_prefix"
DATA_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}/$")


def rescan_seconds() -> float:
    """How long a scan of an object store is reused ($ICT_DASHBOARD_RESCAN_SECONDS, default 5)."""
    try:
        return max(0.0, float(os.environ.get(RESCAN_ENV, RESCAN_SECONDS)))
    except ValueError:
        return RESCAN_SECONDS


def group_by_folder(listing: Mapping[str, storage.ObjectInfo]) -> dict[str, dict[str, storage.ObjectInfo]]:
    """snapshots/<name>/<rest> keys grouped by folder name -> {rest: info}."""
    out: dict[str, dict[str, storage.ObjectInfo]] = {}
    for key, info in listing.items():
        parts = key.split("/", 2)
        if len(parts) == 3 and parts[0] == SNAPSHOTS_FOLDER and parts[1] and parts[2]:
            out.setdefault(parts[1], {})[parts[2]] = info
    return out


_view_cache: dict[tuple, tuple[Path | None, list[str]]] = {}
_view_lock = threading.Lock()


def _fetch_view(st: storage.S3Store, name: str,
                objects: Mapping[str, storage.ObjectInfo]) -> tuple[Path | None, list[str]]:
    """The local folder of a published remote snapshot (its files from the read-through
    cache, downloaded and checked against the manifest's sha256 when missing), or the
    reasons it cannot be made. Cached by the folder's listing (keys, sizes, ETags)."""
    sig = (str(st.loc), name, tuple(sorted((k, i.size, i.etag) for k, i in objects.items())))
    with _view_lock:
        hit = _view_cache.get(sig)
    if hit is not None:
        return hit
    try:
        result, etag = _make_view(st, name)
    except storage.StorageError as e:  # unreachable or refusing: not remembered, tried again
        return None, [f"cannot be read from the object store ({e})"]
    listed = objects.get(MANIFEST)
    if listed is not None and storage.quoted(listed.etag) == storage.quoted(etag):
        with _view_lock:  # remembered only under the listing of the manifest it read
            _view_cache[sig] = result
    return result


def _make_view(st: storage.S3Store, name: str) -> tuple[tuple[Path | None, list[str]], str]:
    """(the view of snapshot `name` or the reasons it cannot be made, the ETag of the
    manifest it read). The manifest read may be newer than the listing that found the
    folder (a replace landed between): its files are fetched by key, not looked up in
    that listing; they are immutable and uploaded before the manifest names them."""
    if not is_iso_date(name):
        return (None, [f"folder name {name!r} is not an ISO date YYYY-MM-DD"]), ""
    try:
        raw, etag = st.read_tagged(f"{SNAPSHOTS_FOLDER}/{name}/{MANIFEST}")
    except FileNotFoundError:
        return (None, ["manifest.json is missing"]), ""
    return _view_of(st, name, raw), etag


def _view_of(st: storage.S3Store, name: str, raw: bytes) -> tuple[Path | None, list[str]]:
    try:
        manifest = json.loads(raw)
        if not isinstance(manifest, dict):
            raise ValueError("manifest.json is not a JSON object")
    except ValueError as e:
        return None, [f"manifest.json cannot be read: {e}"]
    prefix = manifest.get(DATA_PREFIX, "")
    if prefix and not (isinstance(prefix, str) and DATA_PREFIX_RE.match(prefix)):
        return None, [f"manifest.json: {DATA_PREFIX} {str(prefix)[:60]!r} is not a folder name"]
    files = manifest.get("files")
    if not isinstance(files, dict):
        return None, ["manifest.json has no 'files' object"]
    view = st.views / f"m-{hashlib.sha256(raw).hexdigest()[:24]}" / name
    if (view / MANIFEST).is_file():
        return view, []  # made before (a manifest's content names its files for good)
    problems, local = [], {}
    for table in TABLES.values():
        entry = files.get(table.file_name)
        if not isinstance(entry, dict):
            continue  # check_folder names it
        key = f"{prefix}{table.file_name}"
        try:
            local[table.file_name] = (st.fetch(f"{SNAPSHOTS_FOLDER}/{name}/{key}",
                                               str(entry.get("sha256"))), entry.get("sha256"))
        except storage.ChecksumMismatch as e:
            problems.append(f"{table.file_name}: {e}")
        except FileNotFoundError:
            problems.append(f"{table.file_name}: file is missing")
    if problems:
        return None, problems
    tmp = view.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        for file_name, (path, digest) in local.items():
            os.link(path, tmp / file_name)
            remember_sha256(tmp / file_name, str(digest))
        (tmp / MANIFEST).write_bytes(raw)  # last: a view with a manifest is complete
        try:
            os.rename(tmp, view)
        except OSError:  # made meanwhile by another thread or server process
            if not (view / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for file_name in local:
        remember_sha256(view / file_name, str(local[file_name][1]))
    return view, []


def remote_folders(loc: storage.S3Location) -> list[tuple[str, Path | None, list[str]]]:
    """(name, local folder or None, problems) of every visible snapshot folder of an object
    store: those with a manifest (a folder without one is a publish in progress)."""
    st = storage.store(loc)
    grouped = group_by_folder(st.list(SNAPSHOTS_FOLDER))
    out = []
    for name in sorted(grouped):
        if name.startswith(".") or MANIFEST not in grouped[name]:
            continue
        folder, problems = _fetch_view(st, name, grouped[name])
        out.append((name, folder, problems))
    return out


_remote_scans: dict[str, tuple[float, ScanResult]] = {}
_remote_lock = threading.Lock()


def scan_remote(loc: storage.S3Location, fresh: bool = False) -> ScanResult:
    """scan() of an object store: reused for rescan_seconds() (fresh: not reused)."""
    with _remote_lock:  # one scan at a time per process: the others reuse its result
        hit = _remote_scans.get(str(loc))
        if hit is not None and not fresh and time.monotonic() - hit[0] < rescan_seconds():
            return hit[1]
        good: list[Snapshot] = []
        skipped: list[Skipped] = []
        try:
            folders = remote_folders(loc)
        except storage.StorageError:
            if hit is None:
                raise
            # unreachable: keep serving what was checked before; try again after the interval
            _remote_scans[str(loc)] = (time.monotonic(), hit[1])
            return hit[1]
        for name, folder, problems in folders:
            snap = None
            if folder is not None:
                snap, problems = check_folder_cached(folder)
            if snap is None:
                skipped.append(Skipped(name, "; ".join(problems)))
            else:
                good.append(snap)
        good.sort(key=lambda s: s.as_of, reverse=True)
        result = ScanResult(tuple(good), tuple(skipped))
        _remote_scans[str(loc)] = (time.monotonic(), result)
        return result


def forget_scan(loc: storage.S3Location) -> None:
    """Make the next scan of loc list the store afresh (after this process published)."""
    with _remote_lock:
        _remote_scans.pop(str(loc), None)
