"""The briefing's printed pages hold what was planned for them (dashboard/output/
briefing_html.py's page script; issue 24, the fresh review's O13, O24, O28): the pack of the
shipped sample with an organization chosen (`python -m dashboard briefing --agency UNDP`),
printed once by Chromium. Its headline page has the longest words above its charts (the
Overview sentence on two lines, two rows of tiles, a three-line caption): the category
chart's axis title ran over the foot of page 2, its lower half printed atop page 3 over
that page's heading."""

from __future__ import annotations

import json
import re
import subprocess
from io import BytesIO

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from dashboard import cli
from dashboard.output import briefing_html
from dashboard.output.pdf import print_pdf
from tests import pdf_pages

METHODS = "Data & methods"  # its page's name in the sidebar (FR #4)


def _pages_text(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages]


@pytest.mark.browser  # printed by Chromium
def test_the_organization_pack_keeps_each_page_within_its_page(tmp_path):
    out = tmp_path / "undp.pdf"
    assert cli.main(["briefing", "--out", str(out), "--agency", "UNDP"]) == 0
    pdf = out.read_bytes()
    pages = _pages_text(pdf)
    # nothing cut by a page's edge (a chart's axis title half on each page)
    assert pdf_pages.crossing_edges(pdf) == []
    # two charts side by side start at the same height, one heading on two lines beside
    # one on one ("Cost and benefit by fiscal year, stacked by category (UNDP's share,
    # US$)" beside "Net benefit by year and cumulative (UNDP's share, US$)"): the headings'
    # band is the taller one's, so the drawings end level too: their x axes' titles
    # ("Fiscal year", at a drawing's foot) on one line
    fiscal = [sorted({round(top) for _x0, top, _x1, _b, w in page if w == "Fiscal"})
              for page in pdf_pages.boxes(pdf)]
    assert any(len(tops) for tops in fiscal), "no fiscal-year chart"
    assert [tops for tops in fiscal if tops and tops[-1] - tops[0] > 1] == []
    # no text printed over other text (review 3, #1: the funding gap table's last rows
    # over the ranking's header and the scope line; #2: two-line bar labels over each other)
    assert pdf_pages.overprinted(pdf) == []
    # no axis title up the side over a legend (Prioritization's "scale" on "Break-even",
    # the headline page's over "Illustrative sample data")
    assert pdf_pages.titles_over_words(pdf) == []
    # each section's heading is the first text of its first page: no fragment above it
    toc = pages[0]
    pdf_pages.headline_page_holds(pages)  # its charts on the next page (issue 24)
    assert pages[3].startswith("Overview: cost against benefit"), pages[3][:80]
    # one title per chart: never two "(continued)" on a page
    assert [i for i, t in enumerate(pages, 1) if t.count("(continued)") > 1] == []
    # the methods run on: every page after their first says so at its top
    first = next(i for i, t in enumerate(pages) if t.startswith(METHODS))
    assert f"{METHODS} page {first + 1}" in toc
    assert all(t.startswith(f"{METHODS} (continued)") for t in pages[first + 1:]), \
        [t[:60] for t in pages[first + 1:]]
    # with the organization's scope under the headings (tests/output/test_scope_lines.py)
    assert sum("Every figure in this section is UNDP's share" in t for t in pages) >= 2
    # still tagged, with bookmarks and the document's language
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    assert b"Tagged:          yes" in info
    reader = PdfReader(BytesIO(pdf))
    assert str(reader.trailer["/Root"].get("/Lang", "")).startswith("en")
    assert len(reader.outline) > 0


@pytest.mark.browser  # printed by Chromium
def test_the_french_organization_packs_headline_page_holds(tmp_path):
    """Issue 24: the longest headline page (UNDP's, in French: four lines of sentence, two
    rows of tiles with two-line labels, a three-line caption) holds on its page."""
    out = tmp_path / "undp-fr.pdf"
    assert cli.main(["briefing", "--out", str(out), "--lang", "fr", "--agency", "UNDP"]) == 0
    pdf = out.read_bytes()
    pdf_pages.headline_page_holds(_pages_text(pdf), "fr")
    assert pdf_pages.crossing_edges(pdf) == []


