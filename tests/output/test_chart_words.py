"""The briefing pack's HTML, before Chromium prints it (issue 24, an accessible briefing):
every chart is a figure with a text alternative that names what it shows, table headers
are scoped, headings go h1, h2, h3 without a skipped level. Over the hand-checkable
fixture (tests/fixture_data.py), no browser: the HTML is built once per module.

The largest items, worked out by hand from tests/fixture_data.py (unfiltered; the fixture
has no cost-sharing key):
- cost against benefit: benefits ERP 120 + 80 = 200, KS 30 + 50 = 80, SEC 15, TRN 0; ERP
  is Working together's only initiative: its highest point, at $200;
- cost by kind of cost: recurring staff 100 (ERP), software 30, hosting 20 -> staff $100;
  one-off hardware 50, consultancy 40, other 10, training 5 -> hardware $50;
- funding gap: ERP 1000 - 400 - 200 = 400, KS 380, TRN 200, SEC none -> ERP $400;
- contributions by donor, paid: Norway 200 + 60 = 260 (Switzerland 70) -> Norway $260;
- committed and pledged by organization: UNDP 300 + 10 = 310, WFP 100, ITU 50 -> UNDP $310;
- commitment matrix: organizations UNDP, WFP, ITU by initiatives ERP, KS, SEC -> 3 by 3.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dashboard.output import briefing
from dashboard.output.chart_words import describe
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from dashboard.registry import BY_ID, CHARTS
from tests import fixture_data

EXPECTED_ALT = {  # a chart's heading -> what its text alternative must say (worked by hand)
    "Cost against benefit, by initiative (US$)": ["Working together", "ERP", "$200"],
    "Cost by kind of cost: recurring and one-off (US$)": [
        "Recurring: largest Staff ($100)", "One-off: largest Hardware ($50)"],
    "Funding of each initiative against its target (US$)": [
        "Funding gap: largest ERP ($400)"],
    "Contributions by donor, largest paid plus pledged first (US$)": ["Paid contributions: largest Norway ($260)"],
    "What each organization committed, and its pledged share (US$)": ["largest UNDP ($310)"],
    "Commitment of each organization to each initiative": [
        "3 rows (organizations) by 3 columns (initiatives)"],
}


class Outline(HTMLParser):
    """What the checks need of the page: headings, figures, table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.figures: list[dict] = []
        self.cells: list[tuple[str, str | None]] = []  # (th, scope)
        self._heading: int | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._text = int(tag[1]), ""
        elif tag == "figure":
            self.figures.append({"imgs": [], "caption": False, "title": None})
        elif a.get("role") == "img" and self.figures:
            self.figures[-1]["imgs"].append(a.get("aria-label") or "")
        elif tag == "figcaption" and self.figures:
            self.figures[-1]["caption"] = True
        elif tag == "th":
            self.cells.append((tag, a.get("scope")))

    def handle_data(self, data):
        if self._heading is not None:
            self._text += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, self._text))
            if self._heading == 3 and self.figures and self.figures[-1]["title"] is None:
                self.figures[-1]["title"] = self._text
            self._heading = None


@pytest.fixture(scope="module")
def outline(db) -> Outline:
    scan = db.scan()
    snap = next(s for s in scan.snapshots if s.as_of == fixture_data.FIXTURE_AS_OF)
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of))
    plan = briefing.build_html(ctx, snap, scan)
    parsed = Outline()
    parsed.feed(plan.html)
    return parsed


def test_every_chart_is_a_figure_with_a_text_alternative(outline):
    assert len(outline.figures) >= 15  # every chart of the pack
    for fig in outline.figures:
        assert fig["title"], fig
        assert len(fig["imgs"]) == 1, fig  # one drawing, role="img"
        alt = fig["imgs"][0]
        assert alt.startswith(f"Chart: {fig['title']}. "), (alt, fig["title"])
        assert len(alt) > len(fig["title"]) + 12, alt  # more than the title: what it shows


def test_the_text_alternative_names_the_largest_items(outline):
    # (a heading keeps its no-break spaces: "…\u00a0(US$)", FR #15)
    alts = {f["title"].replace("\u00a0", " "): f["imgs"][0] for f in outline.figures}
    for title, words in EXPECTED_ALT.items():
        assert title in alts, (title, sorted(alts))
        for w in words:
            assert w in alts[title], (title, w, alts[title])


def test_captions_are_figcaptions(outline, db):
    # the registry gives the pack's charts a caption (or a state note for this view: the
    # fixture's paid contributions dated after its as-of date, under contributions by
    # year); the pack prints it in the figure
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
    with_caption = [f for f in outline.figures if f["caption"]]
    declared = [c for c in CHARTS if c.pack and not c.pack.needs_compare and (
        c.pack.caption or (c.state_note and c.state_note(ctx)))]
    assert len(with_caption) == len(declared) >= 7


def test_table_headers_are_scoped(outline):
    assert outline.cells
    assert {scope for _, scope in outline.cells} <= {"col", "row"}
    assert all(scope for _, scope in outline.cells), "a th without scope"
    assert any(scope == "row" for _, scope in outline.cells)  # the row names


def test_headings_go_in_order(outline):
    levels = [level for level, _ in outline.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, ("a skipped heading level", outline.headings)


def test_a_described_grid_and_bars_without_data():
    import plotly.graph_objects as go

    empty = go.Figure()
    assert describe(empty, "Nothing") == "Chart: Nothing. No data."
    bars = go.Figure(go.Bar(x=["a", "b"], y=[3.0, -1.0], name="Net"))
    assert describe(bars, "Two bars", "US$") == (
        "Chart: Two bars. Net: largest a ($3.00), lowest b (-$1.00), total $2.00 over 2.")


def test_a_described_chart_in_french():
    # the bars above in French: each phrase one message, the amounts in French, a narrow
    # no-break space before ";" and a no-break space before ":"
    import plotly.graph_objects as go

    from dashboard.lang.translate import language

    nb = "\u00a0"
    bars = go.Figure(go.Bar(x=["a", "b"], y=[3.0, -1.0], name="Net"))
    with language("fr"):
        assert describe(bars, "Deux barres", "US$") == (
            f"Graphique{nb}: Deux barres. Net{nb}: maximum pour a (3,00{nb}$US), minimum pour b "
            f"(\u22121,00{nb}$US), total de 2,00{nb}$US sur 2.")
        assert describe(go.Figure(), "Rien") == f"Graphique{nb}: Rien. Aucune donnée."


def test_the_frontier_speaks_of_a_dashed_line_only_with_a_budget(db):
    frontier = BY_ID["efficient_frontier"]
    f = Filters(snapshot=fixture_data.FIXTURE_AS_OF)
    without = chart_data.Context(db=db, filters=f)
    with_budget = chart_data.Context(db=db, filters=f, budget=100.0)
    df = frontier.dataset(without)
    assert "Dashed line" not in (frontier.caption_for(df, without) or "")
    assert "Dashed line: the budget entered." in (frontier.caption_for(df, with_budget) or "")
