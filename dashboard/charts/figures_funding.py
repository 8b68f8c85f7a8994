"""The figure builders of the Funding page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import axis_labels, bar_names, outside_room, palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money,
    _money_axis,
    _year_axis,
    category_ticks,
    empty_figure,
    initiative_labels,
    said,
)
from dashboard.contract.labels import (
    DONOR_PLEDGED,
    ORG_PLEDGED,
    PAID,
    code_label,
    donor_labels,
    largest_donors,
)
from dashboard.contract.schema import (
    CONTRIBUTION_TYPES,
)
from dashboard.formatting import (
    format_count,
    format_share,
    format_usd,
)
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.query.chart_data import is_residual

# the donors shown by name are the largest by paid plus pledged (chart_data.donors_top_n):
# ranked by paid alone, the largest pledgers fell into "All other donors" (fresh review O2)
DONOR_ORDER = N_("paid plus pledged")
TITLE_DONORS = N_("Contributions by donor, largest paid plus pledged first (US$)")  # DONOR_ORDER
TITLE_DONOR_TYPE = N_("Contributions by kind of donor (US$)")
TITLE_BY_YEAR = N_("Contributions by year: paid and pledged (US$)")
TITLE_BY_TYPE = N_("Cash, in-kind and host-country contributions (US$)")
TITLE_SHARE = N_("Share of paid contributions: the largest donors")
TITLE_GAP = N_("Funding of each initiative against its target (US$)")


def _paid_pledged_bars(fig: go.Figure, x: list, paid: pd.Series, pledged: pd.Series, *,
                       horizontal: bool = False) -> None:
    """Paid (solid) and pledged (hatched) side by side: a pledge is never added to paid."""
    for status, values in (("paid", paid), ("pledged", pledged)):
        kw = dict(y=x, x=values, orientation="h") if horizontal else dict(x=x, y=values)
        fig.add_bar(
            name=_(PAID) if status == "paid" else _(DONOR_PLEDGED),
            marker=dict(color=palette.STATUS_COLORS[status],
                        pattern=dict(fillmode="overlay", shape=palette.STATUS_PATTERNS[status],
                                     fgcolor="white", solidity=0.3)),
            customdata=_money(values),
            hovertemplate=f"%{{{'y' if horizontal else 'x'}}}<br>"
            + said(code_label(status), "%{customdata}") + "<extra></extra>",
            **kw,
        )
    update_layout(fig, barmode="group")


def donors(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONORS)
    d = df.iloc[::-1]
    kinds = d["donor_type"] if "donor_type" in d.columns else None
    # one row per donor row: keyed by the whole label (unique), shown shortened
    keys = donor_labels(d["donor"], kinds, width=10_000)
    fig = go.Figure()
    _paid_pledged_bars(fig, keys, d["paid_usd"], d["pledged_usd"], horizontal=True)
    _layout(fig, TITLE_DONORS, height=bar_names.height(len(d), least=260))
    # a residual row is read whole, its counts included (in French it runs longer)
    shown = [str(n) if is_residual(n) else label for n, label in zip(
        d["donor"], axis_labels.donor_names(d["donor"], kinds), strict=True)]
    bar_names.names_above(fig, keys, shown)
    update_axes(fig, "x", title_text=_(USD))
    _money_axis(fig, "x", [*d["paid_usd"], *d["pledged_usd"]])
    return fig


def contributions_by_donor_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONOR_TYPE)
    fig = go.Figure()
    _paid_pledged_bars(fig, [code_label(t) for t in df["donor_type"]], df["paid_usd"],
                       df["pledged_usd"])
    _layout(fig, TITLE_DONOR_TYPE, height=360)
    update_axes(fig, "x", title_text=_("Kind of donor"))
    category_ticks(fig, [code_label(t) for t in df["donor_type"]])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", [*df["paid_usd"], *df["pledged_usd"]])
    return fig


def contributions_by_year(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_YEAR)
    fig = go.Figure()
    _paid_pledged_bars(fig, list(df["year"]), df["paid_usd"], df["pledged_usd"])
    _layout(fig, TITLE_BY_YEAR, height=360)
    update_axes(fig, "x", title_text=_("Year of the contribution"))
    _year_axis(fig, df["year"])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", [*df["paid_usd"], *df["pledged_usd"]])
    return fig


def contributions_by_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_TYPE)
    order = [t for t in CONTRIBUTION_TYPES if t in set(df["contribution_type"])]
    d = df.set_index("contribution_type").reindex(order)
    fig = go.Figure()
    _paid_pledged_bars(fig, [code_label(t) for t in order], d["paid_usd"], d["pledged_usd"])
    _layout(fig, TITLE_BY_TYPE, height=360)
    update_axes(fig, "x", title_text=_("Kind of contribution"))
    category_ticks(fig, [code_label(t) for t in order])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", [*d["paid_usd"].fillna(0), *d["pledged_usd"].fillna(0)])
    return fig


def top_donor_share(df: pd.DataFrame) -> go.Figure:
    if df.empty or df["paid_usd"].sum() <= 0:
        return empty_figure(TITLE_SHARE)
    colors = [palette.OTHER_COLOR if is_residual(n) else
              palette.DONOR_SLICE_COLORS[i % len(palette.DONOR_SLICE_COLORS)]
              for i, n in enumerate(df["donor"])]
    fig = go.Figure(
        # one slice per row: a label two rows share would merge their slices
        go.Pie(labels=donor_labels(df["donor"], df.get("donor_type"), width=60),
               values=df["paid_usd"], hole=0.5, sort=False,
               marker=dict(colors=colors, line=dict(color="white", width=1)),
               customdata=list(zip(_money(df["paid_usd"]),
                                   [format_share(s) for s in df["share_of_paid"]], strict=True)),
               hovertemplate="%{label}<br>" + _("Paid: %{customdata[0]}<br>Share: %{customdata[1]}")
               + "<extra></extra>",
               textinfo="text", texttemplate="%{customdata[1]}", direction="clockwise",
               insidetextorientation="horizontal")
    )
    named = int((~df["donor"].map(is_residual).astype(bool)).sum())
    _layout(fig, share_title(named), height=300)
    return fig


def share_title(named: int) -> str:
    """'Share of paid contributions: the five largest donors', counted from the data (the
    largest donor, when only one paid)."""
    return _("Share of paid contributions: {donors}").format(donors=largest_donors(named))


NO_TARGET = N_("no target")
TEXT_GAP = 6  # px between a bar's end (or the axis line) and the words after it


def funding_gap(df: pd.DataFrame) -> go.Figure:
    """Per initiative: agency pledges, paid contributions and the remaining gap, stacked;
    the target as a marker. In the frame's order (the query's: the largest gap first, as
    the pack's table), the first row at the top."""
    if df.empty:
        return empty_figure(TITLE_GAP)
    d = df.iloc[::-1]
    ids = list(d["initiative_id"])
    fig = go.Figure()
    parts = (
        ("agency_pledged_usd", _(ORG_PLEDGED), palette.GREEN, ""),
        ("paid_contributions_usd", _(PAID), palette.BLUE, ""),
        ("funding_gap_usd", _("Funding gap"), palette.GAP_COLOR, palette.GAP_PATTERN),
    )
    for col, name, color, pattern in parts:
        fig.add_bar(
            y=ids, x=d[col], orientation="h", name=name,
            marker=dict(color=color, pattern=dict(fillmode="overlay", shape=pattern,
                                                  fgcolor="white", solidity=0.3)),
            customdata=list(zip(ids, d["name"], _money(d[col]), strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>" + said(name, "%{customdata[2]}")
            + "<extra></extra>",
        )
    stack = d["agency_pledged_usd"].fillna(0) + d["paid_contributions_usd"].fillna(0) + d[
        "funding_gap_usd"].fillna(0)
    none = d["funding_target_usd"].isna()
    for iid, end in zip(d.loc[none, "initiative_id"], stack[none], strict=True):
        # no target, no marker: the bar says so (it counts as a gap of $0; the caption says),
        # `TEXT_GAP` px after the bar's end (at $0 it started on the axis line)
        fig.add_annotation(y=str(iid), x=float(end), text=_(NO_TARGET), showarrow=False,
                           xanchor="left", xshift=TEXT_GAP,
                           font=dict(color="#333333", size=12))
    t = d[d["funding_target_usd"].notna()]
    fig.add_scatter(
        y=list(t["initiative_id"]), x=t["funding_target_usd"], mode="markers", name=_("Target"),
        # within the bar however pressed the rows: the name above stays clear (R4 #6)
        marker=dict(symbol="line-ns-open", size=bar_names.MARK_PX - 3, color=palette.BLACK,
                    line=dict(width=3)),
        customdata=list(zip(t["initiative_id"], t["name"], _money(t["funding_target_usd"]),
                            strict=True)),
        hovertemplate="<b>%{customdata[1]}</b><br>" + _("Target: %{customdata[2]}")
        + "<extra></extra>",
    )
    update_layout(fig, barmode="stack")
    labels = initiative_labels(d)
    _layout(fig, TITLE_GAP, height=bar_names.height(len(d), least=260))
    bar_names.names_above(fig, ids, labels)
    update_axes(fig, "x", title_text=_(USD))
    top = float(max([*stack, *d["funding_target_usd"].fillna(0), 1.0]))
    if none.any():  # room right of the longest bar for " no target"
        update_axes(fig, "x", range=[0, top * 1.25])
    # at least four ticks to read a bar's length by (round 3, #17: "$0, $20.0M" alone),
    # while their labels fit side by side on a phone's plot (the names are above the bars:
    # the plot is the chart's whole width)
    _money_axis(fig, "x", [*stack, *d["funding_target_usd"].fillna(0)], least=4,
                room=outside_room.phone_plot([]))
    return fig


def gap_note(df: pd.DataFrame | None) -> str:
    """The caption's sentence on initiatives without a funding target (issue 24: 5 of the
    sample's 15 counted as a gap of $0, unmarked), else ''."""
    if df is None or df.empty:
        return ""
    n = int(df["funding_target_usd"].isna().sum())
    if not n:
        return ""
    return " " + ngettext(
        "{n} of {total} initiatives has no funding target (\"{no_target}\" on the bar, no "
        "target marker): each counts as a gap of {zero}.",
        "{n} of {total} initiatives have no funding target (\"{no_target}\" on the bar, no "
        "target marker): each counts as a gap of {zero}.", n).format(
        n=format_count(n), total=format_count(len(df)), no_target=_(NO_TARGET),
        zero=format_usd(0))
