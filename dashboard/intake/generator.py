"""The illustrative sample data: `python -m dashboard generate --out DIR`.

Writes DIR/snapshots/<as_of>/ for each of the dated sample snapshots through the atomic
`publishing.publish`, deterministically for a seed (same seed, byte-identical files).

The data tells a plausible story, but it is not official: the 15 initiatives of the UN
system ICT strategic framework in its five categories (the eight priorities named as
report A/60/323 names them, the other seven named illustratively), 27 organizations of the
UN system, cost and benefit estimates by fiscal year 2004-2010 that are revised from one
snapshot to the next, commitments that grow, and voluntary contributions that are pledged,
then paid. data/README.md ("The sample data") describes it for maintainers.

All randomness comes from one numpy Generator(PCG64(seed)), drawn in a fixed order: every
snapshot is derived from the same draws, so `--snapshots K` writes exactly the newest K
snapshots of the full run. `--cost-rows N` splits the newest written snapshot's cost line
items into exactly N smaller pieces (the totals per initiative, organization, year and
category stay the same), generated and written as record batches of at most
CHUNK_ROWS rows, so that 10 million rows need bounded memory. The split draws from a
separate stream (PCG64(seed).jumped()), so every other file is unchanged by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from dashboard import config
from dashboard.contract.schema import (
    BENEFIT_CATEGORIES,
    COMMITMENT_LEVELS,
    CONFIDENCE_LEVELS,
    COST_CATEGORIES,
    DONOR_TYPES,
    REQUIRED_TABLES,
    SAMPLE_MARKER,
    STAGES,
    TABLES,
)
from dashboard.store import publishing

SNAPSHOT_DATES: tuple[str, ...] = ("2004-10-01", "2005-03-31", "2005-09-01", "2006-03-31")
LAST_YEAR = 2010
MAX_COST_ROWS = 10_000_000
CHUNK_ROWS = 1_000_000
SOURCE_TEXT = (  # starts with the sample marker, so every page and export flags it
    SAMPLE_MARKER.capitalize() + " made by the project's sample generator (seed {seed}); "
    "not official figures"
)
PUBLISHER = {"who": "Sample generator"}  # the manifest's published_by: no person published it


@dataclass(frozen=True)
class InitiativeSpec:
    """One initiative and the shape of its (illustrative) numbers."""

    initiative_id: str
    name: str
    category: str
    is_priority: bool
    final_stage: str  # the stage reached in the newest snapshot
    lead_agency: str | None  # the implementer, named once the stage reaches "implementer"
    cost_usd: float  # rough total cost 2004-2010 in the newest estimate
    bcr: float  # rough benefit-cost ratio 2004-2010
    start_year: int
    has_target: bool  # whether a funding target is ever set


# The eight priorities are named as report A/60/323 (paragraph 7) names them; the other
# seven are illustrative names (three after information-sharing tools the report mentions
# in paragraph 3).
INITIATIVES: tuple[InitiativeSpec, ...] = (
    InitiativeSpec("SOURCING", "ICT services sourcing strategy", "Working together", True,
                   "planning", "UNOPS", 8.0e6, 3.2, 2005, True),
    InitiativeSpec("DEVNET", "ICT development network", "ICT in development", True,
                   "implementer", "ITU", 18.0e6, 1.3, 2005, True),
    InitiativeSpec("COMMONAPPS", "Common applications solutions", "Working together", True,
                   "sponsorship", "UNICEF", 12.0e6, 2.4, 2005, True),
    InitiativeSpec("KS", "Knowledge-sharing", "ICT in development", True,
                   "implementation", "UNDP", 6.0e6, 1.7, 2004, True),
    InitiativeSpec("ERP", "Enterprise resource planning systems", "Working together", True,
                   "implementation", "WFP", 45.0e6, 2.2, 2004, True),
    InitiativeSpec("GOVERNANCE", "ICT governance and best practices", "ICT governance", True,
                   "implementation", "UN", 2.5e6, 1.5, 2004, False),
    InitiativeSpec("BUSCASE", "Business case development and costing", "ICT governance", True,
                   "completed", "WHO", 1.2e6, 1.2, 2004, True),
    InitiativeSpec("TRAINING", "ICT training", "Sustaining the initiative", True,
                   "implementation", "ILO", 4.0e6, 0.85, 2005, True),
    InitiativeSpec("INFOSEC", "Information security and disaster recovery",
                   "Information security", False, "planning", "IAEA", 9.0e6, 0.6, 2005, True),
    InitiativeSpec("EXTRANET", "UN system Extranet", "Working together", False,
                   "completed", "UN", 1.5e6, 1.9, 2004, False),
    InitiativeSpec("WEBSEARCH", "Inter-agency web search", "Working together", False,
                   "completed", "UNESCO", 0.8e6, 1.1, 2004, False),
    InitiativeSpec("PROCFA", "Inventory of procurement framework agreements", "Working together",
                   False, "implementation", "UNOPS", 0.6e6, 2.6, 2004, False),
    InitiativeSpec("IDENTITY", "Common identity and access management", "Information security",
                   False, "agency_commitment", None, 3.0e6, 0.7, 2006, True),
    InitiativeSpec("FIELDNET", "Common connectivity for field offices", "ICT in development",
                   False, "sponsorship", "UNHCR", 14.0e6, 1.4, 2006, True),
    InitiativeSpec("CHANGE", "ICT change management and communication",
                   "Sustaining the initiative", False, "high_value", None, 1.0e6, 0.45, 2005,
                   False),
)

# agency_code, name, agency_type, relative size (weights who takes part and who bears cost).
# UNCTAD and UNODC are parts of the United Nations Secretariat, hence "secretariat".
AGENCIES: tuple[tuple[str, str, str, float], ...] = (
    ("UN", "United Nations Secretariat", "secretariat", 5.0),
    ("UNCTAD", "United Nations Conference on Trade and Development", "secretariat", 1.0),
    ("UNODC", "United Nations Office on Drugs and Crime", "secretariat", 1.5),
    ("UNDP", "United Nations Development Programme", "fund_programme", 5.0),
    ("UNICEF", "United Nations Children's Fund", "fund_programme", 5.0),
    ("UNFPA", "United Nations Population Fund", "fund_programme", 2.0),
    ("WFP", "World Food Programme", "fund_programme", 4.0),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees",
     "fund_programme", 4.0),
    ("UNRWA", "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
     "fund_programme", 2.0),
    ("UNEP", "United Nations Environment Programme", "fund_programme", 1.5),
    ("UN-Habitat", "United Nations Human Settlements Programme", "fund_programme", 1.0),
    ("UNOPS", "United Nations Office for Project Services", "fund_programme", 2.0),
    ("ILO", "International Labour Organization", "specialized_agency", 2.0),
    ("FAO", "Food and Agriculture Organization of the United Nations", "specialized_agency", 3.0),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization",
     "specialized_agency", 2.0),
    ("ICAO", "International Civil Aviation Organization", "specialized_agency", 1.0),
    ("WHO", "World Health Organization", "specialized_agency", 4.0),
    ("UPU", "Universal Postal Union", "specialized_agency", 1.0),
    ("ITU", "International Telecommunication Union", "specialized_agency", 2.0),
    ("WMO", "World Meteorological Organization", "specialized_agency", 1.0),
    ("IMO", "International Maritime Organization", "specialized_agency", 1.0),
    ("WIPO", "World Intellectual Property Organization", "specialized_agency", 2.0),
    ("IFAD", "International Fund for Agricultural Development", "specialized_agency", 1.2),
    ("UNIDO", "United Nations Industrial Development Organization", "specialized_agency", 1.2),
    ("UNWTO", "World Tourism Organization", "specialized_agency", 0.6),
    ("IAEA", "International Atomic Energy Agency", "related_organization", 2.0),
    ("WTO", "World Trade Organization", "related_organization", 1.0),
)

# donor, donor_type, can host (host-country contributions: premises, connectivity).
# Member states and intergovernmental bodies are real names used illustratively; the
# private-sector, foundation, civil-society and academic donors are fictional.
DONORS: tuple[tuple[str, str, bool], ...] = (
    ("Norway", "member_state", False),
    ("Switzerland", "member_state", True),
    ("Sweden", "member_state", False),
    ("Netherlands", "member_state", False),
    ("Japan", "member_state", False),
    ("Canada", "member_state", False),
    ("Denmark", "member_state", False),
    ("Finland", "member_state", False),
    ("Italy", "member_state", True),
    ("Austria", "member_state", True),
    ("Kenya", "member_state", True),
    ("Côte d'Ivoire", "member_state", False),
    ("Lao People's Democratic Republic", "member_state", False),
    ("Republic of Korea", "member_state", False),
    ("India", "member_state", False),
    ("Brazil", "member_state", False),
    ("United Nations Development Programme", "un_system", False),
    ("International Telecommunication Union", "un_system", False),
    ("Contoso Networks", "private_sector", False),
    ("Fabrikam Systems", "private_sector", False),
    ("European Commission", "intergovernmental", False),
    ("African Development Bank", "intergovernmental", False),
    ("Tailspin Foundation", "foundation", False),
    ("Northwind Trust", "foundation", False),
    ("ICT4D Civil Society Network", "civil_society", False),
    ("Digital Solidarity Alliance", "civil_society", False),
    ("Institute for Open Standards", "academic_technical", False),
    ("Geneva School of Informatics", "academic_technical", False),
)
N_CONTRIBUTIONS = 84

# How much an organization of each type values an initiative of each category (1-5 scale,
# before noise): field-heavy funds and programmes value development and shared services,
# the Secretariat governance, the related organizations security.
AFFINITY: dict[str, dict[str, float]] = {
    "ICT in development": {"secretariat": 2.8, "fund_programme": 4.2,
                           "specialized_agency": 3.4, "related_organization": 2.2},
    "ICT governance": {"secretariat": 3.9, "fund_programme": 3.2,
                       "specialized_agency": 3.3, "related_organization": 3.0},
    "Information security": {"secretariat": 3.6, "fund_programme": 3.0,
                             "specialized_agency": 3.2, "related_organization": 4.2},
    "Working together": {"secretariat": 3.6, "fund_programme": 3.9,
                         "specialized_agency": 3.1, "related_organization": 2.5},
    "Sustaining the initiative": {"secretariat": 3.0, "fund_programme": 2.9,
                                  "specialized_agency": 3.1, "related_organization": 2.7},
}
COST_CATEGORY_P = (0.24, 0.14, 0.12, 0.14, 0.10, 0.10, 0.08, 0.08)
RECURRING_P = {"staff": 0.95, "consultancy": 0.2, "hardware": 0.1, "software": 0.45,
               "hosting": 0.95, "training": 0.5, "travel": 0.8, "other": 0.5}
BENEFIT_CATEGORY_P = (0.3, 0.25, 0.3, 0.15)
BENEFIT_CONFIDENCE_SHIFT = {"cost_savings": 0, "cost_avoidance": 0, "productivity": -1,
                            "service_quality": -1}


def created_at_for(as_of: str) -> str:
    """The fixed manifest created_at of a sample snapshot: 09:00 UTC the day after as_of."""
    day = dt.date.fromisoformat(as_of) + dt.timedelta(days=1)
    return f"{day.isoformat()}T09:00:00Z"


def source_text(seed: int, cost_rows: int | None = None) -> str:
    text = SOURCE_TEXT.format(seed=seed)
    if cost_rows is not None:
        text += f"; cost line items split into {cost_rows:,} rows for benchmarking"
    return text


# ---------------------------------------------------------------------------------------
# The portfolio: every draw, in a fixed order, then one set of tables per snapshot
# ---------------------------------------------------------------------------------------


def _table(name: str, columns: dict[str, list]) -> pa.Table:
    schema = TABLES[name].arrow_schema()
    return pa.table({f.name: pa.array(columns[f.name], type=f.type) for f in schema},
                    schema=schema)


def cost_shares() -> dict[str, float]:
    """An illustrative cost-sharing key: each organization's share of shared, system-wide
    costs and benefits, proportional to its relative size in AGENCIES, in whole basis points
    (largest remainders) so that the shares sum to exactly 1. Not the CEB's real key, and
    drawn from no random numbers, so the other tables do not depend on it."""
    size = np.array([a[3] for a in AGENCIES])
    exact = size / size.sum() * 10_000
    points = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - points), kind="stable")[: 10_000 - int(points.sum())]:
        points[i] += 1
    return {a[0]: int(p) / 10_000 for a, p in zip(AGENCIES, points, strict=True)}


def _round_amount(x: float, unit: float = 100.0) -> float:
    """Round an amount to whole `unit`s, never below one unit (amounts stay positive)."""
    return float(max(unit, round(x / unit) * unit))


@dataclass
class _Plan:
    """One initiative's drawn history: its stage, revisions, commitments and line items
    over every snapshot (the same draws, in the same order, as the sample always had)."""

    spec: InitiativeSpec
    stage_idx: list[int]
    cost_factor: list[float]
    benefit_factor: list[float]
    target_from: int
    target_share: float
    pairs: list[tuple]
    cost_lines: list[tuple]
    benefit_lines: list[tuple]
    base_cost_total: float


def _agency_rows(per_snap: list[dict[str, dict[str, list]]]) -> None:
    shares = cost_shares()
    for tables in per_snap:
        agencies = tables["agencies"]
        for code, name, kind, _ in AGENCIES:
            agencies["agency_code"].append(code)
            agencies["name"].append(name)
            agencies["agency_type"].append(kind)
            agencies["cost_share"].append(shares[code])


def _commitment_pairs(rng: np.random.Generator, spec: InitiativeSpec, final: int) -> list[tuple]:
    """(agency, is lead, final level, level steps, first snapshot, relative value, pledge
    share) for each organization committed to the initiative."""
    n_snap = len(SNAPSHOT_DATES)
    codes = [a[0] for a in AGENCIES]
    agency_type = {a[0]: a[2] for a in AGENCIES}
    size = np.array([a[3] for a in AGENCIES])
    n_pairs = int(rng.integers(5, 17)) + (4 if spec.is_priority else 0)
    p = size / size.sum()
    chosen = list(rng.choice(len(codes), size=n_pairs, replace=False, p=p))
    if spec.lead_agency is not None and codes.index(spec.lead_agency) not in chosen:
        chosen[-1] = codes.index(spec.lead_agency)
    progress = final / (len(STAGES) - 1)
    level_p = np.array([0.03 + 0.15 * (1 - progress), 0.35 - 0.15 * progress, 0.30,
                        0.15 + 0.35 * progress])
    level_p /= level_p.sum()
    pairs = []
    for k in sorted(chosen, key=lambda i: codes[i]):
        code = codes[k]
        is_lead = code == spec.lead_agency
        final_level = 3 if is_lead else int(rng.choice(4, p=level_p))
        steps = rng.random(n_snap - 1) < 0.35
        entry = 0 if (is_lead or rng.random() < 0.55) else int(rng.integers(1, n_snap))
        base_value = AFFINITY[spec.category][agency_type[code]] + (0.6 if is_lead else 0.0)
        value = int(np.clip(round(base_value + rng.normal(0, 0.8)), 1, 5))
        share = float(rng.uniform(0.005, 0.025)) * spec.cost_usd
        pairs.append((code, is_lead, final_level, steps, entry, value, share))
    return pairs


def _cost_lines(rng: np.random.Generator, spec: InitiativeSpec, participants: list[str],
                part_p: np.ndarray) -> list[tuple]:
    """(agency, category, recurring, {year: base amount}), scaled to the initiative's cost."""
    cost_lines = []
    for _ in range(int(rng.integers(7, 13))):
        cat = COST_CATEGORIES[int(rng.choice(len(COST_CATEGORIES), p=COST_CATEGORY_P))]
        recurring = bool(rng.random() < RECURRING_P[cat])
        agency = (None if rng.random() < 0.3
                  else participants[int(rng.choice(len(participants), p=part_p))])
        weight = float(rng.lognormal(0.0, 0.6))
        if recurring:
            growth = 1.0 + float(rng.uniform(0.0, 0.06))
            years = {y: weight * growth ** (y - spec.start_year)
                     for y in range(spec.start_year, LAST_YEAR + 1)}
        else:
            y = spec.start_year + int(rng.integers(0, 2))
            years = {y: 3.0 * weight}
        cost_lines.append((agency, cat, recurring, years))
    total = sum(sum(ys.values()) for *_, ys in cost_lines)
    scale = spec.cost_usd * float(rng.uniform(0.9, 1.1)) / total
    return [(a, c, r, {y: v * scale for y, v in ys.items()}) for a, c, r, ys in cost_lines]


