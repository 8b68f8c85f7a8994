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
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.lang.typography import typeset
from dashboard.output.summary import Scope

WHOLE = N_("the whole portfolio's, from every organization")


def share_words(scope: Scope) -> str:
    """"UNDP's share (its own lines plus its part of the shared, system-wide ones)", set in
    the language's typography (French « quote‑part » never breaks at its hyphen)."""
    # TRANSLATORS: {organizations}: one organization code or a list of them ("UNDP and WFP")
    words = ngettext("{organizations}'s share (its own lines plus its part of the shared, "
                     "system-wide ones)",
                     "{organizations}'s share (their own lines plus their part of the shared, "
                     "system-wide ones)",
                     len(scope.organizations))
    return typeset(words.format(organizations=scope.whose))


def _overview(s: Scope) -> str:
    return _("Cost, benefit, NPV and their ranges are {share}; contributions, pledges and the "
             "funding gap are {whole}.").format(share=share_words(s), whole=_(WHOLE))


def _costs(s: Scope) -> str:
    return _("Every figure in this section is {share}, not the whole portfolio's.").format(
        share=share_words(s))


def _agency(s: Scope) -> str:
    return _("Only {organizations} shown: commitments, pledges and relative values are "
             "{organizations}'s own; cost and benefit are {share}.").format(
        organizations=and_list(s.organizations), share=share_words(s))


def _funding(s: Scope) -> str:
    return _("Not split by organization: contributions, pledges and the funding gap are "
             "{whole}, not {organizations}'s share.").format(whole=_(WHOLE),
                                                            organizations=s.whose)


def _prioritization(s: Scope) -> str:
    return _("Scores, ranks and the budget use {share} of each initiative's cost and benefit, "
             "not the whole portfolio's.").format(share=share_words(s))


def _changes(s: Scope) -> str:
    return _("Changes in cost and benefit are in {share}; changes in contributions are "
             "{whole}.").format(share=share_words(s), whole=_(WHOLE))


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


def page_notice(note: str, scope: Scope, page: str) -> str:
    """The organization filter's notice on dashboard page `page`, with the page's own scope
    line after it: one box, not two near-identical ones (round 5 #16, Prioritization)."""
    line = section_line(scope, page)
    return f"{note}\n\n{line}" if line else note
