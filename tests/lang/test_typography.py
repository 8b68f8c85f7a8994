"""French typography's no-break spaces, once (dashboard/lang/typography.py)."""

from __future__ import annotations

from dashboard.lang.translate import language
from dashboard.lang.typography import french_spaces, typeset

NARROW, NBSP = "\u202f", "\u00a0"


def test_the_spaces_before_french_punctuation_become_no_break_ones():
    text = "Coût total : 5 ; vraiment ? « oui » !"
    expected = (f"Coût total{NBSP}: 5{NARROW}; vraiment{NARROW}? «{NBSP}oui{NBSP}»"
                f"{NARROW}!")
    assert french_spaces(text) == expected
    assert french_spaces(expected) == expected  # twice changes nothing more


def test_marks_without_a_space_are_no_punctuation_and_stay():
    text = 'A &amp; B: https://example.org/?lang=fr at 10:30 <a href="x">'
    assert french_spaces(text) == text


def test_english_is_left_as_it_is():
    assert typeset("Total : 5 ?", "en") == "Total : 5 ?"
    with language("fr"):
        assert typeset("Total : 5 ?") == f"Total{NBSP}: 5{NARROW}?"


NB_HYPHEN = "\u2011"  # a non-breaking hyphen: no line ends at it


def test_quote_part_never_breaks_at_its_hyphen():
    # FR #14 follow-up: the frontier's title wrapped « quote- » / « part UNDP) »
    text = "Frontière efficiente (quote-part UNDP) ; Quote-part UNDP dans la VAN"
    assert typeset(text, "fr") == (f"Frontière efficiente (quote{NB_HYPHEN}part UNDP){NARROW}; "
                                   f"Quote{NB_HYPHEN}part UNDP dans la VAN")
    assert typeset(typeset(text, "fr"), "fr") == typeset(text, "fr")
    assert typeset("avantages-coûts, ci-dessous", "fr") == "avantages-coûts, ci-dessous"
    assert typeset("cost-benefit quote-part", "en") == "cost-benefit quote-part"


def test_the_share_phrase_is_set_so_wherever_it_is_joined():
    # the presenter that joins it (output/summary.organizations_share): tiles, titles, axes
    from dashboard.output.summary import organizations_share

    with language("fr"):
        assert organizations_share(("UNDP",)) == f"quote{NB_HYPHEN}part UNDP"
    assert organizations_share(("UNDP",)) == "UNDP's share"
