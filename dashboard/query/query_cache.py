"""The app's shared Database and its cached query runner (no widgets).

`get_db()` is one Database per data directory for every session (safe to share: one
cursor per query). `cached_runner(db, scan)` is the runner the app gives
chart_data.Context: it caches each named query's DataFrame under the snapshot's content
token, the query name, the filters and the extra parameters, so a replaced snapshot never
serves stale results. `cached_memo(db, scan)` is the context's memo: it caches the
datasets chart_data works out in pandas or with dashboard/analysis/ (the ranking, the
sensitivity, the budget selection, ...) under the same snapshot tokens, the filters and
the analysis options each reads. What may hold words a reader sees (a dataset's labels, a
finished figure) is cached per language too (dashboard/lang: the language of the run), so
a French reader never gets an English figure cached by another session. This module sits beside dashboard/query/db.py: chart_data
calls the runner it is handed, and the runner calls only the Database (data flows one
way). `clear_results()` empties every result cache (the shared Database stays open).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.lang.translate import current
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.query.params import FilterOptions, load_filter_options
from dashboard.store import folders


@st.cache_resource(show_spinner=False)
def database(data_dir: str) -> Database:
    """One shared Database per data directory (safe to share: one cursor per query)."""
    return Database(data_dir)


def get_db() -> Database:
    return database(str(config.data_dir()))


@st.cache_data(max_entries=2048, ttl=3600, show_spinner=False)
def _cached_query(data_dir: str, token: str, name: str, filters: Filters,
                  extra: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    # `token` changes whenever the snapshot's published content changes, so a replaced
    # snapshot never serves stale results.
    del token
    return database(data_dir).query(name, filters, **dict(extra))


def cached_runner(db: Database, scan: folders.ScanResult):
    """A query runner whose cache key holds the snapshot token, the filters and the extras."""
    tokens = {s.as_of: s.token for s in scan.snapshots}

    def run(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        token = tokens.get(filters.snapshot, "")
        return _cached_query(str(db.data_dir), token, name, filters, tuple(sorted(extra.items())))

    return run


@st.cache_data(max_entries=1024, ttl=3600, show_spinner=False)
def _cached_dataset(data_dir: str, tokens: tuple, name: str, filters: Filters,
                    options: tuple, args: tuple, lang: str, _fn: Callable,
                    _ctx: object) -> object:
    # keyed on everything but _fn and _ctx (leading underscores: not hashed); the name
    # stands for _fn, the filters and options for what _fn reads of _ctx; the language
    # for the words a dataset may hold (the kpis' labels, the stages' names)
    del data_dir, tokens, name, filters, options, lang
    return _fn(_ctx, *args)


def cached_memo(db: Database, scan: folders.ScanResult):
    """The memo of chart_data.Context: a dataset's result cached under every snapshot's
    token, the function, the filters, the analysis options it reads and its arguments."""
    tokens = tuple(sorted((s.as_of, s.token) for s in scan.snapshots))

    def memo(fn: Callable, ctx, options: tuple[str, ...], args: tuple) -> object:
        values = tuple((o, getattr(ctx, o)) for o in options)
        return _cached_dataset(str(db.data_dir), tokens, f"{fn.__module__}.{fn.__qualname__}",
                               ctx.filters, values, args, current(), fn, ctx)

    return memo


def frame_token(df: pd.DataFrame) -> str | None:
    """A digest of a DataFrame's columns, types, index and every value (None when a value
    cannot be hashed): equal tokens, equal frames."""
    try:
        values = pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes()
    except TypeError:
        return None
    head = repr((list(df.columns), [str(t) for t in df.dtypes], df.shape, df.attrs)).encode()
    return hashlib.sha256(head + values).hexdigest()


def _builder_name(builder: Callable, args: tuple | None) -> str | None:
    """The builder's name when it names what it draws: a module-level function, or any
    callable (a page's lambda) whose other inputs are given in `args`; else None."""
    name = f"{getattr(builder, '__module__', '')}.{getattr(builder, '__qualname__', '')}"
    if args is not None:
        return name
    plain = (inspect.isfunction(builder) and builder.__closure__ is None
             and "<" not in builder.__qualname__)  # not a lambda, not a local function
    return name if plain else None


@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _figure(chart: str, builder: str, frame: str, args: tuple, lang: str,
            _build: Callable) -> object:
    del chart, builder, frame, args, lang  # the key; _build makes what they name
    return _build()


def cached_figure(chart: str, builder: Callable, df: pd.DataFrame, args: tuple | None,
                  finish: tuple, build: Callable[[], object]) -> object:
    """`build()` (a chart's finished figure: builder(df), marked as sample data or not,
    made safe, made ready for the browser: ui/blocks._finished) made once per chart,
    builder, frame content, `args` (the builder's other inputs; needed for a page's
    lambda), `finish` (what the finishing depends on: sample data, clickable, half
    width) and the language (its words and separators), then shared: st.plotly_chart only reads a figure, never changes it. Built
    anew when no key can be formed."""
    name = _builder_name(builder, args)
    frame = frame_token(df)
    if name is None or frame is None:
        return build()
    try:
        hash(args)
    except TypeError:
        return build()
    return _figure(chart, name, frame, (args, finish), current(), build)


def clear_results() -> None:
    """Empty every result cache (queries, datasets, filter options, figures); the shared
    Database stays open. The benchmark's cold reruns start from here."""
    st.cache_data.clear()
    _figure.clear()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _filter_options(data_dir: str, token: str, as_of: str) -> FilterOptions:
    del token
    return load_filter_options(database(data_dir), as_of)


def filter_options(db: Database, snapshot: folders.Snapshot) -> FilterOptions:
    """The snapshot's allowed filter values, cached per snapshot content."""
    return _filter_options(str(db.data_dir), snapshot.token, snapshot.as_of)
