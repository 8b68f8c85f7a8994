"""Rates and weights typed in percent, kept in the URL as fractions.

The discount rate (sidebar) and the three weights (Prioritization) are read as percentages
everywhere on the pages ("NPV at 5.0%", "cost 33%"), so their boxes show percentages too:
5.0, not 0.050. Their query parameters keep the meaning they always had, a fraction
(`rate=0.05`, `w_cost=0.5`; dashboard/query/params.py, the data feed and the command line
read them so), so every link made before still holds. The conversion happens here once,
at the boundary: the box holds the percentage (widget key `<param>_percent`), the session
holds the fraction under the parameter's own name (`rate`, `w_cost`: what
ui/context.analysis_options and the page switch's `KEPT_ACROSS_PAGES` read), the URL the
fraction.

Why not `bind="query-params"`: a bound box writes its own value, the percentage, into the
URL. So the box and the address are kept in step by hand, with the rules of
dashboard/ui/snapshot_link.py:

- before the box (`_from_url`): the link's value wins when the address changed since this
  session last wrote it (a pasted link, the browser's back and forward buttons); otherwise
  the box's value stands, or (the box not drawn on the last run: another page) the
  session's fraction. A value that breaks its rule is named by `params.url_notices` (the
  page header shows it) and the default is used;
- after it: the address holds the fraction, and no parameter at the default (as a bound
  box leaves its default out of the URL).

Streamlit's number box takes a printf format without a unit ("%.1f%%" is refused), so the
label carries the unit: "Discount rate for NPV (%)". Its format (sprintf.js, in the
browser) knows no language: a decimal point always ("5.0"). So a rate with decimals (the
discount rate, `typed`) is a text box typed as the reader writes a number, as the budget
is (dashboard/ui/typed_number.py): "5.0" in English, « 5,0 » in French, which reads
« 5,5 » and « 5.5 » (FR3 #10); a text that is no rate within the rule is named under the
box, and the default is used. The whole-number weights ("33") stay number boxes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from dashboard import config
from dashboard.lang.lazy import N_, Msg, read
from dashboard.lang.numbers import number, plain_percent
from dashboard.output.usertext import dollars, md
from dashboard.query.params import RATE_MAX, RATE_MIN, check_rate, value_or_default
from dashboard.ui.typed_number import TypedNumber, in_run_language, typed_input

# TRANSLATORS: under the sidebar's rate box when its text is no rate: "Discount rate for
# NPV: “abc” is not a rate. ... such as 5.0. The figures use the default, 5.0%."
NOT_A_RATE = N_("Discount rate for NPV: “{text}” is not a rate. Type a yearly rate in "
                "percent, from {lo} to {hi}, such as {example}. The figures use the "
                "default, {default}.")


@dataclass(frozen=True)
class PercentParam:
    """A fraction kept in the URL as `key`, typed in percent."""

    key: str  # the query parameter, and the session key of the fraction
    label: str  # with its unit: "Discount rate for NPV (%)", marked N_ (read in the language)
    default: float  # a fraction
    lo: float  # fractions: the rule's limits (params.RATE_MIN, ...)
    hi: float
    check: Callable[[object], float]  # params.check_rate, check_weight: the one rule
    step: float  # in percentage points
    decimals: int  # shown in the box
    help: str | Msg  # marked N_ or a Msg: read in the language when the box is drawn
    typed: bool = False  # a text box typed as the reader writes a number (a rate with decimals)
    invalid: str = ""  # typed: the message for a text that is no value (marked N_)

    @property
    def widget_key(self) -> str:
        return f"{self.key}_percent"

    @property
    def written_key(self) -> str:
        return f"_{self.key}_in_url"

    @property
    def box(self) -> TypedNumber:
        """Typed: the text box, the percentage written with at least `decimals` decimals
        and as many more as it has (a link's 7.25% is not shown 7.3)."""
        return TypedNumber(self.widget_key, lambda pct, lang: _written(pct, self.decimals, lang),
                           point_too=True)

    def shown(self, fraction: float) -> object:
        """What the box holds for a fraction: the percentage, as text when typed."""
        return self.box.write(to_percent(fraction), None) if self.typed else to_percent(fraction)


def to_percent(fraction: float) -> float:
    return fraction * 100


def to_fraction(percent: float) -> float:
    # rounded to 10 decimals: 5.0 -> 0.05 without float noise (0.35 not 0.35000000000000003)
    return round(percent / 100, 10)


def _written(percent: float, decimals: int, lang: str | None) -> str:
    places = next((d for d in range(decimals, 6) if round(percent, d) == round(percent, 6)), 6)
    return number(percent, places, lang)


def url_text(fraction: float) -> str:
    """The fraction as the URL holds it: "0.05", "0.35", "0.333333"."""
    return f"{fraction:.10g}"


def _url_value(key: str) -> str | None:
    given = [v for v in st.query_params.get_all(key) if v != ""]
    return given[-1] if given else None  # Streamlit's rule: the last value counts


def _from_url(p: PercentParam) -> None:
    """Before the box: the percentage it shows, from the URL when the address changed since
    this session last wrote it, else the box's own value, else the session's fraction."""
    url = _url_value(p.key)
    from_link = value_or_default(p.check, url, None)
    if p.typed:
        in_run_language(p.box)
    if from_link is not None and url != st.session_state.get(p.written_key):
        st.session_state[p.widget_key] = p.shown(float(from_link))
    elif p.widget_key not in st.session_state:
        kept = value_or_default(p.check, st.session_state.get(p.key), p.default)
        st.session_state[p.widget_key] = p.shown(float(kept))


def _to_url(p: PercentParam, fraction: float) -> None:
    """After the box: the session and the address hold the fraction shown (no parameter
    at the default)."""
    st.session_state[p.key] = fraction
    if fraction == p.default:
        if p.key in st.query_params:
            del st.query_params[p.key]
        st.session_state[p.written_key] = None
        return
    text = url_text(fraction)
    if st.query_params.get_all(p.key) != [text]:
        st.query_params[p.key] = text
    st.session_state[p.written_key] = text


def box_fraction(key: str) -> float | None:
    """The fraction the box of parameter `key` holds, before the box is drawn on this run (a
    change the reader just made arrives in the box's state first): for the analysis
    options the sidebar reads before the page draws its weights. None: no box held."""
    pct = st.session_state.get(f"{key}_percent")
    if pct is None:
        return None
    if isinstance(pct, str):  # a typed box: its text, or a text no check takes
        held = TypedNumber(f"{key}_percent", number, point_too=True).held()
        if held is None:
            return pct
        pct = held
    fraction = to_fraction(float(pct))
    kept = st.session_state.get(key)
    if isinstance(kept, float) and math.isclose(fraction, kept, abs_tol=1e-9):
        return kept  # the exact fraction kept (1/3, not 0.3333333333)
    return fraction


def percent_input(where, p: PercentParam) -> float:
    """The box in percent (in `where`: st, st.sidebar or a column); returns the fraction."""
    _from_url(p)
    if p.typed:
        fraction = _typed(where, p)
    else:
        shown = where.number_input(
            read(p.label),
            min_value=to_percent(p.lo),
            max_value=to_percent(p.hi),
            step=p.step,
            format=f"%.{p.decimals}f",
            key=p.widget_key,
            help=read(p.help),
        )
        fraction = to_fraction(float(shown))
    if math.isclose(fraction, p.default, abs_tol=1e-9):  # 33.3...% is the default 1/3
        fraction = p.default
    _to_url(p, fraction)
    return fraction


def _typed(where, p: PercentParam) -> float:
    """The text box: its fraction, or the default when its text is no value within the
    rule (a message under the box names the text and what to type)."""
    text, pct = typed_input(where, p.box, read(p.label), help=read(p.help))
    fraction = None if pct is None else to_fraction(pct)
    if fraction is None or value_or_default(p.check, fraction, None) is None:
        where.error(dollars(read(p.invalid).format(
            text=md(text.strip()), lo=number(to_percent(p.lo), 0),
            hi=number(to_percent(p.hi), 0), example=number(to_percent(p.default), p.decimals),
            default=plain_percent(p.default, p.decimals))), icon=":material/error:")
        return p.default
    return fraction


# the sidebar's discount rate (dashboard/ui/sidebar.py)
RATE = PercentParam(
    key="rate", label=N_("Discount rate for NPV (%)"), default=config.DEFAULT_DISCOUNT_RATE,
    lo=RATE_MIN, hi=RATE_MAX, check=check_rate, step=0.5, decimals=1, typed=True,
    invalid=NOT_A_RATE,
    help=Msg(N_("A yearly rate, in percent: {five} is {five_percent} a year. The default is "
                "{default}."), five=lambda: number(5, 1), five_percent=lambda: plain_percent(0.05, 0),
             default=lambda: plain_percent(config.DEFAULT_DISCOUNT_RATE, 1)))
