"""The top of every page: title, provenance line (sample data flagged first), the URL
notices, the newer-snapshot notice (ui/snapshot_link.py) and the shared-costs notice;
the skipped-snapshot warnings of the app; the notice
for a link whose whole query string Streamlit dropped."""

from __future__ import annotations

import re

import streamlit as st

from dashboard.contract.schema import is_sample_source, reader_source
from dashboard.formatting import format_count
from dashboard.lang.lazy import N_, Msg
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _
from dashboard.output import filter_words, provenance_words, scope_lines
from dashboard.output.summary import Scope
from dashboard.output.usertext import md
from dashboard.query import chart_data
from dashboard.query.params import Notice
from dashboard.store import folders
from dashboard.ui import say, scope_banner, snapshot_link
from dashboard.ui.context import AppContext

SAMPLE_NOTE = N_("illustrative sample data — not official figures")


def provenance_text(snapshot: folders.Snapshot) -> str:
    """One line of Markdown: the sample-data warning first (where it applies), the date,
    the source (text from the manifest: shown literally; the generator's in the reader's
    language, output/provenance_words.py)."""
    source = provenance_words.said_source(snapshot.source, official_note=False) or ""
    if is_sample_source(source):
        # the generator's source already says "not official figures": say it once
        source = source.replace("; not official figures", "")
        source = reader_source(source)
    parts = [_("Snapshot as of {date}").format(date=format_date(snapshot.as_of)),
             _("source: {source}").format(source=md(source) if source else _("not stated"))]
    if is_sample_source(snapshot.source):
        parts.insert(0, "**{}**".format(_("Illustrative sample data — not official figures")))
    return " · ".join(parts)


def accessible_code_blocks() -> None:
    """Code blocks wrap their lines instead of scrolling sideways on a phone (a scrolling
    region a keyboard cannot reach fails WCAG 2.1: axe-core's scrollable-region-focusable)."""
    st.html("<style>pre, pre code { white-space: pre-wrap !important; "
            "overflow-wrap: anywhere; }</style>")


def sample_banner() -> None:
    """The illustrative-data notice, prominent (not a grey caption): every page of sample
    data shows it under its title."""
    say.warning(
        _("**Illustrative sample data — not official figures.** These snapshots come from the "
          "project's own generator, to show what the dashboard does; no organization reported "
          "them."),
        icon=":material/science:",
    )


def provenance(snapshot: folders.Snapshot) -> None:
    """The banner (sample data) and the provenance line."""
    if is_sample_source(snapshot.source):
        sample_banner()  # the banner says it: the line below gives the date and source
        say.caption(provenance_text(snapshot).split(" · ", 1)[1])
    else:
        say.caption(provenance_text(snapshot))


def page_header(title: str, app: AppContext, intro: str | None = None,
                page: str | None = None) -> None:
    """Title, provenance (the sample-data banner first), URL notices, shared-costs notice
    (with the scope line of dashboard page `page`, output/scope_lines.py), the other
    filters' notice."""
    say.title(title)
    provenance(app.snapshot)
    if intro:
        say.markdown(intro)
    for n in app.notices:
        say.warning(notice_markdown(n), icon=":material/link_off:")
    snapshot_link.newer_notice(app.snapshot.as_of, [s.as_of for s in app.scan.snapshots])
    # on a phone each notice is one short line that opens (ui/scope_banner.py)
    note = chart_data.agency_note(app.ctx)
    if note and page:
        note = scope_lines.page_notice(note, Scope(organizations=app.filters.agencies), page)
    if note:
        scope_banner.notice(plain_markdown(note), plain_markdown(
            filter_words.short_notice(app.filters.agencies)), "organization_notice",
            icon=":material/filter_alt:")
    kept = filter_words.filters_notice(app.filters)
    if kept:  # category, initiative, priority, years: never read as the whole portfolio
        scope_banner.notice(plain_markdown(kept), plain_markdown(
            filter_words.short_notice(filter_words.kept_words(app.filters))), "filters_notice",
            icon=":material/filter_alt:")


