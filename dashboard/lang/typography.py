"""French typography, once: the no-break spaces a French text needs (the Imprimerie
nationale's rules, as the UN's French documents follow them).

- a narrow no-break space (U+202F) before ; ! ?
- a no-break space (U+00A0) before : and inside « » (so a mark never starts a line);
- a non-breaking hyphen (U+2011) in « quote-part », so a line never ends at « quote- »
  (`french_hyphens`; DejaVu Sans in the pack and the browsers' faces draw it).

(docs/translating.md's rule for the catalogue, the same marks.)

The catalogue's messages are written so (tests/lang/test_translate.py checks them); this
puts right a text assembled from parts (a sentence and a name, a label and a value)
before it is printed: the briefing pack applies it to its French pages. Text only: never
markup with code in it (a script or a style holds ":" and "?" of its own).
"""

from __future__ import annotations

import re

from dashboard.lang.translate import current

NARROW = "\u202f"  # narrow no-break space
NO_BREAK = "\u00a0"  # no-break space
NO_BREAK_HYPHEN = "\u2011"  # non-breaking hyphen

# only a space already there is made a no-break one: a mark with no space before it is
# no French punctuation ("&amp;", "https://", "?lang=fr", "10:30") and is left alone
_BEFORE_NARROW = re.compile(r"[ \u00a0]([;!?])")
_BEFORE_NO_BREAK = re.compile(r"[ \u202f]([:»])")
_AFTER_OPEN = re.compile(r"«[ \u202f]")
# the compounds no line may break at their hyphen (the frontier's title wrapped
# « (quote- » / « part UNDP) »)
_UNBROKEN = re.compile(r"\b(quote)-(part)\b", re.IGNORECASE)


def french_spaces(text: str) -> str:
    """`text` with French typography's no-break spaces: "Total : 5 ; oui ?" ->
    "Total\u00a0: 5\u202f; oui\u202f?". Only a space already before the mark is changed
    (a mark without one is no punctuation: "&amp;", "https://"); applying it twice changes
    nothing more."""
    text = _BEFORE_NARROW.sub(lambda m: NARROW + m.group(1), text)
    text = _BEFORE_NO_BREAK.sub(lambda m: NO_BREAK + m.group(1), text)
    return _AFTER_OPEN.sub("«" + NO_BREAK, text)


def french_hyphens(text: str) -> str:
    """`text` with a non-breaking hyphen in « quote-part » (`_UNBROKEN`): no line ends
    at « quote- »; applying it twice changes nothing more."""
    return _UNBROKEN.sub(lambda m: f"{m.group(1)}{NO_BREAK_HYPHEN}{m.group(2)}", text)


def typeset(text: str, lang: str | None = None) -> str:
    """`text` set in the language's typography (French: `french_spaces` and
    `french_hyphens`; English as is)."""
    return french_hyphens(french_spaces(text)) if (lang or current()) == "fr" else text
