"""The briefing pack: the current view as a PDF for a board (A4 landscape).

`make_briefing(ctx, snapshot, scan)` is the one road, shared by the sidebar's
"Briefing (PDF)" (dashboard/ui/briefing.py) and `python -m dashboard briefing --out
FILE.pdf` (dashboard/commands/briefing.py): the same Context gives the same document.

How it is made: an HTML page (`build_html`) holding the charts as Plotly figures from the
app's own builders (dashboard/charts/figures*.py) over the app's own datasets
(dashboard/query/chart_data.py), drawn by the plotly.js the plotly package ships (embedded: no
network), printed by Chromium (dashboard/output/pdf.py, playwright's `page.pdf()`): vector text
and charts, "page X of Y" in the footer. Every text from the data is escaped (HTML here,
Plotly's subset in the charts through usertext.safe_figure).

Pagination is planned here, not left to the browser: every printed page is one
`<section class="page">` whose content is sized to fit it (charts get a fixed size, tables
a bounded number of rows; a taller chart or a longer table goes on to pages of its own,
"(continued)": briefing_split.py), so the table of contents gives each section's first
page, and the tests check that the PDF has exactly the planned pages. Only the methods, the last
section, may run over several pages (its length is the text of data/README.md).

Accessible (issue 24): Chromium tags the PDF (dashboard/output/pdf.py) from the page's
HTML, so the page is written for it: `lang` the pack's language (the reader's: the
session's in the app, `--lang` on the command line; Chromium writes it as the PDF's /Lang),
one h1 (the cover), an h2 per printed
page, an h3 per chart; every chart a <figure> whose drawing has role="img" and a text
alternative (dashboard/output/chart_words.py), scoped table headers; no text under 7 pt.

The parts: the sections, laid out from the chart registry (dashboard/output/
briefing_sections.py), the HTML pieces and style (briefing_html.py), the methods' Markdown
(briefing_markdown.py), one briefing at a time per server (briefing_lock.py). Here: the
cover, the footer, the document, and the PDF.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from plotly.offline import get_plotlyjs

from dashboard import pages
from dashboard.analysis import scoring
from dashboard.contract import docs
from dashboard.contract.schema import is_sample_source
from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, current
from dashboard.lang.typography import typeset
from dashboard.output import plain_words, provenance_words
from dashboard.output.briefing_html import CONTINUED, CSS, SCRIPT, Doc, continued_title, esc, h, p
from dashboard.output.briefing_markdown import markdown_html
from dashboard.output.briefing_sections import (
    CONTINUES,
    filters_in_words,
    options_in_words,
    sections,
)
from dashboard.output.pdf import PdfError, Printer, print_pdf
from dashboard.query import chart_data
from dashboard.query.params import FilterOptions
from dashboard.store import folders

# marked here, read with _() where used (the pack is in the reader's language)
TITLE = N_("ICT portfolio briefing")
SAMPLE_NOTICE = N_("Illustrative sample data — not official figures")
METHOD_SECTIONS = docs.READER_SECTIONS  # the definitions in a manager's words


def methods_title() -> str:
    """The last section's name, the only one that may run on: its page's name in the
    sidebar (FR #4), in the reader's language."""
    return str(pages.BY_URL["data-methods"].title)


class BriefingError(RuntimeError):
    """The briefing could not be made; the message is for a person."""


def _methods(doc: Doc, snapshot: folders.Snapshot) -> None:
    s = methods_title()
    published = snapshot.created_at[:10]
    said = {"as_of": numbers.date(snapshot.as_of),
            "source": provenance_words.said_source(snapshot.source) or _("not stated")}
    prov = (_("Snapshot as of {as_of}; source: {source}; published {published}.").format(
        published=numbers.date(published), **said) if published else
        _("Snapshot as of {as_of}; source: {source}; published on a date not "
          "recorded.").format(**said))
    body = "".join(h(_(name), 3) + markdown_html(plain_words.section(name))  # marked there
                   for name in METHOD_SECTIONS)
    intro = p(_("The definitions below are those of the dashboard; its Data & methods page "
                 "shows the same text."))
    doc.page(s, f'<div class="methods">{h(s)}{p(prov, "lead")}'
             f"{intro}{body}</div>")


def _cover(ctx: chart_data.Context, snapshot: folders.Snapshot, options: FilterOptions | None,
           generated_at: str, toc: list[tuple[str, int]], sample: bool) -> str:
    source = provenance_words.said_source(snapshot.source) or _("not stated")
    notice = f'<div class="notice">{esc(_(SAMPLE_NOTICE))}</div>' if sample else ""
    agency = chart_data.agency_note(ctx)
    rows = [(_("Snapshot"), _("as of {as_of}").format(as_of=numbers.date(snapshot.as_of))),
            (_("Source"), source), (_("Filters"), filters_in_words(ctx, options)),
            (_("Options"), options_in_words(ctx))]
    if agency:
        rows.append((_("Organizations"), agency))
    rows.append((_("Generated at"), numbers.utc_time(generated_at)))  # "3 décembre 2026, 17:58 UTC"
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    page_of = _("page {number}")
    items = "".join(f'<li><span class="name">{esc(name)}</span>'
                    f'<span>{esc(page_of.format(number=page))}</span></li>'
                    for name, page in toc)
    lead = _("UN system ICT portfolio: the dashboard's current view")
    contents = h(_("Table of contents"))  # "Contents" is a table's column: "Contenu"
    return (f"<h1>{esc(_(TITLE))}</h1>"
            f'<p class="lead">{esc(lead)}</p>'
            f"{notice}<dl class='cover'>{dl}</dl>{contents}<ol class='toc'>{items}</ol>")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%d %H:%M UTC")


def footer_html(snapshot: folders.Snapshot) -> str:
    """Chromium's footer template (its own styles: the page's CSS does not reach it)."""
    left = esc(_(SAMPLE_NOTICE)) if is_sample_source(snapshot.source) else ""
    # TRANSLATORS: the footer of every page; {title} the pack's title, {as_of} a date
    middle = _("{title} · snapshot {as_of}").format(title=_(TITLE),
                                                  as_of=numbers.date(snapshot.as_of))
    # TRANSLATORS: {number} and {total} become Chromium's page number and count (markup)
    pages = esc(_("page {number} of {total}")).format(
        number='<span class="pageNumber"></span>', total='<span class="totalPages"></span>')
    return (
        '<div style="font-family: \'DejaVu Sans\', sans-serif; font-size: 10px; width: 100%; '
        'font-variant-ligatures: none; margin: 0 12mm; display: flex; justify-content: space-between; color: #000;">'
        f'<span style="font-weight: bold;">{left}</span>'
        f'<span>{esc(middle)}</span>'
        f'<span>{pages}</span>'
        "</div>")


@dataclass(frozen=True)
class Plan:
    """What build_html made: the page, the sections with their first page, and the pages
    planned before the methods (the methods may take more than one)."""

    html: str
    toc: tuple[tuple[str, int], ...]
    fixed_pages: int


def build_html(ctx: chart_data.Context, snapshot: folders.Snapshot, scan: folders.ScanResult,
               options: FilterOptions | None = None, *,
               generated_at: str | None = None) -> Plan:
    """The briefing as one HTML page, ready for Chromium to print."""
    try:
        scoring.normalize_weights(ctx.weights)
    except scoring.AnalyticsError as e:
        raise BriefingError(_("{error}: give at least one weight above 0").format(
            error=e)) from None
    sample = is_sample_source(snapshot.source)
    doc = Doc(sample=sample)
    sections(doc, ctx, scan)
    _methods(doc, snapshot)
    toc: list[tuple[str, int]] = []
    for n, (section, _body) in enumerate(doc.pages, start=2):  # page 1 is the cover
        if not toc or toc[-1][0] != section:
            toc.append((section, n))
    cover = _cover(ctx, snapshot, options, generated_at or utc_now(), toc, sample)
    methods = methods_title()
    flow = f' flow" data-continued="{esc(continued_title(methods))}'  # may run over pages
    pages = [f'<section class="page">{typeset(cover)}</section>'] + [
        f'<section class="page{flow if section == methods else ""}">'
        f"{typeset(body)}</section>" for section, body in doc.pages]  # French: no-break spaces
    figs = "[" + ",".join(f'{{"id": {json.dumps(i)}, "figure": {spec}}}' for i, spec in doc.figures) + "]"
    figs = figs.replace("<", "\\u003c")  # no "</script>" from the data can end the script
    page = (f'<!DOCTYPE html><html lang="{current()}"><head><meta charset="utf-8">'
            f"<title>{esc(_(TITLE))}</title><style>{CSS}</style>"
            f"<script>{get_plotlyjs()}</script></head>"
            # the page script's words for a table or chart it carries on to a new page
            f'<body data-continued="{esc(_(CONTINUED))}" data-continues="{esc(_(CONTINUES))}">'
            f"{''.join(pages)}"
            f'<script type="application/json" id="figures">{figs}</script>'
            f"<script>{SCRIPT}</script></body></html>")
    return Plan(page, tuple(toc), fixed_pages=len(pages) - 1)


def make_briefing(ctx: chart_data.Context, snapshot: folders.Snapshot, scan: folders.ScanResult,
                  options: FilterOptions | None = None, *, generated_at: str | None = None,
                  time_limit: float | None = None) -> bytes:
    """The briefing PDF of the view (one road for the sidebar and the command line).
    Chromium starts while the page is built."""
    try:
        with Printer() as printer:
            plan = build_html(ctx, snapshot, scan, options, generated_at=generated_at)
            return render(plan, snapshot, time_limit=time_limit, printer=printer)
    except PdfError as e:
        raise BriefingError(str(e)) from None


def render(plan: Plan, snapshot: folders.Snapshot, *, time_limit: float | None = None,
           printer: Printer | None = None) -> bytes:
    """The planned page printed by Chromium (dashboard/output/pdf.py)."""
    kw = {} if time_limit is None else {"time_limit": time_limit}
    try:
        if printer is not None:
            return printer.print(plan.html, footer_html(snapshot), **kw)
        return print_pdf(plan.html, footer_html(snapshot), **kw)
    except PdfError as e:
        raise BriefingError(str(e)) from None


def file_name(snapshot: folders.Snapshot, stamp: str | None = None) -> str:
    """The download's name: what, which snapshot, when, and (sample data) that it is
    illustrative, as the other downloads."""
    stamp = stamp or dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    name = f"ict-portfolio-briefing_{snapshot.as_of}_{stamp}"
    if is_sample_source(snapshot.source):
        name += "_ILLUSTRATIVE-SAMPLE-DATA"
    return name + ".pdf"
