"""The briefing pack's "How sure are these figures" page: what it prints above the NPV's
distribution and tornado (their entries in dashboard/registry.py): the portfolio's figures
as stated beside their likely range, expected value and chance above break-even (the
sheet `ranges_portfolio`), and the share of the stated benefit that is low confidence
(data/README.md, "Ranges: how sure each figure is")."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.charts.figures_ranges import MARK_WORDS, OUTCOMES
from dashboard.contract.metrics import BY_KEY, likely_means
from dashboard.formatting import (
    MISSING,
    format_count,
    format_percent,
    format_probability,
    format_ratio,
    format_usd,
    is_missing,
)
from dashboard.lang.lazy import N_, read
from dashboard.lang.translate import _
from dashboard.output import summary
from dashboard.output.briefing_html import PAGE_W, esc, p
from dashboard.query import chart_data, ranges_data

COLUMNS = (N_("Figure"), N_("As stated"), None,  # None: `likely_range`, the app's words
           N_("Expected (risk-adjusted)"), N_("Chance above break-even"))  # read with _()
BREAK_EVEN_WORDS = {"net_benefit_usd": N_("above {value}"), "npv_usd": N_("above {value}"),
                    "benefit_cost_ratio": N_("above {value}")}  # read with _()
BREAK_EVEN_VALUES = {"net_benefit_usd": 0, "npv_usd": 0, "benefit_cost_ratio": 1.0}


def likely_range() -> str:
    """The likely range's column in the app's words for its ends (the NPV chart's marks,
    figures_ranges.MARK_WORDS): 'Likely low to likely high' (review 3, #15: not 'P10 to
    P90')."""
    high = _(MARK_WORDS["P90"])
    return _("{low} to {high}").format(low=_(MARK_WORDS["P10"]), high=high[:1].lower() + high[1:])


def _break_even(metric: str) -> str:
    """'above 0', 'above 1.0x': the break-even in the reader's language."""
    value = BREAK_EVEN_VALUES[metric]
    shown = format_ratio(value) if metric == "benefit_cost_ratio" else format_count(value)
    return _(BREAK_EVEN_WORDS[metric]).format(value=shown)


def _label_and_format(metric: str, rate: float) -> tuple[str, Callable[[object], str]]:
    if metric == "npv_usd":
        return _("NPV at {rate}").format(rate=format_percent(rate)), format_usd
    h = BY_KEY[metric]
    return h.label, h.format


def portfolio_rows(portfolio: pd.DataFrame, rate: float) -> list[tuple[str, ...]]:
    """Each row of `ranges_portfolio` in words: figure, as stated, 'x to y', expected,
    chance above break-even ('99.3% (above 0)'; '—' for cost and benefit)."""
    out = []
    for r in portfolio.itertuples():
        label, fmt = _label_and_format(str(r.metric), rate)
        likely = MISSING if is_missing(r.p10) or is_missing(r.p90) else \
            _("{low} to {high}").format(low=fmt(r.p10), high=fmt(r.p90))
        chance = MISSING if is_missing(r.p_above_break_even) else \
            _("{chance} ({above})").format(chance=format_probability(r.p_above_break_even),
                                           above=_break_even(str(r.metric)))
        out.append((label, fmt(r.stated), likely, fmt(r.expected), chance))
    return out


def low_confidence_words(share: float | None) -> str:
    """'61% of the benefit is low confidence.': the Overview's words (summary.py)."""
    if is_missing(share):
        return _("No benefit is stated under these filters.")
    clause = summary.low_confidence_clause(float(share))  # type: ignore[arg-type]
    return f"{clause[:1].upper()}{clause[1:]}."


def lead(ctx: chart_data.Context) -> str:
    """The table of the portfolio's figures and their ranges, the low-confidence share,
    and what 'likely' means."""
    portfolio = ranges_data.ranges_portfolio(ctx)
    rows = portfolio_rows(portfolio, float(ctx.discount_rate))
    head = "".join(f'<th scope="col">{esc(_(c) if c else likely_range())}</th>'
                   for c in COLUMNS)
    body = "".join("<tr>" + f'<th scope="row" class="txt">{esc(r[0])}</th>'
                   + "".join(f'<td class="num">{esc(v)}</td>' for v in r[1:]) + "</tr>"
                   for r in rows)
    table = (f'<div class="table" style="width:{PAGE_W}px"><table><thead><tr>{head}</tr>'
             f"</thead><tbody>{body}</tbody></table></div>")
    words = (low_confidence_words(ranges_data.low_confidence_share(ctx)) + " "
             + _("The ranges come from {outcomes}, each cost and benefit drawn within its "
                 "range.").format(outcomes=read(OUTCOMES)))
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
