"""Published snapshots: discovery, manifest checks and the atomic publish.

A snapshot is the folder `snapshots/<as_of>/` holding the six tables as Parquet and a
`manifest.json` with each file's row count and sha256. A folder whose manifest is missing
or does not match its files is not published: `scan` reports it as skipped, with the
reason, and the app keeps serving the others.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import hashlib
import json
import math
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard import auth
from dashboard.config import SNAPSHOTS as SNAPSHOTS_FOLDER
from dashboard.config import snapshots_dir
from dashboard.contract.schema import (
    FIRST_DATE,
    LAST_DATE,
    MAX_AMOUNT_USD,
    MAX_TEXT_CHARS,
    TABLES,
    Column,
    date_in_range,
)
from dashboard.store import audit, storage

MANIFEST = "manifest.json"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TMP_PREFIX = ".tmp-"
OLD_PREFIX = ".old-"


@dataclass(frozen=True)
class Snapshot:
    """A published snapshot whose files match its manifest."""

    as_of: str
    path: Path
    source: str
    created_at: str
    rows: dict[str, int]
    token: str  # changes whenever the published content changes (used in cache keys)
    published_by: str = ""  # the manifest's publisher, "who (role, via)"; "" when none

    def file(self, table: str) -> Path:
        return self.path / TABLES[table].file_name


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass(frozen=True)
class ScanResult:
    snapshots: tuple[Snapshot, ...]  # newest first
    skipped: tuple[Skipped, ...]

    def get(self, as_of: str) -> Snapshot | None:
        for s in self.snapshots:
            if s.as_of == as_of:
                return s
        return None

    @property
    def newest(self) -> Snapshot | None:
        return self.snapshots[0] if self.snapshots else None


def is_iso_date(text: str) -> bool:
    if not DATE_RE.match(text or ""):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


_sha_cache: dict[tuple[str, int, int], str] = {}
_sha_lock = threading.Lock()


def sha256_file(path: Path) -> str:
    """sha256 of a file, cached by (path, size, mtime) so a rescan does not reread big files."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _sha_lock:
        hit = _sha_cache.get(key)
    if hit is not None:
        return hit
    digest = storage.sha256_path(path)
    with _sha_lock:
        _sha_cache[key] = digest
    return digest


def read_manifest(folder: Path) -> dict:
    with open(folder / MANIFEST, encoding="utf-8") as f:
        manifest = json.load(f)
    if not isinstance(manifest, dict):
        raise ValueError("manifest.json is not a JSON object")
    return manifest


def check_folder(folder: Path, limits: bool = True) -> tuple[Snapshot | None, list[str]]:
    """Check one snapshot folder against its manifest. Returns (snapshot, problems).

    limits: also judge the contract's ranges of amounts, years and dates from the files'
    statistics (`limit_problems`); `validate` turns it off as it judges every row.
    """
    problems: list[str] = []
    name = folder.name
    if not is_iso_date(name):
        return None, [f"folder name {name!r} is not an ISO date YYYY-MM-DD"]
    base = folder.parent.parent  # the data directory (folder is <base>/snapshots/<date>)
    if outside(folder, base):
        return None, ["the folder is a symbolic link to a place outside the data directory"]
    if not (folder / MANIFEST).is_file():
        return None, ["manifest.json is missing"]
    try:
        manifest = read_manifest(folder)
    except (OSError, ValueError) as e:
        return None, [f"manifest.json cannot be read: {e}"]
    if not date_in_range(dt.date.fromisoformat(name)):
        return None, [f"the as-of date {name} is outside {FIRST_DATE.isoformat()}.."
                      f"{LAST_DATE.isoformat()}"]
    if len(str(manifest.get("source", ""))) > MAX_TEXT_CHARS:
        problems.append(f"the manifest's source is longer than {MAX_TEXT_CHARS} characters")
    if manifest.get("as_of") != name:
        problems.append(f"manifest as_of {manifest.get('as_of')!r} does not match the folder name")
    files = manifest.get("files")
    if not isinstance(files, dict):
        return None, problems + ["manifest.json has no 'files' object"]
    rows: dict[str, int] = {}
    for table in TABLES.values():
        entry = files.get(table.file_name)
        path = folder / table.file_name
        if not isinstance(entry, dict):
            problems.append(f"{table.file_name}: not listed in the manifest")
            continue
        if not path.is_file():
            problems.append(f"{table.file_name}: file is missing")
            continue
        if outside(path, base):
            problems.append(f"{table.file_name}: a symbolic link to a file outside the data "
                            "directory")
            continue
        try:
            digest = sha256_file(path)
        except OSError as e:
            problems.append(f"{table.file_name}: cannot be read ({e.strerror or e})")
            continue
        if digest != entry.get("sha256"):
            problems.append(f"{table.file_name}: sha256 {digest[:12]}… does not match the manifest")
            continue
        try:
            pf = pq.ParquetFile(path)
            n = pf.metadata.num_rows
            file_schema = pf.schema_arrow
        except Exception as e:  # noqa: BLE001 - any unreadable file is a skip reason
            problems.append(f"{table.file_name}: unreadable Parquet ({str(e)[:200]})")
            continue
        if n != entry.get("rows"):
            problems.append(f"{table.file_name}: {n} rows, manifest says {entry.get('rows')}")
            continue
        schema_problems = schema_mismatch(table.name, file_schema)
        if schema_problems:
            problems.append(f"{table.file_name}: {'; '.join(schema_problems)}")
            continue
        beyond = limit_problems(table.name, pf) if limits else []
        if beyond:
            problems.append(f"{table.file_name}: {'; '.join(beyond)} (`python -m dashboard "
                            "validate` lists every row)")
            continue
        rows[table.name] = n
    if problems:
        return None, problems
    token_src = json.dumps(manifest, sort_keys=True).encode()
    snap = Snapshot(
        as_of=name,
        path=folder,
        source=str(manifest.get("source", "")),
        created_at=str(manifest.get("created_at", "")),
        rows=rows,
        token=f"{name}:{hashlib.sha256(token_src).hexdigest()[:16]}",
        published_by=publisher_text(manifest.get("published_by")),
    )
    return snap, []


