"""Text is data on screen: the user-text module (dashboard/output/usertext.py) escapes Markdown for
Streamlit and Plotly's HTML subset for charts; every figure of the pages, drawn over the
hostile snapshot and passed through the chart block's sanitizer, holds no live tag, while
the text is kept (Plotly shows the entities as the characters) and a clicked point still
gives its raw id. The rendering itself is checked in Chromium
(tests/browser/test_hostile_pages.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import registry
from dashboard.charts import figures_overview
from dashboard.output.usertext import WORD_JOINER, md, plotly, safe_figure
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.ui.blocks import ids_from_selection
from tests import hostile_data


# ---- Markdown --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("**bold**", r"\*\*bold\*\*"),
    ("[x](https://evil.example)", "\\[x\\](https:" + WORD_JOINER + "//evil.example)"),
    ("![i](a.png)", r"!\[i\](a.png)"),
    ('<a href="x">y</a>', r'\<a href="x"\>y\</a\>'),
    ("__under__ snake_case", r"\_\_under\_\_ snake_case"),
    ("`code` ~~gone~~ $x^2$ #tag |a|", r"\`code\` \~\~gone\~\~ \$x^2\$ \#tag \|a\|"),
    ("1. first", r"1\. first"),
    ("- item", r"\- item"),
    ("a\nb\r\nc\rd", "a b c d"),
    (":material/warning: :smile:", ":" + WORD_JOINER + "material/warning:" + WORD_JOINER
     + " :" + WORD_JOINER + "smile:" + WORD_JOINER),
    ("www.evil.example", "www" + WORD_JOINER + ".evil.example"),
    ("x@evil.example", "x@" + WORD_JOINER + "evil.example"),
    ("&lt;b&gt; & more", r"\&lt;b\&gt; & more"),
    ("back\\slash", r"back\\slash"),
    ("Côte d'Ivoire (seed 2005); 1,234.5 = ok", "Côte d'Ivoire (seed 2005); 1,234.5 = ok"),
])
def test_markdown_escapes(text, expected):
    assert md(text) == expected


def test_markdown_escape_keeps_every_character():
    """Removing the escapes and joiners gives the text back (line breaks as spaces)."""
    for text in hostile_data.ALL_TEXT:
        shown = re.sub(r"\\(.)", r"\1", md(text)).replace(WORD_JOINER, "")
        assert shown == re.sub(r"\r\n|\r|\n", " ", text)


# ---- Plotly ----------------------------------------------------------------------------
def test_plotly_escape():
    assert plotly('<a href="https://evil.example">x</a> & <b>') == \
        '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'


@pytest.fixture(scope="module")
def hostile_ctx(tmp_path_factory):
    d: Path = tmp_path_factory.mktemp("hostile")
    hostile_data.build(d)
    db = Database(d)
    yield chart_data.Context(db=db, filters=Filters(snapshot=hostile_data.AS_OF))
    db.close()


def _figures(ctx) -> dict[str, go.Figure]:
    """Every registered chart (dashboard/registry.py), fed as the pages feed it (one
    initiative's charts: the first kept initiative's); a chart whose sheet does not apply
    (What changed: no snapshot to compare to) is left out."""
    first = str(chart_data.cost_by_initiative(ctx)["initiative_id"].iloc[0])
    out = {}
    for entry in registry.CHARTS:
        df = entry.dataset(ctx) if entry.export else entry.dataset(ctx, first)
        if df is not None:
            out[entry.id] = entry.figure(ctx, df)
    return out


def _strings(obj: object):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)
    elif hasattr(obj, "tolist"):
        yield from _strings(obj.tolist())


# a line break is the one tag kept (usertext._KEPT_BREAK): the labels policy breaks a
# long name on two lines, and a "<br>" typed in the data only breaks its line
LIVE_TAG = re.compile(r"<\s*/?\s*(a|b|i|img|script|span|em|strong|sup|sub)\b", re.I)


def test_every_figure_shows_hostile_text_literally(hostile_ctx):
    figs = _figures(hostile_ctx)
    # every chart but the comparison's (no snapshot to compare to)
    assert sorted(set(registry.BY_ID) - set(figs)) == ["cost_change_waterfall"]
    seen: set[str] = set()
    for name, fig in figs.items():
        safe = safe_figure(go.Figure(fig)).to_plotly_json()
        for trace in safe["data"]:
            for attr in ("x", "y", "text", "hovertext", "customdata", "labels", "name"):
                for s in _strings(trace.get(attr)):
                    assert not LIVE_TAG.search(s), f"{name}.{attr}: live tag in {s!r}"
                    seen.add(html.unescape(s))
        for s in _strings(safe["layout"]):
            assert "<a " not in s.lower(), f"{name}: a link in the layout: {s!r}"
    # the hostile text is still there, character for character
    for text in (*hostile_data.INITIATIVE_NAMES.values(), *hostile_data.DONORS.values(),
                 hostile_data.AGENCY_NAMES["WFP"]):
        assert text in seen, f"{text!r} missing from every figure"


def test_a_figure_is_never_escaped_twice(hostile_ctx):
    """The chart block may meet the same figure object on every rerun."""
    fig = safe_figure(figures_overview.cost_benefit_scatter(chart_data.cost_by_initiative(hostile_ctx)))
    once = fig.to_plotly_json()
    assert safe_figure(fig).to_plotly_json() == once
    names = {html.unescape(s) for t in once["data"] for s in _strings(t.get("customdata"))}
    assert set(hostile_data.INITIATIVE_NAMES.values()) <= names


def test_a_clicked_point_gives_its_raw_id():
    code = hostile_data.AGENCY_CODE_RENAMES["UN"]
    fig = safe_figure(go.Figure(go.Bar(x=[code], y=[1], customdata=[[code, "x"]])))
    shown = fig.data[0].customdata[0][0]
    assert shown == "&lt;b&gt;UN&lt;/b&gt;*"
    selection = {"points": [{"customdata": [shown, "x"]}, {"customdata": "KS"}]}
    assert ids_from_selection(selection) == [code, "KS"]


def test_category_order_follows_the_escaped_labels():
    names = ["<b>B</b>", "A & B"]
    fig = go.Figure(go.Bar(y=names, x=[1, 2], orientation="h"))
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    safe = safe_figure(fig)
    assert list(safe.layout.yaxis.categoryarray) == list(safe.data[0].y) == \
        ["&lt;b&gt;B&lt;/b&gt;", "A &amp; B"]


def test_the_builders_line_breaks_survive_the_sanitizer():
    """A builder's own "<br>" in a label (the organization axis: code over type) stays a
    line break; everything else of the label is still escaped."""
    fig = go.Figure(go.Bar(x=[1, 2], y=["A", "B"], orientation="h"))
    fig.update_yaxes(ticktext=["UNDP<br>fund programme", "<b>X</b><br>secretariat"],
                     tickvals=["A", "B"])
    safe = safe_figure(fig)
    assert list(safe.layout.yaxis.ticktext) == [
        "UNDP<br>fund programme", "&lt;b&gt;X&lt;/b&gt;<br>secretariat"]
