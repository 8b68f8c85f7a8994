"""Prioritization's budget typed with the reader's grouping (dashboard/ui/budget_link.py;
R4 #12, FR #27: the number box showed "50000000" in both languages), the URL's budget=
plain digits as before."""

from __future__ import annotations

from tests.apptest import PAGES, no_exception

PRIORITIZATION = PAGES["prioritization"]
NNB = "\u202f"  # French groups digits with a narrow no-break space (CLDR)


def _page(app, query=None):
    app.query_params.update(query or {})
    app.run()
    app.switch_page(PRIORITIZATION).run()
    no_exception(app)
    return app


def _said(app) -> str:
    return " ".join(m.value for m in app.markdown)


def test_an_amount_typed_with_commas_is_read_and_kept_in_the_link_as_digits(app):
    _page(app)
    app.text_input(key="budget").input("50,000,000").run()
    no_exception(app)
    assert app.text_input(key="budget").value == "50,000,000"
    assert app.query_params["budget"] == "50000000"
    assert "Budget entered: **\\$50.0M**" in _said(app)
    assert not app.error


def test_plain_digits_are_shown_grouped(app):
    _page(app)
    app.text_input(key="budget").input("1234567").run()
    no_exception(app)
    assert app.text_input(key="budget").value == "1,234,567"
    assert app.query_params["budget"] == "1234567"


def test_a_french_reader_types_spaces(app):
    _page(app, {"lang": "fr"})
    assert app.text_input(key="budget").label == "Budget ($US)"
    app.text_input(key="budget").input("50 000 000").run()
    no_exception(app)
    assert app.text_input(key="budget").value == f"50{NNB}000{NNB}000"
    assert app.query_params["budget"] == "50000000"
    assert "Budget saisi" in _said(app)


def test_a_text_that_is_no_amount_is_named_and_no_budget_is_used(app):
    _page(app, {"budget": "70"})
    app.text_input(key="budget").input("50.000.000").run()
    no_exception(app)
    (error,) = app.error
    # the typed text shown literally (usertext.md escapes what Markdown would read)
    assert error.value.replace("\\", "") == (
        "“50.000.000” is not an amount. Type the budget in US dollars, in digits, grouped or "
        "not: 50,000,000.")
    assert "budget" not in app.query_params
    assert any("Enter a budget" in i.value for i in app.info)
    assert app.session_state["_app_context"].ctx.budget is None


def test_a_link_fills_the_box_in_the_readers_grouping(app):
    _page(app, {"budget": "1234567"})
    assert app.text_input(key="budget").value == "1,234,567"
    assert app.query_params["budget"] == "1234567"
    assert app.session_state["_app_context"].ctx.budget == 1234567.0
    # the same link in French
    app.radio(key="lang").set_value("fr").run()
    no_exception(app)
    assert app.text_input(key="budget").value == f"1{NNB}234{NNB}567"
    assert app.query_params["budget"] == "1234567"


def test_an_emptied_box_leaves_the_link(app):
    _page(app, {"budget": "70"})
    assert app.text_input(key="budget").value == "70"
    app.text_input(key="budget").input("").run()
    no_exception(app)
    assert "budget" not in app.query_params
    assert not app.error


def test_english_commas_are_no_french_amount(app):
    # in French a comma is the decimal sign: "50,000,000" is no amount, and is named so
    _page(app, {"lang": "fr"})
    app.text_input(key="budget").input("50,000,000").run()
    no_exception(app)
    (error,) = app.error
    assert error.value.startswith("«\u00a050,000,000\u00a0» n'est pas un montant.")
    assert error.value.endswith(f"groupés ou non\u00a0: 50{NNB}000{NNB}000.")
