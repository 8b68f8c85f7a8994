"""The model's top eight beside the flagged priorities in words, once for the app and the
pack (dashboard/output/prioritization_words.py; French round 3, #18)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from dashboard.lang.translate import language
from dashboard.output import briefing_sections, prioritization_words
from dashboard.output.briefing_html import esc

NB = "\u00a0"
# by hand: Alpha 1st (flagged), Beta 2nd, Gamma 9th (flagged, outside the top eight)
BOTH = pd.DataFrame({
    "name": ["Alpha", "Beta", "Gamma"],
    "rank": [1, 2, 9],
    "rank_with_ties": [1, 2, 9],
    "is_tied": [False, False, False],
    "in_model_top_eight": [True, True, False],
    "flagged_priority": [True, False, True],
})


def test_the_lists_in_french_say_each_thing_one_way():
    with language("fr"):
        words = prioritization_words.top_eight_lists(BOTH)
    # the check mark held to its word by a no-break space: it never wraps away
    assert words.top == [f"1er Alpha ✓{NB}prioritaire", "2e Beta"]
    assert words.flagged == [f"Alpha{NB}: 1er rang",
                             f"Gamma{NB}: 9e rang (hors des huit premières)"]
    assert words.lead.startswith("Initiatives des huit premières du modèle également "
                                 f"prioritaires{NB}: 1 sur 2")
    assert not words.tied


def test_the_lists_in_english():
    words = prioritization_words.top_eight_lists(BOTH)
    assert words.top == [f"#1 Alpha ✓{NB}flagged", "#2 Beta"]
    assert words.flagged == ["Alpha: rank #1", "Gamma: rank #9 (outside top eight)"]


def test_the_pack_prints_the_apps_lines(monkeypatch):
    monkeypatch.setattr(briefing_sections.chart_data, "top_eight_vs_flagged", lambda ctx: BOTH)
    # twelve kept: more than eight, the top-eight words
    monkeypatch.setattr(briefing_sections.chart_data, "priority_ranking",
                        lambda ctx: pd.DataFrame(index=range(12)))
    for lang in ("en", "fr"):
        with language(lang):
            page = briefing_sections._top_eight(SimpleNamespace(ctx=None))
            words = prioritization_words.top_eight_lists(BOTH)
        for line in [words.lead, words.top_heading, words.flagged_heading,
                     *words.top, *words.flagged]:
            assert esc(line) in page, line



# by hand: six kept (eight or fewer), so all six are the model's "top eight"; 3 flagged
SIX = pd.DataFrame({
    "name": ["A", "B", "C", "D", "E", "F"],
    "rank": [1, 2, 3, 4, 5, 6],
    "rank_with_ties": [1, 2, 3, 4, 5, 6],
    "is_tied": [False] * 6,
    "in_model_top_eight": [True] * 6,
    "flagged_priority": [True, False, True, False, True, False],
})


def test_with_eight_or_fewer_kept_the_lists_say_so_once_and_drop_the_top_eight():
    # R6b #1: "3 of 6 initiatives of the model's top eight are also flagged" and a list
    # "Model's top eight" holding six
    words = prioritization_words.top_eight_lists(SIX, kept=6)
    assert words.lead == ("With 6 initiatives kept, the model ranks all of them; flagged as "
                          "priorities: 3.")
    assert words.top_heading == "Model's ranking (all 6 kept)"
    assert words.flagged == ["A: rank #1", "C: rank #3", "E: rank #5"]
    assert not any("eight" in x for x in [words.lead, words.top_heading, *words.top,
                                          *words.flagged])
    with language("fr"):
        words = prioritization_words.top_eight_lists(SIX, kept=6)
    assert words.lead == ("Avec 6 initiatives retenues, le modèle les classe toutes\u202f; "
                          f"initiatives prioritaires{NB}: 3.")
    assert words.top_heading == "Classement du modèle (les 6 retenues)"
    # more than eight kept: as before
    assert prioritization_words.top_eight_lists(BOTH, kept=12).top_heading == \
        "Model's top eight"
