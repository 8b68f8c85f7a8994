"""The notice naming every filter but the organization's (dashboard/output/filter_words.py;
issue 24, S12): a category view never reads as the whole portfolio."""

from __future__ import annotations

from dashboard.output import filter_words
from dashboard.query.filters import Filters


def test_no_filter_or_only_the_organization_gives_no_notice():
    assert filter_words.filters_notice(Filters(snapshot="2006-03-31")) is None
    assert filter_words.filters_notice(Filters(snapshot="2006-03-31", agencies=("UNDP",))) \
        is None


def test_every_active_filter_is_named():
    f = Filters(snapshot="2006-03-31", categories=("Working together",))
    assert filter_words.filters_notice(f) == (
        "Filtered to category Working together. Every figure on this page covers only the "
        "initiatives kept, not the whole portfolio.")
    f = Filters(snapshot="2006-03-31", categories=("ICT governance", "Working together"),
                initiatives=("KS",), priority_only=True, year_from=2005, year_to=2007)
    assert filter_words.kept_words(f) == [
        "categories ICT governance and Working together", "initiative KS",
        "priority initiatives only", "years 2005 to 2007"]
    assert filter_words.filters_notice(f).startswith(
        "Filtered to categories ICT governance and Working together, initiative KS, "
        "priority initiatives only and years 2005 to 2007. ")
    one_year = Filters(snapshot="2006-03-31", year_from=2006, year_to=2006)
    assert filter_words.kept_words(one_year) == ["year 2006"]


def test_the_notice_in_french():
    from dashboard.lang.translate import language

    with language("fr"):
        notice = filter_words.filters_notice(Filters(snapshot="2006-03-31",
                                                     categories=("Alpha", "Beta"),
                                                     priority_only=True, year_from=2005))
    assert notice == ("Filtres appliqués\u00a0: catégories Alpha et Beta, initiatives "
                      "prioritaires seulement et années 2005 à la dernière. Chaque chiffre de "
                      "cette page ne couvre que les initiatives retenues, et non l'ensemble du "
                      "portefeuille.")
