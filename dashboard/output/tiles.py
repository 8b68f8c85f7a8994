"""The tiles of each page, once: label, value, help, and the change with its colour. The
pages draw them (ui.metric_row) and the briefing pack prints them (its `tiles`), so a tile
reads the same in both. Headline figures come from dashboard/contract/metrics.py.

A tile is a `Tile` (label, value, help, change, delta colour, note), as
ui.metric_row takes; a plain tuple in that order is read as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple

import pandas as pd

from dashboard.analysis import finance
from dashboard.contract.labels import largest_donors
from dashboard.contract.metrics import BY_KEY, HEADLINES, likely_means
from dashboard.formatting import (
    MISSING,
    format_count,
    format_date,
    format_percent,
    format_usd,
    format_year,
    is_missing,
)
from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.output import summary
from dashboard.query import chart_data, ranges_data


class Tile(NamedTuple):
    label: str
    value: str
    help: str | None = None
    change: str | None = None  # since the previous snapshot ("+$1.2M (+3.0%)")
    color: str = "normal"  # st.metric's delta_color: "inverse" where a rise is bad news
    # a muted line under the figure: its likely range ("Likely $133.0M to $145.0M"), or
    # what it was ("From $106.6M on 2005-09-01"); the change itself stays short, so a
    # phone's half-width tile never cuts it
    note: str | None = None


def as_tile(item: tuple) -> Tile:
    """A Tile, or a plain tuple in the Tile's order."""
    return item if isinstance(item, Tile) else Tile(*item)


def delta_look(tile: Tile) -> tuple[str, str]:
    """st.metric's delta colour and arrow for the tile's change: no change, neither; a fall
    (a change starting with a minus sign, the hyphen or French's U+2212) points down, red
    where a rise is good news and green where it is bad. Decided here, not by Streamlit,
    which reads a fall only from a hyphen (FR #9)."""
    change = str(tile.change or "")
    if not change:
        return tile.color, "auto"
    if change.startswith(summary.no_change()):
        return "off", "off"
    falls = change.startswith(("-", *numbers.MINUS_SIGNS.values()))
    arrow = "down" if falls else "up"
    if tile.color not in ("normal", "inverse"):
        return tile.color, arrow
    return ("red" if falls == (tile.color == "normal") else "green"), arrow


def headline(now: Mapping[str, object], before: Mapping[str, object] | None = None,
             keys: Iterable[str] | None = None, *, with_help: bool = True,
             scope: summary.Scope | None = None) -> list[Tile]:
    """The headline figures' tiles (all of them, or `keys`), with the change from
    `before` (the previous snapshot's figures) when given; with a `scope`, each tile's
    help says what it covers here and the figures with a range show it."""
    out = []
    for h in ([BY_KEY[k] for k in keys] if keys is not None else HEADLINES):
        help_text = None
        if with_help:
            words = [h.said_definition, scope.scope_words(h.key) if scope else None]
            if scope and scope.likely_text(h.key):
                words.append(likely_means())
                if scope.outside(h.key, now[h.key]):
                    words.append(str(summary.OUTSIDE_RANGE))
            help_text = " ".join(w for w in words if w)
        # the chip short (a phone's half-width tile cuts it): a change told by its base
        # ("from $1.2K") says the base on the muted line instead ("Was $1.2K")
        change = (summary.tile_change_parts(h.key, before[h.key], now[h.key])[0]
                  if before is not None else None)
        label, value = h.said_label, h.format(now[h.key])
        if (scope and h.key == "agencies_committed" and len(scope.organizations) == 1
                and scope.committed_initiatives is not None):
            # one organization: "1 of 1" says nothing; how many initiatives it is in does
            label, value, help_text, change = one_organization_committed(scope)
        elif scope and h.key == "agencies_committed" and scope.organizations:
            # under the organization filter the count is of the chosen ones: "1 of 1"
            label = _(CHOSEN_COMMITTED)
            # TRANSLATORS: a tile's count of the chosen organizations committed: "1 of 2"
            value = _("{n} of {of}").format(n=value, of=format_count(len(scope.organizations)))
        elif scope:
            label = scope.label(label, summary.SHARE if h.key in summary.ORGANIZATION_SHARE
                                else summary.NOT_SPLIT)
        note = None
        if scope:
            stated, likely = scope.stated_and_likely(h.key, now[h.key])
            value = stated if h.kind == "ratio" else value
            note = summary.tile_note(likely, scope.outside_words(h.key, now[h.key]))
        if before is not None:
            note = summary.was_note(h.key, before[h.key], now[h.key], note)
        if scope and h.key == "contributions_paid_usd" and scope.paid_after_usd:
            note = summary.tile_note_paid(scope, h.key, note)
            help_text = " ".join(w for w in (help_text, scope.paid_after_words) if w) or None
        out.append(Tile(label, value, help_text, change, h.delta_color, note))
    return out


