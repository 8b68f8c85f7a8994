"""One title per chart (issue 24: "a section header and a near-identical chart title on
every chart"): on pages of the fixture, each chart's heading is its figure's own title
(what, and in what unit), and the drawing itself carries no title beside it."""

from __future__ import annotations

import json

import pytest

from dashboard import registry
from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.output.chart_words import plain
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import fixture_data
from tests.apptest import PAGES, no_exception, open_app


@pytest.mark.parametrize("page", ["overview", "costs-benefits", "funding", "agency-commitment"])
def test_each_chart_is_titled_once(fixture_dir, db, monkeypatch, page):
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    at.switch_page(PAGES[page]).run()
    no_exception(at)
    headings = [h.value.replace("\\$", "$") for h in at.subheader]
    drawn = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    charts = registry.for_page(page)
    assert len(drawn) == len(charts)
    # the drawing has no title of its own (the fixture is not the sample: no mark either)
    assert not any((f["layout"].get("title") or {}).get("text") for f in drawn)
    # each chart's heading is its builder's title in plain words, as the figure would say it
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF),
                             discount_rate=DEFAULT_DISCOUNT_RATE,
                             weights=chart_data.DEFAULT_WEIGHTS, budget=None,
                             compare_to=fixture_data.EARLIER_AS_OF)
    for chart in charts:
        title = plain(chart.figure(ctx, chart.dataset(ctx)).layout.title.text)
        assert title and title in headings, (chart.id, title, headings)


def test_french_headings_keep_their_no_break_spaces(db):
    # FR #15: the heading over each chart (the figure's title made plain, with whose
    # figures it shows) broke before French's ":" ("Score de priorité par initiative /
    # : part de chaque facteur") and inside "99,3 %": its no-break spaces were made plain
    import re

    from dashboard.lang.translate import language
    from dashboard.output import summary
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF),
                             discount_rate=DEFAULT_DISCOUNT_RATE,
                             weights=chart_data.DEFAULT_WEIGHTS, budget=None,
                             compare_to=None)  # one snapshot here
    with language("fr"):
        headings = [summary.scoped_title(plain(c.figure(ctx, c.dataset(ctx)).layout.title.text),
                                         "part du PNUD")
                    for c in registry.CHARTS if not c.id.startswith("detail_") and c.id != "cost_change_waterfall"]
    assert any("initiative\u00a0: part de chaque facteur" in h for h in headings), headings
    for h in headings:  # no plain space before a mark that must not start a line
        assert not re.search(r" [:;!?%»]", h), h
        assert not re.search(r"\d \d{3}\b", h), h  # "20 000" is one number
