"""The briefing pack's HTML pieces: the page being built (`Doc`: its printed pages and the
figures to draw), charts sized for a printed page, short tables, tiles, headings, and the
document's style sheet and drawing script. Every text is escaped (`esc`): text from the
data is never markup.

The sizes are those of an A4 landscape page less dashboard/output/pdf.py's margins, in CSS
px; the chart registry (dashboard/registry.py) places each chart with them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.charts import axis_labels, bar_names, figures
from dashboard.charts.figure_margins import (
    fit_legend,
    fit_margins,
    needed_margins,
    wrap_y_titles,
)
from dashboard.charts.figures import move_from_top, title_shift, untitle
from dashboard.formatting import (
    MISSING,
    NO_DATA,
    format_count,
    format_probability,
    format_ratio,
    format_share,
    format_usd,
    format_year,
)
from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.output import tables, value_words
from dashboard.output.chart_words import describe, plain
from dashboard.output.summary import scoped_title
from dashboard.output.usertext import safe_figure

# the content box of a page (A4 landscape less dashboard/output/pdf.py's margins), CSS px
PAGE_W, PAGE_H = 1030, 700
TITLE_H = 28  # a chart's heading (h3) above its drawing
# TRANSLATORS: the title of a chart, table or section carried on to the next page
CONTINUED = N_("{title} (continued)")  # read with `continued`
# the smallest text in a chart is 11 px (the sample mark; ticks are 12 px): never drawn
# under 7 pt (9.33 CSS px) when printed
MIN_SCALE = 7.1 / (11 * 0.75)
HALF_W = 505
TABLE_ROWS = 16  # a short table: the first rows, and a line saying how many more
CHART_H = 600  # a chart alone under a heading
ROW_H = 560  # two charts side by side under a heading
LABEL_LINE = 17  # px a line of a row's label: a row of two is axis_labels.TWO_LINE_ROW, 34
PLOT_FLOOR = 80  # px of plot at the least for upright bars: seven ticks of 12-px text apart


def empty() -> str:
    """What a place without data says (NO_DATA, as a sentence), in the reader's language."""
    return _(NO_DATA) + "."


def continued_title(title: str) -> str:
    """`title`, carried on to the next page, in the reader's language."""
    return _(CONTINUED).format(title=title)


def esc(text: object) -> str:
    """Text from the data (or anywhere) as HTML text, never markup."""
    return html.escape("" if text is None else str(text), quote=True)


