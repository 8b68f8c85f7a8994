"""A number typed as the reader writes one: Prioritization's budget (R4 #12, FR #27) and the
sidebar's discount rate (FR3 #10).

Streamlit's number box writes its value with a printf format in the browser (sprintf.js):
no grouping and a decimal point in every language ("50000000", "5.0"). So these boxes are
text boxes, read by the one number reader, `numbers.parse_number`, in the language the
box's text was written in; once read, the box shows the value as the caller's `write`
puts it (with `numbers.number`: "50,000,000" / « 50 000 000 », "5.0" / « 5,0 »), also
after a change of language. A box where a decimal point cannot be a group sign reads
one in every language too (`point_too`: « 5.5 » is 5,5 on a French page).

What the value means, its rule, its message and where the address keeps it are the
caller's (dashboard/ui/budget_link.py, dashboard/ui/percent_link.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from dashboard.lang.numbers import parse_number
from dashboard.lang.translate import current


@dataclass(frozen=True)
class TypedNumber:
    """A text box (widget key `key`) holding a number written in a language."""

    key: str
    write: Callable[[float, str | None], str]  # the value as the box shows it, in a language
    point_too: bool = False  # a decimal point is read in every language too (not an amount)

    @property
    def lang_key(self) -> str:
        """The session key of the language the box's text was last written in."""
        return f"_{self.key}_lang"

    def read(self, text: object, lang: str | None = None) -> float | None:
        """The number a text holds: None when empty or no number."""
        if not isinstance(text, str) or not text.strip():
            return None
        value = parse_number(text, lang)
        if value is None and self.point_too:
            value = parse_number(text, "en")  # "5.5": a point, never a group, here
        return value

    def held(self) -> float | None:
        """The number the box's text holds now, read in the language it was written in."""
        return self.read(st.session_state.get(self.key), st.session_state.get(self.lang_key))

    def show(self, value: float) -> None:
        """Before the box: it shows `value`, written in this run's language."""
        st.session_state[self.key] = self.write(value, None)
        st.session_state[self.lang_key] = current()


def in_run_language(box: TypedNumber) -> None:
    """Before the box (and before the caller puts a value in it): its text rewritten in
    this run's language when it was written in another (a text that is no number stays)."""
    written = st.session_state.get(box.lang_key)
    if box.key in st.session_state and written not in (None, current()):
        kept = box.read(st.session_state[box.key], written)
        if kept is not None:
            st.session_state[box.key] = box.write(kept, None)
    st.session_state[box.lang_key] = current()


def _tidy(box: TypedNumber) -> None:
    """On a change: the typed number rewritten as the box shows it, in the language the box
    was drawn in (a callback runs before the page sets this run's language)."""
    lang = st.session_state.get(box.lang_key)
    value = box.read(st.session_state.get(box.key), lang)
    if value is not None:
        st.session_state[box.key] = box.write(value, lang)


def typed_input(
    where, box: TypedNumber, label: str, *, help: str, placeholder: str | None = None
) -> tuple[str, float | None]:
    """The text box (in `where`: st, st.sidebar or a column): its text and the number it
    holds (None: empty, or no number)."""
    text = where.text_input(
        label, key=box.key, placeholder=placeholder, help=help, on_change=_tidy, args=(box,)
    )
    return text, box.read(text)
