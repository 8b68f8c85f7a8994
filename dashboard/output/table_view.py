"""A presented table as the page's grid receives it (dashboard/output/tables.py `present`).

The grid (Streamlit's st.dataframe, Glide Data Grid) formats numbers and dates in English
only, or in the BROWSER's locale ("localized"), never in the session's language. So a
column of numbers or dates keeps its values, and each cell carries the text the
dashboard's formatter writes in the reader's language, as a pandas Styler's display value:
the grid shows "21 000 $US" or "29 janvier 2004" and still sorts by the amount and the
date. A column of before / after / change is put under its group's name (a two-level
header: the grid names the group once over its three columns).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler


def sortable(df: pd.DataFrame, config: dict[str, dict[str, Any]],
             shown: pd.DataFrame) -> Styler:
    """The values to sort by, shown as their cells' texts: `df` the table's values,
    `shown` and `config` what `tables.present` made of it. Columns of text come from
    `shown` (codes in words, "—" for nothing)."""
    data = shown.copy()
    formats = {}
    for col in data.columns:
        cfg = config[str(col)]
        if "cells" not in cfg:
            continue
        values = df[col]
        if cfg.get("type_config", {}).get("type") == "date":
            values = pd.to_datetime(values, errors="coerce")
        else:
            values = pd.to_numeric(values, errors="coerce").astype(float)
        data[col] = values
        formats[col] = cfg["cells"]
    groups = [str(config[str(c)].get("group", "")) for c in data.columns]
    if any(groups):
        data.columns = pd.MultiIndex.from_arrays([groups, [str(c) for c in data.columns]])
        formats = {(config[str(c)].get("group", ""), c): f for c, f in formats.items()}
    return data.style.format(formats)
