"""THE publish of a snapshot on a local data directory: written beside the live folders
under a lock, swapped in atomically (renameat2 RENAME_EXCHANGE), the role checked
(`auth.check_publish`) and the audit record appended; an object-store data directory is
published by dashboard/store/remote_publish.py.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa

from dashboard.access import auth
from dashboard.config import snapshots_dir
from dashboard.store import audit, folders, storage
from dashboard.store.folders import (
    OLD_PREFIX,
    TMP_PREFIX,
    SnapshotExists,
    fsync_dir,
    is_iso_date,
    remove_path,
    write_manifest,
    write_tables,
)
from dashboard.store.remote_publish import publish_remote


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
                remove_path(p)  # what a replace of a linked folder left (an older version)
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
    old content now is (the caller removes it with `remove_path`, or puts it back with `_unswap`).

    With RENAME_EXCHANGE readers see the old folder or the new one at every instant; the
    old content ends up under tmp's hidden name. The fallback (two renames: final -> .old-*,
    tmp -> final) leaves a moment where final is absent; a crash in that moment is repaired
    by the next publish (`clear_stale_temporaries` renames it back).
    """
    if exchange(tmp, final):
        fsync_dir(root)
        return tmp  # the old folder, or the old symbolic link (its target untouched)
    old = root / f"{OLD_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
    os.rename(final, old)
    os.rename(tmp, final)
    fsync_dir(root)
    return old


def _unswap(root: Path, old: Path, final: Path) -> None:
    """Undo `_swap` (the audit record could not be written): the old content back in place."""
    if not exchange(old, final):
        aside = root / f"{TMP_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
        os.rename(final, aside)
        os.rename(old, final)
        old = aside
    fsync_dir(root)
    remove_path(old)  # the new folder


def _unpublish(root: Path, final: Path) -> None:
    """Undo a new date's rename: the folder leaves under a hidden name, then is removed."""
    aside = root / f"{TMP_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}"
    os.rename(final, aside)
    fsync_dir(root)
    remove_path(aside)


def new_temp_folder(root: Path, as_of: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{TMP_PREFIX}{as_of}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    return tmp


def publish(data_dir: storage.DataDir, as_of: str, tables: dict[str, pa.Table], source: str, *,
            replace: bool = False, created_at: str | None = None,
            actor: audit.Actor | None = None,
            source_files: Iterable[audit.SourceFile] = (),
            publisher: Mapping[str, str] | None = None) -> Path:
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
    Without an actor (the sample generator, test fixtures) nothing is checked or audited;
    `publisher` then names who published in the manifest (the generator: "Sample generator").

    On an object store (s3://) the same guarantees hold by other means (`publish_remote`):
    the files go under a new data prefix, the manifest, written last, is the commit marker,
    and the store's conditional write decides between two publishers of one date; the
    audit record is an object of its own (dashboard/store/audit.py).
    """
    if not is_iso_date(as_of):
        raise ValueError(f"as_of {as_of!r} is not an ISO date YYYY-MM-DD")
    if storage.is_remote(data_dir):
        return publish_remote(storage.location(data_dir), as_of, tables, source,  # type: ignore[arg-type,return-value]
                               replace=replace, created_at=created_at, actor=actor,
                               source_files=tuple(source_files), publisher=publisher)
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
                           actor.as_dict() if actor is not None else publisher)
            fsync_dir(tmp)
            old = _swap(root, tmp, final) if replacing else None
            if old is None:
                os.rename(tmp, final)
                fsync_dir(root)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if actor is not None:
            record = audit.Record(
                at=folders.now_utc(), actor=actor, as_of=as_of,
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
            remove_path(old)
    finally:
        os.close(lock)
    return final
