"""The app's shared Database and its cached query runner (no widgets).

`get_db()` is one Database per data directory for every session (safe to share: one
cursor per query). `cached_runner(db, scan)` is the runner the app gives
chart_data.Context: it caches each named query's DataFrame under the snapshot's content
token, the query name, the filters and the extra parameters, so a replaced snapshot never
serves stale results. This module sits beside dashboard/db.py: chart_data calls the
runner it is handed, and the runner calls only the Database (data flows one way).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard import snapshots as snaps
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.params import FilterOptions, load_filter_options


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


def cached_runner(db: Database, scan: snaps.ScanResult):
    """A query runner whose cache key holds the snapshot token, the filters and the extras."""
    tokens = {s.as_of: s.token for s in scan.snapshots}

    def run(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        token = tokens.get(filters.snapshot, "")
        return _cached_query(str(db.data_dir), token, name, filters, tuple(sorted(extra.items())))

    return run


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _filter_options(data_dir: str, token: str, as_of: str) -> FilterOptions:
    del token
    return load_filter_options(database(data_dir), as_of)


def filter_options(db: Database, snapshot: snaps.Snapshot) -> FilterOptions:
    """The snapshot's allowed filter values, cached per snapshot content."""
    return _filter_options(str(db.data_dir), snapshot.token, snapshot.as_of)
