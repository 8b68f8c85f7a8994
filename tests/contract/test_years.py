"""Which fiscal years are estimates (dashboard/contract/years.py): a fiscal year (1 January
to 31 December) that ends after the snapshot's as-of date."""

from __future__ import annotations

from dashboard.contract.years import estimate_years, is_estimate


def test_a_year_ending_after_the_as_of_date_is_an_estimate():
    # as of 2006-01-01: 2005 ended 2005-12-31 (before); 2006 ends 2006-12-31 (after)
    assert not is_estimate(2005, "2006-01-01")
    assert is_estimate(2006, "2006-01-01")
    assert is_estimate(2007, "2006-01-01")
    # a year ending on the as-of date itself is over: at least partly actual
    assert not is_estimate(2006, "2006-12-31")
    assert is_estimate(2006, "2006-12-30")


def test_estimate_years_among_many():
    assert estimate_years([2007, 2005, 2006, 2007, None], "2006-03-31") == [2006, 2007]
    assert estimate_years([2004, 2005], "2006-03-31") == []
    assert estimate_years([2005, 2006], None) == []  # no as-of date: nothing marked
