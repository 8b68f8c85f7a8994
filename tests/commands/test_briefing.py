"""`python -m dashboard briefing` (dashboard/commands/briefing.py): without --compare-to the
pack compares with the snapshot before the one shown, as the app does, so the default pack
has its What changed section when there is one. The PDF itself: tests/output/test_briefing.py."""

from __future__ import annotations

import pytest

from dashboard import cli
from dashboard.lang import translate
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


@pytest.fixture
def languages(monkeypatch):
    """The language each briefing is made in (no PDF printed)."""
    seen: list = []

    def fake(ctx, snapshot, scan, options):
        seen.append(translate.current())
        return b"%PDF-1.7 test"

    monkeypatch.setattr(briefing, "make_briefing", fake)
    return seen


def test_the_briefing_is_made_in_the_language_asked(tmp_path, languages, capsys):
    fixture_data.build(tmp_path / "data")
    for lang in ([], ["--lang", "fr"], ["--lang", "en"]):
        assert cli.main(["briefing", "--data-dir", str(tmp_path / "data"), "--out",
                         str(tmp_path / "pack.pdf"), *lang]) == 0
    assert languages == ["en", "fr", "en"]
    assert translate.current() == "en"  # the command's language ends with it
    with pytest.raises(SystemExit) as bad:
        cli.main(["briefing", "--data-dir", str(tmp_path / "data"), "--out",
                  str(tmp_path / "pack.pdf"), "--lang", "de"])
    assert bad.value.code == 2
    assert "argument --lang: invalid choice: 'de' (choose from 'en', 'fr')" in (
        capsys.readouterr().err)
