"""The one place that renders user text: text from the data (names, donors, codes, the
source note), from a link (query values) or from a file name is data, never markup.

Two renderers show text, and both interpret markup:

- Streamlit Markdown (`st.markdown`, `st.caption`, `st.subheader`, `st.info`/`warning`,
  widget labels and `help`, `st.metric` labels): `md(text)` backslash-escapes every
  character that would start markup (CommonMark's escape, so `**`, `[x](url)`, `![i](url)`,
  `<a href>`, `# heading`, `1.`, `$math$`, `:red[...]` stay literal), breaks Streamlit's
  `:shortcode:` icons and emoji and bare links with an invisible word joiner, and writes a
  line break as a space (a notice is one line).
- Plotly (labels, tick labels, legend entries, hover text): it renders a subset of HTML,
  links included. `plotly(text)` escapes `&`, `<` and `>` (Plotly shows the entities as
  the characters). `safe_figure(fig)` applies it to every text that comes from the data in
  a figure (trace x/y/text/hovertext/customdata/labels/parents and names, category orders
  and tick labels), leaving the authored templates (hovertemplate, titles) alone but
  without links. The chart block (dashboard/ui/blocks.py) applies it to every figure it
  shows, so a new figure cannot forget; `plotly_unescape` gives a clicked point's id back.

Tables (`st.dataframe`) show cells as plain text and need nothing. Spreadsheets are
dashboard/output/spreadsheet.py's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.figure_layout import literal

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD_JOINER = "\u2060"  # invisible; breaks `:name:` icons and emoji, and autolinked text
# Characters that open Markdown (and Streamlit's extensions) anywhere in a line: emphasis
# and strikethrough, code, links and images, raw HTML and autolinks, math, headings.
_MD_ALWAYS = re.compile(r"([\\`*~\[\]<>$#|])")
# `_` opens emphasis only at a word's edge (intraword, as in NOT_AN_AGENCY, it cannot).
_MD_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # &lt; would show as <
_MD_LIST_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=])")  # "1. x", "- x", "=" underline
_AUTOLINK = re.compile(r"(?i)(www)(\.)|(@)|(:)")  # www.x, a@b.c, http://x


def md(text: object) -> str:
    """Text for Streamlit Markdown, shown exactly as written (line breaks as spaces).

    Every character that would start markup is backslash-escaped (CommonMark's escape,
    invisible once rendered); Streamlit's `:icon:` and emoji shortcodes and the bare links
    GitHub Markdown makes of `https://...`, `www.` and `a@b.c` are broken with an invisible
    word joiner. Plain punctuation (`'`, `=`, `;`, `-`, `(`, `.`) is left as it is, so the
    Markdown stays readable.
    """
    s = _LINE_BREAK.sub(" ", "" if text is None else str(text))
    s = _MD_ALWAYS.sub(r"\\\1", s)
    s = _MD_UNDERSCORE.sub(r"\\_", s)
    s = _MD_ENTITY.sub(r"\\&", s)
    s = _MD_LIST_START.sub(lambda m: (m.group(1) or m.group(4) or "") + (
        f"{m.group(2)}\\{m.group(3)}" if m.group(2) else f"\\{m.group(5)}"), s, count=1)
    return _AUTOLINK.sub(lambda m: (m.group(1) + WORD_JOINER + m.group(2)) if m.group(1)
                         else m.group(0) + WORD_JOINER, s)


# A `$` with an even number (0, 2, ...) of backslashes before it: Streamlit reads two of
# them on a line as a LaTeX span ("$50.0M** (US$ 50" in italics).
_BARE_DOLLAR = re.compile(r"(?<!\\)((?:\\\\)*)\$")
# a code span (`x`, ``x``): shown literally by Markdown, `$` included
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def dollars(text: object) -> str:
    """Markdown (authored or already `md`-escaped) with every bare `$` escaped as `\\$`,
    so money is never read as mathematics; an escaped `\\$` and a `$` inside a code
    span (shown literally) are left as they are.
    dashboard/ui/say.py applies it to every text a page hands to Streamlit Markdown."""
    text = "" if text is None else str(text)
    out, at = [], 0
    for span in _CODE_SPAN.finditer(text):  # inside a code span a backslash would show
        out += [_BARE_DOLLAR.sub(r"\1\\$", text[at:span.start()]), span.group(0)]
        at = span.end()
    out.append(_BARE_DOLLAR.sub(r"\1\\$", text[at:]))
    return "".join(out)


def md_join(parts: Iterable[object], sep: str = ", ") -> str:
    """Several texts for Markdown, joined by an (authored) separator."""
    return sep.join(md(p) for p in parts)


# --- Plotly ------------------------------------------------------------------------------

def plotly(text: str) -> str:
    """Text for a Plotly label or hover: its HTML subset shown literally."""
    return literal(text)


def plotly_unescape(text: str) -> str:
    """The text `plotly` escaped (e.g. the id of a clicked point)."""
    return html.unescape(text)


# trace attributes that carry data (the authored ones, hovertemplate and texttemplate,
# are left as they are: they hold the figure's own markup such as <br>)
_TRACE_DATA = ("x", "y", "z", "text", "hovertext", "customdata", "labels", "parents", "ids",
               "name", "legendgroup")
_AXIS_DATA = ("categoryarray", "tickvals", "ticktext")
_LINK_TAG = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)


# A line break is the one tag the sanitizer keeps: builders break long labels with it
# (e.g. "UNDP<br>fund programme" on the organization axis), and it can neither link,
# fetch nor style anything, so a "<br>" typed in the data only breaks its line.
_KEPT_BREAK = (plotly("<br>"), "<br>")


def _escape_values(value: object) -> object:
    if isinstance(value, str):
        return plotly(value).replace(*_KEPT_BREAK)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "OUS":
            out = np.empty(value.shape, dtype=object)
            for idx, v in np.ndenumerate(value):
                out[idx] = _escape_values(v)
            return out
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_escape_values(v) for v in value)
    return value


def _no_links(value: object) -> object:
    return _LINK_TAG.sub("", value) if isinstance(value, str) else value


def safe_figure(fig: go.Figure) -> go.Figure:
    """The figure with every text from the data shown literally (changed in place, once:
    a figure already made safe is returned as it is, never escaped twice)."""
    if getattr(fig, "_usertext_safe", False):
        return fig
    for trace in fig.data:
        for attr in _TRACE_DATA:
            if attr in trace and trace[attr] is not None:
                trace[attr] = _escape_values(trace[attr])
        for attr in ("hovertemplate", "texttemplate"):
            if attr in trace and trace[attr] is not None:
                trace[attr] = _no_links(trace[attr]) if isinstance(trace[attr], str) \
                    else trace[attr]
    layout = fig.layout
    for name in list(layout):
        if name.startswith(("xaxis", "yaxis")) and layout[name] is not None:
            axis = layout[name]
            for attr in _AXIS_DATA:
                if axis[attr] is not None:
                    axis[attr] = _escape_values(axis[attr])
            if axis.title and axis.title.text:
                axis.title.text = _no_links(axis.title.text)
    if layout.title and layout.title.text:
        layout.title.text = _no_links(layout.title.text)
    for ann in layout.annotations or ():
        ann.text = _no_links(ann.text)
    fig._usertext_safe = True
    return fig
