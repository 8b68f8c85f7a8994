"""A validation report in the reader's language (issue #26: "the validation messages shown
in the app"): the Load data page's report is worded in French for a French reader, with the
same figures as the English; the command line (no language set) stays English."""

from __future__ import annotations

from dashboard.intake import loading
from dashboard.intake.ingest import read_source
from dashboard.intake.validation import validate_sources
from dashboard.intake.validation_report import Report
from dashboard.lang.translate import language
from tests.figures_quoted import figures
from tests.sources import col_index, text_rows, write_csv_source

NBSP = "\u00a0"


def _bad_source(folder):
    rows = text_rows()
    rows["commitments"][3][col_index("commitments", "relative_value")] = "6"
    rows["contributions"][2][col_index("contributions", "amount_usd")] = "-70"
    rows["contributions"][4][col_index("contributions", "date")] = "2007/06/30"
    rows["commitments"][0][col_index("commitments", "agency_code")] = ""
    return write_csv_source(folder, rows)


def _report(folder) -> Report:
    report = Report()
    validate_sources(read_source(folder, report), report)
    return report


def test_the_report_in_french(tmp_path):
    src = _bad_source(tmp_path / "src")
    with language("fr"):
        report = _report(src)
        lines = report.lines()
        frame = loading.report_frame(report)
    # by hand: the header is row 1, so the 4th data row is row 5; the rule's figures are
    # the contract's (relative_value 1 to 5; amount_usd greater than 0)
    assert (f"commitments.csv, ligne 5, colonne relative_value{NBSP}: doit être compris entre "
            f"1 et 5 (valeur lue{NBSP}: 6)") in lines
    assert (f"contributions.csv, ligne 4, colonne amount_usd{NBSP}: doit être supérieur à 0 "
            f"(valeur lue{NBSP}: -70.0)") in lines
    assert (f"commitments.csv, ligne 2, colonne agency_code{NBSP}: une valeur est "
            f"obligatoire (valeur lue{NBSP}: une cellule vide)") in lines
    assert any(r.startswith("doit être une date écrite AAAA-MM-JJ") for r in frame["Rule"])
    # machine names stay as the file has them: file, column, table and the bad value
    assert "colonne date" in " ".join(lines) and "'2007/06/30'" in " ".join(lines)


def test_the_french_report_quotes_the_english_figures(tmp_path):
    src = _bad_source(tmp_path / "src")
    english = "\n".join(_report(src).lines())
    with language("fr"):
        french = "\n".join(_report(src).lines())
    assert french != english
    assert figures(french, "fr") == figures(english, "en")


def test_without_a_language_the_report_is_english_as_before(tmp_path):
    # the command line sets no language: its lines read exactly as they always have
    lines = _report(_bad_source(tmp_path / "src")).lines()
    assert ("commitments.csv, row 5, column relative_value: must be between 1 and 5 (got 6)"
            in lines)
    assert ("commitments.csv, row 2, column agency_code: a value is required (got an empty "
            "cell)") in lines


def test_a_files_problems_in_french(tmp_path):
    headers = {"costs": ["initiative_id", "agency_code", "fiscal_year", "cost_category",
                         "is_recurring", "Amount_USD"]}
    src = write_csv_source(tmp_path / "src", headers=headers)
    (src / "benefits.csv").unlink()
    with language("fr"):
        report = _report(src)
        lines, warnings = report.lines(), report.lines("warning")
    assert any(x.startswith(f"src{NBSP}: la table benefits est absente{NBSP}: ni benefits.csv "
                            "ni benefits.parquet dans ") for x in lines), lines
    assert any(x.startswith(f"costs.csv{NBSP}: la colonne amount_usd est absente (l'en-tête "
                            f"doit comporter{NBSP}: initiative_id, ") for x in lines), lines
    assert (f"costs.csv, colonne Amount_USD{NBSP}: la colonne 'Amount_USD' ne figure pas dans "
            "le contrat pour costs et ne sera pas enregistrée (vouliez-vous dire "
            f"amount_usd\u202f?)") in warnings, warnings
