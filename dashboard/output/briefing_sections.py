"""The briefing pack's sections: one per dashboard page, laid out from the chart registry.

Each chart with an `InPack` (dashboard/registry.py) goes on the printed page its heading
names, beside the other charts of that heading, with its caption and table there; a page
with one full-width chart and nothing else shows it alone. What a printed page holds
besides its charts is named in the registry and written here: `LEADS` (under the heading:
tiles, a sentence) and `WORDS` (beside the chart: lists, the budget). Tiles are
dashboard/output/tiles.py's, as on the pages; the words of the filters and options are
`filters_in_words` and `options_in_words`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard import pages, registry
from dashboard.analysis import finance, scoring, selection
from dashboard.contract.labels import category_label
from dashboard.formatting import and_list, format_percent, format_rank, format_usd
from dashboard.lang import numbers
from dashboard.lang.lazy import N_, read
from dashboard.lang.translate import _
from dashboard.output import (
    briefing_ranges,
    briefing_split,
    budget_words,
    change_words,
    prioritization_words,
    scope_lines,
    summary,
    tiles,
    weights_words,
)
from dashboard.output.briefing_html import (
    CHART_H,
    HALF_W,
    PAGE_W,
    TABLE_ROWS,
    Doc,
    bullets,
    continued_title,
    empty,
    h,
    p,
    row,
    table,
)
from dashboard.output.briefing_html import tiles as tile_html
from dashboard.output.rules_notes import ties_shown
from dashboard.query import chart_data
from dashboard.query.params import FilterOptions
from dashboard.store import folders

WORDS_W = HALF_W - 80  # the words beside a chart
CONTINUES = N_("Continued on the next page.")  # read with _()
# TRANSLATORS: between the parts of the cover's filters and options ("UNDP; 2005-2008");
# French puts a narrow no-break space before the semicolon
PARTS = N_("; ")


@dataclass
class Page:
    """A printed page being laid out: the view, and the frames of its charts."""

    ctx: chart_data.Context
    scan: folders.ScanResult
    frames: dict[str, pd.DataFrame | None]
    more: list[str] = field(default_factory=list)  # what the words carry to the next pages


class Instead(Exception):  # noqa: N818 (not an error: a page replaced whole)
    """Raised by a lead to print its own page instead (no data to compare, say)."""

    def __init__(self, *blocks: str) -> None:
        super().__init__("page replaced")
        self.blocks = blocks


# --- words -----------------------------------------------------------------------------


def filters_in_words(ctx: chart_data.Context, options: FilterOptions | None = None) -> str:
    """The filters as a reader says them: 'UNDP and WFP; Working together; 2005-2008'."""
    f = ctx.filters
    parts = [
        and_list(f.agencies) if f.agencies else _("All organizations"),
        and_list([category_label(c) for c in f.categories]) if f.categories else _("all categories"),
    ]
    if f.initiatives:
        parts.append(_("initiatives {names}").format(names=and_list(f.initiatives)))
    if f.priority_only:
        parts.append(_("priority initiatives only"))
    if f.year_from is not None or f.year_to is not None:
        lo = f.year_from if f.year_from is not None else (options.year_min if options else "")
        hi = f.year_to if f.year_to is not None else (options.year_max if options else "")
        parts.append(f"{lo}-{hi}")
    else:
        parts.append(_("all years"))
    return _(PARTS).join(str(x) for x in parts)


def options_in_words(ctx: chart_data.Context) -> str:
    w = scoring.normalize_weights(ctx.weights)
    text = _("Discount rate {rate}; priority weights {weights} ({scaled})").format(
        rate=format_percent(ctx.discount_rate), weights=weights_words.weights_list(w),
        scaled=_(weights_words.SCALED))
    text += _(PARTS) + (_("no budget") if ctx.budget is None
                    else _("budget {amount}").format(amount=format_usd(ctx.budget)))
    if ctx.compare_to:
        text += _(PARTS) + _("compared with the snapshot of {as_of}").format(
            as_of=numbers.date(ctx.compare_to))
    return text


def _tiles(items: list[tiles.Tile], per_row: int = 4) -> str:
    """The pages' tiles printed: label, value, the change and the likely range (no help)."""
    return tile_html([(t.label, t.value, t.change, t.note) for t in map(tiles.as_tile, items)],
                     per_row)


# --- what a printed page holds besides its charts ----------------------------------------


