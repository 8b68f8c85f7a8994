"""Numbers in the reader's language (dashboard/lang/numbers.py): English exactly as the
dashboard's formatter wrote it before it delegated here (the oracle: its f-string code,
kept below as it was); French from Babel's own CLDR output (the data contract's example:
126,400,000 is "126,4 M $US")."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent

from dashboard.formatting import is_missing
from dashboard.lang import numbers
from dashboard.lang.translate import language


def format_usd(value):  # dashboard/formatting.py's English money before #26, as it was
    if is_missing(value) or math.isinf(float(value)):
        return "—"
    x = float(value)
    sign, a, text = "-" if x < 0 else "", abs(x), None
    if round(a, 2) == 0:
        return "$0"
    if round(a, 2) < 10:
        text = f"${a:.2f}"
    elif round(a) < 1000:
        text = f"${round(a):,.0f}"
    else:
        steps = ((1e3, "K", 1), (1e6, "M", 1), (1e9, "B", 1))
        for i, (size, suffix, decimals) in enumerate(steps):
            scaled = round(a / size, decimals)
            if scaled < 1000 or i == len(steps) - 1:
                text = f"${scaled:,.{decimals}f}{suffix}"
                break
    if text in ("$0", "$0.0K"):
        sign = ""
    return f"{sign}{text}"


def en_percent(value, *, signed=False):  # its English percentage before #26, as it was
    if is_missing(value) or math.isinf(float(value)):
        return "—"
    x = float(value) * 100
    text = f"{x:,.1f}%"
    if text in ("-0.0%", "0.0%"):
        return "0.0%"
    return f"+{text}" if signed and x > 0 else text


def _amounts():
    rng = random.Random(60323)
    fixed = [0, 0.004, 0.96, 9.994, 9.996, -3.5, 255, 999.4, 999.6, 1000, 12_345, 999_949, 999_960, 1e6, 12.3e6, 999.96e6,
             1.234e9, 12.5e9, 1234.5e9, -12_345, -0.4, 0.5, 1.5, 2.5, -999_960]
    return fixed + [10 ** rng.uniform(0, 13) * rng.choice((1, -1)) for _ in range(2000)]


def test_english_money_and_percentages_read_exactly_as_before():
    assert [numbers.money(v, "en") for v in _amounts()] == [format_usd(v) for v in _amounts()]
    rng = random.Random(5)
    shares = [0, 0.05, -0.05, 0.119, 12.3456, -0.0004, 0.0005, -0.0005, 1234.5678] + [
        round(rng.uniform(-2, 2), 4) for _ in range(2000)]
    for signed in (False, True):
        assert ([numbers.percent(v, "en", signed=signed) for v in shares]
                == [en_percent(v, signed=signed) for v in shares])


def test_french_money_is_babels_own():
    # the contract's example, from Babel itself: "126,4 M $US" (no-break spaces)
    assert numbers.money(126_400_000, "fr") == format_compact_currency(
        126_400_000, "USD", locale="fr", fraction_digits=1) == "126,4\u00a0M\u00a0$US"
    assert numbers.money(1_234_000_000, "fr") == "1,2\u00a0Md\u00a0$US"
    assert numbers.money(0.96, "fr") == "0,96\u00a0$US"
    assert numbers.money(255, "fr") == "255\u00a0$US"
    assert numbers.money(120_000_000, "fr") == "120,0\u00a0M\u00a0$US"  # the decimals kept
    assert numbers.money(None, "fr") == "—"


def test_french_amounts_under_a_million_are_written_in_full():
    # FR #10 (round 2): "807,8 k $US" is an English abbreviation; UN French writes the
    # amount in full, "807 800 $US", rounded as the money rule rounds it (one decimal of
    # thousands: to the hundred). Worked by hand: 807,849 -> 807.8 thousand -> 807 800;
    # 12,345 -> 12.3 thousand -> 12 300; 999,949 -> 999.9 thousand -> 999 900; 999,960
    # rounds to 1,000.0 thousand, so it reads in millions, as in English ("$1.0M")
    nn, nb = "\u202f", "\u00a0"
    assert numbers.money(807_849, "fr") == f"807{nn}800{nb}$US"
    assert numbers.money(12_345, "fr") == f"12{nn}300{nb}$US"
    assert numbers.money(1_000, "fr") == f"1{nn}000{nb}$US"
    assert numbers.money(999_949, "fr") == f"999{nn}900{nb}$US"
    assert numbers.money(999_960, "fr") == f"1,0{nb}M{nb}$US"
    assert numbers.money(255, "fr") == f"255{nb}$US"
    assert numbers.money(807_849, "en") == "$807.8K"  # English keeps its "K"
    # a money axis's tick divided by its unit: the thousands in full too
    assert numbers.scaled_money(250, "1000", 0, "fr") == f"250{nn}000{nb}$US"
    assert numbers.scaled_money(2.5, "1000", 1, "fr") == f"2{nn}500{nb}$US"
    assert numbers.scaled_money(250, "1000", 0, "en") == "$250K"
    for v in [1_000 + 7_919 * k for k in range(126)]:  # no "k" anywhere under a million
        assert " k" not in numbers.money(v, "fr").replace(nb, " "), v


def test_french_percentages_dates_and_separators_are_babels():
    assert numbers.percent(0.05, "fr") == format_percent(0.05, "#,##0.0\u00a0%", locale="fr")
    assert numbers.percent(0.05, "fr") == "5,0\u00a0%"
    assert numbers.percent(-0.123, "fr", signed=True) == "\u221212,3\u00a0%"  # FR #9
    day = dt.date(2006, 3, 31)  # the contract's example: "31 mars 2006"
    # Babel's words, on one line (FR #22: no-break spaces inside a French date)
    assert format_date(day, "long", locale="fr") == "31 mars 2006"
    assert numbers.date(day, "fr") == "31\u00a0mars\u00a02006"
    assert numbers.date("2006-03-31", "en") == "2006-03-31"
    assert numbers.plotly_separators("fr") == ",\u202f" and numbers.plotly_separators("en") == ".,"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_numbers_are_what_babel_writes(lang):
    # numbers.number makes Babel's output from Python's formatting (ten times faster):
    # the same text for any value and decimals
    rng = random.Random(11)
    values = [0, 0.5, 1.5, 2.5, 999.95, 1234.5, -1234.5] + [
        rng.uniform(-1e10, 1e10) for _ in range(500)]
    for decimals in (0, 1, 2):
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        for v in values:
            rounded = f"{v:.{decimals}f}"  # Python's rounding, as the dashboard's
            babel = format_decimal(rounded, format=pattern, locale=lang)
            if lang == "fr":  # FR #9: French's minus sign is U+2212, Babel's a hyphen
                babel = babel.replace("-", "\u2212")
            assert numbers.number(v, decimals, lang) == babel, (v, decimals)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_current_language_is_the_default(lang):
    with language(lang):
        assert numbers.money(126_400_000) == numbers.money(126_400_000, lang)


def test_the_first_of_a_month_in_french_is_premier():
    # FR #11: French writes "1er septembre 2005"; Babel writes "1 septembre 2005". Other
    # days as Babel writes them; English stays ISO
    assert format_date(dt.date(2005, 9, 1), "long", locale="fr") == "1 septembre 2005"
    def fr(d):  # the date as French words, whatever no-break spaces keep it on one line
        return numbers.date(d, "fr").replace("\u00a0", " ")
    assert fr("2005-09-01") == "1er septembre 2005"
    assert fr(dt.date(2006, 4, 1)) == "1er avril 2006"
    assert fr("2005-09-11") == "11 septembre 2005"  # not "11er"
    assert fr("2005-09-21") == "21 septembre 2005"
    assert numbers.date("2005-09-01", "en") == "2005-09-01"


def test_a_ratio_and_a_place_in_each_language():
    # FR #14: "1,8 ×" with a narrow no-break space (as "%" in CLDR's French), "1.8x" in English
    assert numbers.ratio(1.8, "en") == "1.8x"
    assert numbers.ratio(1.8, "fr") == "1,8\u202f×"
    # FR #16: "1er", "2e", "12e" in French; "#1" in English
    assert [numbers.ordinal(n, "fr") for n in (1, 2, 12)] == ["1er", "2e", "12e"]
    assert numbers.ordinal(1, "en") == "#1"


def test_the_french_minus_sign_is_u2212_joined_to_its_number():
    # FR #9 (round 2), decided: Babel's French data writes the hyphen-minus, which reads
    # as a dash at the start of a line; French typography's minus is U+2212 "−", set
    # against the figure. U+2212 is of line-break class PR (Unicode UAX #14): no line
    # breaks between it and the digit that follows (rule LB25), so a figure never
    # leaves its sign behind. English keeps its hyphen-minus
    from babel import Locale
    assert Locale.parse("fr").number_symbols["latn"]["minusSign"] == "-"  # why we decide
    m, nb, nn = "\u2212", "\u00a0", "\u202f"
    assert numbers.money(-6_500_000, "fr") == f"{m}6,5{nb}M{nb}$US"
    assert numbers.money(-284_200, "fr") == f"{m}284{nn}200{nb}$US"
    assert numbers.money(-3.5, "fr") == f"{m}3,50{nb}$US"
    assert numbers.percent(-0.146, "fr") == f"{m}14,6{nb}%"
    assert numbers.number(-1234.5, 1, "fr") == f"{m}1{nn}234,5"
    assert numbers.plain_percent(-0.05, 1, "fr") == f"{m}5,0{nb}%"
    assert numbers.money(-6_500_000, "en") == "-$6.5M" and numbers.number(-2, 0, "en") == "-2"
    for text in (numbers.money(-6_500_000, "fr"), numbers.percent(-0.146, "fr")):
        assert text[0] == m and text[1].isdigit()  # nothing between the sign and the figure


def test_the_packs_moment_in_french():
    # FR #10, the cover's "Produit le 2026-12-03 17:58 UTC": the date in words in French
    assert numbers.utc_time("2026-12-03 17:58 UTC", "fr") == "3\u00a0décembre\u00a02026, 17:58 UTC"
    assert numbers.utc_time("2026-12-01 09:05 UTC", "fr") == "1er\u00a0décembre\u00a02026, 09:05 UTC"
    assert numbers.utc_time("2026-12-03 17:58 UTC", "en") == "2026-12-03 17:58 UTC"
    assert numbers.utc_time("not a moment", "fr") == "not a moment"


@pytest.mark.parametrize("lang, text, value", [
    ("en", "50,000,000", 50_000_000.0),
    ("en", "50000000", 50_000_000.0),
    ("en", " 50 000 000 ", 50_000_000.0),  # a space groups in any language
    ("en", "$1,234.50", 1234.5),
    ("en", "US$ 70", 70.0),
    ("fr", "50 000 000", 50_000_000.0),
    ("fr", "50\u202f000\u202f000", 50_000_000.0),  # as `number` writes it
    ("fr", "50\u00a0000\u00a0000 $US", 50_000_000.0),
    ("fr", "1 234,5", 1234.5),
    ("fr", "70", 70.0),
    # not amounts: a group of other than three digits, the other language's signs, words,
    # a sign, empty
    ("en", "50,00,000", None),
    ("en", "1,5", None),
    ("fr", "50,000,000", None),
    ("fr", "50.000.000", None),
    ("en", "fifty", None),
    ("en", "-70", None),
    ("en", "", None),
])
def test_a_typed_number_is_read_in_the_readers_signs(lang, text, value):
    assert numbers.parse_number(text, lang) == value


def test_a_number_written_is_read_back():
    for lang in ("en", "fr"):
        for x in (0.0, 7.0, 999.0, 1000.0, 50_000_000.0, 1_234_567_890.0):
            assert numbers.parse_number(numbers.number(x, 0, lang), lang) == x
        assert numbers.parse_number(numbers.number(1234.56, 2, lang), lang) == 1234.56
