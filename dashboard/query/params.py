"""Filter and analysis values: the ONE validator shared by the URL and the command line.

The rules and limits of every value a person can give are defined here once: the
snapshot's own agencies, categories, initiatives and years (`FilterOptions`, loaded once
per snapshot), the discount rate, the three weights, the budget and the snapshot to
compare with. Each `check_*` returns the value it accepts or raises `InvalidValue` whose
message is the rule ("give a yearly rate from 0 to 1, such as 0.05"); the caller says
where the value came from:

- the app (dashboard/ui/sidebar.py, `url_notices`): "URL parameter rate='7' ignored: ..."
  for every query-parameter value Streamlit's bound widgets would silently drop, so the
  page names each one; the widgets use the same limits (`RATE_MAX`, `WEIGHT_MAX`, ...);
- the command line (dashboard/commands/export.py): "--discount-rate 7: ...", exit 2.

No Streamlit here: pure functions over plain values (and one loader of the options).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.contract.schema import CATEGORIES
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.query.db import Database
from dashboard.query.filters import Filters

# query parameters of the sidebar's filters, and of the analysis controls
FILTER_KEYS: tuple[str, ...] = ("snapshot", "agency", "category", "initiative", "priority", "years")
ANALYSIS_KEYS: tuple[str, ...] = ("w_cost", "w_benefit", "w_value", "budget", "rate", "compare")
WEIGHT_KEYS: tuple[str, str, str] = ("w_cost", "w_benefit", "w_value")  # cost, benefit, value


@dataclass(frozen=True)
class FilterOptions:
    """The allowed filter values: the snapshot's own agencies, categories, initiatives, years."""

    agencies: tuple[str, ...]
    agency_names: dict[str, str]
    agency_types: dict[str, str]
    categories: tuple[str, ...]
    initiatives: tuple[str, ...]
    initiative_names: dict[str, str]
    year_min: int | None
    year_max: int | None


def load_filter_options(db: Database, as_of: str) -> FilterOptions:
    bare = Filters(snapshot=as_of)
    ag = db.query("agency_list", bare)
    ini = db.query("initiative_list", bare)
    ys = db.query("year_span", bare).iloc[0]
    present = set(ini["category"])
    return FilterOptions(
        agencies=tuple(ag["agency_code"]),
        agency_names=dict(zip(ag["agency_code"], ag["name"], strict=True)),
        agency_types=dict(zip(ag["agency_code"], ag["agency_type"], strict=True)),
        categories=tuple(c for c in CATEGORIES if c in present),
        initiatives=tuple(ini["initiative_id"]),
        initiative_names=dict(zip(ini["initiative_id"], ini["name"], strict=True)),
        year_min=None if pd.isna(ys["min_year"]) else int(ys["min_year"]),
        year_max=None if pd.isna(ys["max_year"]) else int(ys["max_year"]),
    )


# --- the rules -----------------------------------------------------------------------

RATE_MIN, RATE_MAX = 0.0, 1.0  # the discount rate is a yearly fraction: 0.05 is 5%
WEIGHT_MIN, WEIGHT_MAX = 0.0, 1.0  # each weight; the three are scaled to sum to 1
BUDGET_MIN = 0.0  # US dollars; no upper limit

# The rules in the reader's language (the app's notices); the numbers are as a link or
# the command line writes them ("0.05"), so they stay as typed in every language. The
# *_RULE constants are the English, for the data feed's list of parameters.
_RATE = N_("give a yearly rate from {lo} to {hi}, such as {example}")
_WEIGHT = N_("give a weight from {lo} to {hi}")
_WEIGHTS = N_("give three weights (cost, benefit, value) from {lo} to {hi}, not all zero")
_BUDGET = N_("give a non-negative amount in US dollars")
_PRIORITY = N_("use true or false")
_RATE_VALUES = {"lo": f"{RATE_MIN:g}", "hi": f"{RATE_MAX:g}", "example": "0.05"}
_WEIGHT_VALUES = {"lo": f"{WEIGHT_MIN:g}", "hi": f"{WEIGHT_MAX:g}"}


def _rule(message: str, values: Mapping[str, str] | None = None) -> str:
    """A rule in the language of the moment (English on the command line and the feed)."""
    return _(message).format(**(values or {}))


RATE_RULE = _RATE.format(**_RATE_VALUES)
WEIGHT_RULE = _WEIGHT.format(**_WEIGHT_VALUES)
WEIGHTS_RULE = _WEIGHTS.format(**_WEIGHT_VALUES)
BUDGET_RULE = _BUDGET
PRIORITY_RULE = _PRIORITY


class InvalidValue(ValueError):
    """A value that breaks its rule; the message is the rule, said to a person."""


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values) or _("none")


def _number(value: object, lo: float, hi: float, rule: str,
            values: Mapping[str, str] | None = None) -> float:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidValue(_rule(rule, values)) from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise InvalidValue(_rule(rule, values))
    return x


def check_rate(value: object) -> float:
    return _number(value, RATE_MIN, RATE_MAX, _RATE, _RATE_VALUES)


def check_weight(value: object) -> float:
    return _number(value, WEIGHT_MIN, WEIGHT_MAX, _WEIGHT, _WEIGHT_VALUES)


def check_weights(values: Sequence[object]) -> tuple[float, float, float]:
    """Three weights, each within the limits, not all zero (they are scaled to sum to 1)."""
    if len(values) != 3:
        raise InvalidValue(_rule(_WEIGHTS, _WEIGHT_VALUES))
    try:
        ws = tuple(check_weight(v) for v in values)
    except InvalidValue:
        raise InvalidValue(_rule(_WEIGHTS, _WEIGHT_VALUES)) from None
    if sum(ws) <= 0:
        raise InvalidValue(_rule(_WEIGHTS, _WEIGHT_VALUES))
    return ws  # type: ignore[return-value]


