"""The briefing pack's pages (dashboard/output/briefing_sections.py), on the planned HTML of
the fixture and its earlier snapshot (tests/fixture_data.build_two: 2006-01-01 compared with
2005-07-01), no browser."""

from __future__ import annotations

import html
import re

import pytest

from dashboard.lang.translate import language
from dashboard.output import briefing, briefing_html
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("briefing-sections")
    fixture_data.build_two(d)
    return d


def _plan(data_dir, lang: str) -> briefing.Plan:
    db = Database(data_dir)
    try:
        with language(lang):
            scan = db.scan(refresh=True)
            snap = next(s for s in scan.snapshots if s.as_of == fixture_data.FIXTURE_AS_OF)
            ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap.as_of),
                                     compare_to=fixture_data.EARLIER_AS_OF)
            return briefing.build_html(ctx, snap, scan, generated_at="2026-12-01 17:58 UTC")
    finally:
        db.close()


def _headings(data_dir, lang: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", h))
            for h in re.findall(r"<h2[^>]*>(.*?)</h2>", _plan(data_dir, lang).html, flags=re.S)]


def test_a_chart_with_nothing_beside_it_takes_the_pages_width(data_dir):
    """R4 #14, FR #17: charts alone on their page used its left half, the right half blank;
    the ranking's table, beside its chart, wrapped each name on three or four lines and ran
    over onto a page of its own. Every chart with no table or words beside it is as wide as
    the page, and the ranking's table is on the page after its chart's, as wide."""
    plan = _plan(data_dir, "en")
    alone = 0
    for page in plan.html.split('<section class="page')[2:]:  # after the cover
        widths = re.findall(r'<figure class="block" style="width:(\d+)px">', page)
        if widths and '<div class="row">' not in page:  # nothing beside its chart
            alone += 1
            assert widths == [str(briefing_html.PAGE_W)], page[:200]
    assert alone >= 7
    ranking = next(page for page in plan.html.split('<section class="page')
                   if "<h2>Prioritization: the ranking (continued)</h2>" in page)
    assert f'<div class="table" style="width:{briefing_html.PAGE_W}px">' in ranking
    assert "<figure" not in ranking


def test_the_what_changed_page_names_its_snapshot_as_a_reader_reads_it(data_dir):
    # FR #10: "Évolution depuis le 2005-07-01" read badly as a title; the date formatter's
    # words (FR #11: the first of a month "1er"); English keeps the ISO date
    assert "What changed since 2005-07-01" in _headings(data_dir, "en")
    assert any(h.endswith("depuis le 1er\u00a0juillet\u00a02005") for h in _headings(data_dir, "fr"))


@pytest.mark.parametrize(("lang", "names"), [
    ("en", ["Overview", "Costs & benefits", "How sure are these figures",
            "Organization commitment", "Funding", "Prioritization", "What changed",
            "Data & methods"]),
    ("fr", ["Vue d'ensemble", "Coûts et avantages", "Fiabilité de ces chiffres",
            "Engagement des organismes", "Financement", "Priorités", "Ce qui a changé",
            "Données et méthodes"]),
])
def test_each_section_is_headed_by_the_name_the_contents_and_the_sidebar_give_it(
        data_dir, lang, names):
    """FR #4: the contents and the sidebar said « Priorités », « Ce qui a changé », « Données
    et méthodes »; the pages they led to were headed « Hiérarchisation : … », « Évolution
    depuis … », « Méthodes et provenance des données ». The contents' names are the page
    registry's titles (the sidebar's), and every printed page of a section is headed by
    its name."""
    plan = _plan(data_dir, lang)
    assert [name for name, _ in plan.toc] == names
    if lang == "fr":  # FR #12: the glossary's « initiatives prioritaires »
        assert "Priorités\u00a0: coût et avantage\u202f; huit premières et initiatives " \
            "prioritaires" in html.unescape(plan.html)
        assert "Ce qui a changé depuis le 1er\u00a0juillet\u00a02005" in html.unescape(plan.html)
    heads = [html.unescape(re.sub(r"<[^>]+>", "", h)).replace("\u00a0", " ") for h in
             re.findall(r"<h2[^>]*>(.*?)</h2>", plan.html, flags=re.S)[1:]]  # not "Contents"
    starts = [page for _, page in plan.toc] + [len(heads) + 2]
    for (name, page), end in zip(plan.toc, starts[1:], strict=True):
        for head in heads[page - 2:end - 2]:
            assert head == name or head.startswith((f"{name}:", f"{name} :", f"{name} (",
                                                    f"{name} since", f"{name} depuis")), \
                (name, head)


@pytest.mark.parametrize(("lang", "methods", "weights"), [
    ("en", "Data & methods", "priority weights low cost"),
    # (the text's spaces, no-break ones too, read as spaces)
    ("fr", "Données et méthodes", "pondérations : faible coût"),
])
def test_the_headline_note_names_the_methods_section_as_the_contents_do(data_dir, lang,
                                                                          methods, weights):
    """FR3 #12: the headline page's note pointed to « les pages consacrées aux méthodes »
    where the contents name the section « Données et méthodes »; the cover said
    « pondérations des priorités » (not the glossary's term; the app says « Pondérations »)."""
    plan = _plan(data_dir, lang)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", plan.html)).split())
    assert plan.toc[-1][0] == methods  # the contents' name of the section
    said = r"(definitions of every figure are|définitions de tous les chiffres figurent)"
    assert re.search(rf"{said} [^.]*{re.escape(methods)}", text), lang
    assert "methods pages" not in text and "pages consacrées aux méthodes" not in text
    assert weights in text and "pondérations des priorités" not in text


def test_the_frontier_without_a_budget_takes_the_pages_width(data_dir):
    """FR3 #16: with no budget, the words beside the frontier were one sentence, the chart
    in the left half of the page and the rest blank. Nothing but that sentence beside it:
    the sentence above the chart, the chart as wide as the page."""
    plan = _plan(data_dir, "en")
    page = next(pg for pg in plan.html.split('<section class="page')
                if "<h2>Prioritization: budget</h2>" in pg)
    assert re.findall(r'<figure class="block" style="width:(\d+)px">', page) == [
        str(briefing_html.PAGE_W)]
    assert '<div class="row">' not in page and '<div class="words"' not in page
    said = page.index("No budget was given")
    assert said < page.index("<figure")  # under the heading, above the chart


def test_the_packs_ranking_page_explains_the_score_as_the_app_does(data_dir):
    """R6b #9: the pack's ranking page carried only "Weights used…": nothing said what a
    "· not rated" bar means or why an initiative with no benefit ranks high. It prints the
    app's caption: what the bars are and the sentences on scaling (one definition,
    figures_analytics.ranking_note)."""
    from dashboard import registry
    from dashboard.charts import figures_analytics as fa

    plan = _plan(data_dir, "en")
    # the chart's page, and the table's after it (the sentences there: under the chart
    # they ran over its page)
    page = "".join(page for page in plan.html.split('<section class="page')
                   if "<h2>Prioritization: the ranking" in page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Each bar is an initiative's score; its three parts are the weighted factors." in text
    assert "Each factor is scaled between the lowest and the highest of the initiatives shown" \
        in text
    db = Database(data_dir)
    try:
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
        df = registry.PRIORITY_RANKING.dataset(ctx)
        note, app_note = fa.ranking_note(df, app=False).strip(), fa.ranking_note(df)
    finally:
        db.close()
    assert note and " ".join(note.split()) in " ".join(text.split())
    # the app's pointer to its "View data as a table" switch is not printed: a pack has none
    assert "View data as a table" in app_note and "View data as a table" not in text
