"""The figure builders of the Organization commitment page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import axis_labels, bar_names, matrix_top, palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figure_margins import needed_margins, text_width
from dashboard.charts.figures import (
    USD,
    _count_axis,
    _layout,
    _money,
    _money_axis,
    category_ticks,
    empty_figure,
    keyed_axis,
    move_from_top,
    said,
)
from dashboard.contract.labels import ORG_PLEDGED, agency_label, code_label, group_name
from dashboard.contract.schema import (
    AGENCY_TYPES,
    COMMITMENT_LEVELS,
)
from dashboard.formatting import format_count, usd_formatter
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

TITLE_MATRIX = N_("Commitment of each organization to each initiative")
TITLE_VALUE = N_("Relative value of each initiative to each organization (1 = low, 5 = high)")
TITLE_BY_AGENCY = N_("What each organization committed, and its pledged share (US$)")
TITLE_LEVELS = N_("Organizations at each commitment level, by initiative (count)")


def agency_order(df: pd.DataFrame) -> list[str]:
    """Organizations grouped by type (contract order), then by code: the matrices' rows,
    top down (the briefing splits them across pages in this order)."""
    rank = {t: i for i, t in enumerate(AGENCY_TYPES)}
    a = df[["agency_code", "agency_type"]].drop_duplicates()
    a = a.assign(r=a["agency_type"].map(rank).fillna(len(rank)))
    return list(a.sort_values(["r", "agency_code"])["agency_code"])


MATRIX_ROW = 34  # px a matrix row (30 overlapped on a phone with two-line labels)
SHARING_ROW = 27  # px an organization's three bars in "Who pays, who benefits" (was 36)
VALUE_NAMES = {1: N_("1 (low)"), 5: N_("5 (high)")}
BY_AGENCY_AXIS = N_("Organization")  # "(n)" after each code: initiatives committed to (caption)
NO_BENEFIT = N_("Benefit received: none, for every organization")
MATRIX_LABEL = 20  # characters of a matrix's row labels: the cells keep room on a phone


BLANK = N_("Blank: not asked, or no answer")  # a pair with no row (data/README.md, commitments)
GROUP_KEY = "type:"  # a group's header row on the organization axis: this and the type
# px under a matrix's rows: the initiatives' labels standing upright and the axis title
# (with 110, the fixture's five rows on a phone overlapped under its taller legend)
MATRIX_AXIS = 170
PHONE_PLOT = axis_labels.MATRIX_PLOT  # px across a matrix's plot on a phone
GROUP_BAND = "#F1F4F7"  # every second group's rows on a light band


def group_label(kind: object) -> str:
    """A group's name, written in bold at the left of its header row, inside the plot (the
    row holds no squares; beside the axis it would widen the labels' margin and leave a
    phone's cells less room); in the plural ("Funds and programmes"), a group's name."""
    return f"<b>{group_name(kind)}</b>"


def matrix_rows(df: pd.DataFrame) -> tuple[list[str], list[str]]:
    """A matrix's rows top down, keyed (organization codes), and what each reads as: the
    organizations grouped by type (`agency_order`), each group under a header row (no
    label beside the axis; `_group_bands` names it inside the plot), so the grouping the
    caption tells of is drawn."""
    types = df.drop_duplicates("agency_code").set_index("agency_code")["agency_type"]
    order = agency_order(df)
    keys: list[str] = []
    labels: list[str] = []
    last = None
    for code, label in zip(order, _agency_labels(df, order), strict=True):
        kind = types.get(code)
        if kind != last:
            keys.append(f"{GROUP_KEY}{kind}")
            labels.append("")
            last = kind
        keys.append(str(code))
        labels.append(label)
    return keys, labels


def _group_bands(fig: go.Figure, keys: list[str]) -> None:
    """Each type named in bold at the left of its header row, inside the plot; every second
    type's rows (header included) on a light band across the plot, drawn under the
    squares. `keys` top down; the axis lists them bottom up (index 0 at the bottom)."""
    n = len(keys)
    starts = [i for i, k in enumerate(keys) if k.startswith(GROUP_KEY)] + [n]
    for g, (a, b) in enumerate(zip(starts[:-1], starts[1:], strict=True)):
        fig.add_annotation(xref="paper", x=0, xanchor="left", xshift=4, y=keys[a],
                           showarrow=False, text=group_label(keys[a][len(GROUP_KEY):]),
                           font=dict(size=12, color="#1F2933"))
        if g % 2:
            fig.add_shape(type="rect", xref="paper", x0=0, x1=1, y0=n - b - 0.5,
                          y1=n - a - 0.5, fillcolor=GROUP_BAND, line=dict(width=0),
                          layer="below")


def square_size(rows_px: float, columns: int, largest: float = 22.0) -> float:
    """A matrix square's size in px: under the row pitch and the column pitch on a phone's
    plot (about `PHONE_PLOT` px across), so two neighbours never touch and a run of one
    colour never reads as a bar; at most `largest`, at least 6."""
    column_px = PHONE_PLOT / max(1, columns)
    return max(6.0, min(largest, 0.7 * rows_px, 0.7 * column_px))


def _blank_key(fig: go.Figure) -> None:
    """A legend entry for a blank cell (no row for the pair), told apart from 'No
    commitment' (a row saying none): a white square in a grey outline."""
    fig.add_scatter(x=[None], y=[None], mode="markers", name=_(BLANK), hoverinfo="skip",
                    marker=dict(symbol="square", size=12, color="white",
                                line=dict(color="#555555", width=1)))


