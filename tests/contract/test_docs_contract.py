"""data/README.md states the contract of dashboard/contract/schema.py, so the docs cannot drift.

Every table has its own section stating its grain; every column has a row in that
section's table with its type; every allowed value is written (in backticks) in the
section; the command line section names every command and option of dashboard/cli.py.
"""

from __future__ import annotations

import argparse
import re

import pytest

from dashboard import cli
from dashboard.config import REPO_ROOT
from dashboard.contract import schema

README = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")


def _section(heading: str, level: int) -> str:
    """The text under `heading` (a markdown heading of `level` #s) up to the next heading
    of that level or higher."""
    lines = README.splitlines()
    marker = "#" * level + " "
    for i, line in enumerate(lines):
        if line.startswith(marker) and line[len(marker):].strip() == heading:
            body = []
            for nxt in lines[i + 1:]:
                m = re.match(r"^(#+) ", nxt)
                if m and len(m.group(1)) <= level:
                    break
                body.append(nxt)
            return "\n".join(body)
    raise AssertionError(f"data/README.md has no heading {marker}{heading}")


def _column_row(section: str, column: str) -> str | None:
    for line in section.splitlines():
        if re.match(rf"^\|\s*`{re.escape(column)}`\s*\|", line):
            return line
    return None


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_every_table_has_a_section_with_its_grain(table):
    section = _section(table, 3)
    assert schema.TABLES[table].grain in section, f"{table}: grain not stated"


@pytest.mark.parametrize(
    ("table", "column"),
    [(t.name, c.name) for t in schema.TABLES.values() for c in t.columns],
)
def test_every_column_is_documented_with_its_type(table, column):
    row = _column_row(_section(table, 3), column)
    assert row is not None, f"{table}.{column} has no row in data/README.md"
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == schema.TABLES[table].column(column).type, f"{table}.{column}: type"
    spec = schema.TABLES[table].column(column)
    rule = cells[2]
    if spec.nullable:
        assert "null" in rule, f"{table}.{column}: say it may be null"
    if spec.unique:
        assert "unique" in rule
    if spec.fk:
        assert f"{spec.fk[0]}.{spec.fk[1]}" in rule or spec.fk[0] in rule
    if spec.pattern:
        assert spec.pattern in rule


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [(t.name, c.name, v) for t in schema.TABLES.values() for c in t.columns
     for v in (c.allowed or ())],
)
def test_every_allowed_value_is_documented(table, column, value):
    row = _column_row(_section(table, 3), column)
    assert row is not None
    assert f"`{value}`" in row, f"{table}.{column}: allowed value {value!r} missing"


@pytest.mark.parametrize(
    ("table", "column"),
    [(t.name, c.name) for t in schema.TABLES.values() for c in t.columns if c.allowed],
)
def test_allowed_values_are_listed_in_the_schema_order(table, column):
    row = _column_row(_section(table, 3), column)
    positions = [row.index(f"`{v}`") for v in schema.TABLES[table].column(column).allowed]
    assert positions == sorted(positions), f"{table}.{column}: order differs from the schema"


def test_unique_pair_of_commitments_is_documented():
    section = _section("commitments", 3)
    pair = schema.TABLES["commitments"].unique_together
    assert pair == ("initiative_id", "agency_code")
    assert "(`initiative_id`, `agency_code`) is unique" in section


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    for action in parser._actions:  # argparse keeps subparsers here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_command_line_section_names_every_command_and_option(command):
    section = _section("Command line", 2)
    rows = [line for line in section.splitlines() if line.startswith(f"| `{command} ")
            or line.startswith(f"| `{command}`")]
    assert rows, f"command {command!r} is not in data/README.md's command line table"
    sub = _subcommands()[command]
    if command == "bench":  # the benchmark (bench/, outside the app) parses its own options
        from bench.__main__ import build_parser

        sub = build_parser()
    for action in sub._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in rows[0], f"{command}: option {option} is not documented"


@pytest.mark.parametrize(
    "heading",
    ["Snapshots and the manifest", "Tables", "Filters", "Headline figures", "Priority score",
     "Export workbook", "Command line", "Benchmark output", "The sample data"],
)
def test_sections_exist(heading):
    assert _section(heading, 2).strip()


def test_headline_figures_match_the_kpi_query_columns():
    from dashboard.query.db import load_queries

    figures = _section("Headline figures", 2)
    for column in load_queries()["kpis"].columns:
        assert f"`{column}`" in figures, f"kpis column {column} is not defined in the docs"


def test_sample_data_section_names_the_priorities_and_says_illustrative():
    sample = _section("The sample data", 2)
    assert "illustrative" in sample.lower()
    assert "not the figures of any organization" in sample
    for name in ("ICT services sourcing strategy", "ICT development network",
                 "Common applications solutions", "Knowledge-sharing",
                 "Enterprise resource planning systems", "ICT governance and best practices",
                 "Business case development and costing", "ICT training"):
        assert re.search(rf"\| {re.escape(name)} \|.*\| A/60/323 priority \|", sample), name
    assert len(re.findall(r"\| illustrative[^|]*\|\s*$", sample, flags=re.M)) == 7
