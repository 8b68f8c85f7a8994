"""`python -m dashboard briefing` (dashboard/commands/briefing.py): without --compare-to the
pack compares with the snapshot before the one shown, as the app does, so the default pack
has its What changed section when there is one. The PDF itself: tests/output/test_briefing.py."""

from __future__ import annotations

import pytest

from dashboard import cli
from dashboard.output import briefing
from tests import fixture_data


@pytest.fixture
def made(monkeypatch):
    """The context each briefing is asked for (no PDF printed)."""
    seen: list = []

    def fake(ctx, snapshot, scan, options):
        seen.append(ctx.compare_to)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(briefing, "make_briefing", fake)
    return seen


@pytest.mark.parametrize("extra, compared", [
    ([], fixture_data.EARLIER_AS_OF),  # the default: the previous snapshot
    (["--snapshot", fixture_data.EARLIER_AS_OF], None),  # the first has none before it
])
def test_the_default_briefing_compares_with_the_previous_snapshot(tmp_path, made, extra,
                                                                  compared):
    fixture_data.build_two(tmp_path / "data")
    out = tmp_path / "pack.pdf"
    assert cli.main(["briefing", "--data-dir", str(tmp_path / "data"), "--out", str(out),
                     *extra]) == 0
    assert made == [compared]
    assert out.read_bytes() == b"%PDF-1.7 test"
