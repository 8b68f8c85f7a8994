"""Tables for people: the one presenter of every data table the pages show.

`present(df)` returns a copy for display and its `st.column_config` (plain dicts of the
same shape, so this module needs no Streamlit and is tested directly):

- headers in words ("Total cost (US$)", "Kind of donor"), never raw column names;
- codes shown in the reader's words of dashboard/contract/labels.py ("Member State",
  "Fund / programme", "Implementation planning"), as on the charts; the key column
  (initiative, organization, donor) pinned on the left;
- money in the dashboard's one format ("$12.3K", as on the tiles, axes and hovers), or,
  where a table is for sorting and reading exact amounts (`exact_money=True`, e.g. the
  list of every contribution), as a sortable number of whole dollars ("$21,000"); shares
  as percentages with one decimal, dates as dates (no 00:00:00), true/false as ticks;
- every change column (`is_change`: "..._change_usd", "..._change", "..._change_pct") in
  one signed format, a rise with its "+" as a fall has its "-" ("+$156.1K", "-$18.0K",
  "+2", "+12.5%"; no sign for no change), as the waterfall of What changed says them;
- no "None": a missing amount or text is "—", a missing number an empty cell;
- every column a fixed width (`column_widths`) that fits the table's frame (a whole
  desktop column, or half of one): the key, then the first name, then the money, then the
  rest (`column_order`), so the amounts are never the columns cut off at the right or on a
  phone.

Downloads (CSV, Excel) keep the raw numbers and the raw column names, which data/README.md
documents; `header_label` is the same wording for anyone who needs it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.contract.labels import DONOR_PLEDGED, ORG_PLEDGED, PAID, code_label
from dashboard.formatting import (
    MISSING,
    format_count,
    format_count_change,
    format_percent,
    format_probability,
    format_usd,
    format_usd_change,
)
from dashboard.lang.lazy import N_, Msg, read
from dashboard.lang.translate import _
from dashboard.output import value_words

# Column headers that are not just the column name in words (marked: read in the reader's
# language by header_label; the column NAMES, the export's and the CSV's, never change).
# TRANSLATORS: an amount's header: its name, then the unit
IN_USD = N_("{name} (US$)")
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


# px of a column by what it holds (an amount: by its longest figure, `_money_width`)
WIDTHS = {"key": 110, "date": 105, "check": 80, "number": 95, "code": 130, "text": 150,
          "name": 200}
MIN_WIDTH = 64
NAME_MIN = 180  # px a name keeps while other columns can give way
KEY_CHAR_PX, KEY_MAX = 7.2, 140  # the pinned key: px a character, at most
MONEY_MIN, MONEY_MAX = 84, 135  # px of an amount's column ("$12.3M" .. "$10,000,000,000")
DIGIT_PX = 6.6  # px a character of a figure takes in the table's font (14 px), padding apart
HEADER_PX = 6.8  # px a character of a header takes
MONEY_HEADER_MAX = 110  # px an amount's column widens for its header ("Pledged (US$)"), at most
FRAME_WIDTH = 978  # px of a table's frame in the main column of a 1440-px window
HALF_FRAME_WIDTH = 480  # in one of two columns
EXACT = "$%,.0f"  # an exact amount, sortable: "$21,000"
COMPACT = "compact"  # an amount where exact ones would not fit: "21K" under "(US$)", sortable


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


def _money_width(col: str, s: pd.Series, exact: bool) -> int:
    """Room for the longest figure and, up to MONEY_MAX, for the header."""
    nums = pd.to_numeric(s, errors="coerce").dropna()
    fmt = format_usd_change if is_change(col) else format_usd
    texts = [f"${abs(v):,.0f}" if exact else fmt(v) for v in nums] or ["$0"]
    chars = max(len(t) for t in texts) + (1 if (nums < 0).any() else 0)
    header = min(MONEY_HEADER_MAX, HEADER_PX * len(header_label(col)) + 24)
    return int(min(MONEY_MAX, max(MONEY_MIN, DIGIT_PX * chars + 20, header)))


def column_order(df: pd.DataFrame) -> list[str]:
    """The order columns are shown in: the key (pinned), the first name, every amount,
    then the rest as the frame has them."""
    cols = [str(c) for c in df.columns]
    kinds = {c: _kind(c, df[c]) for c in cols}
    key = [c for c in cols if c in KEY_COLUMNS][:1]  # the pinned one
    name = [c for c in cols if kinds[c] == "name" and c not in key][:1]
    money = [c for c in cols if kinds[c] == "money"]
    first = key + name + money
    return first + [c for c in cols if c not in first]


def column_widths(df: pd.DataFrame, frame: int = FRAME_WIDTH, *, exact_money: bool = False,
                  ) -> tuple[dict[str, int], bool]:
    """Each column's width in px, and whether exact amounts are shown compact. By what a
    column holds, an amount by its longest figure, names sharing what is left of the
    frame. When they would not fit, every column but the amounts is narrowed alike (to
    at least MIN_WIDTH); when exact amounts still do not fit, they are shown compact
    ("24.2M", still sorted as numbers). So no column runs past the frame while the frame
    can hold them at all."""
    cols = [str(c) for c in df.columns]
    kinds = {c: _kind(c, df[c]) for c in cols}
    room = frame - 4  # the grid's borders
    money_cols = [c for c in cols if kinds[c] == "money"]
    widths = {c: (_money_width(c, df[c], exact_money) if c in money_cols else WIDTHS[kinds[c]])
              for c in cols}
    # the pinned key (a code) is read whole: as wide as its longest value
    pinned = [c for c in cols if c in KEY_COLUMNS and kinds[c] == "key"][:1]
    for c in pinned:
        longest = max((len(str(v)) for v in df[c].dropna()), default=4)
        widths[c] = int(min(KEY_MAX, max(MIN_WIDTH, KEY_CHAR_PX * longest + 24)))
    names = [c for c in cols if kinds[c] == "name"]
    fixed = sum(w for c, w in widths.items() if c not in names)
    if names:
        each = max(WIDTHS["text"], (room - fixed) // len(names))
        widths.update({c: each for c in names})
    compact = False
    money = sum(widths[c] for c in money_cols)
    rest_min = MIN_WIDTH * (len(cols) - len(money_cols))
    if exact_money and money + rest_min > room:
        compact = True
        widths.update({c: MONEY_MIN for c in money_cols})
        money = MONEY_MIN * len(money_cols)
    total = sum(widths.values())
    if total > room:
        # narrow every column but the amounts, whose figures must show whole; the names
        # (what a reader tells rows apart by) keep NAME_MIN while the others can give way
        others = [c for c in cols if c not in money_cols and c not in names
                  and c not in pinned]
        money += sum(widths[c] for c in pinned)  # kept whole too
        name_w = max(MIN_WIDTH, min(NAME_MIN, (room - money - MIN_WIDTH * len(others))
                                    // max(1, len(names))))
        left = max(0, room - money - name_w * len(names))
        other_total = sum(widths[c] for c in others)
        scale = min(1.0, left / other_total) if other_total else 1.0
        widths.update({c: max(MIN_WIDTH, int(widths[c] * scale)) for c in others})
        spare = room - money - sum(widths[c] for c in others)
        widths.update({c: max(MIN_WIDTH, spare // len(names)) for c in names} if names else {})
    return widths, compact


def column_groups(df: pd.DataFrame, frame: int = FRAME_WIDTH, *,
                  exact_money: bool = False) -> list[list[str]]:
    """The columns in `column_order`, split into tables the frame holds whole: one table
    while it fits; else each table repeats the key and the name and takes the next columns
    while their narrowest widths fit (24 columns of a comparison become three tables
    side by side in reading order, rather than one running past the frame)."""
    order = column_order(df)
    if not len(order):
        return [order]
    widths, _ = column_widths(df, frame, exact_money=exact_money)
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
            groups.append(head + current)
            current = []
        current.append(c)
    if current or not groups:
        groups.append(head + current)
    return groups


def present(df: pd.DataFrame, *, exact_money: bool = False, frame: int = FRAME_WIDTH,
            ) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """The table to show and its column configuration (see the module docstring); `frame`:
    the px of the frame the table stands in."""
    out = df.copy()
    config: dict[str, dict[str, Any]] = {}
    pinned = next((c for c in out.columns if c in KEY_COLUMNS), None)  # the first key
    widths, compact = column_widths(df, frame, exact_money=exact_money)
    for col in out.columns:
        s = out[col]
        cfg: dict[str, Any] = {"label": header_label(str(col)), "width": widths[str(col)]}
        if col == pinned:
            cfg["pinned"] = True
        if col in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(s):
            out[col] = pd.to_datetime(s, errors="coerce")
            cfg.update(type_config={"type": "date"}, format="YYYY-MM-DD")
        elif pd.api.types.is_bool_dtype(s):
            cfg.update(type_config={"type": "checkbox"})
        elif is_change(str(col)) and pd.api.types.is_numeric_dtype(s):
            out[col] = list(s.map(_signed_formatter(str(col))))  # "—" when missing
            cfg.update(type_config={"type": "text"}, alignment="right")
        elif str(col).endswith("_usd") and pd.api.types.is_numeric_dtype(s) and exact_money:
            cfg.update(type_config={"type": "number"}, format=COMPACT if compact else EXACT)
        elif str(col).endswith("_usd") and pd.api.types.is_numeric_dtype(s):
            out[col] = list(s.map(format_usd))  # "—" when missing
            cfg.update(type_config={"type": "text"}, alignment="right")
        elif col in PROBABILITY_COLUMNS and pd.api.types.is_numeric_dtype(s):
            out[col] = list(s.map(format_probability))  # "—" when missing
            cfg.update(type_config={"type": "text"}, alignment="right")
        elif col in SHARE_COLUMNS and pd.api.types.is_numeric_dtype(s):
            out[col] = s * 100
            cfg.update(type_config={"type": "number"}, format="%.1f%%")
        elif col == "benefit_cost_ratio" and pd.api.types.is_numeric_dtype(s):
            cfg.update(type_config={"type": "number"}, format="%.2fx")
        elif col in ("fiscal_year", "year", "payback_year", "rank", "best_rank", "worst_rank"):
            cfg.update(type_config={"type": "number"}, format="%d")
        elif pd.api.types.is_float_dtype(s):
            cfg.update(type_config={"type": "number"}, format="%,.3f")
        elif pd.api.types.is_integer_dtype(s) and s.isna().any():
            # a count missing from one side (an initiative not in a snapshot): "—"
            out[col] = [format_count(v) for v in s]
            cfg.update(type_config={"type": "text"}, alignment="right")
        elif pd.api.types.is_integer_dtype(s):
            cfg.update(type_config={"type": "number"}, format="%,d")
        else:
            if col in CODE_COLUMNS or col == "stage":
                s = s.map(code_name)
            elif col in value_words.COLUMNS:  # words, not codes: in the reader's language
                s = s.map(value_words.COLUMNS[col])
            out[col] = s.astype(object).where(s.notna(), MISSING)
            cfg.update(type_config={"type": "text"})
        config[str(col)] = cfg
    return out, config


def _signed_formatter(column: str):
    """The one signed format of a change column: money, a percentage (the values are
    percentages already: 12.5 is 12.5%) or a count."""
    if column.endswith("_usd"):
        return format_usd_change
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
        common = {k: cfg[k] for k in ("label", "width", "pinned", "alignment") if k in cfg}
        if kind == "date":
            made[col] = cc.DateColumn(format=cfg.get("format"), **common)
        elif kind == "checkbox":
            made[col] = cc.CheckboxColumn(**common)
        elif kind == "number":
            made[col] = cc.NumberColumn(format=cfg.get("format"), **common)
        else:
            made[col] = cc.TextColumn(**common)
    return made
