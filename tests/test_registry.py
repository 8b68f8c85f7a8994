"""The chart registry (dashboard/registry.py): every chart declared once, and everything
that lists charts (the pages, the export, the briefing pack) reads it.

- every entry has a dataset, a builder, a sheet and a page;
- every chart a page draws is an entry of that page, and every entry of a page is drawn
  (each page run with AppTest on the fixture and its earlier snapshot);
- each export sheet's name is written in one module of dashboard/ (the registry);
- the briefing pack's extras named by the entries exist.
"""

from __future__ import annotations

import ast
import inspect
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import pages, registry
from dashboard.config import REPO_ROOT
from dashboard.output import briefing_sections
from dashboard.query import chart_data, ranges_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data

APP = str(REPO_ROOT / "dashboard" / "app.py")
PKG = REPO_ROOT / "dashboard"


@pytest.mark.parametrize("entry", registry.CHARTS, ids=[c.id for c in registry.CHARTS])
def test_every_entry_has_a_dataset_a_builder_a_sheet_and_a_page(entry):
    assert inspect.getmodule(entry.dataset) in (chart_data, ranges_data), entry.dataset
    builder_module = inspect.getmodule(entry.builder).__name__
    assert re.fullmatch(r"dashboard\.charts\.figures_\w+", builder_module), builder_module
    assert entry.page in pages.BY_URL, entry.page
    assert entry.title and entry.units
    sheet = entry.export_sheet
    assert sheet.name and sheet.dataset is entry.dataset
    if entry.export:
        assert registry.SHEETS[sheet.name] is entry.dataset
    else:
        assert sheet.name not in registry.SHEETS
    # a builder's other inputs are declared with it: it takes exactly the frame and those
    params = inspect.signature(entry.builder).parameters
    required = [p for p in params.values() if p.default is inspect.Parameter.empty]
    assert len(required) == 1 or entry.args is not None, entry.id


def test_ids_and_sheets_are_unique_and_the_contract_sheets_come_first():
    ids = [c.id for c in registry.CHARTS]
    assert len(ids) == len(set(ids))
    sheets = list(registry.SHEETS)
    contract = sorted((s for s in [*(c.export_sheet for c in registry.CHARTS if c.export),
                                   *registry.TABLE_SHEETS] if s.contract),
                      key=lambda s: s.contract)
    names = list(dict.fromkeys(s.name for s in contract))
    assert sheets[:len(names)] == names
    # the contract's order (data contract, section 6), worked out by hand
    assert names == ["kpis", "cost_by_initiative", "cashflow_by_year", "commitment_matrix",
                     "contributions_by_donor", "funding_gap", "cost_sharing",
                     "priority_ranking", "budget_selection", "changes",
                     "ranges_portfolio", "ranges_by_initiative", "npv_tornado"]
    # one sheet per exported chart (two charts may share one), and the table sheets
    expected = {c.export_sheet.name for c in registry.CHARTS if c.export} | {
        s.name for s in registry.TABLE_SHEETS}
    assert set(sheets) == expected and len(sheets) == len(expected)


def test_the_briefing_extras_named_by_the_entries_exist():
    for c in registry.CHARTS:
        if c.pack is None:
            continue
        assert c.pack.lead is None or c.pack.lead in briefing_sections.LEADS, c.id
        assert c.pack.words is None or c.pack.words in briefing_sections.WORDS, c.id


def test_half_width_charts_stand_in_one_of_two_columns():
    for c in registry.CHARTS:
        assert c.column in ((0, 1) if c.half else (0,)), c.id


# --- each sheet's name in one module ------------------------------------------------------