def _headline(pg: Page) -> str:
    ctx = pg.ctx
    k = chart_data.kpis(ctx).set_index("metric")["value"]
    previous = summary.previous_snapshot((s.as_of for s in pg.scan.snapshots),
                                         ctx.filters.snapshot)
    before = None
    if previous is not None:
        before = chart_data.kpis(ctx.with_(filters=ctx.filters.with_(snapshot=previous))
                                 ).set_index("metric")["value"]
    scope = tiles.scope_of(ctx)
    caption = (_("Changes are against the snapshot of {as_of} under the same filters.").format(
        as_of=numbers.date(previous)) if previous else _("No earlier snapshot to compare with."))
    likely = summary.ranges_caption(k, scope)
    caption += ((f" {likely}" if likely else "") + " "
                # the section as the contents name it (FR3 #12)
                + _("The definitions of every figure are in the section “{methods}”.").format(
                    methods=pages.BY_URL["data-methods"].title))
    return (p(summary.overview_sentence(k, scope.initiatives, before, previous, scope), "lead")
            + _tiles(tiles.headline(k, before, scope=scope)) + p(caption, "caption"))


def _npv(pg: Page) -> str:
    cash = chart_data.cashflow_by_year(pg.ctx)
    payback = finance.payback_year(cash) if len(cash) else None
    return _tiles(tiles.costs_benefits(pg.ctx, cash, payback), per_row=4)


def _agency_note(pg: Page) -> str:
    note = chart_data.agency_note(pg.ctx)
    return p(note, "caption") if note else ""


def _funding(pg: Page) -> str:
    return _tiles(tiles.funding(pg.ctx))


def _weights(pg: Page) -> str:
    w = scoring.normalize_weights(pg.ctx.weights)
    return p(weights_words.echo(w), "caption")


def _comparison(pg: Page) -> str:
    ctx = pg.ctx
    changes = chart_data.changes(ctx)
    if changes is None or changes.empty:
        raise Instead(p(empty()))
    money, counts = tiles.changes(changes, ctx.compare_to, ctx.filters.snapshot)
    return _tiles(money + counts)


def _top_eight(pg: Page) -> str:
    both = chart_data.top_eight_vs_flagged(pg.ctx)
    if both is None or both.empty:
        return ""
    words = prioritization_words.top_eight_lists(
        both, kept=len(chart_data.priority_ranking(pg.ctx)))
    return (p(words.lead, "lead") + h(words.top_heading, 3) + bullets(words.top)
            + h(words.flagged_heading, 3) + bullets(words.flagged)
            + (p(ties_shown(), "caption") if words.tied else ""))


BUDGET_WORDS_ROWS = 4  # the table rows the budget's words take beside the frontier


def _budget(pg: Page) -> str:
    ctx = pg.ctx
    if ctx.budget is None:
        return p(_("No budget was given: the frontier shows the best total score reachable "
                   "at each budget."), "caption")
    sel = chart_data.budget_selection(ctx)
    result = selection.selection_summary(sel, float(ctx.budget))
    columns = ["rank", "initiative_id", "total_cost_usd", "score", "selected"]
    # every initiative by rank, selected or not; the words above it (what the selection
    # maximises, the left-out ranks) take the room of about four rows
    parts = briefing_split.table_chunks(_ranks_shown(sel.sort_values("rank")),
                                        first=TABLE_ROWS - BUDGET_WORDS_ROWS)
    note = read(selection.selection_note(selection.selection_optimality(sel)))
    pg.more += [table(t, columns, rows=None, width=PAGE_W // 2,
                      foot=_(CONTINUES) if i + 1 < len(parts) - 1 else "")
                for i, t in enumerate(parts[1:])]
    # what the selection maximises and the left-out initiatives' ranks, as on the page
    # (output/budget_words)
    left_out = budget_words.left_out_ranks(sel)
    words = p(budget_words.objective(), "caption") + (p(left_out) if left_out else "")
    return _tiles([(_("Budget"), format_usd(ctx.budget), None), *tiles.budget(sel, result)],
                  per_row=2) + words + table(parts[0], columns, rows=None, width=WORDS_W,
                                             note=note,
                                             foot=_(CONTINUES) if len(parts) > 1 else "")


def _change_summary(pg: Page) -> str:
    changes = pg.frames.get(registry.CHANGES.name)
    lines = change_words.in_short(changes, pg.ctx.compare_to, pg.ctx.filters.agencies)
    return h(_("In short"), 3) + bullets(lines or [_("No change under these filters.")])


def _ranges(pg: Page) -> str:
    return briefing_ranges.lead(pg.ctx)


LEADS: dict[str, Callable[[Page], str]] = {
    "headline": _headline, "npv": _npv, "agency_note": _agency_note, "funding": _funding,
    "weights": _weights, "comparison": _comparison, "ranges": _ranges,
}
# leads printed on a page of their own, under this heading, before their charts' page: the
# headline figures' sentence, eight tiles and caption (longer under an organization, longer
# in French) left too little room for the two charts under them, which ran on to a page
# "headline figures (continued)" (issue 24)
ALONE: dict[str, str] = {"headline": registry.OVERVIEW_PACK}
# words that are one sentence in some views, printed above their chart then, the chart
# the page's width (FR3 #16: without a budget, the frontier in the page's left half beside
# one sentence, the rest blank)
ABOVE: dict[str, Callable[[chart_data.Context], bool]] = {
    "budget": lambda ctx: ctx.budget is None,
}
WORDS: dict[str, tuple[Callable[[Page], str], int]] = {  # (words, their width)
    "top_eight": (_top_eight, WORDS_W),
    "budget": (_budget, WORDS_W),
    "change_summary": (_change_summary, HALF_W - 40),
}


