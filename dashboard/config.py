"""Where things live. Paths resolve from this file, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.store.storage import DataDir, is_remote, location

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = REPO_ROOT / "queries"
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DATA_DIR_ENV = "ICT_DASHBOARD_DATA"
SNAPSHOTS = "snapshots"
DEFAULT_SEED = 2005
DEFAULT_DISCOUNT_RATE = 0.05
# The "Load data" page's cap on one uploaded file (the workbook or the zip), in MB, and one
# MB is 1,000,000 bytes wherever the cap is stated or enforced (the page, the check in
# dashboard/intake/loading.py, the messages): the unit Streamlit's uploader uses in the browser
# (its `max_upload_size` counts 1,000 bytes to the kB outside Windows). The server's own
# bound, server.maxUploadSize of .streamlit/config.toml, counts MiB (Streamlit multiplies
# it by 1,048,576), so the same number there is a little larger and never refuses a file
# the page accepts: keep it at least the cap.
MAX_UPLOAD_MB_ENV = "ICT_DASHBOARD_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 20
MB = 1_000_000  # bytes in the cap's MB


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


def max_upload_bytes(cap_mb: int) -> int:
    """The cap in bytes: cap_mb × 1,000,000."""
    return cap_mb * MB


def upload_cap_text(cap_mb: int) -> str:
    """The cap as the page and the messages state it, in the reader's language: "20 MB
    (20,000,000 bytes)", in French "20 Mo (20 000 000 octets)"."""
    return _("{mb} MB ({size} bytes)").format(mb=number(cap_mb, 0),
                                              size=number(max_upload_bytes(cap_mb), 0))
