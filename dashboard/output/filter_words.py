"""What the sidebar's filters keep, in words, under every page's title: the category,
initiative, priority and year filters (the organization filter has its own notice, which
also says what it does to shared costs: query/filters.Filters.agency_note). A forwarded
screenshot of a filtered page then never reads as the whole portfolio (issue 24)."""

from __future__ import annotations

from dashboard.formatting import and_list
from dashboard.query.filters import Filters

WHOLE_NOT = ("Every figure on this page covers only the initiatives kept, not the whole "
             "portfolio.")


def kept_words(filters: Filters) -> list[str]:
    """Each active filter but the organization's, as a reader names it: 'category Working
    together', 'initiatives ERP and KS', 'priority initiatives only', 'years 2005 to 2007'."""
    parts = []
    if filters.categories:
        word = "category" if len(filters.categories) == 1 else "categories"
        parts.append(f"{word} {and_list(filters.categories)}")
    if filters.initiatives:
        word = "initiative" if len(filters.initiatives) == 1 else "initiatives"
        parts.append(f"{word} {and_list(filters.initiatives)}")
    if filters.priority_only:
        parts.append("priority initiatives only")
    if filters.year_from is not None or filters.year_to is not None:
        lo, hi = filters.year_from, filters.year_to
        parts.append(f"year {lo}" if lo == hi else
                     f"years {lo if lo is not None else 'up'} to {hi if hi is not None else 'the last'}")
    return parts


def filters_notice(filters: Filters) -> str | None:
    """The notice under the title: 'Filtered to category Working together and priority
    initiatives only. Every figure on this page covers only the initiatives kept, not
    the whole portfolio.'; None when only the organization filter (or none) is set."""
    parts = kept_words(filters)
    if not parts:
        return None
    return f"Filtered to {and_list(parts)}. {WHOLE_NOT}"
