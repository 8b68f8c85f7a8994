"""The benchmark's budget workload (bench/budget.py), cheaply: a small step limit so the
200-initiative cases stop early; the times themselves are the benchmark's to report."""

from __future__ import annotations

import argparse
import json
import re

from bench import budget
from dashboard.analysis import selection


def test_budget_workload_reports_every_case_with_its_statement(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(selection, "SELECTION_STEPS", 300)
    monkeypatch.setattr(selection, "FRONTIER_STEPS", 300)
    out = tmp_path / "budget.json"
    assert budget.run(argparse.Namespace(runs=1, out=str(out))) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    rows = report["budget"]
    cases = ("random", "proportional-1%", "proportional-0.01%")
    assert [(r["case"], r["what"], r["budget_share"]) for r in rows] == [
        (c, w, s) for c in cases
        for w, s in [*(("selection", s) for s in budget.BUDGET_SHARES), ("frontier", None)]]
    statement = re.compile(r"optimal|within [0-9.]+% of the best possible score"
                           r"|the best possible score \(tie-break not proven\)")
    for r in rows:
        assert r["initiatives"] == 200 and r["runs"] == 1
        assert 0 < r["p50_ms"] <= r["p95_ms"] <= r["max_ms"]
        if r["what"] == "selection":
            assert statement.fullmatch(r["statement"])
            assert r["optimal"] == (r["statement"] == "optimal")
    # 300 steps cannot finish the adversarial case at 30% of the total cost
    adversarial = {r["budget_share"]: r for r in rows
                   if r["case"] == "proportional-0.01%" and r["what"] == "selection"}
    assert not adversarial[0.3]["optimal"] and adversarial[0.3]["gap_pct"] > 0
    printed = capsys.readouterr().out
    assert "adversarial case: slowest selection" in printed and "load average" in printed
