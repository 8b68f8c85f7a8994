"""The sample data generator: determinism, the shipped data, --cost-rows, and the story.

Expected values come from the brief and report A/60/323 (typed here by hand), never from
the generator's own constants.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.cli import main
from dashboard.config import REPO_ROOT
from dashboard.intake import generator

TABLE_FILES = ("initiatives", "agencies", "costs", "benefits", "commitments", "contributions")

# Report A/60/323, paragraph 7: the eight initiatives that "merited immediate attention".
A60_323_PRIORITIES = {
    "ICT services sourcing strategy",
    "ICT development network",
    "Common applications solutions",
    "Knowledge-sharing",
    "Enterprise resource planning systems",
    "ICT governance and best practices",
    "Business case development and costing",
    "ICT training",
}
CATEGORIES = {"ICT in development", "ICT governance", "Information security", "Working together",
              "Sustaining the initiative"}
EXPECTED_TYPES = {
    "ILO": "specialized_agency", "FAO": "specialized_agency", "UNESCO": "specialized_agency",
    "ICAO": "specialized_agency", "WHO": "specialized_agency", "UPU": "specialized_agency",
    "ITU": "specialized_agency", "WMO": "specialized_agency", "IMO": "specialized_agency",
    "WIPO": "specialized_agency", "IFAD": "specialized_agency", "UNIDO": "specialized_agency",
    "UNWTO": "specialized_agency", "IAEA": "related_organization", "WTO": "related_organization",
    "UNDP": "fund_programme", "UNICEF": "fund_programme", "UNFPA": "fund_programme",
    "WFP": "fund_programme", "UNHCR": "fund_programme", "UNRWA": "fund_programme",
    "UNEP": "fund_programme", "UN-Habitat": "fund_programme", "UNOPS": "fund_programme",
    # parts of the United Nations Secretariat
    "UN": "secretariat", "UNCTAD": "secretariat", "UNODC": "secretariat",
}
DONOR_TYPES = {"member_state", "un_system", "private_sector", "intergovernmental", "foundation",
               "civil_society", "academic_technical"}
STAGE_ORDER = ["high_value", "agency_commitment", "implementer", "sponsorship", "planning",
               "implementation", "completed"]
LEVEL_ORDER = ["none", "interested", "participating", "committed", "lead"]


def _generate(out: Path, *extra: str) -> None:
    assert main(["generate", "--out", str(out), *extra]) == 0


def _manifests(data_dir: Path) -> dict[str, dict]:
    root = data_dir / "snapshots"
    return {p.name: json.loads((p / "manifest.json").read_text(encoding="utf-8"))
            for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")}


def _read(data_dir: Path, as_of: str, table: str) -> pd.DataFrame:
    return pq.read_table(data_dir / "snapshots" / as_of / f"{table}.parquet").to_pandas()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The default-seed output, generated once for this module."""
    d = tmp_path_factory.mktemp("sample")
    _generate(d)
    return d


@pytest.fixture(scope="module")
def snaps(sample) -> dict[str, dict[str, pd.DataFrame]]:
    return {as_of: {t: _read(sample, as_of, t) for t in TABLE_FILES} for as_of in _manifests(sample)}


@pytest.fixture(scope="module")
def newest(snaps) -> dict[str, pd.DataFrame]:
    return snaps[max(snaps)]


# -- determinism and the shipped data ---------------------------------------------------------


def test_same_seed_gives_byte_identical_files(sample, tmp_path):
    _generate(tmp_path)
    first, second = _manifests(sample), _manifests(tmp_path)
    assert first == second
    for as_of in first:
        for name in (*[f"{t}.parquet" for t in TABLE_FILES], "manifest.json"):
            a = (sample / "snapshots" / as_of / name).read_bytes()
            b = (tmp_path / "snapshots" / as_of / name).read_bytes()
            assert a == b, f"{as_of}/{name} differs between two runs with the same seed"


