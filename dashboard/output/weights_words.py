"""The priority weights in words, each under its factor's own name, the one the score
chart's legend and the weight inputs use (dashboard/charts/figures_analytics.py
`FACTOR_TRACES`): "low cost 33%, benefit 33%, value to organizations 33%", never "cost
33%", which reads as if a high cost were rewarded (F2 #26). The Prioritization page's echo
line and the briefing's (its first page and its Prioritization section) say it."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.charts.figures_analytics import FACTOR_TRACES
from dashboard.lang import numbers
from dashboard.lang.translate import _


def factor_names() -> tuple[str, ...]:
    """The three factors' names in the reader's language, in the weights' order."""
    return tuple(_(name) for _column, name, _colour, _hatch in FACTOR_TRACES)


def weights_list(weights: Sequence[float]) -> str:
    """Normalized weights, each after its factor's name in lower case: 'low cost 33%, ...'."""
    # TRANSLATORS: one priority weight: {factor} its factor's name ("low cost"), {weight} "33%"
    return ", ".join(_("{factor} {weight}").format(factor=f"{n[:1].lower()}{n[1:]}",
                                                   weight=numbers.plain_percent(w, 0))
                     for n, w in zip(factor_names(), weights, strict=True))
