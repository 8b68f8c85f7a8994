"""The lines under a table that is wider than a phone or longer than a page's share (French review 3 #2, round 5 #10).

A table's columns keep their widths (dashboard/output/tables.py); on a 390-px phone a
table wider than the screen is cut at its right edge, often inside a figure (« 21 0 »),
and nothing showed that it scrolls. Under every such table, one short line says so, on a
screen narrower than the table needs only (`narrowest_whole`): on a desktop, where the
table fits its frame, the line is hidden (round 5, the re-look).
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.formatting import format_count
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.output.tables import FRAME_WIDTH

DESKTOP_WINDOW = 1440  # px of the window the frames are measured in (tables.FRAME_WIDTH)
PHONE_TABLE = 358  # px a table is wide on a 390-px phone (the page's padding either side)
SCROLL_CUE = N_("On a narrow screen, slide the table sideways to see every column.")
# a table this short shows every row, with no scroll box of its own (round 6 #3: What
# changed's 15 initiatives in a box of five wrapped rows, nothing saying it scrolls);
# a longer one keeps the grid's box (ten rows at most: fewer when names wrap), and a line
# under it says how many rows it holds (round 7 N3: not "ten", when five showed)
ALL_ROWS = 30
ROWS_CUE = N_("The table holds {rows} rows: scroll inside it to see them all.")


def height(rows: int) -> str:
    """The grid's height for a table of `rows` rows: "content" (every row) up to ALL_ROWS,
    else "auto" (Streamlit's box of ten rows, scrolled)."""
    return "content" if rows <= ALL_ROWS else "auto"


def rows_cue(rows: int) -> str | None:
    """The line under a table too long to show whole (`height`); None when it shows whole."""
    return None if rows <= ALL_ROWS else _(ROWS_CUE).format(rows=format_count(rows))


def scroll_cue(widths: Mapping[str, int]) -> str | None:
    """The cue under a table whose columns (px each) are wider together than a phone;
    None when the whole table shows on one."""
    return _(SCROLL_CUE) if sum(widths.values()) > PHONE_TABLE else None


def narrowest_whole(widths: Mapping[str, int], frame: int) -> int:
    """The narrowest window (px) showing the table whole in its frame (`frame` px wide in a
    1440-px window): narrower by the table's slack in its frame, twice that for a table in
    one of two columns (each column narrows by half of the window)."""
    per_column = round(FRAME_WIDTH / frame)  # 1 in the main column, 2 in one of two
    return DESKTOP_WINDOW - (frame - sum(widths.values())) * per_column
