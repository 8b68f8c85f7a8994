"""Every point of a cost-against-benefit scatter identified, on paper too: a number on each
marker and, under the chart, a key from number to the initiative's one label
(dashboard/charts/axis_labels.py `initiative_names`, as every chart names it).

A scatter of 15 initiatives named only 3 to 6 of them (the rest had no room, or their
labels would have lain on other markers), and a hover cannot be read in the briefing pack
or a screenshot (reader's review round 3, #8). A number sits inside its own marker, so it
never lies on another point (a name beside a point did, on a phone); the builders write
it as the marker trace's text, in black or white as reads better on the category's colour
(`palette.ink`).

What the mark is (reader's review round 4, #3): numbered by cost, bubble "1" (ERP) sat
beside "#1 ICT services sourcing strategy" in the ranking and changed with the filters. On
Prioritization each bubble carries its rank as the ranking shows it ("#3", "=1"), the key in
rank order; on the Overview, which has no ranking, the initiative's code ("ERP"), so no
mark reads as a rank. Letters by size changed with the filter: A was ERP for the system and
KS under UNDP (round 4, N4); a code is the initiative's own in every filter, and the key,
in the codes' order, gives the name after it. The key's first lines say which.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.charts import axis_labels
from dashboard.charts.figure_layout import literal, update_layout
from dashboard.charts.figure_margins import fit_margins
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

NUMBER_SIZE = 11  # px: a marker's number (7 pt in the pack, its floor)
MARKER_PX = 17  # px: a point's marker, wide enough for its number ("15")
KEY_SIZE = 11  # px: the key's lines (a number and a label of `NAME_PX` at 12 px fit a phone)
KEY_LINE = 15  # px a line of the key takes (11-px text: Plotly gives a line about 14 px)
# px under the plot before the axis title: the plot's pad (8), the money ticks' line (18)
# and the title's standoff (20; dashboard/charts/browser_figure.py); at 30 the key's first
# line ran into the axis title when printed (the packs' word-overlap check)
TICKS_PX = 46
TITLE_LINE_PX = 18  # px a line of the axis title under them takes


# the key's heading, what the marks are: two lines (`HEADING_LINES`), each narrower than a
# phone's 390 px
KEY_BY_CODE = N_("Each label is an initiative's code; the key<br>gives the codes in "
                 "alphabetical order")
KEY_BY_RANK = N_("Each number is the initiative's rank in the priority<br>ranking "
                 "(\"=\": a rank shared by equal scores)")
HEADING_LINES = 2


def by_code(codes: Sequence[object], names: Sequence[object]
            ) -> tuple[list[str], list[str], list[str], str]:
    """The marks of a scatter without a ranking: each initiative's code, the same in every
    filter (round 4, N4); the key's labels (the one label's name: the code is the mark
    before it), its order (the codes') and its heading."""
    marks = [str(c) for c in codes]
    # the words every other chart gives it (cut, if at all, where they cut it), without
    # the code they end with
    labels = [lab.removesuffix(f" ({m})") for lab, m in zip(
        axis_labels.initiative_names(marks, list(names)), marks, strict=True)]
    return marks, labels, marks, _(KEY_BY_CODE)


def apart(marks: Sequence[str], codes: Sequence[object]) -> list[str]:
    """Each point's mark, told apart: a mark two or more points share (a tied rank, "=1")
    followed by the initiative's code ("=1 INIT04"), so no two points read alike (R6b #22:
    seven points read "=1" on the odd data); a mark of its own unchanged."""
    marks = [str(m) for m in marks]
    return [f"{m} {c}" if marks.count(m) > 1 else m for m, c in zip(marks, codes, strict=True)]


def key_lines(marks: Sequence[str], labels: Sequence[str],
              order: Sequence[object] | None = None) -> list[str]:
    """The key's lines in `order` (a sort key per point; the marks' own order when None):
    "=3  Enterprise resource planning systems (ERP)"."""
    keys = list(order) if order is not None else list(range(len(marks)))
    rows = sorted(zip(keys, range(len(marks)), marks, labels, strict=True))
    # the mark (a code) and the label are data: shown literally (Plotly reads `<b>` in a name as markup; the rule
    # of dashboard/output/usertext.plotly, which safe_figure cannot apply to a key's line)
    # the mark plain, not bold: a bold "B" was indistinguishable in the page from markup
    # that a hostile name "**B**" would make (tests/browser/test_hostile_pages.py)
    return [f"{literal(str(m))}  {literal(str(lab))}" for _k, _i, m, lab in rows]


def key_gap(fig: go.Figure) -> int:
    """Px under the plot before the key: the ticks and the axis title's lines."""
    title = fig.layout.xaxis.title.text or ""
    return TICKS_PX + TITLE_LINE_PX * (title.count("<br>") + 1) + 8


def key_px(count: int) -> int:
    """Px the key of `count` points takes, its heading line (what the order is) included."""
    return KEY_LINE * (count + HEADING_LINES)


def add_key(fig: go.Figure, marks: Sequence[str], labels: Sequence[str],
            order: Sequence[object] | None, heading: str) -> None:
    """The key under the plot, headed by what its marks' order is, and the bottom margin
    that holds it (the builder gave its `_layout` `key_px` more height)."""
    # from the figure's left edge, not the plot's: the margin the axis labels need is
    # set now (as dashboard/charts/browser_figure.py would), and the key starts left of it;
    # the axis title wrapped there first, so the gap counts its lines
    fit_margins(fig)
    gap = key_gap(fig)
    left = int(fig.layout.margin.l or 0)
    lines = [f"<i>{heading}</i>", *key_lines(marks, labels, order)]
    fig.add_annotation(text="<br>".join(lines), xref="paper", x=0,
                       xanchor="left", xshift=-left + 12, yref="paper", y=0, yanchor="top",
                       yshift=-gap,
                       showarrow=False, align="left", font=dict(size=KEY_SIZE, color="#1F2933"),
                       name="point_key")
    update_layout(fig, margin=dict(b=gap + key_px(len(marks)) + 10))


def key_labels(codes: Sequence[object], names: Sequence[object]) -> list[str]:
    """The key's labels: each initiative's one label."""
    return axis_labels.initiative_names(list(codes), list(names))
