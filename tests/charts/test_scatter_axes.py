"""dashboard/charts/scatter_axes.py and the Overview's cost-against-benefit scatter on
hand-made frames: log axes only where honest and said, every point named by its code."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.charts import figures_overview, scatter_axes


def _frame(rows):
    return pd.DataFrame(rows, columns=["initiative_id", "name", "category", "total_cost_usd",
                                       "total_benefit_usd", "is_priority"])


# one initiative dwarfs the rest, as ERP does in the sample ($44M of cost, $101M of benefit)
DWARFED = _frame([
    ("ERP", "Enterprise resource planning", "Working together", 44e6, 101e6, True),
    ("KS", "Knowledge-sharing", "ICT in development", 5.7e6, 9.9e6, True),
    ("PROCFA", "Procurement", "Working together", 0.65e6, 1.6e6, False),
    ("CHANGE", "Change management", "Sustaining the initiative", 0.9e6, 0.4e6, False),
])


def test_log_axes_when_one_initiative_dwarfs_the_rest_and_the_titles_say_so():
    fig = figures_overview.cost_benefit_scatter(DWARFED)
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert (x.type, y.type) == ("log", "log")
    assert "log scale" in x.title.text and "log scale" in y.title.text
    # costs 0.65M..44M: log10 5.81..7.64, span 1.83, padded 8% each side
    lo, hi = math.log10(0.65e6), math.log10(44e6)
    assert list(x.range) == pytest.approx([lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)])
    # ticks: every power of ten the range shows (10^5.66 to 10^7.79: 10^6 and 10^7), as
    # the tiles write them, each labelled (two fit)
    assert list(x.tickvals) == pytest.approx([1e6, 1e7])
    assert list(x.ticktext) == ["$1M", "$10M"]  # no ".0" (R3 #25)
    # the break-even line is still benefit = cost
    line = [t for t in fig.data if t.name == "Break-even (benefit = cost)"][0]
    assert list(line.x) == pytest.approx(list(line.y))


def test_linear_axes_with_a_zero_each_fitted_to_its_own_data():
    # costs 0.65M..44M (68x, under two powers of ten; one of four in the first 5%);
    # benefits 0, 50M, 80M, 101M (one of four in the first 5%): linear
    zero = DWARFED.assign(total_cost_usd=[44e6, 5.7e6, 0.65e6, 20e6],
                          total_benefit_usd=[101e6, 50e6, 0.0, 80e6])
    fig = figures_overview.cost_benefit_scatter(zero)
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert x.type != "log" and y.type != "log"
    assert "log" not in x.title.text
    # each axis to its own first tick above its largest value (cost 44M, benefit 101M; not
    # one range for both, which left the cost axis at "$0 / $100.0M")
    # across, three or four steps: 44M / 3 = 14.7M and 44M / 4 = 11M both -> 20M: $0, $20M,
    # $40M, $60M (no more "$0 / $100.0M" only)
    assert list(x.ticktext) == ["$0", "$20M", "$40M", "$60M"]
    assert x.range[1] == pytest.approx(60e6)
    # up, four or five steps: 101M / 4 = 25.25M -> 50M (top tick 150M), 101M / 5 = 20.2M ->
    # 25M (top tick 125M, nearer above 101M)
    assert list(y.tickvals) == pytest.approx([0, 25e6, 50e6, 75e6, 100e6, 125e6])
    assert y.range[1] == pytest.approx(125e6)


def test_a_log_axis_over_many_powers_of_ten_is_not_crowded():
    # $1 to $10B: ten powers of ten -> every second one labelled (6 labels at most on a
    # phone), a gridline at each
    values, texts = scatter_axes.log_ticks(1.0, 1e10)
    assert values == pytest.approx([10.0**k for k in range(11)])
    # (R3 #25: whole ticks without ".0" or cents)
    assert [t for t in texts if t] == ["$1", "$100", "$10K", "$1M", "$100M", "$10B"]


@pytest.mark.parametrize("lo, hi, most", [(1.0, 1e10, 4), (1.0, 1e10, 6), (0.65e6, 44e6, 6),
                                          (3.0, 9e4, 4)])
def test_each_gridline_of_a_log_axis_is_ten_times_the_one_before(lo, hi, most):
    # O11: the caption says "ten times the one before", but the odd data's grid stepped by
    # 1,000 ($100, $100.0K, $100.0M: every third power only)
    values, _ = scatter_axes.log_ticks(lo, hi, most)
    assert all(b / a == pytest.approx(10.0) for a, b in zip(values[:-1], values[1:], strict=True))
    # every power of ten from lo to hi, none outside (an unseen one took a label's turn)
    assert lo <= values[0] < 10 * lo and hi / 10 < values[-1] <= hi
    assert "ten times the one before" in scatter_axes.LOG_CAPTION


def test_one_scale_rule_two_powers_of_ten_or_a_crowded_start():
    assert not scatter_axes.uses_log([1e6, 2e6, 3e6], [1e6, 5e6, 9e6])  # within 100x
    assert not scatter_axes.uses_log([1e6, 2e6, 31e6], [1e6, 5e6, 9e6])  # 31x, one of three
    assert scatter_axes.uses_log([1e6, 2e6, 101e6], [1e6, 5e6, 9e6])  # 101x
    # O12, UNDP's share in the briefing pack: most points in the first 5% of the range
    # (0.05 * 40 = 2): 0, 1, 1.5 of 0, 1, 1.5, 30, 40 -> 3 of 5, though 40x only
    assert scatter_axes.uses_log([0.0, 1.0, 1.5, 30.0, 40.0], [1.0, 2.0, 3.0, 4.0, 5.0])
    # a $0 among amounts over many powers of ten: log, the $0 on the floor
    assert scatter_axes.uses_log([0.0, 2e3, 31e6], [1e6, 5e6, 9e6])
    assert not scatter_axes.uses_log([-5.0, 2e3, 31e6], [1e6, 5e6, 9e6])  # no log below $0
    assert not scatter_axes.uses_log([0.0, 0.0, 31e6], [1e6, 5e6, 9e6])  # one amount only


def test_a_zero_on_a_log_axis_sits_apart_from_the_powers_of_ten_beyond_a_break():
    # O12: under one organization, initiatives with no share of it are at $0; on linear
    # axes they piled in a corner. Costs $0 and 33K..3.59M (over 100x): log. Round 3, #6: a
    # $0 on the power of ten under 33K (10^4) read as $10K, one step of ten under $100K.
    # Now: the first power of ten at or under 33K is 10^4, the $0 0.6 of a decade under it,
    # at 10^3.4 (about $2.5K), never on a power of ten
    costs = [0.0, 0.033e6, 3.59e6, 0.99e6, 1.2e6]
    assert scatter_axes.log_floor(costs) == pytest.approx(10**3.4)
    assert scatter_axes.placed(costs, 7.0) == [7.0, 0.033e6, 3.59e6, 0.99e6, 1.2e6]
    assert scatter_axes.log_floor([0.0, 1.0, 2.0]) == pytest.approx(10**-0.6)  # under $1
    assert scatter_axes.log_floor([1.0, 2.0]) is None
    frame = _frame([(f"I{i}", f"I{i}", "ICT in development", c, b, False)
                    for i, (c, b) in enumerate(zip(costs, [0.0, 13.1e6, 0.83e6, 6.37e6,
                                                           1.79e6], strict=True))])
    fig = figures_overview.cost_benefit_scatter(frame)
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert x.type == "log"
    # x from 3.4 to log10 3.59M = 6.555 (span 3.155), padded 8%: 3.148 to 6.807, which
    # shows 10^4, 10^5, 10^6: with the $0, four labels, as many as fit across. On a
    # phone's 230-px plot a decade is 230 / 3.659 = 62.9 px, so "$10K" stands 0.6 of it,
    # 37.7 px, from the "$0": their half-widths (15.3 + 30.9) / 2 and the break's 9.4 px
    # leave 2.6 px either side of it (R4 #16): "$10K" is left off
    assert list(x.tickvals) == pytest.approx([10**3.4, 1e4, 1e5, 1e6])
    assert list(x.ticktext) == ["$0", "", "$100K", "$1M"]
    # benefit: smallest above $0 0.83M -> 10^5, the $0 at 10^4.4
    assert y.tickvals[0] == pytest.approx(10**4.4) and y.ticktext[0] == "$0"
    assert_no_zero_on_a_power_of_ten(fig)
    points = [v for t in fig.data if t.mode == "markers+text" for v in t.x]
    assert min(points) == pytest.approx(10**3.4)  # the $0 point drawn on it, not dropped
    # the break between the $0 and the first power of ten, on each axis (log10 units)
    breaks = [a for a in fig.layout.annotations if a.name == scatter_axes.ZERO_BREAK]
    assert sorted((a.xref, a.x if a.xref == "x" else a.y) for a in breaks) == [
        ("paper", pytest.approx(4.7)), ("x", pytest.approx(3.7))]
    assert "drawn apart, before the break (//)" in scatter_axes.log_note(frame)


def assert_no_zero_on_a_power_of_ten(fig) -> None:
    """Round 3, #6: a log axis's "$0" tick is never at a power of ten."""
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.type != "log" or axis.tickvals is None:
            continue
        for v, t in zip(axis.tickvals, axis.ticktext, strict=True):
            if t == "$0":
                k = math.log10(v)
                assert abs(k - round(k)) > 0.2, (v, t)


