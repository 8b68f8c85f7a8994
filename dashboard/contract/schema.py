"""The data contract, stated once as data.

Every other module (validation, ingest, the generator, the Excel template, the data
dictionary page) reads the tables, columns and rules from here. The prose version of
these rules is data/README.md; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# the framework's labels: the values are the machine values (data, links, exports); marked
# N_ so the catalogue holds their French (shown through contract/labels.code_label)
CATEGORIES: tuple[str, ...] = (
    N_("ICT in development"),
    N_("ICT governance"),
    N_("Information security"),
    N_("Working together"),
    N_("Sustaining the initiative"),
)
STAGES: tuple[str, ...] = (
    "high_value",
    "agency_commitment",
    "implementer",
    "sponsorship",
    "planning",
    "implementation",
    "completed",
)
STAGE_LABELS: dict[str, str] = {
    "high_value": N_("High-value initiative"),
    "agency_commitment": N_("Organization commitment"),  # the page's name (round 3 #15)
    "implementer": N_("Implementer identified"),
    "sponsorship": N_("Sponsorship & governance"),
    "planning": N_("Implementation planning"),
    "implementation": N_("Implementation"),
    "completed": N_("Completed"),
}
AGENCY_TYPES: tuple[str, ...] = (
    "secretariat",
    "fund_programme",
    "specialized_agency",
    "related_organization",
)
COST_CATEGORIES: tuple[str, ...] = (
    "staff",
    "consultancy",
    "hardware",
    "software",
    "hosting",
    "training",
    "travel",
    "other",
)
BENEFIT_CATEGORIES: tuple[str, ...] = (
    "cost_savings",
    "cost_avoidance",
    "productivity",
    "service_quality",
)
CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "medium", "high")
COMMITMENT_LEVELS: tuple[str, ...] = ("none", "interested", "participating", "committed", "lead")
COMMITTED_LEVELS: tuple[str, ...] = ("committed", "lead")
DONOR_TYPES: tuple[str, ...] = (
    "member_state",
    "un_system",
    "private_sector",
    "intergovernmental",
    "foundation",
    "civil_society",
    "academic_technical",
)
CONTRIBUTION_TYPES: tuple[str, ...] = ("cash", "in_kind", "host_country")
CONTRIBUTION_STATUSES: tuple[str, ...] = ("pledged", "paid")

# --- Ranges: how sure each figure is (data contract version 3; data/README.md, "Ranges") --
# Each cost and benefit line is a triangular distribution: minimum A * low_factor, mode A
# (the stated amount), maximum A * high_factor. The class of a line is its side's kind:
# a benefit line's `confidence`, a cost line's one-off or recurring.
RANGE_SIDES: tuple[str, ...] = ("benefit", "cost")
RANGE_CLASSES: dict[str, tuple[str, ...]] = {
    "benefit": ("high", "medium", "low"),
    "cost": ("one_off", "recurring"),
}
# A cost line's class by its is_recurring.
COST_RANGE_CLASSES: dict[str, bool] = {"one_off": False, "recurring": True}
LOW_FACTOR_LIMITS = (0.0, 1.0)
HIGH_FACTOR_LIMITS = (1.0, 10.0)


@dataclass(frozen=True)
class RangeDefault:
    """The factors a class uses where the snapshot's `ranges` table has no row for it."""

    side: str
    range_class: str
    low_factor: float
    high_factor: float
    reason: str


# ONE definition of the defaults (three-point estimation skewed the way appraisal guidance
# such as HM Treasury's Green Book "optimism bias" expects: benefits tend to be overstated,
# costs understated). data/README.md ("Ranges") states them; a test keeps the two in step.
RANGE_DEFAULTS: tuple[RangeDefault, ...] = (
    RangeDefault("benefit", "high", 0.85, 1.10,
                 "a firm benefit: may fall 15% short, or come out 10% above"),
    RangeDefault("benefit", "medium", 0.60, 1.20,
                 "a likely benefit: may fall 40% short, or come out 20% above"),
    RangeDefault("benefit", "low", 0.20, 1.30,
                 "an uncertain benefit: may deliver as little as a fifth, or 30% above"),
    RangeDefault("cost", "one_off", 0.95, 1.60,
                 "a one-off cost (build, hardware, migration): overruns of up to 60%, "
                 "savings of at most 5%"),
    RangeDefault("cost", "recurring", 0.95, 1.25,
                 "a recurring cost (staff, hosting, licences): overruns of up to 25%, "
                 "savings of at most 5%"),
)

