"""What the sidebar's filters keep, in words, under every page's title: the category,
initiative, priority and year filters (the organization filter has its own notice, which
also says what it does to shared costs: query/filters.Filters.agency_note). A forwarded
screenshot of a filtered page then never reads as the whole portfolio (issue 24).
Each phrase is one message (plural by ngettext), in the reader's language."""

from __future__ import annotations

from dashboard.contract.labels import category_label
from dashboard.formatting import and_list
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.query.filters import Filters

WHOLE_NOT = N_("Every figure on this page covers only the initiatives kept, not the whole "
               "portfolio.")


def _years(lo: int | None, hi: int | None) -> str:
    """'year 2006', 'years 2005 to 2007', 'years up to 2007', 'years 2005 to the last'."""
    if lo == hi:
        return _("year {year}").format(year=lo)
    if lo is None:
        return _("years up to {last}").format(last=hi)
    if hi is None:
        return _("years {first} to the last").format(first=lo)
    return _("years {first} to {last}").format(first=lo, last=hi)


def kept_words(filters: Filters) -> list[str]:
    """Each active filter but the organization's, as a reader names it: 'category Working
    together', 'initiatives ERP and KS', 'priority initiatives only', 'years 2005 to 2007'."""
    parts = []
    if filters.categories:
        parts.append(ngettext("category {names}", "categories {names}",
                              len(filters.categories)).format(
            names=and_list([category_label(c) for c in filters.categories])))
    if filters.initiatives:
        parts.append(ngettext("initiative {names}", "initiatives {names}",
                              len(filters.initiatives)).format(
            names=and_list(filters.initiatives)))
    if filters.priority_only:
        parts.append(_("priority initiatives only"))
    if filters.year_from is not None or filters.year_to is not None:
        parts.append(_years(filters.year_from, filters.year_to))
    return parts


def filters_notice(filters: Filters) -> str | None:
    """The notice under the title: 'Filtered to category Working together and priority
    initiatives only. Every figure on this page covers only the initiatives kept, not
    the whole portfolio.'; None when only the organization filter (or none) is set."""
    parts = kept_words(filters)
    if not parts:
        return None
    return _("Filtered to {kept}. {whole}").format(kept=and_list(parts), whole=_(WHOLE_NOT))


def short_notice(parts: list[str] | tuple[str, ...]) -> str:
    """A filters' notice in one short line, for a phone: 'Filtered to UNDP', 'Filtered to
    category Working together and years 2005 to 2007' (the whole notice opens under it)."""
    # TRANSLATORS: one short line on a phone; {kept}: the filters, listed
    return _("Filtered to {kept}").format(kept=and_list(list(parts)))