def _labels(fig):
    out = {}
    for t in fig.data:
        if t.mode == "markers+text":
            for cid, text in ((c, c[6]) for c in t.customdata):
                out[cid[0]] = text
    return out


def test_every_point_is_named_by_its_code_the_largest_cost_and_benefit_too():
    # UNDP's view of the sample: DEVNET has the largest benefit at a small cost, KS the
    # largest cost; both stood unlabelled beside smaller points (issue 24, N19)
    undp = _frame([
        ("DEVNET", "Development network", "ICT in development", 0.33e6, 13.1e6, True),
        ("KS", "Knowledge-sharing", "ICT in development", 3.59e6, 0.83e6, True),
        ("ERP", "ERP", "Working together", 0.99e6, 6.37e6, True),
        ("COMMONAPPS", "Common applications", "Working together", 1.2e6, 1.79e6, True),
        ("SOURCING", "Sourcing", "Working together", 1.1e6, 0.43e6, True),
        ("EXTRANET", "Extranet", "Working together", 0.02e6, 0.0, False),
    ])
    fig = figures_overview.cost_benefit_scatter(undp)
    labels = _labels(fig)
    # every point named by its code (N4), the key under the plot in the codes' order
    assert labels == {c: c for c in undp["initiative_id"]}
    (key,) = [a for a in fig.layout.annotations if a.name == "point_key"]
    assert key.text.split("<br>")[2:4] == ["COMMONAPPS  Common applications",
                                           "DEVNET  Development network"]


