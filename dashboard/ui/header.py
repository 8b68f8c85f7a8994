"""The top of every page: title, provenance line (sample data flagged first), the URL
notices and the shared-costs notice; the skipped-snapshot warnings of the app."""

from __future__ import annotations

import streamlit as st

from dashboard import snapshots as snaps
from dashboard.schema import is_sample_source
from dashboard.ui.context import AppContext
from dashboard.usertext import md

SAMPLE_NOTE = "illustrative sample data — not official figures"


def provenance_text(snapshot: snaps.Snapshot) -> str:
    """One line of Markdown: the sample-data warning first (where it applies), the date,
    the source (text from the manifest: shown literally)."""
    source = snapshot.source or ""
    if is_sample_source(source):
        # the generator's source already says "not official figures": say it once
        source = source.replace("; not official figures", "")
    parts = [f"Snapshot as of {snapshot.as_of}", f"source: {md(source) if source else 'not stated'}"]
    if is_sample_source(snapshot.source):
        parts.insert(0, f"**{SAMPLE_NOTE[0].upper()}{SAMPLE_NOTE[1:]}**")
    return " · ".join(parts)


def page_header(title: str, app: AppContext, intro: str | None = None) -> None:
    """Title, provenance line, URL notices and the shared-costs notice."""
    st.title(title)
    st.caption(provenance_text(app.snapshot))
    if intro:
        st.markdown(intro)
    for n in app.notices:  # they quote the link's values: shown literally
        st.warning(md(n), icon=":material/link_off:")
    if app.filters.hides_shared_rows:
        st.info(
            "An organization filter is set: shared (system-wide) costs and benefits, which "
            "belong to no single organization, are left out of the figures below. "
            "Contributions are not filtered by organization.",
            icon=":material/filter_alt:",
        )


def skipped_warnings(scan: snaps.ScanResult) -> None:
    for s in scan.skipped:
        st.warning(f"Snapshot folder **{md(s.name)}** skipped: {md(s.reason)}",
                   icon=":material/warning:")
