"""The definitions in a manager's words (dashboard/output/plain_words.py): data/README.md's
"In plain words" is their English rendering; every figure comes from the constant the
dashboard computes with; the French says the same figures as the English, the headline
figures' labels and definitions and what "likely" means too (issue #26, point 5)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from dashboard.contract import docs
from dashboard.contract.metrics import HEADLINES, LIKELY_MEANS, likely_means
from dashboard.lang.translate import language
from dashboard.output import plain_words
from tests.figures_quoted import figures

D = Decimal


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("heading", docs.READER_SECTIONS)
def test_the_readme_section_is_the_english_rendering(heading):
    # data/README.md and the page (and the briefing) say the same words: the README's
    # line breaks apart
    assert _flat(docs.section(heading, level=3)) == _flat(plain_words.section(heading))


def test_the_figures_are_the_constants_the_dashboard_computes_with():
    # by hand from dashboard/config.py and contract/schema.py's RANGE_DEFAULTS: a 5% rate;
    # high-confidence benefits 0.85 to 1.10 -> "15% less or 10% more"; low 0.20 to 1.30;
    # one-off costs up to 1.60 -> "up to 60%"; recurring 1.25; both 0.95 -> "5% less";
    # 20,000 draws; P10 to P90 -> 8 times in 10; ratings 1 to 5; weights move by 0.1, typed
    # in percent: 10 points, a third (33%) to 23% or 43%; ties as the Prioritization page
    # says them (review round 3, #20): scores 0.5, 0.5, 0.25 rank =1, =1, #3
    text = " ".join(plain_words.section(h) for h in docs.READER_SECTIONS)
    for said in ("sidebar (5% unless changed)", "15% less or 10% more than stated",
                 "40% less or 20% more", "as little as 20% of it, or 30% more",
                 "overrun by up to 60%, a recurring one by up to 25%", "come to 5% less",
                 "8 times in 10", "from 20,000 simulated outcomes", "ratings from 1 to 5",
                 "moves 10 percentage points up or down (a weight of 33% becomes 23% or 43%)",
                 "shared by scores equal to three decimals", "its place (=1, =1, #3)",
                 '"1.8x" means each dollar of cost is expected to '
                 "bring $1.80", '"$255" below a thousand, then "$12.3K", "$12.3M" and "$1.2B"',
                 '"Likely $150.0M to $240.0M"', "report A/60/323 (paragraph 7)"):
        assert said in _flat(text), said


def test_a_changed_constant_changes_both_languages(monkeypatch):
    monkeypatch.setattr(plain_words, "DEFAULT_DISCOUNT_RATE", 0.07)
    name = "What each headline figure means"
    assert "(7% unless changed)" in plain_words.section(name)
    with language("fr"):
        assert "(7\u00a0% sauf modification)" in plain_words.section(name)


def test_the_figure_reader_reads_both_languages_formats():
    # hand-written pairs: the same figures written the English and the French way
    en = "$12.3K, -$1.2B, $255 and $0.96; 5.0% and 15%; 20,000 draws, 1.8x, on 2006-03-31"
    fr = ("12\u202f300\u00a0$US, \u22121,2\u00a0Md\u00a0$US, 255\u00a0$US et 0,96\u00a0$US ; "
          "5,0\u202f% et 15\u202f% ; 20\u202f000 tirages, 1,8x, le 31 mars 2006")
    expected = Counter({("money", D(12300)): 1, ("money", D(-1_200_000_000)): 1,
                        ("money", D(255)): 1, ("money", D("0.96")): 1,
                        ("percent", D(5)): 1, ("percent", D(15)): 1,
                        ("number", D(20000)): 1, ("number", D("1.8")): 1,
                        ("date", "2006-03-31"): 1})
    assert figures(en, "en") == expected
    assert figures(fr, "fr") == expected
    # Markdown's escaped dollar, a stored date left as it is, a pattern's "{2,16}"
    assert figures("\\$255 on 2006-03-31, [A-Z]{2,16}", "en") == figures(
        "255\u00a0\\$US le 2006-03-31, [A-Z]{2,16}", "fr") == Counter(
        {("money", D(255)): 1, ("date", "2006-03-31"): 1, ("number", D(2)): 1,
         ("number", D(16)): 1})
    # a value quoted as the file holds it reads the same in French
    assert figures("write 1234.5, not 1,234.5 (got -70.0)", "en") == figures(
        "écrire 1234.5, et non 1,234.5 (valeur lue\u00a0: -70.0)", "fr") == Counter(
        {("number", D("1234.5")): 2, ("number", D(70)): 1})
    # one figure changed is seen
    assert figures(fr.replace("15\u202f%", "16\u202f%"), "fr") != expected


def _both(render) -> tuple[Counter, Counter]:
    english = render()
    with language("fr"):
        french = render()
    assert french != english, "no French for this text"
    return figures(english, "en"), figures(french, "fr")


@pytest.mark.parametrize("heading", docs.READER_SECTIONS)
def test_the_french_definitions_quote_the_same_figures(heading):
    en, fr = _both(lambda: plain_words.heading(heading) + "\n" + plain_words.section(heading))
    assert fr == en


def test_the_headline_figures_and_likely_in_french_quote_the_same_figures():
    def render():
        return "\n".join([likely_means(), *(f"{h.said_label}: {h.said_definition}"
                                           for h in HEADLINES)])
    en, fr = _both(render)
    assert fr == en
    # by hand: "the 10th to the 90th percentile ... 8 times in 10"; the gap "floored at 0"
    assert en == Counter({("number", D(10)): 2, ("number", D(90)): 1, ("number", D(8)): 1,
                          ("number", D(0)): 1})
    assert likely_means() == LIKELY_MEANS  # English as written


def test_the_french_uses_the_uns_terms():
    with language("fr"):
        text = " ".join([*(plain_words.section(h) for h in docs.READER_SECTIONS),
                         *(h.said_label for h in HEADLINES)])
    for term in ("Valeur actuelle nette (VAN)", "Rapport avantages-coûts",
                 "Déficit de financement", "annonces de contributions", "Contributions versées",
                 "Année de récupération", "taux d'actualisation", "organismes",
                 "études de rentabilité", "contributions volontaires", "Organismes engagés"):
        assert term.lower() in text.lower(), term
    assert "organisations" not in text  # "organismes des Nations Unies" (the glossary)


def test_the_ratio_example_is_written_as_the_tiles_write_it():
    # F2 #8: the definition quotes the ratio as every tile shows it: '1.8x' in English,
    # '1,8 ×' (a narrow no-break space before the multiplication sign) in French
    name = "What each headline figure means"
    assert '"1.8x" means' in plain_words.section(name)
    with language("fr"):
        text = plain_words.section(name)
        assert "1,8\u202f×" in text
        assert "1,8x" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_filters_are_named_as_the_sidebar_names_them(lang):
    # FR3 #11: the sidebar's toggle said « Initiatives prioritaires seulement », the methods
    # « … uniquement »; both now read the one label (query/filters.LABELS, ORGANIZATION)
    with language(lang):
        text = plain_words.section("What the filters do")
    names = {"en": ["Category", "Initiative", "Priority initiatives only", "Organization",
                    "Years"],
             "fr": ["Catégorie", "Initiative", "Initiatives prioritaires seulement",
                    "Organisme", "Années"]}[lang]
    for name in names:
        assert f"**{name}**" in text
    assert "uniquement" not in text
