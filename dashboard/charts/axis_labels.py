"""The one label of each initiative (and organization) in every chart, and the budgets of the
labels under a category axis: the px side of the one labelling policy
(dashboard/contract/labels.py `fit_labels`).

The server sends one figure to every screen (the phone's is the desktop's, resized), so a
label is fitted to the narrowest frame the dashboard supports: a 390-px phone, whose charts
are `PHONE_CHART` px wide. An initiative's label (`initiative_names`) is its name and code
on one line of `NAME_PX` px, a phone's plot: a bar chart draws it above its bar across
the plot (dashboard/charts/bar_names.py), a matrix standing under (and over) its columns,
a scatter in its key (dashboard/charts/scatter_key.py), the pack's tables
(dashboard/output/briefing_html.py), the pack as the app: the same text everywhere, in
`NAME_SIZE` px. The line is `LABEL_PX`: a phone's plot less a rank before the label
("=12 ", the ranking's), so the ranking names an initiative as every other chart does. A
name that fits is whole on every screen (13 of the sample's 15); a longer one keeps its
first words, the part that tells it from the others ("…number 11, across the…") and its
code, in one style (round 3 #14, round 4 #4: four shortening styles, and the matrices
cut names at 200 px that the bars showed whole). A donor (`donor_names`) the same, with
its kind in brackets where two donors share a name.

Category labels under a chart (stages, kinds of donor) go on up to two lines of
`CATEGORY_PX` px (`category_texts`) rather than being cut (the French names are a third
longer: French review #19, #20).
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.charts.figure_margins import text_width
from dashboard.contract.labels import donor_labels, fit_labels

TICK_SIZE = 12  # px: the tick labels' size (dashboard/charts/browser_figure.py TICK_SIZE)
NAME_SIZE = 11  # px: an initiative's or donor's label, wherever a chart draws it
PHONE_CHART = 358  # px a chart is wide on a 390-px phone (the page's padding either side)
LINES = 2
# px of the one line an initiative's name and code may take: a 390-px phone's plot (its
# chart less the margins), so that whatever fits a phone is whole on every screen
NAME_PX = 336
RANK = "=99 "  # the widest rank the ranking writes before a label
COLUMN_SIZE = NAME_SIZE  # px: labels standing under a matrix (dashboard/charts/figures.category_ticks)
COLUMN_PX = 200  # px such a label may take on one line before it is broken on two
STANDING_LINE = 15  # px across a standing line of 11-px text takes
MATRIX_PLOT = 200.0  # px across a matrix's plot on a phone (a 390-px screen, the labels)
CATEGORY_PX = 130  # px a line of a category's label under a chart may take (two lines)


def measure(text: str) -> float:
    """Px a line of a label takes at `NAME_SIZE`, at most (figure_margins.text_width)."""
    return text_width(text, NAME_SIZE)


LABEL_PX = NAME_PX - measure(RANK)  # px of the one line a label takes (about 309)


def initiative_names(codes: Iterable[object], names: Iterable[object] | None = None
                     ) -> list[str]:
    """THE label of each initiative (or organization) in every chart and pack table: its
    name and code on one line of at most `LABEL_PX` px (a phone's plot, a rank before it),
    the part that tells the names apart kept when one must be cut; a name that fits is
    never cut. Bars show it above the bar (dashboard/charts/bar_names.py), a matrix under
    and over its columns (standing), a scatter in its key, the pack's tables in a cell."""
    return fit_labels(codes, names, line=LABEL_PX, lines=1, measure=measure)


def side_labels(codes: Iterable[object], names: Iterable[object] | None = None
                ) -> list[str]:
    """The labels of a side axis of initiatives (or organizations): `initiative_names`."""
    return initiative_names(codes, names)


def donor_names(names: Iterable[object], kinds: Iterable[object] | None = None) -> list[str]:
    """THE label of each donor (one per row) in every chart: its name on one line of
    `LABEL_PX` px, whole when it fits, else cut as an initiative's is (the part that
    differs kept); its kind in brackets where rows share a name (labels.donor_labels)."""
    return donor_labels(names, kinds, LABEL_PX, measure=measure)


def column_labels(codes: Iterable[object], names: Iterable[object]) -> list[str]:
    """The labels under a matrix's columns, standing on end (their length is height under
    the plot, not width, so a phone keeps its columns): each initiative's one label
    (`initiative_names`, the same words as every chart's: cut at 200 px they read "Common…
    (COMMONAPPS)" beside bars that showed the whole name, round 4 #4), broken on two lines
    (half as tall) while a phone's column is wide enough for two lines side by side; else
    on one line (with 15 initiatives two lines ran into each other; the matrix grows by
    the labels' height, figures_agency._label_room)."""
    codes = list(codes)
    labels = initiative_names(codes, names)
    if MATRIX_PLOT / max(1, len(codes)) < 2 * STANDING_LINE:
        return labels
    return [two_lines(t) for t in labels]


def two_lines(label: str) -> str:
    """A one-line label longer than `COLUMN_PX` broken in two at the place that makes its
    longer line shortest: a space, or after a hyphen or an ellipsis ("ICT change
    management…" / "communication (CHANGE)"): the same words (`bar_names.one_line` joins
    them back)."""
    text = str(label)
    if text_width(text, COLUMN_SIZE) <= COLUMN_PX:
        return text
    cuts = [(text[:i], text[i + 1:]) for i, ch in enumerate(text) if ch == " "]
    cuts += [(text[:i + 1], text[i + 1:]) for i, ch in enumerate(text[:-1]) if ch in "-…"]
    if not cuts:
        return text
    a, b = min(cuts, key=lambda c: max(text_width(c[0], COLUMN_SIZE),
                                       text_width(c[1], COLUMN_SIZE)))
    return f"{a}<br>{b}"


def category_texts(labels: Iterable[object]) -> list[str]:
    """The labels of a category axis under a chart (stages, kinds of donor, of cost): each
    word kept whole on up to two lines of `CATEGORY_PX` px, cut (in the middle) only when
    two lines cannot hold it ("Engagement des organismes" whole, not "Engagement des
    organism…")."""
    labels = list(labels)
    return fit_labels([None] * len(labels), labels, line=CATEGORY_PX,
                      lines=LINES, measure=lambda t: text_width(t, COLUMN_SIZE))


def standing_on_two_lines(fig: go.Figure, width: float) -> go.Figure:
    """A matrix's standing column labels (`column_labels`, one line where a phone's columns
    are too narrow for two) broken on two lines where the figure drawn `width` px wide
    gives each column room for two side by side: the same words, half as tall (the pack's
    page is wider than a phone; a matrix's pages kept their rows, round 4 #4). In place."""
    for name in [k for k in fig.layout if k.startswith("xaxis")]:
        axis = fig.layout[name]
        if axis is None or axis.tickangle not in (90, -90) or not axis.ticktext:
            continue
        plot = width - float(fig.layout.margin.l or 0) - float(fig.layout.margin.r or 0)
        if plot / max(1, len(axis.ticktext)) >= 2 * STANDING_LINE:
            axis.ticktext = [t if "<br>" in str(t) else two_lines(str(t))
                             for t in axis.ticktext]
    return fig
