"""Whose figures a chart shows under the organization filter, in its title and on its axes
(review round 4, #13; French round 2, #14): one template (output/summary.py `scoped_title`,
`scoped_axes`) for the app and the briefing pack. Under ?agency=UNDP every chart title that
carries a figure names UNDP's share or the whole portfolio, as the tiles do ("Total cost
(UNDP's share)"): in the one pair of brackets that ends the title, with its unit ("NPV:
... (UNDP's share, US$)": EN #7), as the subject of an axis that names the portfolio ("UNDP's
share of the NPV (US dollars)"); no title or axis says "Portfolio NPV" of figures that are
UNDP's share. Their captions too (output/summary.py
`scoped_caption`): under the filter a caption names the portfolio only as the whole
portfolio, never "the portfolio's NPV" of figures that are UNDP's share."""

from __future__ import annotations

import html
import json
import re

import pytest

from dashboard import registry
from dashboard.output import briefing, summary
from dashboard.output.chart_words import plain
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data

SCOPED = re.compile(r"UNDP's share|\(whole portfolio[,)]|\(UNDP only[,)]")
# a caption may name the portfolio under the filter only as the whole one ("not the whole
# portfolio's"; French « l'ensemble du portefeuille »)
PORTFOLIO_IN_CAPTION = re.compile(r"(?<!whole )portfolio|(?<!ensemble du )portefeuille", re.I)
UNSCOPED_WORDS = ("Portfolio NPV", "portfolio NPV", "All organizations", "all organizations",
                  "UNDP's share —")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("scoped-titles")
    fixture_data.build_two(d)
    return d


@pytest.fixture(scope="module")
def undp(data_dir):
    db = Database(data_dir)
    scan = db.scan(refresh=True)
    snap = next(s for s in scan.snapshots if s.as_of == fixture_data.FIXTURE_AS_OF)
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of, agencies=("UNDP",)),
                             compare_to=fixture_data.EARLIER_AS_OF)
    yield ctx, briefing.build_html(ctx, snap, scan)
    db.close()


# the charts drawn by organization (each organization named on an axis): the only ones that
# need no scope under the filter; every other chart, counts too, says whose figures it shows
BY_ORGANIZATION = {"cost_sharing", "commitment_matrix", "relative_value", "commitment_by_agency",
                   "commitment_levels_by_initiative"}


def test_every_chart_not_drawn_by_organization_has_a_scope():
    # EN #1 (round 5): the Overview's stage count has every kept initiative, not UNDP's
    assert [c.id for c in registry.CHARTS
            if c.scope is None and c.id not in BY_ORGANIZATION] == []


def test_the_stage_count_says_it_is_the_whole_portfolio(undp):
    ctx, plan = undp
    # worked out from the rule: the title's unit joins the scope in one pair of brackets
    assert "<h3>Initiatives at each implementation stage (whole portfolio, count)</h3>" in plan.html
    chart = registry.BY_ID["initiatives_by_stage"]
    assert chart.scope_phrase(ctx) == "whole portfolio"


def _unscoped_titles(ctx: chart_data.Context) -> list[str]:
    """The figure titles of the charts that need no scope (by organization, or counts)."""
    out = []
    for c in registry.CHARTS:
        df = c.dataset(ctx) if c.scope is None and c.page != "initiative" else None
        if df is not None and not df.empty:
            out.append(plain(c.figure(ctx, df).layout.title.text))
    return out


def _axis_titles(spec: dict) -> list[str]:
    layout = spec["layout"]
    return [plain((layout[k].get("title") or {}).get("text")) for k in layout
            if re.fullmatch(r"[xy]axis\d*", k)]


def test_every_figure_title_of_an_organization_pack_names_its_scope(undp):
    ctx, plan = undp
    titles = [html.unescape(t) for t in re.findall(
        r'<figure class="block"[^>]*><h3>(.*?)</h3>', plan.html)]
    unscoped = _unscoped_titles(ctx)
    scoped = [t for t in titles if not any(t.startswith(u) for u in unscoped)]
    assert len(scoped) >= 15, titles
    for t in titles:
        assert not any(w in t for w in UNSCOPED_WORDS), t
    for t in scoped:
        assert SCOPED.search(t), t
    # worked out from the rule: the NPV's title says the share in its closing brackets
    # (EN #7); the donors' says the whole portfolio, with its unit, in one pair of brackets
    assert any(t.startswith("NPV: above 0 in ") and t.endswith("(UNDP's share, US$)")
               for t in titles), titles
    assert any(t.startswith("Contributions by donor") and t.endswith("(whole portfolio, US$)")
               for t in titles), titles


