"""The briefing pack: the current view as a PDF for a board (A4 landscape).

`make_briefing(ctx, snapshot, scan)` is the one road, shared by the sidebar's
"Briefing (PDF)" (dashboard/ui/briefing.py) and `python -m dashboard briefing --out
FILE.pdf` (dashboard/commands/briefing.py): the same Context gives the same document.

How it is made: an HTML page (`build_html`) holding the charts as Plotly figures from the
app's own builders (dashboard/figures*.py) over the app's own datasets
(dashboard/query/chart_data.py), drawn by the plotly.js the plotly package ships (embedded: no
network), printed by Chromium (dashboard/output/pdf.py, playwright's `page.pdf()`): vector text
and charts, "page X of Y" in the footer. Every text from the data is escaped (HTML here,
Plotly's subset in the charts through usertext.safe_figure).

Pagination is planned here, not left to the browser: every printed page is one
`<section class="page">` whose content is sized to fit it (charts get a fixed size, tables
a bounded number of rows), so the table of contents gives each section's first page, and
the tests check that the PDF has exactly the planned pages. Only the methods, the last
section, may run over several pages (its length is the text of data/README.md).

One briefing at a time per server (`one_at_a_time`): Chromium's memory and two cores are
shared with every session.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.analysis import comparison, finance, scoring, selection
from dashboard.charts import figures
from dashboard.charts import figures_analytics as fa
from dashboard.charts.figure_margins import fit_margins
from dashboard.contract import docs
from dashboard.contract.schema import is_sample_source
from dashboard.formatting import (
    MISSING,
    format_count,
    format_percent,
    format_ratio,
    format_share,
    format_usd,
    format_year,
)
from dashboard.output import summary, tables
from dashboard.output.pdf import PdfError, Printer, print_pdf
from dashboard.output.usertext import safe_figure
from dashboard.query import chart_data
from dashboard.query.params import FilterOptions
from dashboard.store import folders

TITLE = "ICT portfolio briefing"
SAMPLE_NOTICE = "Illustrative sample data — not official figures"
METHOD_SECTIONS = ("Headline figures", "Filters", "Priority score")
# the content box of a page (A4 landscape less dashboard/output/pdf.py's margins), CSS px
PAGE_W, PAGE_H = 1030, 700
HALF_W = 505
TABLE_ROWS = 16  # a short table: the first rows, and a line saying how many more


class BriefingError(RuntimeError):
    """The briefing could not be made; the message is for a person."""


# --- one at a time ---------------------------------------------------------------------

_LOCK = threading.Lock()


@contextlib.contextmanager
def one_at_a_time(wait_s: float) -> Iterator[bool]:
    """The server's one briefing slot: yields True once held (waiting at most `wait_s`
    seconds for another briefing to end), False when it stayed busy."""
    got = _LOCK.acquire(timeout=wait_s) if wait_s > 0 else _LOCK.acquire(blocking=False)
    try:
        yield got
    finally:
        if got:
            _LOCK.release()


def busy() -> bool:
    """True while a briefing is being made on this server."""
    return _LOCK.locked()


# --- words -----------------------------------------------------------------------------


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def filters_in_words(ctx: chart_data.Context, options: FilterOptions | None = None) -> str:
    """The filters as a reader says them: 'UNDP and WFP; Working together; 2005-2008'."""
    f = ctx.filters
    parts = [
        _and(f.agencies) if f.agencies else "All organizations",
        _and(f.categories) if f.categories else "all categories",
    ]
    if f.initiatives:
        parts.append("initiatives " + _and(f.initiatives))
    if f.priority_only:
        parts.append("priority initiatives only")
    if f.year_from is not None or f.year_to is not None:
        lo = f.year_from if f.year_from is not None else (options.year_min if options else "")
        hi = f.year_to if f.year_to is not None else (options.year_max if options else "")
        parts.append(f"{lo}-{hi}")
    else:
        parts.append("all years")
    return "; ".join(str(p) for p in parts)


def options_in_words(ctx: chart_data.Context) -> str:
    w = scoring.normalize_weights(ctx.weights)
    text = (f"Discount rate {format_percent(ctx.discount_rate)}; priority weights cost "
            f"{w[0]:.0%}, benefit {w[1]:.0%}, value {w[2]:.0%}; ")
    text += ("no budget" if ctx.budget is None else f"budget {format_usd(ctx.budget)}")
    if ctx.compare_to:
        text += f"; compared with the snapshot of {ctx.compare_to}"
    return text


def metric_value(metric: str, value: object) -> str:
    """A headline figure as the Overview's tile shows it."""
    kind = summary.CHANGE_KIND.get(metric, "usd")
    if kind == "count":
        return format_count(value)
    if kind == "ratio":
        return format_ratio(value)
    return format_usd(value)


