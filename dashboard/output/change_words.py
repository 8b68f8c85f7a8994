"""What changed's « In short » lines, for the app and the briefing pack alike: under the
organization filter each line says whose figure it gives, as the tiles below them do
(French round 3, #1): the chosen organizations' share of the cost, the benefit and their
pledged shares; the whole portfolio's contributions; whether the chosen organization
committed (not a count that reads as every organization's)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.analysis import comparison
from dashboard.formatting import and_list
from dashboard.lang.translate import _
from dashboard.output import summary

# how each compared figure meets the organization filter (summary.SHARE / NOT_SPLIT /
# OWN): contributions belong to initiatives (query/filters.CONTRIBUTIONS_NOT_FILTERED);
# the pledged shares and the commitment are the chosen organizations' own. The lines and
# the tables' group names (change_tables.scopes) say it alike (R6a #8)
KINDS = {"cost": summary.SHARE, "benefit": summary.SHARE, "agency_pledged": summary.OWN,
         "orgs_committed": summary.OWN, "pledged_contributions": summary.NOT_SPLIT,
         "paid_contributions": summary.NOT_SPLIT}


def summary_scope(organizations: Sequence[str]) -> comparison.SummaryScope | None:
    """Whose figures the lines give under the organization filter; None without it."""
    if not organizations:
        return None
    scope = summary.Scope(organizations=tuple(organizations))
    what = {stem: summary.whose_after(_(phrase).lower(), scope.phrase(KINDS[stem]))
            for stem, phrase in comparison.PHRASES.items()}
    return comparison.SummaryScope(what=what, share=str(scope.phrase(summary.SHARE)),
                                   chosen=and_list(organizations),
                                   several=len(organizations) > 1)


def in_short(changes: pd.DataFrame, since: str, organizations: Sequence[str]) -> list[str]:
    """The « In short » lines of the changes since `since`, each with its scope under the
    organization filter (comparison.change_summary)."""
    return comparison.change_summary(changes, since, scope=summary_scope(organizations))
