"""Money, ratios and shares formatted for people (the shared UI convention)."""

from __future__ import annotations

import math

import pytest

from dashboard.formatting import format_count, format_ratio, format_share, format_usd


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "$0"),
        (255, "$255"),
        (999.4, "$999"),
        (999.6, "$1.0K"),  # rounds to 1,000: the next unit
        (1000, "$1.0K"),
        (12_345, "$12.3K"),
        (999_949, "$999.9K"),
        (999_960, "$1.0M"),  # never "$1000.0K"
        (12_300_000, "$12.3M"),
        (1_234_000_000, "$1.23B"),
        (-12_345, "-$12.3K"),
        (-0.2, "$0"),
        (None, "—"),
        (math.nan, "—"),
        (math.inf, "—"),
    ],
)
def test_format_usd(value, text):
    assert format_usd(value) == text


def test_format_ratio_count_share():
    assert format_ratio(295 / 255) == "1.2x"
    assert format_ratio(2.44) == "2.4x"
    assert format_ratio(None) == "—"
    assert format_ratio(float("nan")) == "—"
    assert format_count(27.0) == "27"
    assert format_count(None) == "—"
    assert format_share(0.528) == "52.8%"
    assert format_share(None) == "—"
