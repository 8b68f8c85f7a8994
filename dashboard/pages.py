"""The page registry: every page of the app, once. Read by the app (dashboard/app.py,
st.navigation), the benchmark (bench/pages.py) and the tests.

No Streamlit here: plain data. The order is the navigation's; `DEFAULT` is the page served
at "/". With no published snapshot, only the pages with `needs_data=False` are offered
(beside the app's "Load data" page).

`ROLE_PAGES` are the pages for a role (`role`: the least one, dashboard/access/auth.py): offered
only when sign-in is configured, listed in the navigation for a session with the role and
reachable by address (showing that the role is needed) for the others. They are not in
`PAGES`, the dashboard's pages that every visitor sees (and the benchmark times).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from dashboard.access import auth
from dashboard.lang.lazy import N_, Worded

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"


@dataclass(frozen=True)
class Page(Worded):
    """A page; its `title` (the navigation's name) is read in the reader's language
    (dashboard/lang/lazy.py); its file and url_path are machine names."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"title"})

    file: str  # in dashboard/app_pages/
    title: str
    url_path: str
    icon: str
    needs_data: bool = True
    role: str | None = None  # the least role that uses the page (ROLE_PAGES)
    filters: bool = True  # the sidebar's filters apply to it (drawn only where they do)

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file

    @property
    def app_test_path(self) -> str:
        """The path AppTest.switch_page takes (relative to dashboard/app.py)."""
        return f"app_pages/{self.file}"


PAGES: tuple[Page, ...] = (
    Page("overview.py", N_("Overview"), "overview", ":material/dashboard:"),
    Page("costs_benefits.py", N_("Costs & benefits"), "costs-benefits", ":material/payments:"),
    Page("agency_commitment.py", N_("Organization commitment"), "agency-commitment",
         ":material/handshake:"),
    Page("funding.py", N_("Funding"), "funding", ":material/savings:"),
    Page("initiative_detail.py", N_("Initiative detail"), "initiative", ":material/search:"),
    Page("prioritization.py", N_("Prioritization"), "prioritization", ":material/leaderboard:"),
    Page("what_changed.py", N_("What changed"), "what-changed", ":material/compare_arrows:"),
    Page("data_methods.py", N_("Data & methods"), "data-methods", ":material/menu_book:",
         needs_data=False),
)
LOAD_DATA = Page("load_data.py", N_("Load data"), "load-data", ":material/upload:",
                 needs_data=False, role=auth.ANALYST)
# a signed-in user's tokens for the data feed (docs/data-feed.md)
ACCOUNT = Page("account.py", N_("Account"), "account", ":material/key:", needs_data=False,
               role=auth.VIEWER, filters=False)
ROLE_PAGES: tuple[Page, ...] = (LOAD_DATA, ACCOUNT)
DEFAULT = "overview"
BY_URL: dict[str, Page] = {p.url_path: p for p in PAGES}


def has_filters(url_path: str) -> bool:
    """Whether the page at `url_path` shows the sidebar's filters: every page but those
    they do nothing on (Account); the app's own pages (no data: "Load data") too."""
    page = next((p for p in (*PAGES, *ROLE_PAGES) if p.url_path == url_path), None)
    return page is None or page.filters
