"""Money is never read as mathematics: every text a page hands to Streamlit Markdown
escapes its `$` (dashboard/ui/say.py, dashboard/output/usertext.dollars)."""

from __future__ import annotations

import re

import pytest

from dashboard.config import REPO_ROOT
from dashboard.output.usertext import dollars, md
from tests.apptest import PAGES, no_exception, open_app

# A `$` with an even number of backslashes (0, 2, ...) before it: Streamlit's Markdown
# reads two such on a line as a LaTeX span.
BARE_DOLLAR = re.compile(r"(?<!\\)(?:\\\\)*\$")
# a code span shows its `$` literally (and a backslash in it would show): not checked
CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def test_dollars_escapes_bare_and_keeps_escaped():
    assert dollars("Budget entered: **$50.0M** (US$ 50,000,000)") == (
        "Budget entered: **\\$50.0M** (US\\$ 50,000,000)")
    assert dollars("already \\$5") == "already \\$5"
    assert dollars("a literal backslash \\\\$5") == "a literal backslash \\\\\\$5"
    assert dollars(md("$x$")) == md("$x$") == "\\$x\\$"
    assert dollars(None) == ""
    # inside a code span the `$` is literal already; an escape would show as a backslash
    assert dollars("as `$255` below 1,000, $3") == "as `$255` below 1,000, \\$3"


def _markdown_texts(at) -> list[str]:
    """Every text of the run that Streamlit renders as Markdown."""
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "error",
                                  "success", "title", "header", "subheader")
             for e in getattr(at, kind)]
    for m in at.metric:
        texts += [m.label, m.proto.help]
    return texts


@pytest.mark.parametrize("data, budget", [("fixture", "70"), ("sample", "50000000")])
def test_no_page_shows_a_bare_dollar(data, budget, fixture_dir, monkeypatch):
    data_dir = fixture_dir if data == "fixture" else REPO_ROOT / "data"
    at = open_app(data_dir, monkeypatch)
    at.query_params.update({"budget": budget})
    at.run()
    seen_money = False
    for url, path in PAGES.items():
        at.switch_page(path).run()
        no_exception(at)
        texts = _markdown_texts(at)
        bare = [t for t in texts if BARE_DOLLAR.search(CODE_SPAN.sub("", t))]
        assert not bare, f"{url}: unescaped $ in {bare}"
        seen_money |= any("\\$" in t for t in texts)
        if url == "prioritization":
            money = "50.0M" if data == "sample" else "70"
            assert any(f"Budget entered: **\\${money}** (US\\$ " in t for t in texts), texts
    assert seen_money  # the pages do show amounts, escaped
