"""AppTest on tmp data dirs: a snapshot folder that fails its manifest check is skipped with
a warning naming it while the others are served; with no valid snapshot a page explains
how to load data."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from dashboard import pages as registry
from tests import fixture_data
from tests.apptest import open_app


@pytest.mark.parametrize("damage", ["checksum", "missing file", "unreadable", "no manifest"])
def test_a_broken_snapshot_is_skipped_and_named(tmp_path, monkeypatch, damage):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    bad = fixture_data.build(tmp_path, as_of="2006-06-30")
    if damage == "checksum":
        with open(bad / "costs.parquet", "ab") as f:
            f.write(b"tampered")
    elif damage == "missing file":
        (bad / "benefits.parquet").unlink()
    elif damage == "unreadable":
        # a file that matches its manifest but is not Parquet
        junk = b"not parquet at all"
        (bad / "agencies.parquet").write_bytes(junk)
        manifest = json.loads((bad / "manifest.json").read_text())
        manifest["files"]["agencies.parquet"]["sha256"] = hashlib.sha256(junk).hexdigest()
        (bad / "manifest.json").write_text(json.dumps(manifest))
    else:
        (bad / "manifest.json").unlink()
    at = open_app(tmp_path, monkeypatch)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)
    assert "2006-06-30" in warnings and "skipped" in warnings
    # the good snapshot is served
    assert at.selectbox(key="snapshot").options == ["2006-01-01"]
    assert {m.label: m.value for m in at.metric}["Total cost"] == "$255"
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    status = [f for f in frames if "status" in f.columns][0]
    assert status.set_index("as_of").loc["2006-06-30", "status"].startswith("skipped")


def test_two_snapshots_choose_one_by_url(tmp_path, monkeypatch):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    rows = dict(fixture_data.ROWS)
    rows["costs"] = [r for r in fixture_data.COSTS if r[0] != "ERP"]  # 255 - 180 = 75
    fixture_data.build(tmp_path, as_of="2006-06-30", rows=rows)
    at = open_app(tmp_path, monkeypatch)
    at.run()
    assert {m.label: m.value for m in at.metric}["Total cost"] == "$75"  # newest by default
    at2 = open_app(tmp_path, monkeypatch)
    at2.query_params["snapshot"] = "2006-01-01"
    at2.run()
    assert not at2.exception
    assert {m.label: m.value for m in at2.metric}["Total cost"] == "$255"


def test_no_valid_snapshot_explains_how_to_load_data(tmp_path, monkeypatch):
    at = open_app(tmp_path, monkeypatch)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "No data loaded yet"
    text = " ".join(m.value for m in at.markdown)
    assert "python -m dashboard ingest" in text
    assert "docs/loading-data.md" in text
    assert not at.metric


def test_only_broken_snapshots(tmp_path, monkeypatch):
    bad = fixture_data.build(tmp_path, as_of="2006-01-01")
    shutil.copy(bad / "costs.parquet", bad / "benefits.parquet")  # wrong checksum
    at = open_app(tmp_path, monkeypatch)
    at.run()
    assert not at.exception
    assert at.title[0].value == "No data loaded yet"
    assert "2006-01-01" in " ".join(w.value for w in at.warning)


def test_data_methods_checks_every_rule_on_request(tmp_path, monkeypatch):
    rows = dict(fixture_data.ROWS)
    # a cost row of an initiative that does not exist: published, but breaks a rule
    rows["costs"] = [*fixture_data.COSTS, ("NOPE", None, 2005, "staff", True, 1.0)]
    fixture_data.build(tmp_path, as_of="2006-01-01", rows=rows)
    at = open_app(tmp_path, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    assert not at.exception
    at.toggle(key="rules_checked").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    status = [d.value for d in at.dataframe if "status" in d.value.columns][0]
    assert "1 rule problem" in status.loc[0, "status"]
    assert "NOPE" in " ".join(e.value for e in at.error)
