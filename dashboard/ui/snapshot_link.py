"""Links that hold: the address always names the snapshot shown (`snapshot=`), and a
page of an older snapshot says that a newer one exists, with one click to it.

Why the sidebar's snapshot picker is not bound to the URL by Streamlit (`bind=
"query-params"`) like the other filters: Streamlit leaves a bound widget's default out of
the address, and the picker's default is the newest snapshot, so a copied link named no
snapshot and showed other figures after the next publish. Here the picker and the
address are kept in step by hand, with the same rules as a binding:

- before the picker exists (`from_url`): the link's value wins when the address changed
  since this session last wrote it (a pasted link, the browser's back and forward
  buttons); otherwise the session's choice stands. A value that is not a published
  snapshot is named by `params.url_notices` (the header shows it) and the newest is shown;
- after it (`to_url`): the address is made to name the snapshot shown.

The data feed (dashboard/feed) takes the same parameter name, `snapshot`.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.lang.lazy import N_
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _
from dashboard.ui import say

KEY = "snapshot"  # the picker's key and the query parameter (as in params.FILTER_KEYS)
_WRITTEN = "_snapshot_in_url"  # the value this session last wrote to the address

NEWER_NOTICE = N_("This page shows the snapshot as of **{shown}**. A newer snapshot is "
                  "published: as of **{newest}**.")
TO_NEWEST = N_("Show the newest snapshot (as of {newest})")
TO_NEWEST_HELP = N_("Keeps every other filter and option; the address changes to name it.")


def _url_value() -> str | None:
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    return given[-1] if given else None  # Streamlit's rule: the last value counts


def from_url(dates: Sequence[str]) -> None:
    """Before the picker: put the link's snapshot into the session when the address
    changed since this session last wrote it; a session value that is not published
    becomes the newest."""
    url = _url_value()
    if url in dates and url != st.session_state.get(_WRITTEN):
        st.session_state[KEY] = url
    elif st.session_state.get(KEY) not in dates:
        st.session_state[KEY] = dates[0]


def to_url(as_of: str) -> None:
    """After the picker: the address names the snapshot shown (once: no message when it
    already does)."""
    if st.query_params.get_all(KEY) != [as_of]:
        st.query_params[KEY] = as_of
    st.session_state[_WRITTEN] = as_of


def _show_newest(newest: str) -> None:
    st.session_state[KEY] = newest


def newer_notice(shown: str, dates: Sequence[str]) -> None:
    """On a page of an older snapshot: say which is newer (its as-of date) and offer one
    click to it. Nothing when the newest is shown."""
    if not dates or shown == dates[0]:
        return
    newest = dates[0]
    say.info(_(NEWER_NOTICE).format(shown=format_date(shown), newest=format_date(newest)),
             icon=":material/history:")
    st.button(_(TO_NEWEST).format(newest=format_date(newest)), key="to_newest_snapshot",
              on_click=_show_newest, args=(newest,), help=_(TO_NEWEST_HELP),
              icon=":material/update:")
