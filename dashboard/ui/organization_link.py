"""The Organization filter: names in the sidebar, codes in the URL.

The filter offers each organization as its code and name ("UNDP — United Nations
Development Programme", `labels.agency_choice`), while the address keeps the codes
(`agency=UNDP&agency=WFP`), so links made before still hold and a link stays short.

Why it is not bound to the URL by Streamlit (`bind="query-params"`) like the other
filters: a bound multiselect writes its options' labels into the address, the names with
a `format_func`. So the filter and the address are kept in step by hand, with the rules of
dashboard/ui/snapshot_link.py:

- before the filter exists (`from_url`): the link's codes win when the address changed
  since this session last wrote it (a pasted link, the browser's back and forward
  buttons); otherwise the session's choice stands (Reset, Undo, a chart's click, a page
  switch: dashboard/ui/sidebar.py). A code the snapshot does not have is left out and
  named by `params.url_notices` (the page header shows it);
- after it (`to_url`): the address holds the chosen codes, and no `agency` when none is
  chosen (as a bound filter leaves its default out).

A chosen organization's chip shows its code and whole name, wrapped on two lines in the
narrow sidebar rather than cut ("UNDP — United Nat…", round 5 #16): the dropdown keeps
the names a reader picks by, so the chip is not shortened to the code.

The Category filter is kept so too (`key="category"`): it shows the framework's labels in
the reader's language (`labels.code_label`), while `category=` keeps the machine values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from dashboard.contract.labels import agency_choice
from dashboard.lang.translate import _
from dashboard.query.filters import ORGANIZATION

KEY = ORGANIZATION.key  # the filter's key and the query parameter ("agency")
# the chosen ones' chips (Streamlit's tags, `data-tag`, one line cut with "…") wrap whole
CHIP_STYLE = (f"<style>.st-key-{KEY} [data-tag], .st-key-{KEY} [data-tag] > span "
              "{ white-space: normal; height: auto; overflow-wrap: anywhere; } "
              f".st-key-{KEY} [data-tag] {{ padding-top: 2px; padding-bottom: 2px; }}</style>")


def _written(key: str) -> str:
    return f"_{key}_in_url"  # the codes this session last wrote to the address


def _url_codes(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v != ""]


def from_url(allowed: Sequence[str], key: str = KEY) -> None:
    """Before the filter: put the link's codes (those of this snapshot, once each) into the
    session when the address changed since this session last wrote it."""
    url = _url_codes(key)
    if url and url != st.session_state.get(_written(key)):
        st.session_state[key] = [c for c in dict.fromkeys(url) if c in allowed]


def to_url(chosen: Sequence[str], key: str = KEY) -> None:
    """After the filter: the address holds the chosen codes (once: no message when it
    already does)."""
    codes = list(chosen)
    if st.query_params.get_all(key) != codes:
        if codes:
            st.query_params[key] = codes
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_written(key)] = codes


def option_label(names: Mapping[str, str]) -> Callable[[str], str]:
    """The filter's `format_func`: a code as the reader reads it, with its name."""
    return lambda code: agency_choice(code, names.get(code))


def organization_filter(sb, allowed: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The sidebar's Organization filter (`sb`: the sidebar), kept in step with the
    address: the chosen codes."""
    from_url(allowed)  # names shown, codes in the URL (not bound: a bound filter writes
    sb.html(CHIP_STYLE)  # its labels into the URL)
    chosen = sb.multiselect(
        _(ORGANIZATION.label),
        allowed,
        key=KEY,
        format_func=option_label(names),
        placeholder=_("All organizations"),
        help=_(ORGANIZATION.help),
    )
    to_url(chosen)
    return chosen