def _agency_labels(df: pd.DataFrame, order: list[str]) -> list[str]:
    """Each organization of `order` on one line, by its code (its name and type are in the
    hover; rows are grouped by type): a name beside 27 rows leaves a phone's matrix no
    room for its cells."""
    return [agency_label(a, None, MATRIX_LABEL) for a in order]


def _agency_axis(fig: go.Figure, order: list[str], labels: list[str]) -> None:
    """Organizations down the side, one per row, keyed by code; rows grouped by type."""
    keyed_axis(fig, "y", order, labels, title_text=None, tickfont=dict(size=12))


STANDING_ROOM = 115  # px of standing labels the matrices' 110 px under the rows allowed


def _label_room(df: pd.DataFrame) -> int:
    """Px the initiatives' standing labels take beyond what a matrix's height allows."""
    return max(0, math.ceil(max(text_width(t, axis_labels.COLUMN_SIZE)
                                for t in _initiative_texts(df)[1]) - STANDING_ROOM))


def _matrix_height(rows: int, df: pd.DataFrame) -> int:
    """A matrix's height: its rows (group headers included) and the room under them
    (MATRIX_AXIS), more when the initiatives' standing labels need it (`_label_room`, which
    counts from 110 px under the rows)."""
    return (max(260, MATRIX_AXIS + MATRIX_ROW * rows)
            + max(0, _label_room(df) - (MATRIX_AXIS - 110)))


def _least_plot(fig: go.Figure, rows: int) -> None:
    """Grow the figure until its plot, under the room the initiatives' standing labels take
    (as `needed_margins` counts it), keeps MATRIX_ROW px a row, group headers included: one
    organization's matrix (?agency=UNDP) kept a plot 22 px tall, its group's name drawn
    over its row (round 4). The title and legend keep their px from the top."""
    lay = fig.layout
    old = float(lay.height or 450)
    bottom = max(float(lay.margin.b or 0), needed_margins(fig)["b"])
    grow = math.ceil(MATRIX_ROW * rows - (old - float(lay.margin.t or 0) - bottom))
    if grow <= 0:
        return
    new = old + grow
    move_from_top(fig, old, new)
    title = lay.title
    if title and title.y is not None and title.yref in (None, "container"):
        title.y = 1 - (1 - title.y) * old / new
    update_layout(fig, height=int(new))


