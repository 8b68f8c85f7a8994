"""The scatters' marks go exactly where they went before the placer was made faster
(dashboard/charts/scatter_labels.py): tests/charts/scatter_places.json pins, for every case
tests/charts/test_scatter_labels.py builds, each mark's place and its line's ends on every
plot, as the placer gave them (tests/charts/scatter_places_pin.py)."""

from __future__ import annotations

import json

import pytest

from tests.charts.scatter_places_pin import PINNED, outcome

CASES = json.loads(PINNED.read_text())


def test_the_pin_holds_every_case():
    # the sample, UNDP, UNDP in French, the odd data, the piled frame: both pages' scatters
    # where the data has priorities, and the two-point case
    assert len(CASES) == 10
    assert sum(len(c["places"]) for c in CASES) == 15 * 7 + 12 * 2 + 2


@pytest.mark.parametrize("case", range(len(CASES)))
def test_every_mark_goes_where_it_went(case):
    assert outcome(CASES[case]["call"]) == CASES[case]["places"]
