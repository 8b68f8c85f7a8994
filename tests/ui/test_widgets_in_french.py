"""Every widget keeps its value when the reader switches to French, and its label,
placeholder and options are then French (issue #26: "switching keeps every filter"; the
labels of dashboard/ui/sidebar.py and the pages go through `_()`, and a widget with a key
keeps its identity when its label changes).

The values are the fixture's own (tests/fixture_data.py): the snapshot of 2006-01-01
("1er janvier 2006" in French: CLDR's long date, the first of a month "1er"), the years 2005 to 2007, four donors (so
the Funding page's slider runs from 3 to 4), organization types fund_programme (UNDP,
WFP), specialized_agency (ITU) and secretariat (UN)."""

from __future__ import annotations

from tests.apptest import PAGES, no_exception


def _french(at):
    at.radio(key="lang").set_value("fr").run()
    no_exception(at)
    assert at.query_params["lang"] == "fr"
    return at


def test_the_sidebar_keeps_every_value_and_speaks_french(app):
    app.run()
    no_exception(app)
    assert app.multiselect(key="category").label == "Category"  # English as before
    assert app.multiselect(key="category").placeholder == "All categories"
    assert app.selectbox(key="snapshot").options == ["2006-01-01"]
    app.multiselect(key="category").set_value(["Working together", "ICT in development"])
    app.multiselect(key="initiative").set_value(["ERP", "KS"])
    app.multiselect(key="agency").set_value(["UNDP"])
    app.slider(key="years").set_value((2005, 2006))
    app.toggle(key="priority").set_value(True)
    app.text_input(key="rate_percent").input("10")
    app.run()
    no_exception(app)
    _french(app)
    assert app.multiselect(key="category").value == ["Working together", "ICT in development"]
    assert app.multiselect(key="initiative").value == ["ERP", "KS"]
    assert app.multiselect(key="agency").value == ["UNDP"]
    assert tuple(app.slider(key="years").value) == (2005, 2006)
    assert app.toggle(key="priority").value is True
    assert app.text_input(key="rate_percent").value == "10,0"  # in French (FR3 #10)
    assert app.query_params["rate"] == "0.1"
    assert app.selectbox(key="snapshot").value == "2006-01-01"
    # the labels, placeholders and the snapshot's date in French
    assert app.multiselect(key="category").label == "Catégorie"
    assert app.multiselect(key="initiative").placeholder == "Toutes les initiatives"
    assert app.slider(key="years").label == "Années"
    assert app.toggle(key="priority").label == "Initiatives prioritaires seulement"
    assert app.text_input(key="rate_percent").label == "Taux d'actualisation de la VAN (%)"
    assert app.selectbox(key="snapshot").options == ["1er\u00a0janvier\u00a02006"]
    assert app.button(key="reset_filters").label == "Réinitialiser les filtres"


def test_the_weights_and_the_budget_keep_their_values(app):
    app.run()
    app.switch_page(PAGES["prioritization"]).run()
    no_exception(app)
    assert app.number_input(key="w_cost_percent").label == "Low cost (%)"
    app.number_input(key="w_cost_percent").set_value(50.0)
    app.text_input(key="budget").input("12345")
    app.run()
    _french(app)
    assert app.number_input(key="w_cost_percent").value == 50.0
    # the amount kept, in French digits (a narrow no-break space groups them: R4 #12)
    assert app.text_input(key="budget").value == "12\u202f345"
    assert app.query_params["w_cost"] == "0.5"
    assert app.number_input(key="w_cost_percent").label == "Faible coût (%)"
    assert app.text_input(key="budget").label == "Budget ($US)"


def test_the_donors_slider_keeps_its_value(app):
    app.run()
    app.switch_page(PAGES["funding"]).run()
    no_exception(app)
    assert app.slider(key="top_n").label == "Donors shown by name"
    app.slider(key="top_n").set_value(3).run()
    _french(app)
    assert app.slider(key="top_n").value == 3
    assert app.slider(key="top_n").label == "Donateurs nommés"


def test_the_organization_types_keep_their_choice(app):
    app.run()
    app.switch_page(PAGES["agency-commitment"]).run()
    no_exception(app)
    pick = app.multiselect(key="agency_type_pick")
    assert pick.placeholder == "Choose one or more types"
    pick.set_value(["fund_programme"]).run()
    _french(app)
    pick = app.multiselect(key="agency_type_pick")
    assert pick.value == ["fund_programme"]
    assert pick.label == "Organismes du type" and pick.placeholder == "Choisir un ou plusieurs types"