def _benefit_lines(rng: np.random.Generator, spec: InitiativeSpec, participants: list[str],
                   part_p: np.ndarray, base_cost_total: float) -> list[tuple]:
    """(agency, category, confidence shift, {year: base amount}), scaled to the
    initiative's benefit-cost ratio."""
    benefit_lines = []
    for _ in range(int(rng.integers(3, 7))):
        cat = BENEFIT_CATEGORIES[int(rng.choice(len(BENEFIT_CATEGORIES),
                                                p=BENEFIT_CATEGORY_P))]
        agency = (None if rng.random() < 0.4
                  else participants[int(rng.choice(len(participants), p=part_p))])
        start = spec.start_year + int(rng.integers(1, 3))
        ramp = int(rng.integers(2, 4))
        weight = float(rng.lognormal(0.0, 0.5))
        shift = BENEFIT_CONFIDENCE_SHIFT[cat] + int(rng.choice([-1, 0, 0, 1]))
        years = {y: weight * min(1.0, (y - start + 1) / ramp)
                 for y in range(start, LAST_YEAR + 1)}
        benefit_lines.append((agency, cat, shift, years))
    total = sum(sum(ys.values()) for *_, ys in benefit_lines)
    scale = base_cost_total * spec.bcr * float(rng.uniform(0.9, 1.1)) / total
    return [(a, c, h, {y: v * scale for y, v in ys.items()}) for a, c, h, ys in benefit_lines]


