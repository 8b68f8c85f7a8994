"""Filter and analysis values: the allowed ones, and what a link's values are worth.

Pure functions over plain values (no Streamlit): the options a snapshot allows
(`FilterOptions`, loaded once per snapshot), and the check of the URL's query parameters
against them (`url_notices`, `valid_years`), used by the sidebar (dashboard/ui/sidebar.py)
before Streamlit's bound widgets silently drop a bad value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.schema import CATEGORIES

# query parameters of the sidebar's filters, and of the analysis controls
FILTER_KEYS: tuple[str, ...] = ("snapshot", "agency", "category", "initiative", "priority", "years")
ANALYSIS_KEYS: tuple[str, ...] = ("w_cost", "w_benefit", "w_value", "budget", "rate", "compare")


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


# --- URL validation (pure) -------------------------------------------------------------


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _parse_int(text: str) -> int | None:
    try:
        f = float(text)
    except ValueError:
        return None
    if not math.isfinite(f) or f != int(f):
        return None
    return int(f)


def url_notices(params: Mapping[str, str | Sequence[str]], snapshot_options: Sequence[str],
                options: FilterOptions | None) -> list[str]:
    """A message for every URL filter value that is not allowed (and will be dropped).

    `params` maps a query parameter to its value(s); `snapshot_options` are the published
    as-of dates; `options` the chosen snapshot's allowed values (None: no snapshot).
    """
    notices: list[str] = []
    snap_vals = [v for v in _as_list(params.get("snapshot")) if v != ""]
    if snap_vals and snap_vals[-1] not in snapshot_options:
        shown = ", ".join(snapshot_options) or "none"
        notices.append(
            f"URL parameter snapshot={snap_vals[-1]!r} ignored: no such published snapshot "
            f"(available: {shown}). Showing the newest."
        )
    if options is None:
        return notices
    lists = {
        "agency": (options.agencies, "organization"),
        "category": (options.categories, "category"),
        "initiative": (options.initiatives, "initiative"),
    }
    for key, (allowed, what) in lists.items():
        bad = [v for v in _as_list(params.get(key)) if v != "" and v not in allowed]
        for v in dict.fromkeys(bad):
            notices.append(f"URL parameter {key}={v!r} ignored: no such {what} in this snapshot.")
    prio = [v for v in _as_list(params.get("priority")) if v != ""]
    if prio and prio[-1].lower() not in ("true", "false"):
        notices.append(f"URL parameter priority={prio[-1]!r} ignored: use true or false.")
    years = [v for v in _as_list(params.get("years")) if v != ""]
    if years:
        ok = False
        lo, hi = options.year_min, options.year_max
        nums = [_parse_int(v) for v in years]
        if (
            len(nums) == 2
            and None not in nums
            and lo is not None
            and hi is not None
            and lo < hi
        ):
            a, b = nums  # type: ignore[misc]
            ok = lo <= a <= b <= hi  # type: ignore[operator]
        if not ok:
            span = f"{lo}–{hi}" if lo is not None else "none"
            notices.append(
                f"URL parameter years={'&'.join(years)!r} ignored: give two years FROM and TO "
                f"with FROM ≤ TO, within {span}."
            )
    return notices


def valid_years(value: object, options: FilterOptions) -> tuple[int, int] | None:
    """A (from, to) pair within the snapshot's years, else None."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    try:
        a, b = int(value[0]), int(value[1])
    except (TypeError, ValueError):
        return None
    if options.year_min is None or options.year_max is None:
        return None
    if options.year_min <= a <= b <= options.year_max:
        return a, b
    return None


def float_or(value: object, default: float | None, lo: float = 0.0,
             hi: float = math.inf) -> float | None:
    """`value` as a finite float within [lo, hi], else `default`."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    if not math.isfinite(x) or x < lo or x > hi:
        return default
    return x
