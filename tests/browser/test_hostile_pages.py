"""Hostile data and hostile links in the real app (Chromium): text is shown literally.

The server runs over the hostile snapshot (tests/hostile_data.py: names, donors, an agency
code and the source note written as formulas, links, Markdown and HTML), an earlier
hostile snapshot (for "What changed"), a folder whose name is Markdown, and a published
snapshot whose amounts would overflow (1.7e308: skipped by the app). Every page is opened
with a hostile link. On every page:

- no request leaves for the hostile host, and no element points at it (href, src);
- no bold, italic, strikethrough, heading or image was made from the hostile text;
- no exception box, no traceback, no file path of the server;
- the hostile text is there, literally (header, provenance, notices; on Prioritization, the
  chart labels: HTML shown as text in the SVG).
"""

from __future__ import annotations

import re
import urllib.parse

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard import config
from dashboard.contract.schema import TABLES
from dashboard.output.usertext import WORD_JOINER
from dashboard.store import folders
from tests import fixture_data, hostile_data
from tests.browser import helpers as h
from tests.browser.conftest import ARTIFACTS, PAGES, SCREENSHOTS, start_server, stop_server

pytestmark = pytest.mark.browser

EARLIER = "2005-06-01"
OVERFLOW = "2006-06-30"
MARKDOWN_FOLDER = "**folder** <b>x [l](evil.example) :smile: \\\\"  # no "/" in a name
HOSTILE_LINK = urllib.parse.urlencode([
    ("agency", f'<a href="https://{hostile_data.EVIL}/q">q</a>'),
    ("initiative", "**bold link**"),
    ("category", f"![i](https://{hostile_data.EVIL}/c.png)"),
    ("rate", "[r](https://evil.example/r)"),
])
# What the hostile Markdown and HTML would make if rendered: the text of an element of
# emphasis, strikethrough, heading, link or HTML tag (an element whose whole text is this).
MADE = ("Knowledge", "under", "bold source", "bold link", "folder", "struck", "Heading",
        "Development", "B", "x", "sharing", "Security", "md", "link", "red", "q", "l")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile-browser")
    hostile_data.build(d)
    earlier = hostile_data.rows()
    earlier["costs"] = [(*r[:5], r[5] + 10) for r in earlier["costs"]]
    fixture_data.build(d, as_of=EARLIER, rows=earlier, source=hostile_data.SOURCE_NOTE)
    # a published snapshot whose costs would sum to infinity: skipped, never a traceback
    folder = fixture_data.build(d, as_of=OVERFLOW)
    costs = fixture_data.tables()["costs"].to_pylist()
    costs[0]["amount_usd"] = costs[1]["amount_usd"] = 1.7e308
    table = pa.Table.from_pylist(costs, schema=TABLES["costs"].arrow_schema())
    pq.write_table(table, folder / "costs.parquet")
    manifest = folders.read_manifest(folder)
    manifest["files"]["costs.parquet"] = {"rows": table.num_rows,
                                          "sha256": folders.sha256_file(folder / "costs.parquet")}
    folders.write_manifest(folder, OVERFLOW, manifest["source"], manifest["files"],
                             manifest["created_at"])
    (config.snapshots_dir(d) / MARKDOWN_FOLDER).mkdir()
    server = start_server(d, ARTIFACTS / "streamlit-server-hostile.log")
    try:
        yield server
    finally:
        stop_server(server.process)


def _visible_text(page) -> str:
    return page.locator("body").inner_text().replace(WORD_JOINER, "")


