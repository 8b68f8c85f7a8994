"""Pins today's placements of the scatters' marks (dashboard/charts/scatter_labels.py), so
speed work on the placer cannot change where a single mark goes.

Run `.venv/bin/python -m tests.charts.scatter_places_pin` to write
tests/charts/scatter_places.json: every call of `scatter_labels.place` made while building
the cases tests/charts/test_scatter_labels.py builds (the sample's newest snapshot, UNDP's
share, UNDP in French, the odd data, the hand-made piled frame; both pages' scatters; each
on a phone's, a desktop's and the pack's plots: `scatter_labels.PLOTS`) and the
two-point case, each with its inputs and the places it gave (offsets, on the marker or
not, with a line or not, and each line's ends on every plot). The file was generated from
the placer as it stood on 2026-12-04 before it was made faster, and is not to be
regenerated to make a test pass: tests/charts/test_scatter_places_pinned.py asserts the
placer gives exactly these places.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from unittest import mock

from dashboard.charts import scatter_labels as sl
from dashboard.query.db import Database
from tests import fixture_data, odd_data

PINNED = Path(__file__).with_name("scatter_places.json")


def outcome(call: dict) -> list[dict]:
    """What `place` gives for a recorded call: each mark's place and its line's ends on
    every plot (None without a line)."""
    at = {tuple(p): [tuple(c) for c in cs] for p, cs in call["centres"]}
    places = sl.place(at, call["texts"], call["diameters"], call["inside"], call["across"])
    return [
        {
            "dx": p.dx,
            "dy": p.dy,
            "inside": p.inside,
            "leader": p.leader,
            "lines": [
                list(sl.line(*at[plot][i], call["texts"][i], call["diameters"][i], p))
                if p.leader and sl.line(*at[plot][i], call["texts"][i], call["diameters"][i], p)
                else None
                for plot in at
            ],
        }
        for i, p in enumerate(places)
    ]


def recorded_calls() -> list[dict]:
    """Every call of `place` made while building the test's figures, its inputs as JSON."""
    from tests.charts import test_scatter_labels as t

    calls: list[dict] = []
    real = sl.place

    def spy(centres, texts, diameters, inside, across=None):
        calls.append(
            {
                "centres": [
                    [list(p), [list(map(float, c)) for c in cs]] for p, cs in centres.items()
                ],
                "texts": list(texts),
                "diameters": [float(d) for d in diameters],
                "inside": [bool(v) for v in inside],
                "across": [bool(v) for v in across] if across is not None else [False] * len(texts),
            }
        )
        return real(centres, texts, diameters, inside, across)

    with tempfile.TemporaryDirectory() as d, mock.patch.object(sl, "place", spy):
        odd_data.build(Path(d))
        fixture_data.build(Path(d), as_of="2005-01-01")
        db = Database(Path(d))
        try:
            t.build_readers_figures(db)
        finally:
            db.close()
    calls.append(
        {
            "centres": [[[230.0, 220.0], [[100.0, 100.0], [106.0, 100.0]]]],
            "texts": ["ERP", "KS"],
            "diameters": [17.0, 17.0],
            "inside": [False, False],
            "across": [False, False],
        }
    )
    return calls


def main() -> None:
    calls = recorded_calls()
    PINNED.write_text(
        json.dumps([{"call": c, "places": outcome(c)} for c in calls], indent=1) + "\n"
    )
    print(f"{len(calls)} calls pinned in {PINNED}")


if __name__ == "__main__":
    main()
