"""The cost-against-benefit scatters' plots as Chromium draws them in the app are the plots
their marks were placed on (dashboard/charts/scatter_labels.PLOTS): the desktop's was taken
as 640 x 380 px (a half column's) while the chart had the page's whole width, 863 x 358, so
marks placed clear of each other met on the drawn plot (reader's review round 5, #2: under
UNDP at 1440, PROCFA's line ended between two touching $0 bubbles). The pack's plots are
checked in tests/output/test_pack_scatter_plots.py."""

from __future__ import annotations

import pytest

from dashboard.charts import scatter_labels
from dashboard.config import REPO_ROOT
from tests.browser import helpers as h
from tests.browser.conftest import RENDER_TIMEOUT_MS, serving

pytestmark = pytest.mark.browser

TOLERANCE_PX = 3  # a y axis's tick labels a little wider or narrower on other data
PLOTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => JSON.stringify((gd._fullLayout.yaxis || {}).title || '').includes('benefit')
             && gd.data.some(t => t.mode === 'markers+text'))
  .map(gd => [gd._fullLayout._size.w, gd._fullLayout._size.h])"""


@pytest.fixture(scope="module")
def sample_server():
    yield from serving(REPO_ROOT / "data", "streamlit-scatter-server.log", " over the sample data")


@pytest.mark.parametrize(("width", "plot"), [(390, scatter_labels.PLOTS[0]),
                                             (1440, scatter_labels.PLOTS[1])])
def test_the_apps_scatter_plots_are_those_their_marks_were_placed_on(browser, sample_server,
                                                                     width, plot):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    page = context.new_page()
    try:
        for path, query in (("overview", ""), ("overview", "agency=UNDP"),
                            ("prioritization", "")):
            h.open_page(page, sample_server.url(path, query))
            page.wait_for_function(h.CHARTS_DRAWN)
            drawn = page.evaluate(PLOTS)
            assert len(drawn) == 1, (path, query, drawn)
            (w, hgt), = drawn
            assert abs(w - plot[0]) <= TOLERANCE_PX and abs(hgt - plot[1]) <= TOLERANCE_PX, \
                (path, query, width, (w, hgt), plot)
    finally:
        context.close()