def _check_inert(page, requests: list[str], where: str) -> None:
    fetched = [u for u in requests
               if hostile_data.EVIL in (urllib.parse.urlsplit(u).hostname or "")]
    assert fetched == [], f"{where}: requests to the hostile host: {fetched}"
    pointing = page.evaluate(
        """(host) => [...document.querySelectorAll('*')].flatMap(e =>
             ['href', 'src', 'srcset', 'xlink:href', 'action', 'formaction', 'poster']
               .map(a => e.getAttribute(a)).filter(v => v && v.includes(host))
               .map(v => e.tagName + ' ' + v))""", hostile_data.EVIL)
    assert pointing == [], f"{where}: elements point at the hostile host: {pointing}"
    styled = page.evaluate(
        """(made) => [...document.querySelectorAll(
             'strong, b, em, i, del, s, h1, h2, h3, h4, h5, h6, a, code, script, tspan')]
             .filter(e => made.includes(e.textContent.trim()))
             .map(e => e.tagName + ': ' + e.textContent)
           .concat([...document.querySelectorAll('img')].map(e => 'IMG ' + e.src)
                    .filter(t => !t.includes(location.host)))""", list(MADE))
    assert styled == [], f"{where}: markup made from hostile text: {styled}"
    h.assert_no_exception(page)
    body = _visible_text(page)
    for leak in ("Traceback", "/tmp/", "site-packages", "File \""):
        assert leak not in body, f"{where}: {leak!r} shown to the viewer"


@pytest.mark.parametrize("path", PAGES)
def test_hostile_names_and_links_are_shown_literally(page, hostile_server, path):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    h.open_page(page, hostile_server.url(path, HOSTILE_LINK))
    expect(page.locator("h1").first).to_be_visible()
    for chart in page.locator(h.CHART).all():
        chart.scroll_into_view_if_needed()
        expect(chart.locator("svg.main-svg").first).to_be_attached()
    h.wait_idle(page)
    _check_inert(page, requests, path)
    body = _visible_text(page)
    # the provenance line and the skipped folders, literally
    if path != "data-methods" or "Snapshot as of" in body:
        assert hostile_data.SOURCE_NOTE in body, f"{path}: source note not shown literally"
    assert f"Snapshot folder {MARKDOWN_FOLDER} skipped" in body
    assert f"Snapshot folder {OVERFLOW} skipped" in body and "1.7e+308" in body
    if path != "data-methods":  # (a page of documentation: the filters do not apply)
        # the link's values are quoted literally in the notices
        assert f'<a href="https://{hostile_data.EVIL}/q">q</a>' in body
        assert "**bold link**" in body
    if path == "prioritization":  # the ranking's labels are the initiatives' names
        _check_labels_literal(page)
    h.screenshot(page, SCREENSHOTS / f"hostile-{path}.png")


def test_an_initiative_name_in_the_detail_header_and_charts(page, hostile_server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    h.open_page(page, hostile_server.url("initiative", "detail=KS"))
    for iid in ("KS", "SEC", "TRN", "ERP"):
        if iid != "KS":  # the others chosen in the page's own picker (by their id)
            h.widget(page, "detail").locator('input[role="combobox"]').click()
            page.locator('[role="option"]').filter(
                has_text=re.compile(rf"^\s*{iid}\b")).first.click()
        name = hostile_data.INITIATIVE_NAMES[iid]
        expect(page.locator("h2").filter(has_text=f"({iid})").first).to_be_visible()
        h.wait_idle(page)
        header = page.locator("h2").filter(has_text=f"({iid})").first.inner_text()
        assert header.replace(WORD_JOINER, "").strip() == f"{name} ({iid})"
        _check_inert(page, requests, f"initiative {iid}")


def _check_labels_literal(page) -> None:
    """Plotly renders <a>, <b>, <i> in labels: the ranking's labels (initiative names) show
    the hostile HTML as text in the chart's SVG, and no link or bold element is made."""
    texts = page.evaluate(
        "() => [...document.querySelectorAll('svg text')].map(t => t.textContent)")
    joined = "\n".join(texts)
    # (long labels are shortened from the middle by the labels policy, contract/labels.py:
    # their beginnings are shown literally, "<a href="ht… (SEC)")
    assert '<a href="ht' in joined, "an <a> tag is not shown as text in the labels"
    assert "=HYPERL" in joined and "@SUM(1+1)" in joined  # shown literally, shortened
    links = page.evaluate("() => [...document.querySelectorAll('svg a')].map(e => e.outerHTML)")
    assert links == []
