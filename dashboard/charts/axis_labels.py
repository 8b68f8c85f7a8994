"""The one label of each initiative (and organization) in every chart, and the budgets of the
labels under a category axis: the px side of the one labelling policy
(dashboard/contract/labels.py `fit_labels`).

The server sends one figure to every screen (the phone's is the desktop's, resized), so a
label is fitted to the narrowest frame the dashboard supports: a 390-px phone, whose charts
are `PHONE_CHART` px wide. An initiative's label (`initiative_names`) is its name and code
on one line of `NAME_PX` px, a phone's plot: a bar chart draws it above its bar across
the plot (dashboard/charts/bar_names.py), a matrix standing under (and over) its columns,
a scatter in its key (dashboard/charts/scatter_key.py), the pack as the app. A name that
fits is whole on every screen (the sample's 37-character "Business case development and
costing" included); a longer one keeps its first words, the part that tells it from the
others and its code (round 3 #14: four shortening styles and names cut at 1440 px before).

Category labels under a chart (stages, kinds of donor) go on up to two lines of
`CATEGORY_PX` px (`category_texts`) rather than being cut (the French names are a third
longer: French review #19, #20).
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.charts.figure_margins import text_width
from dashboard.contract.labels import fit_labels

TICK_SIZE = 12  # px: the tick labels' size (dashboard/charts/browser_figure.py TICK_SIZE)
PHONE_CHART = 358  # px a chart is wide on a 390-px phone (the page's padding either side)
LINES = 2
# px of the one line an initiative's name and code may take: a 390-px phone's plot (its
# chart less the margins), so that whatever fits a phone is whole on every screen
NAME_PX = 336
COLUMN_SIZE = 11  # px: labels standing under a matrix (dashboard/charts/figures.category_ticks)
COLUMN_PX = 200  # px such a label may take on one line before it is broken on two
STANDING_LINE = 15  # px across a standing line of 11-px text takes
MATRIX_PLOT = 200.0  # px across a matrix's plot on a phone (a 390-px screen, the labels)
CATEGORY_PX = 130  # px a line of a category's label under a chart may take (two lines)


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
    (`initiative_names`), broken on two lines (half as tall) while a phone's column is
    wide enough for two lines side by side; else on one line of at most `COLUMN_PX` px
    (with 15 initiatives two lines ran into each other, and the pack's split matrix pages
    lost organizations under longer standing labels: there a long name is still cut)."""
    codes = list(codes)
    labels = initiative_names(codes, names)
    if MATRIX_PLOT / max(1, len(codes)) < 2 * STANDING_LINE:
        return fit_labels(codes, names, line=COLUMN_PX, lines=1,
                          measure=lambda t: text_width(t, COLUMN_SIZE))
    return [two_lines(t) for t in labels]


def two_lines(label: str) -> str:
    """A one-line label broken at the space nearest its middle: the same words."""
    text = str(label)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces or text_width(text, COLUMN_SIZE) <= COLUMN_PX:
        return text
    at = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:at]}<br>{text[at + 1:]}"


def category_texts(labels: Iterable[object]) -> list[str]:
    """The labels of a category axis under a chart (stages, kinds of donor, of cost): each
    word kept whole on up to two lines of `CATEGORY_PX` px, cut (in the middle) only when
    two lines cannot hold it ("Engagement des organismes" whole, not "Engagement des
    organism…")."""
    labels = list(labels)
    return fit_labels([None] * len(labels), labels, line=CATEGORY_PX,
                      lines=LINES, measure=lambda t: text_width(t, COLUMN_SIZE))
