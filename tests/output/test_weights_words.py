"""The priority weights in words under the factors' own names (F2 #26)."""

from __future__ import annotations

from dashboard.lang.translate import language
from dashboard.output import weights_words

NN = "\u00a0"  # the no-break space before "%" (plain_percent in French)


def test_each_weight_is_said_under_its_factors_name():
    # 0.5, 0.25, 0.25 by hand: not "cost 50%", which reads as if a high cost scored well
    assert weights_words.weights_list((0.5, 0.25, 0.25)) == (
        "low cost 50%, benefit 25%, value to organizations 25%")
    with language("fr"):
        assert weights_words.weights_list((0.5, 0.25, 0.25)) == (
            f"faible coût 50{NN}%, avantage 25{NN}%, valeur pour les organismes 25{NN}%")