def publisher_text(entry: object) -> str:
    """The manifest's `published_by` in words: "ana@example.org (analyst, browser)"."""
    if not isinstance(entry, dict) or not entry.get("who"):
        return ""
    return f"{entry['who']} ({entry.get('role', '')}, {entry.get('via', '')})"


def outside(path: Path, base: Path) -> bool:
    """Whether path, its links followed, lies outside the folder base (its links followed)."""
    try:
        return not path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def _remove(path: Path) -> None:
    """Remove a leftover folder, or a symbolic link itself (never what it points to)."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _bounds(col: Column) -> tuple[object, object] | None:
    """The smallest and largest value a column may hold without breaking an infinite sum, a
    year range or a date limit (the other rules, e.g. amounts >= 0, are `validate`'s)."""
    if col.type == "double":
        return -MAX_AMOUNT_USD, MAX_AMOUNT_USD
    if col.type == "int" and (col.minimum is not None or col.maximum is not None):
        return (-math.inf if col.minimum is None else col.minimum,
                math.inf if col.maximum is None else col.maximum)
    if col.type == "date":
        return FIRST_DATE, LAST_DATE
    return None


def _min_max(pf: pq.ParquetFile, name: str) -> tuple[object, object]:
    """A column's smallest and largest value: from the row groups' statistics, else read."""
    meta = pf.metadata
    lows, highs = [], []
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        chunk = next((rg.column(i) for i in range(rg.num_columns)
                      if rg.column(i).path_in_schema == name), None)
        stats = chunk.statistics if chunk is not None else None
        if stats is None or not stats.has_min_max:
            if stats is not None and stats.null_count == rg.num_rows:
                continue  # only nulls in this group
            mm = pc.min_max(pf.read(columns=[name])[name])
            return mm["min"].as_py(), mm["max"].as_py()
        lows.append(stats.min)
        highs.append(stats.max)
    return (min(lows) if lows else None), (max(highs) if highs else None)


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def limit_problems(table: str, pf: pq.ParquetFile) -> list[str]:
    """Values beyond the contract's ranges and limits (amounts, years, dates), judged from
    the Parquet footer's statistics, so a published file with e.g. an amount of 1.7e308 or a
    date in the year 9999 is not served (the app would otherwise compute an infinite total
    or draw a years slider from 1 to 9999). Every row is judged by `validate`."""
    out = []
    names = set(pf.schema_arrow.names)
    for col in TABLES[table].columns:
        allowed = _bounds(col)
        if allowed is None or col.name not in names:
            continue
        lo, hi = _min_max(pf, col.name)
        for value in (lo, hi):
            if value is None:
                continue
            bad = value != value if isinstance(value, float) else False  # NaN
            if bad or value < allowed[0] or value > allowed[1]:
                out.append(f"column {col.name} holds {_shown(value)}, outside "
                           f"{_shown(allowed[0])}..{_shown(allowed[1])}")
                break
    return out


def schema_mismatch(table: str, schema: pa.Schema) -> list[str]:
    """How a Parquet file's columns differ from the contract's (names and types)."""
    out = []
    spec = TABLES[table]
    for f in spec.arrow_schema():
        if f.name not in schema.names and spec.column(f.name).optional:
            continue  # an optional column may be absent (it reads as all null)
        if f.name not in schema.names:
            out.append(f"column {f.name} is missing")
        elif not schema.field(f.name).type.equals(f.type):
            out.append(f"column {f.name} is {schema.field(f.name).type}, the contract says {f.type}")
    return out


_check_cache: dict[str, tuple[tuple, tuple[Snapshot | None, list[str]]]] = {}
_check_lock = threading.Lock()


def _folder_signature(folder: Path) -> tuple:
    """(name, size, mtime) of every entry of the folder: changes whenever a file does."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
        return tuple((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries)
    except OSError:
        return ()


def check_folder_cached(folder: Path) -> tuple[Snapshot | None, list[str]]:
    """check_folder, redone only when a file of the folder changed (the app rescans on
    every rerun; this keeps that to a directory listing per snapshot)."""
    sig = _folder_signature(folder)
    key = str(folder)
    with _check_lock:
        hit = _check_cache.get(key)
    if hit is not None and hit[0] == sig and sig:
        return hit[1]
    result = check_folder(folder)
    with _check_lock:
        _check_cache[key] = (sig, result)
    return result


def scan(data_dir: storage.DataDir, fresh: bool = False) -> ScanResult:
    """All snapshot folders under data_dir/snapshots: the published ones and the skipped ones.

    An object store (s3://) is listed at most once per rescan_seconds() per process unless
    `fresh`; its snapshots' files are read from the local read-through cache."""
    if storage.is_remote(data_dir):
        return _scan_remote(storage.location(data_dir), fresh)  # type: ignore[arg-type]
    root = snapshots_dir(data_dir)
    good: list[Snapshot] = []
    skipped: list[Skipped] = []
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue  # temporary folders of an ingest in progress, stray files
            snap, problems = check_folder_cached(folder)
            if snap is None:
                skipped.append(Skipped(folder.name, "; ".join(problems)))
            else:
                good.append(snap)
    good.sort(key=lambda s: s.as_of, reverse=True)
    return ScanResult(tuple(good), tuple(skipped))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def clear_stale_temporaries(root: Path) -> list[Path]:
    """Remove leftovers of an interrupted publish (.tmp-*, .old-*). Returns what was removed.

    Call it only while holding the publish lock (`publish` does), so that no folder of a
    publish still in progress is taken. An `.old-<date>-*` folder whose `<date>` is missing
    is what an interrupted two-rename replace leaves behind (see `_swap`): it is renamed
    back into place, so a killed --replace keeps the old snapshot.
    """
    removed = []
    if root.is_dir():
        for p in sorted(root.iterdir()):
            if p.is_symlink() and p.name.startswith((TMP_PREFIX, OLD_PREFIX)):
                _remove(p)  # what a replace of a linked folder left (an older version)
                removed.append(p)
                continue
            if not p.is_dir():
                continue
            if p.name.startswith(OLD_PREFIX):
                as_of = p.name[len(OLD_PREFIX):len(OLD_PREFIX) + 10]
                if is_iso_date(as_of) and not (root / as_of).exists():
                    os.rename(p, root / as_of)
                    continue
            if p.name.startswith(TMP_PREFIX) or p.name.startswith(OLD_PREFIX):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
    return removed


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths: Linux renameat2(RENAME_EXCHANGE) through libc.

    Returns False where it is unavailable (not Linux, glibc < 2.28, a kernel or file
    system without RENAME_EXCHANGE); the caller then falls back to two renames.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(root: Path, tmp: Path, final: Path) -> Path:
    """Put the complete folder tmp in place of the existing folder final; return where the
    old content now is (the caller removes it with `_remove`, or puts it back with `_unswap`).

    With RENAME_EXCHANGE readers see the old folder or the new one at every instant; the
    old content ends up under tmp's hidden name. The fallback (two renames: final -> .old-*,
    tmp -> final) leaves a moment where final is absent; a crash in that moment is repaired
    by the next publish (`clear_stale_temporaries` renames it back).
    """
    if exchange(tmp, final):
        _fsync_dir(root)
        return tmp  # the old folder, or the old symbolic link (its target untouched)
    old = root / f"{OLD_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
    os.rename(final, old)
    os.rename(tmp, final)
    _fsync_dir(root)
    return old


def _unswap(root: Path, old: Path, final: Path) -> None:
    """Undo `_swap` (the audit record could not be written): the old content back in place."""
    if not exchange(old, final):
        aside = root / f"{TMP_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
        os.rename(final, aside)
        os.rename(old, final)
        old = aside
    _fsync_dir(root)
    _remove(old)  # the new folder


def _unpublish(root: Path, final: Path) -> None:
    """Undo a new date's rename: the folder leaves under a hidden name, then is removed."""
    aside = root / f"{TMP_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
    os.rename(final, aside)
    _fsync_dir(root)
    _remove(aside)


def new_temp_folder(root: Path, as_of: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{TMP_PREFIX}{as_of}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    return tmp


def _write_batches(batches: Iterable[pa.RecordBatch], columns: list[str], schema: pa.Schema,
                   path: Path) -> int:
    """Stream record batches to one Parquet file (bounded memory); return the row count."""
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            table = pa.Table.from_batches([batch]).select(columns).cast(schema)
            writer.write_table(table, row_group_size=1_000_000)
            rows += table.num_rows
    with open(path, "rb") as f:
        os.fsync(f.fileno())
    return rows


def write_tables(folder: Path,
                 tables: Mapping[str, pa.Table | Iterable[pa.RecordBatch]]) -> dict[str, dict]:
    """Write each table as Parquet into folder (with the contract's schema); return manifest files.

    A table is a pa.Table, or an iterable of pa.RecordBatch streamed to the file batch by
    batch (the generator's --cost-rows uses this for millions of rows).
    """
    files: dict[str, dict] = {}
    for name, spec in TABLES.items():
        data = tables[name]
        path = folder / spec.file_name
        if isinstance(data, pa.Table):
            schema = spec.arrow_schema(present=data.column_names)
            table = data.select(schema.names).cast(schema)
            _write_parquet(table, path)
            rows = table.num_rows
        else:
            rows = _write_batches(data, list(spec.column_names), spec.arrow_schema(), path)
        files[spec.file_name] = {"rows": rows, "sha256": sha256_file(path)}
    return files


def write_manifest(folder: Path, as_of: str, source: str, files: dict[str, dict],
                   created_at: str | None = None,
                   published_by: Mapping[str, str] | None = None) -> None:
    manifest: dict[str, object] = {
        "as_of": as_of,
        "source": source,
        "created_at": created_at or audit.now_utc(),
        "files": files,
    }
    if published_by:
        manifest["published_by"] = dict(published_by)
    path = folder / MANIFEST
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())


class SnapshotExists(Exception):
    pass


def publish(data_dir: storage.DataDir, as_of: str, tables: dict[str, pa.Table], source: str, *,
            replace: bool = False, created_at: str | None = None,
            actor: audit.Actor | None = None,
            source_files: Iterable[audit.SourceFile] = ()) -> Path:
    """Publish tables as snapshots/<as_of>/ atomically: THE publish code path (`ingest` on
    the command line and the app's "Load data" page both come here).

    Files go to a hidden temporary folder inside snapshots/ (`.tmp-<as_of>-*`, which scan
    ignores), are flushed to disk, the manifest is written last, then the folder is
    renamed into place. A crash or kill at any moment leaves no snapshot or a complete
    one; the leftovers are hidden folders that the next publish removes. With replace,
    the new folder and the old one are exchanged atomically (`_swap`), then the old one is
    removed. Publishes into one data directory are serialized by an advisory lock on the
    snapshots/ folder itself (flock; no lock file is left behind).

    actor: who publishes (the browser's signed-in user, or the command line's). Their role
    is checked here, under the lock, where the date's existence is known (a new date needs
    an analyst, a replace an admin: auth.check_publish raises auth.NotAllowed); the manifest
    names them (`published_by`), and the audit log gets a record (dashboard/store/audit.py)
    once the folder is in place, before a replaced one is removed. If that record cannot
    be written the publish is undone and the error raised: no publish without its record.
    Without an actor (the sample generator, test fixtures) nothing is checked or audited.

    On an object store (s3://) the same guarantees hold by other means (`_publish_remote`):
    the files go under a new data prefix, the manifest, written last, is the commit marker,
    and the store's conditional write decides between two publishers of one date; the
    audit record is an object of its own (dashboard/store/audit.py).
    """
    if not is_iso_date(as_of):
        raise ValueError(f"as_of {as_of!r} is not an ISO date YYYY-MM-DD")
    if storage.is_remote(data_dir):
        return _publish_remote(storage.location(data_dir), as_of, tables, source,  # type: ignore[arg-type,return-value]
                               replace=replace, created_at=created_at, actor=actor,
                               source_files=tuple(source_files))
    root = snapshots_dir(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    lock = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released on close, or when the process dies
        clear_stale_temporaries(root)
        final = root / as_of
        replacing = final.exists()
        if replacing and not replace:
            raise SnapshotExists(f"snapshot {as_of} already exists at {final} (use --replace)")
        if actor is not None:
            auth.check_publish(actor.role, replacing)
        tmp = new_temp_folder(root, as_of)
        try:
            files = write_tables(tmp, tables)
            write_manifest(tmp, as_of, source, files, created_at,
                           actor.as_dict() if actor is not None else None)
            _fsync_dir(tmp)
            old = _swap(root, tmp, final) if replacing else None
            if old is None:
                os.rename(tmp, final)
                _fsync_dir(root)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if actor is not None:
            record = audit.Record(
                at=audit.now_utc(), actor=actor, as_of=as_of,
                action=audit.ACTION_REPLACE if replacing else audit.ACTION_NEW,
                source_note=source, source_files=tuple(source_files),
                files={name: entry["sha256"] for name, entry in files.items()})
            try:
                audit.append(data_dir, record)
            except BaseException:
                if old is not None:
                    _unswap(root, old, final)
                else:
                    _unpublish(root, final)
                raise
        if old is not None:
            _remove(old)
    finally:
        os.close(lock)
    return final


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
LEFTOVER_SECONDS = 3600.0  # an unreferenced file folder older than this is removed
DATA_PREFIX = "data_prefix"
DATA_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}/$")


def rescan_seconds() -> float:
    """How long a scan of an object store is reused ($ICT_DASHBOARD_RESCAN_SECONDS, default 5)."""
    try:
        return max(0.0, float(os.environ.get(RESCAN_ENV, RESCAN_SECONDS)))
    except ValueError:
        return RESCAN_SECONDS


def _group(listing: Mapping[str, storage.ObjectInfo]) -> dict[str, dict[str, storage.ObjectInfo]]:
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


def remember_sha256(path: Path, digest: str) -> None:
    """Record a file's known checksum (a hard link of a checked cache file) in sha256_file's
    cache, so it is not read again to be checked."""
    st = path.stat()
    with _sha_lock:
        _sha_cache[(str(path), st.st_size, st.st_mtime_ns)] = digest


def remote_folders(loc: storage.S3Location) -> list[tuple[str, Path | None, list[str]]]:
    """(name, local folder or None, problems) of every visible snapshot folder of an object
    store: those with a manifest (a folder without one is a publish in progress)."""
    st = storage.store(loc)
    grouped = _group(st.list(SNAPSHOTS_FOLDER))
    out = []
    for name in sorted(grouped):
        if name.startswith(".") or MANIFEST not in grouped[name]:
            continue
        folder, problems = _fetch_view(st, name, grouped[name])
        out.append((name, folder, problems))
    return out


_remote_scans: dict[str, tuple[float, ScanResult]] = {}
_remote_lock = threading.Lock()


def _scan_remote(loc: storage.S3Location, fresh: bool = False) -> ScanResult:
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


def exists(data_dir: storage.DataDir, as_of: str) -> bool:
    """Whether a snapshot folder of that date is there (published or not, locally; with a
    manifest, on an object store)."""
    if storage.is_remote(data_dir):
        st = storage.store(data_dir)  # type: ignore[arg-type]
        return st.etag(f"{SNAPSHOTS_FOLDER}/{as_of}/{MANIFEST}") is not None
    return (snapshots_dir(data_dir) / as_of).exists()  # type: ignore[arg-type]


def clear_remote_leftovers(st: storage.S3Store, older_than: float | None = None) -> list[str]:
    """Remove file folders no manifest names (a killed publish's, or a replaced version's)
    once they, and the manifest that replaced them, are older_than seconds
    (LEFTOVER_SECONDS): a reader fetching a replaced version has long finished. Returns
    the removed keys."""
    age = LEFTOVER_SECONDS if older_than is None else older_than
    now = dt.datetime.now(dt.UTC)
    grouped = _group(st.list(SNAPSHOTS_FOLDER))
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


def _publish_remote(loc: storage.S3Location, as_of: str, tables: dict[str, pa.Table],
                    source: str, *, replace: bool, created_at: str | None,
                    actor: audit.Actor | None = None,
                    source_files: tuple[audit.SourceFile, ...] = ()) -> storage.S3Location:
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
                       actor.as_dict() if actor is not None else None)
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
            at=audit.now_utc(), actor=actor, as_of=as_of,
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
