"""The Streamlit entry point: `streamlit run dashboard/app.py` (from the repository root).

Sets the page config, draws the shared sidebar filters (dashboard/ui/sidebar.py), registers the
pages with st.navigation and runs the chosen one. Pages read their context from
`ui.current()`. The analytics pages (prioritization, what changed) are registered only
when their files exist, so the app runs either way. With no published snapshot, a page
explains how to load data.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent
if str(_REPO_ROOT) not in sys.path:  # path guard: `streamlit run dashboard/app.py` works
    sys.path.insert(0, str(_REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard import config, ui  # noqa: E402

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

# (file, title, url_path, icon); optional pages are added when their file exists
PAGES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("overview.py", "Overview", "overview", ":material/dashboard:", True),
    ("costs_benefits.py", "Costs & benefits", "costs-benefits", ":material/payments:", True),
    ("agency_commitment.py", "Agency commitment", "agency-commitment", ":material/handshake:", True),
    ("funding.py", "Funding", "funding", ":material/savings:", True),
    ("initiative_detail.py", "Initiative detail", "initiative", ":material/search:", True),
    ("prioritization.py", "Prioritization", "prioritization", ":material/leaderboard:", False),
    ("what_changed.py", "What changed", "what-changed", ":material/compare_arrows:", False),
    ("data_methods.py", "Data & methods", "data-methods", ":material/menu_book:", True),
)


def page_list(with_data: bool) -> list[st.Page]:
    pages = []
    for file, title, url_path, icon, _required in PAGES:
        path = PAGES_DIR / file
        if not path.is_file():
            continue
        if not with_data and url_path != "data-methods":
            continue
        if url_path == "overview":
            # The default page is served at "/" (its own path only reserved), so a link to
            # /overview opens the same page through a hidden entry.
            pages.append(st.Page(path, title=title, url_path="home", icon=icon, default=True))
            pages.append(st.Page(path, title=title, url_path=url_path, icon=icon,
                                 visibility="hidden"))
            continue
        pages.append(st.Page(path, title=title, url_path=url_path, icon=icon))
    if not with_data:
        pages.insert(0, st.Page(no_data_page, title="Load data", url_path="load-data",
                                icon=":material/upload:", default=True))
    return pages


def no_data_page() -> None:
    st.title("No data loaded yet")
    st.markdown(
        """
The dashboard shows published snapshots found in the data directory, and there is none
(or none whose files match its manifest). To load one:

1. Get the Excel template: `.venv/bin/python -m dashboard template --out template.xlsx`,
   fill in the six sheets (or prepare a folder of CSV or Parquet files, one per table).
2. Validate and publish it:
   `.venv/bin/python -m dashboard ingest template.xlsx --as-of 2005-09-01 --source-note "who sent it"`
3. Reload this page.

To try the dashboard on the illustrative sample data instead:
`.venv/bin/python -m dashboard generate --out data`.

The step-by-step guide is **docs/loading-data.md**; the tables and their rules are in
**data/README.md**.
"""
    )
    st.caption(f"Data directory: {config.data_dir()}")


def main() -> None:
    st.set_page_config(page_title="UN system ICT portfolio", page_icon=":material/hub:",
                       layout="wide", initial_sidebar_state="auto")
    db = ui.get_db()
    scan = db.scan(refresh=True)  # cheap: checksums are cached by file stat
    ui.skipped_warnings(scan)
    page = st.navigation(page_list(with_data=bool(scan.snapshots)))
    ui.keep_filters_across_page_switch(page.url_path)
    ui.sidebar_filters(db, scan)
    page.run()


main()
