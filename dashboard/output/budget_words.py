"""A budget selection in words, once, for the Prioritization page and the briefing pack's
budget: what the selection maximises (`OBJECTIVE`, the contract's rule of data/README.md,
"Budget-constrained selection", said to a manager) and each selected and left-out initiative with
its rank, cost and score, so a reader sees why a ranked initiative can be left out while
lower-ranked ones are funded."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import scoring
from dashboard.formatting import and_list, format_count, format_rank, format_usd
from dashboard.lang import numbers
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# the one sentence on what the selection maximises and why a ranked initiative can be
# left out (read it with objective())
OBJECTIVE = N_("The best selection is the set of initiatives whose priority scores add up to "
               "the most within the budget, so a higher-ranked initiative can be left out "
               "while lower-ranked ones are funded: several cheaper initiatives together can "
               "score more than one larger one.")


def objective() -> str:
    """`OBJECTIVE` in the reader's language."""
    return _(OBJECTIVE)


def by_rank(sel: pd.DataFrame) -> pd.DataFrame:
    """A selection (`selection.budget_selection`: every kept initiative, its rank and
    score) in rank order, with `rank_shown`: the rank a reader is shown ('#4', '=4' for a
    rank shared by equal scores: `scoring.with_tied_ranks`, `formatting.format_rank`)."""
    tied = scoring.with_tied_ranks(sel.reset_index(drop=True))
    shown = [format_rank(r, t) for r, t in zip(tied["rank_with_ties"], tied["is_tied"],
                                               strict=True)]
    order = "rank" if "rank" in tied.columns else "rank_with_ties"
    return tied.assign(rank_shown=shown).sort_values([order, "initiative_id"])


def item(row) -> str:
    """One initiative of a selection: '#4 ICT development network: $12.3M, score 0.602'."""
    name = getattr(row, "name", None)
    label = name if isinstance(name, str) and name else row.initiative_id
    # TRANSLATORS: an initiative of a budget selection: its rank, name, cost and score
    return _("{rank} {name}: {cost}, score {score}").format(
        rank=row.rank_shown, name=label, cost=format_usd(row.total_cost_usd),
        score=numbers.number(float(row.score), scoring.SCORE_SHOWN))


def items(sel: pd.DataFrame, selected: bool) -> list[str]:
    """The selected (or the left-out) initiatives of a selection, by rank, each `item`."""
    ranked = by_rank(sel)
    keep = ranked["selected"].astype(bool) == selected
    return [item(r) for r in ranked[keep.to_numpy()].itertuples(index=False)]


def heading(count: int, selected: bool) -> str:
    """'Selected, by rank (12)' / 'Left out, by rank (3)'."""
    text = _("Selected, by rank ({n})") if selected else _("Left out, by rank ({n})")
    return text.format(n=format_count(count))


def left_out_ranks(sel: pd.DataFrame) -> str | None:
    """The left-out initiatives in one line, by their ranks ('Left out, by rank (3): #4, #6
    and #8'), for the pack, whose table beside it lists every initiative by rank; None
    when every initiative is selected."""
    ranked = by_rank(sel)
    out = ranked[~ranked["selected"].astype(bool).to_numpy()]
    if out.empty:
        return None
    # TRANSLATORS: {n} a count, {ranks} the ranks listed ("#4, #6 and #8")
    return _("Left out, by rank ({n}): {ranks}").format(
        n=format_count(len(out)), ranks=and_list(list(out["rank_shown"])))
