"""The top of every page: title, provenance line (sample data flagged first), the URL
notices and the shared-costs notice; the skipped-snapshot warnings of the app."""

from __future__ import annotations

import streamlit as st

from dashboard import snapshots as snaps
from dashboard.schema import is_sample_source
from dashboard.ui.context import AppContext

SAMPLE_NOTE = "illustrative sample data — not official figures"


def provenance_text(snapshot: snaps.Snapshot) -> str:
    """One line: the sample-data warning first (where it applies), the date, the source."""
    parts = [f"Snapshot as of {snapshot.as_of}", f"source: {snapshot.source or 'not stated'}"]
    if is_sample_source(snapshot.source):
        parts.insert(0, f"**{SAMPLE_NOTE[0].upper()}{SAMPLE_NOTE[1:]}**")
        # the generator's source already says "not official figures": say it once
        parts[-1] = parts[-1].replace("; not official figures", "")
    return " · ".join(parts)


def sample_banner() -> None:
    """The illustrative-data notice, prominent (not a grey caption): every page of sample
    data shows it under its title."""
    st.warning(
        "**Illustrative sample data — not official figures.** These snapshots come from the "
        "project's own generator, to show what the dashboard does; no organization reported "
        "them.",
        icon=":material/science:",
    )


def provenance(snapshot: snaps.Snapshot) -> None:
    """The banner (sample data) and the provenance line."""
    if is_sample_source(snapshot.source):
        sample_banner()  # the banner says it: the line below gives the date and source
        st.caption(provenance_text(snapshot).split(" · ", 1)[1])
    else:
        st.caption(provenance_text(snapshot))


def page_header(title: str, app: AppContext, intro: str | None = None) -> None:
    """Title, provenance (the sample-data banner first), URL notices, shared-costs notice."""
    st.title(title)
    provenance(app.snapshot)
    if intro:
        st.markdown(intro)
    for n in app.notices:
        st.warning(n, icon=":material/link_off:")
    if app.filters.hides_shared_rows:
        st.info(
            "An organization filter is set: shared (system-wide) costs and benefits, which "
            "belong to no single organization, are left out of the figures below. "
            "Contributions are not filtered by organization.",
            icon=":material/filter_alt:",
        )


def skipped_warnings(scan: snaps.ScanResult) -> None:
    for s in scan.skipped:
        st.warning(f"Snapshot folder **{s.name}** skipped: {s.reason}", icon=":material/warning:")
