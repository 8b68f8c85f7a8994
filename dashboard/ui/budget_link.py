"""Prioritization's budget, typed with the reader's grouping and kept in the URL as plain
digits (R4 #12, FR #27).

The box is a text box typed as the reader writes a number (dashboard/ui/typed_number.py,
as the sidebar's discount rate): "50,000,000", "50000000" and "$50,000,000" in English;
« 50 000 000 » in French; once read it shows the amount grouped in the reader's language,
also after a change of language. A text that is no amount is named in a message, and no
budget is used.

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
from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.output.usertext import md
from dashboard.query.params import check_budget, value_or_default
from dashboard.ui import say
from dashboard.ui.typed_number import TypedNumber, in_run_language, typed_input

KEY = "budget"  # the box's key and the query parameter (params.ANALYSIS_KEYS)
_WRITTEN = "_budget_in_url"  # the value this session last wrote to the address

NOT_AN_AMOUNT = N_("“{text}” is not an amount. Type the budget in US dollars, in digits, "
                   "grouped or not: {example}.")


def box_text(amount: float, lang: str | None = None) -> str:
    """The amount as the box shows it: grouped, cents only when it has some."""
    return number(amount, 0 if amount == int(amount) else 2, lang)


BOX = TypedNumber(KEY, box_text)


def url_text(amount: float) -> str:
    """The amount as the address holds it: plain digits ("50000000", "70.5")."""
    return f"{amount:.2f}".rstrip("0").rstrip(".")


def session_budget() -> object:
    """For the analysis options (dashboard/ui/context.py): the box's amount when the box is
    held (None: empty or no amount), else the URL's text ('' when none)."""
    if KEY in st.session_state:
        return BOX.held()
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    return given[-1] if given else None


def _from_url() -> None:
    """Before the box: its amount rewritten in the language of this run; the link's amount
    when the address changed since this session last wrote it or the box was not drawn on
    the last run."""
    given = [v for v in st.query_params.get_all(KEY) if v != ""]
    url = given[-1] if given else None
    from_link = value_or_default(check_budget, url, None)
    drawn = KEY in st.session_state
    in_run_language(BOX)
    if from_link is not None and (url != st.session_state.get(_WRITTEN) or not drawn):
        BOX.show(float(from_link))


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
    text, amount = typed_input(st, BOX, label, placeholder=placeholder, help=help)
    if text.strip() and amount is None:
        say.error(_(NOT_AN_AMOUNT).format(text=md(text.strip()),
                                          example=number(50_000_000, 0)),
                  icon=":material/error:")
    _to_url(amount)
    return amount
