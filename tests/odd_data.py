"""Odd but valid snapshots, generated for the figure and browser checks: what a real
portfolio may hold that the sample and the fixture do not.

- `odd_rows()`: 12 initiatives with very long names, 40 organizations (every type), long
  donor names, amounts from $1 to $10B, costs and benefits over 2004-2015;
- `one_rows()`: a single initiative, a single organization, a single contribution.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.contract.schema import (
    AGENCY_TYPES,
    BENEFIT_CATEGORIES,
    CATEGORIES,
    COMMITMENT_LEVELS,
    CONFIDENCE_LEVELS,
    COST_CATEGORIES,
    DONOR_TYPES,
    STAGES,
)
from tests import fixture_data

ODD_AS_OF = "2007-01-01"
ONE_AS_OF = "2006-07-01"
LONG = ("Harmonized enterprise-wide information and communication technology platform for "
        "common services, number {i}, across the whole United Nations system")


def odd_rows() -> dict[str, list[tuple]]:
    n_init, n_org = 12, 40
    ids = [f"INIT{i:02d}" for i in range(n_init)]
    # amounts from $1 up to $10B: initiative i costs 10**(i - 2) * ..., clipped to [1, 1e10]
    scale = [min(1e10, max(1.0, 10.0 ** (i - 1))) for i in range(n_init)]
    initiatives = [
        (iid, LONG.format(i=i), CATEGORIES[i % len(CATEGORIES)], i % 3 == 0,
         STAGES[i % len(STAGES)], f"A{i:02d}", scale[i] * 2)
        for i, iid in enumerate(ids)
    ]
    agencies = [(f"A{j:02d}", f"Organization number {j} of the system, with a long name",
                 AGENCY_TYPES[j % len(AGENCY_TYPES)]) for j in range(n_org)]
    costs, benefits = [], []
    for i, iid in enumerate(ids):
        for y in range(2004, 2016):
            costs.append((iid, f"A{(i + y) % n_org:02d}", y,
                          COST_CATEGORIES[(i + y) % len(COST_CATEGORIES)], y % 2 == 0,
                          round(scale[i] / 12, 2) or 1.0))
            if y > 2006:
                benefits.append((iid, None, y, BENEFIT_CATEGORIES[y % len(BENEFIT_CATEGORIES)],
                                 CONFIDENCE_LEVELS[y % 3], round(scale[i] * (i % 4) / 6, 2)
                                 or 1.0))
    commitments = [
        (iid, f"A{j:02d}", COMMITMENT_LEVELS[(i + j) % len(COMMITMENT_LEVELS)], 1 + (i * j) % 5,
         float((j + 1) * 1000))
        for i, iid in enumerate(ids) for j in range(n_org)
    ]
    contributions = [
        (f"K{k:03d}", f"Donor with a rather long official name number {k % 25}",
         DONOR_TYPES[k % len(DONOR_TYPES)], ids[k % n_init] if k % 5 else None,
         ("cash", "in_kind", "host_country")[k % 3], ("paid", "pledged")[k % 2],
         dt.date(2004 + k % 10, 1 + k % 12, 1), float(10 ** (k % 10)))
        for k in range(60)
    ]
    return {"initiatives": initiatives, "agencies": agencies, "costs": costs,
            "benefits": benefits, "commitments": commitments, "contributions": contributions}


def one_rows() -> dict[str, list[tuple]]:
    return {
        "initiatives": [("ONLY", "The only initiative", CATEGORIES[0], True, STAGES[0], "UNDP",
                         500.0)],
        "agencies": [("UNDP", "United Nations Development Programme", AGENCY_TYPES[0])],
        "costs": [("ONLY", "UNDP", 2005, COST_CATEGORIES[0], True, 100.0),
                  ("ONLY", "UNDP", 2006, COST_CATEGORIES[1], False, 50.0)],
        "benefits": [("ONLY", "UNDP", 2006, BENEFIT_CATEGORIES[0], "high", 90.0)],
        "commitments": [("ONLY", "UNDP", "lead", 5, 200.0)],
        "contributions": [("C1", "Norway", "member_state", "ONLY", "cash", "paid",
                           dt.date(2005, 3, 1), 100.0)],
    }


def build(data_dir: Path) -> Path:
    """Publish both odd snapshots under data_dir (the odd one newest)."""
    fixture_data.build(data_dir, as_of=ONE_AS_OF, rows=one_rows(), source="odd test data: one")
    return fixture_data.build(data_dir, as_of=ODD_AS_OF, rows=odd_rows(),
                              source="odd test data: long names, 40 organizations, $1 to $10B")
