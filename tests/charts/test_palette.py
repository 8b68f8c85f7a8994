"""The matrices' colours (dashboard/charts/palette.py): ends told apart (round 3 #19)."""

from __future__ import annotations

import pytest

from dashboard.charts import palette
from dashboard.contract.schema import COMMITMENT_LEVELS

WHITE, BAND = "#FFFFFF", "#F1F4F7"  # the matrix's background and its group bands


def test_the_contrast_ratio_is_wcag_s():
    # worked by hand from WCAG 2's relative luminance: black on white 21:1, equal colours
    # 1:1, mid grey #777777 on white 4.48:1
    assert palette.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast("#ABCDEF", "#ABCDEF") == pytest.approx(1.0)
    assert palette.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_each_commitment_level_stands_apart_from_the_next():
    colours = [palette.LEVEL_COLORS[level] for level in COMMITMENT_LEVELS]
    # "No commitment" and "Interested" were 1.13:1 apart: hard to tell
    assert all(palette.contrast(a, b) >= 1.4 for a, b in zip(colours, colours[1:], strict=False))
    # and "No commitment" from a blank cell (white)
    assert palette.contrast(colours[0], WHITE) >= 1.25


def test_the_highest_relative_value_reads_on_white_and_on_the_bands():
    top = palette.RELATIVE_VALUE_COLORS[5]
    # the yellow "5 (high)" was 1.26:1 on white; WCAG's 3:1 for graphics
    assert palette.contrast(top, WHITE) >= 3 and palette.contrast(top, BAND) >= 3
    values = [palette.RELATIVE_VALUE_COLORS[v] for v in range(1, 6)]
    assert all(palette.contrast(a, b) >= 1.4 for a, b in zip(values, values[1:], strict=False))


def test_cielab_lightness_is_the_standard_one():
    # by hand from CIE 1976 L*: white 100, black 0, sRGB #777777 (Y = 0.1845) 50.0
    assert palette.lightness("#FFFFFF") == pytest.approx(100.0, abs=0.01)
    assert palette.lightness("#000000") == pytest.approx(0.0, abs=0.01)
    assert palette.lightness("#777777") == pytest.approx(50.0, abs=0.2)


@pytest.mark.parametrize("scale", ["level", "value"])
def test_adjacent_steps_differ_in_lightness_enough_to_tell_apart_in_print(scale):
    # round 4 #15: "No commitment" (L* 89) and "Interested" (76) still read alike; relative
    # value 4 (35) and 5 (15) in print, where dark inks spread. In greyscale only lightness
    # is left: each step at least 16 L* from the next, the darkest pair at least 22
    colours = ([palette.LEVEL_COLORS[lv] for lv in COMMITMENT_LEVELS] if scale == "level"
               else [palette.RELATIVE_VALUE_COLORS[v] for v in range(1, 6)])
    steps = [palette.lightness(a) - palette.lightness(b)
             for a, b in zip(colours, colours[1:], strict=False)]
    assert all(s >= 16 for s in steps), steps
    assert steps[-1] >= 22, steps


def test_the_measures_greys_carry_a_white_hatch_and_the_verdicts_step_apart():
    # round 5 #15: the gap and the kinds of cost are one dark grey told apart by a white
    # hatch, which needs 4.5:1 against it; the three verdicts are greys at least 16 L* apart
    # (CIELAB, as the commitment levels), darkest "always in the top eight"
    assert palette.contrast(palette.DARK_GREY, WHITE) >= 4.5
    steps = [palette.lightness(palette.VERDICT_COLORS[k]) for k in ("always", "depends", "never")]
    assert all(b - a >= 16 for a, b in zip(steps, steps[1:], strict=False))
