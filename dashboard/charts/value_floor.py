"""What min-max scaling does to the "Value to organizations" part of the priority score, said
with the data's own figures (reader's review round 4, #2 and N2).

Each factor is scaled between the lowest and the highest of the initiatives shown
(data/README.md, the method is not changed here), so the lowest-rated initiative gets no
value part at all: the sample's INFOSEC, rated 2.75 of 5, read as "no value". The ranking's
caption (app and pack, `figures_analytics.ranking_note`) gives the range of the ratings
("ratings run from 2.75 to 3.69 of 5"), names the lowest-rated initiatives and those within
`NEAR_LOWEST` of them (a sliver of value each: CHANGE, 2.78), and tells them apart from the
initiatives with no rating, which score 0 on value too; those bars say "not rated" at their
end (`score_texts`). The bar's hover gives each part's own figure (`raw_values`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import and_list, format_usd
from dashboard.lang.lazy import N_
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext

NOT_RATED = N_("not rated")  # an initiative without a rating: its hover, its bar's end


def rating(value: object) -> str:
    """A mean relative value as read: '2.75 of 5', or 'not rated'."""
    v = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(v):
        return _(NOT_RATED)
    return _("{rating} of 5").format(rating=number(float(v), 2))


def raw_values(df: pd.DataFrame, column: str) -> list[str]:
    """Each initiative's own figure behind a factor of the score: its cost, its benefit,
    its mean rating of 1 to 5 ('not rated' when none)."""
    if column == "mean_relative_value":
        return [rating(v) for v in df[column]]
    return [format_usd(v) for v in df[column]]


def _names(df: pd.DataFrame) -> str:
    return and_list(_name_list(df))


NEAR_LOWEST = 0.05  # ratings within this of the lowest (1-5 scale) read almost 0 on value


def _value_counts(df: pd.DataFrame | None) -> pd.Series | None:
    """The ratings (NaN: not rated) when the value part tells the initiatives apart: two or
    more initiatives, a value weight that counts, and rated ones that differ; else None."""
    if df is None or len(df) < 2 or "mean_relative_value" not in df.columns:
        return None
    if "value_contribution" in df.columns and not (df["value_contribution"] > 0).any():
        return None
    v = pd.to_numeric(df["mean_relative_value"], errors="coerce")
    rated = v.dropna()
    if rated.empty or float(rated.min()) == float(rated.max()):
        return None
    return v


def unrated(df: pd.DataFrame | None) -> pd.Series:
    """True for each initiative that scores 0 on value for want of a rating, where the
    value part counts (the ranking marks its bar "not rated": R4 N2); all False else."""
    v = _value_counts(df)
    if v is None:
        return pd.Series(False, index=pd.RangeIndex(0) if df is None else df.index, dtype=bool)
    return v.isna()


def score_texts(df: pd.DataFrame) -> list[str]:
    """The score at each bar's end, marked where the initiative is not rated, so that its
    missing value part is not read as the lowest rating: '0.512 · not rated'."""
    return [" " + number(s, 3) + (" · " + _(NOT_RATED) if no else "")
            for s, no in zip(df["score"], unrated(df), strict=True)]


def _near_lowest(df: pd.DataFrame, v: pd.Series, low: float) -> str:
    """The initiatives rated a few hundredths above the lowest: a sliver of value each."""
    near = df[(v > low) & ((v - low).round(6) <= NEAR_LOWEST)]
    near = near.loc[v[near.index].sort_values(kind="stable").index]  # the lowest first
    if near.empty:
        return ""
    names = and_list([_("{name} ({rating})").format(name=n, rating=number(float(r), 2))
                      for n, r in zip(_name_list(near), v[near.index], strict=True)])
    return " " + ngettext(
        "{names} reads almost 0 on value too: rated within {gap} of the lowest.",
        "{names} read almost 0 on value too: rated within {gap} of the lowest.",
        len(near)).format(names=names, gap=number(NEAR_LOWEST, 2))


def _name_list(df: pd.DataFrame) -> list[str]:
    col = "name" if "name" in df.columns else "initiative_id"
    return [str(n) for n in df[col]]


def value_floor_note(df: pd.DataFrame | None) -> str:
    """The caption's sentences: the range of the ratings; the lowest-rated initiatives read
    0 on value, which means lowest here, not no value; those a few hundredths above read
    almost 0; the unrated read 0 as well, for want of a rating, and their bars say so. ''
    when the ratings do not differ (`flat_note` says that) or no value weight counts."""
    v = _value_counts(df)
    if v is None:
        return ""
    low, high = float(v.min()), float(v.max())
    lowest = df[v == low]
    text = " " + ngettext(
        "Each factor is scaled between the lowest and the highest of the initiatives shown; "
        "ratings run from {low} to {high} of 5: {names} (rated {low}, the lowest) reads 0 on "
        "value, which means lowest here, not no value.",
        "Each factor is scaled between the lowest and the highest of the initiatives shown; "
        "ratings run from {low} to {high} of 5: {names} (each rated {low}, the lowest) read 0 "
        "on value, which means lowest here, not no value.", len(lowest)).format(
        names=_names(lowest), low=number(low, 2), high=number(high, 2))
    text += _near_lowest(df, v, low)
    no_rating = df[v.isna()]
    if not no_rating.empty:
        text += " " + ngettext(
            "{names} has no rating, so it scores 0 on value too: unrated, which is not rated "
            "low (its bar says \"{mark}\").",
            "{names} have no rating, so they score 0 on value too: unrated, which is not "
            "rated low (their bars say \"{mark}\").",
            len(no_rating)).format(names=_names(no_rating), mark=_(NOT_RATED))
    return text
