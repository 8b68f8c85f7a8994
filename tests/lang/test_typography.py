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
