"""The briefing's scope line (dashboard/output/scope_lines.py, issue 24, the fresh review's
O3): with an organization chosen, every printed section says under its heading which of its
figures are the organization's share and which the whole portfolio's. Checked on the
planned HTML of the fixture (tests/fixture_data.py, with its earlier snapshot to compare
to, so that What changed is printed too); no Chromium."""

from __future__ import annotations

import html
import re

import pytest

from dashboard import pages, registry
from dashboard.output import briefing, scope_lines
from dashboard.output.summary import Scope
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data

# what each section's line must say, as a reader checks it: the figures that are UNDP's
# share, and those that are the whole portfolio's
EXPECTED = {
    "Overview": ("UNDP's share", "funding gap are the whole portfolio's"),
    "Costs & benefits": ("Every figure in this section is UNDP's share",),
    "How sure are these figures": ("Every figure in this section is UNDP's share",),
    "Organization commitment": ("Only UNDP shown", "cost and benefit are UNDP's share"),
    "Funding": ("Not split by organization", "whole portfolio's", "not UNDP's share"),
    "Prioritization": ("Scores, ranks and the budget use UNDP's share",),
    "What changed": ("Changes in cost and benefit are in UNDP's share",
                     "contributions are the whole portfolio's"),
}


def _plan(data_dir, agencies: tuple[str, ...]) -> briefing.Plan:
    db = Database(data_dir)
    try:
        scan = db.scan(refresh=True)
        snap = next(s for s in scan.snapshots if s.as_of == fixture_data.FIXTURE_AS_OF)
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of, agencies=agencies),
                                 compare_to=fixture_data.EARLIER_AS_OF)
        return briefing.build_html(ctx, snap, scan)
    finally:
        db.close()


def _printed_pages(plan: briefing.Plan) -> list[tuple[str, str]]:
    """(section, the page's text) of every printed page after the cover."""
    bodies = re.findall(r'<section class="page[^"]*"[^>]*>(.*?)</section>', plan.html,
                        flags=re.S)[1:]
    sections = [name for name, _ in plan.toc]
    starts = [page for _, page in plan.toc]
    out = []
    for n, body in enumerate(bodies, start=2):
        section = sections[max(i for i, s in enumerate(starts) if s <= n)]
        out.append((section, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())))
    return out


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("scope-lines")
    fixture_data.build_two(d)
    return d


def test_every_section_of_an_organization_pack_says_its_scope(data_dir):
    plan = _plan(data_dir, ("UNDP",))
    printed = _printed_pages(plan)
    assert [name for name, _ in plan.toc][:-1] == list(EXPECTED)  # What changed printed too
    for section, words in EXPECTED.items():
        texts = [t for s, t in printed if s == section]
        assert texts, section
        for phrase in words:  # on the section's first page, under its heading
            assert phrase in texts[0], (section, phrase, texts[0][:300])


def test_no_scope_line_without_an_organization(data_dir):
    plan = _plan(data_dir, ())
    assert 'class="scope"' not in plan.html
    assert "UNDP's share" not in plan.html


def test_each_dashboard_page_of_the_pack_has_a_line():
    scope = Scope(organizations=("UNDP", "WFP"))
    packed = {c.page for c in registry.CHARTS if c.pack}
    for page in pages.PAGES:
        line = scope_lines.section_line(scope, page.url_path)
        assert (line is not None) == (page.url_path in packed), page.url_path
    # two organizations: their share, their own lines
    assert scope_lines.section_line(scope, "costs-benefits") == (
        "Every figure in this section is UNDP and WFP's share (their own lines plus their "
        "part of the shared, system-wide ones), not the whole portfolio's.")
    assert scope_lines.section_line(Scope(), "funding") is None
