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
    for lang in ("en", "fr"):
        with language(lang):
            page = briefing_sections._top_eight(SimpleNamespace(ctx=None))
            words = prioritization_words.top_eight_lists(BOTH)
        for line in [words.lead, words.top_heading, words.flagged_heading,
                     *words.top, *words.flagged]:
            assert esc(line) in page, line