def _plan(rng: np.random.Generator, spec: InitiativeSpec) -> _Plan:
    n_snap = len(SNAPSHOT_DATES)
    n_int = n_snap - 1  # intervals between consecutive snapshots
    final = STAGES.index(spec.final_stage)
    advances = rng.choice([0, 1, 1, 2], size=n_int)
    stage_idx = [max(0, final - int(advances[s:].sum())) for s in range(n_snap)]
    cost_growth = rng.normal(0.035, 0.05, size=n_int)
    benefit_growth = rng.normal(0.0, 0.07, size=n_int)
    cost_factor = [1.0 / float(np.prod(1.0 + cost_growth[s:])) for s in range(n_snap)]
    benefit_factor = [1.0 / float(np.prod(1.0 + benefit_growth[s:])) for s in range(n_snap)]
    target_from = int(rng.integers(0, 3))
    target_share = float(rng.uniform(0.45, 0.75))
    pairs = _commitment_pairs(rng, spec, final)
    codes = [a[0] for a in AGENCIES]
    size = np.array([a[3] for a in AGENCIES])
    participants = [c for c, *_ in pairs]
    part_p = np.array([size[codes.index(c)] for c in participants])
    part_p = part_p / part_p.sum()
    cost_lines = _cost_lines(rng, spec, participants, part_p)
    base_cost_total = sum(sum(ys.values()) for *_, ys in cost_lines)
    benefit_lines = _benefit_lines(rng, spec, participants, part_p, base_cost_total)
    return _Plan(spec, stage_idx, cost_factor, benefit_factor, target_from, target_share,
                 pairs, cost_lines, benefit_lines, base_cost_total)


