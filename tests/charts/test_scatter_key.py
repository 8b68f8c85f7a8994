"""Every scatter point identified (dashboard/charts/scatter_key.py): a number on each
marker, the key under the plot from number to label (round 3 #8)."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import figures_overview, palette, scatter_key

M = 1e6
# fifteen initiatives, most of them piled between $1M and $3M as in the sample
FRAME = pd.DataFrame({
    "initiative_id": [f"I{i:02d}" for i in range(15)],
    "name": [f"Initiative number {i}" for i in range(15)],
    "category": ["Working together"] * 15,
    "is_priority": [i % 2 == 0 for i in range(15)],
    "total_cost_usd": [40 * M] + [1 * M + i * 0.1 * M for i in range(14)],
    "total_benefit_usd": [90 * M] + [2 * M + i * 0.1 * M for i in range(14)],
})


def test_every_point_carries_its_code_in_every_filter_and_a_line_in_the_key():
    # R4 #3: the Overview has no ranking, so a bare number on a point read as a rank; N4:
    # letters by size gave A to ERP for the system and to KS under UNDP. The code is the
    # initiative's own, whatever the filter keeps
    fig = figures_overview.cost_benefit_scatter(FRAME)
    points = [t for t in fig.data if t.mode == "markers+text"]
    texts = {cd[0]: t for tr in points for cd, t in ((c, c[6]) for c in tr.customdata)}
    assert texts == {f"I{i:02d}": f"I{i:02d}" for i in range(15)}
    (key,) = [a for a in fig.layout.annotations if a.name == "point_key"]
    lines = key.text.split("<br>")
    assert len(lines) == 15 + scatter_key.HEADING_LINES
    assert lines[0].startswith("<i>Each label is an initiative's code")  # says what it is
    # in the codes' alphabetical order, each code once: the name after it, not again
    assert lines[2] == "I00  Initiative number 0"
    assert lines[3] == "I01  Initiative number 1"
    assert lines[16] == "I14  Initiative number 14"
    # a filter that keeps fewer initiatives keeps each one's code
    fig = figures_overview.cost_benefit_scatter(FRAME.iloc[[3, 7, 11]])
    texts = {cd[0]: t for tr in fig.data if tr.mode == "markers+text"
             for cd, t in ((c, c[6]) for c in tr.customdata)}
    assert texts == {"I03": "I03", "I07": "I07", "I11": "I11"}


def test_the_key_sits_under_the_axis_title():
    # where each mark sits: tests/charts/test_scatter_labels.py
    fig = figures_overview.cost_benefit_scatter(FRAME)
    (key,) = [a for a in fig.layout.annotations if a.name == "point_key"]
    # under the ticks (30 px) and the axis title's lines (18 px each), inside the margin
    title_lines = fig.layout.xaxis.title.text.count("<br>") + 1
    assert -key.yshift >= 30 + 18 * title_lines
    assert fig.layout.margin.b >= -key.yshift + 17 * scatter_key.KEY_LINE
    # from the figure's left edge (12 px in), not the plot's: a phone shows it whole
    assert key.xshift == -fig.layout.margin.l + 12


def test_a_number_reads_on_its_marker():
    assert palette.ink("#0072B2") == "white"  # dark blue: white digits
    assert palette.ink("#F0E442") == "black"  # yellow: black digits
