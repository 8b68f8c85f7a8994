"""The chart registry: every chart of the dashboard declared once, and every export sheet.

A `Chart` says where the chart stands (its page, by the page registry's url_path in
dashboard/pages.py), what a reader sees (title, caption), where its data comes from (its
dataset function in dashboard/query/chart_data.py), how it is drawn (its builder in
dashboard/charts/figures_*.py, and the builder's other inputs), its export sheet, its units,
whether a click on it narrows a filter, whether it stands in one of two columns, and how it
enters the briefing pack (`InPack`).

Read by the pages (a page asks `for_page` for its entries and hands each to
`ui.chart_entry`), the export (`SHEETS`, `all_sheets`), the briefing pack
(dashboard/output/briefing_sections.py), the benchmark (bench/pages.py) and the tests.
Adding a chart is: its dataset (and its query file), its builder, one entry here.

Each export sheet's name is written here and nowhere else in dashboard/: a chart's sheet is
its id, or a shared `Sheet` (two charts of one DataFrame); the sheets that are tables
rather than charts are the `Sheet` constants below.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import finance, selection
from dashboard.charts import (
    figures_agency,
    figures_costs,
    figures_detail,
    figures_funding,
    figures_overview,
    figures_ranges,
    scatter_axes,
)
from dashboard.charts import figures_analytics as fa
from dashboard.contract import years
from dashboard.contract.metrics import LIKELY_MEANS
from dashboard.formatting import format_date, format_probability, format_usd
from dashboard.lang.lazy import N_, Msg, Worded, read
from dashboard.lang.translate import _
from dashboard.output import rules_notes, summary, weights_words
from dashboard.output.briefing_html import CHART_H, HALF_W, PAGE_W, ROW_H
from dashboard.output.tables import PLEDGED_SHARE
from dashboard.output.usertext import md
from dashboard.query import chart_data, ranges_data
from dashboard.query.chart_data import Context

Dataset = Callable[..., "pd.DataFrame | None"]  # (ctx[, initiative_id]) -> DataFrame
Args = Callable[[Context, pd.DataFrame], tuple]  # the builder's inputs besides the frame


@dataclass(frozen=True)
class Sheet:
    """An export sheet: its name, its dataset, and its place among the sheets the data
    contract requires (section 6; None: one of the dashboard's other sheets)."""

    name: str
    dataset: Dataset
    contract: int | None = None


@dataclass(frozen=True)
class PackTable(Worded):
    """A short table printed beside a chart in the briefing pack."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"note"})  # read in the reader's language

    columns: tuple[str, ...]
    width: int
    sort_by: str | None = None  # largest first
    note: str | Msg = ""
    # (column, header): a column's header in this table where its name says less than
    # the table means (marked; read in the reader's language); others: tables.header_label
    headers: tuple[tuple[str, str | Msg], ...] = ()


SECTION = "{section}"  # a printed page headed by its section's name alone (not translated)


@dataclass(frozen=True)
class InPack(Worded):
    """How a chart enters the briefing pack: the heading of its printed page (charts with
    the same heading share the page, side by side; `{section}`: its page's title in
    dashboard/pages.py, as the sidebar and the contents say it; `{before}`: the compared snapshot),
    its size in CSS px, its caption there (shorter than the page's), a table beside it,
    and the page's other content by name (dashboard/output/briefing_sections.py: `lead`
    under the heading, `words` beside the chart, first or last, or on the next page). The heading and the
    caption are read in the reader's language (dashboard/lang/lazy.py)."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"page", "caption", "section"})

    page: str | Msg
    width: int
    height: int
    caption: str = ""
    note: Callable[[pd.DataFrame | None], str] | None = None  # the app's data sentences too
    table: PackTable | None = None
    lead: str | None = None
    words: str | None = None
    words_first: bool = False
    words_after: bool = False  # the words on the page after the chart's, the chart full width
    needs_compare: bool = False  # printed only with a snapshot to compare to
    # one row per value of this column (an organization, an initiative): a chart taller
    # than its place is drawn in chunks of rows, each on its own page "(continued)",
    # never shrunk (dashboard/output/briefing_split.py); None: drawn whole
    split: str | None = None
    split_order: Callable[[pd.DataFrame], list] | None = None  # the rows' order as drawn
    section: str | None = None  # its section of the pack (None: its dashboard page's title)


@dataclass(frozen=True)
class Chart(Worded):
    """One chart. `title` and `caption` are what a reader sees, read in the reader's
    language wherever they are used (dashboard/lang/lazy.py: a marked text `N_(...)` or a
    `Msg` with values); `id`, the sheet and the units are machine names, never translated."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"title", "caption"})

    id: str  # its widget keys (chart_<id>, show_<id>, ...) and its sheet's name
    page: str  # dashboard/pages.py url_path
    title: str  # the heading over the chart
    dataset: Dataset
    builder: Callable[..., go.Figure]
    units: str  # what the values are: "US$", "count", "score", "share", "chance", ...
    caption: str | Msg | None = None
    args: Args | None = None
    note: Callable[[pd.DataFrame | None], str] | None = None  # added to the caption
    sheet: Sheet | None = None  # a sheet shared with another chart; None: its own
    contract: int | None = None  # its own sheet's place among the contract's sheets
    export: bool = True  # False: one initiative's chart (its download only)
    select: str | None = None  # "initiative" / "agency": a click narrows that filter
    half: bool = False  # in one of two columns
    column: int = 0  # which of the two (consecutive half charts share the columns)
    exact_money: bool = False  # the table shows whole dollars as numbers
    pack: InPack | None = None
    state_note: Callable[[Context], str] | None = None  # added to the caption (app and pack)
    # whose figures it shows under the organization filter: summary.SHARE (the chosen
    # organizations' share: costs, benefits, NPV) or summary.NOT_SPLIT (funding: every
    # organization's); None: a chart by organization, or of counts, that needs no phrase
    scope: str | None = None

    @property
    def export_sheet(self) -> Sheet:
        return self.sheet or Sheet(self.id, self.dataset, self.contract)

    def builder_args(self, ctx: Context, df: pd.DataFrame) -> tuple:
        return self.args(ctx, df) if self.args else ()

    def figure(self, ctx: Context, df: pd.DataFrame) -> go.Figure:
        """The chart drawn, its axes saying whose figures they are (summary.scoped_axes)."""
        fig = self.builder(df, *self.builder_args(ctx, df))
        return summary.scoped_axes(fig, self.scope_phrase(ctx))

    def scope_phrase(self, ctx: Context) -> str | None:
        """The heading's "UNDP's share" / "whole portfolio" under ctx's filters (the
        presenter of the Overview's sentence and the tiles: summary.Scope)."""
        f = ctx.filters
        return None if self.scope is None else summary.Scope(
            organizations=f.agencies, categories=f.categories).phrase(self.scope)

    def caption_for(self, df: pd.DataFrame | None, ctx: Context | None = None) -> str | None:
        extra = self.note(df) if self.note else ""
        if self.state_note is not None and ctx is not None:
            extra += self.state_note(ctx)
        text = ((self.caption or "") + extra).strip() if (self.caption or extra) else None
        return summary.scoped_caption(text, self.scope_phrase(ctx) if ctx else None)


# --- the sheets that are tables, or shared by two charts ----------------------------------

KPIS = Sheet("kpis", chart_data.kpis, contract=1)
COMMITMENT_MATRIX = Sheet("commitment_matrix", chart_data.commitment_matrix, contract=4)
CONTRIBUTIONS_BY_DONOR = Sheet("contributions_by_donor", chart_data.contributions_by_donor,
                               contract=5)
PRIORITY_RANKING = Sheet("priority_ranking", chart_data.priority_ranking, contract=8)
BUDGET_SELECTION = Sheet("budget_selection", chart_data.budget_selection, contract=9)
CHANGES = Sheet("changes", chart_data.changes, contract=10)
CONTRIBUTION_LIST = Sheet("contribution_list", chart_data.contribution_list)
TOP_EIGHT_VS_FLAGGED = Sheet("top_eight_vs_flagged", chart_data.top_eight_vs_flagged)
# the ranges (data contract version 3, section 4b): after the contract's other sheets
RANGES_PORTFOLIO = Sheet("ranges_portfolio", ranges_data.ranges_portfolio, contract=11)
RANGES_BY_INITIATIVE = Sheet("ranges_by_initiative", ranges_data.ranges_by_initiative,
                             contract=12)
NPV_TORNADO = Sheet("npv_tornado", ranges_data.npv_tornado, contract=13)
TABLE_SHEETS = (KPIS, CONTRIBUTIONS_BY_DONOR, BUDGET_SELECTION, CONTRIBUTION_LIST,
                TOP_EIGHT_VS_FLAGGED, RANGES_PORTFOLIO, RANGES_BY_INITIATIVE, NPV_TORNADO)


# --- builder inputs besides the frame -----------------------------------------------------

def _payback(ctx: Context, df: pd.DataFrame) -> tuple:
    return (finance.payback_year(df) if len(df) else None, ctx.filters.snapshot)


def _as_of(ctx: Context, df: pd.DataFrame) -> tuple:
    """The snapshot's as-of date: a by-year chart marks the years after it as estimates
    (dashboard/contract/years.py)."""
    return (ctx.filters.snapshot,)


def _estimates_note(df: pd.DataFrame | None) -> str:
    return f" {read(years.ESTIMATE_RULE)}" if df is not None and len(df) else ""


def _rate(ctx: Context, df: pd.DataFrame) -> tuple:
    return (ctx.discount_rate,)


def chosen_score(ctx: Context) -> float | None:
    """The total score of the best selection under ctx.budget (None without a budget)."""
    if ctx.budget is None:
        return None
    sel = chart_data.budget_selection(ctx)
    return float(selection.selection_summary(sel, float(ctx.budget))["total_score"])


def _budget(ctx: Context, df: pd.DataFrame) -> tuple:
    return (ctx.budget, chosen_score(ctx))


def _snapshots(ctx: Context, df: pd.DataFrame) -> tuple:
    """The two snapshots as a reader reads them ("1er septembre 2005" in French)."""
    return (format_date(ctx.compare_to), format_date(ctx.filters.snapshot))


BUDGET_LINE = N_("Dashed line: the budget entered.")


def budget_line(ctx: Context) -> str:
    """The frontier's dashed line is said only when there is one (a budget entered)."""
    return f" {_(BUDGET_LINE)}" if ctx.budget is not None else ""


def _npv_row(ctx: Context) -> pd.Series | None:
    portfolio = ranges_data.ranges_portfolio(ctx).set_index("metric")
    return portfolio.loc["npv_usd"] if "npv_usd" in portfolio.index else None


def _npv_marks(ctx: Context, df: pd.DataFrame) -> tuple:
    """The portfolio NPV as stated, its P10, P50, P90 and the share of draws above 0."""
    row = _npv_row(ctx)
    if row is None:
        return (None,) * 5
    return tuple(None if pd.isna(row[k]) else float(row[k])
                 for k in ("stated", "p10", "p50", "p90", "p_above_break_even"))


def _stated_npv(ctx: Context, df: pd.DataFrame) -> tuple:
    row = _npv_row(ctx)
    return (None if row is None or pd.isna(row["stated"]) else float(row["stated"]),)


def _ranking_note(df: pd.DataFrame | None) -> str:
    """The ranking's caption sentences (figures_analytics.ranking_note), the initiatives'
    names in them shown literally (a caption is Markdown: a name may hold a link)."""
    return fa.ranking_note(df, name=md)


def _step_points() -> str:
    """How far the rank sensitivity moves each weight, in percentage points ("10")."""
    return rules_notes.weight_step()["points"]


def _paid_after_note(ctx: Context) -> str:
    """Paid contributions dated after the as-of date, said beside paid money by year."""
    note = chart_data.paid_after_note(ctx)
    return f" {note}" if note else ""


def _top_eight_note(ctx: Context) -> str:
    """Why the chances are 100% or 0% when they are: eight or fewer kept, or one initiative
    dominating a factor of the score (the ranking's caption says how)."""
    ranking = PRIORITY_RANKING.dataset(ctx)
    if ranking is None or ranking.empty:
        return ""
    if len(ranking) <= 8:
        return " " + _("With eight or fewer initiatives kept, every one is in the top eight "
                       "in every outcome.")
    names = list(fa.dominated(ranking))
    if not names:
        return ""
    # TRANSLATORS: {name} is an initiative's name
    return " " + _("Here most chances are 100% or 0%: {name} is so far above the rest on the "
                   "factors it dominates (the ranking's caption says which) that the others' "
                   "scaled values stay near 0 in every outcome, so their scores, and places, "
                   "barely move.").format(name=md(names[0]))


def _detail_ranges_note(df: pd.DataFrame | None) -> str:
    if df is None or df.empty:
        return ""
    r = df.iloc[0]
    return " " + _("Here: NPV from {downside} (downside) to {upside} (upside), as stated "
                   "{stated}; above 0 in {chance} of the outcomes.").format(
        downside=format_usd(r["npv_downside_usd"]), upside=format_usd(r["npv_upside_usd"]),
        stated=format_usd(r["npv_stated_usd"]), chance=format_probability(r["p_npv_positive"]))


def _frontier_note(df: pd.DataFrame | None) -> str:
    note = selection.frontier_statement(df) if df is not None else None
    return f" {note[:1].upper()}{note[1:]}." if note else ""


# --- the charts, page by page ------------------------------------------------------------

# TRANSLATORS: the briefing pack's page headings: {section} is the page's name in the
# sidebar (« Priorités »), {before} a date
OVERVIEW_PACK = N_("{section}: headline figures")  # the lead's page (briefing_sections.ALONE)
OVERVIEW_CHARTS_PACK = N_("{section}: by category and by implementation stage")
COSTS_PACK = SECTION
KINDS_PACK = N_("{section}: kinds of cost, confidence of benefits")
AGENCY_PACK = N_("{section}: by organization and by initiative")
# what "UN (7)" counts, in the app and the pack (round 4, #7: unexplained in the pack)
COMMITTED_COUNT = N_("The number after each organization: the initiatives it has committed "
                     "to or leads.")
DONOR_TYPE_PACK = N_("{section}: by kind of donor and by year")
TYPE_PACK = N_("{section}: by kind of contribution; the top five donors' share")
RANGES_PACK = N_("How sure are these figures")
LIKELY = LIKELY_MEANS

CHARTS: tuple[Chart, ...] = (
    # Overview
    Chart("portfolio_by_category", "overview", N_("Cost and benefit by category"),
          chart_data.portfolio_by_category, figures_overview.portfolio_by_category, "US$",
          half=True, column=0, pack=InPack(OVERVIEW_CHARTS_PACK, HALF_W, ROW_H, lead="headline"),
          scope=summary.BY_CATEGORY),  # one category kept: its initiatives (EN #19)
    Chart("initiatives_by_stage", "overview", N_("Initiatives by implementation stage"),
          chart_data.initiatives_by_stage, figures_overview.initiatives_by_stage, "count",
          half=True, column=1, pack=InPack(OVERVIEW_CHARTS_PACK, HALF_W, ROW_H),
          scope=summary.NOT_SPLIT),  # every kept initiative, not the organization's (EN #1)
    Chart("cost_by_initiative", "overview", N_("Cost against benefit"),
          chart_data.cost_by_initiative, figures_overview.cost_benefit_scatter, "US$",
          contract=2, select="initiative", note=scatter_axes.log_note,
          pack=InPack(N_("{section}: cost against benefit"), PAGE_W, CHART_H,
                      N_("Black outline: a priority; dotted line: break-even (benefit = cost).")),
          scope=summary.SHARE),
    # Costs & benefits
    Chart("cost_benefit_by_year_category", "costs-benefits", N_("Cost and benefit by fiscal year"),
          chart_data.cost_benefit_by_year_category, figures_costs.cost_benefit_by_year_category,
          "US$", args=_as_of, note=_estimates_note, pack=InPack(COSTS_PACK, HALF_W, ROW_H - 90, lead="npv"),
          scope=summary.SHARE),
    Chart("cashflow_by_year", "costs-benefits", N_("Cumulative net benefit"),
          chart_data.cashflow_by_year, figures_costs.cumulative_net, "US$", args=_payback,
          contract=3, note=_estimates_note,
          # round 3, #21: the line ends above the NPV tile; say it is not discounted
          caption=N_("Bars: net benefit in each year; line: the running total, not discounted "
          "(the NPV is). The payback year is the first year the running total reaches 0."),
          pack=InPack(COSTS_PACK, HALF_W, ROW_H - 90,
                      N_("Bars: net benefit each year; line: the running total, not "
                         "discounted.")),
          scope=summary.SHARE),
    Chart("cost_by_cost_category", "costs-benefits", N_("Cost by kind of cost"),
          chart_data.cost_by_cost_category, figures_costs.cost_by_cost_category, "US$",
          half=True, column=0, pack=InPack(KINDS_PACK, HALF_W, ROW_H),
          scope=summary.SHARE),
    Chart("benefits_by_confidence", "costs-benefits", N_("Benefits by confidence"),
          chart_data.benefits_by_confidence, figures_costs.benefits_by_confidence, "US$",
          half=True, column=1, pack=InPack(KINDS_PACK, HALF_W, ROW_H),
          scope=summary.SHARE),
    Chart("financial_measures", "costs-benefits", N_("Financial measures by initiative"),
          chart_data.financial_measures, fa.npv_by_initiative, "US$", args=_rate,
          select="initiative",
          caption=Msg(N_("NPV at the sidebar's discount rate, every initiative's discounted to "
                         "the same first year (so the initiatives' NPVs add up to {npv}); "
                         "payback year: the first year an initiative's cumulative net benefit "
                         "reaches 0; benefit-cost ratio: benefit / cost. The table below lists "
                         "all three."), npv=summary.PORTFOLIO_NPV),
          pack=InPack(N_("{section}: financial measures by initiative"), HALF_W + 60,
                      CHART_H, table=PackTable(
                          ("initiative_id", "npv_usd", "payback_year", "benefit_cost_ratio"),
                          HALF_W - 80, sort_by="npv_usd")),
          scope=summary.SHARE),
    Chart("npv_distribution", "costs-benefits", N_("How sure the NPV is"),
          ranges_data.npv_distribution, figures_ranges.npv_distribution, "share of outcomes",
          args=_npv_marks, half=True, column=0,
          caption=Msg(N_("Each bar is the share of {outcomes} (every cost and benefit drawn "
                         "within its range) whose NPV falls in that band. Likely low and "
                         "likely high (the 10th and 90th percentiles) mark the likely range, "
                         "middle the median outcome; the diamond is the NPV as stated. "
                         "{likely}"), outcomes=figures_ranges.OUTCOMES, likely=LIKELY),
          pack=InPack(SECTION, PAGE_W - 250, ROW_H - 150, N_("Bars: the share of the "
                      "simulated outcomes in each band of NPV; diamond: the NPV as stated."),
                      lead="ranges", section=RANGES_PACK),
          scope=summary.SHARE),
    Chart("npv_tornado", "costs-benefits", N_("What moves the NPV most"),
          NPV_TORNADO.dataset, figures_ranges.npv_tornado, "US$", args=_stated_npv,
          sheet=NPV_TORNADO, select="initiative", half=True, column=1,
          caption=Msg(N_("For each initiative, {npv} with its estimates at their worse (its "
                         "benefits likely low, its costs likely high) and at their better (the "
                         "reverse), every other estimate as stated. The longest bars, at the "
                         "top, are the estimates to firm up first. {likely}"),
                      npv=summary.PORTFOLIO_NPV, likely=LIKELY),
          pack=InPack(N_("{section}: what moves the NPV most"),
                      PAGE_W, CHART_H,
                      N_("Each initiative's estimates at their worse and at their better, every "
                      "other estimate as stated; the longest bars move the NPV most."),
                      section=RANGES_PACK),
          scope=summary.SHARE),
    # Organization commitment (URL agency-commitment)
    Chart("cost_sharing", "agency-commitment", N_("Who pays, who benefits"),
          chart_data.cost_sharing, figures_agency.cost_sharing, "US$", contract=7,
          select="agency", exact_money=True, note=figures_agency.sharing_note,
          caption=N_("Each organization alone: its own costs and benefits plus its share of the "
          "shared, system-wide ones (the snapshot's cost-sharing key; none without a key). "
          "Net = benefit received − cost borne. The table holds every figure; sort it by any "
          "column."),
          pack=InPack(N_("{section}: who pays, who benefits"), HALF_W + 60, CHART_H - 40,
                      lead="agency_note", split="agency_code", table=PackTable(
                          ("agency_code", "cost_borne_usd", "benefit_received_usd",
                           "pledged_usd", "net_usd"), HALF_W - 80, sort_by="cost_borne_usd",
                          # the organization's own share, not donors' pledges (FR #18)
                          headers=(("pledged_usd", PLEDGED_SHARE),)))),
    Chart("commitment_matrix", "agency-commitment", N_("Commitment matrix"),
          COMMITMENT_MATRIX.dataset, figures_agency.commitment_matrix, "level",
          sheet=COMMITMENT_MATRIX, select="agency",
          caption=N_("Rows are grouped by type of organization. Darker means further committed."),
          pack=InPack(N_("{section}: commitment matrix"), PAGE_W, CHART_H,
                      N_("Rows are grouped by type of organization. Darker means further "
                      "committed."), split="agency_code",
                      split_order=figures_agency.agency_order)),
    Chart("relative_value", "agency-commitment", N_("Relative value"),
          COMMITMENT_MATRIX.dataset, figures_agency.relative_value_matrix, "value (1-5)",
          sheet=COMMITMENT_MATRIX, select="agency",
          pack=InPack(N_("{section}: relative value"), PAGE_W, CHART_H,
                      split="agency_code", split_order=figures_agency.agency_order)),
    Chart("commitment_by_agency", "agency-commitment", N_("Committed and pledged, by organization"),
          chart_data.commitment_by_agency, figures_agency.commitment_by_agency, "US$",
          select="agency", half=True, column=0,
          pack=InPack(AGENCY_PACK, HALF_W, ROW_H, COMMITTED_COUNT, split="agency_code"),
          caption=COMMITTED_COUNT),
    Chart("commitment_levels_by_initiative", "agency-commitment",
          N_("Commitment levels, by initiative"), chart_data.commitment_levels_by_initiative,
          figures_agency.commitment_levels_by_initiative, "count", select="initiative",
          half=True, column=1, pack=InPack(AGENCY_PACK, HALF_W, ROW_H),
          scope=summary.OWN),  # counts the chosen organizations only: "(UNDP only, count)"
    # Funding
    Chart("donors_top_n", "funding", N_("Contributions by donor"), chart_data.donors_top_n,
          figures_funding.donors, "US$",
          pack=InPack(N_("{section}: contributions by donor"), HALF_W + 60, ROW_H - 90,
                      lead="funding", table=PackTable(
                          ("donor", "donor_type", "paid_usd", "pledged_usd"), HALF_W - 80,
                          note=Msg(N_("The largest donors by {order}; paid and pledged "
                                      "are never added."), order=figures_funding.DONOR_ORDER))),
          scope=summary.NOT_SPLIT),
    Chart("contributions_by_donor_type", "funding", N_("By kind of donor"),
          chart_data.contributions_by_donor_type, figures_funding.contributions_by_donor_type,
          "US$", half=True, column=0, pack=InPack(DONOR_TYPE_PACK, HALF_W, ROW_H),
          scope=summary.NOT_SPLIT),
    Chart("contributions_by_type", "funding", N_("By kind of contribution"),
          chart_data.contributions_by_type, figures_funding.contributions_by_type, "US$",
          half=True, column=0, pack=InPack(TYPE_PACK, HALF_W, ROW_H),
          scope=summary.NOT_SPLIT),
    Chart("contributions_by_year", "funding", N_("By year"), chart_data.contributions_by_year,
          figures_funding.contributions_by_year, "US$", half=True, column=1,
          state_note=_paid_after_note,
          pack=InPack(DONOR_TYPE_PACK, HALF_W, ROW_H),
          scope=summary.NOT_SPLIT),
    Chart("top_donor_share", "funding", N_("The largest donors' share"), chart_data.top_donor_share,
          figures_funding.top_donor_share, "share", half=True, column=1,
          pack=InPack(TYPE_PACK, HALF_W, ROW_H),
          scope=summary.NOT_SPLIT),
    Chart("funding_gap", "funding", N_("Funding gap by initiative"), chart_data.funding_gap,
          figures_funding.funding_gap, "US$", contract=6, select="initiative",
          note=figures_funding.gap_note,
          caption=N_("Target less the organizations' pledged shares and the paid contributions "
          "earmarked to the initiative, floored at 0. Donor pledges do not count."),
          pack=InPack(N_("{section}: the funding gap by initiative"), HALF_W + 40, CHART_H,
                      N_("Target less the organizations' pledged shares and the paid "
                      "contributions earmarked to the initiative, floored at 0."),
                      table=PackTable(("initiative_id", "funding_target_usd",
                                       "agency_pledged_usd", "paid_contributions_usd",
                                       "funding_gap_usd"), HALF_W - 60,
                                      sort_by="funding_gap_usd"),
                      # fifteen two-line names need more than a page at 7 pt (FR #23)
                      split="initiative_id"),
          scope=summary.NOT_SPLIT),
    # Initiative detail: one initiative's charts (downloads, no export sheet)
    Chart("detail_costs", "initiative", N_("Costs"), chart_data.initiative_costs,
          figures_detail.detail_costs, "US$", args=_as_of, note=_estimates_note, export=False,
          half=True, column=0,
          scope=summary.SHARE),
    Chart("detail_benefits", "initiative", N_("Benefits"), chart_data.initiative_benefits,
          figures_detail.detail_benefits, "US$", args=_as_of, note=_estimates_note,
          export=False, half=True, column=1,
          scope=summary.SHARE),
    Chart("detail_ranges", "initiative", N_("How sure its figures are"),
          ranges_data.initiative_ranges, figures_ranges.initiative_ranges, "US$",
          export=False, note=_detail_ranges_note,
          caption=Msg(N_("Bars: its cost and benefit across their likely range, its NPV "
                         "from the downside (benefits likely low, costs likely high) to the "
                         "upside (the reverse); diamonds: {stated}; circles: {expected}. "
                         "{likely}"), likely=LIKELY,
                      stated=figures_ranges.in_sentence(figures_ranges.STATED_VALUE),
                      expected=figures_ranges.in_sentence(figures_ranges.EXPECTED_VALUE)),
          scope=summary.SHARE),
    # Prioritization
    Chart("priority_ranking", "prioritization", N_("Priority ranking"), PRIORITY_RANKING.dataset,
          fa.priority_ranking, "score", sheet=PRIORITY_RANKING, select="initiative",
          note=_ranking_note, caption=fa.RANKING_CAPTION,
          pack=InPack(N_("{section}: the ranking"), HALF_W + 40, CHART_H - 30, lead="weights",
                      caption=fa.RANKING_CAPTION, note=fa.pack_ranking_note,  # the app's (R6b #9)
                      # as wide as the page, on the next: every row on one page (FR #17)
                      table=PackTable(("rank", "initiative_id", "total_cost_usd",
                                       "total_benefit_usd", "mean_relative_value", "score"),
                                      PAGE_W)),
          scope=summary.SHARE),
    Chart("priority_bubble", "prioritization", N_("Cost against benefit"), PRIORITY_RANKING.dataset,
          fa.cost_benefit_bubble, "US$", sheet=PRIORITY_RANKING, select="initiative",
          note=scatter_axes.log_note,
          caption=N_("Bubble size: mean relative value to the organizations; colour: category; "
          "black outline: one of the priorities flagged in the data; dotted line: break-even "
          "(benefit = cost)."),
          pack=InPack(N_("{section}: cost against benefit; top eight and priority initiatives"),
                      PAGE_W, CHART_H + 80,  # its code key under it (R5 #3)
                      N_("Bubble size: mean relative value; black outline: a flagged "
                         "priority; dotted line: break-even."),
                      words="top_eight", words_after=True),
          scope=summary.SHARE),
    Chart("efficient_frontier", "prioritization", N_("Efficient frontier"),
          chart_data.efficient_frontier, fa.efficient_frontier, "score", args=_budget,
          note=_frontier_note, state_note=budget_line,
          caption=N_("The best total score reachable at each budget: it rises in steps where a "
          "better selection becomes affordable, and never falls."),
          pack=InPack(N_("{section}: budget"), HALF_W + 60, CHART_H,
                      N_("The best total score reachable at each budget."), words="budget"),
          scope=summary.SHARE),
    Chart("rank_sensitivity", "prioritization", N_("Rank sensitivity"), chart_data.rank_sensitivity,
          fa.rank_sensitivity, "rank", select="initiative",
          caption=Msg(N_("Each bar runs from an initiative's best to its worst rank when each "
                         "weight moves up to {points} percentage points up or down (27 "
                         "combinations, their weights {scaled}); the diamond is its rank now. "
                         "A short bar is a robust rank; a long one hangs on the weights. The "
                         "table names the weight each rank is most sensitive to."),
                      points=_step_points, scaled=weights_words.SCALED),
          pack=InPack(N_("{section}: rank sensitivity"), PAGE_W, CHART_H,
                      Msg(N_("Each bar runs from an initiative's best to its worst rank when "
                             "each weight moves up to {points} percentage points up or down; "
                             "the diamond is its rank now."), points=_step_points)),
          scope=summary.SHARE),
    Chart("share_in_top_eight", "prioritization", N_("How sure each top-eight place is"),
          ranges_data.share_in_top_eight, figures_ranges.share_in_top_eight, "chance",
          select="initiative", state_note=_top_eight_note,
          caption=Msg(N_("In how many of {outcomes} (every cost and benefit drawn within "
                         "its range) each initiative ranks in the top eight at these weights. "
                         "Near 100% or 0%: its place does not hang on the estimates; in "
                         "between: it could go either way. Hatched, with a black outline: a "
                         "flagged priority."), outcomes=figures_ranges.OUTCOMES),
          scope=summary.SHARE),
    # What changed
    Chart("cost_change_waterfall", "what-changed", N_("Portfolio cost change by initiative"),
          CHANGES.dataset, fa.cost_change_waterfall, "US$", args=_snapshots, sheet=CHANGES,
          select="initiative",
          caption=N_("From the total cost before (top) to after (bottom); each step is one "
          "initiative's change, largest first. Added and removed initiatives count in full."),
          pack=InPack(N_("{section} since {before}"), HALF_W + 20, ROW_H - 90, lead="comparison",
                      words="change_summary", words_first=True, needs_compare=True),
          scope=summary.SHARE),
)
BY_ID: dict[str, Chart] = {c.id: c for c in CHARTS}
FRONTIER = BY_ID["efficient_frontier"]  # its sheet carries an optimality note (output/export)


def for_page(url_path: str) -> tuple[Chart, ...]:
    """The page's charts, in the order the page shows them."""
    return tuple(c for c in CHARTS if c.page == url_path)


def _sheets() -> OrderedDict[str, Dataset]:
    """The export's sheets: the contract's first (section 6, in its order), then one per
    other chart in page order, then the other tables."""
    every = [c.export_sheet for c in CHARTS if c.export] + list(TABLE_SHEETS)
    unique: dict[str, Sheet] = {}
    for s in every:
        unique.setdefault(s.name, s)
    required = sorted((s for s in unique.values() if s.contract), key=lambda s: s.contract)
    rest = [s for s in unique.values() if not s.contract]
    return OrderedDict((s.name, s.dataset) for s in [*required, *rest])


# sheet name -> dataset; a dataset may return None when its sheet does not apply (a
# budget selection without a budget, changes without a snapshot to compare to): the
# export then leaves the sheet out
SHEETS: OrderedDict[str, Dataset] = _sheets()


def all_sheets(ctx: Context) -> OrderedDict[str, pd.DataFrame]:
    """Every applicable sheet's DataFrame under the context, in SHEETS order."""
    out: OrderedDict[str, pd.DataFrame] = OrderedDict()
    for name, fn in SHEETS.items():
        df = fn(ctx)
        if df is not None:
            out[name] = df
    return out

