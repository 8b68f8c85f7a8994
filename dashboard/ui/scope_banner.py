"""The filters' notices under a page's title (the organization filter's, the other
filters'), shown whole on a desktop and as one short line on a phone that opens to the
whole text: on a 390 px screen under one organization the notices took about six lines
each and pushed the first tile below the first screen (review round 3, #24).

Both forms are on the page; the width decides which one shows (a CSS media query on
their keyed containers, at Streamlit's own phone width), so nothing is guessed on the
server and no text is lost: the short line is an expander holding the same words.
"""

from __future__ import annotations

import streamlit as st

from dashboard.ui import say

PHONE_MAX_PX = 640  # Streamlit's own small-screen width (its columns stack below it)


def _style(key: str) -> str:
    return (f"<style>@media (max-width: {PHONE_MAX_PX}px) {{ .st-key-{key}_wide "
            f"{{ display: none; }} }} @media (min-width: {PHONE_MAX_PX + 1}px) "
            f"{{ .st-key-{key}_narrow {{ display: none; }} }}</style>")


def notice(text_md: str, short_md: str, key: str, icon: str) -> None:
    """An info notice `text_md` (Markdown, escaped by the caller); on a phone, the one line
    `short_md` instead, which opens to the whole notice."""
    st.html(_style(key))
    with st.container(key=f"{key}_wide"):
        say.info(text_md, icon=icon)
    with st.container(key=f"{key}_narrow"), st.expander(short_md, icon=icon,
                                                        key=f"{key}_open"):
        say.markdown(text_md)
