"""The briefing pack's "How sure are these figures" section (dashboard/output/
briefing_ranges.py, laid out by briefing_sections from the registry), checked on the
planned HTML (no Chromium; tests/output/test_briefing.py reads the printed PDF).

Hand-worked on the fixture (tests/fixture_data.py), unfiltered: cost 255, benefit 295,
net 40, ratio 295 / 255 = 1.157 -> "1.2x"; NPV at 5% to y0 = 2005: -190 + 90 / 1.05 +
140 / 1.05^2 = -190 + 85.714 + 126.984 = 22.698 -> "$23"; low-confidence benefit KS 30 +
SEC 15 = 45 of 295 = 15.25% -> "15.3%".
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from dashboard.contract.metrics import LIKELY_MEANS
from dashboard.lang.translate import language
from dashboard.output import briefing, briefing_ranges
from dashboard.output.summary import OUTSIDE_REASON
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters

SECTION = "How sure are these figures"


def test_each_figure_in_words_with_its_likely_range():
    portfolio = pd.DataFrame({
        "metric": ["total_cost_usd", "npv_usd", "benefit_cost_ratio"],
        "stated": [100.0, 20.0, 1.5], "expected": [110.0, 12.0, 1.3],
        "p10": [95.0, -4.0, 1.04], "p50": [108.0, 12.0, 1.3], "p90": [130.0, 26.0, 1.62],
        "p_above_break_even": [None, 0.85, 0.9],
    })
    assert briefing_ranges.portfolio_rows(portfolio, 0.05) == [
        ("Total cost", "$100", "$95 to $130", "$110", "—"),
        ("NPV at 5.0%", "$20", "-$4.00 to $26", "$12", "85.0% (above 0)"),
        ("Benefit-cost ratio", "1.5x", "1.0x to 1.6x", "1.3x", "90.0% (above 1.0x)"),
    ]
    assert briefing_ranges.low_confidence_words(None) == \
        "No benefit is stated under these filters."
    # one phrase and one precision with the Overview's sentence (FR #23)
    assert briefing_ranges.low_confidence_words(0.611) == "61% of the benefit is low confidence."


def _text(fragment: str) -> str:
    """The fragment's text as a reader reads it: tags gone, cells apart by single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(scope="module")
def plan(fixture_dir):
    db = Database(fixture_dir)
    try:
        scan = db.scan(refresh=True)
        snap = scan.snapshots[0]
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of))
        return briefing.build_html(ctx, snap, scan)
    finally:
        db.close()


def test_the_pack_has_the_section_after_costs_and_benefits(plan):
    names = [name for name, _ in plan.toc]
    assert names.index(SECTION) == names.index("Costs & benefits") + 1
    pages = re.findall(r'<section class="page">(.*?)</section>', plan.html, flags=re.S)
    raw = [p for p in pages if p.startswith(f"<h2>{SECTION}")]
    assert len(raw) == 2  # the figures with the distribution; the tornado
    assert all('class="chart"' in p for p in raw)  # each page draws its chart
    first, second = (_text(p) for p in raw)
    for row in ("Total cost $255", "Total benefit $295", "Net benefit $40", "NPV at 5.0% $23",
                "Benefit-cost ratio 1.2x"):
        assert row in first, (row, first)
    # FR #23: said once, as on the Overview (its sentence on the pack's p. 2): 45 of 295 of
    # the benefit is low confidence, 15.25% -> "15%" (was "15.3% of the stated benefit")
    phrase = "15% of the benefit is low confidence"
    assert f"{phrase}." in first
    overview = _text(next(p for p in pages if p.startswith("<h2>Overview: headline")))
    assert phrase in overview and "15.3%" not in overview + first
    assert LIKELY_MEANS in first
    assert second.startswith(f"{SECTION}: what moves the NPV most")


def test_the_range_table_says_which_stated_figures_lie_outside_and_why(monkeypatch):
    # stated cost 100 under its likely 105-130 and ratio 1.5 under 1.6-1.9: outside; the NPV
    # 20 within -4 to 26: inside (the fresh review's O15: the table showed them without a
    # word why)
    portfolio = pd.DataFrame({
        "metric": ["total_cost_usd", "npv_usd", "benefit_cost_ratio"],
        "stated": [100.0, 20.0, 1.5], "expected": [110.0, 12.0, 1.7],
        "p10": [105.0, -4.0, 1.6], "p50": [115.0, 12.0, 1.7], "p90": [130.0, 26.0, 1.9],
        "p_above_break_even": [None, 0.85, 1.0],
    })
    assert briefing_ranges.outside_labels(portfolio, 0.05) == ["total cost", "benefit-cost ratio"]
    monkeypatch.setattr(briefing_ranges.ranges_data, "ranges_portfolio", lambda ctx: portfolio)
    monkeypatch.setattr(briefing_ranges.ranges_data, "low_confidence_share", lambda ctx: 0.2)
    ctx = type("Ctx", (), {"discount_rate": 0.05})()
    text = _text(briefing_ranges.lead(ctx))
    assert (f"{LIKELY_MEANS} Here the stated total cost and benefit-cost ratio lie outside "
            f"their likely ranges: {OUTSIDE_REASON}") in text
    # the NPV alone outside: named as in the table
    portfolio.loc[1, "stated"] = 30.0
    portfolio.loc[[0, 2], "stated"] = [110.0, 1.7]
    assert briefing_ranges.outside_labels(portfolio, 0.05) == ["NPV at 5.0%"]
    assert "Here the stated NPV at 5.0% lies outside its likely range:" in \
        _text(briefing_ranges.lead(ctx))


def test_the_likely_range_is_headed_in_the_apps_words(monkeypatch):
    """Review 3, #15: the table's column said "Likely (P10 to P90)" where the app's NPV
    chart marks its ends "Likely low" and "Likely high" (French: "Bas probable", "Haut
    probable")."""
    portfolio = pd.DataFrame({"metric": ["total_cost_usd"], "stated": [100.0],
                              "expected": [110.0], "p10": [95.0], "p50": [108.0],
                              "p90": [130.0], "p_above_break_even": [None]})
    monkeypatch.setattr(briefing_ranges.ranges_data, "ranges_portfolio", lambda ctx: portfolio)
    monkeypatch.setattr(briefing_ranges.ranges_data, "low_confidence_share", lambda ctx: 0.2)
    ctx = type("Ctx", (), {"discount_rate": 0.05})()
    head = re.findall(r'<th scope="col">([^<]*)</th>', briefing_ranges.lead(ctx))
    assert head[2] == "Likely low to likely high", head
    with language("fr"):
        head = re.findall(r'<th scope="col">([^<]*)</th>', briefing_ranges.lead(ctx))
    assert head[2] == "Bas probable à haut probable", head
