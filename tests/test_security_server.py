"""Server and storage hardening: production settings in .streamlit/config.toml, snapshot
folders (and files) that are symbolic links outside the data directory refused, `--replace`
onto such a link leaving no `.tmp-` link behind, and the databases of replaced snapshots
closed (counted)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import duckdb
import pytest

from dashboard import cli, config
from dashboard.config import REPO_ROOT
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import catalog, publishing
from tests import fixture_data
from tests.sources import tree, write_csv_source

CONFIG = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


# ---- the server's settings ----------------------------------------------------------
def test_viewers_never_see_error_details():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_errors_are_logged_on_the_server():
    # Streamlit logs an uncaught error (with its traceback) at level error
    assert CONFIG["logger"]["level"] in ("debug", "info", "warning", "error")


def test_make_run_binds_this_machine_only():
    assert CONFIG["server"]["address"] == "localhost"
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True


def test_the_production_settings_are_the_ones_streamlit_reads():
    """Streamlit itself, reading the project's config file, hides error details."""
    from streamlit import config as st_config

    cwd = os.getcwd()
    os.chdir(REPO_ROOT)
    try:
        st_config.get_config_options(force_reparse=True)
        assert st_config.get_option("client.showErrorDetails") == "none"
        assert st_config.get_option("server.address") == "localhost"
        # an upload larger than the Load data page's cap is refused where it arrives
        # (Streamlit's own default would take 200 MB from anyone with a session)
        assert st_config.get_option("server.maxUploadSize") == config.DEFAULT_MAX_UPLOAD_MB == 20
    finally:
        os.chdir(cwd)
        st_config.get_config_options(force_reparse=True)


# ---- symbolic links ----------------------------------------------------------------------
@pytest.fixture
def data_and_outside(tmp_path) -> tuple[Path, Path]:
    """A data directory with the fixture; elsewhere, a complete snapshot folder."""
    data = tmp_path / "data"
    fixture_data.build(data)
    elsewhere = tmp_path / "elsewhere"
    fixture_data.build(elsewhere, as_of="2006-06-30", source="planted outside")
    return data, config.snapshots_dir(elsewhere) / "2006-06-30"


def test_a_snapshot_folder_linking_outside_the_data_directory_is_refused(data_and_outside,
                                                                         capsys):
    data, outside = data_and_outside
    link = config.snapshots_dir(data) / "2006-06-30"
    link.symlink_to(outside, target_is_directory=True)
    scan = catalog.scan(data)
    assert [s.as_of for s in scan.snapshots] == [fixture_data.FIXTURE_AS_OF]
    (skipped,) = scan.skipped
    assert skipped.name == "2006-06-30"
    assert skipped.reason == "the folder is a symbolic link to a place outside the data directory"
    assert str(outside) not in skipped.reason  # no server path shown to viewers
    assert cli.main(["validate", "2006-06-30", "--data-dir", str(data)]) == 1
    assert "symbolic link" in capsys.readouterr().err


def test_a_link_inside_the_data_directory_is_served(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data)
    archive = data / "archive"
    fixture_data.build(archive, as_of="2006-06-30")
    (config.snapshots_dir(data) / "2006-06-30").symlink_to(
        config.snapshots_dir(archive) / "2006-06-30", target_is_directory=True)
    assert [s.as_of for s in catalog.scan(data).snapshots] == ["2006-06-30",
                                                                 fixture_data.FIXTURE_AS_OF]


def test_a_table_file_linking_outside_is_refused(data_and_outside):
    data, outside = data_and_outside
    folder = config.snapshots_dir(data) / fixture_data.FIXTURE_AS_OF
    target = folder / "costs.parquet"
    target.unlink()
    target.symlink_to(outside / "costs.parquet")  # same bytes, so the checksum matches
    scan = catalog.scan(data)
    assert scan.snapshots == ()
    assert "costs.parquet: a symbolic link to a file outside the data directory" in \
        scan.skipped[0].reason


def test_replace_onto_a_linked_folder_leaves_no_tmp_link_and_spares_the_target(
        tmp_path, data_and_outside, capsys):
    data, outside = data_and_outside
    link = config.snapshots_dir(data) / "2006-06-30"
    link.symlink_to(outside, target_is_directory=True)
    target_before = tree(outside)
    src = write_csv_source(tmp_path / "src")
    assert cli.main(["ingest", str(src), "--as-of", "2006-06-30", "--replace",
                     "--data-dir", str(data)]) == 0
    names = sorted(p.name for p in config.snapshots_dir(data).iterdir())
    assert names == [fixture_data.FIXTURE_AS_OF, "2006-06-30"]  # no .tmp- or .old- left
    assert not link.is_symlink() and link.is_dir()
    assert tree(outside) == target_before  # the link's target was not touched
    assert [s.as_of for s in catalog.scan(data).snapshots] == ["2006-06-30",
                                                                 fixture_data.FIXTURE_AS_OF]


def test_a_leftover_tmp_link_is_removed_by_the_next_publish(data_and_outside, tmp_path):
    data, outside = data_and_outside
    root = config.snapshots_dir(data)
    (root / ".tmp-2006-06-30-deadbeef").symlink_to(outside, target_is_directory=True)
    (root / ".tmp-dangling").symlink_to(tmp_path / "nowhere")
    target_before = tree(outside)
    fixture_data.build(data, as_of="2006-07-01")
    assert sorted(p.name for p in root.iterdir()) == [fixture_data.FIXTURE_AS_OF, "2006-07-01"]
    assert tree(outside) == target_before


# ---- replaced snapshots' databases are closed -----------------------------------------
def test_replaced_snapshots_connections_are_closed(tmp_path):
    data = tmp_path / "data"
    fixture_data.build(data)
    db = Database(data)
    f = Filters(snapshot=fixture_data.FIXTURE_AS_OF)
    first = db.connection(f.snapshot)
    cost = 255.0  # the fixture's total cost (tests/fixture_data.py)
    assert db.query("kpis", f)["total_cost_usd"].iloc[0] == cost
    for i in range(16):
        rows = dict(fixture_data.ROWS)
        rows["costs"] = [(*r[:5], r[5] + (i + 1 if j == 0 else 0))
                         for j, r in enumerate(fixture_data.COSTS)]
        publishing.publish(data, f.snapshot, fixture_data.tables(rows), "replace", replace=True)
        db.scan(refresh=True)
        kpis = db.query("kpis", f).iloc[0]
        assert kpis["total_cost_usd"] == cost + i + 1  # the new content is served
        assert db.open_connections() == 1
    with pytest.raises(duckdb.ConnectionException):
        first.execute("select 1")
    db.close()
    assert db.open_connections() == 0
