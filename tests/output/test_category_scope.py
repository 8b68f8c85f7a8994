"""The Overview's cost and benefit by category under a category filter (EN #19, round 5):
with one category kept, its one pair of bars said nothing the tiles do not, under a title
that said "by category". Registry rule (summary.BY_CATEGORY, Filters.one_category): with one
category kept the chart shows that category's initiatives, each named above its bars, and
its title says which category in its closing brackets, after whose share if any."""

from __future__ import annotations

import html

import pytest

from dashboard import registry
from dashboard.charts import bar_names
from dashboard.output import summary
from dashboard.output.chart_words import plain
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import fixture_data

CHART = registry.BY_ID["portfolio_by_category"]


def _drawn(db, lang: str = "en", **filters) -> tuple[str, list[str], object]:
    """The chart's heading as the app and the pack set it, the names above its bars, and
    the figure, under these filters."""
    from dashboard.lang.translate import language

    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF,
                                                    **filters))
    with language(lang):
        fig = CHART.figure(ctx, CHART.dataset(ctx))
        heading = summary.scoped_title(plain(fig.layout.title.text), CHART.scope_phrase(ctx))
    return heading.replace("\u00a0", " "), [html.unescape(n) for n in bar_names.bar_names(fig)], fig


def test_one_category_kept_shows_its_initiatives(db):
    # the fixture's Working together holds ERP alone (tests/fixture_data.py)
    heading, names, fig = _drawn(db, categories=("Working together",))
    assert heading == "Cost and benefit by initiative (Working together only, US$)"
    assert names == ["Enterprise resource planning systems (ERP)"]
    assert [list(t.y) for t in fig.data if t.showlegend is False] == [["ERP"], ["ERP"]]
    # two bars a row, each thick enough that its value's label is drawn whole, never shrunk
    drawn = [t for t in fig.data if t.showlegend is False]
    assert all(t.constraintext == "none" and list(t.text) for t in drawn)
    assert bar_names.height(6, bars=2) == 70 + 6 * (bar_names.ROW_PX + bar_names.BAR_PX)


def test_with_the_organization_filter_the_share_comes_first(db):
    heading, _names, _fig = _drawn(db, categories=("Working together",), agencies=("UNDP",))
    assert heading == ("Cost and benefit by initiative (UNDP's share, Working together only, "
                       "US$)")


def test_in_french_the_category_is_the_frameworks_french_label(db):
    heading, _names, _fig = _drawn(db, "fr", categories=("Working together",))
    assert heading == "Coût et avantage par initiative (Travailler ensemble uniquement, $US)"


@pytest.mark.parametrize("categories", [(), ("Working together", "ICT in development")])
def test_otherwise_it_stays_by_category(db, categories):
    heading, names, fig = _drawn(db, categories=categories)
    assert heading == "Cost and benefit by category (US$)" and names == []
    assert len(list(fig.data[-1].y)) == (len(categories) or 4)  # the fixture has four
