"""R6a #14: the pages' tables of rows say whose rows they hold under the organization
filter, in the chart titles' brackets; nothing without it."""

import pytest

from dashboard.lang import translate
from dashboard.output import table_titles

EXPECTED = {
    # by hand: the title, then the scope in brackets as "Cost by year (UNDP's share, US$)"
    "en": (
        "Every contribution (whole portfolio)",
        "Organizations (UNDP only)",
        "Every contribution",
        "Organizations",
    ),
    "fr": (
        "Toutes les contributions (ensemble du portefeuille)",
        "Organismes (UNDP uniquement)",
        "Toutes les contributions",
        "Organismes",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tables_of_rows_say_their_scope_under_an_organization(lang):
    with translate.language(lang):
        got = (
            table_titles.every_contribution(("UNDP",)),
            table_titles.initiative_organizations(("UNDP",)),
            table_titles.every_contribution(()),
            table_titles.initiative_organizations(()),
        )
    assert got == EXPECTED[lang]