@dataclass
class Doc:
    """The pages being built: each a list of HTML blocks, and the figures to draw."""

    sample: bool
    pages: list[tuple[str, str]] = field(default_factory=list)  # (section, html)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (div id, figure JSON)

    def chart(self, fig: go.Figure, width: int, height: int, *, units: str = "",
              caption: str = "", continued: bool = False, scope: str | None = None) -> str:
        """A figure from the app's builders, sized for the page, marked and made safe as
        in the app (dashboard/ui/blocks.chart), as an HTML figure: its title as a heading
        (h3) with whose figures it shows (`scope`, as the app's: summary.scoped_title),
        the drawing with its text alternative (role="img", dashboard/output/
        chart_words.describe), and its caption. `height` includes the heading."""
        title = scoped_title(plain(fig.layout.title.text), scope)
        title = continued_title(title) if continued else title
        alt = describe(fig, title, units)
        for_print(fig, width)
        height -= TITLE_H
        # A figure taller than its place is drawn at its own height and scaled down whole
        # (never below MIN_SCALE: no text under 7 pt), so its rows never pile up; a chart
        # of many rows is split across pages instead (briefing_split.py). A shorter one is
        # given the place's height, but a chart drawn in rows (a matrix, bars on their side),
        # which keeps its own, in proportion to its rows (FR #17: one row under a large
        # empty band). (The builders make a new figure each call.)
        natural = int(fig.layout.height or height)
        scale = max(MIN_SCALE, min(1.0, height / natural))
        draw_w, draw_h = round(width / scale), round(height / scale)
        if _rows(fig)[0] and natural < height:
            draw_h = natural
        fit_legend(fig, draw_w, shrink=True)  # the legend's rows as drawn, zoomed
        _resize(fig, draw_h)
        fig.update_layout(width=draw_w, height=draw_h)
        # never drawn shorter than its rows' labels need (`rows_floor`): a figure too tall
        # for its place at MIN_SCALE runs over it, and the page's script carries it to a
        # page of its own (SCRIPT's `carry`)
        floor = rows_floor(fig)
        if floor > draw_h:
            _resize(fig, floor)
            draw_h = floor
            fig.update_layout(height=draw_h)
        m = fig.layout.margin  # an upright axis title no longer than its plot as drawn,
        wrap_y_titles(fig, draw_h - (m.t or 0) - (m.b or 0))  # its lines' room at the left
        fig.update_layout(margin=dict(l=max(m.l or 0, round(needed_margins(fig)["l"]))))
        if self.sample:
            fig = figures.mark_illustrative(fig)
        fig = safe_figure(fig)
        n = len(self.figures)
        self.figures.append((f"fig{n}", pio.to_json(fig, validate=False)))
        # drawn at (draw_w, draw_h) and zoomed to the place; data-min-zoom: how far the
        # page's script may zoom it further when the words above it leave less room than
        # planned (SCRIPT's `fit`: never under 7 pt)
        zoom = f";zoom:{scale:.4f}" if scale != 1.0 else ""
        inner = (f'<div class="chart" id="fig{n}" data-min-zoom="{MIN_SCALE:.4f}" '
                 f'data-floor="{max(floor, 0)}" '
                 f'style="width:{draw_w}px;height:{draw_h}px{zoom}"></div>')
        cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        return (f'<figure class="block" style="width:{width}px">{h(title, 3)}'
                f'<div role="img" aria-label="{esc(alt)}">{inner}</div>{cap}</figure>')

    def dataset_chart(self, df: pd.DataFrame | None, builder: Callable[[pd.DataFrame], go.Figure],
                      width: int, height: int, caption: str = "", *, units: str = "",
                      continued: bool = False, scope: str | None = None) -> str:
        if df is None or df.empty:
            return f'<div class="empty" style="width:{width}px">{esc(empty())}</div>'
        return self.chart(builder(df), width, height, units=units, caption=caption,
                          continued=continued, scope=scope)

    def page(self, section: str, *blocks: str) -> None:
        self.pages.append((section, "".join(blocks)))


def for_print(fig: go.Figure, width: int) -> go.Figure:
    """The figure as the pack draws it in a place `width` px wide: its title taken out (a
    heading says it), the margins its labels need, and the room above the plot only as tall
    as its legend's rows there (the app keeps room for a phone's rows: on a printed page it
    stood empty, FR #26), a matrix's standing labels on two lines where its columns have
    room. In place; the figure is returned."""
    untitle(fig)
    axis_labels.standing_on_two_lines(fig, width)
    fit_margins(fig)
    return fit_legend(fig, width, shrink=True)


def _rows(fig: go.Figure) -> tuple[int, list[str]]:
    """The rows of a chart drawn in rows of labels (a horizontal bar chart, a waterfall
    on its side, a matrix of squares: a category axis down the side) and their labels;
    (0, []) for any other figure."""
    y = fig.layout.yaxis
    if y.type == "category" and y.categoryarray is not None:
        return len(y.categoryarray), list(y.ticktext or y.categoryarray)
    rows = list(dict.fromkeys(v for t in fig.data if getattr(t, "orientation", None) == "h"
                              and t.y is not None for v in t.y))
    return len(rows), list(y.ticktext or rows)