def _initiative_and_commitment_rows(t: dict[str, dict[str, list]], plan: _Plan, s: int) -> None:
    spec = plan.spec
    stage = STAGES[plan.stage_idx[s]]
    lead = spec.lead_agency if plan.stage_idx[s] >= STAGES.index("implementer") else None
    target = (_round_amount(plan.base_cost_total * plan.target_share * plan.cost_factor[s],
                            1000.0)
              if spec.has_target and s >= plan.target_from else None)
    ini = t["initiatives"]
    ini["initiative_id"].append(spec.initiative_id)
    ini["name"].append(spec.name)
    ini["category"].append(spec.category)
    ini["is_priority"].append(spec.is_priority)
    ini["stage"].append(stage)
    ini["lead_agency"].append(lead)
    ini["funding_target_usd"].append(target)

    com = t["commitments"]
    for code, is_lead, final_level, steps, entry, value, share in plan.pairs:
        if s < entry:
            continue
        level = max(0, final_level - int(steps[s:].sum()))
        if is_lead:
            level = 4 if lead is not None else max(level, 2)
        pledged = share * (0.0, 0.0, 0.35, 1.0, 2.5)[level]
        com["initiative_id"].append(spec.initiative_id)
        com["agency_code"].append(code)
        com["commitment_level"].append(COMMITMENT_LEVELS[level])
        com["relative_value"].append(value)
        com["pledged_usd"].append(float(round(pledged, -3)))


