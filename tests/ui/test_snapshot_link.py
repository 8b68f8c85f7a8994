"""Links that hold (dashboard/ui/snapshot_link.py): the address always names the snapshot
shown; a link to an older snapshot opens it, says a newer one exists and switches to it in
one click, keeping every other filter.

Two snapshots (tests/fixture_data.build_two), figures by hand:
  2006-01-01 (newest, the fixture): total cost 255; UNDP's own costs ERP 100 + SEC 10 = 110
  2005-07-01 (earlier): total cost 260 (ERP staff 75, OLD 35 added, TRN 5 not yet);
             UNDP's own costs ERP 75 + SEC 10 = 85
"""

from __future__ import annotations

import pytest

from dashboard import pages as registry
from tests import fixture_data
from tests.apptest import metrics, no_exception, open_app

NEWEST, EARLIER = "2006-01-01", fixture_data.EARLIER_AS_OF


@pytest.fixture(scope="module")
def two_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("two-snapshots-links")
    fixture_data.build_two(d)
    return d


@pytest.fixture
def app(two_dir, monkeypatch):
    return open_app(two_dir, monkeypatch)


def _infos(at) -> str:
    return " ".join(i.value.replace("\\", "") for i in at.info)


def _switch(at):
    return [b for b in at.button if b.key == "to_newest_snapshot"]


def test_the_default_address_names_the_newest_snapshot(app):
    app.run()
    no_exception(app)
    assert app.query_params["snapshot"] == NEWEST
    assert metrics(app)["Total cost"] == "$255"
    assert "newer snapshot" not in _infos(app) and not _switch(app)


def test_a_link_to_the_older_snapshot_opens_it_and_says_a_newer_one_exists(app):
    app.query_params.update({"snapshot": EARLIER, "agency": "UNDP", "rate": "0.1"})
    app.run()
    no_exception(app)
    assert app.selectbox(key="snapshot").value == EARLIER
    assert app.query_params["snapshot"] == EARLIER  # the address still names it
    assert metrics(app)["Total cost (UNDP's share)"] == "$85"
    infos = _infos(app)
    assert f"shows the snapshot as of **{EARLIER}**" in infos
    assert f"A newer snapshot is published: as of **{NEWEST}**" in infos
    assert _switch(app)[0].label == f"Show the newest snapshot (as of {NEWEST})"
    # a rerun (any click) keeps the link's snapshot
    app.run()
    assert app.selectbox(key="snapshot").value == EARLIER
    assert metrics(app)["Total cost (UNDP's share)"] == "$85"


def test_the_switch_to_the_newest_keeps_every_other_filter(app):
    app.query_params.update({"snapshot": EARLIER, "agency": "UNDP", "rate": "0.1"})
    app.run()
    _switch(app)[0].click().run()
    no_exception(app)
    assert app.selectbox(key="snapshot").value == NEWEST
    assert app.query_params["snapshot"] == NEWEST
    assert app.query_params["agency"] == "UNDP" and app.query_params["rate"] == "0.1"
    assert app.multiselect(key="agency").value == ["UNDP"]
    assert metrics(app)["Total cost (UNDP's share)"] == "$110"
    assert not _switch(app) and "newer snapshot" not in _infos(app)


def test_the_sidebar_choice_and_the_address_stay_in_step(app):
    app.run()
    app.selectbox(key="snapshot").set_value(EARLIER).run()
    no_exception(app)
    assert app.query_params["snapshot"] == EARLIER
    assert metrics(app)["Total cost"] == "$260"
    app.switch_page(registry.BY_URL["funding"].app_test_path).run()
    no_exception(app)
    assert app.query_params["snapshot"] == EARLIER and _switch(app)
    app.selectbox(key="snapshot").set_value(NEWEST).run()
    assert app.query_params["snapshot"] == NEWEST


def test_an_unknown_snapshot_is_named_and_the_newest_shown(app):
    app.query_params["snapshot"] = "1999-01-01"
    app.run()
    no_exception(app)
    warnings = " ".join(w.value for w in app.warning)
    assert "snapshot='1999-01-01'" in warnings and "Showing the newest" in warnings
    assert app.query_params["snapshot"] == NEWEST
    assert metrics(app)["Total cost"] == "$255"
