"""Every chart is drawn once when its page is shown (dashboard/charts/browser_figure.py).

A chart drawn twice costs the board member the time of both drawings on every page switch:
Plotly drew each chart a second time when its axis labels needed more margin than the
figure gave (automargin), and again when Streamlit's chart element handed it the themed
JSON copy of the figure (a new template, new data arrays). Here Chromium counts Plotly's
full drawings of each chart: a conditional breakpoint (one that never pauses) on the
statement of Plotly's `_doPlot` that fires `plotly_beforeplot`, found in the chart bundle
the server sent, marks each chart's element with how often it was drawn. On the shipped
sample, at a desktop width, through the sidebar as a person switches pages, each chart
must be drawn exactly once; and the margins Plotly ended with are the figure's own (none
widened by automargin after the fact: this holds where the browser's sans-serif is DejaVu
Sans or Liberation Sans, the faces the margin estimates were measured on, as on the
machine `make test` sets up).
"""

from __future__ import annotations

import pytest

from tests.browser import helpers as h
from tests.browser.conftest import PAGES, RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser

# counts the drawings of the chart element passed to Plotly's _doPlot; never pauses
COUNT_DRAWING = """(function (gd) {
  try {
    gd = typeof gd === "string" ? document.getElementById(gd) : gd;
    if (gd && gd.dataset) gd.dataset.drawings = String((Number(gd.dataset.drawings) || 0) + 1);
  } catch (e) {}
  return false;
})(arguments[0])"""
# two frames and a task later: work that was still to come for the charts has come
SETTLED = """() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0))))"""
DRAWINGS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const fl = gd._fullLayout;
  const title = ((fl.title && fl.title.text) || '').replace(/<[^>]*>/g, ' ').trim();
  return {title, drawings: Number(gd.dataset.drawings) || 0,
          margin: ['l', 'r', 't', 'b'].map(s => fl.margin[s]),
          drawn: ['l', 'r', 't', 'b'].map(s => Math.round(fl._size[s]))};
})"""


def _location(script_id: str, source: str, i: int) -> dict:
    """CDP's (line, column) of character i of a script's source."""
    return {"scriptId": script_id, "lineNumber": source.count("\n", 0, i),
            "columnNumber": i - (source.rfind("\n", 0, i) + 1)}


def _count_plotly_drawings(page, cdp) -> None:
    """Put the counting breakpoint on the Plotly bundle the page loaded."""
    scripts: dict[str, str] = {}
    cdp.on("Debugger.scriptParsed", lambda e: scripts.__setitem__(e["scriptId"], e["url"]))
    cdp.send("Debugger.enable")  # replays scriptParsed for every script already loaded
    found = []
    for script_id, url in list(scripts.items()):
        if "PlotlyChart" not in url:
            continue
        source = cdp.send("Debugger.getScriptSource", {"scriptId": script_id})["scriptSource"]
        at = source.find("plotly_beforeplot")
        if at < 0:
            continue
        # the statement that fires plotly_beforeplot: the last place V8 can break before it
        spots = cdp.send("Debugger.getPossibleBreakpoints", {
            "start": _location(script_id, source, max(0, at - 300)),
            "end": _location(script_id, source, at)})["locations"]
        assert spots, f"no breakable statement before plotly_beforeplot in {url}"
        spot = spots[-1]
        cdp.send("Debugger.setBreakpoint", {
            "location": {k: spot[k] for k in ("scriptId", "lineNumber", "columnNumber")},
            "condition": COUNT_DRAWING})
        found.append(url)
    assert found, f"no Plotly bundle with plotly_beforeplot among {sorted(scripts.values())}"


def test_every_chart_is_drawn_once_on_a_page_switch(browser, sample_server):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    page = context.new_page()
    try:
        h.open_page(page, sample_server.url("overview"))
        page.wait_for_function(h.CHARTS_DRAWN)  # the chart bundle is loaded
        cdp = context.new_cdp_session(page)
        _count_plotly_drawings(page, cdp)
        seen = 0
        for path in PAGES[1:] + PAGES[:1]:
            h.switch_page(page, path)
            page.wait_for_function(h.CHARTS_DRAWN)
            page.evaluate(SETTLED)  # a second drawing would have started by now
            charts = page.evaluate(DRAWINGS)
            seen += len(charts)
            twice = [c for c in charts if c["drawings"] != 1]
            assert not twice, f"{path}: charts not drawn exactly once: {twice}"
            widened = [c for c in charts if any(abs(d - m) > 1 for d, m in
                                                zip(c["drawn"], c["margin"], strict=True))]
            assert not widened, f"{path}: margins widened by automargin: {widened}"
        assert seen >= 20, f"only {seen} charts seen on the sample's pages"
    finally:
        context.close()