def _line_item_rows(rng: np.random.Generator, t: dict[str, dict[str, list]], plan: _Plan,
                    s: int) -> None:
    """The initiative's cost and benefit rows as snapshot `s` sees them (up to its horizon),
    each with its own small noise."""
    spec = plan.spec
    as_of_year = int(SNAPSHOT_DATES[s][:4])
    horizon = min(LAST_YEAR, as_of_year + 4)
    noise = rng.lognormal(0.0, 0.02, size=sum(len(ys) for *_, ys in plan.cost_lines))
    costs = t["costs"]
    i = 0
    for agency, cat, recurring, years in plan.cost_lines:
        for y, v in years.items():
            amount = v * plan.cost_factor[s] * float(noise[i])
            i += 1
            if y > horizon:
                continue
            costs["initiative_id"].append(spec.initiative_id)
            costs["agency_code"].append(agency)
            costs["fiscal_year"].append(y)
            costs["cost_category"].append(cat)
            costs["is_recurring"].append(recurring)
            costs["amount_usd"].append(_round_amount(amount))

    noise = rng.lognormal(0.0, 0.03, size=sum(len(ys) for *_, ys in plan.benefit_lines))
    ben = t["benefits"]
    i = 0
    for agency, cat, shift, years in plan.benefit_lines:
        for y, v in years.items():
            amount = v * plan.benefit_factor[s] * float(noise[i])
            i += 1
            if y > horizon:
                continue
            ahead = y - as_of_year
            conf = 2 if ahead <= 1 else (1 if ahead <= 3 else 0)
            ben["initiative_id"].append(spec.initiative_id)
            ben["agency_code"].append(agency)
            ben["fiscal_year"].append(y)
            ben["benefit_category"].append(cat)
            ben["confidence"].append(CONFIDENCE_LEVELS[int(np.clip(conf + shift, 0, 2))])
            ben["amount_usd"].append(_round_amount(amount))


