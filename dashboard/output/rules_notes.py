"""The words that go with a rank shown with ties (`scoring.ranks_with_ties`,
`formatting.format_rank`), written once: under the lists of the model's top eight and the
flagged priorities, on the Prioritization page and in the briefing pack."""

from __future__ import annotations

from dashboard.formatting import format_rank
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# read it with _() where it is shown; {example}: three ranks as the formatter writes them
TIES_SHOWN = N_("\"=\" marks a rank shared by scores equal to three decimals: the next rank "
                "is numbered by its place ({example}). Within a tie, the model's order (which "
                "decides the top eight) is by the exact score, then by code.")


def ties_shown() -> str:
    """TIES_SHOWN in the reader's language, its example ranks as the lists write them
    ("=1, =1, #3"; French "=1er, =1er, 3e")."""
    example = ", ".join((format_rank(1, True), format_rank(1, True), format_rank(3)))
    return _(TIES_SHOWN).format(example=example)
