"""One briefing at a time per server: Chromium's memory and two cores are shared with
every session (dashboard/ui/briefing.py asks for the slot before making a pack)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()


@contextlib.contextmanager
def one_at_a_time(wait_s: float) -> Iterator[bool]:
    """The server's one briefing slot: yields True once held (waiting at most `wait_s`
    seconds for another briefing to end), False when it stayed busy."""
    got = _LOCK.acquire(timeout=wait_s) if wait_s > 0 else _LOCK.acquire(blocking=False)
    try:
        yield got
    finally:
        if got:
            _LOCK.release()


def busy() -> bool:
    """True while a briefing is being made on this server."""
    return _LOCK.locked()
