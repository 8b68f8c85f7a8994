"""Texts defined at import time read in the reader's language (dashboard/lang/lazy.py):
the page names of the navigation, registry entries, tiles' labels, a message with values;
the machine names beside them never change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dashboard import pages, registry
from dashboard.contract.metrics import BY_KEY
from dashboard.lang.lazy import N_, Msg, Worded, english, read
from dashboard.lang.translate import language

NOTICE = ("The link's language {value} is not offered (only {offered}): this page is "
          "shown in English.")  # a message of the catalogue, with its French


def test_a_page_name_is_read_in_the_language_of_the_moment():
    overview = pages.BY_URL["overview"]
    file = overview.file
    with language("fr"):
        assert overview.title == "Vue d'ensemble"
        assert pages.BY_URL["costs-benefits"].title == "Coûts et avantages"
        assert overview.url_path == "overview" and overview.file == file
        assert english(overview, "title") == "Overview"
    assert overview.title == "Overview"  # the same object, in English again


def test_machine_names_never_change_with_the_language():
    def names():
        return ([(c.id, c.export_sheet.name, c.page, c.units) for c in registry.CHARTS],
                list(registry.SHEETS), [p.url_path for p in pages.PAGES],
                [h.key for h in BY_KEY.values()])
    english_names = names()
    with language("fr"):
        assert names() == english_names


def test_a_message_with_values_is_translated_then_filled():
    msg = Msg(NOTICE, value="'xx'", offered=lambda: "en, fr")
    assert str(msg) == ("The link's language 'xx' is not offered (only en, fr): this page "
                        "is shown in English.")
    with language("fr"):
        assert read(msg) == ("La langue 'xx' du lien n'est pas proposée (seulement en, fr)"
                             "\u00a0: cette page est affichée en français.")


@dataclass(frozen=True)
class _Entry(Worded):
    WORDS: ClassVar[frozenset[str]] = frozenset({"title", "caption"})
    id: str
    title: str
    caption: object = None


def test_only_the_worded_fields_are_translated():
    entry = _Entry("overview", N_("Overview"), Msg(NOTICE, value="'fr'", offered="en"))
    with language("fr"):
        assert entry.title == "Vue d'ensemble"
        assert entry.caption.startswith("La langue 'fr' du lien")
        # "overview" is no message; a machine name read as given even if it were
        assert entry.id == "overview"
    assert _Entry("x", "", None).title == "" and _Entry("x", "t").caption is None
