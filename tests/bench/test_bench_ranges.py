"""`python -m dashboard bench --ranges` runs on small data and writes its JSON (no timed
assertion: the figures are the benchmark's to report, docs/benchmarks.md)."""

from __future__ import annotations

import json

from bench.__main__ import main


def test_ranges_benchmark_runs_and_reports(tmp_path, capsys):
    out = tmp_path / "ranges.json"
    assert main(["--ranges", "--cost-rows", "2000", "--runs", "1", "--work-dir",
                 str(tmp_path / "work"), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["initiatives"] == 200
    (size,) = report["ranges"]
    assert size["cost_rows"] == 2000
    assert [c["case"] for c in size["cases"]] == ["unfiltered", "one organization, 2006-2010"]
    assert all(c["runs"] == 1 and c["p50_ms"] > 0 for c in size["cases"])
    assert "every range figure, cold (unfiltered)" in capsys.readouterr().out