# the organizations-committed tile under the organization filter: of the chosen ones
CHOSEN_COMMITTED = N_("Chosen organizations committed")


def one_organization_committed(scope: summary.Scope) -> tuple[str, str, str, None]:
    """Under one organization, the organizations-committed tile instead: the kept
    initiatives it is committed to or leads ('Initiatives UNDP is committed to', '9 of
    15'), its help, and no change (the earlier snapshot's count is not at hand)."""
    org = scope.organizations[0]
    # TRANSLATORS: a tile's label; {organization} is an organization code ("UNDP"): in
    # French with the glossary's « l'organisme UNDP » (a code takes no article: FR #13)
    label = _("Initiatives {organization} is committed to").format(organization=org)
    value = _("{n} of {of}").format(n=format_count(scope.committed_initiatives or 0),
                                    of=format_count(scope.initiatives))
    help_text = _("The initiatives kept by the filters that {organization} has committed to "
                  "or leads.").format(organization=org)
    return label, value, help_text, None


def scope_of(ctx: chart_data.Context, *, ranges: bool = True) -> summary.Scope:
    """What the headline figures cover under ctx's filters (the Overview, the Funding
    page, the briefing): the organizations chosen, the kept initiatives and those without
    a funding target; with `ranges`, the low-confidence share and the likely ranges
    (ranges_portfolio's P10 and P90; this runs the simulation)."""
    gap = chart_data.funding_gap(ctx)
    _count, paid_after = chart_data.paid_after_as_of(ctx)
    out = summary.Scope(organizations=ctx.filters.agencies, initiatives=len(gap),
                        without_target=int(gap["funding_target_usd"].isna().sum()),
                        paid_after_usd=paid_after,
                        paid_after_words=chart_data.paid_after_note(ctx) if paid_after else "",
                        committed_initiatives=_committed_initiatives(ctx))
    if not ranges:
        return out
    portfolio = ranges_data.ranges_portfolio(ctx).set_index("metric")
    return replace(out, low_confidence=ranges_data.low_confidence_share(ctx),
                   likely={m: (r["p10"], r["p90"]) for m, r in portfolio.iterrows()})


def _committed_initiatives(ctx: chart_data.Context) -> int | None:
    """Under one organization, the kept initiatives it is committed to or leads; else None."""
    if len(ctx.filters.agencies) != 1:
        return None
    by = chart_data.commitment_by_agency(ctx)
    row = by[by["agency_code"] == ctx.filters.agencies[0]]
    return int(row["initiatives_committed"].iloc[0]) if len(row) else 0


def costs_benefits(ctx: chart_data.Context, cash: pd.DataFrame, payback: int | None) -> list[Tile]:
    """NPV at the discount rate, with its likely range (ranges_portfolio's npv_usd row), and
    the payback year of the portfolio; under the organization filter, labelled as that
    organization's share."""
    stated = finance.npv(cash) if len(cash) else None
    help_text = _("Net present value: yearly net benefit discounted to the first year of the "
                  "range (the discount rate is in the sidebar).")
    note = None
    row = ranges_data.ranges_portfolio(ctx).set_index("metric")
    if stated is not None and "npv_usd" in row.index:
        lo, hi = row.at["npv_usd", "p10"], row.at["npv_usd", "p90"]
        if not (is_missing(lo) or is_missing(hi)):
            outside = summary.outside_words(stated, lo, hi)
            note = summary.tile_note(summary.likely_words(lo, hi, format_usd), outside)
            help_text += " " + likely_means()
            if outside:
                help_text += " " + str(summary.OUTSIDE_RANGE)
    scope = summary.Scope(organizations=ctx.filters.agencies)
    return [
        Tile(scope.label(_("NPV at {rate}").format(rate=format_percent(ctx.discount_rate)),
                         summary.SHARE),
             format_usd(stated) if stated is not None else MISSING, help_text, note=note),
        (scope.label(_("Payback year"), summary.SHARE), format_year(payback),
         _("First fiscal year in which the cumulative net benefit is at least 0.")),
    ]


