"""The reader's review's plan (tools/review/plan.py): every page of the registry is shot at
both widths over every data set, each state on the pages a reader uses it on, with the
query parameters the app reads (dashboard/query/params.py); a subset is what was asked for."""

from __future__ import annotations

import pytest

from dashboard import pages as registry
from dashboard.query import params
from tools.review import plan

COMPARE = "2004-10-01"  # any earlier snapshot's date


def _by_state(name: str, dataset: str = "sample") -> list[plan.Shot]:
    return [s for s in plan.shots(COMPARE) if s.state.name == name and s.dataset == dataset]


def test_the_two_widths_are_a_desktop_and_a_phone():
    assert plan.WIDTHS == {"desktop": (1440, 1000), "phone": (390, 844)}


@pytest.mark.parametrize("dataset", ["sample", "odd", "one"])
def test_every_page_of_the_registry_is_shot_at_both_widths_by_default(dataset):
    got = {(s.page, s.width) for s in _by_state("default", dataset)}
    assert got == {(p.url_path, w) for p in registry.PAGES for w in ("desktop", "phone")}


@pytest.mark.parametrize(("state", "query"), [
    ("organization", {"agency": "UNDP"}),
    ("category", {"category": "Working together"}),
])
def test_a_filter_is_shot_on_every_page(state, query):
    shots = _by_state(state)
    assert {s.page for s in shots} == {p.url_path for p in registry.PAGES}
    assert all(dict(s.state.query) == query for s in shots)


def test_a_budget_on_prioritization_and_a_comparison_on_what_changed():
    assert {(s.page, dict(s.state.query)["budget"]) for s in _by_state("budget")} == {
        ("prioritization", "50000000")}
    assert {(s.page, dict(s.state.query)["compare"]) for s in _by_state("comparison")} == {
        ("what-changed", COMPARE)}


def test_every_query_parameter_is_one_the_app_reads():
    used = {k for st in plan.states(COMPARE) for k, _ in st.query}
    assert used == {"agency", "category", "budget", "compare"}
    assert used <= set(params.FILTER_KEYS + params.ANALYSIS_KEYS)


def test_a_parameter_the_app_does_not_read_is_refused_at_once():
    with pytest.raises(ValueError, match=r"'organisation'.*dashboard/query/params\.py"):
        plan._key("organisation")


def test_the_address_is_encoded():
    (shot,) = [s for s in _by_state("category") if s.page == "funding" and s.width == "phone"]
    assert shot.state.query_string == "category=Working+together"
    assert shot.file == "sample_category_funding_phone.png"


def test_a_subset_is_exactly_what_was_asked():
    got = plan.shots(COMPARE, pages=["funding"], state_names=["default"], widths=["phone"],
                     datasets=["odd"])
    assert [(s.dataset, s.state.name, s.page, s.width) for s in got] == [
        ("odd", "default", "funding", "phone")]
    assert plan.briefing_states(pages=["funding"]) == []
    assert [b[0] for b in plan.briefing_states(pages=["briefing"])] == [
        "default", "organization"]
    assert plan.briefing_states(datasets=["odd"]) == []


def test_the_full_run_shoots_each_image_once():
    # 8 pages x 2 widths x (3 sample states + odd + one) + a budget and a comparison at 2 widths
    files = [s.file for s in plan.shots(COMPARE)]
    assert len(files) == len(set(files)) == len(registry.PAGES) * 2 * 5 + 4


@pytest.mark.parametrize(("option", "kw"), [
    ("--pages", {"pages": ["fundng"]}),
    ("--states", {"state_names": ["budgets"]}),
    ("--widths", {"widths": ["tablet"]}),
    ("--data", {"datasets": ["big"]}),
])
def test_an_unknown_name_is_said_with_the_choices(option, kw):
    with pytest.raises(ValueError, match=rf"^{option} \w+: not known; choose from "):
        plan.shots(COMPARE, **kw)
