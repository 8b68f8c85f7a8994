"""Opening the app in Streamlit's AppTest, shared by every AppTest module: the script, its
pages by address, a fresh app over a data directory, and what a test reads of a run."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import pages as registry
from dashboard.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "app.py")
PAGES = {p.url_path: p.app_test_path for p in registry.PAGES}  # every page of the app


def open_app(data_dir, monkeypatch) -> AppTest:
    """The app over `data_dir`, with Streamlit's caches emptied (no figure of another test)."""
    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=60)


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
