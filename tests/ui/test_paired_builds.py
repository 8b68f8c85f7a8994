"""A half-width chart's figure is built once per run, not once for the paired columns'
measure and again for the drawing (ui/entries._built: the measure reads the figure the
chart is then drawn from). Counted on the pages whose charts stand in two columns, over
the fixture: each half-width builder called once in a page's first run (with Streamlit's
caches emptied), and not again on a rerun."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from dashboard import registry
from tests.apptest import PAGES, no_exception, open_app

PAIRED_PAGES = ("overview", "costs-benefits", "agency-commitment", "funding")


def _counted(charts: tuple, calls: Counter) -> tuple:
    def counting(entry):
        def build(*a, **kw):
            calls[entry.id] += 1
            return entry.builder(*a, **kw)

        return dataclasses.replace(entry, builder=build)

    return tuple(counting(c) if c.half else c for c in charts)


@pytest.mark.parametrize("page", PAIRED_PAGES)
def test_a_half_width_charts_figure_is_built_once(fixture_dir, monkeypatch, page):
    calls: Counter = Counter()
    monkeypatch.setattr(registry, "CHARTS", _counted(registry.CHARTS, calls))
    half = {c.id for c in registry.for_page(page) if c.half}
    assert len(half) >= 2, page  # a page with two columns of charts
    app = open_app(fixture_dir, monkeypatch)
    app.run()
    if page != "overview":
        calls.clear()  # the overview's charts, built by the first run
        app.switch_page(PAGES[page]).run()
    no_exception(app)
    drawn = {c.id for c in registry.for_page(page) if c.half and calls[c.id]}
    assert drawn, page  # the fixture draws some of them
    assert {i: calls[i] for i in drawn} == {i: 1 for i in drawn}
    app.run()  # a rerun: every figure from the cache
    no_exception(app)
    assert {i: calls[i] for i in drawn} == {i: 1 for i in drawn}
