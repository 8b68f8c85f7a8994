"""The definitions in a manager's words (data/README.md, "In plain words"), in the reader's
language: what Data & methods and the briefing's methods show.

Each paragraph (or list item) is one message, translated whole; every figure in it (the
default discount rate, the range factors, the number of simulated outcomes, the rating
scale, the weights' step, the example amounts) is a `{placeholder}` filled after
translation from the constant the dashboard computes with, formatted for the language
(dashboard/lang/numbers.py). So a figure has one definition, the English and the French say
the same numbers (tests/output/test_plain_words.py compares them), and data/README.md's
section is this module's English rendering (a test keeps the two equal; docs/translating.md
says why the text lives here and not in a French twin of the README).
"""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import format_percent

from dashboard.analysis.ranges import DRAWS, P_HIGH, P_LOW
from dashboard.analysis.scoring import DEFAULT_WEIGHTS
from dashboard.config import DEFAULT_DISCOUNT_RATE
from dashboard.contract.docs import READER_SECTIONS
from dashboard.contract.schema import RANGE_DEFAULTS, TABLES
from dashboard.formatting import CENTS_BELOW
from dashboard.lang.numbers import money, number
from dashboard.lang.numbers import ratio as ratio_words
from dashboard.lang.translate import _, current
from dashboard.output import rules_notes
from dashboard.query.filters import LABELS, ORGANIZATION

REPORT = "A/60/323"  # the General Assembly report the ranking follows
REPORT_PARAGRAPH = 7
RATIO_EXAMPLE = 1.8  # "1.8x" means each dollar of cost brings $1.80 of benefit
AMOUNT_EXAMPLES = (0.96, 255, 12_345, 12_345_678, 1_234_567_890)  # format_usd's steps
LIKELY_EXAMPLE = (150e6, 240e6)
SCALE = (0, 1)  # min-max: the lowest of the initiatives shown, the highest


def whole_percent(fraction: float) -> str:
    """'5%' in English, '5 %' (a narrow no-break space) in French."""
    return format_percent(round(fraction, 6), locale=current())


def ratio(value: float) -> str:
    """A benefit-cost ratio as the tiles write it, by the one ratio formatter
    (lang/numbers.py): '1.8x', '1,8 ×' (F2 #8)."""
    return ratio_words(value)


def _factors() -> dict[str, str]:
    """The default ranges' figures: how much less or more each estimate may come to."""
    f = {(r.side, r.range_class): r for r in RANGE_DEFAULTS}
    out = {}
    for name, key in (("firm", ("benefit", "high")), ("likely", ("benefit", "medium")),
                      ("uncertain", ("benefit", "low"))):
        out[f"{name}_less"] = whole_percent(1 - f[key].low_factor)
        out[f"{name}_more"] = whole_percent(f[key].high_factor - 1)
    out["uncertain_least"] = whole_percent(f["benefit", "low"].low_factor)
    out["one_off_over"] = whole_percent(f["cost", "one_off"].high_factor - 1)
    out["recurring_over"] = whole_percent(f["cost", "recurring"].high_factor - 1)
    under = {1 - f["cost", c].low_factor for c in ("one_off", "recurring")}
    assert len({round(u, 6) for u in under}) == 1, "the text says both costs' least is one figure"
    out["cost_less"] = whole_percent(under.pop())
    return out


