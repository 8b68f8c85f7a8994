"""The one module that owns DuckDB.

- Each published snapshot gets its own in-memory DuckDB database whose views
  (`initiatives`, `agencies`, `costs`, `benefits`, `commitments`, `contributions`) read that
  snapshot's Parquet files, the small tables of the contract's ordered values
  (`commitment_levels` with `is_committed`, `confidence_levels`, `contribution_types`, and
  `range_classes` with the default range factors, from dashboard/contract/schema.py:
  `order_tables`), plus the filtered table macros of
  queries/_filtered.sql. SQL
  files therefore name tables, never paths, and the snapshot is chosen from the allow-list
  of published snapshots, never from user text.
- Named queries are the files queries/<name>.sql (files starting with "_" hold macros).
  Every value reaches SQL as a bound `$parameter`; no SQL text is assembled from values.
- A `Database` is safe to share between sessions and threads: each query runs on its own
  `cursor()` of the snapshot's connection.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.config import QUERIES_DIR
from dashboard.contract.schema import (
    COMMITMENT_LEVELS,
    COMMITTED_LEVELS,
    CONFIDENCE_LEVELS,
    CONTRIBUTION_TYPES,
    COST_RANGE_CLASSES,
    RANGE_DEFAULTS,
    TABLES,
)
from dashboard.query.filters import Filters
from dashboard.store import catalog, folders, storage

# The big line-item tables stay views over Parquet; queries/_cost_benefit_totals.sql
# pre-sums them once per snapshot database. The other tables are small and copied in.
LINE_ITEM_TABLES = frozenset({"costs", "benefits"})
PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
HEADER_RE = re.compile(r"^--\s*(\w+):\s*(.*)$")


class UnknownQuery(KeyError):
    pass


class UnknownSnapshot(LookupError):
    pass


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


@dataclass(frozen=True)
class Query:
    """A named query file: its SQL, the parameters it binds and its documented header."""

    name: str
    sql: str
    params: frozenset[str]
    header: dict[str, str]

    @property
    def columns(self) -> list[str]:
        return [c.strip() for c in self.header.get("columns", "").split(",") if c.strip()]


def parse_header(sql: str) -> dict[str, str]:
    """The leading `-- key: value` comment lines; continuation lines append to the last key."""
    header: dict[str, str] = {}
    last = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        m = HEADER_RE.match(line)
        if m and m.group(1).lower() in {"name", "purpose", "grain", "parameters", "columns"}:
            last = m.group(1).lower()
            header[last] = m.group(2).strip()
        elif last:
            header[last] = (header[last] + " " + line.lstrip("-").strip()).strip()
    return header


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, Query]:
    out: dict[str, Query] = {}
    for path in sorted(directory.glob("*.sql")):
        if path.name.startswith("_"):
            continue
        sql = path.read_text(encoding="utf-8")
        out[path.stem] = Query(
            name=path.stem,
            sql=sql,
            params=frozenset(PARAM_RE.findall(_strip_comments(sql))),
            header=parse_header(sql),
        )
    return out


def load_macros(directory: Path = QUERIES_DIR) -> list[str]:
    """The macro definition files (queries/_*.sql), in name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(directory.glob("_*.sql"))]


def open_snapshot_connection(snapshot: folders.Snapshot,
                             macros: list[str]) -> duckdb.DuckDBPyConnection:
    """A new in-memory database with views over the snapshot's files and the filter macros."""
    con = duckdb.connect(":memory:")
    for name in TABLES:
        if TABLES[name].optional and name not in snapshot.rows:
            # an optional table the snapshot does not have (ranges): empty, so the queries
            # see no rows and the contract's defaults apply
            con.from_arrow(TABLES[name].arrow_schema().empty_table()).to_table(name)
            continue
        # The relation API takes the path as a value: no SQL text is built from it.
        rel = con.read_parquet(str(snapshot.file(name)))
        if name not in LINE_ITEM_TABLES and set(rel.columns) != set(TABLES[name].column_names):
            # an optional column the file does not have (agencies.cost_share) reads as null
            rel = con.from_arrow(TABLES[name].complete(rel.to_arrow_table()))
        if name in LINE_ITEM_TABLES:
            rel.create_view(name)  # read once, by the pre-summing of queries/_*.sql
        else:
            rel.to_table(name)  # small tables live in memory: no Parquet re-read per query
    # the contract's ordered values (and which levels count as committed): the queries
    # join these tables instead of spelling the values out; dashboard/contract/schema.py defines them
    for name, table in order_tables().items():
        con.from_arrow(table).to_table(name)
    for text in macros:
        con.execute(text)
    return con


def _order(column: str, rank: str, values: tuple[str, ...]) -> dict[str, pa.Array]:
    return {column: pa.array(values, type=pa.string()),
            rank: pa.array(range(len(values)), type=pa.int32())}


