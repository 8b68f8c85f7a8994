"""The donors shown by name are the largest by paid plus pledged (the fresh review, O2:
ranked by paid alone, the six $1B pledgers of the odd data fell into "All other donors")."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import figures_funding
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import odd_data
from tests.figure_inputs import context_at


def _ctx(donors: pd.DataFrame, top_n: int) -> chart_data.Context:
    def runner(name, filters, **extra):
        assert name == "contributions_by_donor", name
        return donors
    return chart_data.Context(db=None, filters=Filters(snapshot="2007-01-01"),  # type: ignore[arg-type]
                              top_n=top_n, runner=runner)


def test_the_largest_pledger_is_shown_by_name():
    # the query's order: largest paid first. Paid + pledged: Pledger 900, Payer 500,
    # Both 450 (300 + 150), Small 40: the top two are Pledger and Payer.
    donors = pd.DataFrame({"donor": ["Payer", "Both", "Small", "Pledger"],
                           "donor_type": ["member_state"] * 4,
                           "paid_usd": [500.0, 300.0, 40.0, 0.0],
                           "pledged_usd": [0.0, 150.0, 0.0, 900.0]})
    d = chart_data.donors_top_n(_ctx(donors, 2))
    assert d["donor"].tolist() == ["Pledger", "Payer", "All other donors (2 of 4)"]
    assert d["paid_usd"].tolist() == [0.0, 500.0, 340.0]  # paid and pledged kept apart
    assert d["pledged_usd"].tolist() == [900.0, 0.0, 150.0]
    assert list(d.columns) == ["donor", "donor_type", "paid_usd", "pledged_usd"]
    # equal totals: the larger paid first, then the name
    donors = pd.DataFrame({"donor": ["B", "A", "C"], "donor_type": ["member_state"] * 3,
                           "paid_usd": [100.0, 100.0, 0.0], "pledged_usd": [0.0, 0.0, 100.0]})
    assert chart_data.donors_top_n(_ctx(donors, 3))["donor"].tolist() == ["A", "B", "C"]
    # the title says the order
    title = figures_funding.donors(d).layout.title.text.replace("<br>", " ")
    assert "largest paid plus pledged first" in title


def test_the_odd_datas_largest_pledges_are_named(odd_db):
    ctx = context_at(odd_db, odd_data.ODD_AS_OF).with_(top_n=10)
    every = chart_data.contributions_by_donor(ctx)
    biggest = every.loc[every["pledged_usd"].idxmax()]
    shown = chart_data.donors_top_n(ctx)
    assert biggest["donor"] in shown["donor"].tolist()
    named = shown[~shown["donor"].map(chart_data.is_residual).astype(bool)]
    rest = every[~every["donor"].isin(named["donor"])]
    # no donor left out promised more than one shown by name
    assert (rest["paid_usd"] + rest["pledged_usd"]).max() <= \
        (named["paid_usd"] + named["pledged_usd"]).min()


def test_the_grouped_rows_read_in_french(db):
    # French review #5: the fixture's four donors, the largest (Norway, 260 promised) shown
    # by name, the other three in one row of every kind of donor
    from dashboard.lang.translate import language
    from tests.fixture_data import FIXTURE_AS_OF

    ctx = context_at(db, FIXTURE_AS_OF).with_(top_n=1)
    with language("fr"):
        shown = chart_data.donors_top_n(ctx)
        assert shown["donor"].tolist() == ["Norway", "Tous les autres donateurs (3 sur 4)"]
        assert shown["donor_type"].tolist()[1] == "(plusieurs)"
        assert chart_data.other_donors(20, 25, paid_only=True) == (
            "Autres donateurs ayant versé (20 sur les 25 ayant versé)")
        assert chart_data.other_donors(1, 6) == "L'autre donateur (1 sur 6)"
        assert [chart_data.is_residual(d) for d in shown["donor"]] == [False, True]
        assert chart_data.is_residual(chart_data.other_donors(20, 25, paid_only=True))
    english = chart_data.donors_top_n(ctx)
    assert english["donor"].tolist() == ["Norway", "All other donors (3 of 4)"]
    assert english["donor_type"].tolist()[1] == "(several)"
    assert chart_data.is_residual("Others who paid (20 of 25 who paid)")
    assert not chart_data.is_residual("Norway")
