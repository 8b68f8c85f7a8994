"""Where each mark of a cost-against-benefit scatter sits (dashboard/charts/cost_benefit.py).

Every mark sat on its own marker. A code ("COMMONAPPS") or a rank with its "#" is wider
than a 14-px bubble, so the marks ran out over their neighbours: "15" and "14" read as
"154", "#5" and "#11" as "#5#11", and a dark mark on a dark or tiny marker could not be
read (reader's review round 4, #5 and N3; French review round 2, #19). Now a mark goes:

- on its marker when it fits inside it (the outline left clear), its ink reads on the
  marker's fill (`palette.ink`, a contrast of at least `CONTRAST`) and no other marker or
  mark lies on it;
- else beside its marker (right, left, above, below, then the corners), in dark ink on a
  white box, where it covers no other marker or mark;
- else further away, where there is room, joined to its marker by a leader line
  (`LEADER_STEPS` further and further out, in `ANGLES` directions).

The server sends one figure to every screen and to the pack, so an offset is in px from
the point and is checked on each plot shape the chart takes (`PLOTS`: a phone's, a
desktop's and the briefing pack's two whole-page plots): a place must be free on
all of them. A mark that finds no free place (never in the sample) takes the place where
it covers least.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.charts import palette
from dashboard.charts.figure_margins import text_width

SIZE = 11  # px: a mark's font (7 pt in the pack, its floor)
LINE_PX = 14.0  # px an 11-px mark's box is tall
PAD_PX = 2.0  # px around a mark's text, and between a marker and a mark beside it
CONTRAST = 4.5  # the least contrast of a mark's ink on its marker's fill (WCAG AA)
# the plots the chart takes, w x h px: a phone's (390-px screen), a desktop's (1440 px),
# the pack's whole-page plots (Prioritization's, the Overview's), each as drawn before
# the pack scales it down (measured on the sample's pack: tests/output/
# test_pack_scatter_plots.py)
PLOTS = ((230.0, 220.0), (640.0, 380.0), (1079.0, 313.0), (1061.0, 220.0))
LEADER_STEPS = (10.0, 18.0, 28.0, 40.0, 54.0, 70.0, 88.0, 108.0, 130.0, 155.0)  # px past the marker
ANGLES = 24  # directions tried at each step


@dataclass(frozen=True)
class Place:
    """Where a point's mark sits: its box's centre `dx` px right of the point and `dy` px
    above it; `inside`: on the marker; `leader`: away from it, a line drawn to it."""

    dx: float
    dy: float
    inside: bool = False
    leader: bool = False


@functools.lru_cache(maxsize=1024)
def size(text: str) -> tuple[float, float]:
    """A mark's box, w x h px, its pad included."""
    return text_width(text, SIZE) + 2 * PAD_PX, LINE_PX


def fits_inside(text: str, diameter: float, outline: float, fill: str) -> bool:
    """Whether a mark can be read on its marker: inside the outline, its ink contrasting."""
    ink = palette.ink(fill)
    room = diameter - 2 * outline - 2
    return text_width(text, SIZE) <= room and room >= LINE_PX - 4 and \
        palette.contrast(ink if ink.startswith("#") else _HEX[ink], fill) >= CONTRAST


_HEX = {"black": "#000000", "white": "#FFFFFF"}


def box(cx: float, cy: float, text: str, place: Place) -> tuple[float, float, float, float]:
    """The mark's box (x0, x1, y0, y1) on a plot where its point is at (cx, cy), y up."""
    w, h = size(text)
    x, y = cx + place.dx, cy + place.dy
    return (x - w / 2, x + w / 2, y - h / 2, y + h / 2)


def overlap(a: Sequence[float], b: Sequence[float]) -> float:
    """The area two boxes share (0 when apart or touching)."""
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[2], b[2]))