# --- Limits on every table (data contract version 2; data/README.md, "Limits") ----------
# Every amount in US dollars (a double column named *_usd) is at most this. With it,
# every sum the dashboard computes stays finite: even 10 million line items of 1e15 add up
# to 1e22, far below the largest double (1.8e308).
MAX_AMOUNT_USD = 1e15
MAX_AMOUNT_TEXT = f"{MAX_AMOUNT_USD:.0e}".replace("e+", "e")  # "1e15", as rules and docs write it
# a date as the contract writes it (YYYY-MM-DD), matched before it is parsed
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Dates (contributions.date) and as-of dates (snapshot folders, --as-of): the range of
# fiscal_year.
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
# Text cells (names, donors, codes without a pattern) and notes (--source-note, the
# manifest's source): at most this many characters.
MAX_TEXT_CHARS = 500
# An Excel workbook source is refused, before its cells are read, when a table sheet
# claims (or turns out to hold) more rows or columns than these, or when its parts
# unpack to more than MAX_WORKBOOK_UNPACKED_BYTES. Larger tables load as CSV or Parquet.
MAX_SHEET_ROWS = 100_000  # data rows, the header not counted
MAX_SHEET_COLUMNS = 64
MAX_WORKBOOK_UNPACKED_BYTES = 100 * 1024 * 1024


# The cost-sharing key (agencies.cost_share, version 2): the non-null shares sum to at most
# 1, within this tolerance.
COST_SHARE_SUM_MAX = 1.0
COST_SHARE_SUM_TOLERANCE = 1e-9


def is_amount(name: str, col_type: str) -> bool:
    """An amount in US dollars (limited to MAX_AMOUNT_USD): a double column named *_usd."""
    return col_type == "double" and name.endswith("_usd")


def date_in_range(value: dt.date) -> bool:
    return FIRST_DATE <= value <= LAST_DATE


# A snapshot whose source contains this text (any case) is the generator's illustrative
# sample data: every place that shows or exports its figures says so.
SAMPLE_MARKER = "illustrative sample data"


def is_sample_source(source: str | None) -> bool:
    return SAMPLE_MARKER in (source or "").lower()


_SEED = re.compile(r" \(seed \d+\)")


def reader_source(source: str) -> str:
    """A snapshot's source as a reader is shown it: the generator's seed dropped from
    the sample data's source (it means nothing to a reader); any other source as written."""
    return _SEED.sub("", source) if is_sample_source(source) else source


ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int": pa.int32(),
    "double": pa.float64(),
    "date": pa.date32(),
}


@dataclass(frozen=True)
class Column:
    """One column of a contract table and its rules."""

    name: str
    type: str  # one of ARROW_TYPES
    description: str  # marked N_: English here (the template); said_description on a page
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    non_empty: bool = False
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    finite: bool = False
    fk: tuple[str, str] | None = None  # (table, column)
    # An optional column may be absent from a source or a published file: it then reads
    # as all null (agencies.cost_share, data contract version 2).
    optional: bool = False
    # The column's non-null values sum to at most this (within COST_SHARE_SUM_TOLERANCE).
    sum_max: float | None = None
    # Allowed values that depend on another column of the row: (that column, ((its value,
    # the values allowed here), ...)); ranges.range_class by side (version 3).
    allowed_by: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]] | None = None

    @property
    def said_description(self) -> str:
        """The description in the reader's language (the Data & methods data dictionary);
        `description` stays as written, for the template workbook (one cached copy)."""
        return _(self.description)


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]
    unique_together: tuple[str, ...] = field(default_factory=tuple)
    # An optional table may be absent from a source and from a published snapshot (the
    # `ranges` table, version 3); every required table must be present.
    optional: bool = False

    @property
    def said_grain(self) -> str:
        """The grain in the reader's language (`grain` stays as written)."""
        return _(self.grain)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.optional)

    def complete(self, table: pa.Table) -> pa.Table:
        """The table with every absent optional column added as all null."""
        for c in self.columns:
            if c.optional and c.name not in table.column_names:
                table = table.append_column(
                    pa.field(c.name, ARROW_TYPES[c.type], nullable=True),
                    pa.nulls(table.num_rows, ARROW_TYPES[c.type]),
                )
        return table

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def arrow_schema(self, present: Iterable[str] | None = None) -> pa.Schema:
        """The contract's schema; with `present`, only the required columns and the optional
        ones among `present` (a source or file without an optional column stays without it)."""
        keep = None if present is None else set(present)
        return pa.schema(
            [pa.field(c.name, ARROW_TYPES[c.type], nullable=c.nullable) for c in self.columns
             if keep is None or not c.optional or c.name in keep]
        )

    @property
    def file_name(self) -> str:
        return f"{self.name}.parquet"


