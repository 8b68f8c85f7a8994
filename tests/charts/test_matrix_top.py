"""A tall matrix's initiative labels over its first row too (dashboard/charts/matrix_top.py,
round 3 #19)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import figures_agency
from dashboard.charts.figure_margins import FULL_WIDTH, fit_legend, fit_margins, text_width


def _matrix(organizations: int) -> pd.DataFrame:
    rows = [(f"ORG{i:02d}", f"Organization {i}", "fund_programme", code, name, name,
             "committed", 1.0, 3)
            for i in range(organizations)
            for code, name in (("BUSCASE", "Business case development and costing"),
                               ("KS", "Knowledge-sharing"))]
    return pd.DataFrame(rows, columns=[
        "agency_code", "agency_name", "agency_type", "initiative_id", "initiative_name",
        "name", "commitment_level", "pledged_usd", "relative_value"])


def test_a_tall_matrix_names_its_columns_over_the_first_row_too():
    short = figures_agency.commitment_matrix(_matrix(3))
    tall = figures_agency.commitment_matrix(_matrix(26))  # 26 rows and a group header
    assert "xaxis2" not in short.layout.to_plotly_json()  # 4 rows: under them is enough
    top = tall.layout.xaxis2
    assert top.side == "top" and top.overlaying == "x" and top.matches == "x"
    assert list(top.ticktext) == list(tall.layout.xaxis.ticktext) == [
        "Business case development<br>and costing (BUSCASE)", "Knowledge-sharing (KS)"]
    assert any(t.xaxis == "x2" for t in tall.data)  # a trace on it, so Plotly draws it
    # the room over the plot grew by the standing labels' height; the legend kept its px
    # from the top
    grown = tall.layout.margin.t - short.layout.margin.t
    assert grown >= 140  # "Business case development" at 11 px: about 150 px
    assert (1 - tall.layout.legend.y) * tall.layout.height == pytest.approx(
        (1 - short.layout.legend.y) * short.layout.height)


def test_a_tall_matrix_keeps_room_for_a_phone_s_legend_above_its_top_labels():
    # F2 #2: on a phone the six legend entries ("No commitment" ... "Blank: not asked, or no
    # answer") stand one a row beside the legend's title (about 250 px of plot on a 390-px
    # screen); Plotly pushes the plot down by the legend's height only, so the labels over
    # the plot were drawn over the legend when the desktop's fitting had given that room
    # back (a desktop's legend takes one row). Six rows of 19 px and 10 px of padding:
    # 124 px must stay between the legend's top and the labels' band.
    tall = fit_legend(fit_margins(figures_agency.commitment_matrix(_matrix(26))), FULL_WIDTH)
    legend_top = (1 - tall.layout.legend.y) * tall.layout.height
    labels = text_width("Business case development", 11)  # the longest standing line
    assert tall.layout.margin.t - legend_top - labels >= 6 * 19 + 10
