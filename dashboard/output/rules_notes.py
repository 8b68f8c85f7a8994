"""The words that go with a rank shown with ties (`scoring.ranks_with_ties`,
`formatting.format_rank`), written once: under the lists of the model's top eight and the
flagged priorities, on the Prioritization page and in the briefing pack, and in Data &
methods' "How initiatives are ranked" (output/plain_words.py); and how far the rank
sensitivity moves each weight, in percentage points as the weights are typed."""

from __future__ import annotations

from dashboard.analysis import scoring, sensitivity
from dashboard.formatting import format_rank
from dashboard.lang.lazy import N_
from dashboard.lang.numbers import number, plain_percent
from dashboard.lang.translate import _

# read it with ties_shown(): {example} is the tie rule's own ranking of three scores
TIES_SHOWN = N_("\"=\" marks a rank shared by scores equal to three decimals: the next rank "
                "is numbered by its place ({example}). Within a tie, the model's order (which "
                "decides the top eight) is by the exact score, then by code.")
TIE_EXAMPLE = (0.5, 0.5, 0.25)  # two equal scores and a lower one: "=1, =1, #3"


def tie_example() -> str:
    """'=1, =1, #3': the ranks `scoring.ranks_with_ties` gives TIE_EXAMPLE, as shown."""
    ranks = scoring.ranks_with_ties(TIE_EXAMPLE)
    return ", ".join(format_rank(r, int((ranks == r).sum()) > 1) for r in ranks)


def ties_shown() -> str:
    """TIES_SHOWN in the reader's language, its example worked out by the tie rule."""
    assert scoring.SCORE_SHOWN == 3, "the text says 'three decimals'"
    return _(TIES_SHOWN).format(example=tie_example())


def weight_step() -> dict[str, str]:
    """How far the rank sensitivity moves each weight (`sensitivity.STEP`, a fraction), as
    the weights are typed (percent): {'points': '10', 'weight': '33%', 'low': '23%',
    'high': '43%'} for the default weight of a third."""
    w = scoring.DEFAULT_WEIGHTS[0]
    return {"points": number(sensitivity.STEP * 100, 0), "weight": plain_percent(w, 0),
            "low": plain_percent(w - sensitivity.STEP, 0),
            "high": plain_percent(w + sensitivity.STEP, 0)}
