"""Fiscal years: which are estimates and which at least partly actual, and the words that
say so (data/README.md, "Estimate years").

A fiscal year is the calendar year (the UN system's financial period, 1 January to 31
December). A snapshot's figures for a fiscal year that ends after its as-of date are
estimates (the year was not over when the snapshot was taken); a year that ended on or
before it is at least partly actual. Every by-year chart draws the estimate years
distinctly (dashboard/charts/estimates.py), in the app and in the briefing pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dashboard.lang.lazy import N_

# reader's texts, marked: read them with `_()` (or lazy.read) where they are shown
ESTIMATE_KEY = N_("Estimate years (shaded, hatched bars)")  # the legend's entry
ESTIMATE_RULE = N_("A fiscal year (1 January to 31 December) that ends after the snapshot's "
                   "as-of date is an estimate; an earlier one is at least partly actual.")


def is_estimate(year: int, as_of: str) -> bool:
    """True when fiscal year `year` ends after the as-of date (an ISO date)."""
    return dt.date(int(year), 12, 31) > dt.date.fromisoformat(as_of)


def estimate_years(years: Iterable[object], as_of: str | None) -> list[int]:
    """The estimate years among `years` (sorted, once each); none without an as-of date."""
    if as_of is None:
        return []
    out = set()
    for y in years:
        try:
            year = int(y)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            continue
        if is_estimate(year, as_of):
            out.add(year)
    return sorted(out)
