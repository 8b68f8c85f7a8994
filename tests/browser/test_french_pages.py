"""No English UI text on any page in French (issue 26), in Chromium over the test fixture:
every page a visitor sees is opened with `lang=en`, then with `lang=fr`; the words of its
English rendering that are in no French translation of the catalogue and in no data name
are its English UI words (tests/browser/english_left.py), and no line of its French
rendering (the main area, the sidebar and the charts' SVG text) may hold one. A failure
names each English word and the line it sits in.

The pages reachable only when signed in (Load data, Account: dashboard/pages.py
ROLE_PAGES) are checked the same way on a server of their own with sign-in configured
(conftest.serving_signed_in), signed in once as an analyst through the test OpenID Connect
provider (helpers.sign_in): one browser context for both pages. The signed-in user's own
name and address (shown in the sidebar) are data, as the data names are.

One browser context for every page, each page's two renderings one after the other. The
check itself is shown to pass on a French page and to fail on English left in one
(`test_the_check_...`, a page written here). What it cannot see: a chart's hover text (drawn
only under the pointer), a dataframe's cells (drawn on a canvas), a closed expander's or
another tab's content, a widget's tooltip.
"""

from __future__ import annotations

import pytest

from dashboard import pages as registry
from tests.browser import english_left as el
from tests.browser import helpers as h
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    USERS,
    serving_signed_in,
    signed_in_base,
)

pytestmark = pytest.mark.browser

def _watched_page(browser):
    """A new context's page at the desktop width, its uncaught errors kept in `page.errors`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(RENDER_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors  # type: ignore[attr-defined]
    return context, page


@pytest.fixture(scope="module")
def reader(browser):
    """One page of one browser context, for every page in both languages."""
    context, page = _watched_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def allowed(app_server) -> set[str]:
    """The catalogue's French words, the data names of the snapshots served, the
    languages' own names and the contract's table names."""
    return (el.french_words() | el.data_names(app_server.data_dir) | el.language_names()
            | el.contract_names())


def _rendered(page, url: str) -> dict[str, str]:
    """The page at `url` once drawn: its run over, its title shown, every chart drawn."""
    h.open_page(page, url)
    page.wait_for_function(h.PAGE_DONE, arg={"is": None, "isNot": None})
    page.wait_for_function(h.CHARTS_DRAWN)
    h.assert_no_exception(page)
    return page.evaluate(el.READ_TEXT)


def _check(page, url, allowed: set[str], path: str) -> None:
    """The page at `url(path, query)` in English, then in French: no line of the French
    holds an English UI word of the English."""
    english = _rendered(page, url(path, "lang=en"))
    english_ui = el.english_words(english, allowed)
    assert english_ui, f"{path}: no English UI word found on the English page: nothing read"
    french = _rendered(page, url(path, "lang=fr"))
    left = el.left_in(french, english_ui)
    assert not left, (f"{path}: {len(left)} line(s) of the French page hold English UI "
                      "words:\n" + "\n".join(left))
    assert not page.errors, f"{path}: uncaught errors in the page: {page.errors}"


@pytest.mark.parametrize("path", [p.url_path for p in registry.PAGES])
def test_no_english_ui_text_on_the_page_in_french(reader, app_server, allowed, path):
    _check(reader, app_server.url, allowed, path)


ANALYST = next(u for u in USERS if u["sub"] == "ana")


@pytest.fixture(scope="module")
def signin_server(provider, tmp_path_factory):
    yield from serving_signed_in(provider, tmp_path_factory.mktemp("signin-fr"),
                                 "streamlit-signin-fr.log")


@pytest.fixture(scope="module")
def analyst(browser, provider, signin_server):
    """One page of one browser context, signed in as the analyst, for both role pages in
    both languages."""
    context, page = _watched_page(browser)
    base = signed_in_base(signin_server)
    h.open_page(page, base)  # sign-in is required: the sign-in page
    h.sign_in(page, provider, base, ANALYST["sub"])
    yield page
    context.close()


@pytest.mark.parametrize("path", [p.url_path for p in registry.ROLE_PAGES])
def test_no_english_ui_text_on_the_signed_in_page_in_french(analyst, signin_server, path):
    base = signed_in_base(signin_server)
    who = el.words(f'{ANALYST["claims"]["name"]} {ANALYST["claims"]["email"]}')
    allowed = (el.french_words() | el.data_names(signin_server.data_dir)
               | el.language_names() | el.contract_names() | who)
    _check(analyst, lambda p, q: f"{base}/{p}?{q}", allowed, path)


# a page shaped as the app's (its main area, its sidebar with an icon, a chart's SVG), in
# two languages, its inline code (a command) the same in both
PAGE = """<div data-testid="stSidebar"><p>{side}</p>
<span style="font-family: 'Material Symbols Rounded'">keyboard_arrow_right</span></div>
<div data-testid="stMain"><h1>{title}</h1><p>{text} <code>python -m dashboard ingest</code></p>
<div data-testid="stPlotlyChart"><svg class="main-svg"><text>{axis}</text>
<text><tspan class="line">Norway</tspan><tspan class="line">{axis}</tspan></text></svg></div>
</div>"""
ENGLISH = {"side": "Organization Norway", "title": "Total cost by initiative",
           "text": "Enterprise resource planning systems has no funding target",
           "axis": "Fiscal year"}
FRENCH = {"side": "Organisme Norway", "title": "Coût total par initiative",
          "text": "Enterprise resource planning systems n’a pas d’objectif de financement",
          "axis": "Exercice budgétaire"}


def test_the_check_passes_on_a_french_page_and_names_english_left(page):
    # the catalogue here: the French page's own words ("total" and "initiative" in both
    # languages); "Norway" and "Enterprise resource planning systems" are data names (a
    # donor, an initiative)
    allowed = el.words(" ".join(FRENCH.values())) | {"norway", "enterprise", "resource",
                                                     "planning", "systems"}
    page.set_content(PAGE.format(**ENGLISH))
    english_ui = el.english_words(page.evaluate(el.READ_TEXT), allowed)
    assert english_ui == {"organization", "cost", "has", "funding", "target", "fiscal",
                          "year"}

    page.set_content(PAGE.format(**FRENCH))
    assert el.left_in(page.evaluate(el.READ_TEXT), english_ui) == []

    page.set_content(PAGE.format(**{**FRENCH, "axis": "Fiscal year"}))
    left = el.left_in(page.evaluate(el.READ_TEXT), english_ui)
    assert [line.split(": ", 1)[1] for line in left] == ["fiscal, year: Fiscal year"]


def test_the_catalogue_s_placeholders_code_and_names_are_no_french_words(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text('''msgid "Each dollar brings {per_dollar}"
msgstr "Chaque dollar rapporte {per_dollar}"

msgid "Set ICT_DASHBOARD_MAX_UPLOAD_MB, then run `python -m dashboard ingest`"
msgstr "Fixez ICT_DASHBOARD_MAX_UPLOAD_MB, puis lancez `python -m dashboard ingest`"
''', encoding="utf-8")
    assert el.french_words(po) == {"chaque", "dollar", "rapporte", "fixez", "puis", "lancez"}
