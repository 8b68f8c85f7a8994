"""Numbers in the reader's language (dashboard/lang/numbers.py): English exactly as the
dashboard's formatter writes it (dashboard/formatting.py, the oracle: written long before,
by hand); French from Babel's own CLDR output (the data contract's example: 126,400,000 is
"126,4 M $US")."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_percent

from dashboard.formatting import format_percent as en_percent
from dashboard.formatting import format_usd
from dashboard.lang import numbers
from dashboard.lang.translate import language


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
    assert numbers.money(12_345, "fr") == "12,3\u00a0k\u00a0$US"
    assert numbers.money(1_234_000_000, "fr") == "1,2\u00a0Md\u00a0$US"
    assert numbers.money(0.96, "fr") == "0,96\u00a0$US"
    assert numbers.money(255, "fr") == "255\u00a0$US"
    assert numbers.money(-12_345, "fr") == "-12,3\u00a0k\u00a0$US"
    assert numbers.money(120_000_000, "fr") == "120,0\u00a0M\u00a0$US"  # the decimals kept
    assert numbers.money(None, "fr") == "—"


def test_french_percentages_dates_and_separators_are_babels():
    assert numbers.percent(0.05, "fr") == format_percent(0.05, "#,##0.0\u00a0%", locale="fr")
    assert numbers.percent(0.05, "fr") == "5,0\u00a0%"
    assert numbers.percent(-0.123, "fr", signed=True) == "-12,3\u00a0%"
    day = dt.date(2006, 3, 31)  # the contract's example: "31 mars 2006"
    assert numbers.date(day, "fr") == format_date(day, "long", locale="fr") == "31 mars 2006"
    assert numbers.date("2006-03-31", "en") == "2006-03-31"
    assert numbers.plotly_separators("fr") == ",\u202f" and numbers.plotly_separators("en") == ".,"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_current_language_is_the_default(lang):
    with language(lang):
        assert numbers.money(126_400_000) == numbers.money(126_400_000, lang)
