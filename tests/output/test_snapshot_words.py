"""Data & methods' words on loading a snapshot (dashboard/output/snapshot_words.py): the
Load data page is named with who sees it, since most readers have no such page in their
navigation (R6a #18); in French too."""

from __future__ import annotations

from dashboard.lang.translate import language
from dashboard.output import snapshot_words


def test_loading_names_the_page_with_who_sees_it():
    words = snapshot_words.loading()
    assert "on the **Load data** page (shown to signed-in analysts only):" in words


def test_loading_in_french_says_who_sees_the_page():
    with language("fr"):
        words = snapshot_words.loading()
    assert "**Charger des données** (visible des seuls analystes connectés)" in words
