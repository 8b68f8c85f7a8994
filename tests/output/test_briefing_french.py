"""The French briefing pack holds no English UI text (issue 26).

The packs are made by the command (`briefing --lang en` and `--lang fr`) on the test
fixture (two snapshots: What changed is in; a budget: the selection is in) and read back
with poppler's `pdftotext`, charts included (Chromium prints their text as text).

What counts as English: a word of the English pack that never occurs in any French
translation of the catalogue (dashboard/lang/locale/fr/LC_MESSAGES/messages.po) nor in
the data (initiative names, donors, organization codes and names, the snapshot's source:
data are never translated; the framework's categories are labels, shown in French: French
review #8). So words both languages share
("initiative", "budget", "total", "source") are allowed, and what is left is the English
only the interface writes. None of those may appear in the French pack; the failure names
each word found, on which page, in its context.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from babel.messages.pofile import read_po

from dashboard import cli
from dashboard.config import REPO_ROOT
from tests import fixture_data

pytestmark = pytest.mark.browser  # the packs are printed by Chromium

CATALOGUE = REPO_ROOT / "dashboard" / "lang" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
WORD = re.compile(r"[^\W\d_]{2,}")  # letters only: "dashboard's" is "dashboard" (and "s")
# written the same in both languages, and in no translation because no sentence spells
# them: the time zone of "Generated at", the money's ISO code
NEUTRAL = frozenset({"utc", "usd"})
# the columns of the data contract (data/README.md) holding names and codes, shown as written
DATA_NAMES = frozenset({"initiative_id", "name", "agency_code", "lead_agency", "donor",
                        "contribution_id"})
ARGS = ["--compare-to", fixture_data.EARLIER_AS_OF, "--budget", "600"]


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def french_words() -> set[str]:
    """Every word of every French translation in the catalogue."""
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    out: set[str] = set()
    for m in catalogue:
        if not m.id:  # the header: the catalogue's metadata, not a translation
            continue
        for s in (m.string,) if isinstance(m.string, str) else m.string:
            out |= words(s or "")
    return out


def data_words(data_dir: Path) -> set[str]:
    """Every word of the snapshots' names (initiatives, organizations, donors, the codes)
    and of their source. Not the coded columns (stage, confidence,
    commitment level...): the interface says those in words, which must be French."""
    out: set[str] = set()
    for path in data_dir.rglob("*.parquet"):
        table = pq.read_table(path)
        for column in DATA_NAMES.intersection(table.column_names):
            text = " ".join(str(v) for v in table.column(column).to_pylist() if v)
            out |= words(text) | words(text.replace("-", ""))  # a name cut at its hyphen
    for path in data_dir.rglob("manifest.json"):
        out |= words(json.loads(path.read_text(encoding="utf-8")).get("source") or "")
    return out


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> tuple[Path, list[str], list[str]]:
    data = tmp_path_factory.mktemp("french-data")
    fixture_data.build_two(data)
    out = tmp_path_factory.mktemp("french-out")
    texts = []
    for lang in ("en", "fr"):
        pdf = out / f"{lang}.pdf"
        code = cli.main(["briefing", "--out", str(pdf), "--data-dir", str(data),
                         "--lang", lang, *ARGS])
        assert code == 0
        texts.append(pages_text(pdf))
    return data, texts[0], texts[1]


def english_in(pages: list[str], english: set[str]) -> list[str]:
    """Each English word found, with its page and 40 characters either side."""
    found = []
    for n, page in enumerate(pages, start=1):
        for m in WORD.finditer(page):
            if m.group().lower() in english:
                context = page[max(0, m.start() - 40):m.end() + 40]
                found.append(f"{m.group()!r} on page {n}: …{context}…")
    return found


def test_the_french_pack_holds_no_english_ui_text(packs):
    data, english_pages, french_pages = packs
    allowed = french_words() | data_words(data) | NEUTRAL
    english = words(" ".join(english_pages)) - allowed
    # the English pack has English of its own to look for (the check is not vacuous):
    # its cover's words, which no French sentence has
    assert {"briefing", "generated", "contents"} <= english, sorted(english)
    found = english_in(french_pages, english)
    assert not found, (f"{len(found)} English words in the French pack:\n"
                       + "\n".join(found))
