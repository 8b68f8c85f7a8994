"""Reader's notes on the rules behind ranks, scores and paid contributions, each sentence
written once: a rank shared by equal scores (`scoring.ranks_with_ties`,
`formatting.format_rank`), a factor on which every kept initiative is equal, and paid
contributions dated after the snapshot's as-of date."""

from __future__ import annotations

TIES_SHOWN = ("\"=\" marks a rank shared by scores equal to three decimals: the next rank is "
              "numbered by its place (=1, =1, #3). Within a tie, the model's order (which "
              "decides the top eight) is by the exact score, then by code.")
