"""The priority weights in words, each under its factor's own name, the one the score
chart's legend and the weight inputs use (dashboard/charts/figures_analytics.py
`FACTOR_TRACES`): "low cost 33%, benefit 33%, value to organizations 33%", never "cost
33%", which reads as if a high cost were rewarded (F2 #26). The shown percentages add up
to 100 (dashboard/formatting.py `format_shares`), and the page's intro, its echo line, the
rank-sensitivity caption and the briefing say how the weights are scaled in one wording,
`SCALED` (R4 #11: "scaled to sum to 1" beside "rescaled to sum to 100%", over three 33%)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.charts.figures_analytics import FACTOR_TRACES
from dashboard.formatting import format_shares
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# TRANSLATORS: said of the three priority weights (French: "pondérations", feminine plural)
SCALED = N_("scaled to add up to 100%")


def factor_names() -> tuple[str, ...]:
    """The three factors' names in the reader's language, in the weights' order."""
    return tuple(_(name) for _column, name, _colour, _hatch in FACTOR_TRACES)


def weights_list(weights: Sequence[float]) -> str:
    """Normalized weights, each after its factor's name in lower case: 'low cost 50%, ...'."""
    # TRANSLATORS: one priority weight: {factor} its factor's name ("low cost"), {weight} "33%"
    return ", ".join(_("{factor} {weight}").format(factor=f"{n[:1].lower()}{n[1:]}", weight=w)
                     for n, w in zip(factor_names(), format_shares(weights), strict=True))


def echo(weights: Sequence[float]) -> str:
    """The weights a score was computed with, as the page and the briefing say them."""
    return _("Weights used ({scaled}): {weights}").format(scaled=_(SCALED),
                                                          weights=weights_list(weights))
