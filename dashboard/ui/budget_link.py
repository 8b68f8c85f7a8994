"""Prioritization's budget, typed with the reader's grouping and kept in the URL as plain
digits (R4 #12, FR #27).

Streamlit's number box writes its value with a printf format in the browser (sprintf.js):
no grouping, a decimal point in every language ("50000000"). So the budget is a text box
(widget key `budget`, as before) read by the one number reader, `numbers.parse_number`:
"50,000,000", "50000000" and "$50,000,000" in English; « 50 000 000 » in French. Once
read, the box shows the amount as `numbers.number` writes it in the reader's language
("50,000,000" / « 50 000 000 »), also after a change of language. A text that is no
amount is named in a message, and no budget is used.

The address keeps `budget=` as it always was, plain digits ("budget=50000000"), so links
made before hold and a link reads the same in both languages; the data feed and the
command line take the same. Box and address are kept in step by hand, with the rules of
dashboard/ui/snapshot_link.py: the link's value wins when the address changed since this
session last wrote it (or the box was not drawn on the last run: another page); after the
box the address holds its amount, or no `budget=` when the box is empty.
"""

from __future__ import annotations

import streamlit as st

from dashboard.lang.lazy import N_
from dashboard.lang.numbers import number, parse_number
from dashboard.lang.translate import _, current
from dashboard.output.usertext import md
from dashboard.query.params import check_budget, value_or_default
from dashboard.ui import say

KEY = "budget"  # the box's key and the query parameter (params.ANALYSIS_KEYS)
_WRITTEN = "_budget_in_url"  # the value this session last wrote to the address
_LANG = "_budget_lang"  # the language the box's text was last written in

NOT_AN_AMOUNT = N_("“{text}” is not an amount. Type the budget in US dollars, in digits, "
                   "grouped or not: {example}.")


def box_text(amount: float, lang: str | None = None) -> str:
    """The amount as the box shows it: grouped, cents only when it has some."""
    return number(amount, 0 if amount == int(amount) else 2, lang)


def url_text(amount: float) -> str:
    """The amount as the address holds it: plain digits ("50000000", "70.5")."""
    return f"{amount:.2f}".rstrip("0").rstrip(".")


def read_box(text: object, lang: str | None = None) -> float | None:
    """The budget a box's text holds: None when empty or no amount."""
    if not isinstance(text, str) or not text.strip():
        return None
    return parse_number(text, lang)


def session_budget() -> object:
    """For the analysis options (dashboard/ui/context.py): the box's amount when the box is
    held (None: empty or no amount), else the URL's text ('' when none)."""
    if KEY in st.session_state:
        return read_box(st.session_state[KEY], st.session_state.get(_LANG))
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    return given[-1] if given else None


def _from_url() -> None:
    """Before the box: the link's amount, when the address changed since this session last
    wrote it or the box was not drawn on the last run; else the box's amount rewritten in
    the language of this run."""
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    url = given[-1] if given else None
    from_link = value_or_default(check_budget, url, None)
    if from_link is not None and (url != st.session_state.get(_WRITTEN)
                                  or KEY not in st.session_state):
        st.session_state[KEY] = box_text(float(from_link))
    elif KEY in st.session_state and st.session_state.get(_LANG) not in (None, current()):
        kept = read_box(st.session_state[KEY], st.session_state[_LANG])
        if kept is not None:
            st.session_state[KEY] = box_text(kept)
    st.session_state[_LANG] = current()


def _tidy() -> None:
    """On a change: the typed amount rewritten with the grouping of the language the box
    was drawn in (a callback runs before the page sets this run's language)."""
    lang = st.session_state.get(_LANG)
    amount = read_box(st.session_state.get(KEY), lang)
    if amount is not None:
        st.session_state[KEY] = box_text(amount, lang)


def _to_url(amount: float | None) -> None:
    text = None if amount is None else url_text(amount)
    if text is None:
        if KEY in st.query_params:
            del st.query_params[KEY]
    elif st.query_params.get_all(KEY) != [text]:
        st.query_params[KEY] = text
    st.session_state[_WRITTEN] = text


def budget_input(label: str, *, placeholder: str, help: str) -> float | None:
    """The budget box; returns its amount (None: empty, or a text that is no amount, which
    a message then names)."""
    _from_url()
    text = st.text_input(label, key=KEY, placeholder=placeholder, help=help, on_change=_tidy)
    amount = read_box(text)
    if text.strip() and amount is None:
        say.error(_(NOT_AN_AMOUNT).format(text=md(text.strip()),
                                          example=number(50_000_000, 0)),
                  icon=":material/error:")
    _to_url(amount)
    return amount
