"""Each rule has one definition (docs/architecture.md, "Where each rule lives"), and the
places that use it agree: payback and NPV, committed levels and level order, default
weights, the sample marker, the page registry, the metric definitions on Data & methods,
and the validator of filter and analysis values shared by the URL and the command line.
Expected figures are worked out by hand from the rows written here."""

from __future__ import annotations

import ast
import re

import pandas as pd
import pytest

from dashboard import cli
from dashboard import pages as registry
from dashboard.analysis import finance
from dashboard.commands.export import context_from_args
from dashboard.config import REPO_ROOT
from dashboard.contract import docs, schema
from dashboard.output import plain_words
from dashboard.output.usertext import dollars
from dashboard.query import chart_data, params
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data
from tests.apptest import open_app

CODE = sorted([*(REPO_ROOT / "dashboard").rglob("*.py"), *(REPO_ROOT / "bench").rglob("*.py")])
SQL = sorted((REPO_ROOT / "queries").glob("*.sql"))


def _assigned(name: str) -> list[str]:
    """The modules (of dashboard/ and bench/) that assign or define `name`."""
    out = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    elts = t.elts if isinstance(t, ast.Tuple) else [t]
                    targets += [e.id for e in elts if isinstance(e, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
            elif isinstance(node, ast.FunctionDef):
                targets = [node.name]
            if name in targets:
                out.append(str(path.relative_to(REPO_ROOT)))
    return out


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize(("name", "where"), [
    ("payback_year", ["dashboard/analysis/finance.py"]),
    ("npv", ["dashboard/analysis/finance.py"]),
    ("DEFAULT_WEIGHTS", ["dashboard/analysis/scoring.py"]),
    ("SAMPLE_MARKER", ["dashboard/contract/schema.py"]),
    ("COMMITTED_LEVELS", ["dashboard/contract/schema.py"]),
    ("COMMITMENT_LEVELS", ["dashboard/contract/schema.py"]),
    ("PAGES", ["bench/pages.py", "dashboard/pages.py"]),  # bench's is built from the registry
    ("RATE_MAX", ["dashboard/query/params.py"]),
    ("WEIGHT_MAX", ["dashboard/query/params.py"]),
])
def test_each_rule_is_defined_once(name, where):
    assert sorted(_assigned(name)) == where


# --- payback: one rule, float noise never decides ---------------------------------------
NOISY_NET = 0.3 - (0.1 + 0.2)  # -5.55e-17 in floating point: "0" to anyone reading it


def test_payback_of_a_float_noise_net_is_that_year():
    cash = pd.DataFrame({"fiscal_year": [2005, 2006], "net_usd": [NOISY_NET, 1.0],
                         "discounted_net_usd": [NOISY_NET, 1.0]})
    assert NOISY_NET < 0  # the trap: compared to 0 exactly, 2005 would not pay back
    assert finance.payback_year(cash) == 2005


@pytest.fixture(scope="module")
def noisy_dir(tmp_path_factory):
    """One initiative: costs 0.1 and 0.2 and benefit 0.3, all in 2005; 1 of benefit in 2006."""
    rows = dict(fixture_data.ROWS)
    rows["initiatives"] = [fixture_data.INITIATIVES[0]]
    rows["costs"] = [("ERP", "UNDP", 2005, "staff", True, 0.1),
                     ("ERP", "UNDP", 2005, "hardware", False, 0.2)]
    rows["benefits"] = [("ERP", "UNDP", 2005, "cost_savings", "high", 0.3),
                        ("ERP", "UNDP", 2006, "cost_savings", "high", 1.0)]
    rows["commitments"] = [r for r in fixture_data.COMMITMENTS if r[0] == "ERP"]
    rows["contributions"] = [r for r in fixture_data.CONTRIBUTIONS if r[3] in ("ERP", None)]
    d = tmp_path_factory.mktemp("noisy")
    fixture_data.build(d, rows=rows)
    return d


def test_the_page_and_the_per_initiative_measures_give_the_same_payback(noisy_dir, monkeypatch):
    db = Database(noisy_dir)
    try:
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
        cash = chart_data.cashflow_by_year(ctx)
        measures = chart_data.financial_measures(ctx)
    finally:
        db.close()
    assert cash["cumulative_net_usd"].iloc[0] == pytest.approx(0, abs=1e-12)
    assert measures.set_index("initiative_id").loc["ERP", "payback_year"] == 2005
    at = open_app(noisy_dir, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["costs-benefits"].app_test_path).run()
    _no_exception(at)
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Payback year"] == "2005"


# --- committed levels and level order come from schema.py ---------------------------------
def test_no_query_spells_out_a_commitment_level():
    for path in SQL:
        sql = path.read_text(encoding="utf-8")
        for level in schema.COMMITMENT_LEVELS:
            assert f"'{level}'" not in sql, f"{path.name} spells out level {level!r}"


def test_committed_levels_in_sql_follow_schema(fixture_dir, monkeypatch):
    f0 = Filters(snapshot=fixture_data.FIXTURE_AS_OF)
    db = Database(fixture_dir)
    try:
        # committed or lead: UNDP (ERP lead), WFP (ERP committed), ITU (KS lead)
        assert db.query("kpis", f0).iloc[0]["agencies_committed"] == 3
        m = db.query("commitment_matrix", f0)
        assert all(m["level_rank"] == m["commitment_level"].map(schema.COMMITMENT_LEVELS.index))
    finally:
        db.close()
    import dashboard.query.db as dbmod

    monkeypatch.setattr(dbmod, "COMMITTED_LEVELS", ("lead",))
    db = Database(fixture_dir)
    try:
        # lead only: UNDP (ERP), ITU (KS)
        assert db.query("kpis", f0).iloc[0]["agencies_committed"] == 2
        s = db.query("initiative_summary", f0).set_index("initiative_id")
        assert s.loc["ERP", "agencies_committed"] == 1 and s.loc["KS", "agencies_committed"] == 1
    finally:
        db.close()


# --- the sample marker --------------------------------------------------------------------
def test_the_generator_source_carries_the_one_sample_marker():
    from dashboard.intake.generator import source_text

    assert schema.is_sample_source(source_text(2005))
    assert not schema.is_sample_source("ICT Network business cases")


# --- the page registry ----------------------------------------------------------------------
def test_no_other_file_lists_the_pages():
    for path in [*CODE, *sorted((REPO_ROOT / "tests").rglob("*.py"))]:
        if path.name in ("pages.py", "test_one_definition.py") and path.parent.name in (
                "dashboard", "tests"):
            continue
        text = path.read_text(encoding="utf-8")
        for page in registry.PAGES:
            assert page.file not in text, f"{path} names page file {page.file} itself"


def test_every_registered_page_file_exists():
    for p in registry.PAGES:
        assert p.path.is_file(), p.file
    assert registry.DEFAULT in registry.BY_URL


# --- metric definitions: Data & methods shows data/README.md's own text -----------------
# what a manager should never meet on the page: file and query names, column names, code
# spans, engineering words (the 2026-12-03 review's L11 and finding 30)
ENGINEERS_WORDS = ("`", "queries/", ".sql", "_usd", "dashboard/", "Pareto", "dynamic programme",
                   "playwright", "page.pdf", "test suites", "python -m", "sha256", "numpy",
                   "contract section")


def test_data_and_methods_shows_the_docs_definitions_in_plain_words(fixture_dir, monkeypatch):
    at = open_app(fixture_dir, monkeypatch)
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    _no_exception(at)
    shown = [m.value for m in at.markdown]
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert docs.READER_SECTIONS  # the page's definitions: data/README.md's own words
    flat = " ".join(readme.split())
    for heading in docs.READER_SECTIONS:
        text = plain_words.section(heading)  # data/README.md's section, line breaks apart
        assert " ".join(text.split()) in flat
        assert dollars(text) in shown, heading  # as say.py shows it: "$" never mathematics
        assert heading in [h.value for h in at.header]
    assert any("**Funding gap**" in s for s in shown)
    # every text of the page (the data dictionary's table names and columns apart: it is
    # for those who prepare the data, and says so)
    page = " ".join([*shown, *(c.value for c in at.caption), *(h.value for h in at.header),
                     *(t.label for t in at.toggle)])
    for word in ENGINEERS_WORDS:
        assert word not in page, word


# --- one validator for the URL and the command line ---------------------------------------
CASES = [
    # (URL parameter, export option, value(s), accepted, the rule's words in both messages)
    ("rate", "--discount-rate", ["0.05"], True, ""),
    ("rate", "--discount-rate", ["1"], True, ""),
    ("rate", "--discount-rate", ["1.5"], False, "from 0 to 1, such as 0.05"),
    ("rate", "--discount-rate", ["-0.01"], False, "from 0 to 1, such as 0.05"),
    ("rate", "--discount-rate", ["nan"], False, "from 0 to 1, such as 0.05"),
    ("w_cost", "--weights", ["2", "0", "0"], False, "from 0 to 1"),
    ("w_cost", "--weights", ["1", "0", "0"], True, ""),
    ("budget", "--budget", ["-5"], False, "give a non-negative amount in US dollars"),
    ("budget", "--budget", ["70"], True, ""),
    ("budget", "--budget", ["inf"], False, "give a non-negative amount in US dollars"),
]


@pytest.mark.parametrize(("param", "option", "values", "accepted", "rule"), CASES)
def test_url_and_command_line_share_the_limits(fixture_dir, tmp_path, capsys, param, option,
                                               values, accepted, rule):
    db = Database(fixture_dir)
    try:
        opts = params.load_filter_options(db, fixture_data.FIXTURE_AS_OF)
    finally:
        db.close()
    notices = [str(n) for n in params.url_notices(
        {param: values[0]}, [fixture_data.FIXTURE_AS_OF], opts, fixture_data.FIXTURE_AS_OF)]
    assert (notices == []) is accepted, notices
    out = tmp_path / "x.xlsx"
    argv = ["export", "--out", str(out), "--data-dir", str(fixture_dir), option, *values]
    if accepted:  # the command's own check of its options (the workbook is tested elsewhere)
        ctx, _ = context_from_args(cli.build_parser().parse_args(argv))
        ctx.db.close()
    else:
        code = cli.main(argv)
        err = capsys.readouterr().err
        # the same rule, in the same words, each naming where the value came from
        assert code == 2 and not out.exists()
        assert f"URL parameter {param}={values[0]!r} ignored: give " in notices[0]
        assert rule in notices[0] and rule in err
        assert err.startswith(f"error: {option} ")


def test_years_share_the_rule(fixture_dir, tmp_path, capsys):
    db = Database(fixture_dir)
    try:
        opts = params.load_filter_options(db, fixture_data.FIXTURE_AS_OF)
    finally:
        db.close()
    # the fixture's years are 2005-2007: 2004 is outside, 2007 before 2005 is reversed
    for years in (["2004", "2006"], ["2007", "2005"]):
        (n,) = params.url_notices({"years": years}, [fixture_data.FIXTURE_AS_OF], opts,
                                  fixture_data.FIXTURE_AS_OF)
        assert "within 2005–2007; FROM must not be after TO" in str(n)
        code = cli.main(["export", "--out", str(tmp_path / "x.xlsx"), "--data-dir",
                         str(fixture_dir), "--years", *years])
        assert code == 2
        assert "within 2005–2007; FROM must not be after TO" in capsys.readouterr().err
    assert params.url_notices({"years": ["2005", "2007"]}, [fixture_data.FIXTURE_AS_OF], opts,
                              fixture_data.FIXTURE_AS_OF) == []


def test_every_invalid_analysis_value_in_the_link_gets_a_notice(tmp_path, monkeypatch):
    data = tmp_path / "data"
    fixture_data.build_two(data)  # the fixture (newest, shown) and the earlier snapshot
    at = open_app(data, monkeypatch)
    at.query_params.update({"rate": "abc", "w_cost": "2", "w_benefit": "-1", "w_value": "x",
                            "budget": "-5", "compare": fixture_data.FIXTURE_AS_OF})
    at.run()
    _no_exception(at)
    warnings = " ".join(w.value for w in at.warning)
    for needle in ("rate='abc'", "w_cost='2'", "w_benefit='-1'", "w_value='x'",
                   "budget='-5'", f"compare='{fixture_data.FIXTURE_AS_OF}'"):
        assert needle in warnings, (needle, warnings)
    assert "give a yearly rate from 0 to 1" in warnings
    # the defaults are used: the unfiltered fixture, NPV at 5% (figures of tests/test_analytics)
    at.switch_page(registry.BY_URL["costs-benefits"].app_test_path).run()
    tiles = {m.label: m.value for m in at.metric}
    assert "NPV at 5.0%" in tiles and tiles["Payback year"] == "2007"


def test_a_valid_link_has_no_notice(fixture_dir, monkeypatch):
    at = open_app(fixture_dir, monkeypatch)
    at.query_params.update({"rate": "0.1", "w_cost": "1", "w_benefit": "0", "w_value": "0",
                            "budget": "70"})
    at.run()
    _no_exception(at)
    assert not [w.value for w in at.warning if "URL parameter" in w.value]


def test_notices_show_link_text_as_text(fixture_dir, monkeypatch):
    value = "[click](http://evil.example) **x** :smile: $x$ <b> `tick` a@b.example"
    at = open_app(fixture_dir, monkeypatch)
    at.query_params["initiative"] = value
    at.run()
    _no_exception(at)
    (notice,) = [w.value for w in at.warning if "URL parameter" in w.value]
    # the quoted value sits in a code span whose fence is longer than any backtick run in it
    # (Markdown, autolinks and shortcodes do not apply there); our own words are escaped
    assert notice == (f"URL parameter `` initiative={value!r} `` ignored: no such "
                      "initiative in this snapshot\\.")


@pytest.mark.parametrize("literal", ["1e15", "[0-9]{4}-[0-9]{2}-[0-9]{2}", r"\d{4}-\d{2}-\d{2}"])
def test_the_amount_limit_and_the_date_pattern_are_written_once(literal):
    """MAX_AMOUNT_USD and ISO_DATE_PATTERN (contract/schema.py) are the only places; the
    rule words and the checks format or compile them."""
    code = REPO_ROOT / "dashboard"
    where = [str(p.relative_to(REPO_ROOT)) for p in sorted(code.rglob("*.py"))
             if literal in p.read_text(encoding="utf-8")]
    assert where in ([], ["dashboard/contract/schema.py"]), where


def test_the_readme_quotes_the_overview_sentence_the_sample_shows(monkeypatch):
    # README.md quotes the Overview's opening sentence on the shipped sample: it must be
    # the sentence the app shows (it once said "cost up 3.0%" where the app said 18.6%)
    readme = " ".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r'what moved \("(15 initiatives, .*?\.)"\)', readme)
    assert quoted, "README.md no longer quotes the Overview's sentence"
    at = open_app(REPO_ROOT / "data", monkeypatch)
    at.run()
    _no_exception(at)
    shown = at.markdown[0].value.removeprefix("#### ").replace("\\$", "$")
    assert shown == quoted.group(1)