# --- the layout ----------------------------------------------------------------------------


def _ranks_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A priority ranking's `rank` as the reader is shown it ('=1' for a rank shared by
    equal scores: `scoring.with_tied_ranks`, `formatting.format_rank`), the order kept."""
    if not {"rank", "score", "initiative_id"} <= set(frame.columns) or frame.empty:
        return frame
    tied = scoring.with_tied_ranks(frame)
    return frame.assign(rank=[format_rank(r, t) for r, t in
                              zip(tied["rank_with_ties"], tied["is_tied"], strict=True)])


def _block(doc: Doc, pg: Page, chart: registry.Chart) -> tuple[str, list[str]]:
    """A chart as the pack prints it, with its table beside it when it has one; and what
    does not fit its page (dashboard/output/briefing_split.py): the next chunks of a tall
    chart, each with its rows of the table, or the rest of a long table."""
    pack = chart.pack
    assert pack is not None
    df = pg.frames[chart.id]
    caption = summary.scoped_caption(  # whose figures, as the app's (R4 #13)
        pack.caption + (chart.state_note(pg.ctx) if chart.state_note else ""),
        chart.scope_phrase(pg.ctx)) or ""
    chunks = briefing_split.row_chunks(chart, pg.ctx, df, pack.height)
    whole = chart.figure(pg.ctx, df) if len(chunks) > 1 else None

    def figure(d: pd.DataFrame):
        fig = chart.figure(pg.ctx, d)
        return fig if whole is None else briefing_split.same_axis(whole, fig)

    def draw(d: pd.DataFrame | None, continued: bool) -> str:
        return doc.dataset_chart(d, figure, pack.width, pack.height, caption,
                                 units=chart.units, continued=continued,
                                 scope=chart.scope_phrase(pg.ctx))

    parts: list[pd.DataFrame] = []
    t = pack.table
    below = _table_below(pack)
    if t is not None:
        frame = _ranks_shown(df if df is not None else pd.DataFrame())
        if t.sort_by is not None and t.sort_by in frame.columns:
            # stable: ties keep the query's order, the chart's (the funding gap's zeros)
            frame = frame.sort_values(t.sort_by, ascending=False, kind="stable")
        if below:  # on pages of its own: a page's rows each
            parts = briefing_split.table_chunks(frame, first=briefing_split.CONTINUED_ROWS)
        elif len(chunks) > 1:  # each page's rows: the organizations drawn there
            parts = [frame[frame[pack.split].isin(set(c[pack.split]))] for c in chunks]
        else:
            parts = briefing_split.table_chunks(frame)

    def listed(i: int) -> str:
        if t is None:
            return ""
        foot = _(CONTINUES) if i + 1 < len(parts) else ""
        # the app's sentences on the data (R6b #9) with the table's first rows: under the
        # chart they ran over its page
        note = t.note + (pack.note(df) if pack.note and i == 0 else "")
        return table(parts[i], list(t.columns), rows=None, width=t.width, note=note.strip(),
                     foot=foot, headers={c: str(read(w)) for c, w in t.headers})

    beside = t is not None and not below
    first = draw(chunks[0], False) + (listed(0) if beside else "")
    more = [row(draw(c, True), listed(i)) if beside else draw(c, True)
            for i, c in enumerate(chunks[1:], start=1)]
    if below:
        more += [listed(i) for i in range(len(parts))]
    elif len(chunks) == 1:
        more += [listed(i) for i in range(1, len(parts))]
    return first, more


def _table_below(pack: registry.InPack) -> bool:
    """A table as wide as the page: printed on the pages after its chart's, not beside it."""
    return pack.table is not None and pack.table.width >= PAGE_W


def _words_beside(pack: registry.InPack, ctx: chart_data.Context) -> bool:
    """Whether the chart's words stand beside it (else after it, or above it: `ABOVE`)."""
    return bool(pack.words) and not pack.words_after and not (
        pack.words in ABOVE and ABOVE[pack.words](ctx))


def _alone(chart: registry.Chart, ctx: chart_data.Context) -> registry.Chart:
    """A chart with nothing beside it (no table, no words) as printed: the page's whole
    width (R4 #14, FR #17: such charts used the left half of the page)."""
    pack = chart.pack
    assert pack is not None
    if _words_beside(pack, ctx) or (pack.table is not None and not _table_below(pack)):
        return chart
    return replace(chart, pack=replace(pack, width=PAGE_W))