def _contributions(rng: np.random.Generator) -> list[tuple]:
    """Every contribution: pledged on a date, some paid later, with its id in pledge order."""
    first = dt.date(2004, 1, 15)
    last = dt.date(2006, 3, 25)
    earmark_p = np.array([s.cost_usd ** 0.5 * (1.5 if s.is_priority else 1.0)
                          for s in INITIATIVES])
    earmark_p /= earmark_p.sum()
    donor_p = np.array([3.0 if d[1] == "member_state" else 1.0 for d in DONORS])
    donor_p /= donor_p.sum()
    hosts = [d for d in DONORS if d[2]]
    drafts = []
    for n in range(N_CONTRIBUTIONS):
        if n <= len(DONOR_TYPES):
            # early on, one donor of every type and one host country, so that every
            # snapshot shows every donor type and every contribution type
            candidates = ([d for d in DONORS if d[1] == DONOR_TYPES[n]]
                          if n < len(DONOR_TYPES) else hosts)
            donor = candidates[int(rng.integers(len(candidates)))]
            pledge = first + dt.timedelta(days=int(rng.integers(0, 230)))
        else:
            donor = DONORS[int(rng.choice(len(DONORS), p=donor_p))]
            pledge = first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))
        name, donor_type, can_host = donor
        u = rng.random()
        if can_host and (u < 0.4 or n == len(DONOR_TYPES)):
            ctype = "host_country"
            amount = float(rng.uniform(2e5, 1.2e6))
        else:
            ctype = "in_kind" if u > 0.78 else "cash"
            amount = float(np.exp(rng.uniform(np.log(1.5e4), np.log(2e6))))
        initiative = (INITIATIVES[int(rng.choice(len(INITIATIVES), p=earmark_p))].initiative_id
                      if rng.random() < 0.7 else None)
        v = rng.random()
        if v < 0.25:
            paid = pledge  # paid on the day it was announced
        elif v < 0.85:
            paid = pledge + dt.timedelta(days=int(rng.integers(30, 400)))
        else:
            paid = None  # still a pledge at the last snapshot
        drafts.append((pledge, n, name, donor_type, initiative, ctype, paid,
                       _round_amount(amount, 1000.0)))
    drafts.sort(key=lambda d: (d[0], d[1]))
    per_year: dict[int, int] = {}
    contributions = []
    for pledge, _, name, donor_type, initiative, ctype, paid, amount in drafts:
        per_year[pledge.year] = per_year.get(pledge.year, 0) + 1
        cid = f"CTR-{pledge.year}-{per_year[pledge.year]:03d}"
        contributions.append((cid, name, donor_type, initiative, ctype, pledge, paid, amount))
    return contributions


