"""A feed request's query string -> the export's Context, checked by the pages' own
validator (dashboard/query/params.py): the same rules and the same messages. A value that
breaks a rule raises FeedError(400) naming the parameter and the value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard import config
from dashboard.query import chart_data, params
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import folders

# the page's own parameter names (dashboard/ui/sidebar reads the same from the URL)
PARAMETERS: dict[str, str] = {
    "snapshot": "a published snapshot's as-of date (default: the newest)",
    "agency": "an organization (repeat the parameter for several)",
    "category": "a category (repeat for several)",
    "initiative": "an initiative (repeat for several)",
    "priority": "true: priority initiatives only",
    "years": "two years, from and to (years=2024&years=2027)",
    "rate": params.RATE_RULE,
    "weights": "three weights, cost, benefit, value (weights=1&weights=1&weights=1)",
    "w_cost": params.WEIGHT_RULE, "w_benefit": params.WEIGHT_RULE,
    "w_value": params.WEIGHT_RULE,
    "budget": params.BUDGET_RULE,
    "compare": "an earlier snapshot's as-of date to compare with (the changes sheet)",
}


class FeedError(Exception):
    def __init__(self, status: int, message: str, **extra: object) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


Query = Mapping[str, Sequence[str]]


def _values(query: Query, key: str) -> list[str]:
    return [v for v in query.get(key, ()) if v != ""]


def _last(query: Query, key: str) -> str | None:
    vals = _values(query, key)
    return vals[-1] if vals else None


def _check(key: str, given: object, check, *args: object):
    try:
        return check(*args)
    except params.InvalidValue as e:
        raise FeedError(400, f"{key}={given!r}: {e}", parameter=key, rule=str(e)) from None


def _weights(query: Query) -> tuple[float, float, float]:
    many = _values(query, "weights")
    if many:
        return _check("weights", "&".join(many), params.check_weights, many)
    w = list(chart_data.DEFAULT_WEIGHTS)
    for i, key in enumerate(("w_cost", "w_benefit", "w_value")):
        v = _last(query, key)
        if v is not None:
            w[i] = _check(key, v, params.check_weight, v)
    return (w[0], w[1], w[2])


def context(db: Database, query: Query) -> tuple[chart_data.Context, folders.Snapshot]:
    """The Context the export would use for these parameters (unknown ones: 400)."""
    unknown = sorted(set(query) - set(PARAMETERS))
    if unknown:
        raise FeedError(400, f"unknown parameter {unknown[0]!r}; the parameters are: "
                        f"{', '.join(PARAMETERS)}", parameter=unknown[0])
    scan = db.scan(refresh=True)
    dates = [s.as_of for s in scan.snapshots]
    if not dates:
        raise FeedError(503, "no published snapshot yet")
    given = _last(query, "snapshot")
    as_of = _check("snapshot", given, params.check_snapshot, given or dates[0], dates)
    options = params.load_filter_options(db, as_of)
    lists = {}
    for key, valid, what in (("agency", options.agencies, "organization"),
                             ("category", options.categories, "category"),
                             ("initiative", options.initiatives, "initiative")):
        vals = _values(query, key)
        bad = params.bad_members(vals, valid)
        if bad:
            raise FeedError(400, f"{key}={bad[0]!r}: no such {what} in snapshot {as_of}",
                            parameter=key)
        lists[key] = tuple(vals)
    prio = _last(query, "priority")
    if prio is not None and prio.lower() not in ("true", "false"):
        _check("priority", prio, _raise, params.PRIORITY_RULE)
    year_from = year_to = None
    years = _values(query, "years")
    if years:
        year_from, year_to = _check("years", "&".join(years), params.check_years, years,
                                    options)
    rate = config.DEFAULT_DISCOUNT_RATE
    if (r := _last(query, "rate")) is not None:
        rate = _check("rate", r, params.check_rate, r)
    budget = None
    if (b := _last(query, "budget")) is not None:
        budget = _check("budget", b, params.check_budget, b)
    compare = _last(query, "compare")
    if compare is not None:
        compare = _check("compare", compare, params.check_compare, compare, dates, as_of)
    filters = Filters(snapshot=as_of, agencies=lists["agency"], categories=lists["category"],
                      initiatives=lists["initiative"],
                      priority_only=(prio or "").lower() == "true",
                      year_from=year_from, year_to=year_to)
    ctx = chart_data.Context(db=db, filters=filters, discount_rate=float(rate),
                             weights=_weights(query), budget=budget, compare_to=compare)
    return ctx, scan.get(as_of)  # type: ignore[return-value]


def _raise(rule: str):
    raise params.InvalidValue(rule)
