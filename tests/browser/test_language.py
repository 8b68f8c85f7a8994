"""The reader's language in the real browser (dashboard/ui/language.py): the browser's
language by default, the sidebar's switch keeping every filter, `lang=` in the address
through a page switch, and a copied link opening in its language in another browser.

Hand-worked figures (tests/fixture_data.py): no filter, total cost 255; agency UNDP, 110
(ERP 100 + SEC 10). In French, CLDR's "255 $US" (a no-break space before "$US").
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import helpers as h

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def _browser_in(browser, locale: str):
    """A new browser whose language is `locale` (navigator.language: st.context.locale)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    return context, context.new_page()


FR_UNDP_COST = "Coût total (quote\u2011part UNDP)"  # the tile under the filter, in French
# (its hyphen a non-breaking one, U+2011: dashboard/lang/typography.py)


def test_a_french_browser_gets_french_and_the_address_says_so(browser, app_server):
    context, page = _browser_in(browser, "fr-FR")
    try:
        h.open_page(page, app_server.url("overview"))
        h.expect_metric(page, "Coût total", f"255{NBSP}$US")  # the tile in French too
        expect(page).to_have_url(re.compile(r"[?&]lang=fr(&|$)"))
        expect(h.nav_link(page, "funding")).to_have_accessible_name("Financement")
        h.assert_no_exception(page)
    finally:
        context.close()


def test_the_switch_keeps_the_filters_a_page_switch_and_a_copied_link_keep_it(
        page, browser, app_server):
    h.open_page(page, app_server.url("overview", "agency=UNDP"))
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
    h.widget(page, "lang").get_by_text("Français").click()
    h.expect_metric(page, FR_UNDP_COST, f"110{NBSP}$US")  # the filter kept
    expect(page).to_have_url(re.compile(r"[?&]lang=fr(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]agency=UNDP(&|$)"))
    expect(h.nav_link(page, "funding")).to_have_accessible_name("Financement")

    h.switch_page(page, "funding")  # a page switch keeps the language, in the address too
    expect(page).to_have_url(re.compile(r"/funding\?(.*&)?lang=fr(&|$)"))
    expect(h.widget(page, "lang").locator("input[type=radio]").nth(1)).to_be_checked()
    h.switch_page(page, "overview")
    h.expect_metric(page, FR_UNDP_COST, f"110{NBSP}$US")
    copied = page.url

    context, other = _browser_in(browser, "en-US")  # an English browser
    try:
        h.open_page(other, copied)
        h.expect_metric(other, FR_UNDP_COST, f"110{NBSP}$US")
        expect(h.nav_link(other, "funding")).to_have_accessible_name("Financement")
        h.assert_no_exception(other)
    finally:
        context.close()
    h.assert_no_exception(page)