def _contribution_rows(con: dict[str, list], contributions: list[tuple], as_of: str) -> None:
    """The contributions a snapshot sees: pledged by its date, paid if paid by then."""
    cut = dt.date.fromisoformat(as_of)
    for cid, name, donor_type, initiative, ctype, pledge, paid, amount in contributions:
        if pledge > cut:
            continue
        is_paid = paid is not None and paid <= cut
        con["contribution_id"].append(cid)
        con["donor"].append(name)
        con["donor_type"].append(donor_type)
        con["initiative_id"].append(initiative)
        con["contribution_type"].append(ctype)
        con["status"].append("paid" if is_paid else "pledged")
        con["date"].append(paid if is_paid else pledge)
        con["amount_usd"].append(amount)


def build_snapshots(seed: int) -> list[tuple[str, dict[str, pa.Table]]]:
    """Every sample snapshot (oldest first) as (as_of, {table name: pa.Table})."""
    rng = np.random.Generator(np.random.PCG64(seed))
    per_snap: list[dict[str, dict[str, list]]] = [
        {name: {c: [] for c in TABLES[name].column_names} for name in REQUIRED_TABLES}
        for _ in SNAPSHOT_DATES
    ]
    _agency_rows(per_snap)
    for spec in INITIATIVES:
        plan = _plan(rng, spec)
        for s, tables in enumerate(per_snap):  # one set of rows per snapshot
            _initiative_and_commitment_rows(tables, plan, s)
            _line_item_rows(rng, tables, plan, s)
    contributions = _contributions(rng)
    for s, as_of in enumerate(SNAPSHOT_DATES):
        _contribution_rows(per_snap[s]["contributions"], contributions, as_of)
    return [(as_of, {name: _table(name, per_snap[s][name]) for name in REQUIRED_TABLES})
            for s, as_of in enumerate(SNAPSHOT_DATES)]


