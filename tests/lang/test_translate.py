"""The gettext catalogue and the choice of language (dashboard/lang/translate.py;
data/README.md, "Languages"): every message the code uses has a French translation, none
fuzzy, none the code no longer uses; the compiled catalogue says what the .po says; the
URL's lang=, else the browser's, else English; one run's language is never another's."""

from __future__ import annotations

import re
import threading

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from dashboard.config import REPO_ROOT
from dashboard.lang import translate
from dashboard.lang.translate import _

PO = translate.LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po"


def _po():
    with PO.open("rb") as f:
        return read_po(f, locale="fr")


def _msgid(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_message_has_a_french_translation_and_none_is_left_over():
    used = {msgid if isinstance(msgid, str) else msgid[0]
            for _file, _line, msgid, _comments, _context in extract_from_dir(
                str(REPO_ROOT / "dashboard"), method_map=[("**.py", "python")],
                keywords=DEFAULT_KEYWORDS)}
    catalogue = [m for m in _po() if m.id]
    ids = {_msgid(m) for m in catalogue}
    assert used - ids == set(), "messages missing from the French catalogue: run make messages"
    assert ids - used == set(), "messages the code no longer uses: run make messages"
    empty = [_msgid(m) for m in catalogue
             if not (m.string if isinstance(m.string, str) else all(m.string))]
    assert empty == [], "untranslated"
    assert [_msgid(m) for m in catalogue if m.fuzzy] == [], "fuzzy (unchecked) translations"


def test_the_compiled_catalogue_says_what_the_po_says():
    compiled = translate.catalogue("fr")
    for m in _po():
        if m.id and isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, "stale .mo: run make"


def test_french_typography_in_the_catalogue():
    # a no-break space (U+00A0) before a colon, a narrow one (U+202F) before ; ! ?
    for m in (m for m in _po() if m.id):
        for text in ([m.string] if isinstance(m.string, str) else m.string):
            for mark in (":", ";", "!", "?"):
                assert f" {mark}" not in text, (mark, text)


def test_most_numbers_take_the_plural_and_whole_millions_their_own_form():
    # French's three forms (the catalogue's Plural-Forms): [0] for 0 and 1, [1] for whole
    # millions ("1 000 000 de jours"), [2] for every other number ("90 jours"); an entry
    # whose [2] says "de" where [1] does not has the two swapped ("90 de jours")
    plurals = [m for m in _po() if m.id and not isinstance(m.id, str)]
    assert plurals
    of = re.compile(r"\} de ")
    swapped = [m.id[0] for m in plurals if of.search(m.string[2]) and not of.search(m.string[1])]
    assert swapped == []
    compiled = translate.catalogue("fr")
    assert compiled.ngettext("{n} day", "{n} days", 90) == "{n} jours"
    assert compiled.ngettext("{n} day", "{n} days", 1_000_000) == "{n} de jours"


@pytest.mark.parametrize(("url", "browser", "lang", "notice"), [
    (None, None, "en", False),          # nothing said: English
    (None, "fr-CH", "fr", False),       # the browser's language when it is offered
    (None, "de-DE", "en", False),       # else English
    ("fr", "en-US", "fr", False),       # the URL wins over the browser
    ("en", "fr-FR", "en", False),
    ("xx", "fr-FR", "fr", True),        # a bad value: the browser's, with a notice
    ("FR", None, "en", True),           # values are exact, lower case
])
def test_the_reader_chooses(url, browser, lang, notice):
    got, said = translate.choose(url, browser)
    assert got == lang and (said is not None) == notice


def test_the_notice_is_in_the_language_the_page_falls_back_to():
    _lang, said = translate.choose("xx", "fr-BE")
    assert said == ("La langue 'xx' du lien n'est pas proposée (seulement en, fr)\u00a0: "
                    "cette page est affichée en français.")
    _lang, said = translate.choose("xx", None)
    assert said == ("The link's language 'xx' is not offered (only en, fr): this page is "
                    "shown in English.")


def test_one_runs_language_is_never_anothers():
    # two script runs (threads) at once, one in French: each reads its own language
    seen: dict[str, str] = {}
    french_set = threading.Event()
    english_read = threading.Event()

    def french():
        translate.set_language("fr")
        french_set.set()
        english_read.wait(10)
        seen["fr"] = translate.current()

    def english():
        french_set.wait(10)
        seen["en"] = translate.current()
        english_read.set()

    threads = [threading.Thread(target=french), threading.Thread(target=english)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"fr": "fr", "en": "en"}
    assert translate.current() == "en"  # nor this test's


def test_english_reads_as_written_and_a_bad_language_is_refused():
    assert _("The link's language {value} is not offered (only {offered}): this page is "
             "shown in English.").startswith("The link's")
    with pytest.raises(ValueError, match="'de': not one of en, fr"):
        translate.set_language("de")
