"""The reader's words for the contract's codes and the reader's label for each thing named:
the one labelling policy of charts, tables, pickers, legends and the briefing.

- `code_label("member_state")` -> "Member State": every coded value (organization and
  donor types, kinds of contribution, cost and benefit, statuses, commitment levels,
  confidence, recurrence, stages) has one display word, `CODE_WORDS`; an unknown lower-case
  code reads as words ("new_kind" -> "New kind"); other text is left as given. The word
  is in the reader's language ("member_state" -> "État membre" in French); the code never
  changes.
- `initiative_label(code, name)` -> "Harmonized enter…nations system (INIT11)": a short
  name and the code, within `width` characters. The name is shortened from the middle
  (`shorten`), so its end (often the part that tells two names apart) survives, and the
  code keeps two labels apart whatever the names.
- `agency_label(code, name)` -> "United Nat…Programme (UNDP)": the same for an organization;
  `agency_option(code, name)` the whole name with its code, for pickers;
  `agency_choice(code, name)` the code, then the name, for the sidebar's filter.
- `donor_labels(names, types)`: donors have no code; a name shortened from the middle, with
  its kind ("(Member State)") where two rows share a name.

A chart's category axis is keyed by the unique id (the code, or the row) and shows these
labels as tick text (dashboard/charts/figures.py `keyed_axis`), so two things whose labels
are equal are never drawn as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dashboard.contract.schema import STAGE_LABELS
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# "Pledged" means two things (data/README.md): an organization's own pledged share of an
# initiative (commitments.pledged_usd: counts against the funding target) and a donor's
# pledge (a contribution with status pledged: promised, not yet paid, never counted against
# the target). One name each, and one for what donors paid: tiles, chart titles and legends,
# table headers and the briefing say these (tests/contract/test_money_names.py).
# Marked (N_): read in the reader's language where shown (dashboard/lang/lazy.py)
ORG_PLEDGED = N_("Organizations' pledged shares")
DONOR_PLEDGES = N_("Donor pledges")  # in a sentence ("KS: donor pledges up 20%")
DONOR_PLEDGED = N_("Donor pledges, not yet paid")  # a tile, legend or header
PAID = N_("Paid contributions")

ELLIPSIS = "…"
LABEL_WIDTH = 28  # characters of a label beside a chart's axis (the hover has the whole name)

# One display word per coded value, whatever the column: the codes of different columns
# never collide (tests/contract/test_labels.py checks every code of the contract has one).
# The words are English message ids (mark each with N_, dashboard/lang/lazy.py): read them
# through `code_label`, which gives the reader's language, never CODE_WORDS[code].
CODE_WORDS: dict[str, str] = {
    # organization types
    "secretariat": "Secretariat",
    "fund_programme": "Fund / programme",
    "specialized_agency": "Specialized agency",
    "related_organization": "Related organization",
    # donor types
    "member_state": "Member State",
    "un_system": "UN system",
    "private_sector": "Private sector",
    "intergovernmental": "Intergovernmental",
    "foundation": "Foundation",
    "civil_society": "Civil society",
    "academic_technical": "Academic / technical",
    # kinds of contribution and their status
    "cash": "Cash",
    "in_kind": "In kind",
    "host_country": "Host country",
    "paid": "Paid",
    "pledged": "Pledged",
    # commitment levels
    "none": "No commitment",
    "interested": "Interested",
    "participating": "Participating",
    "committed": "Committed",
    "lead": "Lead",
    # confidence in a benefit
    "low": "Low",
    "medium": "Medium",
    "high": "High",
    # kinds of cost and of benefit, recurrence
    "staff": "Staff",
    "consultancy": "Consultancy",
    "hardware": "Hardware",
    "software": "Software",
    "hosting": "Hosting",
    "training": "Training",
    "travel": "Travel",
    "other": "Other",
    "cost_savings": "Cost savings",
    "cost_avoidance": "Cost avoidance",
    "productivity": "Productivity",
    "service_quality": "Service quality",
    "one-off": "One-off",
    "one_off": "One-off",
    "recurring": "Recurring",
    # implementation stages
    **STAGE_LABELS,
}
_CODE = re.compile(r"[a-z][a-z_\-]*")


def code_label(value: object) -> object:
    """A coded value as a reader reads it ("member_state" -> "Member State"); a value that
    is not a code (a name, a number, a missing value) as given."""
    if not isinstance(value, str):
        return value
    if value in CODE_WORDS:
        return _(CODE_WORDS[value])
    if _CODE.fullmatch(value):
        return value.replace("_", " ").replace("-", " ").capitalize()
    return value


def confidence_label(level: str) -> str:
    """"high" -> "High confidence" (a legend entry of confidence levels)."""
    return f"{code_label(level)} confidence"


def shorten(text: object, width: int = LABEL_WIDTH) -> str:
    """The text within `width` characters, cut in the middle ("Donor with a…number 13"):
    the start says what it is, the last words often tell two names apart. The end keeps
    whole words (at most two fifths of the room); the start is cut between words where one
    is near."""
    t = str(text)
    if len(t) <= width:
        return t
    t = " ".join(t.split())
    if len(t) <= width:
        return t
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1
    words = t.split(" ")
    tail = ""
    for i in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[i:])
        if len(candidate) > room * 0.4:
            break
        tail = candidate
    head = t[: room - len(tail)]
    cut = head.rfind(" ")
    if cut >= len(head) * 0.8:  # end the start at a word when that loses little
        head = head[:cut]
    return f"{head.rstrip()}{ELLIPSIS}{tail}"


def _named(code: object, name: object, width: int) -> str:
    code_text = str(code)
    name_text = " ".join(str(name).split()) if name is not None and str(name) else ""
    if not name_text or name_text == code_text:
        return shorten(code_text, width)
    room = width - len(code_text) - 3
    if room < 6:  # a code too long to leave room for a name: the code alone
        return shorten(code_text, width)
    return f"{shorten(name_text, room)} ({code_text})"


def initiative_label(code: object, name: object = None, width: int = LABEL_WIDTH) -> str:
    """An initiative as a chart, table or list names it: "ICT training (TRAINING)"."""
    return _named(code, name, width)


def agency_label(code: object, name: object = None, width: int = LABEL_WIDTH) -> str:
    """An organization as a chart or table names it: "United Nat…Programme (UNDP)"."""
    return _named(code, name, width)


def agency_option(code: object, name: object = None) -> str:
    """An organization in a picker: its whole name and code ("United Nations Development
    Programme (UNDP)"); the code alone when the name is not known."""
    return _named(code, name, 10_000)


def agency_choice(code: object, name: object = None) -> str:
    """An organization in the sidebar's filter: its code first, then its whole name ("UNDP —
    United Nations Development Programme"), so a chosen one cut short in the narrow
    sidebar still shows its code; the code alone when the name is not known."""
    code_text = str(code)
    name_text = " ".join(str(name).split()) if name is not None and str(name) else ""
    if not name_text or name_text == code_text:
        return code_text
    return f"{code_text} — {name_text}"


def donor_labels(names: Iterable[object], kinds: Iterable[object] | None = None,
                 width: int = LABEL_WIDTH) -> list[str]:
    """Donors (one per row) as a chart names them: the name shortened from the middle; a
    name that more than one row shares gets its kind ("… (Member State)"), then, if still
    shared, its place ("#2")."""
    names = [str(n) for n in names]
    kinds_list = list(kinds) if kinds is not None else [None] * len(names)
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    out = []
    for n, k in zip(names, kinds_list, strict=True):
        if counts[n] > 1 and k is not None and str(k) and not str(k).startswith("("):
            kind = str(code_label(k))
            out.append(f"{shorten(n, max(6, width - len(kind) - 3))} ({kind})")
        else:
            out.append(shorten(n, width))
    seen: dict[str, int] = {}
    for i, lab in enumerate(out):
        seen[lab] = seen.get(lab, 0) + 1
        if seen[lab] > 1:
            suffix = f" #{seen[lab]}"
            out[i] = shorten(lab, width - len(suffix)) + suffix
    return out


_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def largest_donors(n: int, *, whose: bool = False) -> str:
    """The donors a chart or tile names, counted from the data: "the largest donor", "the
    five largest donors", "the 12 largest donors"; with `whose`, "the largest donor's" /
    "the five largest donors'"."""
    if n == 1:
        return "the largest donor's" if whose else "the largest donor"
    count = _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,d}"
    return f"the {count} largest donors{chr(39) if whose else ''}"
