"""The Overview in plain words: one sentence on where the portfolio stands, how sure it is
and what moved, and each headline tile's change since the previous snapshot. Pure
functions over the headline figures (dashboard/query/chart_data.py `kpis`, as a metric ->
value mapping; each figure's label, format and good direction: dashboard/contract/
metrics.py) and their `Scope`: what the figures cover under the filters (the organization
filter's share or every kept initiative; initiatives without a funding target; the
low-confidence share of the benefit) and each figure's likely range (data/README.md,
"Ranges: how sure each figure is")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.contract.labels import category_label
from dashboard.contract.metrics import BY_KEY, likely_means
from dashboard.contract.metrics import LIKELY_MEANS as LIKELY_MEANS  # its English, for tests
from dashboard.formatting import (
    MISSING,
    and_list,
    format_count,
    format_count_change,
    format_date,
    format_direction,
    format_ratio,
    format_ratios_apart,
    format_relative_change,
    format_rough_percent,
    format_usd,
    format_usd_change,
    is_missing,
    last_unit,
)
from dashboard.lang.lazy import N_, Msg
from dashboard.lang.translate import _, ngettext
from dashboard.lang.typography import typeset

NO_CHANGE = N_("No change")  # shown without an arrow or colour (read it with no_change())

# why a stated figure can lie outside its own likely range (the contract's default factors
# are skewed: benefits tend to be overstated, costs understated)
OUTSIDE_REASON = N_("the ranges assume, as appraisal guidance does, that benefits tend to be "
                    "overstated and costs understated.")
OUTSIDE_RANGE = Msg(N_("A stated figure can lie outside its likely range: {reason}"),
                    reason=OUTSIDE_REASON)  # str() reads it in the current language
# the headline figures the organization filter splits; the others (contributions and the
# funding gap) belong to initiatives (query/filters.CONTRIBUTIONS_NOT_FILTERED)
ORGANIZATION_SHARE = frozenset({"total_cost_usd", "total_benefit_usd", "net_benefit_usd",
                                "benefit_cost_ratio"})
# how a figure meets the organization filter: an organization's share of it (costs,
# benefits, NPV) or not split (contributions, funding targets and gaps: the whole
# portfolio's; not "all organizations": donors are not organizations, R4 #13)
SHARE, NOT_SPLIT = "share", "not split"
# or the chosen organizations' own (their pledged shares, whether they committed): "UNDP
# only", as the tile help says it ("Here: UNDP only."); R6a #8
OWN = "own"
# TRANSLATORS: whose figures: the chosen organizations' own ("UNDP only", in a bracket:
# "Organizations committed (UNDP only)")
ORGANIZATIONS_ONLY = N_("{organizations} only")
# a chart by category (the Overview's cost and benefit): a share under the organization
# filter, and under a category filter that keeps one category drawn by initiative within it
# (query/chart_data.portfolio_by_category), its title saying which: "(Working together only,
# US$)" (EN #19)
BY_CATEGORY = "by category"
WHOLE_PORTFOLIO = N_("whole portfolio")
# a tile whose stated figure lies outside its likely range says so on the tile itself
ABOVE_RANGE = N_("stated figure above its likely range")
BELOW_RANGE = N_("stated figure below its likely range")


def no_change() -> str:
    """'No change' in the reader's language (a tile's change when nothing moved)."""
    return _(NO_CHANGE)


def organizations_share(organizations: Sequence[str]) -> str:
    """"UNDP's share" / "UNDP and WFP's share": the organization codes stay as data, the
    words around them are translated whole (French: "quote-part de UNDP et WFP")."""
    # TRANSLATORS: {organizations} is one organization code or a list of them ("UNDP and WFP")
    # set in the language's typography where it is joined: French « quote‑part » never
    # breaks at its hyphen (tiles, titles, axes, captions: dashboard/lang/typography.py)
    return typeset(_("{organizations}'s share").format(organizations=and_list(organizations)))


def only_category(category: str) -> str:
    """"Working together only": the one category a chart by category is drawn for, in the
    reader's language (its title's brackets: "(Working together only, US$)")."""
    # TRANSLATORS: {category} is a category of the strategic framework ("Working together")
    return _("{category} only").format(category=category_label(category))


@dataclass(frozen=True)
class Scope:
    """What the headline figures cover under the filters, and how sure they are."""

    organizations: tuple[str, ...] = ()  # the organization filter's choice (none: all)
    categories: tuple[str, ...] = ()  # the category filter's choice (a chart BY_CATEGORY)
    initiatives: int = 0  # the kept initiatives
    without_target: int = 0  # of them, those with no funding target
    low_confidence: float | None = None  # share of the stated benefit that is low confidence
    likely: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # metric: P10, P90
    # the paid contributions dated after the snapshot's as-of date (counted as paid, as the
    # source records them: contract/dated_after.py): their sum, and the sentence saying so
    paid_after_usd: float = 0.0
    paid_after_words: str = ""
    # under one organization: how many of the kept initiatives it is committed to or leads
    committed_initiatives: int | None = None

    @property
    def whose(self) -> str | None:
        """'UNDP and WFP' (the chosen organizations' codes, listed) under the organization
        filter, else None: the sentences that name them take it as a placeholder."""
        return and_list(self.organizations) if self.organizations else None

    def phrase(self, kind: str) -> str | None:
        """Whose figure it is under the organization filter: "UNDP's share" (SHARE) or
        "whole portfolio" (NOT_SPLIT) or "UNDP only" (OWN); None without the filter. A chart BY_CATEGORY (a
        share) under a category filter keeping one says which, after the share if any:
        "Working together only". The tiles' labels and the chart titles (dashboard/
        registry.py `Chart.scope`) say it."""
        one = self.categories[0] if kind == BY_CATEGORY and len(self.categories) == 1 else None
        if not self.organizations:
            return only_category(one) if one else None
        if kind == NOT_SPLIT:
            return _(WHOLE_PORTFOLIO)
        if kind == OWN:
            return typeset(_(ORGANIZATIONS_ONLY).format(organizations=self.whose))
        share = organizations_share(self.organizations)
        # TRANSLATORS: whose figures a chart shows, then the one category it is drawn for:
        # "UNDP's share, Working together only"
        return _("{whose}, {category}").format(whose=share, category=only_category(one)) \
            if one else share

    def label(self, text: str, kind: str) -> str:
        """A tile's label with whose figure it is: 'Total cost (UNDP's share)', 'Funding gap
        (whole portfolio)'; the label as given without the filter."""
        return whose_after(text, self.phrase(kind))

    def likely_text(self, metric: str) -> str | None:
        """'Likely $133.0M to $145.0M' ('1.2x to 1.7x' for the ratio); None without a range."""
        lo_hi = self.likely.get(metric)
        if lo_hi is None or any(is_missing(v) for v in lo_hi):
            return None
        return likely_words(lo_hi[0], lo_hi[1], BY_KEY[metric].format)

    def stated_and_likely(self, metric: str, stated: object) -> tuple[str, str | None]:
        """A tile's figure and its likely range in words (`likely_text`); a ratio outside
        its range with the decimals that tell it from the end it passes ('4.33x', 'Likely
        2.8x to 4.29x': EN #6, formatting.format_ratios_apart)."""
        lo_hi = self.likely.get(metric)
        if BY_KEY[metric].kind != "ratio" or lo_hi is None or is_missing(stated) \
                or any(is_missing(v) for v in lo_hi):
            return BY_KEY[metric].format(stated), self.likely_text(metric)
        value, low, high = format_ratios_apart(stated, *lo_hi)
        return value, likely_words(low, high, str)

    def outside(self, metric: str, stated: object) -> bool:
        """Whether the stated figure lies outside its likely range."""
        return self.outside_words(metric, stated) is not None

    def outside_words(self, metric: str, stated: object) -> str | None:
        """'stated figure above its likely range' (or below) when it is; else None."""
        lo_hi = self.likely.get(metric)
        if lo_hi is None or is_missing(stated) or any(is_missing(v) for v in lo_hi):
            return None
        return outside_words(stated, *lo_hi)

    def scope_words(self, metric: str) -> str | None:
        """The tile help's sentence on what this figure covers here; None when it is the
        plain definition's (every kept line, no caveat)."""
        words = []
        if self.organizations and metric in ORGANIZATION_SHARE:
            # TRANSLATORS: {organizations}: one organization code or a list of them
            words.append(ngettext(
                "Here: {organizations}'s own lines plus its share of shared lines.",
                "Here: {organizations}'s own lines plus their share of shared lines.",
                len(self.organizations)).format(organizations=self.whose))
        elif self.organizations and metric == "agencies_committed":
            words.append(_("Here: {organizations} only.").format(organizations=self.whose))
        elif self.organizations:
            words.append(_("Not split by organization: every kept initiative's."))
        if metric == "funding_gap_usd" and self.without_target:
            words.append(no_target_words(self.without_target, self.initiatives))
        if metric == "total_benefit_usd" and not is_missing(self.low_confidence):
            words.append(_("{percent} of it is low confidence.").format(
                percent=format_rough_percent(self.low_confidence)))
        return " ".join(words) or None


# on the Paid tile, under its figure, when some of it is dated after the as-of date
PAID_AFTER = N_("of which {amount} dated after the as-of date")


def tile_note_paid(scope: Scope, metric: str, note: str | None) -> str | None:
    """A tile's muted line with, on the Paid tile, the part of the paid money dated after
    the snapshot's as-of date ("of which $606.1M dated after the as-of date")."""
    if metric != "contributions_paid_usd" or not scope.paid_after_usd:
        return note
    paid_after = _(PAID_AFTER).format(amount=format_usd(scope.paid_after_usd))
    return _("{first}; {then}").format(first=note, then=paid_after) if note else paid_after


def likely_words(lo: object, hi: object, fmt) -> str:
    """A figure's likely range in words, once: 'Likely $133.0M to $145.0M'."""
    return _("Likely {low} to {high}").format(low=fmt(lo), high=fmt(hi))


# an axis title or a hover text that names the whole portfolio takes whose figures they are
# as its subject under the organization filter ("UNDP's share of the NPV (US dollars)", not
# "Portfolio NPV": R4 #13; a chart's title says it in its closing brackets: `TITLE_WORDS`):
# each pair is the words of the charts' axes (as translated there) and the words that
# replace them; the longest first
SUBJECTS = (
    (N_("Portfolio cost change"), N_("Change in {whose} of the cost")),
    (N_("Portfolio NPV"), N_("{whose} of the NPV")),
    (N_("the portfolio NPV"), N_("{whose} of the NPV")),
)


# a title that names the whole portfolio says it with plain words under the organization
# filter, whose figures they are in its closing brackets as on every other title ("NPV:
# above 0 in ... (UNDP's share, US$)", not "Portfolio NPV: ..." of UNDP's share, nor
# "UNDP's share of the NPV: ... (US$)" beside "Cost against benefit (UNDP's share, US$)":
# EN #7); each pair is the words of the charts' titles (as translated there) and the plain
# words that replace them; the longest first
TITLE_WORDS = (
    (N_("Portfolio cost change"), N_("change in cost")),
    # TRANSLATORS: inside a title: "Which initiatives' estimates move the NPV most"
    (N_("the portfolio NPV"), N_("the NPV")),
    (N_("Portfolio NPV"), N_("NPV")),
)


def whose_after(text: str, phrase: str | None) -> str:
    """A label or a title with whose figures it shows, in brackets after it, as the tiles
    and the chart headings say it: 'Total cost (UNDP's share)'; a title's unit joins it in
    the same brackets: 'Cost by year (UNDP's share, US$)' (French: '(quote-part UNDP,
    $US)', FR #14); the text as given without a phrase."""
    if not phrase:
        return text
    words, unit = last_unit(text)
    if unit:
        # TRANSLATORS: a chart's title, whose figures it shows and their unit: "Cost by
        # year (UNDP's share, US$)"
        return _("{label} ({whose}, {unit})").format(label=words, whose=phrase, unit=unit)
    # TRANSLATORS: a tile's label and whose figure it is: "Total cost (UNDP's share)"
    return _("{label} ({whose})").format(label=text, whose=phrase)


def _as_subject(text: str, phrase: str) -> str | None:
    """`text` with whose figures they are as the subject where it names the portfolio
    (`SUBJECTS`): "UNDP's share of the NPV (US dollars)"; None where it does not."""
    for words, subject in SUBJECTS:
        if (said := _(words)) and said in text:
            at = text.index(said)
            whose = _(subject).format(whose=phrase)
            if at == 0 or text[:at].endswith("<br>"):  # a line starts with it
                whose = _capital(whose)
            return text[:at] + whose + text[at + len(said):]
    return None


def scoped_title(title: str, phrase: str | None) -> str:
    """A chart's heading with whose figures it shows (app and pack), in one style on every
    page (EN #7, FR3 #15): the subject, then one pair of brackets that ends the title with
    whose figures and their unit: "Contributions by donor (whole portfolio, US$)", "NPV:
    above 0 in 28.6% of 20,000 simulated outcomes (UNDP's share, US$)" (the words that name
    the portfolio give way to plain ones: `TITLE_WORDS`); the title as given without a
    phrase. Set in the language's typography (French: no line begins with ":";
    dashboard/lang/typography.py)."""
    if not phrase:
        return typeset(title)
    for words, plain_words in TITLE_WORDS:
        if (said := _(words)) and said in title:
            title = _plain_start(title, said, _(plain_words))
            break
    return typeset(whose_after(title, phrase))


def _plain_start(title: str, said: str, plain_words: str) -> str:
    at = title.index(said)
    plain_words = _capital(plain_words) if at == 0 else plain_words
    return title[:at] + plain_words + title[at + len(said):]


def scoped_axes(fig: Any, phrase: str | None) -> Any:
    """The figure (in place) with whose figures they are as the subject of each axis title
    and hover text that names the portfolio ("UNDP's share of the NPV (US dollars)", not
    "Portfolio NPV": R4 #13); as it is without a phrase or for the whole portfolio."""
    if not phrase or phrase == _(WHOLE_PORTFOLIO):
        return fig
    for axis in (fig.layout[k] for k in fig.layout if k[1:5] == "axis"):
        if axis.title and axis.title.text and (said := _as_subject(axis.title.text, phrase)):
            axis.title.text = said
    for trace in fig.data:
        hover = getattr(trace, "hovertemplate", None)
        if hover and (said := _as_subject(hover, phrase)):
            trace.hovertemplate = said
    return fig


# the NPV a chart's caption speaks of (a value of its Msg: dashboard/registry.py): under the
# organization filter the chosen organizations' share of it, as the title says ("For each
# initiative, UNDP's share of the NPV with its estimates at their worse ...", R4 #13)
# TRANSLATORS: inside a caption, after its article (French: « la {npv} »): "For each
# initiative, the portfolio's NPV with its estimates at their worse ..."
PORTFOLIO_NPV = N_("the portfolio's NPV")


def scoped_caption(caption: str | None, phrase: str | None) -> str | None:
    """A chart's caption (app and pack) with whose figures it speaks of where it names the
    portfolio's NPV (`PORTFOLIO_NPV`): "UNDP's share of the NPV" (French « quote-part UNDP
    dans la VAN », after the caption's article); as given without a phrase or for the
    whole portfolio."""
    if not caption or not phrase or phrase == _(WHOLE_PORTFOLIO):
        return caption
    return caption.replace(_(PORTFOLIO_NPV), _("{whose} of the NPV").format(whose=phrase))


def _capital(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}"


def outside_words(stated: object, lo: object, hi: object) -> str | None:
    """On a tile, under its likely range: 'stated figure above its likely range' when the
    stated figure is above the range's top (below: under its bottom); None inside it."""
    if float(stated) > float(hi):  # type: ignore[arg-type]
        return _(ABOVE_RANGE)
    if float(stated) < float(lo):  # type: ignore[arg-type]
        return _(BELOW_RANGE)
    return None


def tile_note(likely: str | None, outside: str | None) -> str | None:
    """A tile's muted line: its likely range, and whether the stated figure lies outside
    it ('Likely $9.4M to $10.3M; stated figure below its likely range')."""
    if likely and outside:
        # TRANSLATORS: a tile's likely range, then that its stated figure lies outside it
        return _("{likely}; {outside}").format(likely=likely, outside=outside)
    return likely


def no_target_words(without: int, of: int) -> str:
    """'5 of the 15 initiatives have no funding target: they count as no gap.'"""
    if without == of:
        return _("No initiative here has a funding target: the gap is 0 by definition.")
    return ngettext("{n} of the {of} initiatives has no funding target: it counts as no gap.",
                    "{n} of the {of} initiatives have no funding target: they count as no gap.",
                    without).format(n=format_count(without), of=format_count(of))


def previous_snapshot(dates: Iterable[str], as_of: str) -> str | None:
    """The snapshot published just before `as_of` (the one the Overview and the briefing
    compare with, under the same filters); None when `as_of` is the first."""
    older = [d for d in dates if d < as_of]
    return max(older) if older else None


def tile_change(metric: str, before: object, after: object) -> str | None:
    """The change of one headline figure, signed ('+$1.2M (+3.0%)', '-2', '+0.1x'), or
    'No change' (as rounded for display); None when either value is missing. Beyond
    ±1,000% the base instead of a percentage: '+$5 (from $0)' (`tile_change_parts` keeps
    the base apart, for a tile)."""
    change, base = tile_change_parts(metric, before, after)
    if change is None or base is None:
        return change
    return f"{change} ({base})"


def tile_change_parts(metric: str, before: object, after: object
                      ) -> tuple[str | None, str | None]:
    """`tile_change` in two parts: the change as a tile's chip shows it ('+$1.2M (+3.0%)',
    '+$11.1B'), and, where the change is told by its base (beyond ±1,000%:
    `formatting.format_relative_change`), that base ('from $1.2K'), which a tile puts on
    its muted line: on a phone's half-width tile the chip is cut past about 16
    characters ('+$11.1B (from $1…')."""
    if is_missing(before) or is_missing(after):
        return None, None
    b, a = float(before), float(after)  # type: ignore[arg-type]
    kind = BY_KEY[metric].kind
    if kind == "count":
        d = int(round(a - b))
        return (format_count_change(d) if d else no_change()), None
    if kind == "ratio":
        d = a - b
        return (no_change() if round(d, 1) == 0 else ("+" if d > 0 else "") + format_ratio(d)), None
    text = format_usd_change(a - b)
    if text == format_usd_change(0):  # "$0" in the reader's language
        return no_change(), None
    pct = format_relative_change(b, a)
    if pct == MISSING:
        return text, None
    if pct == _(FROM_BASE).format(amount=format_usd(b)):  # the base, not a percentage
        return text, pct
    return f"{text} ({pct})", None


# formatting.format_relative_change's words for a change told by its base ("from $150")
FROM_BASE = N_("from {amount}")
# a headline tile's muted line when its change is told by its base: what the figure was
WAS = N_("Was {amount}")


def was_note(metric: str, before: object, after: object, note: str | None) -> str | None:
    """A tile's muted line with what the figure was when its chip cannot say it as a
    percentage ('Was $1.2K; Likely $9.4M to $10.3M'); the note as given otherwise."""
    _change, base = tile_change_parts(metric, before, after)
    if base is None:
        return note
    was = _(WAS).format(amount=BY_KEY[metric].format(before))
    return _("{first}; {then}").format(first=was, then=note) if note else was


def _gap_words(gap: object, scope: Scope) -> str | None:
    """'$38.1M short of the funding targets (5 of the 15 have no funding target)'."""
    if is_missing(gap):
        return None
    if scope.initiatives and scope.without_target == scope.initiatives:
        return _("no funding targets set")
    text = (_("{amount} short of the funding targets").format(amount=format_usd(gap))
            if float(gap) > 0  # type: ignore[arg-type]
            else _("fully funded against the funding targets"))
    if scope.without_target:
        # TRANSLATORS: after the funding gap: how many of the initiatives have no target
        text = ngettext("{gap} ({n} of the {of} has no funding target)",
                        "{gap} ({n} of the {of} have no funding target)",
                        scope.without_target).format(
            gap=text, n=format_count(scope.without_target), of=format_count(scope.initiatives))
    return text


def _figures_words(now: Mapping[str, object], initiatives: int, scope: Scope) -> str:
    """The sentence's first clause: '15 initiatives, $126.4M estimated cost, 1.8x benefit,
    likely 1.2x to 1.7x' (under the organization filter: "UNDP's share (own and shared) of 15
    initiatives: ...": its own lines and its part of the shared ones, in initiatives it may
    not be engaged in, FR #28), each variant one message a translator can reorder."""
    values = {"count": ngettext("{n} initiative", "{n} initiatives", initiatives).format(
                  n=format_count(initiatives)),
              "cost": format_usd(now.get("total_cost_usd")),
              "organizations": scope.whose or ""}
    ratio = now.get("benefit_cost_ratio")
    lo_hi = scope.likely.get("benefit_cost_ratio")
    if is_missing(ratio):
        message = (_("{organizations}'s share (own and shared) of {count}: {cost} estimated "
                     "cost") if scope.whose else _("{count}, {cost} estimated cost"))
    elif lo_hi is None or any(is_missing(v) for v in lo_hi):
        message = (_("{organizations}'s share (own and shared) of {count}: {cost} estimated "
                     "cost, {ratio} benefit") if scope.whose
                   else _("{count}, {cost} estimated cost, {ratio} benefit"))
    else:
        message = (_("{organizations}'s share (own and shared) of {count}: {cost} estimated "
                     "cost, {ratio} benefit, likely {low} to {high}") if scope.whose
                   else _("{count}, {cost} estimated cost, {ratio} benefit, likely {low} to {high}"))
        outside = outside_words(ratio, *lo_hi)  # as its tile says it (R6a #4)
        ratio, low, high = format_ratios_apart(ratio, *lo_hi)  # told apart (EN #6)
        values.update(low=low, high=high)
        if outside:
            # TRANSLATORS: the sentence's first clause, then that the stated ratio lies
            # outside its likely range: "..., 1.8x benefit, likely 1.2x to 1.7x (stated
            # figure above its likely range)"
            message = _("{figures} ({outside})").format(figures=message, outside=outside)
    return message.format(ratio=ratio if isinstance(ratio, str) else format_ratio(ratio),
                          **values)


def low_confidence_clause(share: float, of_that: bool = False) -> str:
    """'61% of the benefit is low confidence' ('of that benefit': after an organization's
    share of it), a whole percentage: the one wording of the low-confidence share, on the
    Overview and in the briefing pack (FR #23)."""
    return (_("{percent} of that benefit is low confidence") if of_that
            else _("{percent} of the benefit is low confidence")).format(
        percent=format_rough_percent(share))


def overview_sentence(now: Mapping[str, object], initiatives: int,
                      before: Mapping[str, object] | None = None,
                      since: str | None = None, scope: Scope | None = None) -> str:
    """E.g. '15 initiatives, $126.4M estimated cost, 1.8x benefit, likely 1.2x to 1.7x;
    61% of the benefit is low confidence; $38.1M short of the funding targets (5 of the 15
    have no funding target); cost up 3.0% since 2005-09-01.' Under the organization filter the figures
    it splits are said as that organization's share, the funding as the initiatives'.
    Each clause is one whole message with named values; the clauses are joined by "; "
    (set in the language's typography)."""
    scope = scope or Scope(initiatives=initiatives)
    clauses = [_figures_words(now, initiatives, scope)]
    if not is_missing(scope.low_confidence) and scope.low_confidence:
        clauses.append(low_confidence_clause(scope.low_confidence, bool(scope.whose)))
    gap = _gap_words(now.get("funding_gap_usd"), scope)
    if before is not None and since:
        b, a = before.get("total_cost_usd"), now.get("total_cost_usd")
        if not is_missing(b) and not is_missing(a):
            # TRANSLATORS: {direction}: "up 3.0%", "down 25.0%", "unchanged", "up from $150"
            clauses.append(_("cost {direction} since {date}").format(
                direction=format_direction(b, a), date=format_date(since)))
    if gap and scope.whose:
        text = _("{figures}. Funding, not split by organization: {gap}.").format(
            figures=clause_list(clauses), gap=gap)
    else:
        text = clause_list(clauses + ([gap] if gap else [])) + "."
    return typeset(text)


def clause_list(clauses: Sequence[str]) -> str:
    """Clauses of one sentence joined by semicolons ("a; b; c"), the language's way."""
    text = clauses[0] if clauses else ""
    for clause in clauses[1:]:
        # TRANSLATORS: two clauses of one sentence joined by a semicolon
        text = _("{first}; {then}").format(first=text, then=clause)
    return text


def ranges_caption(now: Mapping[str, object], scope: Scope) -> str | None:
    """The line under the tiles: what 'likely' means, and which stated figures lie outside
    their likely range and why; None when no figure has a range."""
    with_range = [k for k in BY_KEY if k in scope.likely]
    if not with_range:
        return None
    outside = [BY_KEY[k].said_label.lower() for k in with_range if scope.outside(k, now.get(k))]
    return f"{likely_means()} {outside_sentence(outside)}" if outside else likely_means()


def outside_sentence(labels: Sequence[str]) -> str:
    """Which stated figures lie outside their likely range, and why (wherever the ranges are
    shown: the Overview's caption, the briefing's range table): 'Here the stated total cost
    lies outside its likely range: the ranges assume, ...'."""
    # TRANSLATORS: {figures}: the figures' names in lower case, listed ("total cost and NPV")
    return ngettext("Here the stated {figures} lies outside its likely range: {reason}",
                    "Here the stated {figures} lie outside their likely ranges: {reason}",
                    len(labels)).format(figures=and_list(list(labels)), reason=_(OUTSIDE_REASON))
