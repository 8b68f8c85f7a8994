"""A real S3 API server for the tests: moto's ThreadedMotoServer on 127.0.0.1, a free port.

`moto_server()` starts it (start() returns once the server is bound: an event, no wait of
our own), yields its endpoint and stops it. `s3_env(endpoint, cache)` is the environment an
app server or a command needs to reach it: the standard AWS settings (botocore reads them,
as it would for AWS S3, MinIO or Ceph) and this process's read-through cache folder.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import s3fs

from dashboard.store import folders, remote_scan, storage

REGION = "us-east-1"


@contextmanager
def moto_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_env(endpoint: str, cache: Path) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        storage.CACHE_ENV: str(cache),
    }


def make_bucket(name: str) -> None:
    """Create a bucket on the server the environment points at."""
    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir(name)


def forget_process_state() -> None:
    """What a fresh server process would not have: the scans, fetched views and checksums
    remembered in memory (the disk cache stays, as it does across restarts)."""
    remote_scan._remote_scans.clear()
    remote_scan._view_cache.clear()
    folders._check_cache.clear()
    storage._stores.clear()


def set_env(monkeypatch, env: dict[str, str]) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for k in ("AWS_PROFILE", "AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(k, raising=False)


def environ_with(env: dict[str, str]) -> dict[str, str]:
    out = {**os.environ, **env}
    for k in ("AWS_PROFILE", "AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN"):
        out.pop(k, None)
    return out
