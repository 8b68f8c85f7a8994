"""The real app in Chromium, over the hand-checkable fixture (tests/fixture_data.py): what
the filters, links, downloads and chart clicks do. (That every page renders, with no
exception and every chart drawn, is checked on every page by tests/browser/test_visual.py.)

Hand-worked figures used here (fixture rows, data/README.md definitions):
  no filter: total cost $255, total benefit $295
  agency UNDP: cost 100 (ERP) + 10 (SEC) = $110; benefit $120 (ERP)
  category "Working together" (ERP only): cost 100 + 50 + 30 = $180; benefit 120 + 80 = $200
  agency UNDP or WFP, years 2006-2007: cost 30 (ERP/WFP) + 10 (SEC/UNDP) + 5 (TRN/WFP) = $45;
    benefit 120 (ERP/UNDP 2006) + 50 (KS/WFP 2007) = $170
  initiative detail, ERP under agency UNDP: cost $100 (shared and WFP rows left out)
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import helpers as h

pytestmark = pytest.mark.browser

UNDP = "UNDP — United Nations Development Programme"  # the Organization filter's option


def test_sidebar_filter_changes_the_headline_figures(page, app_server):
    h.open_page(page, app_server.url("overview"))
    h.expect_metric(page, "Total cost", "$255")
    h.expect_metric(page, "Total benefit", "$295")
    h.multiselect_pick(page, "agency", UNDP)  # shown by name, the URL keeps the code
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    h.expect_metric(page, "Total benefit (UNDP's share)", "$120")
    expect(page).to_have_url(re.compile(r"[?&]agency=UNDP(&|$)"))
    # the page says that shared rows are left out
    expect(page.get_by_text("this snapshot has no cost-sharing key", exact=False).first).to_be_visible()
    h.assert_no_exception(page)


def test_url_query_parameters_set_the_filters(page, app_server):
    h.open_page(page, app_server.url("overview", "category=Working+together"))
    h.expect_metric(page, "Total cost", "$180")
    h.expect_metric(page, "Total benefit", "$200")
    expect(h.widget(page, "category").locator('[data-testid="stMultiSelectTagsContainer"]')
           ).to_contain_text("Working together")

    h.open_page(page, app_server.url(
        "overview", "agency=UNDP&agency=WFP&years=2006&years=2007"))
    h.expect_metric(page, "Total cost (UNDP and WFP's share)", "$45")
    h.expect_metric(page, "Total benefit (UNDP and WFP's share)", "$170")
    tags = h.widget(page, "agency").locator('[data-testid="stMultiSelectTagsContainer"]')
    expect(tags).to_contain_text("UNDP")
    expect(tags).to_contain_text("WFP")
    h.assert_no_exception(page)


def test_download_a_chart_s_data(page, app_server):
    h.open_page(page, app_server.url("overview", "agency=UNDP"))
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    button = h.widget(page, "dl_csv_cost_by_initiative").locator("button").first
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = {r["initiative_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"ERP", "KS", "SEC", "TRN"}
    # under agency UNDP, by hand: ERP cost 100 benefit 120; SEC cost 10; KS and TRN nothing
    got = {k: (float(r["total_cost_usd"]), float(r["total_benefit_usd"])) for k, r in rows.items()}
    assert got == {"ERP": (100.0, 120.0), "KS": (0.0, 0.0), "SEC": (10.0, 0.0), "TRN": (0.0, 0.0)}


def test_filters_are_kept_when_switching_pages(page, app_server):
    h.open_page(page, app_server.url("overview"))
    h.expect_metric(page, "Total cost", "$255")
    h.multiselect_pick(page, "agency", UNDP)  # shown by name, the URL keeps the code
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")

    h.nav_link(page, "initiative").click()
    expect(page).to_have_url(re.compile(r"/initiative\?(.*&)?agency=UNDP(&|$)"))
    h.wait_idle(page)
    # the first kept initiative, ERP, under agency UNDP: $100
    h.expect_metric(page, "Total cost (UNDP's share)", "$100")
    expect(h.widget(page, "agency").locator('[data-testid="stMultiSelectTagsContainer"]')
           ).to_contain_text("UNDP")

    page.locator(f'{h.SIDEBAR} [data-testid="stSidebarNavLink"]').first.click()
    h.wait_idle(page)
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    expect(page).to_have_url(re.compile(r"[?&]agency=UNDP(&|$)"))
    h.assert_no_exception(page)


def _click_rightmost_point(page, chart) -> None:
    """Click the marker drawn furthest right in a Plotly scatter (a real mouse click)."""
    chart.scroll_into_view_if_needed()
    points = chart.locator(".scatterlayer .point")
    expect(points.first).to_be_attached()
    boxes = [points.nth(i).bounding_box() for i in range(points.count())]
    box = max((b for b in boxes if b), key=lambda b: b["x"] + b["width"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_chart_point_narrows_the_filter_and_undo_goes_back(page, app_server):
    # Overview, cost against benefit: the rightmost point is ERP (cost 180, the largest).
    h.open_page(page, app_server.url("overview"))
    h.expect_metric(page, "Total cost", "$255")
    # the chart under its heading (the heading carries the chart's title: one title a chart)
    scatter = page.locator('xpath=//h3[contains(., "Cost against benefit")]'
                           '/following::*[@data-testid="stPlotlyChart"][1]').first
    _click_rightmost_point(page, scatter)
    # ERP alone: cost 100 + 50 + 30 = $180, benefit 120 + 80 = $200
    h.expect_metric(page, "Total cost", "$180")
    h.expect_metric(page, "Total benefit", "$200")
    expect(page).to_have_url(re.compile(r"[?&]initiative=ERP(&|$)"))
    expect(h.widget(page, "initiative").locator('[data-testid="stMultiSelectTagsContainer"]')
           ).to_contain_text("ERP")
    # the obvious way back
    h.wait_idle(page)
    page.get_by_role("button", name="Undo chart selection").first.click()
    h.expect_metric(page, "Total cost", "$255")
    expect(page).not_to_have_url(re.compile(r"initiative="))
    h.assert_no_exception(page)


def test_a_link_opens_the_chosen_initiative(page, app_server):
    # ?detail=KS opens Knowledge-sharing: cost 40 + 20 = $60, benefit 30 + 50 = $80
    h.open_page(page, app_server.url("initiative", "detail=KS"))
    h.expect_metric(page, "Total cost", "$60")
    h.expect_metric(page, "Total benefit", "$80")
    expect(page.locator("h2").filter(has_text="Knowledge-sharing (KS)")).to_be_visible()
    # choosing another initiative puts it in the link
    h.widget(page, "detail").locator('input[role="combobox"]').click()
    page.locator('[role="option"]').filter(has_text=re.compile(r"^\s*ERP ")).first.click()
    h.expect_metric(page, "Total cost", "$180")
    expect(page).to_have_url(re.compile(r"[?&]detail=ERP(&|$)"))
    # a link to an initiative the filters leave out: a notice, and the first kept one
    h.open_page(page, app_server.url("initiative", "detail=SEC&priority=true"))
    expect(page.get_by_text("The link's initiative 'SEC'")).to_be_visible()
    h.expect_metric(page, "Total cost", "$180")  # ERP, the first priority initiative
    h.assert_no_exception(page)
