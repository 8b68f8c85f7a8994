"""The headline figures (data contract, section 4), once: each figure's key (its column of
queries/kpis.sql and its row of the export's `kpis` sheet), the label a reader sees, its
definition in a sentence (the tile's help), how it is formatted and how its change is
written, and which direction is good news.

Read by the export's `kpis` sheet (dashboard/query/chart_data.py), the Overview's and the
Funding page's tiles, the summary sentence and each tile's change (dashboard/output/
summary.py), the briefing pack's tiles and the "what changed" tiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dashboard.contract.labels import DONOR_PLEDGED, PAID
from dashboard.formatting import format_count, format_ratio, format_usd
from dashboard.lang.lazy import N_, Worded
from dashboard.lang.translate import _

# What "likely" means, once: the tiles' help, the Overview's caption, the range charts'
# captions, the briefing (data/README.md, "What 'likely' means")
LIKELY_MEANS = N_("Likely: the 10th to the 90th percentile. If the ranges are right, 8 times "
                  "in 10 the outcome falls inside.")


def likely_means() -> str:
    """LIKELY_MEANS in the reader's language."""
    return _(LIKELY_MEANS)


FORMATS = {"usd": format_usd, "count": format_count, "ratio": format_ratio}


@dataclass(frozen=True)
class Headline(Worded):
    """A headline figure; `label` and `definition` are read in the reader's language
    (dashboard/lang/lazy.py), `key` is a machine name."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"label", "definition"})

    key: str
    label: str
    definition: str  # one sentence: the tile's help
    kind: str = "usd"  # "usd", "count" or "ratio": how the value and its change are written
    good: str = "up"  # the direction that is good news ("up" or "down")

    @property
    def said_label(self) -> str:
        """The label in the reader's language (`Worded`: `label` reads so too;
        `lazy.english(h, "label")` is its English, the export's)."""
        return self.label

    @property
    def said_definition(self) -> str:
        """The definition in the reader's language."""
        return self.definition

    def format(self, value: object) -> str:
        return FORMATS[self.kind](value)

    @property
    def delta_color(self) -> str:
        """st.metric's delta_color: a rise that is bad news is shown in red."""
        return "inverse" if self.good == "down" else "normal"


HEADLINES: tuple[Headline, ...] = (
    Headline("total_cost_usd", N_("Total cost"), N_("Sum of the estimated cost line items."),
             good="down"),
    Headline("total_benefit_usd", N_("Total benefit"),
             N_("Sum of the stated benefit line items.")),
    Headline("net_benefit_usd", N_("Net benefit"), N_("Total benefit less total cost.")),
    Headline("benefit_cost_ratio", N_("Benefit-cost ratio"),
             N_("Total benefit divided by total cost; — when there is no cost."), kind="ratio"),
    Headline("agencies_committed", N_("Organizations committed"),
             N_("Organizations at level committed or lead on at least one initiative."),
             kind="count"),
    Headline("contributions_paid_usd", PAID,
             N_("Voluntary contributions that donors have paid.")),
    Headline("contributions_pledged_usd", DONOR_PLEDGED,
             N_("Promised by donors, not yet paid; never added to paid, never counted against "
                "a funding target.")),
    Headline("funding_gap_usd", N_("Funding gap"),
             N_("Per initiative: target less the organizations' pledged shares less paid "
                "earmarked contributions, floored at 0; summed."), good="down"),
)
BY_KEY: dict[str, Headline] = {h.key: h for h in HEADLINES}
