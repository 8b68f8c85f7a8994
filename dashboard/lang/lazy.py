"""Texts defined at import time (registry titles and captions, the contract's words, tile
labels), read in the reader's language when they are used (docs/translating.md).

A module-level text is made before any reader has a language, so it cannot be translated
where it is written. It is marked instead, and translated each time it is read:

- `N_("Funding gap")` marks a text for `make messages` (`N_` is one of pybabel's default
  keywords) and returns it unchanged: the English text is the message id;
- `Msg(N_("… {outcomes} … {likely}"), outcomes=OUTCOMES, likely=LIKELY_MEANS)` is a
  text with named values, each itself a marked text, a `Msg` or a function giving one:
  all read in the language of the moment (never an f-string: its result is no message id);
- `Worded` is the mixin of a dataclass (registry.Chart, pages.Page, metrics.Headline...)
  whose fields named in `WORDS` read in the current language: `chart.title` is "Funding
  gap by initiative" in English and "Déficit de financement par initiative" in French for
  every consumer (pages, export, briefing, feed), while its other fields (ids, sheet and
  column names) are machine names that never change. `english(obj, "title")` reads a
  field as written.

`read(text)` is how a marked text, a `Msg` or a function is read.
"""

from __future__ import annotations

from typing import ClassVar

from dashboard.lang.translate import DEFAULT, _, language


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for the marker
    """Mark `message` for translation where it is read; returns it unchanged."""
    return message


class Msg:
    """A message with named values, translated and filled each time it is read."""

    __slots__ = ("message", "values")

    def __init__(self, message: str, **values: object) -> None:
        self.message = message
        self.values = values

    def __str__(self) -> str:
        return _(self.message).format(**{k: read(v) for k, v in self.values.items()})

    def __repr__(self) -> str:
        return f"Msg({self.message!r})"


def read(text: object) -> object:
    """A marked text in the current language: a str translated, a `Msg` filled, a
    function called; anything else (None, a number) as given."""
    if isinstance(text, str):
        return _(text) if text else text
    if isinstance(text, Msg):
        return str(text)
    if callable(text):
        return read(text())
    return text


class Worded:
    """Dataclass mixin: the fields named in `WORDS` are read in the current language."""

    WORDS: ClassVar[frozenset[str]] = frozenset()

    def __getattribute__(self, name: str) -> object:
        value = object.__getattribute__(self, name)
        if name in type(self).WORDS and value is not None:
            return read(value)
        return value


def english(obj: object, name: str) -> object:
    """A `Worded` field as written (in English), whatever the reader's language."""
    with language(DEFAULT):
        return read(object.__getattribute__(obj, name))
