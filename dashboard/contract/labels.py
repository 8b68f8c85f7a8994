"""The reader's words for the contract's codes and the reader's label for each thing named:
the one labelling policy of charts, tables, pickers, legends and the briefing.

- `code_label("member_state")` -> "Member State": every coded value (organization and
  donor types, kinds of contribution, cost and benefit, statuses, commitment levels,
  confidence, recurrence, stages, an initiative's status between two snapshots) has one
  display word, `CODE_WORDS`; an unknown lower-case code reads as words ("new_kind" ->
  "New kind"); other text is left as given. The word is in the reader's language
  ("member_state" -> "État membre" in French); the code never changes.
- `group_name("fund_programme")` -> "Funds and programmes": a type naming a group of
  organizations (a matrix's group header), in the plural.
- `category_label("Working together")` -> "Travailler ensemble" in French: a category of
  the strategic framework is a label of the framework, not a data name; its value (in the
  data, the filter's link and the export) is the framework's English label.
- `agency_label(code, name)` -> "United Nat…Programme (UNDP)": an organization's short
  name and code within `width` characters (the matrices show the code alone);
  `agency_option(code, name)` the whole name with its code, for pickers;
  `agency_choice(code, name)` the code, then the name, for the sidebar's filter.
- `donor_labels(names, types)`: donors have no code; a name cut as `fit_label` cuts one
  (the part that differs kept), with its kind ("(Member State)") where two rows share a
  name.
- `fit_labels(codes, names, line=..., measure=...)`: the labels beside a chart's axis, each
  its name and code on at most two lines of `line` (px, when `measure` gives a text's
  width in px; the chart says how wide a line may be, dashboard/charts/axis_labels.py). A
  name that fits is never cut; one that does not keeps its first words on the first line
  and, on the last, the part that tells it from the other names (where names share their
  start, the words where they begin to differ) and the code: "Harmonized enterprise-wide
  information / …number 3, across the… (INIT03)". Never a bare code when there is a name.

A chart's category axis is keyed by the unique id (the code, or the row) and shows these
labels as tick text (dashboard/charts/figures.py `keyed_axis`), so two things whose labels
are equal are never drawn as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dashboard.contract.schema import CATEGORIES, STAGE_LABELS, TABLES
from dashboard.formatting import format_count
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
    "secretariat": N_("Secretariat"),
    "fund_programme": N_("Fund / programme"),
    "specialized_agency": N_("Specialized agency"),
    "related_organization": N_("Related organization"),
    # donor types
    "member_state": N_("Member State"),
    "un_system": N_("UN system"),
    "private_sector": N_("Private sector"),
    "intergovernmental": N_("Intergovernmental organization"),  # a noun, as the other kinds
    "foundation": N_("Foundation"),
    "civil_society": N_("Civil society"),
    "academic_technical": N_("Academic / technical"),
    # kinds of contribution and their status
    "cash": N_("Cash"),
    "in_kind": N_("In kind"),
    "host_country": N_("Host country"),
    "paid": N_("Paid"),
    "pledged": N_("Pledged"),
    # commitment levels
    "none": N_("No commitment"),
    "interested": N_("Interested"),
    "participating": N_("Participating"),
    "committed": N_("Committed"),
    "lead": N_("Lead"),
    # confidence in a benefit
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    # kinds of cost and of benefit, recurrence
    "staff": N_("Staff"),
    "consultancy": N_("Consultancy"),
    "hardware": N_("Hardware"),
    "software": N_("Software"),
    "hosting": N_("Hosting"),
    "training": N_("Training"),
    "travel": N_("Travel"),
    "other": N_("Other"),
    "cost_savings": N_("Cost savings"),
    "cost_avoidance": N_("Cost avoidance"),
    "productivity": N_("Productivity"),
    "service_quality": N_("Service quality"),
    "one-off": N_("One-off"),
    "one_off": N_("One-off"),
    "recurring": N_("Recurring"),
    # implementation stages
    **STAGE_LABELS,
    # an initiative's status between two snapshots (analysis/comparison.py)
    "added": N_("Added"),
    "removed": N_("Removed"),
    "changed": N_("Changed"),
    "unchanged": N_("Unchanged"),
}
_CODE = re.compile(r"[a-z][a-z_\-]*")
# A group of organizations of one type (a matrix's group header) in the plural, as the UN
# names the groups ("Funds and programmes"; UNTERM « fonds et programmes », « institutions
# spécialisées »: French review round 2, #21); its members keep CODE_WORDS' singular
GROUP_WORDS: dict[str, str] = {
    "secretariat": N_("Secretariat"),
    "fund_programme": N_("Funds and programmes"),
    "specialized_agency": N_("Specialized agencies"),
    "related_organization": N_("Related organizations"),
}


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


def group_name(kind: object) -> object:
    """A type of organization naming the group of its organizations: "fund_programme" ->
    "Funds and programmes"; any other value as `code_label` reads it."""
    if isinstance(kind, str) and kind in GROUP_WORDS:
        return _(GROUP_WORDS[kind])
    return code_label(kind)


def category_label(value: object) -> object:
    """A category of the strategic framework as the reader reads it: the framework's label
    in the reader's language ("Working together" -> "Travailler ensemble"; French review
    #8). The value is the machine value (the data, the filter's link, the export; marked
    N_ in schema.CATEGORIES); anything else is left as given (only a column of categories
    is read so: an initiative or a donor may bear a category's name)."""
    if isinstance(value, str) and value in CATEGORIES:
        return _(value)
    return value


def confidence_label(level: str) -> str:
    """"high" -> "High confidence" (a legend entry of confidence levels)."""
    if level in _CONFIDENCE:  # whole messages: French puts the level after, in lower case
        return _(_CONFIDENCE[level])
    # TRANSLATORS: {level} is a level of confidence the contract does not name
    return _("{level} confidence").format(level=code_label(level))


_CONFIDENCE = {"high": N_("High confidence"), "medium": N_("Medium confidence"),
               "low": N_("Low confidence")}


def shorten(text: object, width: float = LABEL_WIDTH,
            measure: Callable[[str], float] = len) -> str:
    """The text within `width` (characters, or what `measure` counts), cut in the middle
    ("Donor with a…number 13"): the start says what it is, the last words often tell two
    names apart. The end keeps whole words (at most two fifths of the room); the start is
    cut between words where one is near."""
    t = str(text)
    if measure(t) <= width:
        return t
    t = " ".join(t.split())
    if measure(t) <= width:
        return t
    room = width - measure(ELLIPSIS)
    if room <= 0:
        return ELLIPSIS if measure(ELLIPSIS) <= width else ""
    words = t.split(" ")
    tail = ""
    for i in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[i:])
        if measure(candidate) > room * 0.4:
            break
        tail = candidate
    return f"{_start(t, room - measure(tail), measure)}{ELLIPSIS}{tail}"


