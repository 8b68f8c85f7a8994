"""The words that go with a rank shown with ties (`scoring.ranks_with_ties`,
`formatting.format_rank`), written once: under the lists of the model's top eight and the
flagged priorities, on the Prioritization page and in the briefing pack."""

from __future__ import annotations

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# read it with _() where it is shown
TIES_SHOWN = N_("\"=\" marks a rank shared by scores equal to three decimals: the next rank "
                "is numbered by its place (=1, =1, #3). Within a tie, the model's order (which "
                "decides the top eight) is by the exact score, then by code.")


def ties_shown() -> str:
    """TIES_SHOWN in the reader's language."""
    return _(TIES_SHOWN)
