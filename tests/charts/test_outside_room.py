"""Room for the amounts written after horizontal bars (dashboard/charts/outside_room.py),
worked out by hand from the character widths (figure_margins: "$" and digits 0.636 em,
"A" 0.684 em)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import figures_overview, outside_room
from dashboard.charts.figure_margins import text_width
from dashboard.lang.translate import language


def test_the_axis_ends_where_the_label_fits_after_its_bar_on_a_phone():
    # "$100" at 12 px: 4 x 0.636 x 12 = 30.528 px; the side label "A" at 13 px: 0.684 x 13
    # = 8.892 px, plus 10 of gap; the plot: 358 - 18.892 - 26 = 313.108 px. The label and
    # 8 px take 38.528 / 313.108 = 0.12305 of it: the axis ends at 100 / 0.87695 = 114.03
    assert outside_room.axis_end([100.0], ["$100"], ["A"]) == pytest.approx(114.03, abs=0.01)
    # a label wider than 70% of the plot is given 70%: 100 / 0.3
    assert outside_room.axis_end([100.0], ["X" * 80], ["A"]) == pytest.approx(333.33, abs=0.01)


def test_the_category_bars_amounts_fit_on_a_french_phone():
    # French review, #22: "162,2 M $US" cut at the right edge on a phone (the axis ended
    # at 1.4 x the largest bar whatever the labels' width)
    df = pd.DataFrame({"category": ["Working together", "Sustaining the initiative"],
                       "initiatives": [3, 2], "total_cost_usd": [20e6, 5e6],
                       "total_benefit_usd": [162.2e6, 8e6], "net_benefit_usd": [142.2e6, 3e6]})
    with language("fr"):
        fig = figures_overview.portfolio_by_category(df)
    end = fig.layout.xaxis.range[1]
    side = max(text_width(t, 13) for t in fig.layout.yaxis.ticktext) + 10
    plot = 358 - side - 26  # a phone's chart less the side labels and the margins
    for trace in fig.data:
        if trace.text is None:
            continue
        for v, t in zip(trace.x, trace.text, strict=True):
            # the px after the bar's end hold the label and its 8 px
            assert (end - v) / end * plot >= text_width(t, 12) + 8 - 1e-6, t