def test_the_caption_says_when_the_axes_are_logarithmic():
    from dashboard import registry
    entry = next(c for c in registry.CHARTS if c.id == "cost_by_initiative")
    assert "log scale" in entry.caption_for(DWARFED)
    assert "log scale" not in (entry.caption_for(DWARFED.assign(total_cost_usd=0.0)) or "")


def test_across_a_log_axis_holds_about_four_labels():
    # $1 to $10B across a phone: every third power of ten labelled
    values, texts = scatter_axes.log_ticks(1.0, 1e10, 4)
    assert [v for v, t in zip(values, texts, strict=True) if t] == pytest.approx(
        [1, 1e3, 1e6, 1e9])


def test_the_scatter_keeps_legend_room_for_a_desktop_not_a_phone():
    from dashboard.charts import figure_margins as fm
    fig = figures_overview.cost_benefit_scatter(DWARFED)
    lay = fig.layout
    # 4 categories, "Priority (black outline)" and "Break-even (benefit = cost)": two
    # rows on a desktop (the phone's count kept about 110 px empty above the plot there)
    rows = fm.legend_rows_in(fig, fm.FULL_WIDTH - lay.margin.l - lay.margin.r)
    assert rows == 2
    legend_top = (1 - lay.legend.y) * lay.height
    assert lay.margin.t == round(legend_top + fm.LEGEND_PADDING + fm.LEGEND_LINE * 2
                                 + fm.TOP_PUSH + 6)  # the top tick label's reach (measured)


def test_a_linear_axis_reaches_a_tick_above_its_largest_point():
    # O26, one initiative: cost $150, benefit $90. The benefit's ticks step by 25 (90 / 4 =
    # 22.5 -> 25): $0, $25, $50, $75, $100; its range stopped at 90 * 1.08 = 97.2, so the
    # point sat above the top gridline ($75) with no $100 drawn
    one = _frame([("ONLY", "The only one", "ICT in development", 150.0, 90.0, False)])
    fig = figures_overview.cost_benefit_scatter(one)
    y = fig.layout.yaxis
    assert list(y.ticktext) == ["$0", "$25", "$50", "$75", "$100"]
    assert y.range[0] < 0 and y.range[1] == pytest.approx(100.0)
    # cost 150 -> step 50: $0..$150, its range 150 * 1.08 = 162 already past the top tick
    assert fig.layout.xaxis.range[1] == pytest.approx(162.0)
    # the break-even line runs to the end of the longer axis
    line = [t for t in fig.data if t.name == "Break-even (benefit = cost)"][0]
    assert max(line.x) >= 162.0
