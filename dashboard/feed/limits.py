"""Too many feed requests from one address: a token bucket per address, in this server's
memory (several servers behind the balancer each keep their own: docs/deploy.md). A
request finding its bucket empty gets 429 with `Retry-After` (whole seconds until a
request is allowed again)."""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable

RATE_ENV = "ICT_DASHBOARD_FEED_RATE"  # requests per second per address (the benchmark: many)
RATE = float(os.environ.get(RATE_ENV) or 2.0)  # requests per second refilled, per address
BURST = max(60, int(RATE * 30))  # requests an address may make at once
MAX_KEYS = 10_000  # addresses remembered; the fullest buckets are forgotten beyond


class Buckets:
    def __init__(self, rate: float = RATE, burst: int = BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._state: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may go ahead (one token taken), else the seconds to wait."""
        with self._lock:
            now = self.clock()
            tokens, at = self._state.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            if tokens >= 1:
                self._state[key] = (tokens - 1, now)
                self._forget()
                return 0.0
            self._state[key] = (tokens, now)
            return (1 - tokens) / self.rate

    def _forget(self) -> None:
        if len(self._state) > MAX_KEYS:
            for key, _ in sorted(self._state.items(), key=lambda kv: -kv[1][0])[:MAX_KEYS // 10]:
                del self._state[key]


def retry_after(wait: float) -> str:
    return str(max(1, math.ceil(wait)))
