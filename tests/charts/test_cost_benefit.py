"""The one cost-against-benefit scatter style (dashboard/charts/cost_benefit.py): the
Overview and Prioritization draw the same initiatives the same way (reader's review round
4, N5), and the priority marker has one name in both languages (French review round 2,
#11)."""

from __future__ import annotations

import pandas as pd

from dashboard import registry
from dashboard.analysis import scoring
from dashboard.charts import figures_analytics, figures_overview
from dashboard.lang import translate

M = 1e6
FRAME = pd.DataFrame({
    "initiative_id": ["ERP", "BUSCASE", "KS", "PROCFA"],
    "name": ["Enterprise resource planning", "Business case", "Knowledge-sharing",
             "Procurement"],
    "category": ["Working together", "ICT governance", "ICT in development",
                 "Working together"],
    "is_priority": [True, False, True, False],
    "total_cost_usd": [44 * M, 1.2 * M, 5.7 * M, 0.65 * M],
    "total_benefit_usd": [101 * M, 1.6 * M, 9.9 * M, 1.6 * M],
    "mean_relative_value": [3.0, 4.0, 3.5, 2.0],
})


def _both():
    return (figures_overview.cost_benefit_scatter(FRAME),
            figures_analytics.cost_benefit_bubble(scoring.priority_ranking(FRAME, (1, 1, 1))))


def _style(fig):
    """What a reader learns from the legend and the markers: the legend's words, each
    point's shape and outline by initiative, and the break-even line."""
    legend = [t.name for t in fig.data if t.showlegend is not False]
    marks = {cd[0]: (sym, color, width)
             for t in fig.data if t.mode == "markers+text"
             for cd, sym, color, width in zip(
                 t.customdata, [t.marker.symbol] * len(t.customdata), t.marker.line.color,
                 t.marker.line.width, strict=True)}
    return legend, marks


def test_the_overview_and_prioritization_draw_one_scatter_alike():
    overview, bubbles = _both()
    assert _style(overview) == _style(bubbles)
    legend, marks = _style(overview)
    # one circle for every point; a priority (ERP, KS) outlined in black, 3 px, the
    # others in a thin white line
    assert marks == {"ERP": ("circle", "black", 3), "KS": ("circle", "black", 3),
                     "BUSCASE": ("circle", "white", 1), "PROCFA": ("circle", "white", 1)}
    assert legend[-2:] == ["Priority (black outline)", "Break-even (benefit = cost)"]
    for fig in (overview, bubbles):  # the break-even line on both: benefit = cost
        (line,) = [t for t in fig.data if t.name == "Break-even (benefit = cost)"]
        assert list(line.x) == list(line.y)


def test_the_priority_marker_has_one_name_in_french_and_is_never_circled():
    with translate.language("fr"):
        overview, bubbles = _both()
        captions = [registry.BY_ID[c].caption_for(FRAME) or "" for c in
                    ("priority_bubble", "share_in_top_eight")]
        packs = [str(translate._(str(registry.BY_ID[c].pack.caption)))
                 for c in ("cost_by_initiative", "priority_bubble")]
    for fig in (overview, bubbles):
        assert "Prioritaire (contour noir)" in [t.name for t in fig.data]
    for text in captions + packs:
        assert "cercl" not in text and "losange" not in text
    assert "contour noir" in captions[0] and "contour noir" in captions[1]
    assert all("contour noir" in p.lower() for p in packs)
