"""English left on a French page (tests/browser/test_french_pages.py): what a page shows,
read from the browser, and which of its words are English UI words.

A page's text is the visible text (innerText) of its main area and of its sidebar, and
the text of its Plotly charts' SVG (titles, legends, axis titles and ticks, annotations:
`.main-svg text`). An English UI word of a page is a word (lower-cased, letters only, three
letters or more) that its English rendering shows and that is neither in any French
translation of the catalogue (a word both languages use, such as "initiative", "budget" or
"total", is allowed) nor in a data name (an initiative's name or id, a category, an
organization's code or name, a donor, the snapshot's source: what the publisher wrote,
never translated) nor the name of a language in its own language (the switch offers
"English" and "Français" in both) nor a table name of the data contract. Code (inline
`code`: a command, an address, a header) is the same in every language and is not read.
A French rendering passes when none of its lines holds such a word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pyarrow.parquet as pq
from babel.messages.pofile import read_po

from dashboard.config import REPO_ROOT
from dashboard.contract.schema import TABLES
from dashboard.lang.translate import LANGUAGES

CATALOGUE = REPO_ROOT / "dashboard" / "lang" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters (any script), digits and _ excluded

# the data names a page may show, by table: (table, column) of every snapshot
DATA_NAME_COLUMNS = (
    ("initiatives", "initiative_id"), ("initiatives", "name"), ("initiatives", "category"),
    ("initiatives", "lead_agency"),
    ("agencies", "agency_code"), ("agencies", "name"),
    ("contributions", "donor"), ("contributions", "contribution_id"),
)

# Each part's text: the main area and the sidebar by their innerText (what is shown: a
# closed expander's or another tab's content is not), the charts set aside; then each
# drawn chart's SVG texts, a line each (a multi-line label's lines are tspans of one text,
# whose textContent would run them together: "Enterprise resourceplanning systems").
# Inline code (`python -m dashboard ingest`, the feed's address) is set aside as well.
# Material icons are drawn from their names' letters (a ligature: "keyboard_arrow_right",
# "event_upcoming"): hidden while reading, they are pictures, not words. Everything is put
# back before the function returns (nothing is drawn in between).
READ_TEXT = """() => {
  const hide = document.createElement("style");
  hide.textContent = '[data-english-left-hidden] { display: none !important; }';
  const marked = [];
  const mark = el => { el.setAttribute("data-english-left-hidden", ""); marked.push(el); };
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.children.length && /Material (Symbols|Icons)/.test(getComputedStyle(el).fontFamily)) {
      mark(el);
    }
  }
  document.body.querySelectorAll('code').forEach(el => mark(el));
  document.head.appendChild(hide);
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  charts.forEach(mark);
  const shown = sel => { const el = document.querySelector(sel); return el ? el.innerText : ""; };
  const main = shown('[data-testid="stMain"]');
  const sidebar = shown('[data-testid="stSidebar"]');
  charts.forEach(el => el.removeAttribute("data-english-left-hidden"));
  const svg = sel => [...document.querySelectorAll(sel + ' .main-svg text')]
    .map(t => {
      const lines = [...t.querySelectorAll('tspan.line')];
      return (lines.length ? lines.map(l => l.textContent) : [t.textContent]).join("\\n");
    })
    .map(t => t.trim()).filter(Boolean).join("\\n");
  const read = {
    main: main,
    sidebar: sidebar,
    "main charts": svg('[data-testid="stMain"]'),
    "sidebar charts": svg('[data-testid="stSidebar"]'),
  };
  marked.forEach(el => el.removeAttribute("data-english-left-hidden"));
  hide.remove();
  return read;
}"""


def words(text: str) -> set[str]:
    """The words of a text: lower-cased runs of letters, three letters or more."""
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 3}


# what a translation holds that is not French prose: its placeholders ("{per_dollar}"),
# its code (`python -m dashboard ingest`) and its names with an underscore
# (ICT_DASHBOARD_MAX_UPLOAD_MB): their words ("per", "upload") are English ones
_NOT_PROSE = re.compile(r"\{[^{}]*\}|`[^`]*`|\S*_\S*")


def french_words(catalogue: Path = CATALOGUE) -> set[str]:
    """Every word of every French translation in the catalogue (plural forms included),
    its placeholders, code and underscored names set aside."""
    with catalogue.open("rb") as f:
        cat = read_po(f)
    out: set[str] = set()
    for message in cat:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (
            message.string,)
        for s in strings:
            out |= words(_NOT_PROSE.sub(" ", s or ""))
    return out


def data_names(data_dir: Path) -> set[str]:
    """The data names of every snapshot under data_dir, and each snapshot's source (its
    manifest's own words), as words."""
    out: set[str] = set()
    for table, column in DATA_NAME_COLUMNS:
        for f in sorted(data_dir.glob(f"snapshots/*/{table}.parquet")):
            if column in pq.read_schema(f).names:
                for v in pq.read_table(f, columns=[column]).column(column).to_pylist():
                    out |= words(v or "")
    for m in sorted(data_dir.glob("snapshots/*/manifest.json")):
        out |= words(str(json.loads(m.read_text(encoding="utf-8")).get("source") or ""))
    return out


def language_names() -> set[str]:
    """The words of each language's own name (the language switch's options)."""
    return words(" ".join(LANGUAGES.values()))


def contract_names() -> set[str]:
    """The data contract's table names ("ranges", "agencies"), the same in every language:
    a sheet's, a file's name (Data & methods titles the data dictionary's entries with them)."""
    return words(" ".join(TABLES))


def english_words(english: dict[str, str], allowed: Iterable[str]) -> set[str]:
    """The English UI words of a page: those of its English rendering not `allowed` (the
    catalogue's French words and the data names)."""
    return set().union(*(words(t) for t in english.values())) - set(allowed)


def left_in(french: dict[str, str], english_ui: set[str]) -> list[str]:
    """Each line of the French rendering that holds an English UI word, as
    "<part>: <words>: <line>" (empty: the page is French); a line once (a chart's text is
    also in its area's innerText, where the browser includes it)."""
    found, seen = [], set()
    for part, text in french.items():
        for line in text.splitlines():
            left = sorted(words(line) & english_ui)
            if left and line.strip() not in seen:
                seen.add(line.strip())
                found.append(f"{part}: {', '.join(left)}: {line.strip()[:160]}")
    return found
