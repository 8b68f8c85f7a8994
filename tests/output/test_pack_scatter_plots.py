"""The cost-against-benefit scatters' plots as the pack draws them are the plots their
marks were placed on (dashboard/charts/scatter_labels.PLOTS): the pack's were estimated
(560 x 190 and 1100 x 230 px) and marks placed clear there ran into each other on the
drawn 503 x 147 ("#5" on "#14" on Prioritization's page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dashboard.charts import scatter_labels
from dashboard.output import briefing
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters

SAMPLE = Path(__file__).resolve().parents[2] / "data"


def test_the_packs_scatter_plots_are_those_their_marks_were_placed_on():
    db = Database(SAMPLE)
    try:
        scan = db.scan(refresh=True)
        snap = scan.snapshots[-1]
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of))
        plan = briefing.build_html(ctx, snap, scan, generated_at="2026-12-01 17:58 UTC")
    finally:
        db.close()
    found = re.search(r'<script type="application/json" id="figures">(.*?)</script>',
                      plan.html, flags=re.S)
    assert found
    plots = []
    for f in json.loads(found.group(1)):
        lay = f["figure"]["layout"]
        if "benefit" in json.dumps(lay.get("yaxis", {}).get("title", "")):
            m = lay["margin"]
            plots.append((lay["width"] - m["l"] - m["r"], lay["height"] - m["t"] - m["b"]))
    assert len(plots) == 2  # the Overview's and Prioritization's
    # Prioritization's (the second) on the page's full width, its plot at least 300 px tall
    # (reader's review round 5, #3; French round 3, #4: 503 x 147 px beside its lists)
    w, h = plots[1]
    assert w >= 900 and h >= 300, (w, h)
    # each as drawn is one of the plots the marks were placed on (a px either way)
    for w, h in plots:
        assert any(abs(w - pw) <= 1 and abs(h - ph) <= 1 for pw, ph in scatter_labels.PLOTS), \
            (w, h)
