"""The Prioritization page's section headings, once: under the organization filter each
says whose figures its ranks and budget use, as the chart titles do (summary.scoped_title:
"The model's top eight beside the flagged priorities (UNDP's share)"), so that a reader who
scrolls to, or forwards, a list with "rank #15 (outside top eight)" alone still sees that it
is UNDP's ranking, not the system's (review round 4, N1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.contract.labels import flag_note
from dashboard.formatting import format_count, format_rank
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _, ngettext
from dashboard.output import summary
from dashboard.query import chart_data

TOP_EIGHT = N_("The model's top eight beside the flagged priorities")
BUDGET = N_("Budget scenarios")


def heading(text: str, organizations: Sequence[str]) -> str:
    """A section's heading (`TOP_EIGHT`, `BUDGET`) in the reader's language, with whose
    share its ranks use under the organization filter (`organizations`; none: as is)."""
    phrase = summary.Scope(organizations=tuple(organizations)).phrase(summary.SHARE)
    return summary.scoped_title(_(text), phrase)


@dataclass(frozen=True)
class TopEightLists:
    """The model's top eight beside the flagged priorities, in words, once for the app and
    the briefing pack (French round 3, #18): the lead, each list's heading and lines, and
    whether a rank is shared (the ties caption)."""

    lead: str
    top_heading: str
    top: list[str]
    flagged_heading: str
    flagged: list[str]
    tied: bool


def top_eight_lists(both: pd.DataFrame, name: Callable[[object], str] = str,
                    kept: int | None = None) -> TopEightLists:
    """The words of `both` (registry.TOP_EIGHT_VS_FLAGGED's data); `name` shows an
    initiative's name as the medium needs (the app's Markdown escaping; the pack's HTML
    escapes the whole line itself); `kept`: how many initiatives the filters keep. Eight or
    fewer kept, the "top eight" is all of them: said once, and no list says "top eight"
    (R6b #1)."""
    top = both[both["in_model_top_eight"]].sort_values("rank")
    flagged = both[both["flagged_priority"]].sort_values("rank")
    agree = int((both["in_model_top_eight"] & both["flagged_priority"]).sum())
    # TRANSLATORS: counts, any of them 0 or 1 too: a wording that fits every number
    lead = _("{agree} of {top} initiatives of the model's top eight are also flagged as "
             "priorities ({flagged} flagged in all).").format(
        agree=format_count(agree), top=format_count(len(top)), flagged=format_count(len(flagged)))
    top_heading = _("Model's top eight")
    if kept is not None and kept <= chart_data.TOP_EIGHT:
        # TRANSLATORS: {n} initiatives kept by the filters, eight or fewer; {flagged} of them
        # flagged as priorities (any number, 0 too)
        lead = ngettext("With {n} initiative kept, the model ranks it alone; flagged as "
                        "priorities: {flagged}.",
                        "With {n} initiatives kept, the model ranks all of them; flagged as "
                        "priorities: {flagged}.", kept).format(
            n=format_count(kept), flagged=format_count(len(flagged)))
        top_heading = _("Model's ranking (all {n} kept)").format(n=format_count(kept))
    top_lines = [f"{format_rank(r.rank_with_ties, r.is_tied)} {name(r.name)}"
                 + (" " + flag_note() if r.flagged_priority else "") for r in top.itertuples()]
    flagged_lines = [(_("{name}: rank {rank}") if r.in_model_top_eight else
                      _("{name}: rank {rank} (outside top eight)")).format(
        name=name(r.name), rank=format_rank(r.rank_with_ties, r.is_tied))
        for r in flagged.itertuples()] or [_("None flagged among the kept initiatives.")]
    return TopEightLists(lead=lead, top_heading=top_heading, top=top_lines,
                         flagged_heading=_("Flagged priorities (model rank)"),
                         flagged=flagged_lines, tied=bool(top["is_tied"].any()))