def check_budget(value: object) -> float:
    return _number(value, BUDGET_MIN, math.inf, _BUDGET)


def check_snapshot(value: str, dates: Sequence[str]) -> str:
    if value not in dates:
        raise InvalidValue(_("no such published snapshot; valid values: {values}").format(
            values=_choices(dates)))
    return value


def check_compare(value: str, dates: Sequence[str], snapshot: str) -> str:
    """The snapshot to compare with: published, and not the one shown."""
    others = [d for d in dates if d != snapshot]
    if value not in others:
        raise InvalidValue(_("no other published snapshot of that date to compare {snapshot} "
                             "with; valid values: {values}").format(
                                 snapshot=snapshot, values=_choices(others)))
    return value


def bad_members(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """The values (once each, in order) that are not among the allowed ones."""
    return list(dict.fromkeys(v for v in values if v not in allowed))


def check_years(values: Sequence[object], options: FilterOptions) -> tuple[int, int]:
    """(FROM, TO): two whole years, FROM not after TO, within the snapshot's years."""
    lo, hi = options.year_min, options.year_max
    span = f"{lo}–{hi}" if lo is not None else _("none (the snapshot has no years)")
    rule = _("give two years FROM and TO within {span}; FROM must not be after TO").format(
        span=span)
    nums = [_parse_int(v) for v in values]
    if len(nums) != 2 or None in nums or lo is None or hi is None:
        raise InvalidValue(rule)
    a, b = nums  # type: ignore[misc]
    if not lo <= a <= b <= hi:  # type: ignore[operator]
        raise InvalidValue(rule)
    return a, b  # type: ignore[return-value]


def valid_years(value: object, options: FilterOptions) -> tuple[int, int] | None:
    """A (from, to) pair within the snapshot's years, else None."""
    if not isinstance(value, (tuple, list)):
        return None
    try:
        return check_years(value, options)
    except InvalidValue:
        return None


def _parse_int(value: object) -> int | None:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(f) or f != int(f):
        return None
    return int(f)


# --- the URL -------------------------------------------------------------------------


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


@dataclass(frozen=True)
class Notice:
    """A link value that is ignored: `quoted` is the parameter as given (key='value', text
    from the URL: show it as text, never as markup), `reason` is our own words."""

    quoted: str
    reason: str

    def __str__(self) -> str:
        return _("URL parameter {value} ignored: {reason}").format(value=self.quoted,
                                                                   reason=self.reason)


def _ignored(key: str, value: str, rule: str) -> Notice:
    return Notice(f"{key}={value!r}", f"{rule}.")


# analysis parameter -> its check (the compare check also needs the dates)
_ANALYSIS_CHECKS = {"rate": check_rate, "w_cost": check_weight, "w_benefit": check_weight,
                    "w_value": check_weight, "budget": check_budget}


def url_notices(params: Mapping[str, str | Sequence[str]], snapshot_options: Sequence[str],
                options: FilterOptions | None, snapshot: str | None = None) -> list[Notice]:
    """A message for every URL filter or analysis value that is not allowed (and will be
    dropped: the app then uses the default).

    `params` maps a query parameter to its value(s); `snapshot_options` are the published
    as-of dates; `options` the chosen snapshot's allowed values and `snapshot` its date
    (None: no snapshot). For a parameter given more than once, the last value counts
    (Streamlit's rule), except the multi-value filters, checked one by one.
    """
    notices: list[Notice] = []
    snap_vals = [v for v in _as_list(params.get("snapshot")) if v != ""]
    if snap_vals and snap_vals[-1] not in snapshot_options:
        notices.append(_ignored(
            "snapshot", snap_vals[-1], _("no such published snapshot (available: {values}). "
                                         "Showing the newest").format(
                                             values=_choices(snapshot_options))))
    if options is None:
        return notices
    lists = {
        "agency": (options.agencies, N_("no such organization in this snapshot")),
        "category": (options.categories, N_("no such category in this snapshot")),
        "initiative": (options.initiatives, N_("no such initiative in this snapshot")),
    }
    for key, (allowed, what) in lists.items():
        for v in bad_members((v for v in _as_list(params.get(key)) if v != ""), allowed):
            notices.append(_ignored(key, v, _(what)))
    prio = [v for v in _as_list(params.get("priority")) if v != ""]
    if prio and prio[-1].lower() not in ("true", "false"):
        notices.append(_ignored("priority", prio[-1], _rule(_PRIORITY)))
    years = [v for v in _as_list(params.get("years")) if v != ""]
    if years:
        try:
            check_years(years, options)
            if options.year_min == options.year_max:  # no years slider to take it
                raise InvalidValue(_("the snapshot has one year only ({year})").format(
                    year=options.year_min))
        except InvalidValue as e:
            notices.append(_ignored("years", "&".join(years), str(e)))
    for key, check in _ANALYSIS_CHECKS.items():
        vals = [v for v in _as_list(params.get(key)) if v != ""]
        if vals:
            try:
                check(vals[-1])
            except InvalidValue as e:
                notices.append(_ignored(key, vals[-1], str(e)))
    compare = [v for v in _as_list(params.get("compare")) if v != ""]
    if compare and snapshot is not None:
        try:
            check_compare(compare[-1], snapshot_options, snapshot)
        except InvalidValue as e:
            notices.append(_ignored("compare", compare[-1], str(e)))
    return notices


def value_or_default(check, value: object, default: object) -> object:
    """`check(value)`, or `default` when there is no value or it breaks its rule (the
    URL's notice says so)."""
    if value is None:
        return default
    try:
        return check(value)
    except InvalidValue:
        return default
