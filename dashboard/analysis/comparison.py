"""What changed between two snapshots: the compared columns, each initiative's change, and the
sentences that say the largest changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.finance import MONEY_DECIMALS
from dashboard.analysis.scoring import require_columns
from dashboard.contract.labels import DONOR_PLEDGES, ORG_PLEDGED, PAID, fit_labels
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

SUMMARY_NAME_CHARS = 60  # an initiative's name in a sentence of the summary, at most

# summary column (queries/initiative_summary.sql) -> stem of the comparison's columns
COMPARED: dict[str, str] = {
    "total_cost_usd": "cost",
    "total_benefit_usd": "benefit",
    "agencies_committed": "orgs_committed",
    "agency_pledged_usd": "agency_pledged",
    "pledged_contributions_usd": "pledged_contributions",
    "paid_contributions_usd": "paid_contributions",
}
_COUNTS = {"agencies_committed"}


def compared_columns(stem: str) -> tuple[str, str, str]:
    suffix = "" if stem == "orgs_committed" else "_usd"
    return (f"{stem}_before{suffix}", f"{stem}_after{suffix}", f"{stem}_change{suffix}")


def compare_snapshots(before_df: pd.DataFrame, after_df: pd.DataFrame) -> pd.DataFrame:
    """Each initiative's figures before, after and the change, one row per initiative in
    either snapshot (sorted by initiative_id).

    status: "added" (only after), "removed" (only before), "changed" or "unchanged".
    An initiative missing from a snapshot has empty values there, and counts as 0 in the
    change, so the changes add up to the change of the portfolio's totals.
    cost_change_pct: the cost change as a percentage of the cost before (empty when the
    cost before is 0 or missing); benefit_change_pct likewise.
    """
    for df, what in ((before_df, "before"), (after_df, "after")):
        require_columns(df, ("initiative_id", *COMPARED), f"snapshot summary ({what})")
    b = before_df.set_index(before_df["initiative_id"].astype(str))
    a = after_df.set_index(after_df["initiative_id"].astype(str))
    ids = sorted(set(b.index) | set(a.index))
    rows = []
    for i in ids:
        in_b, in_a = i in b.index, i in a.index
        src = a.loc[i] if in_a else b.loc[i]
        row: dict[str, object] = {
            "initiative_id": i,
            "name": src.get("name", i),
            "category": src.get("category", None),
        }
        changed = False
        for col, stem in COMPARED.items():
            before = float(b.at[i, col]) if in_b else math.nan
            after = float(a.at[i, col]) if in_a else math.nan
            change = (0.0 if math.isnan(after) else after) - (0.0 if math.isnan(before) else before)
            if col in _COUNTS:
                change = round(change)
            cb, ca, cc = compared_columns(stem)
            row[cb], row[ca], row[cc] = before, after, change
            changed = changed or round(change, MONEY_DECIMALS) != 0
        row["status"] = ("added" if not in_b else "removed" if not in_a
                         else "changed" if changed else "unchanged")
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        out = pd.DataFrame(columns=["initiative_id", "name", "category", "status",
                                    *[c for s in COMPARED.values() for c in compared_columns(s)]])
    for stem in ("cost", "benefit"):
        cb, _, cc = compared_columns(stem)
        before = pd.to_numeric(out[cb], errors="coerce").astype("float64")
        change = pd.to_numeric(out[cc], errors="coerce").astype("float64")
        out[f"{stem}_change_pct"] = (change / before * 100).where(before > 0)
    for stem in ("orgs_committed",):
        for c in compared_columns(stem):
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    lead = ["initiative_id", "name", "category", "status"]
    return out[lead + [c for c in out.columns if c not in lead]]


# what each compared amount is called in a sentence (read with _(), in lower case)
PHRASES = {
    "cost": N_("cost estimate"),
    "benefit": N_("expected benefit"),
    "agency_pledged": ORG_PLEDGED,  # one name each (dashboard/contract/labels.py)
    "pledged_contributions": DONOR_PLEDGES,
    "paid_contributions": PAID,
}


def _signed_usd(x: float) -> str:
    from dashboard.formatting import format_usd

    return ("+" if x > 0 else "-") + format_usd(abs(x))


def summary_names(changes_df: pd.DataFrame) -> pd.DataFrame:
    """The changes with each initiative's name as a sentence names it: whole up to
    `SUMMARY_NAME_CHARS` characters, else cut in the middle keeping the words where the
    names differ (dashboard/contract/labels.py): twelve long names that share their start
    and end stay twelve names a reader tells apart."""
    known = changes_df["name"].notna()
    if not known.any():
        return changes_df
    short = fit_labels([None] * int(known.sum()), list(changes_df.loc[known, "name"]),
                       line=SUMMARY_NAME_CHARS, lines=1)
    out = changes_df.copy()
    out.loc[known, "name"] = short
    return out


def _money_line(name: str, what: str, change: float, before: float, since: str) -> str:
    """"KS: cost estimate up 12% (+$3.4M) since 2005-09-01"; from a zero base the amount
    without its sign, the word saying the direction once: "up $3.4M (from $0)" (FR3 #13)."""
    from dashboard.formatting import format_date, format_usd
    from dashboard.lang import numbers

    values = {"name": name, "what": what, "change": _signed_usd(change),
              "date": format_date(since)}
    if before > 0:
        pct = abs(change) / before
        values["percent"] = numbers.plain_percent(pct, 0 if pct >= 0.01 else 1)
        return (_("{name}: {what} up {percent} ({change}) since {date}") if change > 0
                else _("{name}: {what} down {percent} ({change}) since {date}")).format(**values)
    values["change"] = format_usd(abs(change))
    return (_("{name}: {what} up {change} (from {zero}) since {date}") if change > 0
            else _("{name}: {what} down {change} (from {zero}) since {date}")).format(
        zero=format_usd(0), **values)


@dataclass(frozen=True)
class SummaryScope:
    """Whose figures the summary's lines give under the organization filter (worded by the
    presenter, dashboard/output/change_words.py): each compared amount's words with its
    scope ("expected benefit (UNDP's share)"), the share's words for a new or removed
    initiative's cost and benefit, and the chosen organizations' codes for commitments."""

    what: Mapping[str, str]  # stem (PHRASES) -> its words in a line, scope included
    share: str  # "UNDP's share"
    chosen: str  # "UNDP" / "UNDP and WFP"
    several: bool = False  # more than one organization chosen


def _commitment_line(r: pd.Series, cb: str, ca: str, date: str,
                     scope: SummaryScope | None) -> str:
    """'KS: committed organizations 3 → 8 since ...' (every organization); under the filter
    whether the chosen organization committed: 'KS: UNDP committed since ...' (FR3 #1)."""
    before, after = int(r[cb]), int(r[ca])
    if scope is None:
        return _("{name}: committed organizations {before} → {after} since {date}").format(
            name=r["name"], before=before, after=after, date=date)
    if scope.several:
        return _("{name}: committed organizations among {chosen} {before} → {after} since "
                 "{date}").format(name=r["name"], chosen=scope.chosen, before=before,
                                  after=after, date=date)
    words = (_("{name}: {chosen} committed since {date}") if after > before
             else _("{name}: {chosen} no longer committed since {date}"))
    return words.format(name=r["name"], chosen=scope.chosen, date=date)


def change_summary(changes_df: pd.DataFrame, since: str, top_n: int = 5,
                   scope: SummaryScope | None = None) -> list[str]:
    """Plain-language lines on the largest changes, e.g.
    "Enterprise resource planning systems: cost estimate up 12% (+$3.4M) since 2005-09-01",
    in the reader's language; under the organization filter (`scope`) each line says whose
    figure it gives ("expected benefit (UNDP's share)", "contributions paid (whole
    portfolio)", "UNDP committed": FR3 #1).

    Initiatives added or removed come first, then the `top_n` largest money changes of
    initiatives in both snapshots (by absolute amount), then the largest changes in the
    number of committed organizations (at most half of `top_n`, at least one).
    """
    from dashboard.formatting import format_date, format_usd

    date = format_date(since)
    changes_df = summary_names(changes_df)
    lines: list[str] = []
    for _i, r in changes_df[changes_df["status"] == "added"].iterrows():
        values = {"name": r["name"], "date": date, "cost": format_usd(r["cost_after_usd"]),
                  "benefit": format_usd(r["benefit_after_usd"])}
        lines.append(_("{name}: new since {date} (cost {cost}, benefit {benefit})").format(**values)
                     if scope is None else
                     _("{name}: new since {date} ({share}: cost {cost}, benefit {benefit})").format(
                         share=scope.share, **values))
    for _i, r in changes_df[changes_df["status"] == "removed"].iterrows():
        values = {"name": r["name"], "date": date, "cost": format_usd(r["cost_before_usd"])}
        lines.append(_("{name}: no longer in the portfolio since {date} (cost was {cost})").format(
            **values) if scope is None else
            _("{name}: no longer in the portfolio since {date} ({share}: cost was {cost})").format(
                share=scope.share, **values))
    both = changes_df[changes_df["status"].isin(["changed", "unchanged"])]
    money: list[tuple[float, str, str]] = []
    for _i, r in both.iterrows():
        for stem, phrase in PHRASES.items():
            cb, _after, cc = compared_columns(stem)
            change, before = float(r[cc]), float(r[cb])
            if round(change, MONEY_DECIMALS) == 0:
                continue
            what = scope.what[stem] if scope is not None else _(phrase).lower()
            money.append((abs(change), str(r["initiative_id"]),
                          _money_line(r["name"], what, change, before, since)))
    money.sort(key=lambda t: (-t[0], t[1]))
    lines.extend(t[2] for t in money[:top_n])
    cb, ca, cc = compared_columns("orgs_committed")
    moved = both[both[cc].fillna(0).astype(int) != 0]
    moved = moved.reindex(moved[cc].astype(int).abs().sort_values(ascending=False,
                                                                   kind="stable").index)
    for _i, r in moved.head(max(1, top_n // 2)).iterrows():
        lines.append(_commitment_line(r, cb, ca, date, scope))
    if not lines:
        lines.append(_("No change in cost, benefit, commitments or funding since {date}.").format(
            date=date))
    return lines
