"""French typography, once: the no-break spaces a French text needs (the Imprimerie
nationale's rules, as the UN's French documents follow them).

- a narrow no-break space (U+202F) before ; ! ?
- a no-break space (U+00A0) before : and inside « » (so a mark never starts a line);
- no-break spaces inside a date ("31 mars 2006": day, month and year on one line), in a
  count of a whole ("5 sur 15") and after a bound's sign ("> 99,9 %") (FR #22).
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
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
_DATE = re.compile(rf"(?<![\d,])(1er|\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})(?!\d)")
_OF = re.compile(r"(?<![\d,])(\d+) sur (?=\d)")  # "5 sur 15", never "5 sur la liste"
# a bound's sign before a figure, in text or escaped in markup, never a tag's "<" or ">"
_BOUND = re.compile(r"(^|[\s(«\u00a0])(<|>|&lt;|&gt;) (?=\d)")


def keep_dates(text: str) -> str:
    """`text` with every French date's day, month and year joined by no-break spaces
    ("31 mars 2006", "1er septembre 2005"), so a line never ends inside a date."""
    return _DATE.sub(lambda m: NO_BREAK.join(m.groups()), text)


def compared(sign: str, figure: str, lang: str | None = None) -> str:
    """A bound: '>99.9%' in English; '> 99,9 %' in French, the sign kept with its figure
    by a no-break space."""
    return sign + (NO_BREAK if (lang or current()) == "fr" else "") + figure
# the compounds no line may break at their hyphen (the frontier's title wrapped
# « (quote- » / « part UNDP) »)
_UNBROKEN = re.compile(r"\b(quote)-(part)\b", re.IGNORECASE)


def french_spaces(text: str) -> str:
    """`text` with French typography's no-break spaces: "Total : 5 ; oui ?" ->
    "Total\u00a0: 5\u202f; oui\u202f?"; "31 mars 2006", "5 sur 15", "> 99,9 %" kept whole. Only a space already before the mark is changed
    (a mark without one is no punctuation: "&amp;", "https://"); applying it twice changes
    nothing more."""
    text = _BEFORE_NARROW.sub(lambda m: NARROW + m.group(1), text)
    text = _BEFORE_NO_BREAK.sub(lambda m: NO_BREAK + m.group(1), text)
    text = _OF.sub(lambda m: m.group(1) + NO_BREAK + "sur" + NO_BREAK, keep_dates(text))
    text = _BOUND.sub(lambda m: m.group(1) + m.group(2) + NO_BREAK, text)
    return _AFTER_OPEN.sub("«" + NO_BREAK, text)


def french_hyphens(text: str) -> str:
    """`text` with a non-breaking hyphen in « quote-part » (`_UNBROKEN`): no line ends
    at « quote- »; applying it twice changes nothing more."""
    return _UNBROKEN.sub(lambda m: f"{m.group(1)}{NO_BREAK_HYPHEN}{m.group(2)}", text)


def typeset(text: str, lang: str | None = None) -> str:
    """`text` set in the language's typography (French: `french_spaces` and
    `french_hyphens`; English as is)."""
    return french_hyphens(french_spaces(text)) if (lang or current()) == "fr" else text
