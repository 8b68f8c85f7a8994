"""How wide the names beside a chart's category axis may be: the budget, in px, of the one
labelling policy (dashboard/contract/labels.py `fit_labels`).

The server sends one figure to every screen (the phone's is the desktop's, resized), so
the budget is set by the narrowest frame the dashboard supports: a 390-px phone, whose
charts are `PHONE_CHART` px wide. A side axis's labels (horizontal bars: NPV, tornado,
priority score, rank stability, chance of the top eight, funding against target) take at
most `LABEL_SHARE` of it, the gap beside the axis and the margin's slack included
(dashboard/charts/figure_margins.py), on at most two lines: the bars keep the other half.
Two lines of `LINE_PX` px hold a name of about 45 characters and its code whole, so on a
desktop (940 px; half a row, 462 px) the names of a real portfolio are shown whole, and
only longer ones are cut, in the middle, keeping the part that tells them apart.

A scatter's points are labelled with their names on two lines of `POINT_PX` px (no code:
the placer, dashboard/charts/scatter_axes.py, keeps only labels that cover nothing, so a
short label lets more points have one).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from dashboard.charts.figure_margins import LABEL_GAP, LABEL_SLACK, text_width
from dashboard.contract.labels import fit_labels

TICK_SIZE = 12  # px: the tick labels' size (dashboard/charts/browser_figure.py TICK_SIZE)
PHONE_CHART = 358  # px a chart is wide on a 390-px phone (the page's padding either side)
LABEL_SHARE = 0.5  # of a phone's chart width, at most, for a side axis's labels
LINES = 2
# px of the one line an initiative's name and code may take: a 390-px phone's plot (its
# chart less the margins), so that whatever fits a phone is whole on every screen
NAME_PX = 336
# px a line of a label may take: the share, less the gap and the margin's slack
LINE_PX = math.floor((PHONE_CHART * LABEL_SHARE - LABEL_GAP) / LABEL_SLACK)
POINT_SIZE = 12  # px: a scatter's point labels
POINT_PX = 120  # px a line of a point's label may take: about half a phone's plot
COLUMN_SIZE = 11  # px: labels standing under a matrix (dashboard/charts/figures.category_ticks)
COLUMN_PX = 200  # px such a label may take: about 34 characters
CATEGORY_PX = 130  # px a line of a category's label under a chart may take (two lines)
ONE_LINE_ROW = 28  # px a bar's row takes when every label is on one line
TWO_LINE_ROW = 34  # px when one is on two (two lines of 12-px text are about 31 px)


def measure(text: str) -> float:
    """Px a line of tick text takes, at most (figure_margins.text_width)."""
    return text_width(text, TICK_SIZE)


def initiative_names(codes: Iterable[object], names: Iterable[object] | None = None, *,
                     prefix_px: float = 0.0) -> list[str]:
    """THE label of each initiative (or organization) in every chart: its name and code on
    one line of at most `NAME_PX` px (a phone's plot), the part that tells the names apart
    kept when one must be cut; a name that fits is never cut. Bars show it above the bar
    (dashboard/charts/bar_names.py), a matrix under and over its columns (standing), a scatter in its key, the pack as the app. `prefix_px`: room kept for
    what goes before it (a rank, "=12 ")."""
    return fit_labels(codes, names, line=NAME_PX, lines=1, measure=measure,
                      indent=prefix_px)


def side_labels(codes: Iterable[object], names: Iterable[object] | None = None, *,
                prefix_px: float = 0.0) -> list[str]:
    """The labels of a side axis of initiatives (or organizations): `initiative_names`."""
    return initiative_names(codes, names, prefix_px=prefix_px)


def column_labels(codes: Iterable[object], names: Iterable[object]) -> list[str]:
    """The labels under a matrix's columns, standing on end (their length is height under
    the plot, not width, so a phone keeps its columns): each initiative's one label
    (`initiative_names`), on one line (two lines side by side are wider than a phone's
    column of 15 initiatives: they ran into each other)."""
    return initiative_names(codes, names)


def category_texts(labels: Iterable[object]) -> list[str]:
    """The labels of a category axis under a chart (stages, kinds of donor, of cost): each
    word kept whole on up to two lines of `CATEGORY_PX` px, cut (in the middle) only when
    two lines cannot hold it ("Engagement des organismes" whole, not "Engagement des
    organism…")."""
    labels = list(labels)
    return fit_labels([None] * len(labels), labels, line=CATEGORY_PX,
                      lines=LINES, measure=lambda t: text_width(t, COLUMN_SIZE))


def row_px(labels: Iterable[str]) -> int:
    """Px a bar's row takes so its label's lines do not reach its neighbours'."""
    return TWO_LINE_ROW if any("<br>" in str(lab) for lab in labels) else ONE_LINE_ROW