def test_another_seed_gives_different_data(sample, tmp_path):
    _generate(tmp_path, "--seed", "7")
    default, other = _manifests(sample), _manifests(tmp_path)
    assert default.keys() == other.keys()
    for as_of in default:
        for t in ("costs", "benefits", "commitments", "contributions"):
            f = f"{t}.parquet"
            assert default[as_of]["files"][f]["sha256"] != other[as_of]["files"][f]["sha256"]
        assert "seed 7" in other[as_of]["source"]


def test_shipped_snapshots_equal_the_generator_output(sample):
    shipped = _manifests(REPO_ROOT / "data")
    generated = _manifests(sample)
    assert sorted(shipped) == sorted(generated), "data/snapshots holds other snapshots"
    for as_of, manifest in generated.items():
        assert shipped[as_of]["files"] == manifest["files"], (
            f"data/snapshots/{as_of} is not the generator's output: run "
            "`.venv/bin/python -m dashboard generate --out data`")
        assert shipped[as_of]["source"] == manifest["source"]
        assert shipped[as_of].get("published_by") == manifest.get("published_by")


def test_snapshots_option_writes_only_the_newest_k_unchanged(sample, tmp_path):
    _generate(tmp_path, "--snapshots", "2")
    full, part = _manifests(sample), _manifests(tmp_path)
    assert sorted(part) == sorted(full)[-2:]
    for as_of in part:
        assert part[as_of]["files"] == full[as_of]["files"]


def test_created_at_is_fixed_and_source_says_illustrative(sample):
    for as_of, m in _manifests(sample).items():
        assert m["as_of"] == as_of
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", m["created_at"])
        assert m["created_at"] > as_of  # after the as-of date, not the time of the run
        assert m["created_at"] < "2007"
        assert "Illustrative sample data" in m["source"]
        assert "not official figures" in m["source"]
        assert "seed 2005" in m["source"]
        # plain words on every page's source line: no command, no Markdown code span
        assert "`" not in m["source"] and "python" not in m["source"]
        # who published it, honestly: the generator, not a person (Data & methods'
        # "Published by" column)
        assert m["published_by"] == {"who": "Sample generator"}


# -- --cost-rows ------------------------------------------------------------------------------

GROUP = ["initiative_id", "agency_code", "fiscal_year", "cost_category", "is_recurring"]


def _totals(costs: pd.DataFrame, keys: list[str]) -> pd.Series:
    return costs.fillna({"agency_code": "<shared>"}).groupby(keys)["amount_usd"].sum()


def test_cost_rows_gives_exactly_n_rows_with_the_same_totals(sample, tmp_path, newest):
    n = 50_000
    _generate(tmp_path, "--cost-rows", str(n), "--snapshots", "1")
    manifests = _manifests(tmp_path)
    (as_of,) = manifests
    assert as_of == max(_manifests(sample))
    path = tmp_path / "snapshots" / as_of / "costs.parquet"
    assert pq.ParquetFile(path).metadata.num_rows == n
    assert manifests[as_of]["files"]["costs.parquet"]["rows"] == n
    scaled = pq.read_table(path).to_pandas()
    assert len(scaled) == n
    assert (scaled["amount_usd"] > 0).all()
    base = newest["costs"]
    for keys in (["initiative_id"], GROUP):
        a, b = _totals(scaled, keys), _totals(base, keys)
        assert a.index.equals(b.index)
        assert ((a - b).abs() <= 1e-9 * b.abs() + 1e-6).all()
    # the other tables are untouched by the split
    full = _manifests(sample)[as_of]["files"]
    for t in ("initiatives", "agencies", "benefits", "commitments", "contributions"):
        assert manifests[as_of]["files"][f"{t}.parquet"] == full[f"{t}.parquet"]
    assert "50,000 rows" in manifests[as_of]["source"]