def test_no_axis_of_an_organization_pack_says_portfolio_npv(undp):
    _ctx, plan = undp
    figs = json.loads(re.search(r'<script type="application/json" id="figures">(.*?)</script>',
                                plan.html, flags=re.S).group(1))
    axes = [a for f in figs for a in _axis_titles(f["figure"])]
    assert not [a for a in axes if any(w in a for w in UNSCOPED_WORDS)], axes
    assert "UNDP's share of the NPV (US dollars)" in axes, axes  # the NPV's histogram
    hovers = [str(t.get("hovertemplate")) for f in figs for t in f["figure"]["data"]]
    assert not [h for h in hovers if "Portfolio NPV" in h]
    assert any("UNDP's share of the NPV if its estimates come out worse" in h for h in hovers)


def test_the_axes_say_whose_npv_in_french(undp):
    from dashboard.lang.translate import language

    ctx, _plan = undp
    chart = registry.BY_ID["npv_distribution"]
    with language("fr"):
        fig = chart.figure(ctx, chart.dataset(ctx))
    assert plain(fig.layout.xaxis.title.text) == "Quote\u2011part UNDP dans la VAN ($US)"
    everyone = ctx.with_(filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
    fig = chart.figure(everyone, chart.dataset(everyone))
    assert plain(fig.layout.xaxis.title.text) == "Portfolio NPV (US dollars)"  # no filter


@pytest.mark.parametrize("page", ["overview", "costs-benefits", "funding", "prioritization"])
def test_every_chart_heading_in_the_app_names_its_scope(fixture_dir, monkeypatch, page):
    # the app's headings and axes by the same template as the pack's
    from dashboard import pages
    from tests.apptest import no_exception, open_app

    at = open_app(fixture_dir, monkeypatch)
    at.query_params.update({"agency": "UNDP"})
    at.run()
    at.switch_page(pages.BY_URL[page].app_test_path).run()
    no_exception(at)
    headings = [h.value.replace("\\$", "$").replace("\\'", "'") for h in at.subheader]
    scoped = [c for c in registry.for_page(page) if c.scope is not None]
    assert len([h for h in headings if SCOPED.search(h)]) >= len(scoped), headings
    assert not [h for h in headings if any(w in h for w in UNSCOPED_WORDS)], headings
    axes = [a for e in at.get("plotly_chart") for a in _axis_titles(json.loads(e.proto.spec))]
    assert not [a for a in axes if any(w in a for w in UNSCOPED_WORDS)], axes
    captions = [c.value.replace("\\'", "'") for c in at.caption]  # and the captions
    assert not [c for c in captions if PORTFOLIO_IN_CAPTION.search(c)], captions


def _captions(ctx: chart_data.Context) -> dict[str, str]:
    """The app's caption of every chart of the pages (registry.Chart.caption_for)."""
    out = {}
    for c in registry.CHARTS:
        df = c.dataset(ctx) if c.page != "initiative" else None
        if df is not None and not df.empty and (text := c.caption_for(df, ctx)):
            out[c.id] = text
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_caption_under_an_organization_names_the_portfolio(undp, lang):
    from dashboard.lang.translate import language

    ctx, _plan = undp
    with language(lang):
        captions = _captions(ctx)
        plan = briefing.build_html(ctx, *_snapshot_and_scan(ctx))
    assert {"npv_tornado", "financial_measures"} <= set(captions), captions
    assert not {k: t for k, t in captions.items() if PORTFOLIO_IN_CAPTION.search(t)}
    pack = [html.unescape(t) for t in re.findall(r"<figcaption>(.*?)</figcaption>", plan.html)]
    assert len(pack) >= 8, pack
    assert not [t for t in pack if PORTFOLIO_IN_CAPTION.search(t)], pack


def _snapshot_and_scan(ctx: chart_data.Context):
    scan = ctx.db.scan()
    return next(s for s in scan.snapshots if s.as_of == ctx.filters.snapshot), scan


def test_the_captions_name_the_organizations_share_of_the_npv(undp):
    # worked out from the rule: the NPV the caption speaks of is the title's subject
    # ("UNDP's share of the NPV"); French « la quote-part UNDP dans la VAN », its hyphen a
    # non-breaking one (U+2011: dashboard/lang/typography.py)
    from dashboard.lang.translate import language

    ctx, _plan = undp
    captions = _captions(ctx)
    assert captions["npv_tornado"].startswith(
        "For each initiative, UNDP's share of the NPV with its estimates at their worse ")
    assert "so the initiatives' NPVs add up to UNDP's share of the NPV)" in (
        captions["financial_measures"])
    with language("fr"):
        captions = _captions(ctx)
    assert captions["npv_tornado"].startswith(
        "Pour chaque initiative, la quote\u2011part UNDP dans la VAN avec ses estimations ")
    assert "s'additionnent donc pour donner la quote\u2011part UNDP dans la VAN)" in (
        captions["financial_measures"])
    everyone = _captions(ctx.with_(filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF)))
    assert everyone["npv_tornado"].startswith("For each initiative, the portfolio's NPV with ")
    assert "add up to the portfolio's NPV)" in everyone["financial_measures"]


