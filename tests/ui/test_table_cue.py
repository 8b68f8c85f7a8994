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
    wide = AppTest.from_function(_page, args=(6,), default_timeout=60).run()
    assert not wide.exception
    assert [c.value for c in wide.caption] == [
        "On a narrow screen, slide the table sideways to see every column."]
    narrow = AppTest.from_function(_page, args=(0,), default_timeout=60).run()
    assert not narrow.exception
    assert [c.value for c in narrow.caption] == []


def test_the_cue_hides_in_a_window_where_the_table_fits_its_frame():
    # Funding's table, 971 px of columns in the 978-px frame of a 1440-px window: whole
    # from a window 7 px narrower, 1433 px; a 400-px table in a 480-px half frame: each
    # half narrows by half the window, 80 px of slack are 160 px of window: 1280 px
    assert table_cue.narrowest_whole({"a": 900, "b": 71}, 978) == 1433
    assert table_cue.narrowest_whole({"a": 400}, 480) == 1280


def test_the_cue_s_container_is_hidden_from_that_width_up():
    wide = AppTest.from_function(_page, args=(6,), default_timeout=60).run()
    styles = [e.proto.body for e in wide.get("html")]
    assert any("@media (min-width:" in s and ".st-key-t_cue" in s for s in styles), styles


# round 6 #3: What changed's 15 initiatives in a box of five wrapped rows, nothing saying it
# scrolls: a table of up to 30 rows shows every row; a longer one its box of ten, with a
# line saying how many rows it holds
def test_a_short_table_shows_every_row_and_a_long_one_says_it_scrolls():
    assert table_cue.height(15) == "content" and table_cue.height(30) == "content"
    assert table_cue.height(31) == "auto"
    assert table_cue.rows_cue(30) is None
    assert table_cue.rows_cue(84) == (
        "The table holds 84 rows: scroll inside it to see them all.")
    with language("fr"):
        assert table_cue.rows_cue(1200) == (
            "Le tableau compte 1\u202f200 lignes\u00a0: faites-le défiler pour les voir "
            "toutes.")


def _rows(n: int) -> None:
    import pandas as pd

    from dashboard.ui import blocks

    blocks.table(pd.DataFrame({"name": [f"Initiative {i}" for i in range(n)],
                               "cost_usd": [1.0e6] * n}), "t")


def test_the_grid_is_given_the_rule_s_height(monkeypatch):
    import streamlit as st

    heights = []
    monkeypatch.setattr(st, "dataframe", lambda *a, **k: heights.append(k.get("height")))
    monkeypatch.setattr(st, "caption", lambda *a, **k: None)
    _rows(15)
    _rows(84)
    assert heights == ["content", "auto"]


def test_a_long_table_has_the_rows_line_under_it():
    long = AppTest.from_function(_rows, args=(84,), default_timeout=60).run()
    assert [c.value for c in long.caption] == [
        "The table holds 84 rows: scroll inside it to see them all."]
