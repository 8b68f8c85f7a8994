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


def test_the_weights_shown_add_up_to_a_hundred_and_say_so():
    # R4 #11: "scaled to sum to 1: cost 33%, benefit 33%, value 33%" added up to 99%.
    # 0.417, 0.175, 0.408 rounded each alone: 42 + 18 + 41 = 101; by largest remainders
    # (floors 41, 17, 40; remainders 0.7, 0.5, 0.8) 42 + 17 + 41 = 100
    assert weights_words.echo((0.417, 0.175, 0.408)) == (
        "Weights used (scaled to add up to 100%): low cost 42%, benefit 17%, "
        "value to organizations 41%")
    # equal weights stay equal, with one decimal
    assert weights_words.weights_list((1 / 3, 1 / 3, 1 / 3)) == (
        "low cost 33.3%, benefit 33.3%, value to organizations 33.3%")
    with language("fr"):
        assert weights_words.echo((1 / 3, 1 / 3, 1 / 3)) == (
            f"Pondérations appliquées (ramenées à une somme de 100{NN}%){NN}: faible coût "
            f"33,3{NN}%, avantage 33,3{NN}%, valeur pour les organismes 33,3{NN}%")


def test_the_intro_the_sensitivity_caption_and_the_pack_say_it_in_one_wording():
    # the rank-sensitivity caption and the briefing's Prioritization section (the page's
    # intro and echo: tests/ui/test_percent_link.py)
    from types import SimpleNamespace

    from dashboard import registry
    from dashboard.output import briefing_sections

    pg = SimpleNamespace(ctx=SimpleNamespace(weights=(1.0, 1.0, 1.0)))
    for lang, phrase in (("en", "scaled to add up to 100%"),
                         ("fr", f"ramenées à une somme de 100{NN}%")):
        with language(lang):
            assert phrase in str(registry.for_page("prioritization")[3].caption)
            assert phrase in briefing_sections.LEADS["weights"](pg)
