"""The names over a table's before / after / change columns where a column's own name is
too long for them (dashboard/output/tables.py `group_label`).

On a phone (390 px) a group's name starts beside the pinned name and the change: about 20
characters show before the screen's edge (round 4 #9: "Organizations' pledged shares
(US$)" ran past it). Each name still says which money; the header's help and the
introduction over the tables (output/change_tables.py) give it in full.
"""

from __future__ import annotations

from dashboard.lang.lazy import N_

CHANGE_GROUPS: dict[str, object] = {
    "orgs_committed": N_("Organizations committed"),
    "agency_pledged_usd": N_("Pledged shares (US$)"),  # the organizations' (the table's)
    "pledged_contributions_usd": N_("Unpaid pledges (US$)"),  # the donors' (the table's)
}
