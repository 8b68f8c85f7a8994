"""Links in the real browser: a query string Streamlit drops whole is named on the page,
and a notice quoting a hostile link value shows it as text (no link, no markup).

Hand-worked figures (tests/fixture_data.py): no filter, total cost $255; agency UNDP,
$110 (ERP 100 + SEC 10).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from dashboard.ui.header import DROPPED_LINK_ID, MAX_FIELDS
from tests.browser import helpers as h
from tests.browser.conftest import EARLIER_AS_OF

pytestmark = pytest.mark.browser

NOTICE = f"#{DROPPED_LINK_ID}"


def _query(fields: int) -> str:
    """agency=UNDP and then harmless unknown parameters, `fields` in all."""
    return "&".join(["agency=UNDP", *(f"x{i}=1" for i in range(fields - 1))])


def test_a_link_past_streamlits_limit_is_named_on_the_page(page, app_server):
    h.open_page(page, app_server.url("overview", _query(MAX_FIELDS + 1)))
    # Streamlit ignored every parameter: the unfiltered figures, and the page says why
    h.expect_metric(page, "Total cost", "$255")
    expect(page.locator(NOTICE)).to_be_visible()
    expect(page.locator(NOTICE)).to_contain_text("more than 1,000 parameters")
    h.assert_no_exception(page)


def test_a_link_within_the_limit_is_read_and_has_no_such_notice(page, app_server):
    h.open_page(page, app_server.url("overview", _query(MAX_FIELDS)))
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    expect(page.locator(NOTICE)).to_be_hidden()
    h.assert_no_exception(page)


def test_a_hostile_link_value_is_shown_as_text(page, app_server):
    value = "[click](http://evil.example) **bold** :smile: $x$ <img src=x onerror=alert(1)> `t` a@b.example"
    h.open_page(page, app_server.url("overview", "initiative=" + quote(value)))
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="URL parameter initiative")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(f"initiative={value!r} ignored")
    for tag in ("a", "strong", "img", "em", ".katex"):
        expect(notice.locator(tag)).to_have_count(0)
    h.expect_metric(page, "Total cost", "$255")
    h.assert_no_exception(page)


def test_a_copied_link_reproduces_the_page_and_its_snapshot(page, browser, app_server):
    """The address names the snapshot shown (the default included); a copy of it opened in
    another session shows the same figures, says the newest exists, and switches to it
    keeping the other filters. Browser fixture: earlier snapshot 2005-06-01 has ERP's UNDP
    staff cost 2005 at 80 (not 100): UNDP's own costs 80 + 10 = $90 there, $110 now."""
    h.open_page(page, app_server.url("overview", "agency=UNDP"))
    h.expect_metric(page, "Total cost (UNDP's share)", "$110")
    expect(page).to_have_url(re.compile(r"[?&]snapshot=2006-01-01(&|$)"))
    h.widget(page, "snapshot").locator('[role="combobox"], input').first.click()
    page.locator('[role="option"]').filter(has_text=EARLIER_AS_OF).first.click()
    h.expect_metric(page, "Total cost (UNDP's share)", "$90")
    expect(page).to_have_url(re.compile(rf"[?&]snapshot={EARLIER_AS_OF}(&|$)"))
    h.switch_page(page, "costs-benefits")  # a page switch keeps the snapshot in the address
    expect(page).to_have_url(re.compile(rf"/costs-benefits\?(.*&)?snapshot={EARLIER_AS_OF}(&|$)"))
    h.switch_page(page, "overview")
    h.expect_metric(page, "Total cost (UNDP's share)", "$90")
    copied = page.url
    assert "agency=UNDP" in copied

    other = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        h.open_page(other, copied)
        h.expect_metric(other, "Total cost (UNDP's share)", "$90")
        expect(other.get_by_text("A newer snapshot is published: as of 2006-01-01")).to_be_visible()
        expect(other).to_have_url(copied)
        other.get_by_role("button", name="Show the newest snapshot (as of 2006-01-01)").click()
        h.expect_metric(other, "Total cost (UNDP's share)", "$110")
        expect(other).to_have_url(re.compile(r"[?&]snapshot=2006-01-01(&|$)"))
        assert "agency=UNDP" in other.url
        expect(other.get_by_text("A newer snapshot is published")).to_have_count(0)
        h.assert_no_exception(other)
    finally:
        other.close()