def _heading(chart: registry.Chart, ctx: chart_data.Context) -> str:
    """A chart's heading as the app and the pack set it: its figure's title (the registry's
    short title while it has no data: one initiative's charts here) with its scope."""
    df = chart.dataset(ctx) if chart.page != "initiative" else None
    title = (plain(chart.figure(ctx, df).layout.title.text) if df is not None and not df.empty
             else str(chart.title))
    return summary.scoped_title(title, chart.scope_phrase(ctx))


# whose figures, as the tiles say it, in the reader's language (U+2011: « quote‑part »)
SHARE_WORDS = {"en": ("UNDP's share", "whole portfolio", "UNDP only"),
               "fr": ("quote\u2011part UNDP", "ensemble du portefeuille", "UNDP uniquement")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_title_says_its_scope_once_in_the_brackets_that_end_it(undp, lang):
    # EN #7, FR3 #15: one page had "UNDP's share by category: ... (US$)", "... by
    # initiative (UNDP's share, US$)" and "Cost against benefit (bubble size: ...) (UNDP's
    # share)"; now every title is its subject, then at most one pair of brackets, last,
    # and a chart with a scope says it there, with its unit, and nowhere else
    from dashboard.lang.translate import language

    ctx, _plan = undp
    share, whole, own = SHARE_WORDS[lang]
    with language(lang):
        headings = {c.id: (_heading(c, ctx), c.scope) for c in registry.CHARTS}
    for chart_id, (title, scope) in headings.items():
        groups = re.findall(r"\([^()]*\)", title)
        assert title.count("(") == title.count(")") == len(groups) <= 1, (chart_id, title)
        assert not groups or title.endswith(groups[0]), (chart_id, title)
        if scope is None:
            continue
        said = {summary.NOT_SPLIT: whole, summary.OWN: own}.get(scope, share)
        assert title.count(said.split()[0]) == 1, (chart_id, title)
        assert groups and groups[0].startswith(f"({said}"), (chart_id, title)
    # worked out from the rule: the words that named the portfolio give way to plain ones
    headings = {k: (t.replace("\u00a0", " "), s) for k, (t, s) in headings.items()}
    npv = headings["npv_distribution"][0]
    if lang == "en":
        assert npv.startswith("NPV: above 0 in ") and npv.endswith("(UNDP's share, US$)"), npv
        assert headings["portfolio_by_category"][0] == (
            "Cost and benefit by category (UNDP's share, US$)")
        assert headings["priority_bubble"][0] == "Cost against benefit (UNDP's share, US$)"
        # R6a #9: under one organization the levels chart counts it only, and says so
        assert headings["commitment_levels_by_initiative"][0] == (
            "Organizations at each commitment level, by initiative (UNDP only, count)")
    else:
        assert headings["priority_bubble"][0] == "Coût et avantage (quote\u2011part UNDP, $US)"
