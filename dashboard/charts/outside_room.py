"""Room at the end of a horizontal bar chart's value axis for the amounts written after
the bars (textposition "outside"), at every width: the axis ends where the longest label
still fits after its bar on a phone's plot, the narrowest (French review, #22: "162,2 M
$US" was cut at the chart's right edge on a phone; a fixed 40% of room was a desktop's).

A phone's chart is PHONE_CHART px wide; its plot is that less the side axis's labels (as
wide as the longest, measured as dashboard/charts/figure_margins.py measures them) and the
margins. A label of w px after a bar of value v on a plot of p px needs the axis to end at
v / (1 - (w + GAP) / p) at least; a label wider than MOST of the plot is given MOST (it
then keeps the rest of the room for its bar).
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.charts.figure_margins import LABEL_GAP, PHONE_CHART, text_width

MARGINS = 26.0  # px: the chart's left and right margins beside the plot (10 + 16)
GAP = 8.0  # px between a bar's end and its label, and spare
MOST = 0.7  # the largest share of the plot a label's room may take


def phone_plot(side_labels: Sequence[str], *, side_size: float = 13.0,
               titled: bool = False) -> float:
    """The px a phone's plot is wide beside these side labels (and the side axis's title,
    `titled`, about 30 px)."""
    side = max((text_width(t, side_size) for t in side_labels), default=0.0) + LABEL_GAP
    return max(PHONE_CHART - side - MARGINS - (30.0 if titled else 0.0), 1.0)


def axis_end(values: Sequence[float], texts: Sequence[str], side_labels: Sequence[str],
             *, size: float = 12.0, side_size: float = 13.0) -> float:
    """Where the value axis (from 0) ends so each bar's outside label fits after it on a
    phone's plot: the module's docstring. `values` and `texts` pair each bar with its
    label; `side_labels`: the category axis's labels beside the plot."""
    plot = phone_plot(side_labels, side_size=side_size)
    end = 0.0
    for v, t in zip(values, texts, strict=True):
        share = min((text_width(t, size) + GAP) / plot, MOST)
        end = max(end, max(float(v), 0.0) / (1.0 - share))
    return end or 1.0
