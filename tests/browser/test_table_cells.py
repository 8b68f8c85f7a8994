"""No header and no cell of the pages' tables is cut at 1440 px, in English and in French
(the 2026-12-03 reviews: round 3 #7, "Organizations' pledged b…", "2004-01-2…", "Kind of
contri…", "Relative value (1…"; French #9, "$15,000" in a French table).

The grid (Glide Data Grid) draws its headers and cells on a canvas, and its accessible
table holds the raw values, not what a cell shows. So the check reads what the browser
was SENT: each table's message on Streamlit's websocket (the column configuration: each
header and width; the Styler's display values: each cell's text; the grouped headers of
the two-level columns), and measures every header, group name and cell text in the page
itself, with the grid's own font (canvas measureText), against its column's width less the
grid's padding. A text wider than that is drawn cut.

It also checks that French cells are French: no amount written "$15,000" and no ISO date.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import re

import pyarrow as pa
import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.config import REPO_ROOT
from tests.browser import helpers as h
from tests.browser.conftest import RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 1000}
PAD = 8  # the grid's cellHorizontalPadding, either side of a text
COMPARE = sorted(p.name for p in (REPO_ROOT / "data" / "snapshots").iterdir())[0]
# the tables of R3 #7: What changed's "Every initiative, before and after", Funding's
# "Every contribution", Initiative detail's "Organizations", Data & methods' "Snapshots"
PAGES = {"what-changed": f"compare={COMPARE}", "funding": "", "initiative": "",
         "data-methods": ""}
# the grid's fonts, as its theme set them on the page (CSS variables of its container)
FONTS = """() => {
  const el = [...document.querySelectorAll('[data-testid="stDataFrame"] *')]
    .find(e => getComputedStyle(e).getPropertyValue('--gdg-font-family'));
  const s = getComputedStyle(el);
  const family = s.getPropertyValue('--gdg-font-family').trim();
  return {cell: s.getPropertyValue('--gdg-base-font-style').trim() + ' ' + family,
          header: s.getPropertyValue('--gdg-header-font-style').trim() + ' ' + family};
}"""
MEASURE = """([texts, font]) => {
  const c = document.createElement('canvas').getContext('2d');
  c.font = font;
  return texts.map(t => c.measureText(t).width);
}"""
ENGLISH_MONEY = re.compile(r"^[+-]?\$\d{1,3}(,\d{3})+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _sent_tables(frames: list[bytes]) -> list[dict]:
    """Each st.dataframe the server sent: its key's id, columns' configuration, the
    group over each column and every cell's text."""
    found = []
    for raw in frames:
        try:
            msg = ForwardMsg.FromString(raw)
        except Exception:  # noqa: BLE001 - a frame that is no ForwardMsg
            continue
        if not msg.HasField("delta") or msg.delta.WhichOneof("type") != "new_element":
            continue
        el = msg.delta.new_element
        if el.WhichOneof("type") != "dataframe":
            continue
        df = el.dataframe
        data = pa.ipc.open_stream(io.BytesIO(df.arrow_data.data)).read_all()
        # the cells' texts: the Styler's display values, else the values as sent
        display = df.arrow_data.styler.display_values
        shown = pa.ipc.open_stream(io.BytesIO(display)).read_all() if display else data
        meta = json.loads(data.schema.metadata[b"pandas"])
        # an index stored as a column (a frame sorted, not a RangeIndex) is named by its
        # field name ("__index_level_0__"), its name None: not a column shown
        names = [c["name"] for c in meta["columns"]
                 if c["field_name"] not in meta["index_columns"]]
        levels = len(meta["column_indexes"])
        columns = []
        for i, name in enumerate(names):
            group, column = (eval(name) if levels > 1 else ("", name))  # noqa: S307 - a tuple's repr
            texts = [str(v) for v in shown.column(i).to_pylist() if v is not None]
            columns.append({"name": column, "group": group, "texts": texts})
        found.append({"config": json.loads(df.columns or "{}"),
                      "row_height": df.row_height,
                      "order": list(df.column_order), "columns": columns})
    return found


def _cut(page, table: dict, fonts: dict, visible: float | None = None) -> list[str]:
    """Every header, group name and cell text of the table wider than its column (a
    group's: than its columns). `visible`: the px of columns a phone shows; a column (a
    group) running past them is read by sliding the table, as the line under it says, and
    is not measured, but the edge may not fall inside its values (more of the column shown
    than its left padding and more hidden than its right one)."""
    config, order = table["config"], table["order"]
    by_name = {c["name"]: c for c in table["columns"]}
    problems = []
    groups: dict[str, list[float]] = {}  # a group's px, and where its last column ends
    left = 0.0
    for name in [c for c in order if c in by_name]:
        col, cfg = by_name[name], config.get(name, {})
        width = cfg.get("width")
        if not width:
            problems.append(f"{name}: no width set")
            continue
        left += width
        if col["group"]:
            groups.setdefault(col["group"], [0, 0])
            groups[col["group"]] = [groups[col["group"]][0] + width, left]
        header = cfg.get("label", name)
        if visible is not None and left > visible:
            if visible - (left - width) > PAD and left - visible > PAD:
                problems.append(f"the screen's edge at {visible:.0f} px cuts {header!r} "
                                f"({left - width:.0f}-{left:.0f} px)")
            continue
        (header_px,) = page.evaluate(MEASURE, [[header], fonts["header"]])
        if header_px > width - 2 * PAD:
            problems.append(f"header {header!r}: {header_px:.0f} px in a {width} px column")
        cells = page.evaluate(MEASURE, [col["texts"], fonts["cell"]])
        wrapped = table.get("row_height", 0) > 64 and cfg.get("type_config", {}).get(
            "type") == "text"
        for text, px in zip(col["texts"], cells, strict=True):
            if px > width - 2 * PAD and not wrapped:
                problems.append(f"{header!r} cell {text!r}: {px:.0f} px in a {width} px column")
                break
    for group, (width, end) in groups.items():
        if visible is not None and end > visible:
            continue
        (px,) = page.evaluate(MEASURE, [[group], fonts["header"]])
        if px > width - 2 * PAD:
            problems.append(f"group {group!r}: {px:.0f} px over {width} px of columns")
    return problems