# --- HTML pieces -----------------------------------------------------------------------


def esc(text: object) -> str:
    """Text from the data (or anywhere) as HTML text, never markup."""
    return html.escape("" if text is None else str(text), quote=True)


@dataclass
class _Doc:
    """The pages being built: each a list of HTML blocks, and the figures to draw."""

    sample: bool
    pages: list[tuple[str, str]] = field(default_factory=list)  # (section, html)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (div id, figure JSON)

    def chart(self, fig: go.Figure, width: int, height: int) -> str:
        """A figure from the app's builders, sized for the page, marked and made safe as
        in the app (dashboard/ui/blocks.chart)."""
        # A figure taller than its place (one row per organization, say) is drawn at its
        # own height and scaled down whole, so its rows never pile up; a shorter one is
        # given the place's height. (The builders make a new figure each call.)
        natural = int(fig.layout.height or height)
        scale = min(1.0, height / natural)
        draw_w, draw_h = round(width / scale), round(height / scale)
        _resize(fig, draw_h)
        fig.update_layout(width=draw_w, height=draw_h)
        if self.sample:
            fig = figures.mark_illustrative(fig)
        fig = safe_figure(fit_margins(fig))
        n = len(self.figures)
        self.figures.append((f"fig{n}", pio.to_json(fig, validate=False)))
        inner = f'<div class="chart" id="fig{n}" style="width:{draw_w}px;height:{draw_h}px"></div>'
        if scale == 1.0:
            return inner
        return (f'<div style="width:{width}px;height:{height}px;overflow:hidden">'
                f'<div style="zoom:{scale:.4f}">{inner}</div></div>')

    def dataset_chart(self, df: pd.DataFrame | None, builder: Callable[[pd.DataFrame], go.Figure],
                      width: int, height: int, caption: str = "") -> str:
        if df is None or df.empty:
            return f'<div class="empty" style="width:{width}px">{esc(EMPTY)}</div>'
        cap = f'<p class="caption">{esc(caption)}</p>' if caption else ""
        return (f'<div class="block" style="width:{width}px">'
                f"{self.chart(builder(df), width, height)}{cap}</div>")

    def page(self, section: str, *blocks: str) -> None:
        self.pages.append((section, "".join(blocks)))


EMPTY = "No data for these filters."


def _resize(fig: go.Figure, height: int) -> None:
    """Give the figure a new height keeping its title and legend where the builder put
    them in pixels from the top (the builders place them as fractions of their height)."""
    old = fig.layout.height or 450
    if old == height:
        return

    def moved(y: float | None) -> float | None:
        return None if y is None else 1 - (1 - y) * old / height

    if fig.layout.title and fig.layout.title.y is not None and fig.layout.title.yref == "container":
        fig.layout.title.y = moved(fig.layout.title.y)
    if fig.layout.legend and fig.layout.legend.y is not None and \
            fig.layout.legend.yref == "container":
        fig.layout.legend.y = moved(fig.layout.legend.y)


