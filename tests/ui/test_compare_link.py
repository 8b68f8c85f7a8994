"""What changed's "compare with" picker (dashboard/ui/compare_link.py): each snapshot's
date as a reader reads it (FR #10: "1er juillet 2005" in French, not "2005-07-01"), the
address its ISO date, as before (a link made in either language opens the same view).

Three snapshots: the fixture (2006-01-01, newest), its earlier state (2005-07-01, the
default: the one just before) and the same again as of 2005-03-15."""

from __future__ import annotations

import pytest

from tests import fixture_data
from tests.apptest import PAGES, no_exception, open_app

EARLIER, OLDEST = fixture_data.EARLIER_AS_OF, "2005-03-15"


@pytest.fixture(scope="module")
def three_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("three-snapshots-compare")
    fixture_data.build_two(d)
    fixture_data.build(d, as_of=OLDEST, rows=fixture_data.earlier_rows())
    return d


def _what_changed(at, params=None):
    at.query_params.update(params or {})
    at.run()
    at.switch_page(PAGES["what-changed"]).run()
    no_exception(at)
    return at.selectbox(key="compare")


def test_the_picker_shows_dates_in_words_and_the_address_keeps_iso(three_dir, monkeypatch):
    at = open_app(three_dir, monkeypatch)
    picker = _what_changed(at, {"lang": "fr"})
    assert picker.options == ["1er\u00a0juillet\u00a02005", "15\u00a0mars\u00a02005"]
    assert picker.value == EARLIER  # the value is the ISO date
    assert "compare" not in at.query_params  # the default is left out of the address
    picker.set_value(OLDEST).run()
    no_exception(at)
    assert at.query_params["compare"] == OLDEST
    assert at.selectbox(key="compare").value == OLDEST
    at.radio(key="lang").set_value("en").run()  # English: ISO, as always
    assert at.selectbox(key="compare").options == [EARLIER, OLDEST]
    assert at.selectbox(key="compare").value == OLDEST


def test_a_link_names_the_compared_snapshot_by_its_iso_date(three_dir, monkeypatch):
    at = open_app(three_dir, monkeypatch)
    picker = _what_changed(at, {"lang": "fr", "compare": OLDEST})
    assert picker.value == OLDEST
    assert at.query_params["compare"] == OLDEST
