"""The briefing pack's "How sure are these figures" page: what it prints above the NPV's
distribution and tornado (their entries in dashboard/registry.py): the portfolio's figures
as stated beside their likely range, expected value and chance above break-even (the
sheet `ranges_portfolio`), and the share of the stated benefit that is low confidence
(data/README.md, "Ranges: how sure each figure is")."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.charts.figures_ranges import OUTCOMES
from dashboard.contract.metrics import BY_KEY, likely_means
from dashboard.formatting import (
    MISSING,
    format_percent,
    format_probability,
    format_share,
    format_usd,
    is_missing,
)
from dashboard.output import summary
from dashboard.output.briefing_html import PAGE_W, esc, p
from dashboard.query import chart_data, ranges_data

COLUMNS = ("Figure", "As stated", "Likely (P10 to P90)", "Expected (risk-adjusted)",
           "Chance above break-even")
BREAK_EVEN_WORDS = {"net_benefit_usd": "above 0", "npv_usd": "above 0",
                    "benefit_cost_ratio": "above 1.0x"}


def _label_and_format(metric: str, rate: float) -> tuple[str, Callable[[object], str]]:
    if metric == "npv_usd":
        return f"NPV at {format_percent(rate)}", format_usd
    h = BY_KEY[metric]
    return h.label, h.format


def portfolio_rows(portfolio: pd.DataFrame, rate: float) -> list[tuple[str, ...]]:
    """Each row of `ranges_portfolio` in words: figure, as stated, 'x to y', expected,
    chance above break-even ('99.3% (above 0)'; '—' for cost and benefit)."""
    out = []
    for r in portfolio.itertuples():
        label, fmt = _label_and_format(str(r.metric), rate)
        likely = MISSING if is_missing(r.p10) or is_missing(r.p90) else \
            f"{fmt(r.p10)} to {fmt(r.p90)}"
        chance = MISSING if is_missing(r.p_above_break_even) else \
            f"{format_probability(r.p_above_break_even)} ({BREAK_EVEN_WORDS[str(r.metric)]})"
        out.append((label, fmt(r.stated), likely, fmt(r.expected), chance))
    return out


def low_confidence_words(share: float | None) -> str:
    """'61.1% of the stated benefit is low confidence.'"""
    if is_missing(share):
        return "No benefit is stated under these filters."
    return f"{format_share(share)} of the stated benefit is low confidence."


def lead(ctx: chart_data.Context) -> str:
    """The table of the portfolio's figures and their ranges, the low-confidence share,
    and what 'likely' means."""
    portfolio = ranges_data.ranges_portfolio(ctx)
    rows = portfolio_rows(portfolio, float(ctx.discount_rate))
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in COLUMNS)
    body = "".join("<tr>" + f'<th scope="row" class="txt">{esc(r[0])}</th>'
                   + "".join(f'<td class="num">{esc(v)}</td>' for v in r[1:]) + "</tr>"
                   for r in rows)
    table = (f'<div class="table" style="width:{PAGE_W}px"><table><thead><tr>{head}</tr>'
             f"</thead><tbody>{body}</tbody></table></div>")
    words = (f"{low_confidence_words(ranges_data.low_confidence_share(ctx))} The ranges "
             f"come from {OUTCOMES}, each cost and benefit drawn within its range.")
    outside = outside_labels(portfolio, float(ctx.discount_rate))
    means = (f"{likely_means()} {summary.outside_sentence(outside)}" if outside
             else likely_means())
    return p(words, "lead") + table + p(means, "caption")


def outside_labels(portfolio: pd.DataFrame, rate: float) -> list[str]:
    """The figures of `ranges_portfolio` whose stated value lies outside their likely range,
    as named in a sentence ('total cost', 'NPV at 5.0%'), in the table's order."""
    scope = summary.Scope(likely={str(r.metric): (r.p10, r.p90) for r in portfolio.itertuples()})
    out = []
    for r in portfolio.itertuples():
        if scope.outside(str(r.metric), r.stated):
            label = _label_and_format(str(r.metric), rate)[0]
            out.append(label if r.metric == "npv_usd" else label.lower())
    return out
