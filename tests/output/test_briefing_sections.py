"""The briefing pack's pages (dashboard/output/briefing_sections.py), on the planned HTML of
the fixture and its earlier snapshot (tests/fixture_data.build_two: 2006-01-01 compared with
2005-07-01), no browser."""

from __future__ import annotations

import html
import re

import pytest

from dashboard.lang.translate import language
from dashboard.output import briefing
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("briefing-sections")
    fixture_data.build_two(d)
    return d


def _headings(data_dir, lang: str) -> list[str]:
    db = Database(data_dir)
    try:
        with language(lang):
            scan = db.scan(refresh=True)
            snap = next(s for s in scan.snapshots if s.as_of == fixture_data.FIXTURE_AS_OF)
            ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of),
                                     compare_to=fixture_data.EARLIER_AS_OF)
            plan = briefing.build_html(ctx, snap, scan, generated_at="2026-12-01 17:58 UTC")
    finally:
        db.close()
    return [html.unescape(re.sub(r"<[^>]+>", "", h))
            for h in re.findall(r"<h2[^>]*>(.*?)</h2>", plan.html, flags=re.S)]


def test_the_what_changed_page_names_its_snapshot_as_a_reader_reads_it(data_dir):
    # FR #10: "Évolution depuis le 2005-07-01" read badly as a title; the date formatter's
    # words (FR #11: the first of a month "1er"); English keeps the ISO date
    assert "What changed since 2005-07-01" in _headings(data_dir, "en")
    assert any(h.endswith("depuis le 1er\u00a0juillet\u00a02005") for h in _headings(data_dir, "fr"))
