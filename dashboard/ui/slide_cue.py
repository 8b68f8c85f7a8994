"""The line under a table wider than a phone (dashboard/output/table_cue.py), shown only
on a screen narrower than the table needs: a CSS media query on its keyed container,
as the scope banner's two forms (ui/scope_banner.py), so nothing is guessed on the server."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dashboard.output import table_cue


def style(key: str, whole_from: int) -> str:
    """Hides the container keyed `key` in a window of `whole_from` px or wider."""
    return (
        f"<style>@media (min-width: {whole_from}px) {{ .st-key-{key} "
        f"{{ display: none; }} }}</style>"
    )


def under(widths: Mapping[str, int], frame: int, key: str, rows: int = 0) -> None:
    """The cue under the table keyed `key` (its columns' px, in a frame of `frame` px), if
    it is wider than a phone; and, for a table of `rows` rows too long to show whole, the
    line saying how many it holds (table_cue.rows_cue), at every width."""
    if line := table_cue.rows_cue(rows):
        st.caption(line)
    if cue := table_cue.scroll_cue(widths):
        st.html(style(f"{key}_cue", table_cue.narrowest_whole(widths, frame)))
        with st.container(key=f"{key}_cue"):
            st.caption(cue)