def _bars(labels: list[str]) -> go.Figure:
    fig = go.Figure(go.Bar(x=[1.0] * len(labels), y=labels, orientation="h"))
    fig.update_layout(height=300, margin=dict(t=100, b=50, l=200, r=10))
    return fig


def test_a_bar_charts_height_follows_its_rows_and_label_lines():
    """Review 3, #2: in print, fifteen two-line labels were drawn in 470 px of plot and
    lay on each other. Each line needs 17 px (a row of two: 34 px, the app's row)."""
    two = [f"Initiative number {i}<br>its second line ({i})" for i in range(15)]
    # margins 100 + 50, fifteen rows of two lines of 17 px: 150 + 510 = 660
    assert briefing_html.rows_floor(_bars(two)) == 660
    # one line each: 150 + 15 x 17 = 405
    assert briefing_html.rows_floor(_bars([f"I{i}" for i in range(15)])) == 405
    # given a 400-px place, the pack draws it no lower than its rows need
    doc = briefing_html.Doc(sample=False)
    markup = doc.chart(_bars(two), 500, 400)
    drawn = int(re.search(r'class="chart"[^>]*height:(\d+)px', markup).group(1))
    assert drawn >= 660


def test_a_matrix_rows_are_its_category_axis():
    """FR #26: a matrix of squares (a scatter down a category axis) is pressed to one line
    of label a row, 17 px, like the bars: 31 rows under margins of 60 + 200 px."""
    rows = [f"ORG{i}" for i in range(31)]
    fig = go.Figure(go.Scatter(x=["A"] * 31, y=rows, mode="markers"))
    fig.update_layout(height=1500, margin=dict(t=60, b=200))
    fig.update_yaxes(type="category", categoryarray=rows)
    assert briefing_html.rows_floor(fig) == 60 + 200 + 31 * 17


def test_a_matrix_is_drawn_as_high_as_its_rows_not_its_place():
    """FR #17: the UNDP pack drew a matrix of one row in a 600-px place, the row under a
    large empty band. A chart drawn in rows lower than its place keeps its own height (the
    builder's, in proportion to its rows): 60 + 120 px of margins and 2 rows of 34 px."""
    def matrix(rows: list[str]) -> go.Figure:
        fig = go.Figure(go.Scatter(x=["A"] * len(rows), y=rows, mode="markers"))
        fig.update_layout(height=60 + 120 + 34 * len(rows), margin=dict(t=60, b=120))
        fig.update_yaxes(type="category", categoryarray=rows)
        return fig

    def drawn(fig: go.Figure) -> int:
        markup = briefing_html.Doc(sample=False).chart(fig, briefing_html.PAGE_W,
                                                       briefing_html.CHART_H)
        return int(re.search(r'class="chart"[^>]*height:(\d+)px', markup).group(1))

    assert drawn(matrix(["UNDP"])) == 60 + 120 + 34
    assert drawn(matrix(["UNDP", "WFP"])) == 60 + 120 + 2 * 34


def test_a_chart_of_upright_bars_keeps_room_for_its_value_ticks():
    """The French pack's stage chart was pressed to a 45-px plot under its long rotated
    names, its ticks 0 to 6 printed over each other: upright bars keep 80 px of plot (seven
    ticks of 12-px text)."""
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 6]))
    fig.update_layout(height=400, margin=dict(t=40, b=180))
    assert briefing_html.rows_floor(fig) == 40 + 180 + 80