def rows_floor(fig: go.Figure) -> int:
    """The least height (px) of a chart drawn in rows (`_rows`) whose every row has room
    for its label's lines (LABEL_LINE a line; a name above its bar: a row whose gap
    above the bar holds that line), its margins as they are; for a chart of
    upright bars, room for PLOT_FLOOR px of plot; 0 for other figures."""
    m = fig.layout.margin
    count, labels = _rows(fig)
    if count and bar_names.bar_names(fig):  # each name in its band above its bar, clear of
        # the bar above: rows of bar_names.LEAST_ROW at the least (R4 #6)
        return math.ceil((m.t or 0) + (m.b or 0) + count * bar_names.LEAST_ROW)
    if count:
        lines = max([str(lab).count("<br>") + 1 for lab in labels] or [1])
        return math.ceil((m.t or 0) + (m.b or 0) + count * lines * LABEL_LINE)
    if any(t.type == "bar" and getattr(t, "orientation", None) != "h" for t in fig.data):
        return math.ceil((m.t or 0) + (m.b or 0) + PLOT_FLOOR)
    return 0


def least_height(fig: go.Figure, width: int) -> int:
    """The least height a figure takes in a place `width` px wide in the pack, its heading
    included: as printed (`for_print`), its rows pressed to their labels' lines
    (`rows_floor`; other figures as drawn) and zoomed down to MIN_SCALE (no text under
    7 pt). Changes the figure."""
    for_print(fig, round(width / MIN_SCALE))  # as drawn when zoomed to MIN_SCALE
    floor = rows_floor(fig) if _rows(fig)[0] else 0
    return TITLE_H + math.ceil((floor or int(fig.layout.height or 450)) * MIN_SCALE)


def drawn_height(fig: go.Figure) -> int:
    """The height a figure takes in the pack, its heading included (before any scaling)."""
    return int(fig.layout.height or 450) - title_shift(fig) + TITLE_H


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
    move_from_top(fig, old, height)