def _start(t: str, room: float, measure: Callable[[str], float]) -> str:
    """The longest start of `t` within `room`, ended at a word when that loses little."""
    n = len(t)
    while n and measure(t[:n]) > room:
        n -= 1
    head = t[:n]
    cut = max(head.rfind(" "), head.rfind("-") + 1)  # after a hyphen: "enterprise-"
    if n < len(t) and t[n] != " " and cut >= len(head) * 0.8:  # at a word, losing little
        head = head[:cut]
    return head.rstrip(" ,;:")


def _named(code: object, name: object, width: int) -> str:
    code_text = str(code)
    name_text = " ".join(str(name).split()) if name is not None and str(name) else ""
    if not name_text or name_text == code_text:
        return shorten(code_text, width)
    room = width - len(code_text) - 3
    if room < 6:  # a code too long to leave room for a name: the code alone
        return shorten(code_text, width)
    return f"{shorten(name_text, room)} ({code_text})"


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
                 width: float = LABEL_WIDTH, *,
                 measure: Callable[[str], float] = len) -> list[str]:
    """Donors (one per row) as a chart names them, each within `width` (in `measure`'s
    unit): whole when it fits, else cut as `fit_label` cuts a name (its first words, the
    part that tells it from the others); a name that more than one row shares gets its
    kind ("… (Member State)"), then, if still shared, its place ("#2")."""
    names = [str(n) for n in names]
    kinds_list = list(kinds) if kinds is not None else [None] * len(names)
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    kinds_said = [code_label(k) if counts[n] > 1 and k is not None and str(k)
                  and not str(k).startswith("(") else None
                  for n, k in zip(names, kinds_list, strict=True)]
    # a name cut before its kind is cut to the room the longest kind leaves, so one name
    # reads the same whatever its kind (round 5 #5: cut two ways on one chart)
    ends = [measure(f" ({k})") for k in kinds_said if k is not None]
    name_room = width - max(ends, default=0.0)
    out = []
    for n, kind, start in zip(names, kinds_said, differing_starts(names), strict=True):
        if kind is None and measure(n) <= width:  # as given, its spacing too (a name is data)
            out.append(n)
        elif kind is None or measure(f"{n} ({kind})") <= width or name_room < measure("abcdef"):
            out.append(fit_label(kind, n, line=width, lines=1, measure=measure, start=start))
        else:
            out.append(f"{_one_line(' '.join(n.split()), name_room, measure, start)} ({kind})")
    seen: dict[str, int] = {}
    for i, lab in enumerate(out):
        seen[lab] = seen.get(lab, 0) + 1
        if seen[lab] > 1:
            suffix = f" #{seen[lab]}"
            out[i] = fit_label(None, lab, line=width - measure(suffix), lines=1,
                               measure=measure) + suffix
    return out


