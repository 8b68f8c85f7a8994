"""The figures a text quotes, whatever its language's formats: every amount of money, percentage,
date and other number in an English or a French text, normalised to (kind, value), so the
English and the French of one text can be required to quote the same figures
(data/README.md, "Languages": "$12.3K" is "12 300 $US", "5.0%" is "5,0 %", "2006-03-31" is
"31 mars 2006", "20,000" is "20 000")."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

SPACE = "[\u00a0\u202f]"  # the no-break spaces French puts in numbers and before units
# a number as each language writes it: groups of three after a separator, then decimals;
# a French text quoting a value as a file holds it ("1234.5", "-70.0", "1,234.5") too
NUMBER = {"en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
          "fr": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)\.\d+"
                rf"|\d{{1,3}}(?:{SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"}
UNITS = {"K": 10**3, "M": 10**6, "B": 10**9, "k": 10**3, "Md": 10**9}
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")


def _value(text: str, lang: str) -> Decimal:
    if lang == "en" or "." in text:  # a dot: a value quoted as the file writes it
        return Decimal(text.replace(",", ""))
    return Decimal(re.sub(SPACE, "", text).replace(",", "."))


def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    n = NUMBER[lang]
    iso = ("date", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"))
    dollar = r"\\?\$"  # Markdown's escaped dollar ("\$255") is money too
    if lang == "en":
        return [iso, ("money", re.compile(rf"(-?){dollar}({n})(K|M|B)?")),
                ("percent", re.compile(rf"(-?)({n})%"))]
    months = "|".join(MONTHS_FR)
    return [
        iso,  # a machine date shown as it is stored
        ("date", re.compile(rf"(?<!\d)(1er|\d{{1,2}})[ \u00a0]({months})[ \u00a0](\d{{4}})(?!\d)")),
        # French's minus sign is U+2212 (a figure quoted as a file holds it keeps "-")
        ("money", re.compile(rf"([-\u2212]?)({n})(?:{SPACE}(k|M|Md))?{SPACE}{dollar}US")),
        ("percent", re.compile(rf"([-\u2212]?)({n}){SPACE}%")),
    ]


def figures(text: str, lang: str) -> Counter[tuple[str, object]]:
    """Every figure `text` quotes, as (kind, value): ('money', Decimal('12300')),
    ('percent', Decimal('5.0')), ('date', '2006-03-31'), ('number', Decimal('20000'))."""
    out: Counter[tuple[str, object]] = Counter()
    # a pattern's repeat count shown as written ("[A-Z]{2,16}"): two counts in any language
    rest = re.sub(r"\{(\d+),(\d+)\}", r"{\1 ; \2}", text)
    for kind, pattern in _patterns(lang):
        for m in pattern.finditer(rest):
            if kind == "date":
                if m.group(0)[4:5] == "-":
                    out["date", m.group(0)] += 1
                else:
                    day = 1 if m.group(1) == "1er" else int(m.group(1))
                    month = MONTHS_FR.index(m.group(2)) + 1
                    out["date", f"{m.group(3)}-{month:02d}-{day:02d}"] += 1
                continue
            value = _value(m.group(2), lang) * UNITS.get(m.group(3) or "", 1) \
                if kind == "money" else _value(m.group(2), lang)
            out[kind, -value if m.group(1) else value] += 1
        rest = pattern.sub(" ", rest)  # a figure is counted once, as its first kind
    for m in re.finditer(NUMBER[lang], rest):
        out["number", _value(m.group(0), lang)] += 1
    return out