def _fk_initiative(nullable: bool = False) -> Column:
    return Column(
        "initiative_id",
        "string",
        N_("The initiative (initiatives.initiative_id). Empty for an unearmarked contribution "
           "to the pooled fund.") if nullable else N_("The initiative "
                                                     "(initiatives.initiative_id)."),
        nullable=nullable,
        fk=("initiatives", "initiative_id"),
    )


def _amount(description: str, *, strictly_positive: bool = False) -> Column:
    return Column(
        "amount_usd",
        "double",
        description,
        minimum=0.0,
        min_exclusive=strictly_positive,
        finite=True,
    )


def _fiscal_year() -> Column:
    return Column("fiscal_year", "int", N_("Fiscal year of the line item."), minimum=1990, maximum=2100)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "initiatives",
            N_("one row per initiative of the ICT strategic framework"),
            (
                Column(
                    "initiative_id",
                    "string",
                    N_("Short code of the initiative: 2 to 16 of A-Z, 0-9 and _."),
                    unique=True,
                    pattern=r"[A-Z0-9_]{2,16}",
                ),
                Column("name", "string", N_("Name of the initiative."), non_empty=True),
                Column(
                    "category", "string", N_("Category of the strategic framework."), allowed=CATEGORIES
                ),
                Column("is_priority", "bool", N_("One of the eight priorities of A/60/323.")),
                Column("stage", "string", N_("Implementation step reached."), allowed=STAGES),
                Column(
                    "lead_agency",
                    "string",
                    N_("Organization leading the initiative (agencies.agency_code), or empty."),
                    nullable=True,
                    fk=("agencies", "agency_code"),
                ),
                Column(
                    "funding_target_usd",
                    "double",
                    N_("Funding sought for the initiative, in US dollars, or empty."),
                    nullable=True,
                    minimum=0.0,
                    finite=True,
                ),
            ),
        ),
        Table(
            "agencies",
            N_("one row per organization of the UN system"),
            (
                Column(
                    "agency_code",
                    "string",
                    N_("Acronym of the organization (e.g. UNDP)."),
                    unique=True,
                    non_empty=True,
                ),
                Column("name", "string", N_("Full name of the organization."), non_empty=True),
                Column("agency_type", "string", N_("Kind of organization."), allowed=AGENCY_TYPES),
                Column(
                    "cost_share",
                    "double",
                    N_("Share of shared, system-wide costs and benefits the organization carries "
                    "(the cost-sharing key), 0 to 1; empty for none. Optional column: without "
                    "it the snapshot has no cost-sharing key."),
                    nullable=True,
                    minimum=0.0,
                    maximum=1.0,
                    finite=True,
                    optional=True,
                    sum_max=COST_SHARE_SUM_MAX,
                ),
            ),
        ),
        Table(
            "costs",
            N_("one row per estimated cost line item (not unique: sum them)"),
            (
                _fk_initiative(),
                Column(
                    "agency_code",
                    "string",
                    N_("Organization bearing the cost, or empty for a shared, system-wide cost."),
                    nullable=True,
                    fk=("agencies", "agency_code"),
                ),
                _fiscal_year(),
                Column("cost_category", "string", N_("Kind of cost."), allowed=COST_CATEGORIES),
                Column("is_recurring", "bool", N_("True for a recurring cost, false for one-off.")),
                _amount(N_("Estimated cost in US dollars.")),
            ),
        ),
        Table(
            "benefits",
            N_("one row per expected benefit line item (not unique: sum them)"),
            (
                _fk_initiative(),
                Column(
                    "agency_code",
                    "string",
                    N_("Organization receiving the benefit, or empty for a system-wide benefit."),
                    nullable=True,
                    fk=("agencies", "agency_code"),
                ),
                _fiscal_year(),
                Column(
                    "benefit_category", "string", N_("Kind of benefit."), allowed=BENEFIT_CATEGORIES
                ),
                Column(
                    "confidence",
                    "string",
                    N_("How firm the benefit estimate is."),
                    allowed=CONFIDENCE_LEVELS,
                ),
                _amount(N_("Expected benefit in US dollars.")),
            ),
        ),
        Table(
            "commitments",
            N_("one row per (initiative, organization) pair"),
            (
                _fk_initiative(),
                Column(
                    "agency_code",
                    "string",
                    N_("The organization (agencies.agency_code)."),
                    fk=("agencies", "agency_code"),
                ),
                Column(
                    "commitment_level",
                    "string",
                    N_("How far the organization has committed, from none to lead."),
                    allowed=COMMITMENT_LEVELS,
                ),
                Column(
                    "relative_value",
                    "int",
                    N_("Value of this initiative to this organization, 1 (low) to 5 (high)."),
                    minimum=1,
                    maximum=5,
                ),
                Column(
                    "pledged_usd",
                    "double",
                    N_("The organization's own funding share, in US dollars."),
                    minimum=0.0,
                    finite=True,
                ),
            ),
            unique_together=("initiative_id", "agency_code"),
        ),
        Table(
            "contributions",
            N_("one row per voluntary funding contribution"),
            (
                Column(
                    "contribution_id",
                    "string",
                    N_("Identifier of the contribution."),
                    unique=True,
                    non_empty=True,
                ),
                Column(
                    "donor",
                    "string",
                    N_("Name of the donor (any text, apostrophes included)."),
                    non_empty=True,
                ),
                Column("donor_type", "string", N_("Kind of donor."), allowed=DONOR_TYPES),
                _fk_initiative(nullable=True),
                Column(
                    "contribution_type",
                    "string",
                    N_("Cash, in-kind, or host-country support."),
                    allowed=CONTRIBUTION_TYPES,
                ),
                Column(
                    "status",
                    "string",
                    N_("Pledged (promised, not yet paid) or paid."),
                    allowed=CONTRIBUTION_STATUSES,
                ),
                Column("date", "date", N_("Date of the pledge or payment (ISO, YYYY-MM-DD).")),
                _amount(N_("Amount in US dollars, greater than 0."), strictly_positive=True),
            ),
        ),
        Table(
            "ranges",
            N_("one row per side (cost or benefit) and range class whose default factors the snapshot replaces"),
            (
                Column("side", "string", N_("Which estimates the row is about: benefit or cost."),
                       allowed=RANGE_SIDES),
                Column(
                    "range_class",
                    "string",
                    N_("The kind of line: for benefits its confidence (high, medium, low); for "
                    "costs one_off or recurring."),
                    allowed=tuple(c for side in RANGE_SIDES for c in RANGE_CLASSES[side]),
                    allowed_by=("side", tuple(RANGE_CLASSES.items())),
                ),
                Column(
                    "low_factor",
                    "double",
                    N_("The least a line may come to, as a multiple of its stated amount (0 to 1)."),
                    minimum=LOW_FACTOR_LIMITS[0],
                    maximum=LOW_FACTOR_LIMITS[1],
                    finite=True,
                ),
                Column(
                    "high_factor",
                    "double",
                    N_("The most a line may come to, as a multiple of its stated amount (1 to 10)."),
                    minimum=HIGH_FACTOR_LIMITS[0],
                    maximum=HIGH_FACTOR_LIMITS[1],
                    finite=True,
                ),
            ),
            unique_together=("side", "range_class"),
            optional=True,
        ),
    )
}

TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
# The tables every source and every published snapshot must hold (all but `ranges`).
REQUIRED_TABLES: tuple[str, ...] = tuple(n for n, t in TABLES.items() if not t.optional)
