"""Tables for people: the one presenter of every data table the pages show.

`present(df)` returns what each cell shows and the column configuration (plain dicts, so
this module needs no Streamlit and is tested directly); `output/table_view.sortable` hands
the grid the values with those texts, `streamlit_config` the st.column_config:

- headers in words ("Total cost (US$)", "Kind of donor"), never raw column names; What
  changed's three columns of one figure under its name once ("Cost (US$)" over "Change",
  "Before", "After"; `group_of`), the whole header in each column's help;
- codes shown in the reader's words of dashboard/contract/labels.py ("Member State",
  "Fund / programme", "Implementation planning"), as on the charts; a code left out where
  its name is in the table (`CODE_OF_NAME`: the downloads keep it); the key column (the
  initiative's name, the organization, the donor) pinned on the left;
- every number and date written by the dashboard's formatter in the reader's language
  (`cell_formatter`): money in the one format ("$12.3K" / "12 300 $US"), or, where a table
  is for sorting and reading exact amounts (`exact_money=True`, the list of every
  contribution), in whole dollars ("$21,000" / "21 000 $US"); shares as percentages with
  one decimal, dates as the app writes them ("2004-01-29" / "29 janvier 2004"); the grid
  still sorts them as numbers and dates (it keeps the values, `table_view`);
- every change column (`is_change`: "..._change_usd", "..._change", "..._change_pct") in
  one signed format, a rise with its "+" as a fall has its "-" ("+$156.1K", "-$18.0K",
  "+2", "+12.5%"; no sign for no change), as the waterfall of What changed says them;
- no "None": anything missing is "—";
- every column as wide as its header or its longest cell (`column_widths`, the texts
  measured with charts/figure_margins' table of character widths scaled to the grid's
  font); when the frame (a whole desktop column, or half of one) is short, the columns of
  words give way and wrap (`row_height`) without breaking a word, and a table still too
  wide is split into several, each with its key (`column_groups`): no header or cell is
  cut (tests/browser/test_table_cells.py measures them in Chromium). The key, then the
  first name, then the money, then the rest (`column_order`). On a phone the key stays
  on the left (at most PINNED_NAME_MAX wide, wrapped) and the other columns slide beside
  it: each row is read whole by sliding the table sideways.

Downloads (CSV, Excel) keep the raw numbers and the raw column names, which data/README.md
documents; `header_label` is the same wording for anyone who needs it (the briefing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from dashboard.charts.figure_margins import text_width
from dashboard.contract.labels import DONOR_PLEDGED, ORG_PLEDGED, PAID, code_label
from dashboard.formatting import (
    MISSING,
    format_count,
    format_count_change,
    format_date,
    format_percent,
    format_probability,
    format_usd_exact,
    format_year,
    is_missing,
    usd_formatter,
)
from dashboard.lang.lazy import N_, Msg, read
from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.output import group_words, text_wrap, value_words

# Column headers that are not just the column name in words (marked: read in the reader's
# language by header_label; the column NAMES, the export's and the CSV's, never change).
# TRANSLATORS: an amount's header: its name, then the unit
IN_USD = N_("{name} (US$)")
# an organization's own pledged share (never "Pledged" alone: donors pledge, FR #18, F2 #5):
# the Initiative page's organizations table and the pack's who-pays table
PLEDGED_SHARE = N_("Pledged share (US$)")
LABELS: dict[str, object] = {
    "initiative_id": N_("Initiative"),
    "agency_code": N_("Organization"),
    "agency_name": N_("Organization name"),
    "cost_share": N_("Cost share (key)"),
    "shared_cost_share_usd": N_("Share of shared cost (US$)"),
    "shared_benefit_share_usd": N_("Share of shared benefit (US$)"),
    "agency_type": N_("Kind of organization"),
    "initiative_name": N_("Initiative name"),
    "name": N_("Name"),
    "is_priority": N_("Priority"),
    "flagged_priority": N_("Flagged priority"),
    "in_model_top_eight": N_("In the model's top eight"),
    "rank_with_ties": N_("Rank (equal scores share one)"),
    "is_tied": N_("Score equal to another's"),
    "donor_type": N_("Kind of donor"),
    "contribution_type": N_("Kind of contribution"),
    "contribution_id": N_("Contribution"),
    "cost_category": N_("Kind of cost"),
    "benefit_category": N_("Kind of benefit"),
    "commitment_level": N_("Commitment level"),
    "level_rank": N_("Level (0 = none, 4 = lead)"),
    "relative_value": N_("Relative value (1–5)"),
    "mean_relative_value": N_("Mean relative value (1–5)"),
    "stage": N_("Implementation stage"),
    "stage_label": N_("Implementation stage"),
    "fiscal_year": N_("Fiscal year"),
    "as_of": N_("Snapshot"),
    "created_at": N_("Published"),
    "published_by": N_("Published by"),
    "benefit_cost_ratio": N_("Benefit-cost ratio"),
    "payback_year": N_("Payback year"),
    "initiatives_committed": N_("Initiatives committed to"),
    "initiatives_any_level": N_("Initiatives (any level)"),
    "organizations": N_("Organizations"),
    "share_of_paid": N_("Share of paid"),
    "top_k_share": N_("Share of weightings in the top eight"),
    "norm_cost": N_("Cost, scaled 0–1"),
    "norm_benefit": N_("Benefit, scaled 0–1"),
    "norm_value": N_("Value, scaled 0–1"),
    "cost_contribution": N_("Low-cost part of score"),
    "benefit_contribution": N_("Benefit part of score"),
    "value_contribution": N_("Value part of score"),
    "most_sensitive_to": N_("Most sensitive to"),
    "initiative_ids": N_("Initiatives"),
    "metric": N_("Figure"),
    "label": N_("Figure"),
    # the ranges (data/README.md, "Ranges: how sure each figure is")
    "cost_p10_usd": N_("Cost, likely low (US$)"),
    "cost_p90_usd": N_("Cost, likely high (US$)"),
    "benefit_p10_usd": N_("Benefit, likely low (US$)"),
    "benefit_p90_usd": N_("Benefit, likely high (US$)"),
    "npv_stated_usd": N_("NPV as stated (US$)"),
    "npv_downside_usd": N_("NPV, downside (US$)"),
    "npv_upside_usd": N_("NPV, upside (US$)"),
    "npv_if_worse_usd": N_("Portfolio NPV if its estimates come out worse (US$)"),
    "npv_if_better_usd": N_("Portfolio NPV if they come out better (US$)"),
    "p_npv_positive": N_("Chance its NPV is above 0"),
    "share_in_top8": N_("Share of outcomes in the top eight"),
    "share_of_draws": N_("Share of the outcomes"),
    "bin_from_usd": N_("NPV from (US$)"),
    "bin_to_usd": N_("NPV to (US$)"),
    "npv_usd": N_("NPV (US$)"),
    # one name per amount, as the charts' legends say it
    "agency_pledged_usd": Msg(IN_USD, name=ORG_PLEDGED),
    "pledged_share_usd": PLEDGED_SHARE,
    # "organization" everywhere a reader reads (round 3 #15), whatever the column's name
    "agencies_committed": N_("Organizations committed"),
    "lead_agency": N_("Lead organization"),
    "lead_agency_name": N_("Lead organization name"),
    "orgs_committed_before": N_("Organizations committed before"),
    "orgs_committed_after": N_("Organizations committed after"),
    "orgs_committed_change": N_("Organizations committed, change"),
    "cost_change_pct": N_("Cost change (%)"),
    "benefit_change_pct": N_("Benefit change (%)"),
    "paid_contributions_usd": Msg(IN_USD, name=PAID),
    "pledged_contributions_usd": Msg(IN_USD, name=DONOR_PLEDGED),
    "contributions_paid_usd": Msg(IN_USD, name=PAID),
    "contributions_pledged_usd": Msg(IN_USD, name=DONOR_PLEDGED),
    "amount_usd": N_("Amount (US$)"),
    # What changed's before / after / change of the two kinds of pledge: their one names
    # (contract/labels.py), never "Agency pledged" or "Pledged contributions"
    **{f"{column}_{when}_usd": Msg(words, name=name)
       for column, name in (("agency_pledged", ORG_PLEDGED),
                            ("pledged_contributions", DONOR_PLEDGED))
       for when, words in (("before", N_("{name}, before (US$)")),
                           ("after", N_("{name}, after (US$)")),
                           ("change", N_("{name}, change (US$)")))},
}
# The words of the columns not in LABELS ("total_cost_usd" -> "Total cost"), marked so the
# catalogue holds them: header_label reads them with _() (a column missing here reads in
# English).
FALLBACK_WORDS = (
    N_("Benefit after"), N_("Benefit before"), N_("Benefit change"),
    N_("Benefit received"), N_("Benefit"), N_("Cost after"), N_("Cost before"),
    N_("Cost borne"), N_("Cost change"), N_("Cost"), N_("Cumulative net"), N_("Date"),
    N_("Discounted net"), N_("Discounted"), N_("Donor"), N_("Category"), N_("Confidence"),
    N_("Funding gap"), N_("Funding target"), N_("High factor"), N_("Low factor"),
    N_("Line items"), N_("Max year"),
    N_("Min year"), N_("Net benefit"), N_("Net"), N_("Own benefit"), N_("Own cost"),
    N_("Paid contributions after"), N_("Paid contributions before"),
    N_("Paid contributions change"), N_("Paid"), N_("Pledged"), N_("Selected"),
    N_("Recurrence"), N_("Status"), N_("Total benefit"), N_("Total cost"), N_("Total"),
    N_("Year"), N_("Score"), N_("Rank"), N_("Best rank"), N_("Worst rank"),
    N_("Priority score"), N_("Source"), N_("Contents"), N_("Status text"),
    # the ranges in use (Data & methods); the rank sensitivity, the budget frontier, donors
    N_("Estimate"), N_("At least"), N_("At most"), N_("Values from"), N_("Rank spread"),
    N_("Verdict"), N_("Most sensitive to"), N_("Spread cost"), N_("Spread benefit"),
    N_("Spread value"), N_("Best possible score at most"), N_("Donors"))
# Columns whose values are codes, and how each code reads.
CODE_COLUMNS = ("donor_type", "agency_type", "contribution_type", "recurrence", "status",
                "commitment_level", "confidence", "benefit_category", "cost_category")
KEY_COLUMNS = ("initiative_id", "agency_code", "donor", "as_of", "contribution_id", "category",
               "metric")
SHARE_COLUMNS = ("share_of_paid", "top_k_share", "cost_share", "share_of_draws",
                 "p_npv_positive", "share_in_top8", "p_above_break_even")
# chances from the simulation: '>99.9%', never a rounded '100.0%' (formatting.format_probability)
PROBABILITY_COLUMNS = ("p_npv_positive", "share_in_top8", "p_above_break_even")
DATE_COLUMNS = ("date", "as_of", "created_at")
# a code column left out where its name is in the table (the name says it; a contribution:
# its donor, date and amount); the downloads keep it
CODE_OF_NAME = {"initiative_id": ("name", "initiative_name"), "agency_code": ("agency_name",),
                "contribution_id": ("donor",)}
NAME_COLUMNS = ("name", "initiative_name", "agency_name", "donor", "source", "status_text",
                "contents")


def is_change(column: str) -> bool:
    """A column of changes between two snapshots (dashboard/analysis/comparison.py): its
    values are shown signed."""
    return column.endswith(("_change", "_change_usd", "_change_pct"))


def header_label(column: str) -> str:
    """A column's header in words, in the reader's language: 'total_cost_usd' -> 'Total
    cost (US$)' (the words of a column not in LABELS are in FALLBACK_WORDS' catalogue)."""
    if column in LABELS:
        return str(read(LABELS[column]))
    words = column
    money = words.endswith("_usd")
    if money:
        words = words[: -len("_usd")]
    if words.startswith("is_"):
        words = words[3:]
    text = _(words.replace("_", " ").strip().capitalize())
    return _(IN_USD).format(name=text) if money else text


def code_name(value: object) -> object:
    """A code as people read it: 'member_state' -> 'Member State' (labels.code_label)."""
    return code_label(value)


# px of a column: its header's or its longest cell's text (charts/figure_margins' table of
# character widths, an upper bound of the grid's 14-px font), with the grid's padding
FONT_PX = 14
# the grid's font (Source Sans, which Streamlit serves) is narrower than the table's upper
# bound: its texts measured in Chromium came out at 0.79 of it; 0.85 keeps a margin
# (tests/browser/test_table_cells.py measures every header and cell in the page)
GRID_FONT = 0.85
CELL_PAD = 18  # the grid's 8 px either side of a cell's text, and 2 px spare
HEADER_PAD = 30  # a header's padding and the room of its sort arrow
MIN_WIDTH = 64
NAME_WRAP_MIN = 125  # px a name gives way to, wrapped, before the other columns do
NAME_MAX = 330  # a name's column at most (a longer name wraps or is cut: see `row_height`)
MONEY_MIN = 80  # px of an amount's column shown compact ("$24.2M")
MONEY_HEADER_MAX = 110  # px an amount's header keeps when the frame is short (help: the whole)
# a name kept on the left (pinned) at most, wrapped on up to four lines: on a phone the
# figures slide beside it, and a row is read whole by sliding the table sideways
PINNED_NAME_MAX = 210
TEXT_MAX = 420  # a free text's column at most (a longer one wraps: `row_height`)
FRAME_WIDTH = 978  # px of a table's frame in the main column of a 1440-px window
HALF_FRAME_WIDTH = 480  # in one of two columns
ROW_PX, LINE_PX, ROW_PAD = 35, 19, 14  # a one-line row; a wrapped line; a wrapped row's padding
WRAP_ABOVE = 64  # the grid wraps a cell's text only in rows taller than this (4rem)
# What changed's three columns of one figure: named once over them (a column group),
# each header then one word (the whole in its help)
WHEN = {"before": N_("Before"), "after": N_("After"), "change": N_("Change")}


def text_px(text: object) -> float:
    """Px a cell's or a header's text takes in the grid's font, at most (a no-break space
    is a space)."""
    plain = str(text).replace("\u202f", " ").replace("\u00a0", " ")
    return GRID_FONT * text_width(plain, FONT_PX)


def _kind(col: str, s: pd.Series) -> str:
    if col in NAME_COLUMNS:  # a donor is a key and a name: a name's width
        return "name"
    if col in KEY_COLUMNS:
        return "key"
    if col in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    if pd.api.types.is_bool_dtype(s):
        return "check"
    if col.endswith("_usd"):
        return "money"
    if pd.api.types.is_numeric_dtype(s):
        return "number"
    if col in CODE_COLUMNS or col == "stage":
        return "code"
    return "text"


def group_of(column: str, columns: Iterable[str]) -> tuple[str, str] | None:
    """(the group's stem, when) of a column of before / after / change that shares its stem
    with the other two in `columns`: 'cost_before_usd' -> ('cost_usd', 'before')."""
    for when in WHEN:
        for end in ("_usd", ""):
            tail = f"_{when}{end}"
            if column.endswith(tail):
                stem = column[: -len(tail)]
                if all(f"{stem}_{w}{end}" in columns for w in WHEN):
                    return stem + end, when
    return None


def group_label(stem: str) -> str:
    """A group's header in words: 'cost_usd' -> 'Cost (US$)'."""
    return group_words.group_name(stem, header_label)  # scoped under a filter (R6a #8)


def shown_label(column: str, columns: Iterable[str]) -> str:
    """The header a page shows: one word under a group ('Before'), else `header_label`."""
    grouped = group_of(column, list(columns))
    return str(read(WHEN[grouped[1]])) if grouped else header_label(column)


def column_order(df: pd.DataFrame) -> list[str]:
    """The order columns are shown in: the key (pinned), the first name, every amount,
    then the rest as the frame has them. A code whose name is in the table is left out
    (the name says it; the downloads keep both)."""
    cols = [str(c) for c in df.columns]
    first_key = next((c for c in cols if c in KEY_COLUMNS), None)
    named = [n for n in CODE_OF_NAME.get(first_key or "", ()) if n in cols][:1]
    cols = [c for c in cols if not (CODE_OF_NAME.get(c) and set(CODE_OF_NAME[c]) & set(cols))]
    kinds = {c: _kind(c, df[c]) for c in cols}
    # the pinned one: the key, or the name standing for the code left out
    key = named or [c for c in cols if c in KEY_COLUMNS][:1]
    # the first name beside the key, unless the key is itself a name
    name = [] if key and kinds[key[0]] == "name" else [
        c for c in cols if kinds[c] == "name" and c not in key][:1]
    money = [c for c in cols if kinds[c] == "money"]
    first = key + name + money
    return first + [c for c in cols if c not in first]


def pinned_column(cols: Iterable[str]) -> str | None:
    """The column kept on the left while the rest slide, of columns in `column_order`: the
    first, when it is a key or a name."""
    first = next(iter(cols), None)
    return first if first in KEY_COLUMNS or first in NAME_COLUMNS else None


def cell_formatter(col: str, s: pd.Series, exact_money: bool = False) -> Callable | None:
    """The one function writing a cell of a column of numbers or dates in the reader's
    language (dashboard/formatting.py): '$21,000' / '21 000 $US', '+$156.1K', '52.8%' /
    '52,8 %', '2004-01-29' / '29 janvier 2004'; None for text, codes and ticks."""
    if col in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(s):
        return _date_cell
    if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
        return None
    if is_change(col):
        return _signed_formatter(col, s)
    if col.endswith("_usd"):  # one scale a column (FR3 #7: `usd_formatter`)
        return format_usd_exact if exact_money else usd_formatter(s)
    if col in PROBABILITY_COLUMNS:
        return format_probability
    if col in SHARE_COLUMNS:
        return format_percent
    if col == "benefit_cost_ratio":
        return lambda v: MISSING if is_missing(v) else number(float(v), 2) + "x"
    if col in ("fiscal_year", "year", "payback_year", "rank", "best_rank", "worst_rank"):
        return format_year
    if pd.api.types.is_float_dtype(s):
        return lambda v: MISSING if is_missing(v) else number(float(v), 3)
    return format_count


def _date_cell(value: object) -> str:
    """A date in the reader's language; a cell that is no date shown as written."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    try:
        day = pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return str(value)
    return format_date(day)


def _texts(col: str, s: pd.Series, exact_money: bool) -> list[str]:
    """What each cell of the column shows."""
    fmt = cell_formatter(col, s, exact_money)
    if fmt is not None:
        return [fmt(v) for v in s]
    if pd.api.types.is_bool_dtype(s):
        return ["✓"]
    if col in CODE_COLUMNS or col == "stage":
        s = s.map(code_name)
    return [MISSING if pd.isna(v) else str(v) for v in s.astype(object)]


def _needed(col: str, s: pd.Series, label: str, exact_money: bool) -> int:
    """Px the column needs to show its header and every cell whole."""
    cells = max((text_px(t) for t in _texts(col, s, exact_money)), default=0.0)
    return int(math.ceil(max(cells + CELL_PAD, text_px(label) + HEADER_PAD, MIN_WIDTH)))


def column_widths(df: pd.DataFrame, frame: int = FRAME_WIDTH, *, exact_money: bool = False,
                  ) -> tuple[dict[str, int], bool]:
    """Each column's width in px, and whether exact amounts are shown compact. Each column
    as wide as its header or its longest cell (`_needed`), a name or a free text at most
    NAME_MAX / TEXT_MAX; a group's columns together as wide as the group's name. When they
    would not fit, every column but the amounts is narrowed alike (to at least MIN_WIDTH);
    when exact amounts still do not fit, they are shown compact ("24.2M", still sorted as
    numbers). So no column runs past the frame while the frame can hold them at all."""
    cols = [str(c) for c in df.columns]
    kinds = {c: _kind(c, df[c]) for c in cols}
    room = frame - 4  # the grid's borders
    widths = {c: _needed(c, df[c], shown_label(c, cols), exact_money) for c in cols}
    pinned_name = pinned_column(column_order(df))
    for c in cols:
        if kinds[c] == "name":
            widths[c] = min(widths[c], PINNED_NAME_MAX if c == pinned_name else NAME_MAX)
        elif kinds[c] == "text":
            widths[c] = min(widths[c], TEXT_MAX)
    _widen_groups(widths, cols)
    money_cols = [c for c in cols if kinds[c] == "money"]
    compact = False
    money = sum(widths[c] for c in money_cols)
    rest_min = MIN_WIDTH * (len(cols) - len(money_cols))
    if exact_money and money + rest_min > room:
        compact = True
        for c in money_cols:
            widths[c] = _needed(c, df[c].map(usd_formatter(df[c])), shown_label(c, cols), False)
        money = sum(widths[c] for c in money_cols)
    if sum(widths.values()) > room:
        _give_way(df, cols, kinds, widths, room, compact=compact, exact_money=exact_money)
    return widths, compact


def _give_way(df: pd.DataFrame, cols: list[str], kinds: dict[str, str], widths: dict[str, int],
              room: int, *, compact: bool, exact_money: bool) -> None:
    """Columns too wide for the frame together: an amount keeps its figures whole and its
    group's name, its header as far as MONEY_HEADER_MAX (the whole header is its help);
    the columns of words (names, codes, free text) then share what is left, each at least
    its header and its longest word (a name at least NAME_WRAP_MIN), and wrap (`row_height`); the key, dates and
    numbers keep their width. When even that is too wide, `column_groups` splits the table."""
    money_cols = [c for c in cols if kinds[c] == "money"]
    for c in money_cols:
        figures = df[c].map(usd_formatter(df[c])) if compact else df[c]
        cells = _needed(c, figures, "", exact_money and not compact)
        header = min(MONEY_MIN if compact else MONEY_HEADER_MAX,
                     int(text_px(shown_label(c, cols)) + HEADER_PAD))
        widths[c] = min(widths[c], max(cells, header, _group_share(c, cols)))
    pinned = pinned_column(column_order(df))
    words = [c for c in cols if kinds[c] in ("name", "code", "text")
             and not (c == pinned and kinds[c] == "key")]
    floors = {c: max(int(text_px(shown_label(c, cols)) + HEADER_PAD), _longest_word(
        _texts(c, df[c], exact_money)), NAME_WRAP_MIN if kinds[c] == "name" else MIN_WIDTH)
        for c in words}
    floors = {c: min(f, widths[c]) for c, f in floors.items()}
    left = room - sum(w for c, w in widths.items() if c not in words)
    extra = left - sum(floors.values())
    wants = {c: widths[c] - floors[c] for c in words}
    share = min(1.0, extra / sum(wants.values())) if extra > 0 and sum(wants.values()) else 0.0
    widths.update({c: floors[c] + int(wants[c] * share) for c in words})


def _longest_word(texts: Iterable[str]) -> int:
    """Px of the longest word of the texts, with a cell's padding: a wrapped column never
    breaks a word ("Telecommunicati / on")."""
    return int(math.ceil(max((text_px(w) for t in texts for w in t.split()), default=0.0)
                         + CELL_PAD))


def _group_share(column: str, cols: list[str]) -> int:
    """Px a grouped column's part of its group's name takes (0 outside a group)."""
    grouped = group_of(column, cols)
    if not grouped:
        return 0
    return int(math.ceil((text_px(group_label(grouped[0])) + HEADER_PAD) / len(WHEN)))


def _widen_groups(widths: dict[str, int], cols: list[str]) -> None:
    """A group's columns share at least the width of the group's name."""
    seen: set[str] = set()
    for c in cols:
        grouped = group_of(c, cols)
        if not grouped or grouped[0] in seen:
            continue
        seen.add(grouped[0])
        members = [m for m in cols if (g := group_of(m, cols)) and g[0] == grouped[0]]
        need = text_px(group_label(grouped[0])) + HEADER_PAD
        short = need - sum(widths[m] for m in members)
        if short > 0:
            for m in members:
                widths[m] += int(math.ceil(short / len(members)))


def row_height(df: pd.DataFrame, widths: dict[str, int], *, exact_money: bool = False,
               ) -> int | None:
    """Px of a row when a free text or a name is longer than its column: tall enough for
    its lines as the grid wraps them between words (`text_wrap`); None: one line does."""
    lines = 1
    for c in df.columns:
        if (kind := _kind(str(c), df[c])) not in ("name", "code", "text") or c not in widths:
            continue
        room = max(1, widths[str(c)] - CELL_PAD)
        most = text_wrap.most(_texts(str(c), df[c], exact_money), room, text_px)
        lines = max(lines, min(text_wrap.most_lines(str(c), kind), most))
    return None if lines == 1 else max(WRAP_ABOVE + 1, ROW_PAD + LINE_PX * lines)


def column_groups(df: pd.DataFrame, frame: int = FRAME_WIDTH, *,
                  exact_money: bool = False) -> list[list[str]]:
    """The columns in `column_order`, split into tables the frame holds whole: one table
    while it fits; else each table repeats the key and the name and takes the next columns
    while their narrowest widths fit (24 columns of a comparison become three tables
    side by side in reading order, rather than one running past the frame)."""
    order = column_order(df)
    if not len(order):
        return [order]
    widths, _ = column_widths(df[order], frame, exact_money=exact_money)
    if sum(widths.values()) <= frame:
        return [order]
    kinds = {c: _kind(c, df[c]) for c in order}
    head = [c for c in order[:2] if kinds[c] in ("key", "name")]

    def fits(cols: list[str]) -> bool:
        w, _ = column_widths(df[cols], frame, exact_money=exact_money)
        return sum(w.values()) <= frame

    groups: list[list[str]] = []
    current: list[str] = []
    for c in order[len(head):]:
        if current and not fits(head + current + [c]):
            cut = group_words.cut(current, c, lambda x: group_of(x, order))
            groups.append(head + current[:cut])
            current = current[cut:]
        current.append(c)
    if current or not groups:
        groups.append(head + current)
    return groups


def present(df: pd.DataFrame, *, exact_money: bool = False, frame: int = FRAME_WIDTH,
            ) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """The table to show, each cell as the reader reads it, and its column configuration
    (see the module docstring); `frame`: the px of the frame the table stands in. A column
    of numbers or dates keeps its values for sorting in the page's table
    (`table_view.sortable`): its configuration names the function writing its cells
    (`cells`), its `type` is a number or a date; `group`: the name over a column of before /
    after / change, `help`: its header in full."""
    out = df.copy()
    cols = [str(c) for c in out.columns]
    config: dict[str, dict[str, Any]] = {}
    pinned = pinned_column(column_order(df))
    widths, compact = column_widths(df, frame, exact_money=exact_money)
    for col in out.columns:
        s = out[col]
        c = str(col)
        cfg: dict[str, Any] = {"label": shown_label(c, cols), "width": widths[c],
                               "help": header_label(c)}
        if (grouped := group_of(c, cols)) is not None:
            # the grid reads a two-level header from Arrow's field name, Python's repr of
            # the pair: a ' in it drops the group's columns from the page (round 4 #8, the
            # organizations' pledged shares): the typographic apostrophe
            cfg["group"] = group_label(grouped[0]).replace("'", "\u2019")
        if col == pinned:
            cfg["pinned"] = True
        fmt = cell_formatter(c, s, exact_money)
        if fmt is not None and c.endswith("_usd") and exact_money and compact:
            fmt = usd_formatter(s)  # "$24.2M" where whole dollars would not fit
        if fmt is not None:
            out[col] = [fmt(v) for v in s]
            kind = "date" if fmt is _date_cell else "number"
            cfg.update(type_config={"type": kind}, cells=fmt, alignment="right"
                       if kind == "number" else "left")
        elif pd.api.types.is_bool_dtype(s):
            cfg.update(type_config={"type": "checkbox"})
        else:
            if col in CODE_COLUMNS or col == "stage":
                s = s.map(code_name)
            elif col in value_words.COLUMNS:  # words, not codes: in the reader's language
                s = s.map(value_words.COLUMNS[col])
            out[col] = s.astype(object).where(s.notna(), MISSING)
            cfg.update(type_config={"type": "text"})
        config[c] = cfg
    return out, config


def _signed_formatter(column: str, s: pd.Series):
    """The one signed format of a change column `s`: money (one scale, `usd_formatter`), a
    percentage (the values are percentages already: 12.5 is 12.5%) or a count."""
    if column.endswith("_usd"):
        return usd_formatter(s, signed=True)
    if column.endswith("_pct"):
        return lambda v: format_percent(v if pd.isna(v) else float(v) / 100, signed=True)
    return format_count_change


def streamlit_config(config: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The presenter's plain configuration as st.column_config objects."""
    import streamlit as st

    cc = st.column_config
    made: dict[str, Any] = {}
    for col, cfg in config.items():
        kind = cfg.get("type_config", {}).get("type")
        common = {k: cfg[k] for k in ("label", "width", "pinned", "alignment", "help")
                  if k in cfg}
        # a number's or a date's cells are written by `cells` (table_view.sortable): a
        # format here would replace them with the grid's English one
        if kind == "date":
            made[col] = cc.DateColumn(**common)
        elif kind == "checkbox":
            made[col] = cc.CheckboxColumn(**common)
        elif kind == "number":
            made[col] = cc.NumberColumn(**common)
        else:
            made[col] = cc.TextColumn(**common)
    return made