def skipped_warnings(scan: folders.ScanResult) -> None:
    for s in scan.skipped:
        say.warning(_("Snapshot folder **{name}** skipped: {reason}").format(
            name=md(s.name), reason=md(s.reason)),
                   icon=":material/warning:")


# --- URL text shown as text ------------------------------------------------------------
# Notices quote values from the link. st.warning renders Markdown (links, autolinked URLs,
# images, emphasis, emoji shortcodes, LaTeX), so the quoted value goes into a code span
# (shown exactly as typed; Markdown, autolinks and shortcodes do not apply inside) and our
# own words are escaped. (A local helper until the shared user-text module lands.)
_ALWAYS = re.compile(r"([\\`*\[\]<>|~$:#.])")  # the characters that can start markup here
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")  # intraword _ is plain text
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def plain_markdown(text: str) -> str:
    """`text` escaped so that Streamlit's Markdown shows it as plain text (no URLs in it:
    a URL is autolinked whatever the escapes; put such text in `code_span`)."""
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    return _ENTITY.sub(r"\\&", text)


def code_span(text: str) -> str:
    """`text` as an inline code span: a fence longer than any run of backticks in it, and
    one space each side (CommonMark strips exactly those)."""
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {text} {fence}"


def notice_markdown(notice: Notice) -> str:
    return _("URL parameter {value} ignored: {reason}").format(
        value=code_span(notice.quoted), reason=plain_markdown(notice.reason))


# --- a link Streamlit dropped whole -------------------------------------------------------
try:  # Streamlit's own limits (1.67): past either, the whole query string is ignored
    from streamlit.runtime.state.query_params import (
        CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_FIELDS,
    )
    from streamlit.runtime.state.query_params import (
        CLIENT_STATE_QUERY_STRING_MAX_LENGTH as MAX_LENGTH,
    )
except ImportError:  # pragma: no cover - the pinned version has them
    MAX_FIELDS, MAX_LENGTH = 1000, 512 * 1024

DROPPED_LINK_ID = "ict-dropped-link"
DROPPED_LINK_TEXT = Msg(
    N_("This link carried more than {fields} parameters (or more than {kib} KiB), so the "
       "dashboard ignored all of them: every filter and option shows its default. Shorten "
       "the link, or set the filters again in the sidebar."),
    fields=lambda: format_count(MAX_FIELDS), kib=lambda: format_count(MAX_LENGTH // 1024))


def dropped_link_html() -> str:
    """A warning, hidden unless the page was opened with a query string past Streamlit's
    limits (counted as Streamlit counts: '&' + 1 fields, or characters). The check runs in
    the browser, the only place that still sees the dropped query string; nothing from the
    URL is written into the page."""
    return f"""
<style>
  .stElementContainer:has(#{DROPPED_LINK_ID}[hidden]) {{ display: none; }}
  #{DROPPED_LINK_ID} {{ padding: 0.75rem 1rem; border-radius: 0.5rem;
    background: rgba(255, 189, 69, 0.2); color: rgb(146, 108, 5); }}
</style>
<div id="{DROPPED_LINK_ID}" role="alert" hidden>{DROPPED_LINK_TEXT}</div>
<script>
(() => {{
  const nav = performance.getEntriesByType("navigation")[0];
  const href = nav ? nav.name : window.location.href;
  const i = href.indexOf("?");
  if (i < 0) return;
  const query = href.slice(i + 1).split("#")[0];
  if (query && (query.split("&").length > {MAX_FIELDS} || query.length > {MAX_LENGTH})) {{
    document.querySelectorAll("#{DROPPED_LINK_ID}").forEach((el) => {{ el.hidden = false; }});
  }}
}})();
</script>
"""


def dropped_link_notice() -> None:
    st.html(dropped_link_html(), unsafe_allow_javascript=True)
