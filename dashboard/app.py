"""The Streamlit script: served by `streamlit run dashboard/server.py` (from the repository
root; the st.App of dashboard/server.py runs this script behind its guard), and the script
AppTest opens. `streamlit run dashboard/app.py` also serves it, without the guard (with
sign-in configured it then refuses to serve: dashboard/ui/signin.py, gate).

Sets the page config, draws the shared sidebar filters (dashboard/ui/sidebar.py; not on the
pages they do nothing on, `pages.has_filters`), registers the
pages of the registry (dashboard/pages.py) with st.navigation and runs the chosen one.
Pages read their context from `ui.current()`. With no published snapshot, a page
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
from dashboard import pages as registry  # noqa: E402
from dashboard.access import auth  # noqa: E402
from dashboard.lang.translate import _  # noqa: E402
from dashboard.ui import language, say, signin  # noqa: E402


def page_list(with_data: bool, signin: bool = False, role: str | None = None) -> list[st.Page]:
    """The pages of the registry (dashboard/pages.py); without data, "Load data" first.

    The default page is served at "/" and only reserves its own path, so it is registered
    under "home" and its own path ("/overview") opens it through a hidden entry.
    With sign-in configured (`signin`), the role pages follow: listed for a session with
    the role, hidden (reachable by address, where they say the role is needed) otherwise;
    the Load data page then replaces the no-data page."""
    pages = []
    for p in registry.PAGES:
        if not (with_data or not p.needs_data):
            continue
        if p.url_path == registry.DEFAULT:
            pages.append(st.Page(p.path, title=p.title, url_path="home", icon=p.icon,
                                 default=True))
            pages.append(st.Page(p.path, title=p.title, url_path=p.url_path, icon=p.icon,
                                 visibility="hidden"))
        else:
            pages.append(st.Page(p.path, title=p.title, url_path=p.url_path, icon=p.icon))
    if signin:
        for p in registry.ROLE_PAGES:
            allowed = auth.at_least(role, p.role or auth.VIEWER)
            first = not with_data and p is registry.LOAD_DATA
            page = st.Page(p.path, title=p.title, url_path=p.url_path, icon=p.icon,
                           visibility="visible" if allowed or first else "hidden",
                           default=first)
            if first:
                pages.insert(0, page)
            else:
                pages.append(page)
        return pages
    if not with_data:
        pages.insert(0, st.Page(no_data_page, title=registry.LOAD_DATA.title, url_path="load-data",
                                icon=":material/upload:", default=True))
    return pages


def no_data_page() -> None:
    say.title(_("No data loaded yet"))
    say.markdown(_(
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
    ))
    say.caption(_("Data directory: {directory}").format(directory=config.data_dir_label()))


def main() -> None:
    language.apply()  # first: this run's language (the page names below are in it)
    st.set_page_config(page_title=_("UN system ICT portfolio"), page_icon=":material/hub:",
                       layout="wide", initial_sidebar_state="auto")
    ui.accessible_code_blocks()
    role = signin.gate()  # sign-in required and nobody signed in: the sign-in page only
    db = ui.get_db()
    scan = db.scan(refresh=True)  # cheap: checksums are cached by file stat
    ui.skipped_warnings(scan)
    page = st.navigation(page_list(with_data=bool(scan.snapshots), signin=signin.configured(),
                                   role=role))
    ui.keep_filters_across_page_switch(page.url_path)
    signin.account_box()
    if registry.has_filters(page.url_path):  # not on Account, where they do nothing
        ui.sidebar_filters(db, scan)
    ui.dropped_link_notice()
    language.notice()
    page.run()


main()
