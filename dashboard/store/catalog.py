"""Which snapshots are published: the scan of a data directory, local or an object store's
manifests (dashboard/store/remote_scan.py), and whether a date is published.
"""

from __future__ import annotations

from dashboard.config import SNAPSHOTS as SNAPSHOTS_FOLDER
from dashboard.config import snapshots_dir
from dashboard.store import storage
from dashboard.store.folders import MANIFEST, ScanResult, Skipped, Snapshot, check_folder_cached
from dashboard.store.remote_scan import scan_remote


def scan(data_dir: storage.DataDir, fresh: bool = False) -> ScanResult:
    """All snapshot folders under data_dir/snapshots: the published ones and the skipped ones.

    An object store (s3://) is listed at most once per rescan_seconds() per process unless
    `fresh`; its snapshots' files are read from the local read-through cache."""
    if storage.is_remote(data_dir):
        return scan_remote(storage.location(data_dir), fresh)  # type: ignore[arg-type]
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


def exists(data_dir: storage.DataDir, as_of: str) -> bool:
    """Whether a snapshot folder of that date is there (published or not, locally; with a
    manifest, on an object store)."""
    if storage.is_remote(data_dir):
        st = storage.store(data_dir)  # type: ignore[arg-type]
        return st.etag(f"{SNAPSHOTS_FOLDER}/{as_of}/{MANIFEST}") is not None
    return (snapshots_dir(data_dir) / as_of).exists()  # type: ignore[arg-type]