def _string_constants(path) -> set[str]:
    """The string constants of a module, but docstrings, the query names of
    `.query("name", ...)` calls (queries/<name>.sql, not sheets) and the names of
    `__all__` (functions, such as analysis.ranges.npv_tornado, not sheets)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "query" and node.args:
            skip.add(id(node.args[0]))
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) \
                and isinstance(node.body[0].value, ast.Constant):
            skip.add(id(node.body[0].value))
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip}


def test_each_sheet_name_is_written_in_one_module():
    where: dict[str, list[str]] = {name: [] for name in registry.SHEETS}
    for path in sorted(PKG.rglob("*.py")):
        found = _string_constants(path)
        for name in where:
            if name in found:
                where[name].append(str(path.relative_to(REPO_ROOT)))
    assert where == {name: ["dashboard/registry.py"] for name in registry.SHEETS}


# --- every chart a page draws is an entry of that page ---------------------------------------

@pytest.fixture(scope="module")
def two_snapshots(tmp_path_factory):
    d = tmp_path_factory.mktemp("registry-pages")
    fixture_data.build_two(d)
    return d


def _drawn(at: AppTest) -> list[str]:
    """The registry ids of the charts on the page (their element keys are chart_<id>)."""
    out = []
    for chart in at.get("plotly_chart"):
        m = re.search(r"-chart_(\w+)$", chart.proto.id)
        assert m, chart.proto.id
        out.append(m.group(1))
    return out


@pytest.mark.parametrize("page", pages.PAGES, ids=[p.url_path for p in pages.PAGES])
def test_every_chart_a_page_draws_comes_from_its_entries(two_snapshots, monkeypatch, page):
    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(two_snapshots))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["budget"] = "150"  # the frontier with a budget (and its selection)
    at.run()
    at.switch_page(page.app_test_path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _drawn(at) == [c.id for c in registry.for_page(page.url_path)]


@pytest.mark.parametrize("entry", registry.CHARTS, ids=[c.id for c in registry.CHARTS])
def test_the_units_an_entry_declares_are_the_units_its_figure_names(two_snapshots, entry):
    db = Database(two_snapshots)
    try:
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF),
                                 compare_to=fixture_data.EARLIER_AS_OF)
        df = entry.dataset(ctx) if entry.export else entry.dataset(ctx, "ERP")
        fig = entry.figure(ctx, df)
    finally:
        db.close()
    lay = fig.layout
    axes = [lay[k].title.text or "" for k in lay if k.startswith(("xaxis", "yaxis"))]
    title = lay.title.text.replace("<br>", " ")
    if entry.units == "US$":
        assert any("US dollars" in a for a in axes), (entry.id, axes)
    if entry.units == "count":
        assert title.endswith("(count)"), title


def test_the_top_eight_chart_says_why_its_chances_are_all_or_nothing(db, open_database):
    from dashboard.config import REPO_ROOT
    from dashboard.query import chart_data
    from dashboard.query.filters import Filters
    from tests import fixture_data

    def note(database, as_of):
        ctx = chart_data.Context(db=database, filters=Filters(snapshot=as_of),
                                 discount_rate=0.05, weights=chart_data.DEFAULT_WEIGHTS,
                                 budget=None, compare_to=None)
        return registry.BY_ID["share_in_top_eight"].caption_for(None, ctx)

    # the fixture keeps four initiatives: every one is in the top eight, always
    assert "eight or fewer initiatives kept" in note(db, fixture_data.FIXTURE_AS_OF)
    # the sample: ERP dominates benefit and cost (issue 24), so the others barely move
    sample = open_database(REPO_ROOT / "data")
    newest = max(s.as_of for s in sample.scan().snapshots)
    assert "Enterprise resource planning systems is so far above the rest" in note(sample, newest)


# issue 24, S4: the pages whose figures are all an organization's share under its filter,
# and the one whose figures are all not split by organization
SHARE_PAGES = ("costs-benefits", "initiative", "what-changed", "prioritization")


def test_each_money_chart_says_whose_figures_under_the_organization_filter():
    from dashboard.output import summary
    for c in registry.CHARTS:
        if c.page in SHARE_PAGES:
            assert c.scope == summary.SHARE, c.id
        if c.page == "funding":
            assert c.scope == summary.NOT_SPLIT, c.id
    # the organization's share, by initiative when one category is kept (EN #19)
    assert registry.BY_ID["portfolio_by_category"].scope == summary.BY_CATEGORY
    assert registry.BY_ID["cost_by_initiative"].scope == summary.SHARE
    assert registry.BY_ID["commitment_matrix"].scope is None  # by organization already
    undp = chart_data.Context(db=None, filters=Filters(snapshot="2006-03-31",
                                                       agencies=("UNDP",)))
    every = chart_data.Context(db=None, filters=Filters(snapshot="2006-03-31"))
    assert registry.BY_ID["npv_distribution"].scope_phrase(undp) == "UNDP's share"
    assert registry.BY_ID["funding_gap"].scope_phrase(undp) == "whole portfolio"
    assert registry.BY_ID["npv_distribution"].scope_phrase(every) is None
    assert registry.BY_ID["commitment_matrix"].scope_phrase(undp) is None


def test_titles_captions_and_pack_pages_in_french():
    # read in the reader's language by every consumer; ids and sheets never change
    from dashboard.lang.lazy import english
    from dashboard.lang.translate import language
    gap, tornado = registry.BY_ID["funding_gap"], registry.BY_ID["npv_tornado"]
    with language("fr"):
        assert gap.title == "Déficit de financement par initiative"
        # a pack page's heading after its section's name, the sidebar's (FR #4)
        assert gap.pack.page == "{section}\u00a0: déficit de financement par initiative"
        assert tornado.pack.page == "{section}\u00a0: ce qui fait le plus varier la VAN"
        assert tornado.pack.section == "Fiabilité de ces chiffres"
        assert tornado.caption.startswith("Pour chaque initiative, la VAN du portefeuille")
        assert (registry.BY_ID["cost_change_waterfall"].pack.page
                == "{section} depuis le {before}")
        assert gap.id == "funding_gap" and gap.export_sheet.name == "funding_gap"
    assert english(gap, "title") == gap.title == "Funding gap by initiative"
    assert tornado.pack.page == "{section}: what moves the NPV most"


def test_the_waterfall_names_its_snapshots_as_a_reader_reads_them():
    # FR #10: the waterfall's first and last bars read "Coût 2005-09-01" in French; the date
    # formatter's words instead ("1er": FR #11). English keeps its ISO dates
    from types import SimpleNamespace

    from dashboard.lang.translate import language
    ctx = SimpleNamespace(compare_to="2005-09-01", filters=SimpleNamespace(snapshot="2006-03-31"))
    entry = registry.BY_ID["cost_change_waterfall"]
    with language("fr"):
        assert entry.builder_args(ctx, None) == ("1er\u00a0septembre\u00a02005", "31\u00a0mars\u00a02006")
    assert entry.builder_args(ctx, None) == ("2005-09-01", "2006-03-31")


def test_the_running_total_says_it_is_not_discounted():
    # round 3, #21: the cumulative line ends near $103M while the NPV tile says $76.0M;
    # the caption (and the pack's) says the line is not discounted
    chart = registry.BY_ID["cashflow_by_year"]
    assert "running total, not discounted (the NPV is)" in str(chart.caption)
    assert "not discounted" in str(chart.pack.caption)
