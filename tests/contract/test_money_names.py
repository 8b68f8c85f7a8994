"""One name per kind of money (dashboard/contract/labels.py; issue 24, S11 and O20):
"pledged" means an organization's own pledged share (counted against the funding target)
or a donor's pledge (promised, not yet paid, never counted against it). Every text a
reader sees (tiles, chart titles and legends, table headers, captions, the briefing's
words) says ORG_PLEDGED, DONOR_PLEDGED or PAID, never one of the names used before."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

from dashboard import registry
from dashboard.contract import labels
from dashboard.contract.metrics import BY_KEY
from dashboard.output import tables

ROOT = Path(__file__).resolve().parents[2] / "dashboard"
# the names used before, each of which a reader could take for the other kind of money
OLD = re.compile(r"pledged by organizations|contributions pledged|contributions paid|"
                 r"agency pledged|agency pledges|pledged to initiatives|organizations' pledges"
                 r"|pledged contributions", re.IGNORECASE)
# the load's reconciliation lines for analysts (dashboard/intake), not a manager's page
NOT_READ_BY_MANAGERS = ("intake",)


def _reader_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, docstrings left out (they are for engineers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def test_no_reader_facing_text_uses_an_old_name():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.relative_to(ROOT).parts[0] in NOT_READ_BY_MANAGERS:
            continue
        for line, text in _reader_strings(path):
            if OLD.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_the_tiles_headers_and_legends_say_the_one_names():
    assert BY_KEY["contributions_paid_usd"].label == labels.PAID == "Paid contributions"
    assert BY_KEY["contributions_pledged_usd"].label == labels.DONOR_PLEDGED == (
        "Donor pledges, not yet paid")
    assert labels.ORG_PLEDGED == "Organizations' pledged shares"
    assert tables.header_label("agency_pledged_usd") == "Organizations' pledged shares (US$)"
    assert tables.header_label("pledged_contributions_usd") == (
        "Donor pledges, not yet paid (US$)")
    # the registry's words (titles, captions, the pack's) too
    words = " ".join(filter(None, [t for c in registry.CHARTS for t in (
        c.title, c.caption, c.pack and c.pack.page, c.pack and c.pack.caption)]))
    assert not OLD.search(words), OLD.search(words)


def test_the_old_names_are_found_where_they_are():
    # the scan finds an old name in a module's strings, not in its docstring
    sample = ROOT.parent / "tests" / "contract" / "_money_names_sample.py"
    sample.write_text('"""Contributions paid, in a docstring."""\nX = "Contributions pledged"\n',
                      encoding="utf-8")
    try:
        assert [t for _, t in _reader_strings(sample) if OLD.search(t)] == [
            "Contributions pledged"]
    finally:
        sample.unlink()


def test_a_group_header_over_before_after_change_says_the_policy_s_name():
    # round 5 #4: What changed's "Unpaid pledges (US$)" was a second name for "Donor pledges,
    # not yet paid"; "Pledged shares (US$)" one for "Organizations' pledged shares"
    from dashboard.lang.lazy import read
    from dashboard.lang.translate import language
    from dashboard.output.group_words import CHANGE_GROUPS

    # a money's group is never given a name of its own: it is the column's (the policy's)
    assert not [stem for stem in CHANGE_GROUPS if stem.endswith("_usd")]
    for lang in ("en", "fr"):
        with language(lang):
            for stem, name in (("agency_pledged_usd", labels.ORG_PLEDGED),
                               ("pledged_contributions_usd", labels.DONOR_PLEDGED)):
                cols = [stem.replace("_usd", f"_{w}_usd") for w in ("before", "after", "change")]
                df = pd.DataFrame({"name": ["ERP"], **{c: [1.0] for c in cols}})
                _, cfg = tables.present(df)
                groups = {cfg[c]["group"].replace("\u2019", "'") for c in cols}
                assert groups == {tables.header_label(stem).replace("\u2019", "'")}, lang
                assert str(read(name)).replace("\u2019", "'") in groups.pop(), lang
