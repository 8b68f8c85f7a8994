"""The feed's per-address token bucket (dashboard/feed/limits.py), on a clock of the test's."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from dashboard.feed import limits
from dashboard.feed import routes as feed


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_refuses_beyond_its_burst_and_refills():
    clock = Clock()
    b = limits.Buckets(rate=2.0, burst=3, clock=clock)
    assert [b.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert b.take("a") == 0.5  # one token at 2 per second
    assert b.take("b") == 0.0  # another address has its own bucket
    clock.now += 0.5
    assert b.take("a") == 0.0
    assert limits.retry_after(0.5) == "1" and limits.retry_after(2.2) == "3"


def test_the_feed_answers_429_with_retry_after(monkeypatch, tmp_path):
    clock = Clock()
    monkeypatch.setattr(feed, "buckets", limits.Buckets(rate=0.1, burst=1, clock=clock))
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")  # answers without data work
    with TestClient(Starlette(routes=feed.routes())) as c:
        assert c.get("/api/v1/datasets").status_code == 401
        r = c.get("/api/v1/datasets")
        assert r.status_code == 429
        assert r.headers["retry-after"] == "10"
        assert "too many requests" in r.json()["error"]
