"""Every scatter point identified (dashboard/charts/scatter_key.py): a number on each
marker, the key under the plot from number to label (round 3 #8)."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import figures_overview, palette, scatter_key
from dashboard.charts.figure_margins import text_width

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


def test_every_point_has_a_letter_never_a_number_and_a_line_in_the_key():
    # R4 #3: the Overview has no ranking, so a bare number on a point read as a rank
    fig = figures_overview.cost_benefit_scatter(FRAME)
    points = [t for t in fig.data if t.mode == "markers+text"]
    texts = {cd[0]: t for tr in points for cd, t in zip(tr.customdata, tr.text, strict=True)}
    assert not any(any(ch.isdigit() for ch in t) for t in texts.values())
    # in size order: I00 ($130M) A, then by cost + benefit I14 ($5.6M) B, I13 C, ... I01 O
    assert texts == {f"I{i:02d}": "ABCDEFGHIJKLMNO"[0 if i == 0 else 15 - i] for i in range(15)}
    (key,) = [a for a in fig.layout.annotations if a.name == "point_key"]
    lines = key.text.split("<br>")
    assert len(lines) == 15 + scatter_key.HEADING_LINES
    assert lines[0].startswith("<i>Letters by size")  # the key says what the order is
    assert lines[2] == "A  Initiative number 0 (I00)"
    assert lines[3] == "B  Initiative number 14 (I14)"
    assert lines[16] == "O  Initiative number 1 (I01)"


def test_letters_run_past_z():
    assert [scatter_key._letter(n) for n in (1, 26, 27, 28, 52, 53)] == [
        "A", "Z", "AA", "AB", "AZ", "BA"]


def test_a_number_stays_on_its_own_marker_and_the_key_under_the_axis_title():
    fig = figures_overview.cost_benefit_scatter(FRAME)
    for tr in (t for t in fig.data if t.mode == "markers+text"):
        assert tr.textposition == "middle center"
        for n, size in zip(tr.text, tr.marker.size, strict=True):
            # "15" at 10 px is within the marker, so it touches no other
            assert text_width(n, scatter_key.NUMBER_SIZE) <= size - 2
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
