"""Reading a printed briefing pack's pages (support for tests/output/test_briefing*.py):
where each word stands (poppler's `pdftotext -bbox`), against the content box that
dashboard/output/pdf.py's margins leave on the page."""

from __future__ import annotations

import re
import subprocess

from dashboard.output.pdf import MARGIN

PT_PER_MM = 72 / 25.4
TOLERANCE_PT = 0.5  # rounding of the word boxes


def _mm(value: str) -> float:
    assert value.endswith("mm"), value
    return float(value[:-2]) * PT_PER_MM


def words(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's words: (top, bottom, text), in pt from the top of the page; and the
    page's height as the first entry's bottom (top -1)."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    pages: list[list[tuple[float, float, str]]] = []
    for line in out.splitlines():
        if m := re.search(r'<page width="[\d.]+" height="([\d.]+)"', line):
            pages.append([(-1.0, float(m.group(1)), "")])
        elif m := re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*)</word>', line):
            pages[-1].append((float(m.group(1)), float(m.group(2)), m.group(3)))
    return pages


def crossing_edges(pdf: bytes) -> list[tuple[int, str]]:
    """(page, word) of every word cut by the top or the foot of a page's content box: a
    chart's text carried over a page break, half on each page."""
    crossing = []
    for n, page in enumerate(words(pdf), start=1):
        height = page[0][1]
        edges = (_mm(MARGIN["top"]), height - _mm(MARGIN["bottom"]))
        crossing += [(n, text) for top, bottom, text in page[1:]
                     for edge in edges
                     if top < edge - TOLERANCE_PT and bottom > edge + TOLERANCE_PT]
    return crossing
