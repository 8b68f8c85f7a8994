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
  (`LEADER_STEPS` further and further out, in `ANGLES` directions): the nearest such
  place, so the shortest line.

A reader pairs a code with a bubble by nearness or by a line, so a place is free only
where each pairing gives the right bubble (reader's review round 5, #2 and its re-look:
the WEBSEARCH line ran through the PROCFA label, GOVERNANCE sat beside CHANGE's bubble,
PROCFA's line ended between two touching $0 bubbles): no mark on another mark or marker;
a mark without a line nearer its own marker than any other by `NEARER_PX`; a mark with a
line `CLEAR_PX` clear of every other marker; a line through no other mark, across no other
line, and a marker's radius clear of every other marker's edge (from a bubble touching
another, a line that leaves straight away from it, within `AWAY`; from a pile of `PILE`
touching bubbles, any line out: no line or mark can name one of them, the hover does).
Marks are placed the most crowded first, then each again with all the others placed
(`REPAIRS`), so one placed early takes a free place, or a shorter line, left later;
a mark still on a fault last takes a place one other mark is in the way of, where that
one finds another free place (`_bump`).

The server sends one figure to every screen and to the pack, so an offset is in px from
the point and is checked on each plot shape the chart takes (`PLOTS`: a phone's, a
desktop's and the briefing pack's two whole-page plots): a place must be free on
all of them. A mark that finds no free place takes the one with the fewest faults.

A reader waits for this at each change of a filter, so what does not change as the other
marks move (a place's box, its line, its faults against the markers) is worked out once
per call, on a plot only when the place was not ruled out on an earlier one; boxes apart
are told before any test on a line. tests/charts/scatter_places.json pins the places.
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
INK_PX = 10.0  # px an 11-px mark's digits and letters are tall (its ink, no line gap)
PAD_PX = 2.0  # px around a mark's text, and between a marker and a mark beside it
CONTRAST = 4.5  # the least contrast of a mark's ink on its marker's fill (WCAG AA)
CLEAR_PX = 8.0  # px a label with a line keeps from every other marker's edge
APART_PX = 4.0  # px between two marks side by side: closer, "8e" and "9e" read as "8e9e"
# the plots the chart takes, w x h px: a phone's (390-px screen), a desktop's (1440 px,
# the chart the page's whole width: 640 x 380 was a half column's), as Chromium draws them,
# the pack's whole-page plots (Prioritization's, the Overview's), each as drawn before
# the pack scales it down (measured on the sample's pack: tests/output/
# test_pack_scatter_plots.py; the app's: tests/browser/test_scatter_plots.py)
PLOTS = ((241.0, 232.0), (863.0, 358.0), (1079.0, 313.0), (1061.0, 220.0))
LEADER_STEPS = (10.0, 18.0, 28.0, 40.0, 54.0, 70.0, 88.0, 108.0, 130.0, 155.0)  # px past the marker
LONG_STEP = 70.0  # a line from this step on is long: a mark fitting across its marker sits there first
ANGLES = 24  # directions tried at each step
WRONG = 1000.0  # the cost of each way a reader could pair a mark with the wrong marker
NEARER_PX = 4.0  # px a mark without a line lies nearer its own marker than any other
AWAY = 90.0  # degrees: a line from one of two touching markers leaves away from the other
PILE = 3  # touching bubbles that make a pile (see `_cost`)
BUMPS = 6  # places tried for a mark left on a fault (see `_bump`)
REPAIRS = 3  # rounds of placing each mark again with every other placed


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
    """Whether a mark can be read on its marker: its text's box (`INK_PX` tall) wholly
    within the circle inside the outline, a px clear, corners too (French review round 3,
    #15: "6e" fitted across a 19-px bubble and ran into its outline at the corners), its
    ink contrasting."""
    ink = palette.ink(fill)
    half = math.hypot(text_width(text, SIZE) / 2, INK_PX / 2)
    return half <= diameter / 2 - outline - 1 and \
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


def fits_across(text: str, diameter: float, outline: float, fill: str) -> bool:
    """Whether a mark fits across its marker inside the outline, if not at its corners, its
    ink contrasting: there it still names its own marker better than a long line."""
    ink = palette.ink(fill)
    room = diameter - 2 * outline - 2
    return text_width(text, SIZE) <= room and room >= INK_PX and \
        palette.contrast(ink if ink.startswith("#") else _HEX[ink], fill) >= CONTRAST


def candidates(text: str, diameter: float, inside: bool, across: bool = False) -> list[Place]:
    """The places tried for a mark, nearest first; on its marker first where it fits
    wholly (`inside`), after the short lines where it fits across (`across`)."""
    w, h = size(text)
    r = diameter / 2 + PAD_PX
    out = [Place(0.0, 0.0, inside=True)] if inside else []
    d = r * 0.7
    out += [Place(r + w / 2, 0.0), Place(-r - w / 2, 0.0), Place(0.0, r + h / 2),
            Place(0.0, -r - h / 2), Place(d + w / 2, d + h / 2), Place(-d - w / 2, d + h / 2),
            Place(d + w / 2, -d - h / 2), Place(-d - w / 2, -d - h / 2)]
    for step in LEADER_STEPS:
        if across and not inside and step == LONG_STEP:
            out.append(Place(0.0, 0.0, inside=True))
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
          inside: Sequence[bool], across: Sequence[bool] | None = None) -> list[Place]:
    """Each mark's place (the module's docstring). `centres`: for each plot (w, h), the
    points' centres in px from its bottom-left corner (`centres`); `inside`: whether each
    mark may sit on its marker (`fits_inside`); `across`: whether it fits across it
    (`fits_across`), taken before a long line."""
    across = list(across) if across is not None else [False] * len(texts)
    plots = list(centres)
    n = len(texts)
    chosen: list[Place | None] = [None] * n
    # a place's box, line and faults against the markers do not change as other marks
    # move: each worked out once, when first tried (`_Geometry`)
    geometry = _Geometry(centres, texts, diameters)
    tried = [candidates(texts[i], diameters[i], inside[i], across[i]) for i in range(n)]

    def crowd(i: int) -> int:
        p = plots[0]
        return sum(1 for j in range(n)
                   if j != i and math.dist(centres[p][i], centres[p][j]) < 40)

    def drawn(j: int) -> list[tuple]:
        """Mark j as placed, on each plot."""
        return [_drawn(centres[p][j], texts[j], diameters[j], chosen[j]) for p in plots]

    def others(i: int) -> list[list[tuple]]:
        """The other marks as placed, on each plot."""
        taken: list[list[tuple]] = [[] for _p in plots]
        for j in range(n):
            if j != i and chosen[j] is not None:
                for k, d in enumerate(drawn(j)):
                    taken[k].append(d)
        return taken

    def best(i: int) -> tuple[Place, float]:
        taken = others(i)
        top, least = Place(0.0, 0.0), math.inf
        for cand in tried[i]:
            cost = 0.0
            for k in range(len(plots)):  # the phone's plot first: the quickest "no"
                cost += _cost(geometry.on(i, cand, k), taken[k])
                if cost >= least:
                    break
            if cost < least:
                top, least = cand, cost
            if cost == 0:
                break
        return top, least

    # the marks that may sit on their markers first (they take no other room), then the
    # most crowded points, which need the nearest free places
    order = sorted(range(n), key=lambda i: (not inside[i], -crowd(i), i))
    for i in order:
        chosen[i] = best(i)[0]
    # then each mark again with every other placed: one placed early may now find a free
    # place, or a shorter line, that the marks placed after it left
    for _round in range(REPAIRS):
        moved = False
        for i in order:
            if inside[i]:
                continue
            cand, _least = best(i)
            if cand != chosen[i]:
                chosen[i], moved = cand, True
        if not moved:
            break

    def in_way(j: int, cand: Place, k: int | None) -> bool:
        """Whether mark j at `cand` is on a fault on some plot beside mark k only (None: no
        other mark); with k, j at `cand` free of every marker (no fault but k's)."""
        if k is None:
            return any(_cost(geometry.on(j, cand, p), []) > 0 for p in range(len(plots)))
        return any(_cost((*geo[:2], 0.0, 0), [other]) > 0
                   for geo, other in zip(geometry.of(j, cand), drawn(k), strict=True))

    # last, a mark left on a fault takes a place only one other mark is in the way of,
    # where that one finds another free place
    for i in order:
        if not chosen[i].inside and sum(_cost(geo, taken) for geo, taken in zip(
                geometry.of(i, chosen[i]), others(i), strict=True)) > 0:
            _bump(i, chosen, best, in_way, candidates(texts[i], diameters[i], False))
    return [c or Place(0.0, 0.0) for c in chosen]


def _bump(i: int, chosen: list, best, in_way, cands: list[Place]) -> None:
    """Move mark i to the nearest place free of markers where only one other mark k is in
    its way and k finds another free place with i there (`BUMPS` such places tried)."""
    tries = BUMPS
    for cand in cands:
        if tries == 0:
            return
        if in_way(i, cand, None):
            continue
        blocking = [k for k, c in enumerate(chosen) if k != i and c is not None
                    and not c.inside and in_way(i, cand, k)]
        if len(blocking) != 1:
            continue
        (k,), was = blocking, chosen[i]
        chosen[i], tries = cand, tries - 1
        moved, least = best(k)
        if least == 0:
            chosen[k] = moved
            return
        chosen[i] = was


def _drawn(c: tuple[float, float], text: str, diameter: float, place: Place | None
           ) -> tuple[tuple[float, float, float, float], tuple | None]:
    """A placed mark's box and its leader line as drawn (`line`), None without one."""
    return box(*c, text, place), line(*c, text, diameter, place) if place.leader else None


def line(cx: float, cy: float, text: str, diameter: float,
         place: Place) -> tuple[float, float, float, float] | None:
    """The leader line as Plotly draws it, (x0, y0, x1, y1): from its marker's edge (the
    arrow's standoff) to where it meets the mark's box; None when the box reaches the
    marker."""
    w, h = size(text)
    dx, dy = place.dx, place.dy
    reach = math.hypot(dx, dy)
    # the box is centred on the line's far end: the line leaves it at this share of dx, dy
    into = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    start, end = diameter / 2 / reach if reach else 1.0, 1.0 - into
    if end <= start:
        return None
    return (cx + dx * start, cy + dy * start, cx + dx * end, cy + dy * end)


class _Geometry:
    """Each place's box, line and cost apart from the other marks, on every plot, worked
    out once per `place` call, when first tried: (box, line, the cost of the box beyond
    the plot's edges, how many of the faults against markers it makes: `_markers`)."""

    def __init__(self, centres: dict[tuple[float, float], list[tuple[float, float]]],
                 texts: Sequence[str], diameters: Sequence[float]) -> None:
        self.centres, self.texts, self.diameters = centres, texts, diameters
        self.plots = list(centres)
        self.known: dict[tuple[int, Place], list[tuple | None]] = {}
        # a bubble with three or more touching it (see `_markers`), on each plot
        self.piled = {p: [sum(1 for j, o in enumerate(at) if j != i and 0 < math.dist(
            o, at[i]) < diameters[i] / 2 + diameters[j]) >= PILE for i in range(len(at))]
            for p, at in centres.items()}

    def of(self, i: int, cand: Place) -> list[tuple]:
        """Mark i's place `cand` on every plot."""
        return [self.on(i, cand, k) for k in range(len(self.plots))]

    def on(self, i: int, cand: Place, k: int) -> tuple:
        """Mark i's place `cand` on the k-th plot (one a place ruled out on an earlier plot
        never needs)."""
        known = self.known.get((i, cand))
        if known is None:
            known = self.known[(i, cand)] = [None] * len(self.plots)
        if known[k] is None:
            known[k] = self._on(i, cand, self.plots[k])
        return known[k]

    def _on(self, i: int, cand: Place, plot: tuple[float, float]) -> tuple:
        w, h = plot
        centres, text, diameter = self.centres[plot], self.texts[i], self.diameters[i]
        cx, cy = centres[i]
        b = box(cx, cy, text, cand)
        outside = 0.0 if cand.inside else \
            (b[1] - b[0]) * (b[3] - b[2]) - overlap(b, (0.0, w, 0.0, h))
        seg = line(cx, cy, text, diameter, cand) if cand.leader else None
        return b, seg, outside, _markers(i, cand, b, seg, centres, self.diameters,
                                         self.piled[plot][i])


def _cost(geo: tuple, taken: list[tuple]) -> float:
    """How much a mark misleads on one plot (0: a free place), its place's `geo` from
    `_Geometry`, the other marks as placed `taken`, each fault a reader could pair a mark
    with the wrong marker by costing `WRONG`: on another mark, another mark's line through
    it or its line through another mark, two lines crossing; the faults against markers
    (`_markers`). Beyond the plot's edges: the area outside. A test that boxes lie apart
    (cheap) comes before each test on a line."""
    b, seg, cost, wrongs = geo
    x0, x1, y0, y1 = b[0] - APART_PX, b[1] + APART_PX, b[2], b[3]
    if seg is not None:
        sx0, sx1 = min(seg[0], seg[2]), max(seg[0], seg[2])
        sy0, sy1 = min(seg[1], seg[3]), max(seg[1], seg[3])
    for other, other_line in taken:
        if other[0] < x1 and other[1] > x0 and other[2] < y1 and other[3] > y0:
            shared = overlap((x0, x1, y0, y1), other)
            cost += WRONG + shared if shared else 0.0
        if other_line is not None and not _apart(other_line, b) and _crosses(*other_line, b):
            cost += WRONG
        if seg is not None and not (sx1 < other[0] or sx0 > other[1] or sy1 < other[2]
                                    or sy0 > other[3]) and _crosses(*seg, other):
            cost += WRONG
        if seg is not None and other_line is not None and _cut(seg, other_line):
            cost += WRONG  # two leaders crossing: a reader follows the wrong one
    for _k in range(wrongs):  # added one by one, as each was found
        cost += WRONG
    return cost


def _apart(s: Sequence[float], b: Sequence[float]) -> bool:
    """Whether the segment s, (x0, y0, x1, y1), lies wholly to one side of the box b."""
    return (s[0] < b[0] and s[2] < b[0]) or (s[0] > b[1] and s[2] > b[1]) or \
        (s[1] < b[2] and s[3] < b[2]) or (s[1] > b[3] and s[3] > b[3])


def _markers(i: int, cand: Place, b: Sequence[float], seg: Sequence[float] | None,
             centres: list[tuple[float, float]], diameters: Sequence[float],
             piled: bool) -> int:
    """How many faults mark i at `cand` (box b, line seg) makes against the other markers:
    on another marker; without a line, nearer another marker than its own; with a line,
    the line within a marker's radius of another marker's edge or the mark against
    another marker (`CLEAR_PX`). A bubble with `PILE` or more touching it (`piled`): no
    line from it can keep clear of them all, and no mark beside it is nearer it than them;
    its line only has to get out of the pile."""
    cx, cy = centres[i]
    own = _gap(b, cx, cy)
    near = own + NEARER_PX
    if seg is not None:  # the line's bounds, a px wider (the rounding of `_to_segment`)
        sx0, sx1 = min(seg[0], seg[2]) - 1.0, max(seg[0], seg[2]) + 1.0
        sy0, sy1 = min(seg[1], seg[3]) - 1.0, max(seg[1], seg[3]) + 1.0
    wrongs = 0
    for j, (ox, oy) in enumerate(centres):
        r = diameters[j] / 2
        if j == i:
            continue
        if seg is not None and not piled and not (
                ox < sx0 - 2 * r or ox > sx1 + 2 * r or oy < sy0 - 2 * r or oy > sy1 + 2 * r) \
                and _by(seg, (cx, cy), diameters[i] / 2, (ox, oy), r):
            wrongs += 1  # a line by another marker would seem to end on it
        # the marker's centre further from the box, along x or y, than any test reaches:
        # none of them can find a fault (each distance is at least this far)
        reach = r + CLEAR_PX if cand.leader else r if cand.inside or r > near else near
        if b[0] - ox > reach or ox - b[1] > reach or b[2] - oy > reach or oy - b[3] > reach:
            continue
        if on_circle(b, ox, oy, r):
            wrongs += 1
        if not cand.leader and not cand.inside and _gap(b, ox, oy) < near:
            wrongs += 1  # nearer another marker than its own, no line: it would name it
        if cand.leader and _gap(b, ox, oy) < r + CLEAR_PX:
            wrongs += 1  # a mark against another marker would seem to name it
    return wrongs


def _by(seg: Sequence[float], own: tuple[float, float], r_own: float,
        other: tuple[float, float], r: float) -> bool:
    """Whether a leader line `seg` passes within a marker's radius `r` of another marker's
    edge (centre `other`). A marker touching the line's own one (nearer than `r` clear of
    it) leaves no such room: there the line must leave its marker straight away from the
    other (within `AWAY` degrees), so its end names its own."""
    if _to_segment(*other, seg) >= 2 * r:
        return False
    apart = math.dist(own, other)
    if apart >= r_own + 2 * r or apart == 0:
        return True
    ux, uy = seg[2] - seg[0], seg[3] - seg[1]
    cos = (ux * (own[0] - other[0]) + uy * (own[1] - other[1])) / (math.hypot(ux, uy) * apart)
    return cos < math.cos(math.radians(AWAY))


def _to_segment(x: float, y: float, s: Sequence[float]) -> float:
    """How far the point (x, y) lies from the segment s, (x0, y0, x1, y1)."""
    dx, dy = s[2] - s[0], s[3] - s[1]
    t = min(1.0, max(0.0, ((x - s[0]) * dx + (y - s[1]) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.hypot(x - s[0] - t * dx, y - s[1] - t * dy)


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
