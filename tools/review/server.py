"""The real app server over a data directory, as the browser tests start it
(tests/browser/conftest.py): a free port on 127.0.0.1, ICT_DASHBOARD_DATA pointing at the
data, ready once it prints its URL (an event: its output is read line by line into a log)
and /_stcore/health answers; stopped (killed if it does not stop) at the end.

`server_command` is the ONE place the command is written: when the app's entry point
changes, change it there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.config import DATA_DIR_ENV, REPO_ROOT

START_TIMEOUT_S = 300  # a bound on a hang; a busy machine is slow, never this slow
ATTEMPTS = 5  # a free port can be taken by another process before the server binds it


def server_command(port: int) -> list[str]:
    """The command that serves the app on 127.0.0.1:port (run from the repository root)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / "server.py"),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]


class ServerError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _start(data_dir: Path, log_path: Path) -> tuple[subprocess.Popen, str] | None:
    """(process, base URL), or None when the port was taken meanwhile."""
    port = _free_port()
    env = {**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(server_command(port), cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            encoding="utf-8", errors="replace")
    said_url, settled = threading.Event(), threading.Event()

    def copy_output() -> None:
        with open(log_path, "w", encoding="utf-8") as log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if "URL: http" in line:
                    said_url.set()
                    settled.set()
        settled.set()  # its output ended: it exited

    threading.Thread(target=copy_output, daemon=True, name=f"server log {port}").start()
    if not settled.wait(START_TIMEOUT_S):
        _stop(proc)
        raise ServerError(f"the app server did not start within {START_TIMEOUT_S} s; its log "
                          f"{log_path}:\n{_tail(log_path)}")
    if not said_url.is_set():
        proc.wait(timeout=START_TIMEOUT_S)
        if "already in use" in _tail(log_path).lower():
            return None
        raise ServerError(f"the app server exited with code {proc.returncode}; its log "
                          f"{log_path}:\n{_tail(log_path)}")
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=START_TIMEOUT_S) as r:
            ok = r.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    if not ok:
        _stop(proc)
        raise ServerError(f"the app server printed its URL but /_stcore/health did not "
                          f"answer; its log {log_path}:\n{_tail(log_path)}")
    return proc, base


@contextmanager
def serving(data_dir: Path, log_path: Path) -> Iterator[str]:
    """The app served over data_dir while the block runs; yields its base URL."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(ATTEMPTS):
        started = _start(data_dir, log_path)
        if started:
            break
    else:
        raise ServerError(f"no free port for the app server after {ATTEMPTS} attempts")
    proc, base = started
    try:
        yield base
    finally:
        _stop(proc)
