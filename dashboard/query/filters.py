"""The filter state: one immutable value, mapped to bound query parameters.

Meanings (data/README.md, "Filters"):
- categories / initiatives / priority_only keep initiatives, and every row of theirs;
- agencies: `ORGANIZATION` below, the organization filter's one definition (its SQL
  macros, its words for the sidebar and for the page's sentence);
- year_from / year_to (inclusive) apply to costs and benefits by fiscal_year and to
  contributions by the year of their date;
- unearmarked contributions are kept only while no category, initiative or priority
  filter is set.
The SQL side of these meanings is queries/_filtered.sql.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar

from dashboard.formatting import and_list
from dashboard.lang import numbers
from dashboard.lang.lazy import N_, Worded
from dashboard.lang.translate import _, ngettext


@dataclass(frozen=True)
class FilterRule(Worded):
    """A filter's meaning with its words, in one object (as Datasette keeps a filter's SQL
    and its human sentence together): the table macros of queries/_filtered.sql that
    apply it, the sidebar's help, and the sentence the pages, the export's metadata and
    the briefing's cover say under it (`Filters.agency_note`). `label` and `help` are read
    in the reader's language (dashboard/lang/lazy.py); `key` and `macros` are machine names."""

    WORDS: ClassVar[frozenset[str]] = frozenset({"label", "help"})

    key: str  # the URL parameter and widget key
    label: str  # the sidebar's label
    macros: tuple[str, ...]  # in queries/_filtered.sql
    help: str  # the sidebar's help: what choosing values does


# Contract v2: the selected organizations' own rows, plus their share S (their summed
# cost_share) of every shared row (agency_code null) at amount_usd * S; where S is 0 (no
# key, or no share for them) shared rows are left out. Contributions and the funding gap
# belong to initiatives: not filtered by organization.
ORGANIZATION = FilterRule(
    key="agency",
    label=N_("Organization"),
    macros=("f_agency_share", "f_lines"),
    help=N_("Keeps these organizations' own cost, benefit and commitment rows, plus their "
            "share of every shared (system-wide) cost and benefit: the sum of their "
            "cost_share in the snapshot's cost-sharing key. Where that sum is 0 (no key, or "
            "no share for them) shared rows are left out; the page says which. Contributions "
            "and the funding gap are not filtered by organization."),
)
# the other filters' names by their widget keys, as the sidebar shows them and Data &
# methods names them (FR3 #11)
LABELS = {"category": N_("Category"), "initiative": N_("Initiative"),
          "priority": N_("Priority initiatives only"), "years": N_("Years")}
CONTRIBUTIONS_NOT_FILTERED = N_("Contributions and the funding gap belong to initiatives: "
                                 "the organization filter does not apply to them.")


@dataclass(frozen=True)
class Filters:
    snapshot: str
    agencies: tuple[str, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = field(default_factory=tuple)
    initiatives: tuple[str, ...] = field(default_factory=tuple)
    priority_only: bool = False
    year_from: int | None = None
    year_to: int | None = None

    def __post_init__(self) -> None:
        # Normalize: sorted, de-duplicated tuples, so equal filters are equal cache keys.
        for name in ("agencies", "categories", "initiatives"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ValueError(f"year range {self.year_from}..{self.year_to} is empty (from > to)")

    @property
    def one_category(self) -> str | None:
        """The category kept when the category filter keeps exactly one, else None: a chart
        by category then shows that category's initiatives, its title saying which
        (registry.py `summary.BY_CATEGORY`; EN #19)."""
        return self.categories[0] if len(self.categories) == 1 else None

    @property
    def initiative_filter_set(self) -> bool:
        """True when a category, initiative or priority filter is set (drops unearmarked money)."""
        return bool(self.categories or self.initiatives or self.priority_only)

    def agency_note(self, share: float, snapshot_has_key: bool) -> str | None:
        """What the organization filter (`ORGANIZATION`) did to shared rows, in words:
        `share` is S, the selected organizations' summed cost_share (query agency_share).
        None without an agency filter."""
        if not self.agencies:
            return None
        who, n = and_list(self.agencies), len(self.agencies)
        # TRANSLATORS: {who} is one organization's code or a list of them ("UNDP and WFP")
        if share > 0:
            digits = f"{share * 100:.3g}"  # three significant figures, as written before
            pct = numbers.plain_percent(share, len(digits.partition(".")[2]))
            text = ngettext("{who}: its own costs and benefits, plus {pct} of shared, "
                            "system-wide ones (the cost-sharing key of this snapshot).",
                            "{who}: their own costs and benefits, plus {pct} of shared, "
                            "system-wide ones (the cost-sharing key of this snapshot).",
                            n).format(who=who, pct=pct)
        elif snapshot_has_key:
            text = ngettext("{who}: its own costs and benefits only. Shared, system-wide ones "
                            "are left out: the cost-sharing key of this snapshot gives it no "
                            "share.",
                            "{who}: their own costs and benefits only. Shared, system-wide ones "
                            "are left out: the cost-sharing key of this snapshot gives them no "
                            "share.", n).format(who=who)
        else:
            text = ngettext("{who}: its own costs and benefits only. Shared, system-wide ones "
                            "are left out: this snapshot has no cost-sharing key.",
                            "{who}: their own costs and benefits only. Shared, system-wide ones "
                            "are left out: this snapshot has no cost-sharing key.",
                            n).format(who=who)
        return f"{text} {_(CONTRIBUTIONS_NOT_FILTERED)}"

    def params(self) -> dict[str, object]:
        """The bound parameters every filtered query takes."""
        return {
            "agencies": list(self.agencies),
            "categories": list(self.categories),
            "initiatives": list(self.initiatives),
            "priority_only": bool(self.priority_only),
            "year_from": self.year_from,
            "year_to": self.year_to,
        }

    def with_(self, **changes: object) -> Filters:
        return replace(self, **changes)

    def describe(self) -> dict[str, str]:
        """Human-readable filter values, for metadata sheets and captions."""
        return {
            "snapshot": self.snapshot,
            "agency": ", ".join(self.agencies) or "all",
            "category": ", ".join(self.categories) or "all",
            "initiative": ", ".join(self.initiatives) or "all",
            "priority_only": "yes" if self.priority_only else "no",
            "years": (
                f"{self.year_from if self.year_from is not None else '…'}"
                f"–{self.year_to if self.year_to is not None else '…'}"
                if (self.year_from is not None or self.year_to is not None)
                else "all"
            ),
        }

