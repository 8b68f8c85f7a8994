"""The DuckDB module: named queries, bound parameters, snapshots chosen from the allow-list."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest

from dashboard.config import REPO_ROOT
from dashboard.query.db import Database, UnknownQuery, UnknownSnapshot, parse_header
from dashboard.query.filters import Filters
from tests import fixture_data


def test_unknown_query_is_refused(db, f0):
    with pytest.raises(UnknownQuery):
        db.query("no_such_query", f0)


def test_unknown_snapshot_is_refused(db):
    with pytest.raises(UnknownSnapshot):
        db.query("kpis", Filters(snapshot="1999-01-01"))


def test_snapshot_text_never_reaches_sql(db):
    # A hostile "snapshot" is only ever looked up in the list of published snapshots.
    with pytest.raises(UnknownSnapshot):
        db.query("kpis", Filters(snapshot="2006-01-01'; drop view costs; --"))
    assert db.query("kpis", Filters(snapshot=fixture_data.FIXTURE_AS_OF)).shape == (1, 8)


def test_missing_extra_parameter_is_named(db, f0):
    with pytest.raises(TypeError, match="discount_rate"):
        db.query("cashflow_by_year", f0)


def test_hostile_filter_values_are_plain_values(db, f0):
    # Values travel as bound parameters: quotes in them match nothing and break nothing.
    df = db.query("kpis", f0.with_(agencies=("UNDP' or '1'='1",)))
    assert df.loc[0, "total_cost_usd"] == 0  # no such agency: nothing kept, shared rows dropped
    df = db.query("kpis", f0.with_(categories=("x') or true --",)))
    assert df.loc[0, "total_cost_usd"] == 0


def test_concurrent_queries_on_one_database(db):
    """Many threads share one Database; each query runs on its own cursor."""
    expected = {  # total cost by agency, worked out from the fixture rows by hand
        ("UNDP",): 110.0,  # ERP 100 + SEC 10
        ("WFP",): 35.0,  # ERP 30 + TRN 5
        ("ITU",): 40.0,  # KS 40
        (): 255.0,
    }
    errors: list[BaseException] = []
    results: list[tuple[tuple[str, ...], float]] = []

    def work(agencies: tuple[str, ...]) -> None:
        try:
            for _ in range(20):
                f = Filters(snapshot=fixture_data.FIXTURE_AS_OF, agencies=agencies)
                results.append((agencies, float(db.query("kpis", f).loc[0, "total_cost_usd"])))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(a,)) for a in expected for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 20 * len(threads)
    for agencies, total in results:
        assert total == expected[agencies]


def test_new_snapshot_is_found_without_restart(tmp_path):
    fixture_data.build(tmp_path, as_of="2006-01-01")
    database = Database(tmp_path)
    assert [s.as_of for s in database.scan().snapshots] == ["2006-01-01"]
    fixture_data.build(tmp_path, as_of="2006-06-30")
    # asking for the new snapshot rescans
    assert database.query("kpis", Filters(snapshot="2006-06-30")).loc[0, "total_cost_usd"] == 255
    assert [s.as_of for s in database.scan().snapshots] == ["2006-06-30", "2006-01-01"]


def test_filters_normalize_and_refuse_empty_range():
    a = Filters(snapshot="2006-01-01", agencies=("WFP", "UNDP", "WFP"))
    b = Filters(snapshot="2006-01-01", agencies=("UNDP", "WFP"))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(ValueError, match="empty"):
        Filters(snapshot="2006-01-01", year_from=2007, year_to=2006)


def test_every_query_has_a_complete_header():
    db = Database(REPO_ROOT / "data")
    assert db.queries, "no queries found"
    for q in db.queries.values():
        for key in ("name", "purpose", "grain", "parameters", "columns"):
            assert q.header.get(key), f"queries/{q.name}.sql: header has no '{key}:' line"
        assert q.header["name"] == q.name, f"queries/{q.name}.sql: header name differs"
        assert q.header["grain"].startswith("one row"), f"queries/{q.name}.sql: grain"
        for p in q.params:
            assert f"${p}" in q.header["parameters"], (
                f"queries/{q.name}.sql: parameter ${p} is not documented in the header"
            )


def test_parse_header_continuation_lines():
    h = parse_header("-- name: x\n-- columns: a, b,\n--   c\nselect 1")
    assert h == {"name": "x", "columns": "a, b, c"}


SQL_WORDS = re.compile(r"\b(select|insert|update|delete|create|drop|from|where)\b", re.I)


def test_no_sql_is_built_from_python_strings():
    """No f-string, .format() or % formatting produces SQL text anywhere in the package."""
    offenders = []
    for path in sorted((REPO_ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = None
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                )
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)):
                text = str(node.func.value.value)
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
                  and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
                text = node.left.value
            if text and len(SQL_WORDS.findall(text)) >= 2 and re.search(
                r"\bselect\b.*\bfrom\b|\binsert\b.*\binto\b|\bcreate\b.*\b(table|view|macro)\b",
                text, re.I | re.S,
            ):
                offenders.append(f"{Path(path).relative_to(REPO_ROOT)}:{node.lineno}: {text[:60]!r}")
    assert not offenders, "SQL assembled in Python:\n" + "\n".join(offenders)


def test_rescan_sees_a_file_corrupted_after_an_earlier_scan(tmp_path):
    """Folder checks are memoized on file stats; a changed file is checked again."""
    from dashboard.store import catalog

    folder = fixture_data.build(tmp_path, as_of="2006-01-01")
    assert [s.as_of for s in catalog.scan(tmp_path).snapshots] == ["2006-01-01"]
    costs = folder / "costs.parquet"
    data = bytearray(costs.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped
    costs.write_bytes(bytes(data))
    result = catalog.scan(tmp_path)
    assert result.snapshots == ()
    assert [s.name for s in result.skipped] == ["2006-01-01"]
    assert "costs.parquet" in result.skipped[0].reason
