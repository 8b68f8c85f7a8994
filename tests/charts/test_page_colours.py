"""One meaning per colour on a page (round 5 #15): every chart of the registry is built on the
sample (all organizations, then UNDP's share) and its legend entries are read as keys, a
colour with its hatch. On one page of dashboard/pages.py (a chart's page in the registry) a
key names one thing, and where the page shows the initiative categories their five solid
colours name the categories only.

Seven colour-blind-safe colours cannot give every meaning of the dashboard its own colour, so
the rule is the page's: the reader compares the charts in view, not across pages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from dashboard import registry
from dashboard.charts import palette
from dashboard.contract.labels import code_label
from dashboard.contract.schema import CATEGORIES
from dashboard.query import chart_data
from dashboard.query.filters import Filters

SAMPLE = Path(__file__).resolve().parents[2] / "data"
CATEGORY_KEYS = {(c.upper(), "") for c in palette.CATEGORY_COLORS.values()}
CATEGORY_NAMES = {code_label(c) for c in CATEGORIES}
# still two meanings on the Costs & benefits page: the direction of money (above or below
# zero, blue and vermillion) and the kinds of benefit share the category hues there
STILL_OPEN = {
    ("costs-benefits", palette.BLUE, ""),
    ("costs-benefits", palette.VERMILLION, ""),
    ("costs-benefits", palette.GREEN, ""),
    ("costs-benefits", palette.PURPLE, ""),
    ("agency-commitment", palette.BLUE, ""),
    ("agency-commitment", palette.GREEN, ""),
    ("initiative", palette.BLACK, ""),
    ("initiative", palette.SKY_BLUE, ""),
    ("initiative", palette.ORANGE, ""),
}


def _pattern(marker) -> str:
    shape = getattr(getattr(marker, "pattern", None), "shape", None)
    if shape is None or isinstance(shape, str):
        return shape or ""
    return shape[0] if len(shape) else ""


def _keys(agencies: tuple[str, ...], open_database) -> dict[str, dict[tuple, set[str]]]:
    """Per page, each legend key (colour, hatch) and the names it stands for."""
    db = open_database(SAMPLE)
    snapshots = sorted(s.as_of for s in db.scan().snapshots)
    ctx = chart_data.Context(
        db=db, filters=Filters(snapshot=snapshots[-1], agencies=agencies), compare_to=snapshots[0]
    )
    pages: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entry in registry.CHARTS:
        df = entry.dataset(ctx) if entry.export else entry.dataset(ctx, "ERP")
        for trace in entry.figure(ctx, df).data:
            if trace.type == "pie":  # each slice a legend entry
                for label, colour in zip(trace.labels, trace.marker.colors, strict=True):
                    pages[entry.page][(colour.upper(), "")].add(label)
                continue
            colour = getattr(getattr(trace, "marker", None), "color", None)
            if getattr(trace, "mode", None) == "lines":  # a line's colour is its key
                colour = trace.line.color
            if trace.showlegend is False or not trace.name or not isinstance(colour, str):
                continue
            pages[entry.page][(colour.upper(), _pattern(trace.marker))].add(trace.name)
    return pages


@pytest.fixture(scope="module", params=[(), ("UNDP",)], ids=["all", "UNDP"])
def keys(request, open_database):
    return _keys(request.param, open_database)


def test_no_colour_means_two_things_on_one_page(keys):
    twice = {
        (page, colour, pattern): sorted(names)
        for page, by_key in keys.items()
        for (colour, pattern), names in by_key.items()
        if len(names) > 1 and (page, colour, pattern) not in STILL_OPEN
    }
    assert twice == {}


def test_the_category_colours_name_only_categories_where_they_are_shown(keys):
    for page, by_key in keys.items():
        if not any(names & CATEGORY_NAMES for names in by_key.values()):
            continue
        others = {
            key: sorted(names - CATEGORY_NAMES)
            for key, names in by_key.items()
            if key in CATEGORY_KEYS and names - CATEGORY_NAMES and (page, *key) not in STILL_OPEN
        }
        assert others == {}, page


def test_the_three_pairs_a_reader_confused_are_told_apart(keys):
    # round 5 #15: hatched vermillion "Funding gap" beside hatched orange pledges (Funding);
    # sky blue "One-off" cost beside "Cost avoidance" (Costs & benefits); vermillion
    # "Low cost" and "Sustaining the initiative" (Prioritization): other hues now
    def hue(page: str, name: str) -> str:
        return next(c for (c, _p), names in keys[page].items() if name in names)

    assert hue("funding", "Funding gap") not in {palette.ORANGE, palette.VERMILLION}
    assert hue("costs-benefits", "One-off") != hue("costs-benefits", "Cost avoidance")
    assert hue("prioritization", "Low cost") not in palette.CATEGORY_COLORS.values()
