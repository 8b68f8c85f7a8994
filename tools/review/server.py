"""The real app server over a data directory, for the screenshots: the browser tests' own
start (tests/browser/conftest.py `start_server`: dashboard/server.py on a free port of
127.0.0.1, waiting on the server's own announcement and /_stcore/health), so the command
that serves the app is written once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.conftest import start_server, stop_server


class ServerError(RuntimeError):
    pass


@contextmanager
def serving(data_dir: Path, log_path: Path) -> Iterator[str]:
    """The app served over data_dir while the block runs; yields its base URL."""
    try:
        server = start_server(data_dir, log_path)
    except RuntimeError as e:
        raise ServerError(f"the app server did not start: {e}") from None
    try:
        yield server.base_url
    finally:
        stop_server(server.process)
