"""The atomic publish: kill -9 mid-ingest, --replace by atomic exchange, stale leftovers,
and scan's reasons for every broken folder (the app keeps serving the others)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.config import REPO_ROOT
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import catalog, folders, publishing
from tests import fixture_data


def _names(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


# ---- publish and replace ------------------------------------------------------------
def test_publish_leaves_only_the_snapshot(tmp_path):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    assert _names(tmp_path / "snapshots") == ["2006-01-01"]
    assert _names(tmp_path / "snapshots" / "2006-01-01") == sorted(
        ["manifest.json", "initiatives.parquet", "agencies.parquet", "costs.parquet",
         "benefits.parquet", "commitments.parquet", "contributions.parquet",
         "ranges.parquet"])


def test_existing_date_refused(tmp_path):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    with pytest.raises(folders.SnapshotExists):
        fixture_data.build(tmp_path, as_of="2006-01-01")


def _costs_total(data_dir: Path, as_of: str) -> float:
    snap = catalog.scan(data_dir).get(as_of)
    return sum(pq.read_table(snap.file("costs"))["amount_usd"].to_pylist())


def _rows_with_cost(amount: float) -> dict:
    rows = dict(fixture_data.ROWS)
    rows["costs"] = [(*r[:5], amount) for r in fixture_data.COSTS]
    return rows


def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("from a")
    (b / "x").write_text("from b")
    if not publishing.exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    assert (a / "x").read_text() == "from b" and (b / "x").read_text() == "from a"


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_replace(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(publishing, "exchange", lambda a, b: False)
    fixture_data.build(tmp_path, as_of="2006-01-01")
    publishing.publish(tmp_path, "2006-01-01", fixture_data.tables(_rows_with_cost(2.0)),
                      "replacement", replace=True)
    assert _costs_total(tmp_path, "2006-01-01") == 7 * 2.0
    assert catalog.scan(tmp_path).get("2006-01-01").source == "replacement"
    assert _names(tmp_path / "snapshots") == ["2006-01-01"]


def test_readers_always_see_a_complete_snapshot_during_replace(tmp_path):
    """With the atomic exchange the folder never disappears and is always complete."""
    probe_a, probe_b = tmp_path / "pa", tmp_path / "pb"
    probe_a.mkdir()
    probe_b.mkdir()
    if not publishing.exchange(probe_a, probe_b):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    fixture_data.build(tmp_path, as_of="2006-01-01")
    final = tmp_path / "snapshots" / "2006-01-01"
    seen: list[str] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                manifest = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
                seen.append(manifest["source"])
            except (OSError, ValueError):
                seen.append("MISSING")

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(15):
            publishing.publish(tmp_path, "2006-01-01", fixture_data.tables(), f"v{i}",
                              replace=True)
    finally:
        stop.set()
        t.join()
    assert "MISSING" not in seen
    assert catalog.scan(tmp_path).get("2006-01-01").source == "v14"


def test_interrupted_two_rename_replace_is_rolled_back(tmp_path):
    """Killed between the fallback's two renames: the next publish puts the old one back."""
    fixture_data.build(tmp_path, as_of="2006-01-01")
    root = tmp_path / "snapshots"
    os.rename(root / "2006-01-01", root / ".old-2006-01-01-deadbeef")  # the first rename
    (root / ".tmp-2006-01-01-cafecafe").mkdir()  # the new one, never renamed in
    assert catalog.scan(tmp_path).snapshots == ()  # the app sees nothing broken meanwhile
    assert catalog.scan(tmp_path).skipped == ()
    fixture_data.build(tmp_path, as_of="2006-02-01")  # the next publish repairs
    assert _names(root) == ["2006-01-01", "2006-02-01"]
    assert _costs_total(tmp_path, "2006-01-01") == 255


def test_concurrent_publishes_do_not_clear_each_others_folders(tmp_path):
    """Each publish clears stale temporaries: the lock keeps it off a live one's folder."""
    errors: list[BaseException] = []

    def worker(month: int) -> None:
        try:
            for day in range(1, 6):
                publishing.publish(tmp_path, f"2006-{month:02d}-{day:02d}",
                                  fixture_data.tables(), "concurrent")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(m,)) for m in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = catalog.scan(tmp_path)
    assert len(result.snapshots) == 15 and result.skipped == ()
    assert all(not n.startswith(".") for n in _names(tmp_path / "snapshots"))


def test_stale_temporaries_are_cleared_by_the_next_publish(tmp_path):
    root = tmp_path / "snapshots"
    root.mkdir()
    (root / ".tmp-2006-01-01-0badf00d").mkdir()
    (root / ".tmp-2006-01-01-0badf00d" / "costs.parquet").write_bytes(b"half")
    fixture_data.build(tmp_path, as_of="2006-01-01")
    assert _names(root) == ["2006-01-01"]


# ---- kill -9 in the middle of an ingest ---------------------------------------------------
# The ingest is stopped at an exact moment of its publish (tests/ingest_paused.py: it says
# so on a pipe and waits on its standard input), then killed: no sleep, no timing window.
LARGE_COST_ROWS = 200_000


