"""One `_()` for every text a reader sees, and the choice of the reader's language.

The language is per script run (a `ContextVar`, so one visitor's language is never
another's: Streamlit runs each session's script in its own thread), set by the app at the
top of each run from the URL's `lang=` (`choose`), and by the command line's `--lang`.
Messages are English in the code; French comes from the gettext catalogue
`locale/fr/LC_MESSAGES/messages.po`, compiled to `messages.mo` by `make` (docs/
translating.md says why it is built, not committed). A message with no translation reads
in English, and the catalogue test (tests/lang/test_translate.py) fails on any such message.

Anything cached across runs that holds translated text must have the language in its key.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TypeVar

LANGUAGES = {"en": "English", "fr": "Français"}  # code: the language's own name
DEFAULT = "en"
PARAM = "lang"  # the URL parameter: a machine name, the same in every language
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

T = TypeVar("T")
_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


class CatalogueMissing(RuntimeError):
    """The compiled catalogue is absent: `make` builds it (make messages-compile)."""


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang` (English: the messages as written)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise CatalogueMissing(f"{mo} is missing: run `make messages-compile` (make install "
                               "does it) to compile the translations")
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


def current() -> str:
    """The language of this script run (or command)."""
    return _current.get()


def _(message: str) -> str:
    """`message` in the current language."""
    return catalogue(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, in the current language."""
    return catalogue(_current.get()).ngettext(singular, plural, n)


def set_language(lang: str) -> None:
    """Make `lang` the language of the rest of this script run."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: not one of {', '.join(LANGUAGES)}")
    _current.set(lang)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Within the block, `lang` (the briefing's `--lang`, the tests)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: not one of {', '.join(LANGUAGES)}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def keep_language(fn: Callable[[], T]) -> Callable[[], T]:
    """`fn` to be called later in the language of now: a download's deferred data runs
    in a thread of the server's (asyncio.to_thread), outside the session's run."""
    lang = current()

    def in_language() -> T:
        with language(lang):
            return fn()
    return in_language


def from_locale(browser_locale: str | None) -> str:
    """The language of a browser locale ('fr-CH' -> 'fr'); English when not offered."""
    if not browser_locale:
        return DEFAULT
    code = browser_locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def choose(url_value: str | None, browser_locale: str | None) -> tuple[str, str | None]:
    """The reader's language: the URL's `lang=` when it is one offered, else the browser's,
    else English; with the notice to show when the URL's value is not one offered."""
    if url_value is None or url_value == "":
        return from_locale(browser_locale), None
    if url_value in LANGUAGES:
        return url_value, None
    fallback = from_locale(browser_locale)
    with language(fallback):  # the notice in the language the page falls back to
        # TRANSLATORS: {value} is the link's lang= value, {offered} the codes offered
        notice = _("The link's language {value} is not offered (only {offered}): this page "
                   "is shown in English.")
    return fallback, notice.format(value=repr(url_value), offered=", ".join(LANGUAGES))
