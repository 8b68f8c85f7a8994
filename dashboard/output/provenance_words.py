"""A snapshot's source and publisher as a reader reads them: the labelling policy of the
provenance line under every page's title, the briefing pack's cover and methods, and Data &
methods' table of snapshots (French review #3, round 3 #15).

A real snapshot's source and publisher are what the person who published it wrote: shown
as written, in any language. The sample's are known sentences our own generator writes
(`intake/generator.SOURCE_TEXT`, `PUBLISHER`), in English in the manifest; they are shown
in the reader's language, without the generator's seed (a number that means nothing to a
manager; the manifest keeps it).
"""

from __future__ import annotations

import re

from dashboard.formatting import format_count
from dashboard.intake import generator
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.lang.typography import typeset

SAMPLE_SOURCE = N_("Illustrative sample data made by the project's sample generator; not "
                   "official figures")
SAMPLE_SOURCE_SHORT = N_("Illustrative sample data made by the project's sample generator")
SPLIT_ROWS = N_("{source}; cost line items split into {rows} rows for benchmarking")
SAMPLE_PUBLISHER = N_("Sample generator")

# the generator's sentence, whatever its seed, with or without the benchmark's clause
_GENERATED = re.compile(
    re.escape(generator.SOURCE_TEXT).replace(re.escape("{seed}"), r"\d+")
    + r"(?:; cost line items split into (?P<rows>[\d,]+) rows for benchmarking)?")


def is_generated(source: str | None) -> bool:
    """Whether `source` is the sentence our sample generator writes (not a person's)."""
    return bool(source) and _GENERATED.fullmatch(source) is not None


def said_source(source: str | None, *, official_note: bool = True) -> str | None:
    """The source as the reader reads it: the generator's sentence in the reader's
    language, without its seed (and without "not official figures" where the page already
    says it: `official_note=False`); any other source as written, set in the page's
    typography (a French page's narrow no-break space before ";": FR3 #9); None stays None."""
    found = _GENERATED.fullmatch(source) if source else None
    if found is None:
        return typeset(source) if source else source
    text = _(SAMPLE_SOURCE if official_note else SAMPLE_SOURCE_SHORT)
    if found.group("rows"):
        rows = int(found.group("rows").replace(",", ""))
        text = _(SPLIT_ROWS).format(source=text, rows=format_count(rows))
    return text


def said_publisher(who: str | None) -> str | None:
    """Who published, as the reader reads it: the generator's name in the reader's
    language; a person's or a command's as written."""
    if who == generator.PUBLISHER["who"]:
        return _(SAMPLE_PUBLISHER)
    return who
