"""The Overview's stage count in the briefing pack (EN #13, round 5): drawn as bars on their
side, its seven stage names whole above them, it keeps the place the upright bars had on the
pack's Overview charts page (its place's height, heading included: registry.py), never
running over it."""

from __future__ import annotations

import re

import pytest

from dashboard import registry
from dashboard.output import briefing_html
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import fixture_data

DRAWN = re.compile(r'data-floor="(\d+)" style="width:\d+px;height:(\d+)px(?:;zoom:([\d.]+))?')


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_stage_count_fits_its_place_on_the_pack_page(db, lang):
    from dashboard.lang.translate import language

    chart = registry.BY_ID["initiatives_by_stage"]
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
    with language(lang):
        df = chart.dataset(ctx)
        html = briefing_html.Doc(sample=False).chart(
            chart.figure(ctx, df), chart.pack.width, chart.pack.height, scope=chart.scope
        )
    floor, height, zoom = DRAWN.search(html).groups()
    assert chart.pack.width == briefing_html.HALF_W  # beside the category chart
    # its seven rows need no more than it is drawn (else the page's script carries it on)
    assert int(floor) <= int(height)
    # as shown: no taller than its place less its heading
    assert round(int(height) * float(zoom or 1)) <= chart.pack.height - briefing_html.TITLE_H
