"""One title per chart (issue 24: "a section header and a near-identical chart title on
every chart"): on every page of the fixture, each chart's heading is its figure's own title
(what, and in what unit), and the drawing itself carries no title beside it."""

from __future__ import annotations

import json

import pytest

from dashboard import registry
from dashboard.output.chart_words import plain
from tests.apptest import PAGES, no_exception, open_app


@pytest.mark.parametrize("page", ["overview", "costs-benefits", "funding", "agency-commitment"])
def test_each_chart_is_titled_once(fixture_dir, monkeypatch, page):
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    at.switch_page(PAGES[page]).run()
    no_exception(at)
    headings = [h.value.replace("\\$", "$") for h in at.subheader]
    charts = registry.for_page(page)
    drawn = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    assert len(drawn) == len(charts)
    for fig in drawn:
        # the drawing has no title of its own (the fixture is not the sample: no mark)
        assert not (fig["layout"].get("title") or {}).get("text")
        # and its heading on the page is the builder's title, in plain words
        assert plain(fig["layout"]["meta"]["heading"]) in headings
