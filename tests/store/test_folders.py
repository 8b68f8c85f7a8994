"""The provenance line: sample data is flagged once, first; real sources are shown as given."""

from pathlib import Path

from dashboard.store import folders
from dashboard.ui.header import provenance_text


def snap(source: str) -> folders.Snapshot:
    return folders.Snapshot(as_of="2006-03-31", path=Path("."), source=source,
                          created_at="", rows={}, token="t")


def test_sample_data_is_flagged_first_and_once():
    text = provenance_text(snap("Illustrative sample data made by the project's sample "
                                "generator (seed 2005); not official figures"))
    assert text.startswith("**Illustrative sample data — not official figures**")
    assert text.count("not official figures") == 1
    # the generator's seed means nothing to a reader (issue 24, S14)
    assert "Snapshot as of 2006-03-31" in text and "seed" not in text
    assert "made by the project's sample generator" in text


def test_a_real_source_carries_no_sample_warning():
    text = provenance_text(snap("ICT Network business cases, received 2006-03-20"))
    assert text == ("Snapshot as of 2006-03-31 · source: ICT Network business cases, "
                    "received 2006-03-20")


def test_the_publisher_in_words():
    assert folders.publisher_text({"who": "ana@example.org", "role": "analyst",
                                   "via": "browser"}) == "ana@example.org (analyst, browser)"
    assert folders.publisher_text({"who": "Sample generator"}) == "Sample generator"
    assert folders.publisher_text(None) == ""
