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

# The measures' colours, page by page (round 5 #15): seven colour-blind-safe colours cannot
# give every meaning of the dashboard its own, so on one page (dashboard/pages.py) no colour
# with its hatch means two things, and where a page shows the categories their five colours
# mean nothing else there (tests/charts/test_page_colours.py). Neutral greys and the two
# hues the categories leave (sky blue, yellow) carry the measures beside the categories.
DARK_GREY = "#5E5E5E"  # 6.5:1 on white, a white hatch reads on it
# Funding: the gap, a neutral cross-hatch (hatched vermillion read as the orange pledges)
GAP_COLOR, GAP_PATTERN = DARK_GREY, "x"
# Funding: the largest donors' slices, in the hues paid (blue), pledged (orange) and the
# organizations' shares (green) and the target (black) leave there (Canada's slice was the
# blue of "Paid"); the fifth Paul Tol's wine (his "muted" scheme, colour-blind-safe)
WINE = "#882255"
DONOR_SLICE_COLORS: tuple[str, ...] = (SKY_BLUE, VERMILLION, PURPLE, YELLOW, WINE)
# Costs & benefits: recurring and one-off costs, one grey told apart by the hatch (sky blue
# one-off stood beside sky blue "Cost avoidance", blue recurring beside a category)
RECURRENCE_COLORS: dict[str, str] = {"recurring": DARK_GREY, "one-off": DARK_GREY}
RECURRENCE_PATTERNS: dict[str, str] = {"recurring": "", "one-off": "x"}
# Prioritization, beside the categories' bubbles: the score's three parts (vermillion
# "Low cost" was the category "Sustaining the initiative"), each rank's stability (darkest
# always in the top eight, lightest never) and the share in the top eight (one hue, the
# flagged priorities outlined in black as on every chart)
FACTOR_COLORS: dict[str, str] = {"cost": YELLOW, "benefit": BLUE, "value": GREEN}
VERDICT_COLORS: dict[str, str] = {"always": "#4D4D4D", "depends": GREY, "never": "#C8C8C8"}
TOP_EIGHT_COLOR = SKY_BLUE
# the efficient frontier (blue was the category "ICT in development") and the budget a reader
# enters on it (vermillion was "Sustaining the initiative")
FRONTIER_COLOR, BUDGET_COLOR = WINE, DARK_GREY
# Overview: the count of initiatives at each stage, beside the categories
COUNT_COLOR = SKY_BLUE

# a neutral grey (none), then single-hue sequential blues to dark (lead), evenly spaced in
# lightness (CIELAB L* 90, 72, 55, 37, 13): each step at least 16 L* from the next, so the
# levels are told apart in greyscale and in small squares (round 3 #19: the old grey and
# pale blue were 1.13:1; round 4 #15: 89 against 76 still read alike)
LEVEL_COLORS: dict[str, str] = dict(
    zip(COMMITMENT_LEVELS, ("#E2E2E2", "#84B6DF", "#4588C5", "#0058A0", "#00214C"), strict=True)
)
# the matrix's mark for each level: "No commitment" (a row saying none) a grey square
# crossed out, told apart from a blank cell (no row: a white square) by more than a pale
# tint (round 5 #14, French round 3 #17: « Aucun engagement » read as « Vide »)
LEVEL_SYMBOLS: dict[str, str] = {
    level: "square-x" if level == COMMITMENT_LEVELS[0] else "square"
    for level in COMMITMENT_LEVELS}
RELATIVE_VALUE_SCALE = "Viridis_r"
# the scale's five steps, one per relative value 1..5 (a legend of five swatches): Viridis
# reversed, so the highest value is the darkest (its yellow "5 (high)" was 1.26:1 on white);
# 4 lighter than Viridis's (L* 41, not 35), so 4 and 5 stay apart in print, where dark
# inks spread (round 4 #15)
RELATIVE_VALUE_COLORS: dict[int, str] = {
    1: "#FDE725", 2: "#87C755", 3: "#1C9B85", 4: "#296592", 5: "#440154"}


def _linear(c: str) -> tuple[float, float, float]:
    """An "#RRGGBB" colour's linear sRGB components (0 to 1)."""
    return tuple((v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
                 for v in (int(c.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)))


def lightness(c: str) -> float:
    """An "#RRGGBB" colour's CIELAB lightness L* (0 black to 100 white): what is left of it
    in greyscale, the measure of a sequential scale's steps."""
    r, g, b = _linear(c)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    f = y ** (1 / 3) if y > 216 / 24389 else (24389 / 27 * y + 16) / 116
    return 116 * f - 16


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    def lum(c: str) -> float:
        r, g, b_ = (int(c.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
        return sum(w * (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
                   for w, v in zip((0.2126, 0.7152, 0.0722), (r, g, b_), strict=True))
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)

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


def ink(color: str) -> str:
    """Black or white, whichever reads better on `color` ("#RRGGBB"): a number on a marker
    or in a matrix's square."""
    if len(color.lstrip("#")) != 6:
        return "black"
    return "black" if contrast(color, "#000000") >= contrast(color, "#FFFFFF") else "white"
