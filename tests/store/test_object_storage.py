"""An s3:// data directory against a real S3 API server on 127.0.0.1 (moto's server mode):
the same figures as the same data on disk, and the hand-worked ones (tests/query/test_queries.py);
ingest, validate and export on it; the read-through cache; a corrupt object skipped with a
warning; the publish's guarantees (kill -9 at each step, two publishers of one date,
readers during a replace)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.cli import main
from dashboard.config import REPO_ROOT
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import (
    audit,
    catalog,
    folders,
    publishing,
    remote_publish,
    remote_scan,
    storage,
)
from tests import fixture_data, s3_support
from tests.apptest import APP, PAGES
from tests.fixture_figures import KPI_CASES, UNFILTERED

BUCKET = "ict-data"
AS_OF = fixture_data.FIXTURE_AS_OF
EARLIER = fixture_data.EARLIER_AS_OF


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """The S3 server, and this process's environment pointing at it (AWS settings, cache)."""
    cache = tmp_path_factory.mktemp("s3-cache")
    with s3_support.moto_server() as endpoint, pytest.MonkeyPatch.context() as mp:
        env = s3_support.s3_env(endpoint, cache)
        s3_support.set_env(mp, env)
        s3_support.make_bucket(BUCKET)
        yield SimpleNamespace(endpoint=endpoint, env=env, cache=cache)
        s3_support.forget_process_state()


@pytest.fixture(scope="module")
def pair(s3, tmp_path_factory):
    """The fixture's two snapshots published on disk and on the store, the same way."""
    local = tmp_path_factory.mktemp("on-disk")
    fixture_data.build_two(local)
    url = f"s3://{BUCKET}/same/data"
    fixture_data.build_two(storage.location(url))
    return local, url


