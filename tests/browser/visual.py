"""The visual check: what a reader of each chart actually sees, measured in the browser.

`collect(page)` runs ONE script in the page that walks every Plotly chart and returns, per
chart: its title, its box, the box and text of every visible SVG text element, each legend
entry with whether its swatch shows, each bar/marker trace with whether its marks are
filled, and how many marks are drawn. `problems(charts, viewport_width)` turns that into
readable defects:

- two text labels of one chart overlap (their bounding boxes intersect);
- a text lies outside its chart (or the chart runs off the screen);
- a legend entry has no visible swatch;
- a bar or marker trace is drawn with an invisible fill (transparent, or white on white);
- a chart shows no mark at all, or says "No data" (a chart is only drawn when its table
  has rows: the chart block shows a notice instead of an empty chart).

"Visible" colour: opacity of at least 0.15, and not (near-)white on the white background.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

CHART = '[data-testid="stPlotlyChart"]'
OVERLAP_TOLERANCE_PX = 1.0
OUTSIDE_TOLERANCE_PX = 1.0

COLLECT_JS = r"""
async () => {
  // let Plotly finish any re-layout to the final width before measuring
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const parse = (c) => {
    if (!c || c === 'none' || c === 'transparent') return null;
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  const colour = (value) => {  // any CSS colour (name, #hex, rgb) as {r, g, b, a}
    probe.style.color = '';
    probe.style.color = value;
    return probe.style.color ? parse(getComputedStyle(probe).color) : null;
  };
  const opacityOf = (el, stop) => {
    let o = 1;
    for (let e = el; e && e !== stop; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return 0;
      o *= parseFloat(cs.opacity || '1');
    }
    return o;
  };
  const seen = (rgb, alpha) => rgb && rgb.a * alpha >= 0.15 &&
      !(rgb.r >= 245 && rgb.g >= 245 && rgb.b >= 245);
  const paintShows = (el, prop, stop) => {
    const cs = getComputedStyle(el);
    const value = cs[prop];
    const alpha = opacityOf(el, stop) *
        parseFloat((prop === 'fill' ? cs.fillOpacity : cs.strokeOpacity) || '1');
    if (prop === 'stroke' && parseFloat(cs.strokeWidth || '0') <= 0) return false;
    if (value && value.startsWith('url(')) {
      // a pattern: it shows if its background or its hatching shows, judged on the paint
      // its elements are given (an element given none would default to black, unseen)
      const id = value.match(/url\("?#([^")]+)"?\)/);
      const pat = id && document.getElementById(id[1]);
      if (!pat) return false;
      return alpha >= 0.15 && [...pat.querySelectorAll('rect, path')].some(p => {
        const given = (name) => p.getAttribute(name) || p.style.getPropertyValue(name);
        const op = (name) => parseFloat(given(name + '-opacity') || '1') *
                             parseFloat(given('opacity') || '1');
        const fill = given('fill');
        const stroke = given('stroke');
        const width = parseFloat(given('stroke-width') || (stroke ? '1' : '0'));
        return (fill && fill !== 'none' && seen(colour(fill), op('fill'))) ||
               (stroke && stroke !== 'none' && width > 0 && seen(colour(stroke), op('stroke')));
      });
    }
    return seen(parse(value), alpha);
  };
  const area = (el) => { const b = el.getBoundingClientRect(); return b.width * b.height; };
  // a line swatch is flat (no area) but long
  const extent = (el) => { const b = el.getBoundingClientRect(); return b.width + b.height; };
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const gd = el.querySelector('.js-plotly-plot');
    const box = (gd || el).getBoundingClientRect();
    const title = (el.querySelector('.gtitle') || {}).textContent || '';
    const texts = [];
    for (const t of el.querySelectorAll('svg text')) {
      const s = (t.textContent || '').trim();
      if (!s) continue;
      if (opacityOf(t, el) < 0.05) continue;
      const b = t.getBoundingClientRect();
      if (b.width < 0.5 || b.height < 0.5) continue;
      texts.push({text: s, cls: (t.getAttribute('class') || '') + ' ' +
                  ((t.parentElement && t.parentElement.getAttribute('class')) || ''),
                  x: b.left, y: b.top, w: b.width, h: b.height});
    }
    const legend = [];
    for (const g of el.querySelectorAll('.legend .traces')) {
      const name = ((g.querySelector('.legendtext') || {}).textContent || '').trim();
      const marks = [...g.querySelectorAll(
          '.legendpoints path, .legendpoints rect, .legendlines path')];
      const shows = marks.some(p => extent(p) > 0 &&
          (paintShows(p, 'fill', el) || paintShows(p, 'stroke', el)));
      legend.push({name, shows});
    }
    const traces = [];
    let marks = 0;
    for (const g of el.querySelectorAll('.barlayer .trace, .waterfalllayer .trace')) {
      const pts = [...g.querySelectorAll('path')].filter(p => area(p) > 0.5);
      marks += pts.length;
      if (pts.length) traces.push({kind: 'bar', name: g.getAttribute('class'),
                                   shows: pts.some(p => paintShows(p, 'fill', el))});
    }
    for (const g of el.querySelectorAll('.scatterlayer .trace')) {
      const pts = [...g.querySelectorAll('.points path')].filter(p => area(p) > 0.5);
      const lines = [...g.querySelectorAll('path.js-line')].filter(
          p => (p.getAttribute('d') || '').length > 2);
      marks += pts.length + lines.length;
      if (pts.length) traces.push({kind: 'markers', name: g.getAttribute('class'),
          shows: pts.some(p => paintShows(p, 'fill', el) || paintShows(p, 'stroke', el))});
    }
    const slices = [...el.querySelectorAll('.pielayer .slice path.surface')].filter(
        p => area(p) > 0.5);
    marks += slices.length;
    if (slices.length) traces.push({kind: 'pie', name: 'pie',
                                    shows: slices.some(p => paintShows(p, 'fill', el))});
    out.push({title, box: {x: box.left, y: box.top, w: box.width, h: box.height},
              texts, legend, traces, marks});
  }
  probe.remove();
  return {charts: out, width: document.documentElement.clientWidth};
}
"""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, o: Box) -> tuple[float, float]:
        return (min(self.x + self.w, o.x + o.w) - max(self.x, o.x),
                min(self.y + self.h, o.y + o.h) - max(self.y, o.y))


def collect(page: Page) -> dict:
    """Every chart of the page, measured in one script run (the charts must be drawn)."""
    return page.evaluate(COLLECT_JS)


def _chart_name(chart: dict, i: int) -> str:
    return f"chart {i + 1} “{chart['title'] or '(untitled)'}”"


def chart_problems(chart: dict, name: str, viewport_width: float) -> list[str]:
    out: list[str] = []
    cb = Box(**chart["box"])
    if cb.x < -OUTSIDE_TOLERANCE_PX or cb.x + cb.w > viewport_width + OUTSIDE_TOLERANCE_PX:
        out.append(f"{name}: runs off the screen ({cb.x:.0f}–{cb.x + cb.w:.0f} px of "
                   f"{viewport_width:.0f})")
    texts = chart["texts"]
    boxes = [Box(t["x"], t["y"], t["w"], t["h"]) for t in texts]
    for t, b in zip(texts, boxes, strict=True):
        if (b.x < cb.x - OUTSIDE_TOLERANCE_PX or b.y < cb.y - OUTSIDE_TOLERANCE_PX
                or b.x + b.w > cb.x + cb.w + OUTSIDE_TOLERANCE_PX
                or b.y + b.h > cb.y + cb.h + OUTSIDE_TOLERANCE_PX):
            out.append(f"{name}: text “{t['text']}” lies outside the chart")
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            dx, dy = boxes[i].overlap(boxes[j])
            if dx > OVERLAP_TOLERANCE_PX and dy > OVERLAP_TOLERANCE_PX:
                out.append(f"{name}: “{texts[i]['text']}” overlaps “{texts[j]['text']}” "
                           f"({dx:.0f}×{dy:.0f} px)")
    for entry in chart["legend"]:
        if not entry["shows"]:
            out.append(f"{name}: legend entry “{entry['name']}” has no visible swatch")
    for tr in chart["traces"]:
        if not tr["shows"]:
            out.append(f"{name}: a {tr['kind']} trace ({tr['name']}) is drawn with an "
                       "invisible fill")
    if chart["marks"] == 0 or any("No data for these filters" in t["text"] for t in texts):
        out.append(f"{name}: the chart is empty although its data has rows")
    return out


def problems(measured: dict) -> list[str]:
    """Every defect of every chart on the page, as sentences naming the chart."""
    out: list[str] = []
    for i, chart in enumerate(measured["charts"]):
        out += chart_problems(chart, _chart_name(chart, i), measured["width"])
    return out
