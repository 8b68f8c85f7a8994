"""The names over a table's before / after / change columns where a column's own name is
too long for them (dashboard/output/tables.py `group_label`), and whose figures each group
holds under the organization filter.

A money's group is headed by the one name the labelling policy gives it
(dashboard/contract/labels.py, via `header_label`), never a shorter second name (round 5
#4: "Unpaid pledges (US$)" read as another money than "Donor pledges, not yet paid"); its
three columns are widened to the name's width (tables._widen_groups) and the table scrolls
sideways on a phone. Only a group that is not money may have a short name here.

Under the organization filter a page's tables may mix scopes (What changed: the cost is
the organization's share, the contributions the whole portfolio's, its pledged share its
own): the page shows them `scoped`, and each group's name says whose figures it holds in
the chart titles' brackets (summary.whose_after: "Cost (UNDP's share, US$)", R6a #8).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from dashboard.lang.lazy import N_, read
from dashboard.output.summary import whose_after

CHANGE_GROUPS: dict[str, object] = {
    "orgs_committed": N_("Organizations committed"),
}

# the groups' scopes of the tables being shown: stem -> "UNDP's share" (summary.Scope.phrase)
_SCOPES: ContextVar[Mapping[str, str | None] | None] = ContextVar("group_scopes", default=None)


@contextmanager
def scoped(phrases: Mapping[str, str | None]) -> Iterator[None]:
    """The tables shown inside say whose figures each group holds: `phrases` maps a figure's
    stem ("cost" for the group "cost_usd") to its scope's words (summary.Scope.phrase; None or absent: as its name says)."""
    token = _SCOPES.set(dict(phrases))
    try:
        yield
    finally:
        _SCOPES.reset(token)


def group_name(stem: str, header: Callable[[str], str]) -> str:
    """A group's name in the reader's language (`header`: a column's header, for a group
    not in CHANGE_GROUPS), with its scope in brackets when shown `scoped`."""
    name = str(read(CHANGE_GROUPS[stem])) if stem in CHANGE_GROUPS else header(stem)
    return whose_after(name, (_SCOPES.get() or {}).get(stem.removesuffix("_usd")))


def cut(current: list[str], then: str, group: Callable[[str], tuple[str, str] | None]) -> int:
    """Where a table split to fit its frame ends, `then` not fitting after `current`: before
    the columns of `then`'s group, so that the group goes whole to the next table under its
    name (in French the scoped names of What changed's contributions are too wide for one
    table: R6a #8); at the end when the group would leave nothing or is not one."""
    mine = group(then)
    start = len(current)
    while (
        start
        and mine is not None
        and (g := group(current[start - 1])) is not None
        and g[0] == mine[0]
    ):
        start -= 1
    return start or len(current)
