"""AppTest on the fixture: Data & methods says what "likely" means and shows the range
factors in use, the snapshot's own marked (the fixture replaces medium-confidence benefits,
tests/fixture_data.py RANGES)."""

from __future__ import annotations

from dashboard import pages as registry
from dashboard.output import summary
from tests.apptest import open_app


def test_data_methods_explains_likely_and_lists_the_factors_in_use(fixture_dir, monkeypatch):
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    assert not at.exception, [e.value for e in at.exception]
    words = " ".join(m.value for m in at.markdown)
    assert "8 times in 10" in words and "Green Book" in words
    assert "How sure the figures are, in short" in [h.value for h in at.header]
    factors = [d.value for d in at.dataframe if "estimate" in d.value.columns][0]
    rows = {r.estimate: (r[2], r[3], r[4]) for r in factors.itertuples()}
    assert len(rows) == 5  # the contract's five classes, in words
    # the fixture's own medium factors (0.5, 1.5); the contract's defaults elsewhere
    assert rows["Benefit, medium confidence"] == ("50% of stated", "150% of stated",
                                                  "this snapshot's own ranges")
    assert rows["Benefit, low confidence"] == ("20% of stated", "130% of stated", "the defaults")
    assert rows["Cost, one-off"] == ("95% of stated", "160% of stated", "the defaults")


def test_the_overview_tiles_carry_their_likely_range(fixture_dir, monkeypatch):
    # the unfiltered fixture: cost lines 255 (one-off 50 + 40 + 10 + 5 = 105 at 0.95..1.60,
    # recurring 150 at 0.95..1.25), so every draw of the cost lies in [242.25, 356.25]; the
    # stated 255 is inside. Benefit 295: its low-confidence share is (30 + 15) / 295 = 15%.
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    likely = [c.value for c in at.caption if c.value.startswith("Likely ")]
    assert len(likely) == 4  # cost, benefit, net, ratio; none on the counts or the funding
    # the range, then (when the stated figure lies outside it) a clause saying so
    cost_range = likely[0].split("; ")[0]
    lo, hi = (float(x.replace("\\$", "")) for x in cost_range[len("Likely "):].split(" to "))
    assert 242.25 <= lo < hi <= 356.25
    sentence = at.markdown[0].value
    assert "15% of the benefit is low confidence" in sentence
    assert "(1 of the 4 has no funding target)" in sentence  # SEC has no funding target
    assert any(c.value.startswith(summary.LIKELY_MEANS) for c in at.caption)


def test_the_npv_tile_carries_the_npv_likely_range(fixture_dir, db, monkeypatch):
    # the tile's range is the ranges_portfolio sheet's npv_usd P10 and P90 (the sheet's
    # own figures are checked against a convolution in tests/analysis/test_ranges.py)
    from dashboard.formatting import format_usd
    from dashboard.query import chart_data, ranges_data
    from dashboard.query.filters import Filters
    from tests import fixture_data
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF),
                             discount_rate=0.05, weights=chart_data.DEFAULT_WEIGHTS,
                             budget=None, compare_to=None)
    npv = ranges_data.ranges_portfolio(ctx).set_index("metric").loc["npv_usd"]
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["costs-benefits"].app_test_path).run()
    assert not at.exception, [e.value for e in at.exception]
    likely = [c.value.replace("\\$", "$") for c in at.caption if c.value.startswith("Likely ")]
    assert likely == [f"Likely {format_usd(npv['p10'])} to {format_usd(npv['p90'])}"]


def test_the_ranges_table_speaks_french(fixture_dir, monkeypatch):
    # French review #7: its headers were "Estimate / At least / At most / From"
    import json

    at = open_app(fixture_dir, monkeypatch)
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    assert not at.exception, [e.value for e in at.exception]
    table = [d for d in at.dataframe if "estimate" in d.value.columns][0]
    labels = {k: v.get("label") for k, v in json.loads(table.proto.columns).items()}
    assert [labels[c] for c in ("estimate", "at least", "at most", "values from")] == [
        "Estimation", "Au minimum", "Au maximum", "Source des valeurs"]
    rows = {r.estimate: r[4] for r in table.value.itertuples()}
    assert rows["Avantage, confiance moyenne"] == "les fourchettes propres à cet instantané"
