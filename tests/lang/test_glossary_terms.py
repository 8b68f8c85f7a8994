"""One French term for each idea of the glossary (docs/glossary-fr.md), in every message of
the catalogue: the methods' text and the charts say the same word (FR #16, round 2: the
methods said « note » and « frontière d'efficience », the page and the charts « score » and
« Frontière efficiente »)."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from dashboard.config import REPO_ROOT

PO = REPO_ROOT / "dashboard/lang/locale/fr/LC_MESSAGES/messages.po"


def _pairs() -> list[tuple[str, str]]:
    with PO.open("rb") as f:
        catalogue = read_po(f)
    out = []
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        out.append((" ".join(ids), " ".join(s for s in strings if s)))
    return out


def test_a_score_is_a_score_in_french():
    # the priority score, a noun ("a score", "whose scores"), never « note »; "scores 0"
    # (a verb: « obtient 0 ») and a rating (« notée 2 sur 5 ») are other ideas
    noun = re.compile(r"\bscores?\b(?!\s+\d)", re.IGNORECASE)
    wrong = [(en, fr) for en, fr in _pairs()
             if noun.search(en) and re.search(r"\bnotes?\b", fr, re.IGNORECASE)]
    assert wrong == []


def test_the_efficient_frontier_is_the_frontiere_d_efficience():
    wrong = [(en, fr) for en, fr in _pairs()
             if re.search(r"efficient.frontier", en, re.IGNORECASE)
             and "frontière d'efficience" not in fr.lower()]
    assert wrong == []
    assert not [fr for _en, fr in _pairs() if "efficiente" in fr]


def test_the_expected_benefit_is_the_avantage_attendu():
    # FR3 #6: « avantage escompté » in « En bref » read as discounted (« actualisé ») and
    # differed from « avantage attendu » elsewhere; one term, never « escompté »
    wrong = [(en, fr) for en, fr in _pairs()
             if re.search(r"expected benefit", en, re.IGNORECASE)
             and not re.search(r"avantages? (?:total )?attendus?", fr, re.IGNORECASE)]
    assert wrong == []
    assert not [fr for _en, fr in _pairs() if "escompt" in fr.lower()]


def test_the_organizations_pledged_shares_are_quotes_parts():
    # FR3 #14: the Funding chart's caption said « parts annoncées par les organismes »,
    # its legend and the glossary « quotes-parts annoncées »: one term
    wrong = [(en, fr) for en, fr in _pairs()
             if re.search(r"organizations' pledged shares", en, re.IGNORECASE)
             and not re.search(r"quotes?[-\u2011]parts annoncées", fr, re.IGNORECASE)]
    assert wrong == []
    assert not [fr for _en, fr in _pairs()
                if re.search(r"(?<![-\u2011])\bparts annoncées", fr, re.IGNORECASE)]