def _fresh_cache(monkeypatch, tmp_path) -> Path:
    """A new server process on a new machine: empty cache, nothing remembered."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(storage.CACHE_ENV, str(cache))
    s3_support.forget_process_state()
    return cache


# ---- reads: the same figures as on disk --------------------------------------------------
def _cases():
    """Every kind of filter at least once (the headline figures get every case below)."""
    yield "no filter", Filters(snapshot=AS_OF)
    yield "agencies and years", Filters(snapshot=AS_OF, agencies=("UNDP", "WFP"),
                                        year_from=2006, year_to=2007)
    yield "category, initiative, priority", Filters(
        snapshot=AS_OF, categories=("Working together", "ICT in development"),
        initiatives=("ERP", "KS", "SEC"), priority_only=True)
    yield "earlier snapshot", Filters(snapshot=EARLIER)


def test_every_query_gives_the_figures_of_the_same_data_on_disk(pair):
    local, url = pair
    on_disk, on_s3 = Database(local), Database(url)
    try:
        assert isinstance(on_s3.data_dir, storage.S3Location)
        assert [s.as_of for s in on_s3.scan().snapshots] == [AS_OF, EARLIER]
        assert on_s3.scan().skipped == ()
        for case, f in _cases():
            for name in sorted(on_disk.queries):
                a = on_disk.query(name, f, discount_rate=0.05, as_of=f.snapshot)
                b = on_s3.query(name, f, discount_rate=0.05, as_of=f.snapshot)
                pd.testing.assert_frame_equal(a, b, check_exact=True, obj=f"{name} ({case})")
        # and the hand-worked headline figures of tests/query/test_queries.py
        for kw, cost, benefit, committed, paid, pledged, gap in KPI_CASES.values():
            row = on_s3.query("kpis", Filters(snapshot=AS_OF, **kw)).iloc[0]
            assert (row["total_cost_usd"], row["total_benefit_usd"],
                    row["agencies_committed"], row["contributions_paid_usd"],
                    row["contributions_pledged_usd"], row["funding_gap_usd"]) == (
                cost, benefit, committed, paid, pledged, gap)
    finally:
        on_disk.close()
        on_s3.close()


def test_snapshots_are_read_from_local_files(pair):
    _, url = pair
    snap = catalog.scan(url).get(AS_OF)
    # DuckDB reads the cache's local copy; its bytes are the manifest's
    assert snap.path.is_dir() and snap.path.is_relative_to(storage.cache_dir())
    manifest = json.loads((snap.path / folders.MANIFEST).read_text())
    for entry_name, entry in manifest["files"].items():
        assert storage.sha256_path(snap.path / entry_name) == entry["sha256"]


def _xlsx(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None)


def test_export_command_on_s3_equals_on_disk(pair, tmp_path, capsys):
    local, url = pair
    args = ["--compare-to", EARLIER, "--budget", "300", "--agency", "WFP"]
    assert main(["export", "--out", str(tmp_path / "s3.xlsx"), "--data-dir", url, *args]) == 0
    assert main(["export", "--out", str(tmp_path / "disk.xlsx"), "--data-dir", str(local),
                 *args]) == 0
    a, b = _xlsx(tmp_path / "disk.xlsx"), _xlsx(tmp_path / "s3.xlsx")
    assert list(a) == list(b) and "changes" in a and "budget_selection" in a
    for sheet in a:
        x, y = a[sheet], b[sheet]
        if sheet == "metadata":  # all but the time it was made
            x, y = (d[~d.iloc[:, 0].astype(str).str.contains("generated_at")] for d in (x, y))
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=sheet)
    out = capsys.readouterr().out
    assert "wrote" in out and f"snapshot {AS_OF}" in out


def test_ingest_and_validate_on_s3(s3, tmp_path, capsys):
    """`ingest` of a Parquet folder onto the store, then `validate` of the store."""
    source = tmp_path / "source"
    source.mkdir()
    for name, table in fixture_data.tables().items():
        pq.write_table(table, source / f"{name}.parquet")
    url = f"s3://{BUCKET}/ingested"
    assert main(["ingest", str(source), "--as-of", "2007-01-01", "--source-note", "from S3 test",
                 "--data-dir", url]) == 0
    out = capsys.readouterr().out
    assert f"published snapshot 2007-01-01 at {url}/snapshots/2007-01-01" in out
    db = Database(url)
    try:
        row = db.query("kpis", Filters(snapshot="2007-01-01")).iloc[0]
        assert (row["total_cost_usd"], row["total_benefit_usd"], row["funding_gap_usd"]) == (
            255, 295, 980)  # tests/app_pages/test_app_pages.py UNFILTERED, by hand
    finally:
        db.close()
    # again without --replace: refused, nothing changed
    assert main(["ingest", str(source), "--as-of", "2007-01-01", "--data-dir", url]) == 2
    assert "already exists" in capsys.readouterr().err
    # the audit record is an object of its own; the manifest names the publisher
    entries = audit.read(storage.location(url))
    assert [(e.fields["as_of"], e.fields["action"]) for e in entries] == [("2007-01-01", "new")]
    manifest = json.loads(storage.store(storage.location(url)).read(
        "snapshots/2007-01-01/manifest.json"))
    assert manifest["published_by"]["via"] == audit.VIA_COMMAND_LINE
    assert main(["validate", "--data-dir", url]) == 0
    assert "all 1 snapshot passed" in capsys.readouterr().out


def test_a_bad_url_is_a_usage_error(capsys):
    assert main(["validate", "--data-dir", "s3://X/y"]) == 2
    assert "is not a bucket name" in capsys.readouterr().err


# ---- the read-through cache --------------------------------------------------------------
def _count_downloads(monkeypatch, st: storage.S3Store) -> list[str]:
    got: list[str] = []
    original = st.fs.get_file

    def get_file(rpath, lpath, *a, **kw):
        got.append(rpath)
        return original(rpath, lpath, *a, **kw)

    monkeypatch.setattr(st.fs, "get_file", get_file)
    return got


def test_files_are_downloaded_once_and_never_again(pair, monkeypatch, tmp_path):
    _, url = pair
    loc = storage.location(url)
    _fresh_cache(monkeypatch, tmp_path)
    got = _count_downloads(monkeypatch, storage.store(loc))
    first = catalog.scan(url, fresh=True)
    manifests = [json.loads((s.path / folders.MANIFEST).read_text()) for s in first.snapshots]
    distinct = {e["sha256"] for m in manifests for e in m["files"].values()}
    assert len(got) == len(distinct)  # a file shared by both snapshots comes down once
    # a restarted server (same disk cache): lists and reads manifests, downloads nothing
    s3_support.forget_process_state()
    got_again = _count_downloads(monkeypatch, storage.store(loc))
    again = catalog.scan(url, fresh=True)
    assert got_again == []
    assert [s.token for s in again.snapshots] == [s.token for s in first.snapshots]


def test_a_corrupt_object_is_skipped_with_a_warning(s3, monkeypatch, tmp_path, capsys):
    url = f"s3://{BUCKET}/corrupt"
    loc = storage.location(url)
    fixture_data.build_two(loc)
    st = storage.store(loc)
    prefix = json.loads(st.read(f"snapshots/{AS_OF}/manifest.json"))["data_prefix"]
    earlier = json.loads(st.read(f"snapshots/{EARLIER}/manifest.json"))["data_prefix"]
    # the newest snapshot's costs object replaced by other bytes (the earlier costs file)
    bad = st.read(f"snapshots/{EARLIER}/{earlier}costs.parquet")
    st.put_bytes(f"snapshots/{AS_OF}/{prefix}costs.parquet", bad)
    _fresh_cache(monkeypatch, tmp_path)  # a server that has not cached the good file
    result = catalog.scan(url, fresh=True)
    assert [s.as_of for s in result.snapshots] == [EARLIER]  # the other is still served
    [skipped] = result.skipped
    assert skipped.name == AS_OF
    assert "costs.parquet: sha256" in skipped.reason and "does not match the manifest" in skipped.reason
    # the bad bytes were not kept under the manifest's checksum
    good_sha = json.loads(st.read(f"snapshots/{AS_OF}/manifest.json"))["files"][
        "costs.parquet"]["sha256"]
    assert storage.store(loc).cached(good_sha) is None
    assert main(["validate", "--data-dir", url]) == 1
    err = capsys.readouterr().err
    assert f"{AS_OF}: 1 problem" in err and "costs.parquet: sha256" in err
    # the app warns (tests/app_pages/test_app_snapshots.py shows how the warning reads)
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ICT_DASHBOARD_DATA", url)
    import streamlit as st_

    st_.cache_data.clear()
    st_.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert AS_OF in warnings and "does not match the manifest" in warnings


# ---- the pages ------------------------------------------------------------------------
def _page_texts(at) -> dict:
    return {
        "title": [t.value for t in at.title],
        "metrics": {m.label: m.value for m in at.metric},
        "captions": [c.value for c in at.caption if "Data directory" not in c.value],
        "frames": [df.value.to_json(date_format="iso") for df in at.dataframe],
    }


def test_every_page_shows_the_same_on_s3_as_on_disk(pair, monkeypatch):
    import streamlit as st_
    from streamlit.testing.v1 import AppTest

    seen = {}
    for where, data in zip(("disk", "s3"), pair, strict=True):
        monkeypatch.setenv("ICT_DASHBOARD_DATA", str(data))
        st_.cache_data.clear()
        st_.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if where == "s3":
            assert {m.label: m.value for m in at.metric} == UNFILTERED  # by hand
        for url, path in PAGES.items():
            at.switch_page(path).run()
            assert not at.exception, (where, url, [e.value for e in at.exception])
            seen[(where, url)] = _page_texts(at)
    for url in PAGES:
        assert seen[("s3", url)] == seen[("disk", url)], url


# ---- publish: two publishers, readers during a replace, kill -9 at each step -------------
def _gate_manifest_writes(monkeypatch, wait):
    """Every manifest write first calls wait() (the object-store publish's commit)."""
    original = storage.S3Store.put_bytes

    def put_bytes(self, key, data, **kw):
        if key.endswith("/manifest.json"):
            wait()
        return original(self, key, data, **kw)

    monkeypatch.setattr(storage.S3Store, "put_bytes", put_bytes)


def _rows_with_cost(amount: float) -> dict:
    rows = dict(fixture_data.ROWS)
    rows["costs"] = [(*r[:5], amount) for r in fixture_data.COSTS]
    return rows


@pytest.mark.parametrize("replace", [False, True], ids=["new-date", "replace"])
def test_two_publishers_of_one_date_one_wins(s3, monkeypatch, replace):
    url = f"s3://{BUCKET}/race-{'replace' if replace else 'new'}"
    loc = storage.location(url)
    if replace:
        fixture_data.build(loc, as_of="2008-01-01", source="before")
    barrier = threading.Barrier(2, timeout=300)
    _gate_manifest_writes(monkeypatch, barrier.wait)  # both uploaded, then both commit
    actor = audit.command_line_actor()
    outcome: dict[str, object] = {}

    def publish(name: str, amount: float) -> None:
        try:
            publishing.publish(loc, "2008-01-01", fixture_data.tables(_rows_with_cost(amount)),
                              f"publisher {name}", replace=replace, actor=actor)
            outcome[name] = "won"
        except folders.SnapshotExists as e:
            outcome[name] = e

    threads = [threading.Thread(target=publish, args=a) for a in (("A", 1.0), ("B", 2.0))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [n for n, o in outcome.items() if o == "won"]
    losers = [o for o in outcome.values() if o != "won"]
    assert len(winners) == 1 and len(losers) == 1, outcome
    verb = "replaced" if replace else "published"
    assert f"snapshot 2008-01-01 was {verb} by another publisher" in str(losers[0])
    snap = catalog.scan(url, fresh=True).get("2008-01-01")
    assert snap.source == f"publisher {winners[0]}"
    amount = {"A": 1.0, "B": 2.0}[winners[0]]
    assert pq.read_table(snap.file("costs"))["amount_usd"].to_pylist() == [amount] * 7
    # the loser's files are withdrawn; only the winner's (and a replaced version) remain
    st = storage.store(loc)
    prefixes = {k.split("/")[2] for k in st.list("snapshots/2008-01-01") if k.count("/") == 3}
    assert len(prefixes) == (2 if replace else 1)
    records = [e.fields for e in audit.read(loc)]
    assert [r["source_note"] for r in records] == [f"publisher {winners[0]}"]


def test_readers_see_the_old_or_the_new_snapshot_during_a_replace(s3, monkeypatch):
    url = f"s3://{BUCKET}/replace"
    loc = storage.location(url)
    fixture_data.build(loc, as_of=AS_OF, source="old")
    st = storage.store(loc)
    old_manifest = json.loads(st.read(f"snapshots/{AS_OF}/manifest.json"))
    at_commit, go_on = threading.Event(), threading.Event()

    def wait():
        at_commit.set()
        assert go_on.wait(300)

    _gate_manifest_writes(monkeypatch, wait)
    writer = threading.Thread(target=publishing.publish, args=(
        loc, AS_OF, fixture_data.tables(_rows_with_cost(3.0)), "new"), kwargs={"replace": True})
    writer.start()
    assert at_commit.wait(300)
    # every new file is uploaded, the manifest not yet: readers get the old, complete
    during = catalog.scan(url, fresh=True)
    assert during.get(AS_OF).source == "old" and during.skipped == ()
    go_on.set()
    writer.join()
    after = catalog.scan(url, fresh=True)
    assert after.get(AS_OF).source == "new" and after.skipped == ()
    assert pq.read_table(after.get(AS_OF).file("costs"))["amount_usd"].to_pylist() == [3.0] * 7
    # a reader that read the old manifest just before can still fetch its files
    for name, entry in old_manifest["files"].items():
        key = f"snapshots/{AS_OF}/{old_manifest['data_prefix']}{name}"
        assert key in st.list(f"snapshots/{AS_OF}")
        assert storage.sha256_path(st.fetch(key, entry["sha256"])) == entry["sha256"]
    # ... until the leftover age passes: then the next publish's clean-up removes them
    removed = remote_publish.clear_remote_leftovers(st, older_than=0)
    assert sorted(k.rsplit("/", 1)[1] for k in removed) == sorted(old_manifest["files"])
    assert catalog.scan(url, fresh=True).get(AS_OF).source == "new"


def _start_paused(moment: str, url: str, source: Path, *extra: str):
    r, w = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.publish_paused_s3", moment, str(w), "--", str(source),
         "--as-of", "2009-01-01", "--data-dir", url, *extra],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, pass_fds=(w,), env=os.environ.copy())
    os.close(w)
    with os.fdopen(r, "r") as pipe:
        line = pipe.readline().strip()  # waits for the moment, or for the process's end
    return proc, line


