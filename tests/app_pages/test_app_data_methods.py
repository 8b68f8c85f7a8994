"""AppTest: Data & methods for a manager: who published each snapshot is said (the sample's
generator, or "not recorded"), dates read as dates, the source line is plain words, and the
audit log's note about the sample generator is there only for the sample."""

from __future__ import annotations

from dashboard import pages as registry
from dashboard.config import REPO_ROOT
from tests import fixture_data
from tests.apptest import no_exception, open_app

SAMPLE_NOTE = "generator"


def _data_methods(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    no_exception(at)
    return at


def _snapshots(at):
    return next(d.value for d in at.dataframe if "published_by" in d.value.columns)


def test_the_sample_says_its_generator_published_it(monkeypatch):
    at = _data_methods(REPO_ROOT / "data", monkeypatch)
    snaps = _snapshots(at)
    # shown to everyone: a program, not a person's address (this visitor is not signed in)
    assert set(snaps["published_by"]) == {"Sample generator"}
    assert all("`" not in s and "python" not in s for s in snaps["source"])
    captions = " ".join(c.value for c in at.caption)
    assert "`" not in captions  # the source line: no code span, no command
    assert SAMPLE_NOTE in captions  # the audit log is empty: the generator made these


def test_other_data_says_nothing_of_the_sample_generator(tmp_path, monkeypatch):
    fixture_data.build(tmp_path, source="ICT Network business cases, received 2006-01-03")
    at = _data_methods(tmp_path, monkeypatch)
    snaps = _snapshots(at)
    assert list(snaps["published_by"]) == ["not recorded"]  # published without a publisher
    captions = " ".join(c.value for c in at.caption)
    assert "audit log is empty" in captions
    assert SAMPLE_NOTE not in captions
