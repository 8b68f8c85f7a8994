"""A widget's `format_func` in the language of the run that drew it.

Streamlit may call a widget's `format_func` again outside the script run that drew the
widget (AppTest does, to match a value to its option), where the reader's language is
not set (dashboard/lang/translate.py: English by default). A format function that reads
the language (a date, a code's word, a plural) would then give another label than the
one drawn, and the value would match no option. `in_run_language(fn)` fixes the
language to the one of the run that draws the widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dashboard.lang.translate import current, language

T = TypeVar("T")


def in_run_language(fn: Callable[[T], object]) -> Callable[[T], str]:
    lang = current()

    def formatted(value: T) -> str:
        with language(lang):
            return str(fn(value))
    return formatted
