"""The Prioritization page's section headings, once: under the organization filter each
says whose figures its ranks and budget use, as the chart titles do (summary.scoped_title:
"The model's top eight beside the flagged priorities (UNDP's share)"), so that a reader who
scrolls to, or forwards, a list with "rank #15 (outside top eight)" alone still sees that it
is UNDP's ranking, not the system's (review round 4, N1)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.output import summary

TOP_EIGHT = N_("The model's top eight beside the flagged priorities")
BUDGET = N_("Budget scenarios")


def heading(text: str, organizations: Sequence[str]) -> str:
    """A section's heading (`TOP_EIGHT`, `BUDGET`) in the reader's language, with whose
    share its ranks use under the organization filter (`organizations`; none: as is)."""
    phrase = summary.Scope(organizations=tuple(organizations)).phrase(summary.SHARE)
    return summary.scoped_title(_(text), phrase)
