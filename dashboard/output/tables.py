"""Tables for people: the one presenter of every data table the pages show.

`present(df)` returns a copy for display and its `st.column_config` (plain dicts of the
same shape, so this module needs no Streamlit and is tested directly):

- headers in words ("Total cost (US$)", "Kind of donor"), never raw column names;
- codes shown with their names ("Member state", "Fund / programme", "Implementation
  planning"); the key column (initiative, organization, donor) pinned on the left;
- money in the dashboard's one format ("$12.3K", as on the tiles, axes and hovers), or,
  where a table is for sorting and reading exact amounts (`exact_money=True`, e.g. the
  list of every contribution), as a sortable number of whole dollars ("$21,000"); shares
  as percentages with one decimal, dates as dates (no 00:00:00), true/false as ticks;
- no "None": missing text is blank, a missing number is an empty cell.

Downloads (CSV, Excel) keep the raw numbers and the raw column names, which data/README.md
documents; `header_label` is the same wording for anyone who needs it.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from dashboard.contract.schema import STAGE_LABELS
from dashboard.formatting import format_usd

# Column headers that are not just the column name in words.
LABELS: dict[str, str] = {
    "initiative_id": "Initiative",
    "agency_code": "Organization",
    "agency_name": "Organization name",
    "cost_share": "Cost share (key)",
    "shared_cost_share_usd": "Share of shared cost (US$)",
    "shared_benefit_share_usd": "Share of shared benefit (US$)",
    "agency_type": "Kind of organization",
    "initiative_name": "Initiative name",
    "name": "Name",
    "is_priority": "Priority",
    "flagged_priority": "Flagged priority",
    "in_model_top_eight": "In the model's top eight",
    "donor_type": "Kind of donor",
    "contribution_type": "Kind of contribution",
    "contribution_id": "Contribution",
    "cost_category": "Kind of cost",
    "benefit_category": "Kind of benefit",
    "commitment_level": "Commitment level",
    "level_rank": "Level (0 = none, 4 = lead)",
    "relative_value": "Relative value (1–5)",
    "mean_relative_value": "Mean relative value (1–5)",
    "stage": "Implementation stage",
    "stage_label": "Implementation stage",
    "fiscal_year": "Fiscal year",
    "as_of": "Snapshot",
    "created_at": "Published",
    "published_by": "Published by",
    "benefit_cost_ratio": "Benefit-cost ratio",
    "payback_year": "Payback year",
    "initiatives_committed": "Initiatives committed to",
    "initiatives_any_level": "Initiatives (any level)",
    "organizations": "Organizations",
    "share_of_paid": "Share of paid",
    "top_k_share": "Share of weightings in the top eight",
    "norm_cost": "Cost, scaled 0–1",
    "norm_benefit": "Benefit, scaled 0–1",
    "norm_value": "Value, scaled 0–1",
    "cost_contribution": "Low-cost part of score",
    "benefit_contribution": "Benefit part of score",
    "value_contribution": "Value part of score",
    "most_sensitive_to": "Most sensitive to",
    "initiative_ids": "Initiatives",
    "metric": "Figure",
    "label": "Figure",
    # the ranges (data/README.md, "Ranges: how sure each figure is")
    "cost_p10_usd": "Cost, P10 (US$)",
    "cost_p90_usd": "Cost, P90 (US$)",
    "benefit_p10_usd": "Benefit, P10 (US$)",
    "benefit_p90_usd": "Benefit, P90 (US$)",
    "npv_stated_usd": "NPV as stated (US$)",
    "npv_downside_usd": "NPV, downside (US$)",
    "npv_upside_usd": "NPV, upside (US$)",
    "npv_if_worse_usd": "Portfolio NPV if its estimates come out worse (US$)",
    "npv_if_better_usd": "Portfolio NPV if they come out better (US$)",
    "p_npv_positive": "Chance its NPV is above 0",
    "share_in_top8": "Share of outcomes in the top eight",
    "share_of_draws": "Share of the outcomes",
    "bin_from_usd": "NPV from (US$)",
    "bin_to_usd": "NPV to (US$)",
}
# Columns whose values are codes, and how each code reads.
CODE_COLUMNS = ("donor_type", "agency_type", "contribution_type", "recurrence", "status",
                "commitment_level", "confidence", "benefit_category", "cost_category")
CODE_NAMES: dict[str, str] = {
    "fund_programme": "Fund / programme",
    "member_state": "Member state",
    "one-off": "One-off",
    "in_kind": "In kind",
    "host_country": "Host country",
    **STAGE_LABELS,
}
KEY_COLUMNS = ("initiative_id", "agency_code", "donor", "as_of", "contribution_id", "category",
               "metric")
SHARE_COLUMNS = ("share_of_paid", "top_k_share", "cost_share", "share_of_draws",
                 "p_npv_positive", "share_in_top8", "p_above_break_even")
DATE_COLUMNS = ("date", "as_of", "created_at")
NAME_COLUMNS = ("name", "initiative_name", "agency_name", "donor", "source", "status_text")


def header_label(column: str) -> str:
    """A column's header in words: 'total_cost_usd' -> 'Total cost (US$)'."""
    if column in LABELS:
        return LABELS[column]
    words = column
    money = words.endswith("_usd")
    if money:
        words = words[: -len("_usd")]
    if words.startswith("is_"):
        words = words[3:]
    text = words.replace("_", " ").strip().capitalize()
    return f"{text} (US$)" if money else text


def code_name(value: object) -> object:
    """A code as people read it: 'member_state' -> 'Member state'; other values as given."""
    if not isinstance(value, str):
        return value
    if value in CODE_NAMES:
        return CODE_NAMES[value]
    if re.fullmatch(r"[a-z][a-z_\-]*", value):  # a code, not free text
        return value.replace("_", " ").capitalize()
    return value


def present(df: pd.DataFrame, *, exact_money: bool = False,
            ) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """The table to show and its column configuration (see the module docstring)."""
    out = df.copy()
    config: dict[str, dict[str, Any]] = {}
    pinned = next((c for c in out.columns if c in KEY_COLUMNS), None)  # the first key
    for col in out.columns:
        s = out[col]
        cfg: dict[str, Any] = {"label": header_label(str(col))}
        if col == pinned:
            cfg["pinned"] = True
        if col in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(s):
            out[col] = pd.to_datetime(s, errors="coerce")
            cfg.update(type_config={"type": "date"}, format="YYYY-MM-DD")
        elif pd.api.types.is_bool_dtype(s):
            cfg.update(type_config={"type": "checkbox"})
        elif str(col).endswith("_usd") and pd.api.types.is_numeric_dtype(s) and exact_money:
            cfg.update(type_config={"type": "number"}, format="$%,.0f")
        elif str(col).endswith("_usd") and pd.api.types.is_numeric_dtype(s):
            out[col] = [("" if v == "—" else v) for v in s.map(format_usd)]
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
        elif pd.api.types.is_integer_dtype(s):
            cfg.update(type_config={"type": "number"}, format="%,d")
        else:
            if col in CODE_COLUMNS or col == "stage":
                s = s.map(code_name)
            out[col] = s.astype(object).where(s.notna(), "")
            cfg.update(type_config={"type": "text"})
            if col in NAME_COLUMNS:
                cfg["width"] = "medium"
        config[str(col)] = cfg
    return out, config


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