def on_circle(b: Sequence[float], cx: float, cy: float, r: float) -> bool:
    """Whether the box covers part of the disc of radius r at (cx, cy)."""
    nx, ny = min(max(cx, b[0]), b[1]), min(max(cy, b[2]), b[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r


def candidates(text: str, diameter: float, inside: bool) -> list[Place]:
    """The places tried for a mark, nearest first."""
    w, h = size(text)
    r = diameter / 2 + PAD_PX
    out = [Place(0.0, 0.0, inside=True)] if inside else []
    d = r * 0.7
    out += [Place(r + w / 2, 0.0), Place(-r - w / 2, 0.0), Place(0.0, r + h / 2),
            Place(0.0, -r - h / 2), Place(d + w / 2, d + h / 2), Place(-d - w / 2, d + h / 2),
            Place(d + w / 2, -d - h / 2), Place(-d - w / 2, -d - h / 2)]
    for step in LEADER_STEPS:
        for k in range(ANGLES):
            a = 2 * math.pi * k / ANGLES
            c, s = math.cos(a), math.sin(a)
            out.append(Place(c * (r + step + w / 2), s * (r + step + h / 2), leader=True))
    return out


def centres(x: Sequence[float], y: Sequence[float], *, x_range: Sequence[float],
            y_range: Sequence[float], log: bool,
            plots: Sequence[tuple[float, float]] = PLOTS
            ) -> dict[tuple[float, float], list[tuple[float, float]]]:
    """The points' centres in px from each plot's bottom-left corner (axes' ranges in the
    axes' units: log10 of dollars on a log axis)."""
    def px(v: float, rng: Sequence[float], span: float) -> float:
        u = math.log10(v) if log and v > 0 else v
        return (u - rng[0]) / ((rng[1] - rng[0]) or 1.0) * span
    return {p: [(px(float(a), x_range, p[0]), px(float(b), y_range, p[1]))
                for a, b in zip(x, y, strict=True)] for p in plots}


def place(centres: dict[tuple[float, float], list[tuple[float, float]]],
          texts: Sequence[str], diameters: Sequence[float],
          inside: Sequence[bool]) -> list[Place]:
    """Each mark's place (the module's docstring). `centres`: for each plot (w, h), the
    points' centres in px from its bottom-left corner (`centres`); `inside`: whether each
    mark may sit on its marker (`fits_inside`)."""
    plots = list(centres)
    n = len(texts)
    taken: dict[tuple[float, float], list[tuple]] = {p: [] for p in plots}
    chosen: list[Place] = [Place(0.0, 0.0)] * n

    def crowd(i: int) -> int:
        p = plots[0]
        return sum(1 for j in range(n)
                   if j != i and math.dist(centres[p][i], centres[p][j]) < 40)

    # the marks that may sit on their markers first (they take no other room), then the
    # most crowded points, which need the nearest free places
    order = sorted(range(n), key=lambda i: (not inside[i], -crowd(i), i))
    for i in order:
        best, least = None, math.inf
        for cand in candidates(texts[i], diameters[i], inside[i]):
            cost = 0.0
            for p in plots:  # the phone's plot first: the most crowded, the quickest "no"
                cost += _cost(i, cand, p, centres[p], texts, diameters, taken[p])
                if cost >= least:
                    break
            if cost < least:
                best, least = cand, cost
            if cost == 0:
                break
        chosen[i] = best or Place(0.0, 0.0)
        for p in plots:
            cx, cy = centres[p][i]
            line = (cx, cy, cx + chosen[i].dx, cy + chosen[i].dy) if chosen[i].leader else None
            taken[p].append((box(cx, cy, texts[i], chosen[i]), line))
    return chosen


def _cost(i: int, cand: Place, plot: tuple[float, float], centres: list[tuple[float, float]],
          texts: Sequence[str], diameters: Sequence[float], taken: list[tuple]) -> float:
    """How much a mark at `cand` covers on one plot (0: a free place): the marks placed,
    their leader lines, other markers, beyond the plot's edges; for a leader line, the
    marks and markers it would cross."""
    w, h = plot
    cx, cy = centres[i]
    b = box(cx, cy, texts[i], cand)
    # a mark beyond the plot, on another mark or marker: never while a place is free;
    # a leader line across a mark or a marker: only where nothing better is left
    cost = 0.0 if cand.inside else (b[1] - b[0]) * (b[3] - b[2]) - overlap(b, (0.0, w, 0.0, h))
    for other, line in taken:
        shared = overlap(b, other)
        cost += 1000.0 + shared if shared else 0.0
        if line is not None and _crosses(*line, b):
            cost += 50.0
        if cand.leader and _crosses(cx, cy, cx + cand.dx, cy + cand.dy, other):
            cost += 50.0
        if cand.leader and line is not None and \
                _cut((cx, cy, cx + cand.dx, cy + cand.dy), line):
            cost += 1000.0  # two leaders crossing: a reader follows the wrong one
    own = _gap(b, cx, cy)
    for j, (ox, oy) in enumerate(centres):
        r = diameters[j] / 2
        if j != i and on_circle(b, ox, oy, r):
            cost += 300.0
        if j != i and not cand.leader and _gap(b, ox, oy) < own:
            cost += 300.0  # nearer another marker than its own, no line: it would name it
        if j != i and cand.leader and _crosses(cx, cy, cx + cand.dx, cy + cand.dy,
                                               (ox - r, ox + r, oy - r, oy + r)):
            cost += 10.0  # a line through another marker would seem to name it
    return cost


def _crosses(x0: float, y0: float, x1: float, y1: float, b: Sequence[float]) -> bool:
    """Whether the segment from (x0, y0) to (x1, y1) runs through the box's inside
    (Liang-Barsky clipping)."""
    lo, hi = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - b[0]), (x1 - x0, b[1] - x0), (y0 - y1, y0 - b[2]),
                 (y1 - y0, b[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True


def _gap(b: Sequence[float], x: float, y: float) -> float:
    """How far the point (x, y) lies from the box b (0 inside it)."""
    return math.hypot(min(max(x, b[0]), b[1]) - x, min(max(y, b[2]), b[3]) - y)


def _cut(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether the segments a and b, (x0, y0, x1, y1) each, cross."""
    def side(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> float:
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)
    return side(*a, b[0], b[1]) * side(*a, b[2], b[3]) < 0 and \
        side(*b, a[0], a[1]) * side(*b, a[2], a[3]) < 0
