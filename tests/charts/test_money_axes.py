"""Every money axis of every chart of the registry can be read (reader's review round 4, #10;
French review round 2, #7): at least four labelled ticks (three on an axis whose range
does not hold $0 where four's labels would not fit: EN #8), and the range reaches a labelled tick at or above the largest value, so
no bar rises past the last labelled gridline ("Cost by kind of cost": the Staff bar at
about $55M over a top tick of "$40M"; the funding gap read "$0, $20M" alone).

The largest value is worked out here from the figure's own traces (a bar's end, a stack's
total, a waterfall's running total, a point), not from what the builder passed its axis."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from dashboard import registry
from dashboard.charts import figures
from dashboard.lang import translate
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data, odd_data

SAMPLE = Path(__file__).resolve().parents[2] / "data"


def _numbers(values) -> list[float]:
    out = []
    for v in (list(values) if values is not None else []):
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            continue  # a category
    return [v for v in out if v == v]


def _numbers_or_none(values) -> list[float | None]:
    """Each value as a number, None where it is none (one per category)."""
    out: list[float | None] = []
    for v in (list(values) if values is not None else []):
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = None
        out.append(f if f == f else None)
    return out


def _axis(trace, letter: str) -> str:
    ref = getattr(trace, f"{letter}axis", None) or letter
    return ref.replace(letter, f"{letter}axis", 1)


def _ends(trace) -> list[tuple[str, list[float]]]:
    """(axis, the ends the trace draws along it): a bar's end, a waterfall's running total,
    a point (on both axes: only money axes are read)."""
    if trace.type == "scatter" and trace.mode == "lines":
        return []  # a reference line (break-even) runs to the plot's corner: not a value
    if trace.type == "scatter":
        return [(_axis(trace, k), _numbers(getattr(trace, k))) for k in ("x", "y")]
    horizontal = getattr(trace, "orientation", None) == "h"
    letter = "x" if horizontal or trace.type == "histogram" else "y"
    name, values = _axis(trace, letter), _numbers(getattr(trace, letter))
    if trace.type == "waterfall":
        run, ends = float(trace.base or 0.0), []
        for v, m in zip(values, trace.measure or ["relative"] * len(values), strict=True):
            run = v if m == "absolute" else (run if m == "total" else run + v)
            ends.append(run)
        return [(name, ends)]
    if trace.type == "bar" and trace.base is not None:
        base = list(trace.base) if not isinstance(trace.base, (int, float)) \
            else [trace.base] * len(values)
        return [(name, [float(b) + v for b, v in zip(base, values, strict=True)])]
    return [(name, values)]


def _largest(fig) -> dict[str, float]:
    """The largest value drawn along each axis (a stack's total where bars stack)."""
    out: dict[str, float] = defaultdict(lambda: float("-inf"))
    stacks: dict[tuple, float] = defaultdict(float)
    stacked = fig.layout.barmode in ("stack", "relative")
    for trace in fig.data:
        if trace.type not in ("bar", "waterfall", "scatter", "histogram"):
            continue
        drawn = _ends(trace)
        if not drawn:
            continue
        ((name, ends), *more) = drawn
        if stacked and trace.type == "bar" and trace.base is None:
            flat = getattr(trace, "orientation", None) == "h"
            cats, raw = (trace.y, trace.x) if flat else (trace.x, trace.y)
            cats = list(cats) if cats is not None else list(range(len(ends)))
            # an empty point (None: a year with no estimate) stacks nothing
            for c, v in zip(cats, _numbers_or_none(raw), strict=True):
                stacks[(name, trace.xaxis, trace.yaxis, c)] += max(v or 0.0, 0.0)
            continue
        for n, vs in ((name, ends), *more):
            for v in vs:
                out[n] = max(out[n], v)
    for (name, *_rest), total in stacks.items():
        out[name] = max(out[name], total)
    return out


def _money_axes(fig):
    """(name, axis) of each linear money axis: labelled by amounts ("$20M", "20 M $US")."""
    for key in fig.layout:
        if not key.startswith(("xaxis", "yaxis")):
            continue
        ax = fig.layout[key]
        if ax.type in ("log", "category") or not ax.ticktext or not ax.tickvals:
            continue
        if all(isinstance(v, (int, float)) for v in ax.tickvals) and \
                all("$" in str(t) for t in ax.ticktext):
            yield key, ax


PHONE_PLOT = figures.PLOT_WIDTHS[0]  # px: a phone's plot, as the builders take it


def _no_finer_step_fits(fig, key: str, ax, shown: list[float], span: float) -> bool:
    """An axis across keeps fewer ticks only when the next finer round step (half its
    step) would set its labels closer on a phone's plot than they are wide: French
    « −200 M $US » (about 75 px) at 100M steps over a 400M axis would stand 64 px apart
    on 255 px (money_scale's rule: then the finest whose labels fit)."""
    if not key.startswith("xaxis") or len(shown) < 2:
        return False
    from dashboard.charts import outside_room
    from dashboard.charts.figure_margins import text_width
    widest = max(text_width(str(t), 12) for t in ax.ticktext)
    # beside category names on the left (Portfolio by category) a phone's plot is narrower
    side = fig.layout[key.replace("x", "y", 1)]
    names = [line for t in (side.ticktext or ()) for line in str(t).split("<br>")] \
        if side is not None and side.type == "category" else []
    plot = min(PHONE_PLOT, outside_room.phone_plot(names))
    return plot * (shown[1] - shown[0]) / 2 / span < widest + figures.LABEL_GAP_PX


def _hidden_past_the_edge(fig, ax, shown: list[float], lo: float, hi: float) -> list[str]:
    """The ticks whose label, centred on its tick, runs past the plot's right end further
    than the figure's right margin on a phone's plot: Plotly hides it (EN #8: the
    waterfall's "$140M", 8 px from the end, was gone on a phone: two ticks left)."""
    from dashboard.charts.figure_margins import text_width
    margin = fig.layout.margin.r or 0
    return [f"{ax.plotly_name}: the label {t!r} hidden past the right edge on a phone"
            for v, t in zip(ax.tickvals, ax.ticktext, strict=True) if v in shown
            and text_width(str(t), 12) / 2 - (hi - v) / (hi - lo) * PHONE_PLOT > margin]


def unreadable(fig) -> list[str]:
    """What a reader cannot read on the figure's money axes."""
    problems = []
    largest = _largest(fig)
    for key, ax in _money_axes(fig):
        lo, hi = (float(v) for v in ax.range)
        span = hi - lo
        shown = [v for v in ax.tickvals if lo - 1e-9 * span <= v <= hi + 1e-9 * span]
        need = 4 if lo <= 0 <= hi else 3
        if len(shown) < need and not _no_finer_step_fits(fig, key, ax, shown, span):
            problems.append(f"{key}: {len(shown)} labelled ticks over {lo:g}..{hi:g}")
        if key.startswith("xaxis"):
            problems += _hidden_past_the_edge(fig, ax, shown, lo, hi)
        top = largest.get(key, float("-inf"))
        if top > 0 and not any(v >= top - 1e-6 * span for v in shown):
            problems.append(f"{key}: a value of {top:g} above the last labelled tick "
                            f"{max(shown, default=float('nan')):g}")
    return problems


def _every_figure(data_dir: Path, snapshot: str, compare_to: str | None, lang: str):
    db = Database(data_dir)
    try:
        with translate.language(lang):
            ctx = chart_data.Context(db=db, filters=Filters(snapshot=snapshot),
                                     compare_to=compare_to)
            for entry in registry.CHARTS:
                df = entry.dataset(ctx) if entry.export else entry.dataset(ctx, "ERP")
                yield entry.id, entry.figure(ctx, df)
    finally:
        db.close()


@pytest.fixture(scope="module")
def data_sets(tmp_path_factory):
    fixture = tmp_path_factory.mktemp("money-axes-fixture")
    fixture_data.build_two(fixture)
    odd = tmp_path_factory.mktemp("money-axes-odd")
    odd_data.build(odd)
    fixture_data.build(odd, as_of="2005-01-01")
    snaps = sorted(p.name for p in (SAMPLE / "snapshots").iterdir())
    return {
        "fixture": (fixture, fixture_data.FIXTURE_AS_OF, fixture_data.EARLIER_AS_OF),
        "odd": (odd, odd_data.ODD_AS_OF, "2005-01-01"),
        "sample": (SAMPLE, snaps[-1], snaps[0]),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("data", ["fixture", "odd", "sample"])
def test_every_money_axis_can_be_read(data_sets, data, lang):
    where, snapshot, earlier = data_sets[data]
    bad = {cid: p for cid, fig in _every_figure(where, snapshot, earlier, lang)
           if (p := unreadable(fig))}
    assert not bad, bad


def test_the_rule_reaches_a_tick_above_the_largest_value():
    # "Cost by kind of cost": bars to $55M on ticks $0, $20M, $40M (round 4, #10): about four
    # steps over 0..55M + 3% are 20M; the range ends at the first tick at or above 56.65M
    rng, vals, texts = figures.money_scale(0.0, 55e6, across=False)
    assert rng == [0.0, 60e6]
    assert texts == ["$0", "$20M", "$40M", "$60M"]
    # the funding gap: bars to $31M across; three steps of 20M give $0, $20M, $40M (three
    # labelled ticks): four steps, 10M, give five
    rng, vals, _texts = figures.money_scale(0.0, 31e6, across=True)
    assert rng == [0.0, 40e6] and vals == [0, 10e6, 20e6, 30e6, 40e6]
    # a builder's range with room for labels is kept, and reaches the tick above the
    # largest value when it fell short of it
    rng, _vals, _texts = figures.money_scale(0.0, 55e6, (0.0, 57e6), across=False)
    assert rng == [0.0, 60e6]
    # not from 0 (a waterfall's 68M..154M): three labelled ticks at least
    rng, vals, _texts = figures.money_scale(68e6, 154e6, (68e6, 154e6), across=True)
    assert sum(rng[0] <= v <= rng[1] for v in vals) >= 3 and rng[1] >= 154e6


def test_an_axis_off_zero_has_four_ticks_where_their_labels_fit():
    # EN #8: the waterfall's $95M..$141M read "$100M, $120M, $140M". By $10M: 100 to 140,
    # five ticks; on a 322-px plot a step is 322 x 10 / 46 = 70 px, wider than "$110M"
    # (40.9 px at 12 px) and the 4-px gap: they fit, so five
    rng, vals, texts = figures.money_scale(95e6, 130e6, (95e6, 141e6), across=True, room=322)
    assert texts == ["$100M", "$110M", "$120M", "$130M", "$140M"] and rng == [95e6, 141e6]
    # on a 150-px plot a $10M step is 150 x 10 / 46 = 32.6 px: no room, so three by $20M
    # (49.9 px each: they fit), the range as it was (never stretched to $160M for a fourth)
    rng, vals, texts = figures.money_scale(95e6, 130e6, (95e6, 141e6), across=True, room=150)
    assert texts == ["$100M", "$120M", "$140M"] and rng == [95e6, 141e6]


def test_a_bar_above_the_last_labelled_tick_is_found():
    import plotly.graph_objects as go
    fig = go.Figure(go.Bar(x=["Staff", "Other"], y=[55e6, 10e6]))
    fig.update_yaxes(range=[0, 58e6], tickmode="array", tickvals=[0, 20e6, 40e6, 60e6],
                     ticktext=["$0", "$20M", "$40M", "$60M"])
    # $60M lies past the range's end: three labelled ticks, the Staff bar above $40M
    assert unreadable(fig) == ["yaxis: 3 labelled ticks over 0..5.8e+07",
                               "yaxis: a value of 5.5e+07 above the last labelled tick 4e+07"]


def test_a_french_amount_is_measured_with_its_no_break_spaces_as_spaces():
    # "40 M $US" with two no-break spaces: 4 and 0 (0.636 em each), two spaces (0.318),
    # M (0.863), $ (0.636), U (0.732), S (0.667): 4.806 em, 57.7 px at 12 px. Counted as
    # unknown characters (1 em each) they made it 74 px, and a phone's axis kept too few
    # French ticks (FR #7)
    from dashboard.charts.figure_margins import text_width
    assert text_width("40\u00a0M\u00a0$US", 12) == pytest.approx(4.806 * 12)


def test_the_tick_at_an_axis_s_right_end_has_room_for_its_label():
    # the tornado's axis ran to its $100M tick, whose label Plotly hid past the figure's
    # edge (16 px right of the plot): the margin takes half of "$100M" (about 39 px) and
    # the 12 px Plotly's automargin keeps past it (with + 4 the browser widened 24 to 30 px
    # and drew the chart twice: tests/browser/test_chart_drawing.py)
    import plotly.graph_objects as go

    from dashboard.charts.figure_margins import text_width
    fig = go.Figure(go.Bar(x=[87e6], y=["a"], orientation="h"))
    fig.update_layout(margin=dict(r=16))
    figures._money_axis(fig, "x", [0, 87e6])
    assert list(fig.layout.xaxis.range) == [0, 100e6]
    assert fig.layout.margin.r == int(text_width("$100M", 12) / 2) + 12 > 16