def _table(df: pd.DataFrame, columns: Sequence[str], *, rows: int = TABLE_ROWS,
           width: int = HALF_W, note: str = "") -> str:
    """A short table with the app's worded headers (dashboard/output/tables.py) and formats."""
    cols = [c for c in columns if c in df.columns]
    d = df[cols]
    head = "".join(f"<th>{esc(tables.header_label(c))}</th>" for c in cols)
    body = []
    for _, r in d.head(rows).iterrows():
        cells = []
        for c in cols:
            text, num = _cell(c, r[c])
            cells.append(f'<td class="{"num" if num else "txt"}">{esc(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = len(d) - rows
    foot = f'<p class="caption">{more} more rows in the dashboard and the export.</p>' \
        if more > 0 else ""
    note_html = f'<p class="caption">{esc(note)}</p>' if note else ""
    return (f'<div class="table" style="width:{width}px"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>{foot}{note_html}</div>')


def _cell(col: str, value: object) -> tuple[str, bool]:
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if col.endswith("_usd"):
        return format_usd(value), True
    if col in tables.SHARE_COLUMNS or col.startswith("share_"):
        return format_share(value), True
    if col == "benefit_cost_ratio":
        return format_ratio(value), True
    if col in ("fiscal_year", "year", "payback_year", "rank", "best_rank", "worst_rank"):
        return format_year(value), True
    if isinstance(value, float):
        return (MISSING if pd.isna(value) else f"{value:,.3f}"), True
    if isinstance(value, int):
        return f"{value:,d}", True
    text = tables.code_name(value)
    return ("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)), False


def _tiles(items: Sequence[tuple[str, str, str | None]], per_row: int = 4) -> str:
    """Headline tiles: (label, value, change or None)."""
    cells = []
    for label, value, change in items:
        ch = f'<div class="change">{esc(change)}</div>' if change else ""
        cells.append(f'<div class="tile"><div class="label">{esc(label)}</div>'
                     f'<div class="value">{esc(value)}</div>{ch}</div>')
    return f'<div class="tiles" style="--per-row:{per_row}">{"".join(cells)}</div>'


def _h(title: str, level: int = 2) -> str:
    return f"<h{level}>{esc(title)}</h{level}>"


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"


def _row(*blocks: str) -> str:
    return f'<div class="row">{"".join(blocks)}</div>'


def _list(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


# --- Markdown of data/README.md (its small subset) as HTML -----------------------------

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    out = esc(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    return _BOLD.sub(r"<b>\1</b>", out)


def markdown_html(md_text: str) -> str:
    """Paragraphs, bullet lists, pipe tables, indented code, `code` and **bold**: what
    the methods sections of data/README.md use."""
    out: list[str] = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(set(c) <= set("-: ") for c in cells):
                    rows.append(cells)
                i += 1
            head, *body = rows
            out.append("<table class='md'><thead><tr>" + "".join(
                f"<th>{_inline(c)}</th>" for c in head) + "</tr></thead><tbody>" + "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body)
                + "</tbody></table>")
        elif line.startswith("    "):
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                block.append(lines[i][4:])
                i += 1
            out.append(f"<pre>{esc(chr(10).join(block).strip())}</pre>")
        elif re.match(r"^\s*- ", line):
            items: list[str] = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("|"):
                if re.match(r"^\s*- ", lines[i]):
                    items.append(lines[i].strip()[2:])
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            out.append("<ul>" + "".join(f"<li>{_inline(x)}</li>" for x in items) + "</ul>")
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("|", "    ")) \
                    and not re.match(r"^\s*- ", lines[i]):
                para.append(lines[i].strip())
                i += 1
            out.append(f"<p>{_inline(' '.join(para))}</p>")
    return "".join(out)


# --- the sections: one per dashboard page ------------------------------------------------

CHART_H = 600  # a chart alone under a heading
ROW_H = 560  # two charts side by side under a heading


def _previous(scan: folders.ScanResult, as_of: str) -> str | None:
    """The snapshot published just before this one (the Overview's comparison)."""
    older = [s.as_of for s in scan.snapshots if s.as_of < as_of]
    return max(older) if older else None


def _overview(doc: _Doc, ctx: chart_data.Context, scan: folders.ScanResult) -> None:
    s = "Overview"
    k = chart_data.kpis(ctx).set_index("metric")["value"]
    previous = _previous(scan, ctx.filters.snapshot)
    before = None
    if previous is not None:
        before = chart_data.kpis(ctx.with_(filters=ctx.filters.with_(snapshot=previous))
                                 ).set_index("metric")["value"]
    kept = chart_data.cost_by_initiative(ctx)
    tiles = []
    for metric, label in chart_data.KPI_LABELS.items():
        change = None if before is None else summary.tile_change(metric, before[metric], k[metric])
        tiles.append((label, metric_value(metric, k[metric]), change))
    caption = (f"Changes are against the snapshot of {previous} under the same filters."
               if previous else "No earlier snapshot to compare with.")
    caption += " The definitions of every figure are on the methods pages."
    doc.page(s, _h("Overview: headline figures"),
             _p(summary.overview_sentence(k, len(kept), before, previous), "lead"),
             _tiles(tiles), _p(caption, "caption"),
             _row(doc.dataset_chart(chart_data.portfolio_by_category(ctx),
                                    figures.portfolio_by_category, HALF_W, 420),
                  doc.dataset_chart(chart_data.initiatives_by_stage(ctx),
                                    figures.initiatives_by_stage, HALF_W, 420)))
    doc.page(s, _h("Overview: cost against benefit"), doc.dataset_chart(
        kept, figures.cost_benefit_scatter, PAGE_W, CHART_H,
        "Priorities are outlined diamonds; the dotted line is break-even."))


def _costs_benefits(doc: _Doc, ctx: chart_data.Context) -> None:
    s = "Costs & benefits"
    cash = chart_data.cashflow_by_year(ctx)
    payback = finance.payback_year(cash) if len(cash) else None
    tiles = _tiles([
        (f"NPV at {format_percent(ctx.discount_rate)}",
         format_usd(finance.npv(cash)) if len(cash) else MISSING, None),
        ("Payback year", format_year(payback), None)], per_row=4)
    doc.page(s, _h("Costs & benefits"), tiles, _row(
        doc.dataset_chart(chart_data.cost_benefit_by_year_category(ctx),
                          figures.cost_benefit_by_year_category, HALF_W, ROW_H - 90),
        doc.dataset_chart(cash, lambda df: figures.cumulative_net(df, payback), HALF_W,
                          ROW_H - 90, "Bars: net benefit each year; line: the running total.")))
    doc.page(s, _h("Costs & benefits: kinds of cost, confidence of benefits"), _row(
        doc.dataset_chart(chart_data.cost_by_cost_category(ctx), figures.cost_by_cost_category,
                          HALF_W, ROW_H),
        doc.dataset_chart(chart_data.benefits_by_confidence(ctx),
                          figures.benefits_by_confidence, HALF_W, ROW_H)))
    fm = chart_data.financial_measures(ctx)
    doc.page(s, _h("Costs & benefits: financial measures by initiative"), _row(
        doc.dataset_chart(fm, lambda df: fa.npv_by_initiative(df, ctx.discount_rate),
                          HALF_W + 60, CHART_H),
        _table(fm.sort_values("npv_usd", ascending=False),
               ["initiative_id", "npv_usd", "payback_year", "benefit_cost_ratio"],
               width=HALF_W - 80)))


def _agency(doc: _Doc, ctx: chart_data.Context) -> None:
    s = "Agency commitment"
    note = chart_data.agency_note(ctx)
    cs = chart_data.cost_sharing(ctx)
    doc.page(s, _h("Agency commitment: who pays, who benefits"),
             _p(note, "caption") if note else "", _row(
                 doc.dataset_chart(cs, figures.cost_sharing, HALF_W + 60, CHART_H - 40),
                 _table(cs.sort_values("cost_borne_usd", ascending=False),
                        ["agency_code", "cost_borne_usd", "benefit_received_usd",
                         "pledged_usd", "net_usd"], width=HALF_W - 80)))
    matrix = chart_data.commitment_matrix(ctx)
    doc.page(s, _h("Agency commitment: commitment matrix"), doc.dataset_chart(
        matrix, figures.commitment_matrix, PAGE_W, CHART_H,
        "Rows are grouped by type of organization. Darker means further committed."))
    doc.page(s, _h("Agency commitment: relative value"), doc.dataset_chart(
        matrix, figures.relative_value_matrix, PAGE_W, CHART_H))
    doc.page(s, _h("Agency commitment: by organization and by initiative"), _row(
        doc.dataset_chart(chart_data.commitment_by_agency(ctx), figures.commitment_by_agency,
                          HALF_W, ROW_H),
        doc.dataset_chart(chart_data.commitment_levels_by_initiative(ctx),
                          figures.commitment_levels_by_initiative, HALF_W, ROW_H)))


def _funding(doc: _Doc, ctx: chart_data.Context) -> None:
    s = "Funding"
    k = chart_data.kpis(ctx).set_index("metric")["value"]
    tiles = _tiles([
        ("Contributions paid", format_usd(k["contributions_paid_usd"]), None),
        ("Contributions pledged", format_usd(k["contributions_pledged_usd"]), None),
        ("Top five donors' share of paid", format_percent(chart_data.top_five_share(ctx)), None),
        ("Funding gap", format_usd(k["funding_gap_usd"]), None)])
    donors = chart_data.donors_top_n(ctx)
    doc.page(s, _h("Funding: contributions by donor"), tiles, _row(
        doc.dataset_chart(donors, figures.donors, HALF_W + 60, ROW_H - 90),
        _table(donors, ["donor", "donor_type", "paid_usd", "pledged_usd"], width=HALF_W - 80,
               note="Top donors by amount paid; paid and pledged are never added.")))
    doc.page(s, _h("Funding: by kind of donor and by year"), _row(
        doc.dataset_chart(chart_data.contributions_by_donor_type(ctx),
                          figures.contributions_by_donor_type, HALF_W, ROW_H),
        doc.dataset_chart(chart_data.contributions_by_year(ctx), figures.contributions_by_year,
                          HALF_W, ROW_H)))
    doc.page(s, _h("Funding: by kind of contribution; the top five donors' share"), _row(
        doc.dataset_chart(chart_data.contributions_by_type(ctx), figures.contributions_by_type,
                          HALF_W, ROW_H),
        doc.dataset_chart(chart_data.top_donor_share(ctx), figures.top_donor_share,
                          HALF_W, ROW_H)))
    gap = chart_data.funding_gap(ctx)
    doc.page(s, _h("Funding: the funding gap by initiative"), _row(
        doc.dataset_chart(gap, figures.funding_gap, HALF_W + 40, CHART_H,
                          "Target less the organizations' pledged shares and the paid "
                          "contributions earmarked to the initiative, floored at 0."),
        _table(gap.sort_values("funding_gap_usd", ascending=False),
               ["initiative_id", "funding_target_usd", "agency_pledged_usd",
                "paid_contributions_usd", "funding_gap_usd"], width=HALF_W - 60)))


def _prioritization(doc: _Doc, ctx: chart_data.Context) -> None:
    s = "Prioritization"
    ranking = chart_data.priority_ranking(ctx)
    w = scoring.normalize_weights(ctx.weights)
    weights = (f"Weights (scaled to sum to 1): cost {w[0]:.0%}, benefit {w[1]:.0%}, "
               f"value {w[2]:.0%}.")
    doc.page(s, _h("Prioritization: the ranking"), _p(weights, "caption"), _row(
        doc.dataset_chart(ranking, fa.priority_ranking, HALF_W + 40, CHART_H - 30),
        _table(ranking if ranking is not None else pd.DataFrame(),
               ["rank", "initiative_id", "total_cost_usd", "total_benefit_usd",
                "mean_relative_value", "score"], width=HALF_W - 60)))
    both = chart_data.top_eight_vs_flagged(ctx)
    words = ""
    if both is not None and not both.empty:
        top = both[both["in_model_top_eight"]].sort_values("rank")
        flagged = both[both["flagged_priority"]].sort_values("rank")
        agree = int((both["in_model_top_eight"] & both["flagged_priority"]).sum())
        words = (_p(f"{agree} of {len(top)} initiatives of the model's top eight are also "
                    f"flagged as priorities ({len(flagged)} flagged in all).", "lead")
                 + _h("Model's top eight", 3)
                 + _list([f"{r.rank}. {r.name}" + (" (flagged)" if r.flagged_priority else "")
                          for r in top.itertuples()])
                 + _h("Flagged priorities (model rank)", 3)
                 + _list([f"{r.name}: rank {r.rank}" for r in flagged.itertuples()]
                         or ["None flagged among the kept initiatives."]))
    doc.page(s, _h("Prioritization: cost against benefit; top eight and priorities"), _row(
        doc.dataset_chart(ranking, fa.cost_benefit_bubble, HALF_W + 60, CHART_H - 30,
                          "Bubble size: mean relative value; black outline: a flagged "
                          "priority."),
        f'<div class="words" style="width:{HALF_W - 80}px">{words}</div>'))
    frontier = chart_data.efficient_frontier(ctx)
    chosen_score = None
    budget_html = _p("No budget was given: the frontier shows the best total score "
                     "reachable at each budget.", "caption")
    if ctx.budget is not None:
        sel = chart_data.budget_selection(ctx)
        summ = selection.selection_summary(sel, float(ctx.budget))
        chosen_score = float(summ["total_score"])
        budget_html = _tiles([
            ("Budget", format_usd(ctx.budget), None),
            ("Initiatives selected", f"{format_count(summ['selected'])} of {len(sel)}", None),
            ("Cost of the selection", format_usd(summ["total_cost_usd"]), None),
            ("Budget left", format_usd(summ["remaining_usd"]), None)], per_row=2) + _table(
            sel.sort_values(["selected", "score"], ascending=[False, False]),
            ["initiative_id", "total_cost_usd", "score", "selected"], rows=12,
            width=HALF_W - 80, note=selection.selection_note(selection.selection_optimality(sel)))
    doc.page(s, _h("Prioritization: budget"), _row(
        doc.dataset_chart(frontier, lambda df: fa.efficient_frontier(df, ctx.budget,
                                                                     chosen_score),
                          HALF_W + 60, CHART_H, "The best total score reachable at each "
                          "budget; dashed line: the budget given."),
        f'<div class="words" style="width:{HALF_W - 80}px">{budget_html}</div>'))
    doc.page(s, _h("Prioritization: rank sensitivity"), doc.dataset_chart(
        chart_data.rank_sensitivity(ctx), fa.rank_sensitivity, PAGE_W, CHART_H,
        "Each bar runs from an initiative's best to its worst rank when each weight moves by "
        "up to ±0.1; the diamond is its rank now."))


def _what_changed(doc: _Doc, ctx: chart_data.Context) -> None:
    s = "What changed"
    before, after = ctx.compare_to, ctx.filters.snapshot
    changes = chart_data.changes(ctx)
    if changes is None or changes.empty:
        doc.page(s, _h(f"What changed since {before}"), _p(EMPTY))
        return
    lines = comparison.change_summary(changes, before)
    cb, ca = (float(changes[c].fillna(0).sum()) for c in ("cost_before_usd", "cost_after_usd"))
    bb, ba = (float(changes[c].fillna(0).sum())
              for c in ("benefit_before_usd", "benefit_after_usd"))
    tiles = _tiles([
        (f"Cost {before} → {after}", format_usd(ca),
         f"{summary.tile_change('total_cost_usd', cb, ca)} from {format_usd(cb)}"),
        (f"Benefit {before} → {after}", format_usd(ba),
         f"{summary.tile_change('total_benefit_usd', bb, ba)} from {format_usd(bb)}"),
        ("Initiatives added", str(int((changes["status"] == "added").sum())), None),
        ("Initiatives removed", str(int((changes["status"] == "removed").sum())), None)])
    doc.page(s, _h(f"What changed since {before}"), tiles, _row(
        f'<div class="words" style="width:{HALF_W - 40}px">{_h("In short", 3)}'
        f'{_list(lines or ["No change under these filters."])}</div>',
        doc.dataset_chart(changes, lambda df: fa.cost_change_waterfall(df, before, after),
                          HALF_W + 20, ROW_H - 90)))


def _methods(doc: _Doc, snapshot: folders.Snapshot) -> None:
    s = "Methods and provenance"
    prov = (f"Snapshot as of {snapshot.as_of}; source: {snapshot.source or 'not stated'}; "
            f"published {snapshot.created_at}.")
    body = "".join(_h(h, 3) + markdown_html(docs.section(h)) for h in METHOD_SECTIONS)
    intro = _p("The definitions below are those of the dashboard (data/README.md, the data "
               "contract); its Data & methods page shows the same text.")
    doc.page(s, f'<div class="methods">{_h("Methods and provenance")}{_p(prov, "lead")}'
             f"{intro}{body}</div>")


# --- the document ----------------------------------------------------------------------

CSS = """
@page { size: A4 landscape; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", sans-serif; color: #000; font-size: 12px; line-height: 1.35;
       font-variant-ligatures: none; }
section.page { height: 183mm; break-after: page; overflow: visible; display: flow-root; }
section.page:last-of-type { break-after: auto; }
section.flow { height: auto; }
h1 { font-size: 30px; margin: 8px 0 6px; }
h2 { font-size: 19px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 2px solid #000; }
h3 { font-size: 14px; margin: 10px 0 4px; }
p { margin: 4px 0; }
p.lead { font-size: 14px; font-weight: bold; }
p.caption { font-size: 10.5px; color: #222; }
.notice { border: 3px solid #000; padding: 8px 12px; font-size: 17px; font-weight: bold;
          margin: 14px 0; display: inline-block; }
.row { display: flex; gap: 20px; align-items: flex-start; }
.tiles { display: grid; grid-template-columns: repeat(var(--per-row), 1fr); gap: 8px;
         margin: 8px 0; }
.tile { border: 1px solid #000; padding: 6px 10px; break-inside: avoid; }
.tile .label { font-size: 12px; }
.tile .value { font-size: 22px; font-weight: bold; }
.tile .change { font-size: 11.5px; }
table { border-collapse: collapse; width: 100%; font-size: 10.5px; }
th { text-align: left; border-bottom: 1.5px solid #000; padding: 2px 4px; vertical-align: bottom; }
td { border-bottom: 0.5px solid #888; padding: 2px 4px; }
td.num { text-align: right; white-space: nowrap; }
.empty { border: 1px dashed #000; padding: 20px; }
dl.cover { display: grid; grid-template-columns: 150px 1fr; gap: 4px 12px; font-size: 13px; }
dl.cover dt { font-weight: bold; }
dl.cover dd { margin: 0; }
ol.toc { font-size: 13px; padding-left: 0; list-style: none; max-width: 560px; }
ol.toc li { display: flex; border-bottom: 0.5px dotted #000; padding: 2px 0; }
ol.toc li span.name { flex: 1; }
.methods table.md { font-size: 10px; margin: 4px 0 8px; }
.methods table.md td, .methods table.md th { vertical-align: top; }
.methods p, .methods li { font-size: 11px; }
.methods h3 { break-after: avoid; }
.methods tr, .methods li { break-inside: avoid; }
pre { font-size: 10.5px; }
code { font-size: 0.95em; }
"""

SCRIPT = """
(() => {
  const figs = JSON.parse(document.getElementById("figures").textContent);
  const done = figs.map((f) => Plotly.newPlot(f.id, f.figure.data, f.figure.layout,
    {staticPlot: true, displayModeBar: false}));
  Promise.all(done).then(() => { document.body.dataset.ready = "1"; },
                         (e) => { document.body.dataset.ready = "error: " + e; });
})();
"""


def _cover(ctx: chart_data.Context, snapshot: folders.Snapshot, options: FilterOptions | None,
           generated_at: str, toc: list[tuple[str, int]], sample: bool) -> str:
    source = snapshot.source or "not stated"
    notice = f'<div class="notice">{esc(SAMPLE_NOTICE)}</div>' if sample else ""
    agency = chart_data.agency_note(ctx)
    rows = [("Snapshot", f"as of {snapshot.as_of}"), ("Source", source),
            ("Filters", filters_in_words(ctx, options)), ("Options", options_in_words(ctx))]
    if agency:
        rows.append(("Organizations", agency))
    rows.append(("Generated at", generated_at))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    items = "".join(f'<li><span class="name">{esc(name)}</span><span>page {page}</span></li>'
                    for name, page in toc)
    return (f"<h1>{esc(TITLE)}</h1>"
            f'<p class="lead">UN system ICT portfolio: the dashboard\'s current view</p>'
            f"{notice}<dl class='cover'>{dl}</dl>{_h('Contents', 3)}<ol class='toc'>{items}</ol>")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%d %H:%M UTC")


def footer_html(snapshot: folders.Snapshot) -> str:
    """Chromium's footer template (its own styles: the page's CSS does not reach it)."""
    left = esc(SAMPLE_NOTICE) if is_sample_source(snapshot.source) else ""
    return (
        '<div style="font-family: \'DejaVu Sans\', sans-serif; font-size: 9px; width: 100%; '
        'font-variant-ligatures: none; margin: 0 12mm; display: flex; justify-content: space-between; color: #000;">'
        f'<span style="font-weight: bold;">{left}</span>'
        f'<span>{esc(TITLE)} · snapshot {esc(snapshot.as_of)}</span>'
        '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
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
        raise BriefingError(f"{e}: give at least one weight above 0") from None
    sample = is_sample_source(snapshot.source)
    doc = _Doc(sample=sample)
    _overview(doc, ctx, scan)
    _costs_benefits(doc, ctx)
    _agency(doc, ctx)
    _funding(doc, ctx)
    _prioritization(doc, ctx)
    if ctx.compare_to:
        _what_changed(doc, ctx)
    _methods(doc, snapshot)
    toc: list[tuple[str, int]] = []
    for n, (section, _) in enumerate(doc.pages, start=2):  # page 1 is the cover
        if not toc or toc[-1][0] != section:
            toc.append((section, n))
    cover = _cover(ctx, snapshot, options, generated_at or utc_now(), toc, sample)
    pages = [f'<section class="page">{cover}</section>'] + [
        f'<section class="page{" flow" if section == "Methods and provenance" else ""}">'
        f"{body}</section>" for section, body in doc.pages]
    figs = "[" + ",".join(f'{{"id": {json.dumps(i)}, "figure": {spec}}}' for i, spec in doc.figures) + "]"
    figs = figs.replace("<", "\\u003c")  # no "</script>" from the data can end the script
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(TITLE)}</title><style>{CSS}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>{''.join(pages)}"
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
