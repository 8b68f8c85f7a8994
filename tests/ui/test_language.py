"""The reader's language in the app (dashboard/ui/language.py; data/README.md,
"Languages"): the switch, the address's `lang=`, a page switch, a copied link, a value not
offered, one session's language never another's; English as before.

Figures by hand from the fixture (tests/fixture_data.py): total cost 100 + 50 + 40 + 30 +
20 + 10 + 5 = 255 ("$255"; in French "255 $US", a no-break space before "$US", CLDR's
French currency pattern "#,##0.00 ¤" with the symbol "$US"); UNDP's own costs (ERP 100 +
SEC 10) = 110.
"""

from __future__ import annotations

import json

import pytest

from dashboard.lang import translate
from tests.apptest import PAGES, metrics, no_exception, open_app

NBSP = "\u00a0"
EN_TOTAL, FR_TOTAL = "$255", f"255{NBSP}$US"
EN_UNDP, FR_UNDP = "$110", f"110{NBSP}$US"


@pytest.fixture

def app(data_dir, monkeypatch):
    return open_app(data_dir, monkeypatch)


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _lang(at) -> str:
    return at.radio(key="lang").value


def test_english_by_default_and_the_address_names_it(app):
    app.run()
    no_exception(app)
    assert _lang(app) == "en" and app.query_params["lang"] == "en"
    assert _total_cost(app) == EN_TOTAL  # as before
    assert [n for n in app.sidebar.radio if n.key == "lang"][0].options == ["English",
                                                                             "Français"]


def test_a_link_in_french_opens_in_french(app):
    app.query_params.update({"lang": "fr", "agency": "UNDP"})  # a copied link
    app.run()
    no_exception(app)
    assert _lang(app) == "fr" and app.query_params["lang"] == "fr"
    assert app.multiselect(key="agency").value == ["UNDP"]
    assert _total_cost(app) == FR_UNDP
    assert app.radio(key="lang").label == "Langue"


def test_switching_keeps_every_filter_and_survives_a_page_switch(app):
    app.query_params.update({"agency": "UNDP", "rate": "0.1"})
    app.run()
    assert _total_cost(app) == EN_UNDP
    app.radio(key="lang").set_value("fr").run()
    no_exception(app)
    assert app.query_params["lang"] == "fr"
    assert app.multiselect(key="agency").value == ["UNDP"]
    assert app.query_params["rate"] == "0.1" and app.text_input(key="rate_percent").value == "10,0"  # in percent, in French (FR3 #10)
    assert _total_cost(app) == FR_UNDP
    app.switch_page(PAGES["funding"]).run()
    no_exception(app)
    assert _lang(app) == "fr" and app.query_params["lang"] == "fr"
    assert app.multiselect(key="agency").value == ["UNDP"]
    app.switch_page(PAGES["overview"]).run()
    assert _total_cost(app) == FR_UNDP
    app.radio(key="lang").set_value("en").run()  # and back: English as before
    assert app.query_params["lang"] == "en" and _total_cost(app) == EN_UNDP


def test_a_language_not_offered_gets_a_notice_and_english(app):
    app.query_params["lang"] = "xx"
    app.run()
    no_exception(app)
    assert _lang(app) == "en" and app.query_params["lang"] == "en"
    warnings = " ".join(w.value for w in app.warning)
    assert "The link's language 'xx' is not offered (only en, fr)" in warnings
    assert _total_cost(app) == EN_TOTAL


def test_one_sessions_language_is_never_anothers(data_dir, monkeypatch):
    french = open_app(data_dir, monkeypatch)
    english = open_app(data_dir, monkeypatch)
    french.query_params["lang"] = "fr"
    french.run()
    english.run()  # after the French run, with every cache warm in French
    french.run()
    assert _total_cost(english) == EN_TOTAL and _lang(english) == "en"
    assert _total_cost(french) == FR_TOTAL and _lang(french) == "fr"
    # the figures too, though each session's is the other's from the figure cache but
    # for the language: the decimal sign and group separator, the hovers' amounts
    assert {f["layout"]["separators"] for f in _figures(english)} == {".,"}
    assert {f["layout"]["separators"] for f in _figures(french)} == {",\u202f"}
    assert all("$US" not in json.dumps(f) for f in _figures(english))
    assert any("$US" in json.dumps(f) for f in _figures(french))
    english.run()
    assert _total_cost(english) == EN_TOTAL
    assert translate.current() == "en"  # nor this test's own language


def _total_cost(at) -> str:
    """The total cost tile's value, whatever the tile's scope says after its name ("Total
    cost (UNDP's share)") and in either language."""
    return next(v for k, v in metrics(at).items() if k.startswith(("Total cost", "Coût total")))
