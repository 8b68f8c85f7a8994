"""The words that go with a rank shown with ties (`scoring.ranks_with_ties`,
`formatting.format_rank`), written once: under the lists of the model's top eight and the
flagged priorities, on the Prioritization page and in the briefing pack."""

from __future__ import annotations

TIES_SHOWN = ("\"=\" marks a rank shared by scores equal to three decimals: the next rank is "
              "numbered by its place (=1, =1, #3). Within a tie, the model's order (which "
              "decides the top eight) is by the exact score, then by code.")
