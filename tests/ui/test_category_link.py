"""The Category filter: the framework's labels in the reader's language, the values in the
URL (French review #8; dashboard/ui/organization_link.py keeps `category=` as it keeps
`agency=`). The fixture's categories (tests/fixture_data.py): ERP Working together, KS ICT
in development, SEC Information security, TRN Sustaining the initiative."""

from __future__ import annotations

from tests.apptest import no_exception


def _values(at) -> list[str]:
    value = at.query_params.get("category", [])
    return [value] if isinstance(value, str) else list(value)


def test_the_options_read_french_and_the_link_keeps_the_values(app):
    app.query_params["lang"] = "fr"
    app.query_params["category"] = ["Working together"]
    app.run()
    no_exception(app)
    box = app.multiselect(key="category")
    assert box.value == ["Working together"]  # the machine value
    assert box.values == ["Travailler ensemble"]  # shown in French
    assert set(box.options) == {"Travailler ensemble", "Les TIC au service du développement",
                                "Sécurité de l'information", "Pérennisation de l'initiative"}
    assert _values(app) == ["Working together"]  # the link unchanged
    notice = " ".join(i.value for i in app.info)
    assert "catégorie Travailler ensemble" in notice  # the filters' notice under the title
    box.select("ICT in development").run()
    no_exception(app)
    assert _values(app) == ["Working together", "ICT in development"]  # values, not labels
    app.button(key="reset_filters").click().run()
    no_exception(app)
    assert app.multiselect(key="category").value == [] and "category" not in app.query_params


def test_in_english_the_options_are_the_values(app):
    app.run()
    no_exception(app)
    assert "Working together" in app.multiselect(key="category").options


def test_the_initiative_page_names_its_category_and_stage_in_french(app):
    from tests.apptest import PAGES

    app.query_params["lang"] = "fr"
    app.run()
    app.switch_page(PAGES["initiative"]).run()
    app.selectbox(key="detail").set_value("TRN").run()  # Sustaining the initiative, 2nd stage
    no_exception(app)
    words = " ".join(m.value for m in app.markdown)
    assert "**Catégorie\u00a0:** Pérennisation de l'initiative" in words
    assert "Engagement des organismes" in " ".join(p.proto.text for p in app.get("progress"))
