"""What changed's tables: every figure the introduction names has its columns in a table,
and the grid receives every group (round 4 #8)."""

import pandas as pd
import pytest

from dashboard.lang import translate
from dashboard.lang.lazy import read
from dashboard.output import change_tables, group_words, table_view, tables


def _changes() -> pd.DataFrame:
    row = {"initiative_id": "A", "name": "Alpha", "category": "x", "status": "changed"}
    stems = ("cost", "benefit", "orgs_committed", "agency_pledged", "pledged_contributions",
             "paid_contributions")
    for stem in stems:
        end = "" if stem == "orgs_committed" else "_usd"
        for when in ("before", "after", "change"):
            row[f"{stem}_{when}{end}"] = 1.0
    rows = []
    # cost changes -5, +20, +1, 0: by hand, the order of the size of the change is B, A, C, D
    for code, change in (("A", -5.0), ("B", 20.0), ("C", 1.0), ("D", 0.0)):
        rows.append({**row, "initiative_id": code, "name": code, "cost_change_usd": change})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_figure_named_has_its_group_in_the_grid(lang):
    with translate.language(lang):
        intro = change_tables.intro()
        for part, table in change_tables.tables(_changes()):
            (spec,) = [p for p in change_tables.PARTS if p.key == part]
            assert str(read(spec.said)) in intro
            sent = set()
            for cols in tables.column_groups(table):
                shown, config = tables.present(table[cols])
                styler = table_view.sortable(table[cols], config, shown)
                # Arrow names a two-level column by the pair's repr; the grid drops a
                # column whose name holds a ' inside "..."
                for name in styler.data.columns:
                    if isinstance(name, tuple) and name[0]:
                        assert "'" not in name[0], name
                        sent.add(name[1])
            for stem in spec.stems:
                assert any(c.startswith(stem + "_") for c in sent), (lang, stem, sent)


def test_rows_in_the_waterfall_order():
    for _, table in change_tables.tables(_changes()):
        assert list(table["initiative_id"]) == ["B", "A", "C", "D"]


def test_each_change_comes_right_after_the_name_so_a_phone_shows_it():
    # R4 #9: on a 390-px phone the pinned name and about one more column show; the change
    # was the third of its group, off the screen. Each group now reads Change, Before,
    # After, and the first group's change is the column right after the name
    with translate.language("en"):
        for _part, table in change_tables.tables(_changes()):
            for cols in tables.column_groups(table):
                shown, config = tables.present(table[cols])
                order = list(shown.columns)
                assert order[0] == "name"
                assert order[1].endswith(("_change_usd", "_change")), order
                labels = [tables.shown_label(c, order) for c in order[1:4]]
                assert labels == ["Change", "Before", "After"], order


def test_the_intro_names_the_money_as_the_labelling_policy_does():
    # EN #8 (round 5): "contributions earmarked to the initiative" was a third name for
    # the money the tables' headers call "Paid contributions" and "Donor pledges, not yet
    # paid" (dashboard/contract/labels.py)
    intro = change_tables.intro()
    assert "paid contributions and donor pledges, not yet paid." in intro
    assert "organizations' pledged shares" in intro
    assert "earmarked" not in intro


# R6a #8: under UNDP the three tables mix three scopes; each money group's name says its
# own, as the titles do ("(UNDP's share, US$)"), and none says one without the filter
SCOPED = {
    "en": {"cost": "(UNDP\u2019s share, US$)", "benefit": "(UNDP\u2019s share, US$)",
           "orgs_committed": "(UNDP only)", "agency_pledged": "(UNDP only, US$)",
           "pledged_contributions": "(whole portfolio, US$)",
           "paid_contributions": "(whole portfolio, US$)"},
    "fr": {"cost": "(quote\u2011part UNDP, $US)", "benefit": "(quote\u2011part UNDP, $US)",
           "orgs_committed": "(UNDP uniquement)", "agency_pledged": "(UNDP uniquement, $US)",
           "pledged_contributions": "(ensemble du portefeuille, $US)",
           "paid_contributions": "(ensemble du portefeuille, $US)"},
}


def _group_names(organizations: tuple[str, ...]) -> dict[str, str]:
    names = {}
    with group_words.scoped(change_tables.scopes(organizations)):
        for _part, table in change_tables.tables(_changes()):
            for cols in tables.column_groups(table):
                _shown, config = tables.present(table[cols])
                for col, cfg in config.items():
                    if "group" in cfg:
                        names[tables.group_of(col, cols)[0].removesuffix("_usd")] = cfg["group"]
    return names


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_group_names_its_scope_under_an_organization(lang):
    with translate.language(lang):
        scoped = _group_names(("UNDP",))
        plain = _group_names(())
    assert set(scoped) == set(SCOPED[lang])
    for stem, words in SCOPED[lang].items():
        assert scoped[stem].endswith(words), (stem, scoped[stem])
        assert "UNDP" not in plain[stem] and "portf" not in plain[stem], plain[stem]