# ---------------------------------------------------------------------------------------
# --cost-rows: split the cost line items into exactly N pieces, in bounded memory
# ---------------------------------------------------------------------------------------


def split_costs(costs: pa.Table, n_rows: int, seed: int,
                chunk_rows: int = CHUNK_ROWS) -> Iterator[pa.RecordBatch]:
    """Record batches holding exactly n_rows cost rows whose sums equal those of `costs`.

    Base row i becomes k or k + 1 pieces (k = n_rows // M, the first n_rows % M rows get one
    more), each keeping every column but amount_usd; the pieces' amounts are random shares
    of the base amount (weights normalized per base row), so every total by initiative,
    organization, year, category and recurrence is unchanged to floating-point accuracy.
    Batches hold at most chunk_rows rows and only whole base rows.
    """
    m = costs.num_rows
    if not m <= n_rows:
        raise ValueError(f"cannot split {m} cost rows into fewer ({n_rows})")
    k, extra = divmod(n_rows, m)
    if k + 1 > chunk_rows:
        raise ValueError(f"{n_rows} rows from {m} base rows exceed one chunk per base row")
    counts = np.full(m, k, dtype=np.int64)
    counts[:extra] += 1
    base_amount = costs.column("amount_usd").to_numpy()
    rng = np.random.Generator(np.random.PCG64(seed).jumped())
    per_chunk = max(1, chunk_rows // (k + 1))
    for lo in range(0, m, per_chunk):
        hi = min(m, lo + per_chunk)
        c = counts[lo:hi]
        idx = np.repeat(np.arange(lo, hi, dtype=np.int64), c)
        weights = rng.uniform(0.2, 1.8, size=idx.size)
        starts = np.concatenate(([0], np.cumsum(c)[:-1]))
        sums = np.add.reduceat(weights, starts)
        amounts = base_amount[idx] * weights / np.repeat(sums, c)
        piece = costs.take(pa.array(idx))
        piece = piece.set_column(piece.schema.get_field_index("amount_usd"),
                                 piece.schema.field("amount_usd"), pa.array(amounts))
        yield from piece.combine_chunks().to_batches()


# ---------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------


def generate(out: Path, seed: int = config.DEFAULT_SEED, cost_rows: int | None = None,
             n_snapshots: int | None = None) -> list[Path]:
    """Publish the sample snapshots (the newest n_snapshots, default all) under out/snapshots."""
    every = build_snapshots(seed)
    chosen = every[-n_snapshots:] if n_snapshots else every
    newest_as_of, newest_tables = chosen[-1]
    base_rows = newest_tables["costs"].num_rows
    if cost_rows is not None and cost_rows < base_rows:
        # checked before anything is written
        raise ValueError(
            f"--cost-rows {cost_rows:,} is below the {base_rows:,} cost line items of the "
            f"{newest_as_of} sample snapshot; ask for at least {base_rows:,}")
    written = []
    for pos, (as_of, tables) in enumerate(chosen):
        data: dict[str, object] = dict(tables)
        newest = pos == len(chosen) - 1
        if cost_rows is not None and newest:
            data["costs"] = split_costs(tables["costs"], cost_rows, seed)
        source = source_text(seed, cost_rows if (cost_rows is not None and newest) else None)
        written.append(publishing.publish(out, as_of, data, source, replace=True,
                                         created_at=created_at_for(as_of), publisher=PUBLISHER))
    return written
