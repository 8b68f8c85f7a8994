"""dashboard/contract/schema.py: a snapshot's source as a reader is shown it."""

from __future__ import annotations

from dashboard.contract.schema import reader_source


def test_the_generators_seed_is_not_shown_to_a_reader():
    # review 3, #15: the pack's cover and methods said "(seed 2005)"
    source = "Illustrative sample data made by the project's sample generator (seed 2005)"
    assert reader_source(source) == ("Illustrative sample data made by the project's "
                                     "sample generator")


def test_any_other_source_is_shown_as_written():
    assert reader_source("Finance office (seed 2005)") == "Finance office (seed 2005)"
