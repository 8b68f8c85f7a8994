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


def test_dates_counts_and_bounds_stay_on_one_line():
    # FR #22 (round 2): "1er septembre / 2005", "(5 / sur 15 n'en ont pas)" and ">99,9 %"
    # with no space after the sign. A French date's day, month and year, "5 sur 15", and a
    # bound's sign and figure are joined by no-break spaces
    text = ("Coût 1er septembre 2005 → 31 mars 2006 (5 sur 15 n'en ont pas) ; "
            "> 99,9 % et < 0,1 % ; 12 décembre 2026")
    expected = (f"Coût 1er{NBSP}septembre{NBSP}2005 → 31{NBSP}mars{NBSP}2006 "
                f"(5{NBSP}sur{NBSP}15 n'en ont pas){NARROW}; >{NBSP}99,9 % et <{NBSP}0,1 %"
                f"{NARROW}; 12{NBSP}décembre{NBSP}2026")
    assert french_spaces(text) == expected
    assert french_spaces(expected) == expected
    # escaped in a page of the pack, and never a tag: "<td>5 sur" keeps its tag whole
    assert french_spaces("(&gt; 99,9 %)") == f"(&gt;{NBSP}99,9 %)"
    assert french_spaces("<td>5 sur 15</td><b>31 mai 2006</b>") == (
        f"<td>5{NBSP}sur{NBSP}15</td><b>31{NBSP}mai{NBSP}2006</b>")
    # no date without a month's name, no count without a figure after "sur"
    assert french_spaces("le 5 sur la liste, 2006 mars 31") == "le 5 sur la liste, 2006 mars 31"


def test_the_formatter_writes_french_dates_and_bounds_whole():
    # FR #22: the formatter's own French: a date in no-break spaces, a bound's sign with a
    # no-break space after it ("> 99,9 %", as French writes a sign before a figure);
    # English as before (">99.9%", "2006-03-31")
    from dashboard.formatting import format_date, format_probability, format_scaled
    with language("fr"):
        assert format_date("2006-03-31") == f"31{NBSP}mars{NBSP}2006"
        assert format_date("2005-09-01") == f"1er{NBSP}septembre{NBSP}2005"
        assert format_probability(0.9999) == f">{NBSP}99,9{NBSP}%"
        assert format_probability(0.0001) == f"<{NBSP}0,1{NBSP}%"
        assert format_scaled(0.004) == f"<{NBSP}0,01"
    assert format_probability(0.9999) == ">99.9%" and format_date("2006-03-31") == "2006-03-31"


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
