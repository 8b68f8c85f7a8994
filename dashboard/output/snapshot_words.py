"""Data & methods' words about the snapshots and the audit log (round 5 #18): what a
snapshot holds, counted in a reader's words ("518 cost estimates", not "518 cost lines"),
and the Load data page named only to a reader who can see it (a signed-in analyst or
admin: the page is not in the others' navigation, dashboard/pages.py)."""

from __future__ import annotations

from dashboard.lang.lazy import N_
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext

PUBLISHED = N_(
    "Published: its files are complete and unchanged since it was published. A "
    "snapshot is never changed: a new estimate is a new snapshot. A cost or "
    "benefit estimate is one initiative's figure for one year and one kind; a "
    "commitment is one organization's to one initiative."
)
# the audit log's introduction, with the Load data page (a reader who sees it) or without
AUDIT = {
    True: N_(
        "Every publish and replace, from the Load data page or by the data team, and "
        "every data-feed token created or revoked on the Account page (its id, never "
        "the token), newest first: when (UTC), who (shown to signed-in analysts and "
        "admins), their role, how, the as-of date, new or replaced, the source note and "
        "a fingerprint of each file received. The log is only ever added to."
    ),
    False: N_(
        "Every publish and replace by the data team, and every data-feed token created "
        "or revoked on the Account page (its id, never the token), newest first: when "
        "(UTC), who (shown to signed-in analysts and admins), their role, how, the as-of "
        "date, new or replaced, the source note and a fingerprint of each file "
        "received. The log is only ever added to."
    ),
}
# an empty audit log: (the Load data page seen, sample snapshots present)
EMPTY_AUDIT = {
    (True, True): N_(
        "Nothing has been published here from the Load data page or by the data "
        "team yet (the illustrative sample snapshots come from the sample "
        "generator), so the audit log is empty."
    ),
    (True, False): N_(
        "Nothing has been published here from the Load data page or by the "
        "data team yet, so the audit log is empty."
    ),
    (False, True): N_(
        "Nothing has been published here by the data team yet (the "
        "illustrative sample snapshots come from the sample generator), so the "
        "audit log is empty."
    ),
    (False, False): N_(
        "Nothing has been published here by the data team yet, so the audit log is empty."
    ),
}


def row_words(table: str, n: int) -> str:
    """'1,234 cost estimates': a table's rows counted as a reader names them."""
    words = {
        "initiatives": ngettext("{n} initiative", "{n} initiatives", n),
        "agencies": ngettext("{n} organization", "{n} organizations", n),
        "costs": ngettext("{n} cost estimate", "{n} cost estimates", n),
        "benefits": ngettext("{n} benefit estimate", "{n} benefit estimates", n),
        "commitments": ngettext("{n} commitment", "{n} commitments", n),
        "contributions": ngettext("{n} contribution", "{n} contributions", n),
        "ranges": ngettext("{n} range factor", "{n} range factors", n),
    }.get(table, "{n} " + table)
    return words.format(n=number(n, 0))


def audit_intro(sees_load_page: bool) -> str:
    return _(AUDIT[sees_load_page])


def empty_audit(sees_load_page: bool, any_sample: bool) -> str:
    return _(EMPTY_AUDIT[(sees_load_page, any_sample)])


# Data & methods, "Loading a new snapshot": the Load data page said with who sees it (it is
# not in the navigation of a reader who is not signed in as an analyst, R6a #18)
LOADING = N_(
    "A signed-in analyst loads a new estimate on the **Load data** page (shown to "
    "signed-in analysts only): download the template (a workbook with a sheet per table), "
    "fill it in, upload it with the date it is as of and a note of who sent it. The page "
    "checks every rule the data must follow and lists each problem with its sheet, row and "
    "column; it publishes only when all pass, and the new snapshot then appears in the "
    "sidebar. The data team can do the same without the browser (the project's guide to "
    "loading data says how)."
)


def loading() -> str:
    return _(LOADING)
