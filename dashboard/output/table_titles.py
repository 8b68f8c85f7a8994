"""The headings over the pages' tables of rows (not a chart's "View data as a table"), with
whose rows they hold under the organization filter in the chart titles' brackets
(summary.Scope.phrase, summary.whose_after): "Every contribution (whole portfolio)",
"Organizations (UNDP only)" (R6a #14). Without the filter, the heading alone."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.output import summary

EVERY_CONTRIBUTION = N_("Every contribution")  # Funding: every kept initiative's
ORGANIZATIONS = N_("Organizations")  # Initiative detail: the organizations kept


def every_contribution(organizations: Sequence[str]) -> str:
    """Funding's table of contributions: they belong to initiatives, not split by
    organization (query/filters.CONTRIBUTIONS_NOT_FILTERED)."""
    scope = summary.Scope(organizations=tuple(organizations))
    return summary.whose_after(_(EVERY_CONTRIBUTION), scope.phrase(summary.NOT_SPLIT))


def initiative_organizations(organizations: Sequence[str]) -> str:
    """Initiative detail's table of organizations: only the chosen ones' rows."""
    scope = summary.Scope(organizations=tuple(organizations))
    return summary.whose_after(_(ORGANIZATIONS), scope.phrase(summary.OWN))
