"""Each filter rule with its words: the organization filter's meaning is defined once
(dashboard/query/filters.py `ORGANIZATION`: its SQL macros and its words), and every text
that states it says what the SQL does (contract v2): shared rows are apportioned by the
cost-sharing key, left out only where the selection's share is 0."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.config import REPO_ROOT
from dashboard.contract import docs
from dashboard.query.filters import ORGANIZATION

FILTERED_SQL = (REPO_ROOT / "queries" / "_filtered.sql").read_text(encoding="utf-8")
# where the organization filter's meaning is written in words
TEXTS = sorted([
    *(REPO_ROOT / "dashboard").rglob("*.py"),
    *(REPO_ROOT / "bench").rglob("*.py"),
    *(REPO_ROOT / "queries").glob("*.sql"),
    *(REPO_ROOT / "docs").glob("*.md"),
    REPO_ROOT / "README.md",
    REPO_ROOT / "data" / "README.md",
])
# what the sidebar's help and filters.py said before contract v2 took effect
STALE = ("costs and benefits are then left out", "left out while an agency filter is set")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _agency_bullet() -> str:
    section = _flat(docs.section("Filters"))
    start = section.index("**agency**")
    return section[start:section.index("**years**")]


def test_the_sidebar_shows_the_rules_own_help(fixture_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(fixture_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.sidebar.multiselect(key=ORGANIZATION.key)
    assert box.label == ORGANIZATION.label
    assert box.help == ORGANIZATION.help


def test_the_rules_words_say_shared_rows_are_apportioned():
    words = _flat(ORGANIZATION.help)
    assert "plus their share of every shared (system-wide) cost and benefit" in words
    assert "cost-sharing key" in words and "cost_share" in words
    # left out only where the share is 0, never whenever an organization is chosen
    assert "Where that sum is 0 (no key, or no share for them) shared rows are left out" in words
    assert "Contributions and the funding gap are not filtered by organization" in words


def test_the_docs_state_the_same_rule_and_name_its_macros():
    bullet = _agency_bullet()
    assert "plus their share of every shared row" in bullet
    assert "Where S is 0 (no key, or no share for them) shared rows are left out" in bullet
    assert "Contributions and the funding gap are not filtered by agency" in bullet
    for macro in ORGANIZATION.macros:
        assert f"`{macro}`" in bullet, macro
        assert re.search(rf"^create macro {macro}\(", FILTERED_SQL, re.M), macro


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_text_says_shared_rows_are_always_left_out(path):
    text = _flat(path.read_text(encoding="utf-8"))
    for phrase in STALE:
        assert phrase not in text, f"{path.relative_to(REPO_ROOT)}: {phrase!r}"


def test_costs_and_benefits_share_one_macro():
    # one rule for both kinds of line item: the agency condition is written once
    assert FILTERED_SQL.count("list_contains(p_agencies::varchar[], l.agency_code)") == 1
    assert "c.agency_code" not in FILTERED_SQL and "b.agency_code" not in FILTERED_SQL
    for name, table in (("f_costs", "cost_totals"), ("f_benefits", "benefit_totals")):
        body = FILTERED_SQL[FILTERED_SQL.index(f"create macro {name}("):]
        body = body[:body.index(";")]
        assert f"from f_lines('{table}', " in body, name


def test_the_filter_and_its_note_in_french():
    from dashboard.lang.translate import language
    from dashboard.query.filters import Filters
    with language("fr"):
        assert ORGANIZATION.label == "Organisme"  # the glossary's word for the filter
        note = Filters(snapshot="2006-03-31", agencies=("UNDP",)).agency_note(0.125, True)
        assert note.startswith("UNDP\u00a0: ses propres coûts et avantages, plus "
                               "12,5\u00a0% des coûts et avantages partagés")
    assert ORGANIZATION.label == "Organization"
    assert Filters(snapshot="2006-03-31", agencies=("UNDP", "WFP")).agency_note(0.03, True) \
        .startswith("UNDP and WFP: their own costs and benefits, plus 3% of shared")
