"""Data & methods' data dictionary in the reader's language (dashboard/intake/rule_words.py
`dictionary_rows`): the rules stated once (`rule_parts`), in English for the docs and the
template (`describe`), in French on a French page (French round 3: the rules column was
still English)."""

from __future__ import annotations

from dashboard.contract.schema import TABLE_ORDER, TABLES
from dashboard.intake import rule_words
from dashboard.lang.translate import language

SAME_WORD = {"unique"}  # a rule written alike in both languages


def _rows(lang: str) -> list[dict[str, str]]:
    with language(lang):
        return [r for name in TABLE_ORDER for r in rule_words.dictionary_rows(
            list(TABLES[name].columns))]


def test_the_french_dictionary_holds_no_english_rule():
    for c in (c for name in TABLE_ORDER for c in TABLES[name].columns):
        english = rule_words.rule_parts(c)
        with language("fr"):
            french = rule_words.rule_parts(c)
        assert len(french) == len(english)
        for en, fr in zip(english, french, strict=True):
            assert fr != en or en in SAME_WORD, (c.name, en)
    for en, fr in zip(_rows("en"), _rows("fr"), strict=True):
        assert fr["type"] != en["type"], en
        assert (en["empty allowed"], fr["empty allowed"]) in {("yes", "oui"), ("no", "non")}


def test_by_hand_in_both_languages():
    # initiatives.initiative_id: text, required, a pattern, unique
    (col,) = [c for c in TABLES["initiatives"].columns if c.name == "initiative_id"]
    assert rule_words.dictionary_rows([col])[0]["rule"] == "pattern [A-Z0-9_]{2,16}; unique"
    with language("fr"):
        row = rule_words.dictionary_rows([col])[0]
    assert row["rule"] == "motif [A-Z0-9_]{2,16}\u202f; unique"
    assert (row["type"], row["empty allowed"]) == ("texte", "non")
    # the docs' and the template's words stay as they were, in English
    assert rule_words.describe(col) == "text; required; pattern [A-Z0-9_]{2,16}; unique"
