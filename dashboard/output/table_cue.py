"""The line under a table that is wider than a phone (French review 3 #2, round 5 #10).

A table's columns keep their widths (dashboard/output/tables.py); on a 390-px phone a
table wider than the screen is cut at its right edge, often inside a figure (« 21 0 »),
and nothing showed that it scrolls. Under every such table, one short line says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

PHONE_TABLE = 358  # px a table is wide on a 390-px phone (the page's padding either side)
SCROLL_CUE = N_("On a narrow screen, slide the table sideways to see every column.")


def scroll_cue(widths: Mapping[str, int]) -> str | None:
    """The cue under a table whose columns (px each) are wider together than a phone;
    None when the whole table shows on one."""
    return _(SCROLL_CUE) if sum(widths.values()) > PHONE_TABLE else None
