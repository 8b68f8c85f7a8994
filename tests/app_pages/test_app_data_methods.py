"""AppTest: Data & methods for a manager: who published each snapshot is said (the sample's
generator, or "not recorded"), dates read as dates, the source line is plain words, and the
audit log's note about the sample generator is there only for the sample."""

from __future__ import annotations

from dashboard import pages as registry
from dashboard.config import REPO_ROOT
from tests import fixture_data
from tests.apptest import no_exception, open_app

SAMPLE_NOTE = "generator"


def _data_methods(data_dir, monkeypatch, lang=None):
    at = open_app(data_dir, monkeypatch)
    if lang:
        at.query_params["lang"] = lang  # as a copied link or the sidebar's switch sets it
    at.run()
    at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
    no_exception(at)
    return at


def _snapshots(at):
    return next(d.value for d in at.dataframe if "published_by" in d.value.columns)


def test_the_sample_says_its_generator_published_it(monkeypatch):
    at = _data_methods(REPO_ROOT / "data", monkeypatch)
    snaps = _snapshots(at)
    # shown to everyone: a program, not a person's address (this visitor is not signed in)
    assert set(snaps["published_by"]) == {"Sample generator"}
    assert all("`" not in s and "python" not in s for s in snaps["source"])
    captions = " ".join(c.value for c in at.caption)
    assert "`" not in captions  # the source line: no code span, no command
    assert SAMPLE_NOTE in captions  # the audit log is empty: the generator made these
    # round 5 #18: what a snapshot holds in a reader's words, and no page the reader
    # cannot see (Load data is an analyst's: this visitor is not signed in)
    contents = " ".join(snaps["contents"])
    assert "cost estimates" in contents and "benefit estimates" in contents
    assert " lines" not in contents
    assert "Load data" not in captions and "Nothing has been published here by the data team" in captions


def test_other_data_says_nothing_of_the_sample_generator(tmp_path, monkeypatch):
    fixture_data.build(tmp_path, source="ICT Network business cases, received 2006-01-03")
    at = _data_methods(tmp_path, monkeypatch)
    snaps = _snapshots(at)
    assert list(snaps["published_by"]) == ["not recorded"]  # published without a publisher
    captions = " ".join(c.value for c in at.caption)
    assert "audit log is empty" in captions
    assert SAMPLE_NOTE not in captions


def _page_text(at) -> str:
    """Everything the page's main area says: text, headings, notices and table cells."""
    main = at.main
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption",
                                  "info", "warning", "error") for e in getattr(main, kind)]
    parts += [t.label for t in main.toggle]
    for frame in main.dataframe:
        parts += [str(v) for v in frame.value.to_numpy().ravel()]
    return "\n".join(parts)


def test_the_page_in_french_quotes_the_same_figures(fixture_dir, monkeypatch):
    # issue #26 point 5: the page in French says the same numbers as in English (money,
    # percentages, counts, dates; each in its language's format). The language is set as
    # the reader chooses it: lang= in the address (dashboard/ui/language.py).
    from tests.figures_quoted import figures

    english = _page_text(_data_methods(fixture_dir, monkeypatch))
    french = _page_text(_data_methods(fixture_dir, monkeypatch, lang="fr"))
    assert "Données et méthodes" in french and "Data & methods" not in french
    # the fixture's own medium-confidence factors (0.5, 1.5: tests/fixture_data.py RANGES)
    assert "50\u00a0% du montant déclaré" in french and "150% of stated" in english
    assert "Green Book" in french and "Valeur actuelle nette (VAN)" in french
    assert figures(french, "fr") == figures(english, "en")
    assert len(figures(english, "en")) > 40  # the definitions' figures and the tables'


def test_the_snapshots_table_in_french(monkeypatch):
    # FR #15 (round 2): the state capitalised as the table's other labels ("Publié", not
    # "publié"); the sample's source with French typography's narrow no-break space
    # before ";" (U+202F)
    at = _data_methods(REPO_ROOT / "data", monkeypatch, lang="fr")
    snaps = _snapshots(at)
    assert set(snaps["status"]) == {"Publié"}
    assert all("projet\u202f; pas des chiffres officiels" in s for s in snaps["source"])