_SMALL = (N_("no"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six"),
          N_("seven"), N_("eight"), N_("nine"), N_("ten"))


def largest_donors(n: int, *, whose: bool = False) -> str:
    """The donors a chart or tile names, counted from the data: "the largest donor", "the
    five largest donors", "the 12 largest donors"; with `whose`, "the largest donor's" /
    "the five largest donors'"."""
    if n == 1:
        # TRANSLATORS: "whose" form, before "share": French "du principal donateur"
        return _("the largest donor's") if whose else _("the largest donor")
    count = _(_SMALL[n]) if 0 <= n < len(_SMALL) else format_count(n)
    if whose:
        # TRANSLATORS: "whose" form, before "share": French "des {count} principaux donateurs"
        return _("the {count} largest donors'").format(count=count)
    return _("the {count} largest donors").format(count=count)


def _wrap(words: list[str], line: float, measure: Callable[[str], float],
          indent: float = 0.0) -> list[str]:
    """Words packed greedily into lines of at most `line` (the first `indent` less); a
    word may break after a hyphen or an ellipsis ("enterprise-" / "wide"); a piece longer
    than a line stands alone."""
    pieces: list[tuple[str, str]] = []  # (text, what joins it to the piece before)
    for w in words:
        parts = re.findall(r"[^-…]*[-…]+|[^-…]+$", w) or [w]
        pieces += [(p, " " if n == 0 else "") for n, p in enumerate(parts)]
    out: list[str] = []
    for text, sep in pieces:
        if out and measure(f"{out[-1]}{sep}{text}") <= line - (indent if len(out) == 1 else 0):
            out[-1] = f"{out[-1]}{sep}{text}"
        else:
            out.append(text)
    return out


def _cut_to(text: str, room: float, measure: Callable[[str], float], mark: str = "") -> str:
    """The longest start of `text` (whole words where it can) that, with `mark` after it,
    fits `room`."""
    if measure(text) <= room:
        return text
    words = text.split(" ")
    while len(words) > 1 and measure(" ".join(words) + mark) > room:
        words.pop()
    head = " ".join(words)
    while head and measure(head + mark) > room:
        head = head[:-1]
    return head.rstrip(" ,;:") + mark


def differing_starts(names: Iterable[object]) -> list[int]:
    """Where in each name the words that tell it from the other names begin: after the
    most words it starts with in common with another name, less one word kept for sense
    ("number 3" of "... services, number 3, across ..."); 0 when no other name starts
    with its first word."""
    texts = [" ".join(str(n).split()) if n is not None else "" for n in names]
    split = {t: t.split(" ") for t in set(texts) if t}
    out = []
    for t in texts:
        words = split.get(t, [])
        common = 0
        for other, theirs in split.items():
            if other == t:
                continue
            k = 0
            while k < min(len(words), len(theirs)) - 1 and words[k] == theirs[k]:
                k += 1
            common = max(common, k)
        keep = common - 1
        out.append(len(" ".join(words[:keep])) + 1 if keep > 0 else 0)
    return out


def fit_label(code: object, name: object = None, *, line: float, lines: int = 2,
              measure: Callable[[str], float] = len, start: int = 0,
              indent: float = 0.0) -> str:
    """A thing named on at most `lines` lines of `line` (in `measure`'s unit), joined by
    "<br>" (Plotly's line break): its whole name and code when they fit (never cut then);
    else as many of the name's first words as fit, an ellipsis, the words from `start` on
    (the part that tells it from the others; the last words when `start` is 0) as far as
    they fit on a line, and the code. `indent`: room kept on the first line for what goes
    before the label (a rank)."""
    code_text = "" if code is None else str(code)
    name_text = " ".join(str(name).split()) if name is not None and str(name) else ""
    if not name_text or name_text == code_text:
        return _cut_to(code_text, line, measure, ELLIPSIS)
    end = f" ({code_text})" if code_text else ""
    fitted = _packed(f"{name_text}{end}", line, lines, measure, indent)
    if fitted is not None:
        return fitted
    room = line - measure(ELLIPSIS + end)
    if room < measure("abcdef"):  # a code too long to leave room for a name beside it
        end, room = "", line - measure(ELLIPSIS)
    if lines == 1:
        return _one_line(name_text, line - measure(end), measure, start) + end
    words = name_text.split(" ")
    if start > 0:  # the part that differs, from its start, as far as it fits
        tail = short_tail = _cut_to(name_text[start:], room, measure, ELLIPSIS)
        head_words = name_text[:start].split()
    else:  # the last words: on a line of their own, or at most half of one after the start
        tail, short_tail = _last_words(words, room, measure), _last_words(words, room / 2,
                                                                          measure)
        head_words = words[: len(words) - len(short_tail.split(" "))] if short_tail else words
    # either the start on the first lines and the tail and code on the last, or the start
    # and the tail run on (an ellipsis between them): whichever shows more of the name
    kept = words[: len(words) - len(tail.split(" "))] if start == 0 and tail else head_words
    best = "<br>".join([*_wrap(kept, line, measure, indent)[: lines - 1],
                        f"{ELLIPSIS}{tail}{end}"][-lines:]) if tail else ""
    for k in range(len(head_words), 0, -1):
        fitted = _packed(f"{' '.join(head_words[:k])}{ELLIPSIS}{short_tail}{end}", line,
                         lines, measure, indent)
        if fitted is not None:
            return max(best, fitted, key=len)
    return best


def _last_words(words: list[str], room: float, measure: Callable[[str], float]) -> str:
    """The name's last whole words that fit `room` ("" when not even the last one does)."""
    tail = ""
    for i in range(len(words) - 1, 0, -1):  # never the whole name
        candidate = " ".join(words[i:])
        if measure(candidate) > room:
            break
        tail = candidate
    return tail


def _one_line(name: str, room: float, measure: Callable[[str], float], start: int) -> str:
    """The name on one line within `room`: cut in the middle (`shorten`), or, where the
    names differ after a shared start, its first words and the part that differs."""
    if measure(name) <= room:
        return name
    if start > 0:
        tail = _cut_to(name[start:], room * 0.6, measure, ELLIPSIS)
    else:
        tail = _last_words(name.split(" "), (room - measure(ELLIPSIS)) * 0.4, measure)
    head = _start(name, room - measure(ELLIPSIS + tail), measure)
    if not name.startswith(head + " ") and not head.endswith("-"):  # at a word's end
        cut = max(head.rfind(" "), head.rfind("-") + 1)
        head = head[:cut].rstrip(" ,;:") if cut > 0 else head
    return f"{head}{ELLIPSIS}{tail}"


def _packed(text: str, line: float, lines: int, measure: Callable[[str], float],
            indent: float = 0.0) -> str | None:
    """`text` wrapped at its spaces on at most `lines` lines of `line` (the first
    `indent` less), or None."""
    out = _wrap(text.split(" "), line, measure, indent)
    if len(out) <= lines and all(measure(x) <= line - (indent if i == 0 else 0)
                                 for i, x in enumerate(out)):
        return "<br>".join(out)
    return None


def fit_labels(codes: Iterable[object], names: Iterable[object] | None = None, *,
               line: float, lines: int = 2, measure: Callable[[str], float] = len,
               indent: float = 0.0) -> list[str]:
    """`fit_label` for each row, the part of each name that differs from the others kept."""
    codes = list(codes)
    names = list(names) if names is not None else [None] * len(codes)
    starts = differing_starts(names)
    return [fit_label(c, n, line=line, lines=lines, measure=measure, start=s, indent=indent)
            for c, n, s in zip(codes, names, starts, strict=True)]


# The data dictionary's heading of each contract table (FR3 #3): what the sheet holds, in
# the reader's words; its machine name follows only as the sheet's name, in code style.
TABLE_TITLES = {
    "initiatives": N_("Initiatives"),
    "agencies": N_("Organizations"),
    "costs": N_("Costs"),
    "benefits": N_("Benefits"),
    "commitments": N_("Commitments"),
    "contributions": N_("Contributions"),
    "ranges": N_("Ranges"),
}


def table_heading(name: str) -> str:
    """"Organizations (sheet `agencies`) — one row per organization of the UN system"."""
    return _("{title} (sheet `{sheet}`) — {grain}").format(
        title=_(TABLE_TITLES[name]), sheet=name, grain=TABLES[name].said_grain)


def flag_note() -> str:
    """« ✓ flagged » with a no-break space (the mark never wraps away from its word): a
    flagged priority's mark, in the top-eight lists (output/prioritization_words.py) and
    beside its bar in the chart of the chance of a place in the top eight (R6a #12)."""
    # TRANSLATORS: after a check mark, beside an initiative of the model's top eight that
    # is also flagged as a priority: "#1 Knowledge-sharing ✓ flagged"
    return "✓\u00a0" + _("flagged")
