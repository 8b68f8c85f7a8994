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


def _box(at, key):
    (box,) = [b for b in at.number_input if b.key == key]
    return box


def test_the_rate_box_reads_in_percent_and_the_link_keeps_a_fraction(app):
    app.run()
    no_exception(app)
    box = _box(app, "rate_percent")
    assert box.value == pytest.approx(5.0) and "(%)" in box.label
    assert "rate" not in app.query_params  # the default, as a bound box leaves it out
    box.set_value(7.5).run()
    no_exception(app)
    assert app.query_params["rate"] == "0.075"  # the URL's meaning: a yearly fraction
    app.switch_page(PAGES["costs-benefits"]).run()
    no_exception(app)
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["NPV at 7.5%"] == "$15"
    assert _box(app, "rate_percent").value == pytest.approx(7.5)  # kept across pages


def test_a_link_made_before_still_holds(app):
    app.query_params["rate"] = "0.1"
    app.run()
    no_exception(app)
    assert _box(app, "rate_percent").value == pytest.approx(10.0)
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


def test_in_french_the_rate_box_is_said_beside_it_with_a_comma(app):
    # FR #12: Streamlit's box writes "7.5" in every language (its printf format has no
    # decimal comma); in French the value is said under it as French writes it
    app.query_params["rate"] = "0.075"
    app.run()
    no_exception(app)
    captions = [c.value for c in app.sidebar.caption]
    assert not any(c.startswith("Entered") for c in captions)  # English: "7.5" is as written
    app.radio(key="lang").set_value("fr").run()
    no_exception(app)
    assert "Valeur saisie\u00a0: 7,5\u00a0%" in [c.value for c in app.sidebar.caption]
    app.switch_page(PRIORITIZATION).run()  # whole-number weights ("33"): nothing to add
    assert not any(c.value.startswith("Valeur saisie") for c in app.main.caption)