def order_tables() -> dict[str, pa.Table]:
    """The small tables of the contract's ordered values, from dashboard/contract/schema.py:
    commitment_levels (commitment_level, level_rank 0 = none ... 4 = lead, is_committed),
    confidence_levels (confidence, confidence_rank), contribution_types (contribution_type,
    type_rank)."""
    levels = _order("commitment_level", "level_rank", COMMITMENT_LEVELS)
    levels["is_committed"] = pa.array([v in COMMITTED_LEVELS for v in COMMITMENT_LEVELS])
    return {
        "range_classes": range_classes(),
        "commitment_levels": pa.table(levels),
        "confidence_levels": pa.table(_order("confidence", "confidence_rank", CONFIDENCE_LEVELS)),
        "contribution_types": pa.table(_order("contribution_type", "type_rank",
                                              CONTRIBUTION_TYPES)),
    }


def range_classes() -> pa.Table:
    """The range classes of the contract (version 3), in its order (class_rank): side,
    range_class, the line column it stands for (is_recurring for a cost class, confidence
    for a benefit class, null otherwise) and its default factors (schema.RANGE_DEFAULTS)."""
    rows = [(d.side, d.range_class,
             COST_RANGE_CLASSES.get(d.range_class) if d.side == "cost" else None,
             d.range_class if d.side == "benefit" else None, d.low_factor, d.high_factor)
            for d in RANGE_DEFAULTS]
    names = ("side", "range_class", "is_recurring", "confidence", "default_low_factor",
             "default_high_factor")
    types = (pa.string(), pa.string(), pa.bool_(), pa.string(), pa.float64(), pa.float64())
    table = pa.table({n: pa.array([r[i] for r in rows], type=t)
                      for i, (n, t) in enumerate(zip(names, types, strict=True))})
    return table.append_column("class_rank", pa.array(range(len(rows)), type=pa.int32()))


@dataclass
class _Open:
    """A snapshot database in use: closed once replaced and no query runs on it."""

    con: duckdb.DuckDBPyConnection
    as_of: str
    users: int = 0
    retired: bool = False


class Database:
    """Published snapshots of one data directory, and the named queries over them.

    One connection per published content of a date: when a snapshot is replaced
    (`ingest --replace`, a new content token for the same date) the old connection is
    closed as soon as no query runs on it, so replaces never pile up open databases.
    """

    def __init__(self, data_dir: storage.DataDir | str, queries_dir: Path = QUERIES_DIR) -> None:
        # a local folder, or an object store (s3://): its snapshots are read from this
        # machine's read-through cache, so DuckDB only ever reads local files
        self.data_dir = storage.location(data_dir) if storage.is_remote(data_dir) \
            else Path(data_dir)
        self.queries = load_queries(queries_dir)
        self._macros = load_macros(queries_dir)
        self._lock = threading.Lock()
        self._connections: dict[str, _Open] = {}  # content token -> its open database
        self._scan: folders.ScanResult | None = None

    # -- snapshots -----------------------------------------------------------------
    def scan(self, refresh: bool = False) -> folders.ScanResult:
        """Published and skipped snapshots; rescans the folder when refresh is true."""
        with self._lock:
            if self._scan is None or refresh:
                self._scan = catalog.scan(self.data_dir)
            return self._scan

    def snapshot(self, as_of: str) -> folders.Snapshot:
        snap = self.scan().get(as_of)
        if snap is None:
            snap = self.scan(refresh=True).get(as_of)
        if snap is None:
            raise UnknownSnapshot(f"no published snapshot {as_of!r} in {self.data_dir}")
        return snap

    def _acquire(self, as_of: str) -> _Open:
        """The open database of a published snapshot, counted as in use until _release."""
        snap = self.snapshot(as_of)
        with self._lock:
            entry = self._connections.get(snap.token)
            if entry is None:
                entry = _Open(open_snapshot_connection(snap, self._macros), snap.as_of)
                self._connections[snap.token] = entry
                for token, other in list(self._connections.items()):
                    if other.as_of == snap.as_of and token != snap.token:  # replaced
                        del self._connections[token]
                        other.retired = True
                        if other.users == 0:
                            other.con.close()
            entry.users += 1
            return entry

    def _release(self, entry: _Open) -> None:
        with self._lock:
            entry.users -= 1
            if entry.retired and entry.users == 0:
                entry.con.close()

    def connection(self, as_of: str) -> duckdb.DuckDBPyConnection:
        """The shared connection of a published snapshot (one per content token)."""
        entry = self._acquire(as_of)
        self._release(entry)
        return entry.con

    def open_connections(self) -> int:
        """How many snapshot databases are held open (one per published date in use)."""
        with self._lock:
            return len(self._connections)

    # -- queries -------------------------------------------------------------------
    def query(self, name: str, filters: Filters, **extra: object) -> pd.DataFrame:
        """Run the named query on the filters' snapshot; values travel as bound parameters."""
        q = self.queries.get(name)
        if q is None:
            raise UnknownQuery(f"no query named {name!r} (queries/{name}.sql)")
        available = {**filters.params(), **extra}
        missing = q.params - available.keys()
        if missing:
            raise TypeError(f"query {name!r} needs parameter(s) {sorted(missing)}")
        params = {k: available[k] for k in q.params}
        entry = self._acquire(filters.snapshot)
        try:
            cur = entry.con.cursor()
            try:
                return cur.execute(q.sql, params).df()
            finally:
                cur.close()
        finally:
            self._release(entry)

    def close(self) -> None:
        with self._lock:
            for entry in self._connections.values():
                entry.con.close()
            self._connections.clear()