@pytest.fixture(scope="module")
def parquet_source(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    for name, table in fixture_data.tables(_rows_with_cost(4.0)).items():
        pq.write_table(table, source / f"{name}.parquet")
    return source


@pytest.mark.slow
@pytest.mark.parametrize("replace", [False, True], ids=["new-date", "replace"])
@pytest.mark.parametrize("moment", ["nothing-uploaded", "costs-uploaded", "before-manifest"])
def test_kill_9_at_each_step_leaves_nothing_visible(s3, parquet_source, moment, replace):
    url = f"s3://{BUCKET}/killed-{moment}-{replace}"
    loc = storage.location(url)
    fixture_data.build(loc, as_of="2005-01-01", source="prior")
    if replace:
        fixture_data.build(loc, as_of="2009-01-01", source="old")
    before = catalog.scan(url, fresh=True)
    proc, reached = _start_paused(moment, url, parquet_source,
                                  *(["--replace"] if replace else []))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    assert reached == moment, "the ingest ended before the moment to kill it"
    st = storage.store(loc)
    left = [k for k in st.list("snapshots/2009-01-01") if k.count("/") == 3]
    if moment != "nothing-uploaded":  # the killed publish's files are there ...
        assert any(k.endswith("/costs.parquet") for k in left)
    after = catalog.scan(url, fresh=True)
    # ... but nothing a reader sees: the prior snapshots as they were, nothing skipped
    assert [(s.as_of, s.token) for s in after.snapshots] == [
        (s.as_of, s.token) for s in before.snapshots]
    assert after.skipped == ()
    # once old enough, the next publish's clean-up removes them; the new publish is whole
    remote_publish.clear_remote_leftovers(st, older_than=0)
    kept = [k for k in st.list("snapshots/2009-01-01") if k.count("/") == 3]
    assert len({k.split("/")[2] for k in kept}) == (1 if replace else 0)
    publishing.publish(loc, "2009-01-01", fixture_data.tables(_rows_with_cost(4.0)), "again",
                      replace=True)
    final = catalog.scan(url, fresh=True).get("2009-01-01")
    assert final.source == "again" and final.rows["costs"] == 7


# ---- the browser's publish (the Load data page) on object storage ------------------------
def test_load_data_page_publishes_onto_s3_with_its_audit_record(s3, monkeypatch, tmp_path):
    """The page of tests/ui/test_load_data.py, on an s3:// data directory: the same preview,
    publish, manifest's publisher and audit record (an object), shown on Data & methods."""
    import streamlit as st_

    from tests import load_page as ld
    from tests.apptest import no_exception
    from tests.sources import rows_with

    url = f"s3://{BUCKET}/browser-publish"
    loc = storage.location(url)
    fixture_data.build(loc)
    monkeypatch.setenv("ICT_DASHBOARD_DATA", url)
    monkeypatch.delenv("ICT_DASHBOARD_REQUIRE_LOGIN", raising=False)
    monkeypatch.delenv("ICT_DASHBOARD_MAX_UPLOAD_MB", raising=False)
    ld.provider_answers(monkeypatch)  # the role asked again at Publish
    st_.cache_data.clear()
    st_.cache_resource.clear()
    at = ld.upload(ld.load_page(ld.ANALYST), "q2.xlsx", ld.book(
        tmp_path, "q2.xlsx", rows_with("costs", 0, "amount_usd", 130.0)))
    at.date_input(key="load_as_of").set_value(ld.NEW_DATE).run()
    at.text_input(key="load_note").set_value("Q2 business cases").run()
    at.button(key="load_publish").click().run()
    no_exception(at)
    assert any("Published the snapshot of 2006-06-30" in s.value for s in at.success)
    assert [s.as_of for s in catalog.scan(url, fresh=True).snapshots] == [
        "2006-06-30", "2006-01-01"]
    (rec,) = [e.fields for e in audit.read(loc)]
    assert (rec["who"], rec["role"], rec["via"], rec["as_of"], rec["action"]) == (
        "ana@example.org", "analyst", "browser", "2006-06-30", "new")
    manifest = json.loads(storage.store(loc).read("snapshots/2006-06-30/manifest.json"))
    assert manifest["published_by"]["who"] == "ana@example.org"
    db = Database(url)
    try:  # by hand (tests/ui/test_load_data.py): cost 255 + 30
        assert db.query("kpis", Filters(snapshot="2006-06-30")).iloc[0]["total_cost_usd"] == 285
    finally:
        db.close()
    at.switch_page(registry_path("data-methods")).run()
    no_exception(at)
    shown = " ".join(str(d.value.to_dict()) for d in at.dataframe)
    assert "ana@example.org" in shown and "Q2 business cases" in shown


def registry_path(url_path: str) -> str:
    from dashboard import pages as registry

    return next(p.app_test_path for p in registry.PAGES if p.url_path == url_path)


# ---- generate and briefing on object storage ---------------------------------------------
def test_generate_onto_s3_gives_the_shipped_sample(s3, capsys):
    """`generate --out s3://...` publishes the sample; its figures are the shipped data's."""
    url = f"s3://{BUCKET}/sample"
    assert main(["generate", "--out", url, "--snapshots", "1"]) == 0
    assert f"published {url}/snapshots/2006-03-31" in capsys.readouterr().out
    shipped, on_s3 = Database(REPO_ROOT / "data"), Database(url)
    try:
        f = Filters(snapshot="2006-03-31")
        for name in ("kpis", "cost_by_initiative", "contributions_by_donor"):
            pd.testing.assert_frame_equal(shipped.query(name, f), on_s3.query(name, f),
                                          check_exact=True, obj=name)
        assert on_s3.scan().get("2006-03-31").rows == shipped.scan().get("2006-03-31").rows
    finally:
        shipped.close()
        on_s3.close()


def test_briefing_on_s3_is_the_briefing_on_disk(pair):
    """The briefing command's view built over s3:// and over the same data on disk: the
    same page for Chromium to print (printing itself does not read the data directory)."""
    import argparse

    from dashboard.cli import build_parser
    from dashboard.commands.export import context_from_args
    from dashboard.output import briefing
    from dashboard.query import params

    pages = []
    for data in pair:
        args: argparse.Namespace = build_parser().parse_args(
            ["briefing", "--out", "x.pdf", "--data-dir", str(data), "--compare-to", EARLIER])
        ctx, snapshot = context_from_args(args)
        try:
            plan = briefing.build_html(ctx, snapshot, ctx.db.scan(),
                                       params.load_filter_options(ctx.db, snapshot.as_of),
                                       generated_at="2026-11-25T07:00:00Z")
        finally:
            ctx.db.close()
        pages.append(plan)
    assert pages[0].html == pages[1].html and pages[0].toc == pages[1].toc
    assert "Snapshot" in pages[0].html and AS_OF in pages[0].html


def test_an_unreachable_store_keeps_what_was_checked_and_refuses_to_publish(
        pair, monkeypatch, capsys):
    """The store goes away (nothing listens at its address any more): a running server
    keeps serving the snapshots it checked; a publish is a message, nothing else."""
    from tests.browser.conftest import free_port

    _, url = pair
    before = catalog.scan(url, fresh=True)
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    after = catalog.scan(url, fresh=True)
    assert [s.token for s in after.snapshots] == [s.token for s in before.snapshots]
    db = Database(url)
    try:
        assert db.query("kpis", Filters(snapshot=AS_OF)).iloc[0]["total_cost_usd"] == 255
    finally:
        db.close()
    source = REPO_ROOT / "data" / "snapshots" / "2006-03-31"
    assert main(["ingest", str(source), "--as-of", "2010-01-01", "--data-dir", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: object store:") and "Traceback" not in err


# ---- the commit's edge cases: a lost response, a replace between listing and reading -----
def _version_files(st: storage.S3Store, as_of: str) -> dict[str, set[str]]:
    """data prefix -> the file names under it, of snapshots/<as_of>/."""
    out: dict[str, set[str]] = {}
    for key in st.list(f"snapshots/{as_of}"):
        if key.count("/") == 3:
            _, _, prefix, name = key.split("/")
            out.setdefault(prefix + "/", set()).add(name)
    return out


def _live_prefix(st: storage.S3Store, as_of: str) -> str:
    return json.loads(st.read(f"snapshots/{as_of}/manifest.json"))["data_prefix"]


@pytest.mark.parametrize("error", ["412", "connection"])
@pytest.mark.parametrize("replace", [False, True], ids=["new-date", "replace"])
def test_a_lost_commit_response_is_a_success(s3, monkeypatch, replace, error):
    """The store applies the manifest PUT but its response is lost: botocore's retry meets
    the publisher's own manifest (412), or gives up (a connection error). The manifest the
    store holds is this publish's, so the snapshot is published: nothing withdrawn."""
    url = f"s3://{BUCKET}/lost-response-{error}-{replace}"
    loc = storage.location(url)
    if replace:
        fixture_data.build(loc, as_of="2011-01-01", source="before")
    original = storage.S3Store.put_bytes

    def put_bytes(self, key, data, **kw):
        result = original(self, key, data, **kw)  # the store applies it ...
        if key.endswith("/manifest.json"):  # ... and the response never arrives
            raise (storage.PreconditionFailed("writing: the object exists or changed")
                   if error == "412" else storage.StorageError("connection reset"))
        return result

    monkeypatch.setattr(storage.S3Store, "put_bytes", put_bytes)
    publishing.publish(loc, "2011-01-01", fixture_data.tables(_rows_with_cost(6.0)), "lost",
                      replace=replace, actor=audit.command_line_actor())
    monkeypatch.setattr(storage.S3Store, "put_bytes", original)
    st = storage.store(loc)
    snap = catalog.scan(url, fresh=True).get("2011-01-01")
    assert snap is not None and snap.source == "lost"
    assert pq.read_table(snap.file("costs"))["amount_usd"].to_pylist() == [6.0] * 7
    live = _live_prefix(st, "2011-01-01")
    manifest = json.loads(st.read("snapshots/2011-01-01/manifest.json"))
    assert _version_files(st, "2011-01-01")[live] == set(manifest["files"])  # nothing deleted
    assert [(r.fields["source_note"], r.fields["action"]) for r in audit.read(loc)] == [
        ("lost", "replace" if replace else "new")]


def test_a_view_made_from_a_listing_older_than_the_manifest_is_the_new_snapshot(
        s3, monkeypatch, tmp_path):
    """Another server lists the folder, then a replace lands, then it reads the manifest:
    the new manifest's files (uploaded before it) are fetched although not in the listing."""
    url = f"s3://{BUCKET}/view-after-replace"
    loc = storage.location(url)
    fixture_data.build(loc, as_of=AS_OF, source="old")
    st = storage.store(loc)
    listed = remote_scan.group_by_folder(st.list("snapshots"))[AS_OF]
    publishing.publish(loc, AS_OF, fixture_data.tables(_rows_with_cost(5.0)), "new",
                      replace=True)
    _fresh_cache(monkeypatch, tmp_path)  # the other server: nothing cached
    st = storage.store(loc)
    view, problems = remote_scan._fetch_view(st, AS_OF, listed)
    assert problems == [] and view is not None
    snap, problems = folders.check_folder(view)
    assert problems == [] and snap.source == "new"
    assert pq.read_table(snap.file("costs"))["amount_usd"].to_pylist() == [5.0] * 7
    # a file the manifest names that truly is not there is still "missing"
    st.delete([f"snapshots/{AS_OF}/{_live_prefix(st, AS_OF)}costs.parquet"])
    _fresh_cache(monkeypatch, tmp_path / "again")
    [skipped] = catalog.scan(url, fresh=True).skipped
    assert skipped.name == AS_OF and "costs.parquet: file is missing" in skipped.reason


def test_a_replace_between_the_clean_ups_listing_and_reading_keeps_both_versions(
        s3, monkeypatch):
    """The clean-up lists (an hour-old manifest and its files, and the files a replace has
    just uploaded), the replace commits, then the clean-up reads the manifest: the version
    just replaced gets its grace period, and the live one is untouched."""
    import dataclasses
    import datetime as dt

    url = f"s3://{BUCKET}/cleanup-race"
    loc = storage.location(url)
    fixture_data.build(loc, as_of=AS_OF, source="old")
    st = storage.store(loc)
    old_prefix = _live_prefix(st, AS_OF)
    real_list = st.list
    seen: dict[str, storage.ObjectInfo] = {}

    def at_commit():  # the clean-up's listing, as if everything were two hours old
        if not seen:
            hours_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
            seen.update({k: dataclasses.replace(i, modified=hours_ago)
                         for k, i in real_list("snapshots").items()})

    _gate_manifest_writes(monkeypatch, at_commit)
    publishing.publish(loc, AS_OF, fixture_data.tables(_rows_with_cost(7.0)), "new",
                      replace=True)
    new_prefix = _live_prefix(st, AS_OF)
    assert {k.split("/")[2] + "/" for k in seen if k.count("/") == 3} == {
        old_prefix, new_prefix}  # the listing saw both versions' files and the old manifest
    monkeypatch.setattr(st, "list", lambda folder: dict(seen))
    assert remote_publish.clear_remote_leftovers(st, older_than=3600) == []
    monkeypatch.setattr(st, "list", real_list)
    versions = _version_files(st, AS_OF)
    assert versions[old_prefix] == versions[new_prefix] == {
        f"{t}.parquet" for t in fixture_data.ROWS}
    snap = catalog.scan(url, fresh=True).get(AS_OF)
    assert snap.source == "new" and catalog.scan(url).skipped == ()


def _failing_audit(monkeypatch, meanwhile=lambda: None):
    def append(data_dir, record):
        meanwhile()
        raise OSError("audit log: disk full")

    monkeypatch.setattr(audit, "append", append)


@pytest.mark.parametrize("replace", [False, True], ids=["new-date", "replace"])
def test_undoing_a_publish_never_touches_another_publishers_manifest(s3, monkeypatch, replace):
    """A's audit record fails; before A undoes, B replaces the date. A's undo is
    conditional on A's manifest: B's snapshot stands."""
    url = f"s3://{BUCKET}/undo-race-{replace}"
    loc = storage.location(url)
    if replace:
        fixture_data.build(loc, as_of="2012-01-01", source="before")

    def b_publishes():
        publishing.publish(loc, "2012-01-01", fixture_data.tables(_rows_with_cost(8.0)), "B",
                          replace=True)  # no actor: B writes no audit record

    _failing_audit(monkeypatch, b_publishes)
    with pytest.raises(OSError, match="disk full") as raised:
        publishing.publish(loc, "2012-01-01", fixture_data.tables(_rows_with_cost(9.0)), "A",
                          replace=replace, actor=audit.command_line_actor())
    assert not isinstance(raised.value, remote_publish.PublishedWithoutRecord)
    snap = catalog.scan(url, fresh=True).get("2012-01-01")
    assert snap is not None and snap.source == "B"
    assert pq.read_table(snap.file("costs"))["amount_usd"].to_pylist() == [8.0] * 7


def test_an_undo_that_fails_says_the_snapshot_is_live_without_its_record(s3, monkeypatch):
    url = f"s3://{BUCKET}/undo-fails"
    loc = storage.location(url)
    fixture_data.build(loc, as_of="2013-01-01", source="before")
    original = storage.S3Store.put_bytes

    def refuse_the_restore():
        def put_bytes(self, key, data, **kw):
            if key.endswith("/manifest.json"):
                raise storage.StorageError("connection reset")
            return original(self, key, data, **kw)

        monkeypatch.setattr(storage.S3Store, "put_bytes", put_bytes)

    _failing_audit(monkeypatch, refuse_the_restore)
    with pytest.raises(remote_publish.PublishedWithoutRecord,
                       match="2013-01-01 is live .* WITHOUT its audit record"):
        publishing.publish(loc, "2013-01-01", fixture_data.tables(_rows_with_cost(2.5)), "A",
                          replace=True, actor=audit.command_line_actor())
    assert catalog.scan(url, fresh=True).get("2013-01-01").source == "A"  # as it says