def table(df: pd.DataFrame, columns: Sequence[str], *, rows: int | None = TABLE_ROWS,
          width: int = HALF_W, note: str = "", foot: str = "",
          headers: Mapping[str, str] | None = None) -> str:
    """A short table with the app's worded headers (dashboard/output/tables.py; `headers`:
    this table's own for some columns) and formats: the first `rows` (None: all), then a
    line saying how many more. Headers are column headers (scope="col"); the first text
    column names each row (scope="row")."""
    cols = [c for c in columns if c in df.columns]
    d = _named_initiatives(df)[cols]
    said = headers or {}
    head = "".join(f'<th scope="col">{esc(said.get(c) or tables.header_label(c))}</th>'
                   for c in cols)
    shown = d if rows is None else d.head(rows)
    body = []
    for _i, r in shown.iterrows():
        cells, named = [], False
        for c in cols:
            text, num = cell(c, r[c])
            if not num and not named:  # the row's name: its row header
                named = True
                cells.append(f'<th scope="row" class="txt">{esc(text)}</th>')
            else:
                cells.append(f'<td class="{"num" if num else "txt"}">{esc(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = len(d) - len(shown)
    if more > 0 and not foot:
        foot = ngettext("{count} more row in the dashboard and the export.",
                        "{count} more rows in the dashboard and the export.",
                        more).format(count=format_count(more))
    foot_html = f'<p class="caption">{esc(foot)}</p>' if foot else ""
    note_html = f'<p class="caption">{esc(note)}</p>' if note else ""
    return (f'<div class="table" style="width:{width}px"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>{foot_html}{note_html}</div>')


def _named_initiatives(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with each initiative read as its name and code, the same label as the
    charts beside it (dashboard/charts/axis_labels.py `initiative_names`; cut at 48
    characters, "Information security and…recovery (INFOSEC)" stood beside a chart that
    showed the whole name: round 4 #4), where the frame has the names: never a bare code."""
    names = next((df[c] for c in ("name", "initiative_name") if c in df.columns), None)
    if "initiative_id" not in df.columns or names is None:
        return df
    return df.assign(initiative_id=axis_labels.initiative_names(list(df["initiative_id"]),
                                                                list(names)))


def cell(col: str, value: object) -> tuple[str, bool]:
    if isinstance(value, bool):
        return (_("yes") if value else _("no")), False
    if col.endswith("_usd"):
        return format_usd(value), True
    if col in tables.PROBABILITY_COLUMNS:
        return format_probability(value), True
    if col in tables.SHARE_COLUMNS or col.startswith("share_"):
        return format_share(value), True
    if col == "benefit_cost_ratio":
        return format_ratio(value), True
    if col == "rank" and isinstance(value, str):  # '=1', '#3': a rank as shown
        return value, True
    if col in ("fiscal_year", "year", "payback_year", "rank", "best_rank", "worst_rank"):
        return format_year(value), True
    if isinstance(value, float):
        return (MISSING if pd.isna(value) else numbers.number(value, 3)), True
    if isinstance(value, int):
        return numbers.number(value, 0), True
    text = value_words.said(col, value) if col in value_words.COLUMNS else tables.code_name(value)
    return ("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)), False


def tiles(items: Sequence[tuple[str, str, str | None, str | None]], per_row: int = 4) -> str:
    """Headline tiles: (label, value, change or None, a muted note or None: the likely
    range, the figure before)."""
    cells = []
    for label, value, change, note in items:
        ch = f'<div class="change">{esc(change)}</div>' if change else ""
        ch += f'<div class="note">{esc(note)}</div>' if note else ""
        cells.append(f'<div class="tile"><div class="label">{esc(label)}</div>'
                     f'<div class="value">{esc(value)}</div>{ch}</div>')
    return f'<div class="tiles" style="--per-row:{per_row}">{"".join(cells)}</div>'


def h(title: str, level: int = 2) -> str:
    return f"<h{level}>{esc(title)}</h{level}>"


def p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"


def row(*blocks: str) -> str:
    return f'<div class="row">{"".join(blocks)}</div>'


def bullets(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


CSS = """
@page { size: A4 landscape; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", sans-serif; color: #000; font-size: 12px; line-height: 1.35;
       font-variant-ligatures: none; width: 273mm; }  /* the printed width, on screen too */
section.page { height: 183mm; break-after: page; overflow: visible; display: flow-root; }
section.page:last-of-type { break-after: auto; }
section.flow { height: auto; }
h1 { font-size: 30px; margin: 8px 0 6px; }
h2 { font-size: 19px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 2px solid #000; }
h3 { font-size: 14px; margin: 10px 0 4px; }
p { margin: 4px 0; }
p.lead { font-size: 14px; font-weight: bold; }
p.caption { font-size: 10.5px; color: #222; }
p.continued { break-before: page; margin: 0 0 8px; font-size: 13px; font-weight: bold; }
p.scope { font-size: 11.5px; border-left: 3px solid #000; padding-left: 6px; margin: 0 0 6px; }
.notice { border: 3px solid #000; padding: 8px 12px; font-size: 17px; font-weight: bold;
          margin: 14px 0; display: inline-block; }
.row { display: flex; gap: 20px; align-items: flex-start; }
.tiles { display: grid; grid-template-columns: repeat(var(--per-row), 1fr); gap: 8px;
         margin: 8px 0; }
.tile { border: 1px solid #000; padding: 6px 10px; break-inside: avoid; }
.tile .label { font-size: 12px; }
.tile .value { font-size: 22px; font-weight: bold; }
.tile .change { font-size: 11.5px; }
.tile .note { font-size: 11.5px; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 10.5px; }
th { text-align: left; border-bottom: 1.5px solid #000; padding: 2px 4px; vertical-align: bottom; }
td, tbody th { border-bottom: 0.5px solid #888; padding: 2px 4px; }
tbody th { font-weight: normal; vertical-align: top; }
figure { margin: 0; }
figure h3 { margin: 2px 0 4px; }
figcaption { font-size: 10.5px; color: #222; margin: 4px 0; }
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
(() => { try {  // a fault in the layout is reported (body's data-ready), never a time-out
  const figs = JSON.parse(document.getElementById("figures").textContent);
  const byId = Object.fromEntries(figs.map((f) => [f.id, f.figure.layout]));
  // Each printed page's content within its page (a section of fixed height): when the words
  // above a chart take more room than planned (a scope line, tiles on two lines), the
  // charts that run over the foot of the page are made smaller, each by its own overrun (a
  // chart beside one that runs over further gives up only what it must), so that nothing
  // is carried onto the next page: first their plot area (down to 4/5 of the planned
  // height, the text as planned), then the whole drawing (zoom, never under 7 pt:
  // data-min-zoom). Words beside a chart that run over are not the chart's to make room for.
  const over = (sec) => Math.max(0, ...[...sec.children].map(
    (c) => c.getBoundingClientRect().bottom)) - sec.getBoundingClientRect().bottom;
  const lower = (layout, old, h) => {  // keep what is placed from the top where it was
    const moved = (y) => 1 - (1 - y) * old / h;
    if (layout.legend && layout.legend.yref === "container" && layout.legend.y != null)
      layout.legend.y = moved(layout.legend.y);
    const title = layout.title;  // the sample mark (dashboard/charts/figures.mark_illustrative)
    if (title && title.y != null && (title.yref || "container") === "container")
      title.y = moved(title.y);
    layout.height = h;
  };
  const shrink = (div, excess, floored = true) => {
    const layout = byId[div.id], z = parseFloat(div.style.zoom || "1");
    const planned = parseFloat(div.dataset.planned || (div.dataset.planned = layout.height));
    if (!div.dataset.zoom) div.dataset.zoom = div.style.zoom || "1";  // as planned
    const h = Math.max(planned * 0.8, floored ? parseFloat(div.dataset.floor || "0") : 0,
                       layout.height - excess / z);
    if (h < layout.height - 0.5) {
      lower(layout, layout.height, h);
      div.style.height = `${h}px`;
      return true;
    }
    const next = Math.max(parseFloat(div.dataset.minZoom), z * (h - excess / z) / h);
    if (next < z - 1e-4) { div.style.zoom = next.toFixed(4); return true; }
    return false;
  };
  // (A chart's plot is not made lower than its rows' labels need, data-floor, but in the
  // last resort: a chart alone under its heading that still runs over.)
  const fit = (sec, floored) => {
    for (let i = 0; i < 12 && over(sec) > 0.5; i++) {
      const bottom = sec.getBoundingClientRect().bottom;  // only charts that run over
      const changed = [...sec.querySelectorAll(".chart")].map(
        (d) => [d, d.closest("figure").getBoundingClientRect().bottom - bottom],
      ).filter(([, x]) => x > 0.5).map(([d, x]) => shrink(d, x + 1, floored));
      if (!changed.some(Boolean)) break;
    }
  };
  // Charts side by side start at the same height: their headings' band is as tall as the
  // tallest of them (a heading on two lines beside one on one)
  const sameBand = (r) => {
    const hs = [...r.querySelectorAll(":scope > figure.block > h3")];
    for (const h of hs) h.style.minHeight = "";
    if (hs.length < 2) return;
    const tallest = Math.max(...hs.map((h) => h.getBoundingClientRect().height));
    for (const h of hs) h.style.minHeight = `${tallest}px`;
  };
  for (const r of document.querySelectorAll(".row")) sameBand(r);
  for (const sec of document.querySelectorAll("section.page:not(.flow)")) fit(sec, true);
  // A table or a chart still running over the foot of its page (a table's rows wrap onto
  // more lines than planned; a chart too tall for its place at the least zoom) is never
  // printed over the next page: it goes on a new page after it, under the page's heading
  // "(continued)" (body's data-continued, "{title}" in it) and its scope line: the
  // table's rows that do not fit, its header repeated, or the chart whole. The contents'
  // page numbers after it move on by one.
  const room = 20;  // the line "Continued on the next page." under the rows kept
  const HEAD = 120;  // px under a page's top: its heading and scope line at most
  const [pre, post] = document.body.dataset.continued.split("{title}");
  const continued = (title) =>
    title.startsWith(pre) && title.endsWith(post) ? title : pre + title + post;
  const carried = new Map();  // a page -> the last page carried from it
  const newPage = (sec) => {  // after the pages already carried from `sec`, in order
    const after = carried.get(sec) || sec;
    const next = document.createElement("section");
    next.className = "page";
    next.dataset.carried = "1";
    const head = sec.querySelector("h2");
    next.appendChild(document.createElement("h2")).textContent =
      continued(head ? head.textContent : "");
    const scope = sec.querySelector("p.scope");
    if (scope) next.appendChild(scope.cloneNode(true));
    after.after(next);
    carried.set(sec, next);
    const at = [...document.querySelectorAll("section.page")].indexOf(after) + 1;
    for (const s of document.querySelectorAll("ol.toc li span:last-child"))
      s.textContent = s.textContent.replace(/[0-9]+/, (n) => (+n > at ? `${+n + 1}` : n));
    return next;
  };
  const restore = (div) => {  // a chart carried to a page of its own: its planned size
    const layout = byId[div.id];
    if (div.dataset.planned) {
      lower(layout, layout.height, parseFloat(div.dataset.planned));
      div.style.height = `${layout.height}px`;
    }
    if (div.dataset.zoom) div.style.zoom = div.dataset.zoom;
  };
  // Words beside a chart running over the page (lists of long names): from the first
  // block (or list item) that crosses `limit` on, moved to `into` (a list's items under
  // a list of their own; a heading with what it heads).
  const moveWords = (box, into, limit) => {
    const kids = [...box.children];
    let i = kids.findIndex((k) => k.getBoundingClientRect().bottom > limit);
    if (i < 0) return;
    const k = kids[i];
    const items = /^[OU]L$/.test(k.tagName) ? [...k.children] : [];
    const cut = items.findIndex((li) => li.getBoundingClientRect().bottom > limit);
    if (cut > 0) {  // the list's first items stay
      const list = into.appendChild(k.cloneNode(false));
      for (const li of items.slice(cut)) list.appendChild(li);
      i += 1;
    } else if (i > 0 && /^H[1-6]$/.test(kids[i - 1].tagName)) {
      i -= 1;  // a heading goes with the first block under it
    }
    for (const c of kids.slice(i)) into.appendChild(c);
  };
  const carry = (sec) => {
    const bottom = sec.getBoundingClientRect().bottom;
    for (const box of sec.querySelectorAll("div.table")) {
      const rows = [...box.querySelectorAll("tbody tr")];
      const cut = rows.findIndex((r) => r.getBoundingClientRect().bottom + room > bottom);
      if (cut < 1) continue;
      const next = newPage(sec);
      const rest = next.appendChild(document.createElement("div"));
      rest.className = "table";
      rest.style.width = box.style.width;
      const table = rest.appendChild(document.createElement("table"));
      table.appendChild(box.querySelector("thead").cloneNode(true));
      const body = table.appendChild(document.createElement("tbody"));
      for (const r of rows.slice(cut)) body.appendChild(r);
      for (const c of [...box.querySelectorAll(":scope > p")]) rest.appendChild(c);
      const foot = box.appendChild(document.createElement("p"));
      foot.className = "caption";
      foot.textContent = document.body.dataset.continues;
      // the rows kept and the line under them within the page: one page carries the rest
      for (let k = cut - 1; k > 0 && box.getBoundingClientRect().bottom > bottom + 0.5; k--)
        body.insertBefore(rows[k], body.firstChild);
      return next;
    }
    for (const box of sec.querySelectorAll("div.words")) {
      if (box.getBoundingClientRect().bottom <= bottom + 0.5) continue;
      const next = newPage(sec);
      const rest = next.appendChild(document.createElement("div"));
      rest.className = "words";
      rest.style.width = box.style.width;
      moveWords(box, rest, bottom - room);
      const foot = box.appendChild(document.createElement("p"));
      foot.className = "caption";
      foot.textContent = document.body.dataset.continues;
      return next;
    }
    // the charts running over, together on a new page; but charts alone right under the
    // page's heading stay (a page of their own would give them no more room)
    const top = sec.getBoundingClientRect().top;
    const figs = [...sec.querySelectorAll("figure.block")].filter(
      (f) => f.getBoundingClientRect().bottom > bottom + 0.5);
    const others = [...sec.querySelectorAll("figure.block, div.table, div.words")].filter(
      (b) => !figs.some((f) => f === b || f.contains(b)));
    const high = figs.every((f) => f.getBoundingClientRect().top - top < HEAD);
    if (!figs.length || sec.dataset.carried || (high && others.length === 0)) return null;
    const next = newPage(sec);
    const holder = figs.length > 1 ? next.appendChild(document.createElement("div")) : next;
    if (figs.length > 1) holder.className = "row";
    for (const f of figs) holder.appendChild(f);
    if (figs.length > 1) sameBand(holder);
    const charts = figs.flatMap((f) => [...f.querySelectorAll(".chart")]);
    for (const d of charts) restore(d);
    if (figs.length === 1 && charts.length === 1) {  // alone: the page's width (R4 #14)
      const d = charts[0], layout = byId[d.id], z = parseFloat(d.style.zoom || "1");
      const w = next.getBoundingClientRect().width;
      figs[0].style.width = `${w}px`;
      layout.width = Math.max(layout.width || 0, w / z);
      d.style.width = `${layout.width}px`;
    }
    // then as tall as the page they now have to themselves allows
    const spare = next.getBoundingClientRect().bottom - Math.max(
      ...figs.map((f) => f.getBoundingClientRect().bottom));
    for (const d of charts) {
      const layout = byId[d.id], z = parseFloat(d.style.zoom || "1");
      if (spare > 1) {
        lower(layout, layout.height, layout.height + (spare - 1) / z);
        d.style.height = `${layout.height}px`;
      }
    }
    return next;
  };
  const printed = [...document.querySelectorAll("section.page:not(.flow)")];
  for (let i = 0; i < printed.length; i++) {  // grows with the pages carried on to
    for (let k = 0; k < 4 && over(printed[i]) > 0.5; k++) {
      const next = carry(printed[i]);
      if (!next) break;
      printed.splice(printed.indexOf(next.previousElementSibling) + 1, 0, next);
    }
    fit(printed[i], true);
    fit(printed[i], false);  // the last resort
  }
  // A section that runs over several pages (the methods) says so at the top of each page
  // after its first: a block that would cross the foot of a page starts the next one (its
  // heading with it) under a line "<section> (continued)" (data-continued).
  const probe = document.body.appendChild(document.createElement("div"));
  probe.style.height = "185mm";
  const pageH = probe.getBoundingClientRect().height;
  probe.remove();
  for (const sec of document.querySelectorAll("section.flow[data-continued]")) {
    const box = sec.firstElementChild;
    let top = sec.getBoundingClientRect().top;
    for (const c of [...box.children]) {
      const r = c.getBoundingClientRect();
      if (r.bottom - top <= pageH) continue;
      if (r.height > pageH) { top += pageH * Math.floor((r.bottom - top) / pageH); continue; }
      const prev = c.previousElementSibling;
      const start = prev && /^H[1-6]$/.test(prev.tagName) ? prev : c;
      const mark = document.createElement("p");
      mark.className = "continued";
      mark.textContent = sec.dataset.continued;
      box.insertBefore(mark, start);
      top = mark.getBoundingClientRect().top;
    }
  }
  const done = figs.map((f) => Plotly.newPlot(f.id, f.figure.data, f.figure.layout,
    {staticPlot: true, displayModeBar: false}));
  Promise.all(done).then(() => { document.body.dataset.ready = "1"; },
                         (e) => { document.body.dataset.ready = "error: " + e; });
} catch (e) { document.body.dataset.ready = "error: " + e; } })();
"""