def figures() -> dict[str, str]:
    """Every figure the definitions quote, formatted in the current language."""
    rating = next(c for c in TABLES["commitments"].columns if c.name == "relative_value")
    inside = round((P_HIGH - P_LOW) * 10)
    assert all(w == DEFAULT_WEIGHTS[0] for w in DEFAULT_WEIGHTS) and DEFAULT_WEIGHTS[0] == 1 / 3, \
        "the text says 'a third each'"
    return {
        "rate": whole_percent(DEFAULT_DISCOUNT_RATE),
        "ratio": ratio(RATIO_EXAMPLE), "per_dollar": money(RATIO_EXAMPLE),
        **{f"amount{i}": money(a) for i, a in enumerate(AMOUNT_EXAMPLES)},
        "cents_below": money(CENTS_BELOW),
        "report": REPORT, "paragraph": number(REPORT_PARAGRAPH, 0),
        "rating_low": number(rating.minimum, 0), "rating_high": number(rating.maximum, 0),
        "scale_low": number(SCALE[0], 0), "scale_high": number(SCALE[1], 0),
        "first": number(1, 0), "ties": rules_notes.ties_shown(),
        **{f"step_{k}": v for k, v in rules_notes.weight_step().items()},
        "likely_low": money(LIKELY_EXAMPLE[0]), "likely_high": money(LIKELY_EXAMPLE[1]),
        "inside": number(inside, 0), "out_of": number(10, 0), "draws": number(DRAWS, 0),
        **_factors(),
    }


def _headline_figures() -> list[str]:
    return [
        _("All amounts are in US dollars, over the initiatives and years the filters keep."),
        "- " + _("**Total cost**: every estimated cost of the initiatives shown (staff, "
                 "consultancy, hardware, software, hosting, training, travel and other "
                 "costs), added up."),
        "- " + _("**Total benefit**: every benefit the business cases expect (savings, costs "
                 "avoided, time saved, better service), added up."),
        "- " + _("**Net benefit**: the total benefit minus the total cost."),
        "- " + _("**Benefit-cost ratio**: the total benefit divided by the total cost. "
                 "\"{ratio}\" means each dollar of cost is expected to bring {per_dollar} of "
                 "benefit; \"—\" when there is no cost."),
        "- " + _("**Organizations committed**: how many organizations have committed to, or "
                 "lead, at least one of the initiatives shown."),
        "- " + _("**Paid contributions**: the voluntary contributions (from Member States, "
                 "foundations and others) received."),
        "- " + _("**Donor pledges, not yet paid**: contributions promised but not yet paid. A "
                 "donor pledge is never added to what has been paid, and never counted against "
                 "a funding target."),
        "- " + _("**Organizations' pledged shares** (not a tile: Initiative detail, Funding and "
                 "the tables): what each organization pledged to an initiative itself; it "
                 "counts against the initiative's funding target."),
        "- " + _("**Funding gap**: for each initiative with a funding target, the part of the "
                 "target that neither the organizations' pledged shares nor the paid "
                 "contributions to it cover yet, added up over the initiatives shown. An "
                 "initiative without a funding target counts as no gap. Choosing an "
                 "organization does not change the gap: funding belongs to initiatives."),
        "- " + _("**Net present value (NPV)**: each year's benefit minus cost, with later years "
                 "counted for less at the discount rate chosen in the sidebar ({rate} unless "
                 "changed), added up from the first year shown: what the stream of costs and "
                 "benefits is worth today."),
        "- " + _("**Payback year**: the first year in which the benefits so far have caught up "
                 "with the costs so far."),
        _("Amounts read \"{amount0}\" (with cents) under {cents_below}, \"{amount1}\" below a "
          "thousand, then \"{amount2}\", \"{amount3}\" and \"{amount4}\"; \"—\" means there is "
          "no value."),
    ]


def _filters() -> list[str]:
    return [
        "- " + _("**Snapshot**: which published estimate is shown; the newest unless you "
                 "choose another."),
        "- " + _("**{category}**, **{initiative}**, **{priority}**: keep only those "
                 "initiatives, and everything about them.").format(
            **{k: _(LABELS[k]) for k in ("category", "initiative", "priority")}),
        "- " + _("**{organization}**: the organization's own costs and benefits, plus its share "
                 "of the shared, system-wide ones (its share of the cost-sharing key, a "
                 "percentage every page states); the commitments of that organization. "
                 "Contributions and the funding gap belong to initiatives and are not narrowed "
                 "by organization.").format(organization=_(ORGANIZATION.label)),
        "- " + _("**{years}**: the costs and benefits of those fiscal years, and the "
                 "contributions made in them. Commitments have no year.").format(
            years=_(LABELS["years"])),
        "- " + _("Contributions not earmarked to an initiative (to the pooled fund) are counted "
                 "only while no category, initiative or priority filter is set."),
        _("The page's address holds every filter and setting, so a link you copy opens the "
          "same view. A value in a link that is not valid is ignored, and the page says "
          "which."),
    ]


