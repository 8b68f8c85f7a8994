"""Rates and weights typed in percent, kept in the URL as fractions
(dashboard/ui/percent_link.py; the fresh review S15/O23: the sidebar said "0.050" and the
weights "0.33" while the pages say 5.0% and 33%).

Figures by hand on the fixture (tests/fixture_data.py): NPV = -190 + 90/(1+r) + 140/(1+r)^2,
so at 7.5%: -190 + 83.72 + 121.15 = 14.87, "$15".
"""

from __future__ import annotations

import pytest

from tests.apptest import PAGES, no_exception

PRIORITIZATION = PAGES["prioritization"]


NBSP = "\u00a0"


def _box(at, key):
    (box,) = [b for b in at.number_input if b.key == key]
    return box


def _rate(at):
    return at.text_input(key="rate_percent")  # typed as the reader writes a number (FR3 #10)


def test_the_rate_box_reads_in_percent_and_the_link_keeps_a_fraction(app):
    app.run()
    no_exception(app)
    box = _rate(app)
    assert box.value == "5.0" and "(%)" in box.label
    assert "rate" not in app.query_params  # the default, as a bound box leaves it out
    box.input("7.5").run()
    no_exception(app)
    assert app.query_params["rate"] == "0.075"  # the URL's meaning: a yearly fraction
    app.switch_page(PAGES["costs-benefits"]).run()
    no_exception(app)
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["NPV at 7.5%"] == "$15"
    assert _rate(app).value == "7.5"  # kept across pages


def test_a_link_made_before_still_holds(app):
    app.query_params["rate"] = "0.1"
    app.run()
    no_exception(app)
    assert _rate(app).value == "10.0"
    assert app.query_params["rate"] == "0.1"


def test_weights_in_percent_from_and_to_the_link(app):
    app.query_params["w_cost"] = "0.5"
    app.run()
    app.switch_page(PRIORITIZATION).run()
    no_exception(app)
    assert _box(app, "w_cost_percent").value == pytest.approx(50.0)
    assert _box(app, "w_benefit_percent").value == pytest.approx(100 / 3)
    _box(app, "w_benefit_percent").set_value(25.0).run()
    no_exception(app)
    assert app.query_params["w_cost"] == "0.5" and app.query_params["w_benefit"] == "0.25"
    assert "w_value" not in app.query_params  # still the default
    # scaled: 0.5, 0.25, 1/3 over 13/12 -> 46.15, 23.08, 30.77; whole percents adding up
    # to 100 (R4 #11): 46%, 23%, 31%, said as the intro says it
    captions = " ".join(c.value for c in app.caption)
    assert ("Weights used (scaled to add up to 100%): low cost 46%, benefit 23%, value to "
            "organizations 31%") in captions
    intro = " ".join(m.value for m in [*app.markdown, *app.caption])
    assert "the weights are scaled to add up to 100% (Data & methods" in intro
    # the sidebar's context (Download all, the briefing) has the weights of this run
    assert app.session_state["_app_context"].ctx.weights == pytest.approx((0.5, 0.25, 1 / 3))


def test_weights_come_back_with_the_page(app):
    app.run()
    app.switch_page(PRIORITIZATION).run()
    _box(app, "w_cost_percent").set_value(60.0).run()
    app.switch_page(PAGES["overview"]).run()
    no_exception(app)
    assert app.session_state["_app_context"].ctx.weights == pytest.approx((0.6, 1 / 3, 1 / 3))
    app.switch_page(PRIORITIZATION).run()
    no_exception(app)
    assert _box(app, "w_cost_percent").value == pytest.approx(60.0)
    assert app.query_params["w_cost"] == "0.6"


def test_in_french_the_rate_box_writes_a_decimal_comma_and_reads_one(app):
    # FR3 #10: the box showed « 5.0 » on a French page; now « 5,0 », as the budget box
    # groups its digits. Typed « 7,5 »: 7.5% a year, the NPV of the fixture $15 (docstring)
    app.query_params["lang"] = "fr"
    app.run()
    no_exception(app)
    assert _rate(app).value == "5,0"
    assert _rate(app).label == "Taux d'actualisation de la VAN (%)"
    _rate(app).input("7,5").run()
    no_exception(app)
    assert app.query_params["rate"] == "0.075" and _rate(app).value == "7,5"
    app.switch_page(PAGES["costs-benefits"]).run()
    no_exception(app)
    tiles = {m.label: m.value for m in app.metric}
    assert tiles[f"VAN à 7,5{NBSP}%"] == f"15{NBSP}$US"
    assert not app.sidebar.error


def test_in_french_a_decimal_point_is_read_too_and_shown_with_a_comma(app):
    app.query_params["lang"] = "fr"
    app.run()
    _rate(app).input("5.5").run()
    no_exception(app)
    assert app.query_params["rate"] == "0.055" and _rate(app).value == "5,5"
    assert not app.sidebar.error


def test_the_box_is_rewritten_when_the_language_changes(app):
    app.query_params["rate"] = "0.075"
    app.run()
    assert _rate(app).value == "7.5"
    app.radio(key="lang").set_value("fr").run()
    no_exception(app)
    assert _rate(app).value == "7,5" and app.query_params["rate"] == "0.075"
    app.radio(key="lang").set_value("en").run()
    assert _rate(app).value == "7.5"


# a number is rewritten as the box writes one ("150.0"); the message is Markdown ("\\-2")
@pytest.mark.parametrize(("typed", "quoted"), [("abc", "abc"), ("150", "150\\.0"), ("-2", "\\-2")])
def test_a_value_that_is_no_rate_is_named_under_the_box_and_the_default_used(app, typed, quoted):
    app.run()
    _rate(app).input(typed).run()
    no_exception(app)
    (error,) = app.sidebar.error
    # where (the box's name), what was typed, and what to type
    assert error.value == (f"Discount rate for NPV: “{quoted}” is not a rate. Type a yearly "
                           "rate in percent, from 0 to 100, such as 5.0. The figures use "
                           "the default, 5.0%.")
    assert "rate" not in app.query_params
    assert app.session_state["_app_context"].ctx.discount_rate == pytest.approx(0.05)


def test_in_french_the_message_is_french(app):
    app.query_params["lang"] = "fr"
    app.run()
    _rate(app).input("7;5").run()
    no_exception(app)
    (error,) = app.sidebar.error
    assert error.value.startswith("Taux d'actualisation de la VAN" + NBSP + ": «" + NBSP + "7;5")
    assert "5,0" in error.value


def test_whole_number_weights_say_nothing_more(app):
    app.query_params["lang"] = "fr"
    app.run()
    app.switch_page(PRIORITIZATION).run()  # whole-number weights ("33"): nothing to add
    no_exception(app)
    assert not app.error
