"""The briefing's printed pages hold what was planned for them (dashboard/output/
briefing_html.py's page script; issue 24, the fresh review's O13, O24, O28): the pack of the
shipped sample with an organization chosen (`python -m dashboard briefing --agency UNDP`),
printed once by Chromium. Its headline page has the longest words above its charts (the
Overview sentence on two lines, two rows of tiles, a three-line caption): the category
chart's axis title ran over the foot of page 2, its lower half printed atop page 3 over
that page's heading."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader

from dashboard import cli
from tests import pdf_pages

METHODS = "Methods and provenance"


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
    # each section's heading is the first text of its first page: no fragment above it
    toc = pages[0]
    assert pages[1].startswith("Overview: headline figures"), pages[1][:80]
    assert pages[2].startswith("Overview: cost against benefit"), pages[2][:80]
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