def test_split_streams_bounded_batches(newest):
    import pyarrow as pa

    base = pa.Table.from_pandas(newest["costs"], preserve_index=False)
    m = base.num_rows
    n = 7 * m + 3  # uneven: 3 base rows become 8 pieces, the others 7
    batches = list(generator.split_costs(base, n, seed=1, chunk_rows=100))
    assert sum(b.num_rows for b in batches) == n
    assert max(b.num_rows for b in batches) <= 100
    assert len(batches) > 1
    pieces = pa.Table.from_batches(batches).to_pandas()
    assert pieces["amount_usd"].sum() == pytest.approx(newest["costs"]["amount_usd"].sum(), rel=1e-12)
    # exactly n // m or n // m + 1 pieces per base row, in order
    assert pieces["initiative_id"].iloc[:8].nunique() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cost-rows", "0"], "--cost-rows must be between 1 and 10,000,000"),
        (["--cost-rows", "10000001"], "--cost-rows must be between 1 and 10,000,000"),
        (["--cost-rows", "10"], "ask for at least"),
        (["--seed", "-1"], "--seed must be 0 or more"),
        (["--snapshots", "0"], "--snapshots must be between 1 and 4"),
        (["--snapshots", "5"], "--snapshots must be between 1 and 4"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_written(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["generate", "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    f = tmp_path / "a-file"
    f.write_text("x")
    assert main(["generate", "--out", str(f)]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert f.read_text() == "x"


# -- the story --------------------------------------------------------------------------------


def test_fifteen_initiatives_in_five_categories_with_the_eight_priorities(snaps):
    assert len(snaps) >= 4
    for as_of, t in snaps.items():
        ini = t["initiatives"]
        assert len(ini) == 15, as_of
        assert ini["initiative_id"].is_unique
        assert ini["initiative_id"].str.fullmatch(r"[A-Z0-9_]{2,16}").all()
        assert set(ini["category"]) == CATEGORIES
        assert set(ini.loc[ini["is_priority"], "name"]) == A60_323_PRIORITIES
        others = set(ini.loc[~ini["is_priority"], "name"])
        assert len(others) == 7
        assert {"Information security and disaster recovery", "UN system Extranet",
                "Inter-agency web search", "Inventory of procurement framework agreements"} <= others


def test_organizations_with_their_types(newest):
    ag = newest["agencies"].set_index("agency_code")
    assert len(ag) >= 25
    for code, kind in EXPECTED_TYPES.items():
        assert ag.loc[code, "agency_type"] == kind, code
    assert ag.loc["UNICEF", "name"] == "United Nations Children's Fund"


def test_snapshot_dates_are_iso_and_plausible(snaps):
    dates = sorted(snaps)
    assert len(dates) >= 4
    assert all(dt.date.fromisoformat(d).year in (2004, 2005, 2006) for d in dates)


def test_costs_and_benefits_look_like_estimates(newest):
    costs, ben = newest["costs"], newest["benefits"]
    assert costs["agency_code"].isna().any() and costs["agency_code"].notna().any()
    assert costs["is_recurring"].any() and (~costs["is_recurring"]).any()
    assert set(costs["fiscal_year"]) == set(range(2004, 2011))
    assert ben["fiscal_year"].min() > costs["fiscal_year"].min()
    by_year = ben.groupby("fiscal_year")["amount_usd"].sum()
    assert by_year.iloc[-1] > 5 * by_year.iloc[0]  # benefits ramp up
    assert set(ben["confidence"]) == {"low", "medium", "high"}
    cost = costs.groupby("initiative_id")["amount_usd"].sum()
    benefit = ben.groupby("initiative_id")["amount_usd"].sum()
    assert cost.min() >= 10_000 and cost.max() <= 99_000_000
    ratio = benefit / cost
    assert (ratio > 2).sum() >= 2 and (ratio < 1).sum() >= 2, ratio.round(2).to_dict()


def test_funding_targets_and_commitments(newest):
    ini, com = newest["initiatives"], newest["commitments"]
    assert ini["funding_target_usd"].isna().any() and ini["funding_target_usd"].notna().any()
    assert not com.duplicated(["initiative_id", "agency_code"]).any()
    assert len(com) < 15 * len(newest["agencies"])  # not every pair
    assert set(com["commitment_level"]) == set(LEVEL_ORDER)
    assert com["relative_value"].nunique() >= 4
    # relative value differs by type of organization
    types = newest["agencies"].set_index("agency_code")["agency_type"]
    mean_by_type = com.assign(t=com["agency_code"].map(types)).groupby("t")["relative_value"].mean()
    assert mean_by_type.max() - mean_by_type.min() > 0.2


def test_contributions_cover_every_kind(snaps):
    for as_of, t in snaps.items():
        con = t["contributions"]
        assert set(con["donor_type"]) == DONOR_TYPES, as_of
        assert set(con["contribution_type"]) == {"cash", "in_kind", "host_country"}, as_of
        assert set(con["status"]) == {"pledged", "paid"}, as_of
        assert con["initiative_id"].isna().any() and con["initiative_id"].notna().any()
        assert (con["date"] <= dt.date.fromisoformat(as_of)).all()
        assert con["contribution_id"].is_unique
    newest = snaps[max(snaps)]["contributions"]
    assert newest["donor"].str.contains("'").any()
    assert pd.to_datetime(newest["date"]).dt.year.nunique() >= 3


def test_the_story_evolves_between_snapshots(snaps):
    dates = sorted(snaps)
    became_paid = 0
    for before, after in zip(dates, dates[1:], strict=False):
        a, b = snaps[before], snaps[after]
        # stages never go back, and some advance
        sa = a["initiatives"].set_index("initiative_id")["stage"].map(STAGE_ORDER.index)
        sb = b["initiatives"].set_index("initiative_id")["stage"].map(STAGE_ORDER.index)
        assert (sb >= sa).all()
        assert (sb > sa).any()
        # commitments only grow: no pair disappears, no level falls; new pairs appear somewhere
        ka = a["commitments"].set_index(["initiative_id", "agency_code"])["commitment_level"]
        kb = b["commitments"].set_index(["initiative_id", "agency_code"])["commitment_level"]
        assert ka.index.isin(kb.index).all()
        assert (kb.loc[ka.index].map(LEVEL_ORDER.index) >= ka.map(LEVEL_ORDER.index)).all()
        # costs are revised
        ca = a["costs"].groupby("initiative_id")["amount_usd"].sum()
        cb = b["costs"].groupby("initiative_id")["amount_usd"].sum()
        assert (ca != cb).any()
        # contributions: none disappear, paid never reverts to pledged, new pledges arrive
        qa = a["contributions"].set_index("contribution_id")
        qb = b["contributions"].set_index("contribution_id")
        assert qa.index.isin(qb.index).all()
        assert len(qb) > len(qa)
        both = qa.merge(qb, left_index=True, right_index=True, suffixes=("_a", "_b"))
        assert (both["donor_a"] == both["donor_b"]).all()
        assert not ((both["status_a"] == "paid") & (both["status_b"] == "pledged")).any()
        became_paid += int(((both["status_a"] == "pledged") & (both["status_b"] == "paid")).sum())
    assert became_paid >= 3
    assert (len(snaps[dates[-1]]["commitments"]) > len(snaps[dates[0]]["commitments"]))


def test_cost_rows_scales_only_the_newest_snapshot(sample, tmp_path):
    _generate(tmp_path, "--cost-rows", "2000")
    full, scaled = _manifests(sample), _manifests(tmp_path)
    assert sorted(scaled) == sorted(full)
    *older, newest_as_of = sorted(full)
    for as_of in older:
        assert scaled[as_of] == full[as_of]
    assert scaled[newest_as_of]["files"]["costs.parquet"]["rows"] == 2000
