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


def boxes(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words as boxes: (x0, top, x1, bottom, text), in pt."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    pages: list[list[tuple[float, float, float, float, str]]] = []
    word = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')
    for line in out.splitlines():
        if line.lstrip().startswith("<page "):
            pages.append([])
        elif m := word.search(line):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            pages[-1].append((x0, y0, x1, y1, m.group(5)))
    return pages


DESCENT = 0.2  # of a word box's height: the font's room under the baseline (no ink there
# in digits and capitals): a box's foot over the next one's top by no more is not overprint


def overprinted(pdf: bytes, slack: float = 1.0) -> list[tuple[int, str, str]]:
    """(page, word, word) of every two words whose boxes intersect by more than `slack` pt
    across and, down the page, by more than `slack` pt and the smaller box's DESCENT: text
    printed on top of other text. Words set upright only (poppler's box of a rotated word,
    an axis title, is its run's whole extent, not its glyphs)."""
    found = []
    for n, page in enumerate(boxes(pdf), start=1):
        page = sorted((b for b in page if b[2] - b[0] >= b[3] - b[1] or len(b[4]) < 2),
                      key=lambda b: b[1])
        for i, a in enumerate(page):
            for b in page[i + 1:]:
                if b[1] >= a[3] - slack:
                    break
                down = max(slack, DESCENT * min(a[3] - a[1], b[3] - b[1]))
                if (min(a[2], b[2]) - max(a[0], b[0]) > slack
                        and min(a[3], b[3]) - max(a[1], b[1]) > down):
                    found.append((n, a[4], b[4]))
    return found


def titles_over_words(pdf: bytes, slack: float = 1.0) -> list[tuple[int, str, str]]:
    """(page, word, word) of every word set up the page (an axis title's) whose box
    intersects an upright word's by more than `slack` pt each way: an upright axis title
    longer than its plot ran up over the legend (Prioritization's "scale" over
    "Break-even")."""
    found = []
    for n, page in enumerate(boxes(pdf), start=1):
        up = [b for b in page if b[3] - b[1] > b[2] - b[0] and len(b[4]) > 1]
        flat = [b for b in page if b not in up]
        found += [(n, a[4], b[4]) for a in up for b in flat
                  if min(a[2], b[2]) - max(a[0], b[0]) > slack
                  and min(a[3], b[3]) - max(a[1], b[1]) > slack]
    return found


HEADLINE = {"en": ("Overview: headline figures", "Overview: by category and by implementation stage",
                   "(continued)"),
            "fr": ("Vue d'ensemble : chiffres clés",
                   "Vue d'ensemble : par catégorie et par étape de mise en œuvre", "(suite)")}


def headline_page_holds(pages: list[str], lang: str = "en") -> None:
    """Issue 24: the headline page (page 2) holds on its page, its two charts on the page
    after it under their own heading; never a page "headline figures (continued)" (under
    one organization its sentence, tiles and caption ran the charts on to one)."""
    headline, charts, more = HEADLINE[lang]
    assert pages[1].startswith(headline) and not pages[1].startswith(f"{headline} {more}"), \
        pages[1][:80]
    assert pages[2].startswith(charts), pages[2][:80]
    assert not [t[:80] for t in pages if t.startswith(f"{headline} {more}")]
