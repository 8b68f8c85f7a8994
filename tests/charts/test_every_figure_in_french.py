"""No English word left in a French figure or table (French review #4 #5 #6 #8; docs/
translating.md): every chart of the registry is built on the fixture's two snapshots in
English and in French, and every word a reader sees in the figure (legend entries, tick
labels, category values drawn on an axis, slice labels, annotations) and in the page's table
of it (headers and text cells, `output/tables.present`) must differ from the English, unless
it is a data name (an initiative's, an organization's or a donor's name or code, as
tests/fixture_data.py writes them) or holds no word at all (numbers, amounts).

The browser check (tests/browser/test_french_pages.py) reads the drawn page; the cells of a
table are drawn on a canvas it cannot read, and it runs on the sample only: this check
reads what the presenters hand over."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import registry
from dashboard.lang import translate
from dashboard.output import tables
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data

WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
TAG = re.compile(r"<[^>]+>")
# words that read the same in both languages and are not data: the units and short forms
SAME_IN_BOTH = {"US", "P10", "P50", "P90", "Initiative", "Initiatives", "Score", "Verdict"}


# the places of a row's names and codes, by the row's length (its other strings are coded
# values: categories, stages, types, statuses, which are words); tests/fixture_data.py
NAMES = {7: (0, 1, 5), 3: (0, 1), 8: (0, 1, 3)}  # initiatives, agencies, contributions


def _data_words() -> set[str]:
    words: set[str] = set()
    earlier = fixture_data.earlier_rows()
    for rows in (fixture_data.INITIATIVES, fixture_data.AGENCIES, fixture_data.CONTRIBUTIONS,
                 earlier["initiatives"], earlier["agencies"], earlier["contributions"]):
        for row in rows:
            for i, v in enumerate(row):
                # a row's names and codes; its coded values (types, statuses) are words
                if isinstance(v, str) and i in NAMES[len(row)]:
                    words |= set(WORD.findall(v))
    return words


DATA_WORDS = _data_words()


def _english_left(en: object, fr: object) -> bool:
    """Whether a French text is its English one and holds a word that is not a data name."""
    if not isinstance(en, str) or en != fr:
        return False
    words = set(WORD.findall(TAG.sub(" ", en)))
    return bool(words - DATA_WORDS - SAME_IN_BOTH)


def _texts(fig) -> list[tuple[str, object]]:
    """(where, text) for every word a reader sees in the figure, in a fixed order."""
    out: list[tuple[str, object]] = []
    lay = fig.layout
    for i, t in enumerate(fig.data):
        if t.name and t.showlegend is not False:
            out.append((f"trace {i} name", t.name))
        for attr in ("labels", "x", "y"):
            axis = (getattr(t, f"{attr}axis", None) or attr) if attr != "labels" else None
            if axis and lay[axis.replace(attr, f"{attr}axis")].ticktext is not None:
                continue  # keys shown by their tick text (read below)
            values = getattr(t, attr, None)
            if values is not None and len(values) and all(isinstance(v, str) for v in values):
                out += [(f"trace {i} {attr}", v) for v in values]
    for key in lay:
        if key.startswith(("xaxis", "yaxis")) and lay[key].ticktext is not None:
            out += [(f"{key} tick", v) for v in lay[key].ticktext]
    out += [("annotation", a.text) for a in lay.annotations or ()]
    return out


def _table(df: pd.DataFrame) -> list[tuple[str, object]]:
    shown, config = tables.present(df)
    out = [(f"header {c}", cfg["label"]) for c, cfg in config.items()]
    for col in shown.columns:
        if config[str(col)].get("type_config", {}).get("type") == "text":
            out += [(f"cell {col}", v) for v in shown[col] if isinstance(v, str)]
    return out


@pytest.fixture(scope="module")
def two_snapshots(tmp_path_factory):
    d = tmp_path_factory.mktemp("every-figure-fr")
    fixture_data.build_two(d)
    return d


def _built(data_dir, entry, lang: str):
    db = Database(data_dir)
    try:
        with translate.language(lang):
            ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF),
                                     compare_to=fixture_data.EARLIER_AS_OF, top_n=1)
            df = entry.dataset(ctx) if entry.export else entry.dataset(ctx, "ERP")
            fig = entry.figure(ctx, df)
            return _texts(fig), (_table(df) if entry.export else [])
    finally:
        db.close()


@pytest.mark.parametrize("entry", registry.CHARTS, ids=[c.id for c in registry.CHARTS])
def test_no_english_word_is_left_in_a_french_figure_or_its_table(two_snapshots, entry):
    en_fig, en_table = _built(two_snapshots, entry, "en")
    fr_fig, fr_table = _built(two_snapshots, entry, "fr")
    left = []
    for en, fr in ((en_fig, fr_fig), (en_table, fr_table)):
        french: dict[str, set] = {}
        for where, text in fr:  # by place: French may have fewer ticks (longer amounts)
            french.setdefault(where, set()).add(text)
        left += sorted({(where, text) for where, text in en
                        if text in french.get(where, ()) and _english_left(text, text)})
    assert not left, (entry.id, left)
