"""The one path from a page to Streamlit Markdown: every text element a page shows
(markdown, caption, notices, headings, tiles) goes through here, and every bare `$` in
it is escaped (dashboard/output/usertext.dollars), so a sentence with two amounts
("Budget entered: **$50.0M** (US$ 50,000,000)") is never drawn as a LaTeX span.

Pages call `say.markdown(...)` where they would call `st.markdown(...)`; the arguments
are Streamlit's. User text still goes through `usertext.md` first (it escapes all markup).
"""

from __future__ import annotations

import streamlit as st

from dashboard.output.usertext import dollars


def _text(fn):
    def show(body, *args, **kwargs):
        if "help" in kwargs and kwargs["help"] is not None:
            kwargs["help"] = dollars(kwargs["help"])
        return fn(dollars(body), *args, **kwargs)
    show.__name__ = fn.__name__
    show.__doc__ = f"`st.{fn.__name__}` with every bare `$` escaped."
    return show


markdown = _text(st.markdown)
caption = _text(st.caption)
info = _text(st.info)
warning = _text(st.warning)
error = _text(st.error)
success = _text(st.success)
title = _text(st.title)
header = _text(st.header)
subheader = _text(st.subheader)


def metric(container, label, value, **kwargs):
    """`container.metric` (a column or `st`) with its label and help escaped."""
    if kwargs.get("help") is not None:
        kwargs["help"] = dollars(kwargs["help"])
    return container.metric(dollars(label), value, **kwargs)
