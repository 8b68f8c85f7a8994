"""The names over a table's before / after / change columns where a column's own name is
too long for them (dashboard/output/tables.py `group_label`).

A money's group is headed by the one name the labelling policy gives it
(dashboard/contract/labels.py, via `header_label`), never a shorter second name (round 5
#4: "Unpaid pledges (US$)" read as another money than "Donor pledges, not yet paid"); its
three columns are widened to the name's width (tables._widen_groups) and the table scrolls
sideways on a phone. Only a group that is not money may have a short name here.
"""

from __future__ import annotations

from dashboard.lang.lazy import N_

CHANGE_GROUPS: dict[str, object] = {
    "orgs_committed": N_("Organizations committed"),
}