def _natural(name: str) -> list[tuple[int, int | str]]:
    """A name's sort key as a reader orders it: "number 2" before "number 10"."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", name.casefold()) if p]


def initiative_order(df: pd.DataFrame) -> list[str]:
    """The initiatives of `df` as every initiative axis of the page lists them (the levels
    chart top down, the matrices left to right): by name, A to Z (numbers in a name by value), then by code (R5 #11:
    by code, ABLE, MID, ZETA read as random under the names shown)."""
    col = "name" if "name" in df.columns else "initiative_name"
    first = df.drop_duplicates("initiative_id")
    names = first[col] if col in first.columns else first["initiative_id"]
    keys = [(_natural(str(n)) if pd.notna(n) else [], str(i))
            for n, i in zip(names, first["initiative_id"], strict=True)]
    return [i for _key, i in sorted(zip(keys, first["initiative_id"], strict=True))]


def _initiative_texts(df: pd.DataFrame) -> tuple[list[str], list[str]]:
    inits = initiative_order(df)
    first = df.drop_duplicates("initiative_id").set_index("initiative_id").reindex(inits)
    names = first["name"] if "name" in first.columns else first.get("initiative_name")
    return inits, axis_labels.column_labels(inits, list(names) if names is not None else None)


def _initiative_axis(fig: go.Figure, df: pd.DataFrame) -> list[str]:
    """Initiatives across, keyed by code, read as name and code; the codes in order."""
    inits, texts = _initiative_texts(df)
    update_axes(fig, "x", title_text=_("Initiative"), categoryorder="array", categoryarray=inits,
                type="category")
    category_ticks(fig, inits, texts=texts)
    return inits


def commitment_matrix(df: pd.DataFrame) -> go.Figure:
    """A grid of squares (organization × initiative) coloured by commitment level."""
    if df.empty:
        return empty_figure(TITLE_MATRIX)
    keys, labels = matrix_rows(df)
    size = square_size(MATRIX_ROW, df["initiative_id"].nunique())
    fig = go.Figure()
    for level in COMMITMENT_LEVELS:
        d = df[df["commitment_level"] == level]
        fig.add_scatter(
            x=d["initiative_id"], y=d["agency_code"], mode="markers",
            name=code_label(level), marker=dict(symbol=palette.LEVEL_SYMBOLS[level], size=size,
                                                color=palette.LEVEL_COLORS[level],
                                                line=dict(color="#555555", width=1)),
            customdata=list(zip(d["agency_code"], d["initiative_id"], d["agency_name"],
                                d["initiative_name"], _money(d["pledged_usd"]),
                                d["relative_value"], [code_label(t) for t in d["agency_type"]],
                                strict=True)),
            hovertemplate="<b>%{customdata[2]}</b> (%{customdata[6]}) → %{customdata[3]}<br>"
            + said(_("Level"), code_label(level)) + "<br>"
            + said(_("Pledged"), "%{customdata[4]}") + "<br>"
            + said(_("Relative value"), "%{customdata[5]}") + "<extra></extra>",
        )
    _blank_key(fig)
    height = _matrix_height(len(keys), df)
    _layout(fig, TITLE_MATRIX, height=height, legend_title=N_("Commitment level"))
    _initiative_axis(fig, df)
    _agency_axis(fig, list(reversed(keys)), list(reversed(labels)))
    _group_bands(fig, keys)
    update_axes(fig, "y", gridcolor="#F0F0F0")
    _least_plot(fig, len(keys))
    return matrix_top.labels_on_top(fig, len(keys))


def relative_value_matrix(df: pd.DataFrame) -> go.Figure:
    """Organization × initiative squares coloured by relative value (1–5); the value is
    also written in each square while the squares are wide enough on a phone (up to eight
    initiatives), the colour key sits above the plot where a legend would."""
    if df.empty:
        return empty_figure(TITLE_VALUE)
    keys, labels = matrix_rows(df)
    digits = df["initiative_id"].nunique() <= 8
    size = square_size(MATRIX_ROW, df["initiative_id"].nunique())
    fig = go.Figure()
    # one trace a value: the legend is five swatches, each matched to a square by eye (a
    # continuous colour bar 60 px wide could not be)
    values = pd.to_numeric(df["relative_value"], errors="coerce")
    for value, color in palette.RELATIVE_VALUE_COLORS.items():
        d = df[values == value]
        # a value no square has keeps its swatch (one blank point: an empty trace has no
        # legend entry), so every legend lists the whole scale 1 to 5, page after page
        fig.add_scatter(
            x=list(d["initiative_id"]) or [None], y=list(d["agency_code"]) or [None],
            mode="markers+text" if digits else "markers", text=[str(value)] * len(d),
            textfont=dict(color=palette.ink(color), size=11),
            marker=dict(symbol="square", size=size, color=color,
                        line=dict(color="#555555", width=0.5)),
            customdata=list(zip(d["agency_code"], d["initiative_id"], d["agency_name"],
                                d["initiative_name"], strict=True)),
            hovertemplate="<b>%{customdata[2]}</b> → %{customdata[3]}<br>"
            + said(_("Relative value"), str(value)) + "<extra></extra>",
            name=_(VALUE_NAMES[value]) if value in VALUE_NAMES else str(value),
        )
    _blank_key(fig)
    _layout(fig, TITLE_VALUE, height=_matrix_height(len(keys), df),
            legend_title=N_("Relative value"))
    _initiative_axis(fig, df)
    _agency_axis(fig, list(reversed(keys)), list(reversed(labels)))
    _group_bands(fig, keys)
    _least_plot(fig, len(keys))
    return matrix_top.labels_on_top(fig, len(keys))


def commitment_by_agency(df: pd.DataFrame) -> go.Figure:
    """Pledged amount per organization (bars, colour by type), committed count as text."""
    if df.empty:
        return empty_figure(TITLE_BY_AGENCY)
    d = df.iloc[::-1]
    fig = go.Figure()
    label = usd_formatter(d["pledged_usd"])  # one scale for every bar (FR3 #7)
    for t in [t for t in AGENCY_TYPES if t in set(d["agency_type"])]:
        s = d[d["agency_type"] == t]
        fig.add_bar(
            y=s["agency_code"], x=s["pledged_usd"], orientation="h",
            name=code_label(t), marker_color=palette.AGENCY_TYPE_COLORS[t],
            text=[label(v) for v in s["pledged_usd"]], textposition="outside", cliponaxis=False,
            customdata=list(zip(s["agency_code"], s["agency_name"],
                                s["initiatives_committed"], _money(s["pledged_usd"]),
                                strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>" + said(_("Pledged"), "%{customdata[3]}")
            + "<br>" + said(_("Initiatives committed or leading"), "%{customdata[2]}")
            + "<extra></extra>",
        )
    _layout(fig, TITLE_BY_AGENCY, height=max(260, 80 + 24 * len(d)), legend_title=N_("Type"))
    counts = dict(zip(d["agency_code"], d["initiatives_committed"], strict=True))
    update_axes(fig, "y", title_text=_(BY_AGENCY_AXIS))
    keyed_axis(fig, "y", list(d["agency_code"]), [f"{a} ({format_count(counts[a])})" for a in d["agency_code"]])
    top = float(max(d["pledged_usd"].max(), 1.0))
    # on two lines: on one it ran past a phone's chart (the visual check)
    update_axes(fig, "x", title_text=_("{name}<br>({unit})").format(name=_(ORG_PLEDGED),
                                                                   unit=_(USD)),
                range=[0, top * 1.5])
    _money_axis(fig, "x", [0, top])
    return fig


TITLE_SHARING = N_("Who pays, who benefits: each organization (US$)")
# (column, legend name, colour): cost borne, benefit received and pledged, side by side
SHARING_BARS: tuple[tuple[str, str, str], ...] = (
    ("cost_borne_usd", N_("Cost borne (own + share of shared)"), palette.VERMILLION),
    ("benefit_received_usd", N_("Benefit received (own + share of shared)"), palette.BLUE),
    ("pledged_usd", ORG_PLEDGED, palette.GREEN),
)


def cost_sharing(df: pd.DataFrame) -> go.Figure:
    """Per organization (largest cost borne at the top): what it bears, receives and has
    pledged, as three bars side by side; the own/shared split and the net in the hover."""
    if df.empty:
        return empty_figure(TITLE_SHARING)
    d = df.iloc[::-1]
    detail = list(zip(
        d["agency_code"], d["name"],
        _money(d["own_cost_usd"]), _money(d["shared_cost_share_usd"]),
        _money(d["own_benefit_usd"]), _money(d["shared_benefit_share_usd"]),
        _money(d["net_usd"]), _money(d["pledged_usd"]), strict=True))
    fig = go.Figure()
    none_received = not (pd.to_numeric(d["benefit_received_usd"], errors="coerce")
                         .fillna(0) != 0).any()
    # plotly draws a horizontal group's first trace at the bottom: add them last to first,
    # so each organization reads cost, benefit, pledged from the top, as the legend does
    for column, name, color in reversed(SHARING_BARS):
        name = _(name)
        if column == "benefit_received_usd" and none_received:
            name = _(NO_BENEFIT)  # no blue bar anywhere: the legend says so (the caption why)
        fig.add_bar(
            y=d["agency_code"], x=d[column], orientation="h", name=name, marker_color=color,
            customdata=detail,
            hovertemplate="<b>%{customdata[1]}</b><br>"
            + _("Cost borne: own %{customdata[2]} + shared %{customdata[3]}") + "<br>"
            + _("Benefit received: own %{customdata[4]} + shared %{customdata[5]}") + "<br>"
            + said(_("Net (benefit − cost)"), "%{customdata[6]}") + "<br>"
            + said(_("Pledged"), "%{customdata[7]}") + "<extra></extra>",
        )
    update_layout(fig, barmode="group", bargap=0.25, bargroupgap=0.05,
                  legend_traceorder="reversed")
    _layout(fig, TITLE_SHARING, height=max(260, 90 + SHARING_ROW * len(d)))
    update_axes(fig, "y", title_text=_(BY_AGENCY_AXIS))
    # by code, as on the matrices (the name in the hover): a phone keeps room for the bars
    keyed_axis(fig, "y", list(d["agency_code"]), list(d["agency_code"]))
    update_axes(fig, "x", title_text=_(USD))
    _money_axis(fig, "x", [0, *d["cost_borne_usd"], *d["benefit_received_usd"],
                           *d["pledged_usd"]])
    return fig


def sharing_note(df: pd.DataFrame | None) -> str:
    """The caption's sentence when no organization receives a benefit (issue 24, B3: the
    odd data's benefits are all shared and it has no cost-sharing key), else ''."""
    if df is None or df.empty:
        return ""
    if (pd.to_numeric(df["benefit_received_usd"], errors="coerce").fillna(0) != 0).any():
        return ""
    key = (pd.to_numeric(df["cost_share"], errors="coerce").fillna(0) > 0).any()
    why = (_("there are none under these filters") if key else
           _("this snapshot has no cost-sharing key"))
    return " " + _("No organization receives a benefit under these filters: none is recorded "
                   "against an organization, and shared, system-wide benefits are shared out "
                   "only by the cost-sharing key, and {why}.").format(why=why)