def _ranking() -> list[str]:
    return [
        _("Following report {report} (paragraph {paragraph}), each initiative gets a score "
          "from three factors: a low cost, a high benefit, and the value the organizations "
          "give it (their ratings from {rating_low} to {rating_high}, averaged). On each "
          "factor the initiatives shown are placed on a scale from {scale_low} (the lowest "
          "among them) to {scale_high} (the highest), so the score compares the initiatives "
          "with one another, not with a fixed standard: one initiative far larger than the "
          "rest puts all the others near {scale_low} on that factor, however different they "
          "are. The weights (a third each unless you change them) say how much each factor "
          "counts. Rank {first} is the highest score. {ties}"),
        _("With a budget, the dashboard picks the initiatives whose costs together fit within "
          "it and whose scores together are highest. It compares every possible combination, "
          "not a rule of thumb; where there are so many initiatives that this would take too "
          "long, it says how close to the best possible the selection it shows is proven to "
          "be. The efficient frontier shows the best total score reachable at each budget."),
        _("Rank sensitivity shows how far each initiative's rank moves when each weight moves "
          "{step_points} percentage points up or down (a weight of {step_weight} becomes "
          "{step_low} or {step_high}): a short bar is a rank that holds whatever the "
          "weights."),
    ]


def _how_sure() -> list[str]:
    return [
        _("Every cost and benefit is an estimate, so each is given a range: a firm "
          "(high-confidence) benefit may come to {firm_less} less or {firm_more} more than "
          "stated; a likely (medium-confidence) one {likely_less} less or {likely_more} more; "
          "an uncertain (low-confidence) one as little as {uncertain_least} of it, or "
          "{uncertain_more} more. A one-off cost may overrun by up to {one_off_over}, a "
          "recurring one by up to {recurring_over}; either may come to {cost_less} less. "
          "These defaults follow three-point estimation as appraisal guidance such as HM "
          "Treasury's Green Book expects: business cases tend to overstate benefits and "
          "understate costs. A snapshot may give its own ranges instead. \"Likely "
          "{likely_low} to {likely_high}\" means that, if the ranges are right, {inside} "
          "times in {out_of} the outcome falls within that span. The spans come from "
          "{draws} simulated outcomes, the same each time for the same view."),
    ]


def _briefing() -> list[str]:
    return [
        _("\"Briefing (PDF)\" in the sidebar makes a PDF of the current view for a board: a "
          "cover with the snapshot, the filters and the settings; the headline figures and "
          "their change since the previous snapshot; a section for each page with its charts "
          "and short tables; and these definitions. Initiative detail is not in the pack. One "
          "pack is made at a time: a second request waits, with a message, until the first "
          "is done."),
    ]


# data/README.md's level-3 headings under "In plain words", in order: their paragraphs
PARAGRAPHS: dict[str, Callable[[], list[str]]] = dict(zip(READER_SECTIONS, (
    _headline_figures, _filters, _ranking, _how_sure, _briefing), strict=True))


def heading(name: str) -> str:
    """A section's heading in the current language (`name`: its English heading)."""
    return {
        "What each headline figure means": _("What each headline figure means"),
        "What the filters do": _("What the filters do"),
        "How initiatives are ranked": _("How initiatives are ranked"),
        "How sure the figures are, in short": _("How sure the figures are, in short"),
        "The briefing pack": _("The briefing pack"),
    }[name]


def section(name: str) -> str:
    """The Markdown of the section with English heading `name`, in the current language,
    with every figure filled in: list items on their own lines, paragraphs apart."""
    values = figures()
    blocks: list[str] = []
    for text in (t.format(**values) for t in PARAGRAPHS[name]()):
        item = text.startswith("- ")
        if blocks and item and blocks[-1].startswith("- "):
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
    return "\n\n".join(blocks)
