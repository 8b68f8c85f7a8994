"""What changed's "Every initiative, before and after": its tables and the sentence that
introduces them, both from one configuration (`PARTS`), so every figure the sentence names
has its columns in a table (review round 4 #8: the organizations' pledged shares were
named and not shown).

Each part is one table of the page (a 1440-px window holds it whole: all 24 columns side by
side would run past the frame; the downloads hold every column in one sheet). Its rows are
in the waterfall's order: the largest change of cost (either way) first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.contract.labels import DONOR_PLEDGED, ORG_PLEDGED, PAID
from dashboard.lang.lazy import N_, Msg, read
from dashboard.lang.translate import _
from dashboard.output import change_words, summary

KEY = ("initiative_id", "name")


@dataclass(frozen=True)
class Part:
    """One table: its key (the page's widget key's end), the figures it holds (the stems of
    the comparison's before / after / change columns, dashboard/analysis/comparison.py), a
    column it adds as it is (`extra`), and how the introduction names the figures."""

    key: str
    stems: tuple[str, ...]
    said: str | Msg
    extra: tuple[str, ...] = ()


def in_sentence(name: str) -> object:
    """A name of the labelling policy (dashboard/contract/labels.py) inside a sentence: its
    first letter in lower case, read in the reader's language when the sentence is."""
    return lambda: (lambda text: text[:1].lower() + text[1:])(_(name))


# the money's names are the labelling policy's, as the tables' headers say them (EN #8,
# round 5: not "contributions earmarked to the initiative")
PARTS: tuple[Part, ...] = (
    Part("cost", ("cost", "benefit"), N_("cost and benefit"), extra=("status",)),
    Part("commitment", ("orgs_committed", "agency_pledged"),
         Msg(N_("organizations committed (level committed or lead) and {org_pledged}"),
             org_pledged=in_sentence(ORG_PLEDGED))),
    # TRANSLATORS: "paid contributions and donor pledges, not yet paid"
    Part("contributions", ("pledged_contributions", "paid_contributions"),
         Msg(N_("{paid} and {donor_pledged}"), paid=in_sentence(PAID),
             donor_pledged=in_sentence(DONOR_PLEDGED))),
)


def columns_of(part: Part, changes: pd.DataFrame) -> list[str]:
    """The columns of `changes` a part's table shows: the key, then each figure's change,
    before and after (the change first: on a phone the pinned name and about one more
    column show, R4 #9; not the percentages: the downloads keep them), then its extra
    columns."""
    cols = [c for c in KEY if c in changes.columns]
    for stem in part.stems:
        mine = [str(c) for c in changes.columns
                if str(c).startswith(stem + "_") and not str(c).endswith("_pct")]
        cols += sorted(mine, key=lambda c: not c[len(stem):].startswith("_change"))
    return cols + [str(c) for c in changes.columns if c in part.extra]


def in_order(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows as the waterfall has its steps: the largest change of cost (either way)
    first; equal changes by code."""
    by_code = changes.sort_values("initiative_id", kind="stable")
    size = pd.to_numeric(by_code["cost_change_usd"], errors="coerce").abs().fillna(0.0)
    return by_code.loc[size.sort_values(ascending=False, kind="stable").index]


def tables(changes: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(the part's key, its table) for each part, rows in the waterfall's order."""
    rows = in_order(changes)
    return [(part.key, rows[columns_of(part, rows)]) for part in PARTS]


def intro() -> str:
    """The sentence over the tables, naming each table's figures (`Part.said`)."""
    # TRANSLATORS: {parts} lists what each table holds, separated by semicolons
    return _("{count} tables, largest change of cost first: {parts}. An initiative missing "
             "from a snapshot shows “—” there and counts as 0 in the change. The downloads "
             "hold them all in one sheet.").format(
        count=len(PARTS), parts=functools.reduce(
            lambda first, then: _("{first}; {then}").format(first=first, then=then),
            [str(read(p.said)) for p in PARTS]))


def scopes(organizations: Sequence[str]) -> dict[str, str | None]:
    """Whose figures each table's group holds under the organization filter ("UNDP's
    share", "whole portfolio", "UNDP only"), as the « In short » lines say it
    (change_words.KINDS), for `group_words.scoped`; None each without the filter."""
    scope = summary.Scope(organizations=tuple(organizations))
    return {stem: scope.phrase(kind) for stem, kind in change_words.KINDS.items()}
