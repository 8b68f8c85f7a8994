"""The Organization filter: names in the sidebar, codes in the URL
(dashboard/ui/organization_link.py; issue #24: "The Organization filter offers codes only").

Figures by hand on the fixture (tests/fixture_data.py, no cost-sharing key, so shared rows
are left out): UNDP's own costs ERP 100 + SEC 10 = 110; WFP's ERP 30 + TRN 5 = 35; ITU's
KS 40; all organizations 255.
"""

from __future__ import annotations

from tests.apptest import metrics, no_exception

UNDP = "UNDP — United Nations Development Programme"
WFP = "WFP — World Food Programme"



def _codes(at) -> list[str]:
    """The link's agency= values (AppTest keeps one value as a string)."""
    value = at.query_params.get("agency", [])
    return [value] if isinstance(value, str) else list(value)


def _filter(at):
    return at.multiselect(key="agency")


def test_the_options_read_code_and_name(app):
    app.run()
    no_exception(app)
    options = _filter(app).options
    assert UNDP in options and WFP in options
    assert "ITU — International Telecommunication Union" in options
    assert "agency" not in app.query_params  # none chosen: no parameter


def test_codes_in_a_link_choose_the_organizations(app):
    app.query_params["agency"] = ["UNDP", "WFP"]
    app.run()
    no_exception(app)
    assert _filter(app).value == ["UNDP", "WFP"]
    assert _filter(app).values == [UNDP, WFP]  # shown with their names
    assert _total_cost(app) == "$145"  # 110 + 35
    assert _codes(app) == ["UNDP", "WFP"]  # the link unchanged


def test_choosing_writes_codes_to_the_link(app):
    app.run()
    _filter(app).select("ITU").run()
    no_exception(app)
    assert _codes(app) == ["ITU"]  # the code, not the name
    assert _total_cost(app) == "$40"
    _filter(app).select("UNDP").run()
    assert _codes(app) == ["ITU", "UNDP"]
    assert _total_cost(app) == "$150"
    app.button(key="reset_filters").click().run()
    no_exception(app)
    assert _filter(app).value == [] and "agency" not in app.query_params
    assert _total_cost(app) == "$255"


def test_a_code_the_snapshot_lacks_gets_a_notice(app):
    app.query_params["agency"] = ["UNDP", "NOPE"]
    app.run()
    no_exception(app)
    assert _filter(app).value == ["UNDP"]
    notices = " ".join(w.value for w in app.warning)
    assert "agency='NOPE'" in notices and "no such organization in this snapshot" in notices
    assert _total_cost(app) == "$110"


def _total_cost(at) -> str:
    """The total cost tile's value, whatever the tile's scope says after its name ("Total
    cost (UNDP's share)") and in either language."""
    return next(v for k, v in metrics(at).items() if k.startswith(("Total cost", "Coût total")))


def test_a_chosen_organization_s_chip_wraps_its_whole_name(app):
    # round 5 #16: the chip read "UNDP — United Nat…"; Streamlit's tag keeps one line,
    # cut; the filter's style lets the chosen tags and their text wrap
    app.query_params["agency"] = ["UNDP"]
    app.run()
    no_exception(app)
    assert _filter(app).values == [UNDP]
    styles = [e.proto.body for e in app.get("html")]
    assert any(".st-key-agency [data-tag]" in s and "white-space: normal" in s
               for s in styles), styles