def _splits(pg: Page, chart: registry.Chart) -> bool:
    """Whether the chart's rows run over the place its registry entry gives it."""
    pack = chart.pack
    return bool(pack and pack.split) and len(briefing_split.row_chunks(
        chart, pg.ctx, pg.frames[chart.id], pack.height)) > 1  # type: ignore[union-attr]


def _on_a_page_of_its_own(chart: registry.Chart) -> registry.Chart:
    """The chart as the pack prints it alone under a heading: the page's width and height."""
    return replace(chart, pack=replace(chart.pack, width=PAGE_W, height=CHART_H))


def _printed_page(doc: Doc, pg: Page, section: str, charts: list[registry.Chart],
                  scope: str | None = None, continued: bool = False) -> None:
    """The printed page of `charts` (and the pages they carry on to); `scope`: the line under
    its heading saying what the organization filter covers (dashboard/output/scope_lines.py).
    Charts that share a page, one of them with more rows than its half holds, are printed
    one after the other, each on a page of its own, so that a chart's pages follow each
    other and it is split only when its rows do not fit a whole page (R4 #7)."""
    first = charts[0].pack
    assert first is not None
    # as a reader reads it, under the name the sidebar and the contents give its section
    title = first.page.format(section=section, before=numbers.date(pg.ctx.compare_to))
    heading = h(continued_title(title) if continued else title) + (
        p(scope, "scope") if scope else "")
    for c in (c for c in charts if c.id not in pg.frames):
        pg.frames[c.id] = pg.frames[c.export_sheet.name] = c.dataset(pg.ctx)
    if len(charts) > 1 and any(_splits(pg, c) for c in charts):
        for i, c in enumerate(charts):
            _printed_page(doc, pg, section, [_on_a_page_of_its_own(c)], scope, i > 0)
        return
    if len(charts) == 1:
        charts = [_alone(charts[0], pg.ctx)]
        first = charts[0].pack
    try:
        leads = [(c.pack.lead, LEADS[c.pack.lead](pg)) for c in charts if c.pack and c.pack.lead]
    except Instead as instead:
        doc.page(section, heading, *instead.blocks)
        return
    for name, words in leads:  # a page of their own, before the charts'
        if name in ALONE:
            own = _(ALONE[name]).format(section=section, before=numbers.date(pg.ctx.compare_to))
            doc.page(section, h(own) + (p(scope, "scope") if scope else ""), words)
    lead = "".join(words for name, words in leads if name not in ALONE)
    drawn = [_block(doc, pg, c) for c in charts]
    blocks = [b for b, _ in drawn]
    for c in charts:
        if c.pack and c.pack.words:
            words, width = WORDS[c.pack.words]
            said = words(pg)
            w = f'<div class="words" style="width:{width}px">{said}</div>'
            if c.pack.words_after:  # the chart takes the page (R5 #3, FR3 #4)
                pg.more.append(w)
            elif not _words_beside(c.pack, pg.ctx):  # a sentence: above the chart
                lead += said
            else:
                blocks = [w, *blocks] if c.pack.words_first else [*blocks, w]
    alone = (len(charts) == 1 and len(blocks) == 1 and first.width == PAGE_W
             and (first.table is None or _table_below(first)))
    doc.page(section, heading, lead, blocks[0] if alone else row(*blocks))
    for body in [m for _first, more in drawn for m in more] + pg.more:
        # a chart carried on says so in its own title: the page's heading is then the
        # section's name only (one title per chart); a table carried on has no title of
        # its own and keeps the page's, continued
        doc.page(section, h(section) if "<figure" in body else h(continued_title(title)), body)
    pg.more.clear()


def sections(doc: Doc, ctx: chart_data.Context, scan: folders.ScanResult) -> None:
    """Every dashboard page's printed pages, in the navigation's order (What changed only
    with a snapshot to compare to). Under the organization filter, each printed page says
    under its heading what its figures cover (dashboard/output/scope_lines.py)."""
    scope = summary.Scope(organizations=ctx.filters.agencies)
    for page in pages.PAGES:
        charts = [c for c in registry.for_page(page.url_path) if c.pack is not None]
        if not ctx.compare_to:
            charts = [c for c in charts if not c.pack.needs_compare]  # type: ignore[union-attr]
        if not charts:
            continue
        pg = Page(ctx, scan, {})
        line = scope_lines.section_line(scope, page.url_path)
        printed: dict[tuple[str, str], list[registry.Chart]] = {}
        for c in charts:
            section = str(read(c.pack.section) or page.title)  # type: ignore[union-attr]
            printed.setdefault((section, c.pack.page), []).append(c)  # type: ignore[union-attr]
        for (section, _heading), group in printed.items():
            _printed_page(doc, pg, section, group, line)
