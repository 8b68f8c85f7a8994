"""What min-max scaling does to the "Value to organizations" part of the priority score, said
with the data's own figures (reader's review round 4, #2).

Each factor is scaled between the lowest and the highest of the initiatives shown
(data/README.md, the method is not changed here), so the lowest-rated initiative gets no
value part at all: the sample's INFOSEC, rated 2.75 of 5, read as "no value". The ranking's
caption (app and pack, `figures_analytics.ranking_note`) names the lowest-rated initiatives
and their rating, and tells them apart from the initiatives with no rating, which score 0 on
value too. The bar's hover gives each part's own figure (`raw_values`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import and_list, format_usd
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext


def rating(value: object) -> str:
    """A mean relative value as read: '2.75 of 5', or 'not rated'."""
    v = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(v):
        return _("not rated")
    return _("{rating} of 5").format(rating=number(float(v), 2))


def raw_values(df: pd.DataFrame, column: str) -> list[str]:
    """Each initiative's own figure behind a factor of the score: its cost, its benefit,
    its mean rating of 1 to 5 ('not rated' when none)."""
    if column == "mean_relative_value":
        return [rating(v) for v in df[column]]
    return [format_usd(v) for v in df[column]]


def _names(df: pd.DataFrame) -> str:
    col = "name" if "name" in df.columns else "initiative_id"
    return and_list([str(n) for n in df[col]])


def value_floor_note(df: pd.DataFrame | None) -> str:
    """The caption's sentences: the lowest-rated initiatives read 0 on value, which means
    lowest here, not no value; the unrated read 0 as well, for want of a rating. '' when the
    ratings do not differ (`flat_note` says that) or no value weight counts."""
    if df is None or len(df) < 2 or "mean_relative_value" not in df.columns:
        return ""
    if "value_contribution" in df.columns and not (df["value_contribution"] > 0).any():
        return ""
    v = pd.to_numeric(df["mean_relative_value"], errors="coerce")
    rated = v.dropna()
    if rated.empty or float(rated.min()) == float(rated.max()):
        return ""
    lowest = df[v == float(rated.min())]
    text = " " + ngettext(
        "Each factor is scaled between the lowest and the highest of the initiatives shown: "
        "{names} (rated {rating} of 5, the lowest) reads 0 on value, which means lowest "
        "here, not no value.",
        "Each factor is scaled between the lowest and the highest of the initiatives shown: "
        "{names} (each rated {rating} of 5, the lowest) read 0 on value, which means lowest "
        "here, not no value.", len(lowest)).format(
        names=_names(lowest), rating=number(float(rated.min()), 2))
    unrated = df[v.isna()]
    if not unrated.empty:
        text += " " + ngettext(
            "{names} has no rating, so it scores 0 on value too: not rated, not rated low.",
            "{names} have no rating, so they score 0 on value too: not rated, not rated low.",
            len(unrated)).format(names=_names(unrated))
    return text