@contextlib.contextmanager
def _listening(browser, viewport: dict):
    """A page at this viewport and the binary frames its websocket receives (the tables
    the app sends), the context closed after."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    page = context.new_page()
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda f: frames.append(f) if isinstance(f, bytes) else None))
    try:
        yield page, frames
    finally:
        context.close()


def _check(browser, base_url: str, lang: str) -> tuple[list[str], list[dict]]:
    problems: list[str] = []
    seen: list[dict] = []
    with _listening(browser, DESKTOP) as (page, frames):
        for path, query in PAGES.items():
            frames.clear()
            h.open_page(page, f"{base_url}/{path}?lang={lang}&{query}")
            h.wait_settled(page, timeout=RENDER_TIMEOUT_MS)
            fonts = page.evaluate(FONTS)
            # every table the page sent (a chart's table is sent only once switched on)
            tables = _sent_tables(frames)
            if not tables:
                problems.append(f"{path}: no table was sent")
            for t in tables:
                seen.append(t)
                problems += [f"{path} ({lang}): {p}" for p in _cut(page, t, fonts)]
    return problems, seen


def test_no_header_or_cell_is_cut_at_1440_in_english(browser, sample_server):
    problems, seen = _check(browser, sample_server.base_url, "en")
    assert problems == [], "\n".join(problems)
    # the four tables were measured (What changed's three, Funding's, the detail's, the
    # snapshots'), with their cells
    assert len(seen) >= 6 and all(c["texts"] for t in seen for c in t["columns"])


def test_no_header_or_cell_is_cut_at_1440_in_french_and_cells_are_french(browser,
                                                                          sample_server):
    problems, seen = _check(browser, sample_server.base_url, "fr")
    english = [f"{c['name']}: {text!r}" for t in seen for c in t["columns"]
               for text in c["texts"] if ENGLISH_MONEY.match(text) or ISO_DATE.match(text)]
    assert problems == [], "\n".join(problems)
    assert english == []  # "15 000 $US", "29 janvier 2004": never "$15,000", "2004-01-29"


PHONE = {"width": 390, "height": 844}
# R4 #9: What changed's "Every initiative, before and after" and Funding's "Every
# contribution" on a phone; FR4 #1: Initiative detail's "Organizations" ("21 0" at the
# edge) and Data & methods' "The ranges in use" (the figures off the screen)
PHONE_PAGES = {"what-changed": f"compare={COMPARE}", "funding": "", "initiative": "",
               "data-methods": ""}
# the column beside the pinned one on a phone: the figure a reader wants of each table
SECOND = {"what-changed": ("_change_usd", "_change"), "funding": ("amount_usd",),
          "initiative": ("pledged_share_usd", "amount_usd"), "data-methods": ("at least",)}
RANGES = "at least"  # Data & methods' "The ranges in use"
GRID_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .map(e => e.getBoundingClientRect().width)"""


def test_on_a_phone_each_table_shows_whole_values_up_to_the_screen_s_edge(browser,
                                                                         sample_server):
    """At 390 px, in English and in French, the grid shows the pinned name and, beside it,
    the column that matters: What changed's change, Funding's amount, Initiative detail's
    pledged share (FR4 #1: "21 0" at the edge), Data & methods' least share of the ranges.
    No header, group name or cell on the screen is cut, and the screen's edge falls inside no column's
    values (FR3 #2: Funding's date cut to "29 j"): it falls between columns or in a
    column's padding. A column running past the edge is read by sliding the table."""
    problems: list[str] = []
    with _listening(browser, PHONE) as (page, frames):
        for (path, query), lang in itertools.product(PHONE_PAGES.items(), ("en", "fr")):
            frames.clear()
            h.open_page(page, f"{sample_server.base_url}/{path}?lang={lang}&{query}")
            h.wait_settled(page, timeout=RENDER_TIMEOUT_MS)
            fonts = page.evaluate(FONTS)
            grids = page.evaluate(GRID_WIDTHS)
            tables = _sent_tables(frames)
            assert tables and len(grids) == len(tables), (path, grids)
            for t, grid in zip(tables, grids, strict=True):
                visible = grid - 2  # the grid's borders
                order, config = t["order"], t["config"]
                first, second = order[0], order[1]
                if path == "data-methods" and RANGES not in order:
                    continue  # the data dictionary, in narrower expanders, is for analysts
                assert second.endswith(SECOND[path]), (path, order)
                shown = config[first]["width"] + config[second]["width"]
                if shown > visible + PAD:  # its right padding may be past the edge
                    problems.append(f"{path} {order[:2]}: {shown} px in {visible:.0f} px")
                problems += [f"{path} ({lang}): {p}" for p in _cut(page, t, fonts, visible)]
    assert problems == [], "\n".join(problems)