def commitment_levels_by_initiative(df: pd.DataFrame) -> go.Figure:
    if df.empty or int(df["organizations"].sum()) == 0:
        return empty_figure(TITLE_LEVELS)
    inits = initiative_order(df)[::-1]  # plotly's first row is the bottom one
    fig = go.Figure()
    for level in COMMITMENT_LEVELS:
        d = df[df["commitment_level"] == level].set_index("initiative_id").reindex(inits)
        fig.add_bar(
            y=inits, x=d["organizations"].fillna(0), orientation="h", name=code_label(level),
            marker=dict(color=palette.LEVEL_COLORS[level], line=dict(color="#555555", width=0.5)),
            customdata=list(zip(inits, d["initiative_name"].fillna(""), strict=True)),
            hovertemplate="%{customdata[1]}<br>"
            + said(code_label(level), _("%{x} organization(s)")) + "<extra></extra>",
        )
    names = df.drop_duplicates("initiative_id").set_index("initiative_id")[
        "initiative_name"].reindex(inits)
    labels = axis_labels.initiative_names(inits, list(names))
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_LEVELS, height=bar_names.height(len(inits), extra=80, least=260),
            legend_title=N_("Commitment level"))
    update_axes(fig, "x", title_text=_("Number of organizations"))
    _count_axis(fig, "x", float(df.groupby("initiative_id")["organizations"].sum().max()))
    # each name above its bar: the bars keep a phone's whole plot (dashboard/charts/bar_names.py)
    bar_names.names_above(fig, inits, labels)
    return fig