@pytest.fixture(scope="module")
def large_source(tmp_path_factory):
    """The generator's newest snapshot with LARGE_COST_ROWS cost rows, as a Parquet SOURCE."""
    out = tmp_path_factory.mktemp("large")
    subprocess.run([sys.executable, "-m", "dashboard", "generate", "--out", str(out),
                    "--cost-rows", str(LARGE_COST_ROWS), "--snapshots", "1"],
                   cwd=REPO_ROOT, check=True, capture_output=True)
    return catalog.scan(out).newest.path


def _start_ingest(source: Path, data: Path, as_of: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "ingest", str(source), "--as-of", as_of,
         "--data-dir", str(data), *extra],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _start_paused_ingest(source: Path, data: Path, as_of: str, moment: str):
    """The ingest, stopped at `moment`; returns (process, the line it wrote on reaching it:
    "" when it ended without reaching it)."""
    r, w = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ingest_paused", moment, str(w), "--", str(source),
         "--as-of", as_of, "--data-dir", str(data)],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, pass_fds=(w,))
    os.close(w)
    with os.fdopen(r, "r") as pipe:
        line = pipe.readline().strip()  # waits for the moment, or for the process's end
    return proc, line


def _temps(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.startswith(folders.TMP_PREFIX)] \
        if root.is_dir() else []


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["temp-folder", "costs-file", "before-rename"])
def test_kill_9_mid_ingest_leaves_no_partial_snapshot(tmp_path, large_source, moment):
    data = tmp_path / "data"
    fixture_data.build(data, as_of="2005-01-01")  # a prior snapshot that must survive
    root = data / "snapshots"
    prior = catalog.scan(data)
    proc, reached = _start_paused_ingest(large_source, data, "2006-03-31", moment)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    assert reached == moment, "the ingest ended before the moment to kill it"
    assert proc.returncode == -signal.SIGKILL
    if moment == "costs-file":
        tmp = _temps(root)[0]
        assert (tmp / "costs.parquet").exists() and not (tmp / folders.MANIFEST).exists()
    after = catalog.scan(data)
    # nothing the app would read: only the prior snapshot, no skipped (half-written) folder
    assert [s.as_of for s in after.snapshots] == ["2005-01-01"]
    assert after.skipped == ()
    assert after.get("2005-01-01").token == prior.get("2005-01-01").token
    assert _temps(root), "the killed ingest's temporary folder should be left behind"
    # the next ingest clears the stale temporary folder and publishes completely
    code = _start_ingest(large_source, data, "2006-03-31", "--replace").wait()
    assert code == 0
    assert _temps(root) == []
    final = catalog.scan(data)
    assert [s.as_of for s in final.snapshots] == ["2006-03-31", "2005-01-01"]
    assert final.get("2006-03-31").rows["costs"] == LARGE_COST_ROWS


# ---- scan: every broken folder with its reason; the app survives ------------------------
def _break(folder: Path, how: str) -> None:
    costs = folder / "costs.parquet"
    if how == "missing file":
        costs.unlink()
    elif how == "wrong checksum":
        with open(costs, "r+b") as f:
            f.seek(50)
            b = f.read(1)
            f.seek(50)
            f.write(bytes([b[0] ^ 0xFF]))
    elif how in ("unreadable parquet", "wrong column type"):
        if how == "unreadable parquet":
            costs.write_bytes(b"PAR1 this is not really parquet PAR1")
        else:
            t = fixture_data.tables()["costs"]
            t = t.set_column(5, "amount_usd", t["amount_usd"].cast(pa.string()))
            pq.write_table(t, costs)
        manifest = folders.read_manifest(folder)
        manifest["files"]["costs.parquet"]["sha256"] = folders.sha256_file(costs)
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    elif how == "wrong row count":
        manifest = folders.read_manifest(folder)
        manifest["files"]["costs.parquet"]["rows"] = 8
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    elif how == "missing manifest":
        (folder / "manifest.json").unlink()
    elif how == "manifest not json":
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")


@pytest.mark.parametrize(("how", "reason"), [
    ("missing file", "costs.parquet: file is missing"),
    ("wrong checksum", "costs.parquet: sha256"),
    ("unreadable parquet", "costs.parquet: unreadable Parquet"),
    ("wrong column type", "costs.parquet: column amount_usd is string, the contract says double"),
    ("wrong row count", "costs.parquet: 7 rows, manifest says 8"),
    ("missing manifest", "manifest.json is missing"),
    ("manifest not json", "manifest.json cannot be read"),
])
def test_scan_reports_broken_folders_and_app_keeps_serving(tmp_path, how, reason):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    broken = fixture_data.build(tmp_path, as_of="2006-02-01")
    _break(broken, how)
    result = catalog.scan(tmp_path)
    assert [s.as_of for s in result.snapshots] == ["2006-01-01"]
    assert len(result.skipped) == 1
    assert result.skipped[0].name == "2006-02-01"
    assert reason in result.skipped[0].reason
    db = Database(tmp_path)
    try:
        kpis = db.query("kpis", Filters(snapshot="2006-01-01"))
        assert float(kpis["total_cost_usd"].iloc[0]) == 255  # the fixture's hand total
    finally:
        db.close()
