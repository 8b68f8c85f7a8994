"""The charts in French (docs/translating.md, "Charts' words"): titles, axis titles,
legend names, annotations, hover words and the money in them read in the reader's
language; Plotly's placeholders stay whole. Expected texts are the catalogue's French,
written out here (docs/glossary-fr.md's terms), and money in the formatter's French form
("126,4 M $US": a no-break space before the unit)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import figures_costs, figures_funding
from dashboard.lang import translate
from dashboard.query import chart_data

M = 1_000_000
NB = "\u00a0"  # no-break space


@pytest.fixture
def ctx(db, f0):
    return chart_data.Context(db=db, filters=f0)


def _cashflow():
    net = [-10, -20, 15, 30]
    running = [-10, -30, -15, 15]
    return pd.DataFrame({"fiscal_year": [2004, 2005, 2006, 2007],
                         "net_usd": [v * M for v in net],
                         "cumulative_net_usd": [v * M for v in running]})


def test_the_cumulative_chart_speaks_french():
    with translate.language("fr"):
        fig = figures_costs.cumulative_net(_cashflow(), 2007)
    names = [t.name for t in fig.data if t.showlegend is not False]
    # French review #28: the year's net said as a positive or negative net benefit
    assert names[:2] == ["Avantage net positif de l'année",
                         "Avantage net négatif (coût net) de l'année"]
    assert "Avantage net cumulé" in names
    assert fig.layout.xaxis.title.text == "Exercice"
    assert fig.layout.yaxis.title.text == "$US"
    assert [a.text for a in fig.layout.annotations] == ["Récupération 2007"]
    # the hover's word translated, its placeholders whole; the amounts in French money
    line = next(t for t in fig.data if t.type == "scatter" and t.name == "Avantage net cumulé")
    assert line.hovertemplate == f"%{{x}}{NB}: cumul %{{customdata}}<extra></extra>"
    assert list(line.customdata)[1] == f"\u221230,0{NB}M{NB}$US"  # FR #9: U+2212
    assert fig.layout.separators == ",\u202f"
    assert fig.layout.title.text.startswith("Avantage net annuel et cumulé")


def test_the_same_chart_in_english_is_unchanged():
    fig = figures_costs.cumulative_net(_cashflow(), 2007)
    line = next(t for t in fig.data if t.type == "scatter")
    assert line.name == "Cumulative net benefit"
    assert line.hovertemplate == "%{x}: cumulative %{customdata}<extra></extra>"
    assert [a.text for a in fig.layout.annotations] == ["Payback 2007"]


def test_the_funding_gap_says_no_target_and_its_caption_in_french(ctx):
    df = chart_data.funding_gap(ctx)
    with translate.language("fr"):
        fig = figures_funding.funding_gap(df)
        note = figures_funding.gap_note(df)
    # SEC has no funding target in the fixture (tests/charts/test_figures.py)
    assert "pas d'objectif" in [a.text for a in fig.layout.annotations]
    names = {t.name for t in fig.data}
    assert {"Déficit de financement", "Objectif"} <= names
    target = next(t for t in fig.data if t.name == "Objectif")
    assert target.hovertemplate == "<b>%{customdata[1]}</b><br>Objectif\u00a0: %{customdata[2]}" \
        "<extra></extra>"
    assert note == (f" 1 initiative sur 4 n'a pas d'objectif de financement («{NB}pas "
                    f"d'objectif{NB}» sur la barre, pas de repère d'objectif){NB}: son déficit "
                    f"est compté pour 0{NB}$US.")


# --- French review #4 #8: the framework's categories and the score's factors ------------------

CATEGORIES_FR = {"Working together": "Travailler ensemble",
                 "ICT in development": "Les TIC au service du développement",
                 "Information security": "Sécurité de l'information",
                 "Sustaining the initiative": "Pérennisation de l'initiative"}


def _figure(chart_id, ctx):
    from dashboard import registry

    entry = registry.BY_ID[chart_id]
    return entry.figure(ctx, entry.dataset(ctx))


def test_the_categories_are_french_on_every_chart_that_names_them(ctx):
    # the fixture's four categories (tests/fixture_data.py), each chart's legend or axis
    with translate.language("fr"):
        by_category = _figure("portfolio_by_category", ctx)
        scatter = _figure("cost_by_initiative", ctx)
        by_year = _figure("cost_benefit_by_year_category", ctx)
        bubble = _figure("priority_bubble", ctx)
    ticks = {t.replace("<br>", " ") for t in by_category.layout.yaxis.ticktext}  # two lines
    assert ticks == set(CATEGORIES_FR.values())
    bars = [t for t in by_category.data if t.hovertext is not None]
    assert {h for t in bars for h in t.hovertext} == set(CATEGORIES_FR.values())  # the hover
    assert list(bars[0].y) and set(bars[0].y) == set(CATEGORIES_FR)  # keyed by the values
    for fig in (scatter, by_year, bubble):
        legend = {t.name for t in fig.data if t.showlegend is not False}
        assert set(CATEGORIES_FR.values()) <= legend, legend
        assert not set(CATEGORIES_FR) & legend
    # English as before
    assert set(_figure("portfolio_by_category", ctx).layout.yaxis.ticktext) == set(CATEGORIES_FR)


def test_the_priority_scores_legend_is_french(ctx):
    with translate.language("fr"):
        fig = _figure("priority_ranking", ctx)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.type == "bar"]
    assert {"Faible coût", "Avantage", "Valeur pour les organismes"} <= set(legend), legend


def test_the_grouped_donors_row_is_read_whole_in_french(ctx):
    # French review #5: "Tous les autres donateurs (3 sur 4)" (37 characters with larger
    # counts) was cut in its middle, counts lost; the fixture's top donor is Norway
    with translate.language("fr"):
        fig = _figure("donors_top_n", ctx.with_(top_n=1))
    ticks = [t.replace("<br>", " ") for t in fig.layout.yaxis.ticktext]
    assert "Tous les autres donateurs (3 sur 4)" in ticks
