"""French review 3 #2 and round 5 #10: a table wider than a 390-px phone is cut at the
screen's edge; under every such table one line says that it slides sideways, in the
reader's language. A table that fits a phone has no such line."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.lang.translate import language
from dashboard.output import table_cue


def test_the_cue_is_for_a_table_wider_than_a_phone_only():
    # a phone's table is 390 px less the page's 16 px either side: 358 px
    assert table_cue.scroll_cue({"name": 200, "cost_usd": 158}) is None
    assert table_cue.scroll_cue({"name": 200, "cost_usd": 159}) == (
        "On a narrow screen, slide the table sideways to see every column.")
    with language("fr"):
        cue = table_cue.scroll_cue({"name": 300, "a": 100})
        assert cue and cue.startswith("Sur un écran étroit"), cue


def _page(columns: int) -> None:
    import pandas as pd

    from dashboard.ui import blocks

    blocks.table(pd.DataFrame({"name": ["Enterprise resource planning"],
                               **{f"cost_{i}_usd": [1.0e6] for i in range(columns)}}), "t")


def test_a_wide_table_has_the_cue_under_it_and_a_narrow_one_none():
    wide = AppTest.from_function(_page, args=(6,)).run()
    assert not wide.exception
    assert [c.value for c in wide.caption] == [
        "On a narrow screen, slide the table sideways to see every column."]
    narrow = AppTest.from_function(_page, args=(0,)).run()
    assert not narrow.exception
    assert [c.value for c in narrow.caption] == []
