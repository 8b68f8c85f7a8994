"""What changed's "compare with" picker and the address's `compare=`, kept in step by hand.

Why not `bind="query-params"`: a bound picker writes the text it shows into the address,
and the picker shows each snapshot's date as a reader reads it ("1er septembre 2005" in
French: FR #10), while the address keeps the ISO date (`compare=2005-09-01`: the data
feed, the command line and every link made before read it so). The rules are those of
the sidebar's snapshot picker (dashboard/ui/snapshot_link.py) and of a binding:

- before the picker (`from_url`): the link's value wins when the address changed since
  this session last wrote it (a pasted link, the back and forward buttons); otherwise the
  session's choice stands, or the default. A value that is not a published snapshot is
  named by `params.url_notices` (the header shows it) and the default is used;
- after it (`to_url`): the address names the compared snapshot, and nothing at the
  default (as a bound picker leaves its default out of the address).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

KEY = "compare"  # the picker's key and the query parameter (as in params.ANALYSIS_KEYS)
_WRITTEN = "_compare_in_url"  # the value this session last wrote to the address


def _url_value() -> str | None:
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    return given[-1] if given else None  # Streamlit's rule: the last value counts


def from_url(options: Sequence[str], default: str) -> None:
    """Before the picker: the link's snapshot into the session when the address changed
    since this session last wrote it; a session value the picker cannot show becomes
    `default`."""
    url = _url_value()
    if url in options and url != st.session_state.get(_WRITTEN):
        st.session_state[KEY] = url
    elif st.session_state.get(KEY) not in options:
        st.session_state[KEY] = default


def to_url(chosen: str, default: str) -> None:
    """After the picker: the address names the compared snapshot (its ISO date), or
    nothing when it is the default."""
    if chosen == default:
        if KEY in st.query_params:
            del st.query_params[KEY]
        st.session_state[_WRITTEN] = None
        return
    if st.query_params.get_all(KEY) != [chosen]:
        st.query_params[KEY] = chosen
    st.session_state[_WRITTEN] = chosen
