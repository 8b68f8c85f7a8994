"""The note under a list of ranks with ties (dashboard/output/rules_notes.py): its example
ranks written as the lists write them, in each language (FR #16: "#3" is English usage)."""

from __future__ import annotations

from dashboard.lang.translate import language
from dashboard.output.rules_notes import ties_shown


def test_the_ties_note_gives_its_example_as_the_lists_write_ranks():
    assert "numbered by its place (=1, =1, #3)." in ties_shown()  # English as before
    with language("fr"):
        assert "numéroté selon sa place (=1er, =1er, 3e)." in ties_shown()