def top_share_label(named: int) -> str:
    """'The five largest donors' share of paid' / 'The largest donor's share of paid',
    counted from the donors who paid (at most chart_data.TOP_SHARE_N); the donors named as
    the donut names them (`labels.largest_donors`: « cinq principaux donateurs », FR #25)."""
    # TRANSLATORS: a tile's label; {whose} is "the five largest donors'" or "the largest
    # donor's" (French "des cinq principaux donateurs", "du principal donateur")
    text = _("{whose} share of paid").format(whose=largest_donors(named, whose=True))
    return text[:1].upper() + text[1:]


TOP_SHARE_HELP = N_("The donors who paid the most under these filters (at most five): their "
                    "paid contributions as a share of all paid contributions. Donor pledges "
                    "are not counted.")


def funding(ctx: chart_data.Context) -> list[Tile]:
    """Paid, donor pledges, the largest donors' share of paid, the funding gap."""
    k = chart_data.kpis(ctx).set_index("metric")["value"]
    scope = scope_of(ctx, ranges=False)
    paid, pledged, gap = headline(k, keys=("contributions_paid_usd", "contributions_pledged_usd",
                                           "funding_gap_usd"), scope=scope)
    shares = chart_data.top_donor_share(ctx)
    named = int((~shares["donor"].map(chart_data.is_residual).astype(bool)).sum())
    return [paid, pledged, Tile(scope.label(top_share_label(named), summary.NOT_SPLIT),
                                format_percent(chart_data.top_five_share(ctx)),
                                _(TOP_SHARE_HELP)), gap]


def budget(sel: pd.DataFrame, result: Mapping[str, object]) -> list[Tile]:
    """What a budget selection picked (`result`: selection.selection_summary)."""
    return [
        (_("Initiatives selected"), _("{n} of {of}").format(
            n=format_count(result["selected"]), of=format_count(len(sel))), None),
        (_("Cost of the selection"), format_usd(result["total_cost_usd"]), None),
        (_("Budget left"), format_usd(result["remaining_usd"]), None),
    ]


def changes(changes: pd.DataFrame, before: str, after: str,
            scope: summary.Scope | None = None) -> tuple[list[Tile], list[Tile]]:
    """The What changed tiles: cost and benefit before -> after (the change from the
    figure before), then the initiatives added and removed; with a `scope` under the
    organization filter, the money labelled as that organization's share."""
    scope = scope or summary.Scope()
    money = []
    on = {"before": format_date(before), "after": format_date(after)}
    for key, label, was_col, now_col in (
            ("total_cost_usd", N_("Cost {before} → {after}"), "cost_before_usd", "cost_after_usd"),
            ("total_benefit_usd", N_("Benefit {before} → {after}"), "benefit_before_usd",
             "benefit_after_usd")):
        was = float(changes[was_col].fillna(0).sum())
        now = float(changes[now_col].fillna(0).sum())
        money.append((scope.label(_(label).format(**on), summary.SHARE), format_usd(now),
                      _("Was {was} on {before}, now {now} on {after}.").format(
                          was=format_usd(was), now=format_usd(now), **on),
                      # the figure before is on the muted line: the chip stays short
                      summary.tile_change_parts(key, was, now)[0], BY_KEY[key].delta_color,
                      _("From {was} on {before}").format(was=format_usd(was), **on)))
    counts = [(_(label), str(int((changes["status"] == status).sum())), None)
              for status, label in (("added", N_("Initiatives added")),
                                    ("removed", N_("Initiatives removed")))]
    return money, counts
