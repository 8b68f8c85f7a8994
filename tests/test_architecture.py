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
