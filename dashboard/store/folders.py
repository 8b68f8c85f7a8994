"""A snapshot folder: `snapshots/<as_of>/` holding the six tables (and the optional
`ranges` table, version 3) as Parquet and a
`manifest.json` with each file's row count and sha256; reading and checking one (a folder
whose manifest is missing or does not match its files, or whose values break the contract's
limits, is not published), and writing its tables and manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import shutil
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.contract.schema import (
    FIRST_DATE,
    ISO_DATE_PATTERN,
    LAST_DATE,
    MAX_AMOUNT_USD,
    MAX_TEXT_CHARS,
    TABLES,
    Column,
    date_in_range,
)
from dashboard.store import storage

MANIFEST = "manifest.json"
DATE_RE = re.compile(ISO_DATE_PATTERN)
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


def now_utc() -> str:
    """The one UTC stamp of manifests, audit records and exports."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        if entry is None and table.optional and not path.exists():
            continue  # an optional table (ranges) the snapshot does not have
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
    """The manifest's `published_by` in words: "ana@example.org (analyst, browser)";
    "Sample generator" (no role, no way in: the project's generator)."""
    if not isinstance(entry, dict) or not entry.get("who"):
        return ""
    how = ", ".join(str(entry[k]) for k in ("role", "via") if entry.get(k))
    return f"{entry['who']} ({how})" if how else str(entry["who"])


def outside(path: Path, base: Path) -> bool:
    """Whether path, its links followed, lies outside the folder base (its links followed)."""
    try:
        return not path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def remove_path(path: Path) -> None:
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


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)
    with open(path, "rb") as f:
        os.fsync(f.fileno())


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
        if name not in tables and spec.optional:
            continue  # an optional table (ranges) the snapshot does not have
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
        "created_at": created_at or now_utc(),
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


def remember_sha256(path: Path, digest: str) -> None:
    """Record a file's known checksum (a hard link of a checked cache file) in sha256_file's
    cache, so it is not read again to be checked."""
    st = path.stat()
    with _sha_lock:
        _sha_cache[(str(path), st.st_size, st.st_mtime_ns)] = digest
