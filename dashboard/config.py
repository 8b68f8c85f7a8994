"""Where things live. Paths resolve from this file, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.store.storage import DataDir, is_remote, location

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = REPO_ROOT / "queries"
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DATA_DIR_ENV = "ICT_DASHBOARD_DATA"
SNAPSHOTS = "snapshots"
DEFAULT_SEED = 2005
DEFAULT_DISCOUNT_RATE = 0.05
# The "Load data" page's cap on one uploaded file (the workbook or the zip), in MB. Keep it
# at most server.maxUploadSize of .streamlit/config.toml, which bounds every upload.
MAX_UPLOAD_MB_ENV = "ICT_DASHBOARD_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 20


def data_dir(override: str | os.PathLike | None = None) -> DataDir:
    """The data directory: --data-dir, else $ICT_DASHBOARD_DATA, else data/ in the repository.
    A local folder (a Path) or an object-store prefix `s3://bucket/prefix` (an S3Location;
    dashboard/store/storage.py). ValueError for an s3:// URL that names no valid bucket."""
    if override:
        return location(override)
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return location(env)
    return DEFAULT_DATA_DIR


def data_dir_label() -> str:
    """How the pages name the data directory: never the server's own path (a viewer has no
    use for it, and it tells an attacker where the files are)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env and is_remote(env):
        return f"the object-store prefix named by {DATA_DIR_ENV} on the server"
    if env:
        return f"the folder named by {DATA_DIR_ENV} on the server"
    return "data/ in the repository"


def snapshots_dir(base: Path) -> Path:
    return base / SNAPSHOTS


def max_upload_mb() -> int:
    """The cap on one uploaded file in MB: $ICT_DASHBOARD_MAX_UPLOAD_MB (a whole number from
    1 to 200), else 20. A wrong value is an error at start, never silently replaced."""
    raw = os.environ.get(MAX_UPLOAD_MB_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_UPLOAD_MB
    if not raw.isdigit() or not 1 <= int(raw) <= 200:
        raise ValueError(f"{MAX_UPLOAD_MB_ENV}={raw!r}: write a whole number of megabytes "
                         "from 1 to 200")
    return int(raw)
