"""Under the organization filter, the line a briefing section prints under its heading:
which of the section's figures are the chosen organizations' share, and which are the whole
portfolio's (every organization's). Beside `summary.Scope` (the tiles' and the Overview
sentence's scope, whose `whose` names the organizations): the same rule (query/filters.py
`ORGANIZATION`: own lines plus a share of the shared ones; contributions and the funding gap
belong to initiatives), said once per section of the pack (issue 24, the fresh review's O3).

Keyed by the dashboard page a section comes from (dashboard/pages.py url_path): the "How
sure are these figures" section is printed from the Costs & benefits page's charts.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.formatting import and_list
from dashboard.output.summary import Scope

WHOLE = "the whole portfolio's, from every organization"


def share_words(scope: Scope) -> str:
    """"UNDP's share (its own lines plus its part of the shared, system-wide ones)"."""
    own = "its" if len(scope.organizations) == 1 else "their"
    return f"{scope.whose} share ({own} own lines plus {own} part of the shared, system-wide ones)"


def _overview(s: Scope) -> str:
    return (f"Cost, benefit, NPV and their ranges are {share_words(s)}; contributions, pledges "
            f"and the funding gap are {WHOLE}.")


def _costs(s: Scope) -> str:
    return f"Every figure in this section is {share_words(s)}, not the whole portfolio's."


def _agency(s: Scope) -> str:
    return (f"Only {and_list(s.organizations)} shown: commitments, pledges and relative values "
            f"are {s.whose} own; cost and benefit are {share_words(s)}.")


def _funding(s: Scope) -> str:
    return (f"Not split by organization: contributions, pledges and the funding gap are "
            f"{WHOLE}, not {s.whose} share.")


def _prioritization(s: Scope) -> str:
    return (f"Scores, ranks and the budget use {share_words(s)} of each initiative's cost and "
            "benefit, not the whole portfolio's.")


def _changes(s: Scope) -> str:
    return (f"Changes in cost and benefit are in {share_words(s)}; changes in contributions are "
            f"{WHOLE}.")


LINES: dict[str, Callable[[Scope], str]] = {
    "overview": _overview, "costs-benefits": _costs, "agency-commitment": _agency,
    "funding": _funding, "prioritization": _prioritization, "what-changed": _changes,
}


def section_line(scope: Scope, page: str) -> str | None:
    """The scope line of the section printed from dashboard page `page` (its url_path);
    None without an organization filter, or for a page with no line."""
    if not scope.organizations or page not in LINES:
        return None
    return LINES[page](scope)