def test_a_split_chart_is_measured_with_its_legend_as_drawn():
    """FR #26: the matrices' legend room was kept for a phone's rows (three), on a printed
    page one row: the pages were half empty. A legend of two short names on one row:
    the room above the plot is its top, padding, one 19-px row, the push and the 6 px
    Plotly keeps above a scatter (10 + 19 + 16 + 6, charts/figure_margins.fit_legend)."""
    fig = go.Figure([go.Scatter(x=[1], y=["A"], name="One"), go.Scatter(x=[2], y=["B"], name="Two")])
    fig.update_layout(height=800, showlegend=True, margin=dict(t=200, b=50, l=40, r=10),
                      legend=dict(orientation="h", yref="container", yanchor="top", y=1.0))
    fig.update_yaxes(type="category", categoryarray=["A", "B"])
    least = briefing_html.least_height(fig, 1000)
    assert fig.layout.margin.t == 10 + 19 + 16 + 6
    # the heading, and rows pressed to 17 px each, zoomed down to 7 pt
    floor = 51 + fig.layout.margin.b + 2 * 17
    assert least == briefing_html.TITLE_H + -(-floor * briefing_html.MIN_SCALE // 1)


@pytest.mark.browser  # printed by Chromium
def test_a_table_longer_than_its_page_continues_under_its_header():
    """Review 3, #1; FR #1: the funding gap table's last rows were printed over the next
    page's ranking table. A table whose rows run past the foot of its page goes on to a
    new page under the heading "(continued)", its header repeated; the contents' page
    numbers after it move on; nothing is printed over anything."""
    rows = pd.DataFrame({"name": [f"Row number {i}" for i in range(60)],
                         "amount_usd": [float(i) for i in range(60)]})
    long = briefing_html.table(rows, ["name", "amount_usd"], rows=None)
    toc = ('<ol class="toc"><li><span class="name">A</span><span>page 2</span></li>'
           '<li><span class="name">B</span><span>page 3</span></li></ol>')
    pages = [toc, briefing_html.h("A") + long, briefing_html.h("B") + "<p>Last page</p>"]
    html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<style>{briefing_html.CSS}</style></head>"
            '<body data-continued="{title} (continued)" data-continues="Continued.">'
            + "".join(f'<section class="page">{p}</section>' for p in pages)
            + f'<script type="application/json" id="figures">{json.dumps([])}</script>'
            + f"<script>{briefing_html.SCRIPT}</script></body></html>")
    pdf = print_pdf(html, "<span></span>")
    text = [" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages]
    assert len(text) == 4, [t[:40] for t in text]
    assert "B page 4" in text[0]  # the contents renumbered
    assert text[1].startswith("A Name Amount (US$) Row number 0") and "Continued." in text[1]
    assert text[2].startswith("A (continued) Name Amount (US$)")  # the header repeated
    assert "Row number 59" in text[2] and "Row number 59" not in text[1]
    kept = [i for i in range(60) if f"Row number {i} " in text[1] + " "]
    assert kept == list(range(len(kept))) and 20 < len(kept) < 60
    assert all(f"Row number {i} " in text[2] + " " for i in range(len(kept), 60))
    assert text[3].startswith("B Last page")
    assert pdf_pages.overprinted(pdf) == [] and pdf_pages.crossing_edges(pdf) == []


def test_a_chart_named_above_its_bars_is_pressed_no_further_than_its_names_band():
    """Round 4, #6: in print the rows were pressed until a name's line filled the gap
    between two bars (17 px / 0.48: 35 px a row), and each name sat on the bar above. A
    row keeps the band (16 + 1 + 5 px) in its gap: 40 px at the least."""
    import pandas as pd

    from dashboard.charts import figures_funding
    fig = figures_funding.funding_gap(pd.DataFrame({
        "initiative_id": ["A", "B", "C"], "name": ["Alpha", "Beta", "Gamma"],
        "agency_pledged_usd": [1.0, 2.0, 0.0], "paid_contributions_usd": [1.0, 1.0, 0.0],
        "funding_gap_usd": [3.0, 0.0, 1.0], "funding_target_usd": [5.0, None, 1.0]}))
    m = fig.layout.margin
    assert briefing_html.rows_floor(fig) == m.t + m.b + 3 * 40
