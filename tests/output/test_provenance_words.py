"""A snapshot's source and publisher as a reader reads them (dashboard/output/
provenance_words.py; French review #3, round 3 #15): the sentence our sample generator
writes in the reader's language and without its seed; a real snapshot's as written. The
French is docs/glossary-fr.md's ("données d'exemple fictives"), with a narrow no-break space
before ";"."""

from __future__ import annotations

from pathlib import Path

from dashboard.intake import generator
from dashboard.lang.translate import language
from dashboard.output import provenance_words
from dashboard.store.folders import Snapshot, publisher_text
from dashboard.ui import header

NN = "\u202f"
SAMPLE = "Illustrative sample data made by the project's sample generator (seed 2005); " \
    "not official figures"  # what the generator writes in the manifest


def _snapshot(source: str) -> Snapshot:
    return Snapshot(as_of="2006-03-31", path=Path("."), source=source,
                    created_at="2006-04-01T09:00:00Z", rows={}, token="t")


def test_the_generators_source_is_the_sentence_written_here():
    assert generator.source_text(2005) == SAMPLE  # the policy below recognises this one


def test_the_samples_source_reads_in_the_readers_language_without_its_seed():
    assert provenance_words.said_source(SAMPLE) == (
        "Illustrative sample data made by the project's sample generator; not official figures")
    with language("fr"):
        assert provenance_words.said_source(SAMPLE) == (
            f"Données d'exemple fictives produites par le générateur du projet{NN}; pas des "
            "chiffres officiels")
        assert provenance_words.said_source(SAMPLE, official_note=False) == (
            "Données d'exemple fictives produites par le générateur du projet")
        # the benchmark's split snapshot (generate --cost-rows)
        split = generator.source_text(7, cost_rows=1_000_000)
        assert provenance_words.said_source(split) == (
            f"Données d'exemple fictives produites par le générateur du projet{NN}; pas des "
            f"chiffres officiels{NN}; lignes de coût réparties en 1\u202f000\u202f000 lignes "
            "pour le banc d'essai")


def test_a_real_snapshots_source_and_publisher_stay_as_written():
    real = "Return of the UNDP ICT unit (seed data); not official figures"
    with language("fr"):
        assert provenance_words.said_source(real) == real
        # its words as written, set in the page's typography: the space a French writer
        # put before ";" held to its word (FR3 #9), as on the pack's cover
        assert provenance_words.said_source("Bureau du budget ; chiffres provisoires") == (
            f"Bureau du budget{NN}; chiffres provisoires")
    assert provenance_words.said_source("Budget office ; draft") == "Budget office ; draft"
    with language("fr"):
        assert provenance_words.said_source(None) is None
        assert provenance_words.said_publisher("ana@example.org (analyst, browser)") == (
            "ana@example.org (analyst, browser)")
        assert provenance_words.said_publisher(publisher_text(generator.PUBLISHER)) == (
            "Générateur de données d'exemple")
    assert provenance_words.said_publisher("Sample generator") == "Sample generator"


def test_every_pages_provenance_line_in_french_has_no_english_source():
    with language("fr"):
        line = header.provenance_text(_snapshot(SAMPLE))
    assert "Illustrative" not in line and "seed" not in line and "2005" not in line
    assert "source\u00a0: Données d'exemple fictives produites par le générateur du projet" in line
