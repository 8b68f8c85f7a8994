"""FR3 #3: the data dictionary's headings name what each sheet holds in the reader's
language; the sheet's machine name comes after it, in code style, only as the sheet name."""

from __future__ import annotations

import pytest

from dashboard.contract.labels import table_heading
from dashboard.contract.schema import TABLE_ORDER
from dashboard.lang.translate import language


def test_english_headings_are_plain_words_then_the_sheet():
    with language("en"):
        assert table_heading("agencies") == (
            "Organizations (sheet `agencies`) — one row per organization of the UN system")
        assert table_heading("costs").startswith("Costs (sheet `costs`) — ")


def test_french_headings_are_french_then_the_sheet():
    with language("fr"):
        assert table_heading("agencies").startswith("Organismes (feuille `agencies`) — ")
        assert table_heading("benefits").startswith("Avantages (feuille `benefits`) — ")
        assert table_heading("ranges").startswith("Fourchettes (feuille `ranges`) — ")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", TABLE_ORDER)
def test_no_heading_starts_with_the_sheet_name(lang, name):
    with language(lang):
        heading = table_heading(name)
    assert not heading.startswith(name)  # not the machine name, lower case, as a heading
    assert heading[0].isupper()
    assert f"`{name}`" in heading
