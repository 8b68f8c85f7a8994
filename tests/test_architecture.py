"""The module layering of docs/architecture.md, checked on the import statements.

- no domain module imports the command line (dashboard/cli.py, dashboard/commands/);
- nothing in dashboard/ imports the benchmark (bench/), which lives outside the package;
- nothing below the pages imports the Streamlit layer (dashboard/ui/, dashboard/app.py);
- the Streamlit layer is split by job: no module of it over 250 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard.config import REPO_ROOT

PKG = REPO_ROOT / "dashboard"
MODULES = sorted(p for p in PKG.rglob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(REPO_ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _is(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_module_list_is_not_empty():
    assert len(MODULES) > 20


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_domain_modules_never_import_the_command_line(path):
    name = _name(path)
    if name in ("dashboard.cli", "dashboard.__main__") or _is(name, "dashboard.commands"):
        return
    bad = {i for i in _imports(path)
           if _is(i, "dashboard.cli") or _is(i, "dashboard.commands")}
    assert not bad, f"{name} imports the command line: {sorted(bad)}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_the_dashboard_package_never_imports_the_benchmark(path):
    bad = {i for i in _imports(path) if _is(i, "bench")}
    assert not bad, f"{_name(path)} imports the benchmark: {sorted(bad)}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_nothing_below_the_pages_imports_the_streamlit_layer(path):
    name = _name(path)
    if _is(name, "dashboard.ui") or _is(name, "dashboard.app_pages") or name == "dashboard.app":
        return
    bad = {i for i in _imports(path) if _is(i, "dashboard.ui") or _is(i, "dashboard.app")}
    assert not bad, f"{name} calls up into the Streamlit layer: {sorted(bad)}"


def test_the_streamlit_layer_is_split_by_job():
    assert not (PKG / "ui.py").exists()
    for path in sorted((PKG / "ui").glob("*.py")):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n < 250, f"{path.name} has {n} lines"


def test_the_benchmark_lives_outside_the_app_package():
    assert not (PKG / "bench.py").exists() and not (PKG / "bench_pages.py").exists()
    assert (REPO_ROOT / "bench" / "__main__.py").is_file()


# -- the import graph: no cycle, imports inside functions included -------------------------
ROOTS = ("dashboard", "bench")
ALL_MODULES = {_name(p): p for root in ROOTS for p in sorted((REPO_ROOT / root).rglob("*.py"))}


def _targets(path: Path) -> set[str]:
    """The project modules a file imports, wherever the import stands (a function's body
    too): `from pkg import name` is the module pkg.name when that is a module, else pkg."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in ALL_MODULES
                     else node.module for a in node.names]
        else:
            continue
        out.update(n for n in names if n in ALL_MODULES)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (its modules in import order), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        path.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return path[path.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        path.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle_through_a_function_body():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    tree = {"x": {"y"}, "y": set()}
    assert _cycle(tree) is None


def test_no_import_cycle_in_the_app_or_the_benchmark():
    graph = {name: _targets(path) - {name} for name, path in ALL_MODULES.items()}
    # importing a package's own submodule from its __init__ is how a package is built,
    # not a cycle: the edge from a submodule up to its package is Python's, not ours
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


# -- size: every module and function does one job ----------------------------------------
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 100
MAX_TOP_LEVEL_MODULES = 12


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_over_600_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_MODULE_LINES, f"{_name(path)} has {n} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_over_100_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{_name(path)}: {long}"


def test_the_top_of_the_package_holds_entry_points_and_a_few_shared_modules():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    layers = {"contract", "store", "intake", "query", "analysis", "charts", "output", "ui",
              "app_pages", "commands"}
    assert layers <= {p.name for p in PKG.iterdir() if p.is_dir()}
