"""Colours: one colour per initiative category everywhere, from a colour-blind-safe palette.

The base palette is Okabe & Ito's (2008), distinguishable with the common forms of colour
blindness. Sequential scales (commitment level, relative value) use a single hue or
viridis, which read in greyscale too. Paid and pledged money is also told apart by a
hatch pattern, never by colour alone.
"""

from __future__ import annotations

from dashboard.contract.schema import (
    AGENCY_TYPES,
    BENEFIT_CATEGORIES,
    CATEGORIES,
    COMMITMENT_LEVELS,
    CONFIDENCE_LEVELS,
    CONTRIBUTION_TYPES,
    COST_CATEGORIES,
    DONOR_TYPES,
)

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#999999"
# darker shades of the same hues for text on white (WCAG AA contrast, at least 4.5:1)
TEXT_GREEN = "#00704F"
TEXT_VERMILLION = "#A84700"
OKABE_ITO: tuple[str, ...] = (ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK)

CATEGORY_COLORS: dict[str, str] = dict(
    zip(CATEGORIES, (BLUE, ORANGE, GREEN, PURPLE, VERMILLION), strict=True)
)

STATUS_COLORS: dict[str, str] = {"paid": BLUE, "pledged": ORANGE}
STATUS_PATTERNS: dict[str, str] = {"paid": "", "pledged": "/"}
COST_BENEFIT_COLORS: dict[str, str] = {"cost": VERMILLION, "benefit": BLUE, "net": BLACK}
RECURRENCE_COLORS: dict[str, str] = {"recurring": BLUE, "one-off": SKY_BLUE}

# single-hue sequential blues, light (none) to dark (lead)
LEVEL_COLORS: dict[str, str] = dict(
    zip(COMMITMENT_LEVELS, ("#E5E5E5", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"), strict=True)
)
RELATIVE_VALUE_SCALE = "Viridis"
# the scale's five steps, one per relative value 1..5 (a legend of five swatches)
RELATIVE_VALUE_COLORS: dict[int, str] = {
    1: "#440154", 2: "#3B518A", 3: "#22908C", 4: "#60C860", 5: "#FDE725"}

# one violet hue, light (low) to dark (high): beside the kinds of cost (the Okabe-Ito hues,
# Initiative detail) no colour means two things (round 3, #22: orange was Training and Low)
CONFIDENCE_COLORS: dict[str, str] = dict(
    zip(CONFIDENCE_LEVELS, ("#B4B1D6", "#7A6DB5", "#3F007D"), strict=True)
)
BENEFIT_CATEGORY_COLORS: dict[str, str] = dict(
    zip(BENEFIT_CATEGORIES, (BLUE, SKY_BLUE, GREEN, PURPLE), strict=True)
)
COST_CATEGORY_COLORS: dict[str, str] = dict(zip(COST_CATEGORIES, OKABE_ITO, strict=True))
AGENCY_TYPE_COLORS: dict[str, str] = dict(
    zip(AGENCY_TYPES, (BLUE, ORANGE, GREEN, PURPLE), strict=True)
)
DONOR_TYPE_COLORS: dict[str, str] = dict(zip(DONOR_TYPES, OKABE_ITO[:7], strict=True))
CONTRIBUTION_TYPE_COLORS: dict[str, str] = dict(
    zip(CONTRIBUTION_TYPES, (BLUE, GREEN, ORANGE), strict=True)
)
OTHER_COLOR = GREY


def category_color(category: str) -> str:
    return CATEGORY_COLORS.get(category, OTHER_COLOR)
