"""The side axis's budget for names (dashboard/charts/axis_labels.py) with the one labels
policy (dashboard/contract/labels.py `fit_labels`): names that fit are whole, long ones
keep what tells them apart, and on a phone the labels leave the bars half the chart."""

from __future__ import annotations

from dashboard.charts import axis_labels
from dashboard.charts.figure_margins import text_width
from tests import odd_data

# the sample's initiatives (data/snapshots), with codes
SAMPLE = {
    "SOURCING": "ICT services sourcing strategy", "DEVNET": "ICT development network",
    "COMMONAPPS": "Common applications solutions", "KS": "Knowledge-sharing",
    "ERP": "Enterprise resource planning systems",
    "GOVERNANCE": "ICT governance and best practices",
    "BUSCASE": "Business case development and costing", "TRAINING": "ICT training",
    "INFOSEC": "Information security and disaster recovery", "EXTRANET": "UN system Extranet",
    "WEBSEARCH": "Inter-agency web search",
    "PROCFA": "Inventory of procurement framework agreements",
    "IDENTITY": "Common identity and access management",
    "FIELDNET": "Common connectivity for field offices",
    "CHANGE": "ICT change management and communication",
}
ODD = {f"INIT{i:02d}": odd_data.LONG.format(i=i) for i in range(12)}


def _plain(label: str) -> str:
    return label.replace("<br>", " ")


def test_the_twelve_odd_names_give_twelve_labels_that_differ_without_their_codes():
    labels = axis_labels.side_labels(list(ODD), list(ODD.values()))
    # each keeps the words where the names differ ("number 7"), not only its code
    stems = {_plain(lab).rsplit(" (", 1)[0] for lab in labels}
    assert len(stems) == 12, stems
    for i, lab in enumerate(labels):
        assert f"number {i}" in _plain(lab) and lab.endswith(f"(INIT{i:02d})"), lab
        assert lab.startswith("Harmonized…"), lab  # cut at a word's end, never "Harmoni…"


def test_the_only_initiative_is_not_cut():
    assert axis_labels.side_labels(["ONLY"], ["The only initiative"]) == [
        "The only initiative (ONLY)"]


def test_a_name_that_fits_a_phone_s_plot_is_never_cut():
    labels = dict(zip(SAMPLE, axis_labels.initiative_names(list(SAMPLE), list(SAMPLE.values())),
                      strict=True))
    # one line each, the 37-character "Business case development and costing" whole
    assert labels["BUSCASE"] == "Business case development and costing (BUSCASE)"
    assert labels["ERP"] == "Enterprise resource planning systems (ERP)"
    # 43 and 45 characters and their codes (about 345 px) are more than a phone's plot:
    # first and last words and the code, cut at words
    assert labels["PROCFA"] == "Inventory of procurement…agreements (PROCFA)"
    assert labels["CHANGE"] == "ICT change management…communication (CHANGE)"
    for code, lab in labels.items():
        if code not in ("PROCFA", "CHANGE"):
            assert lab == f"{SAMPLE[code]} ({code})", lab


def test_a_label_fits_a_phone_s_plot_on_one_line():
    # a 390-px phone's chart less the plot's left margin (10 px) and a little slack
    assert axis_labels.NAME_PX <= axis_labels.PHONE_CHART - 10 - 12
    for names in (SAMPLE, ODD):
        labels = axis_labels.initiative_names(list(names), list(names.values()))
        assert all("<br>" not in lab for lab in labels)
        assert max(axis_labels.measure(lab) for lab in labels) <= axis_labels.NAME_PX


def test_a_matrix_s_columns_show_the_same_labels():
    # 15 columns on a phone's 200-px plot: 13 px each, one standing line (15 px) at most,
    # each initiative's one label (round 4 #4: cut at 200 px, "Common… (COMMONAPPS)")
    labels = axis_labels.column_labels(list(SAMPLE), list(SAMPLE.values()))
    assert labels[list(SAMPLE).index("KS")] == "Knowledge-sharing (KS)"
    assert labels[list(SAMPLE).index("COMMONAPPS")] == (
        "Common applications solutions (COMMONAPPS)")
    assert all("<br>" not in lab for lab in labels)
    assert max(text_width(lab, axis_labels.COLUMN_SIZE) for lab in labels) <= (
        axis_labels.LABEL_PX)
    # 6 columns: 33 px each, room for two lines; a long label broken at its middle space
    few = {c: SAMPLE[c] for c in ("BUSCASE", "KS", "ERP", "TRAINING", "DEVNET", "EXTRANET")}
    labels = axis_labels.column_labels(list(few), list(few.values()))
    assert labels[0] == "Business case development<br>and costing (BUSCASE)"
    assert labels[1] == "Knowledge-sharing (KS)"  # within 200 px: one line
    odd = axis_labels.column_labels(list(ODD), list(ODD.values()))
    assert all(f"number {i}" in lab for i, lab in enumerate(odd))


def test_category_labels_wrap_on_two_lines_instead_of_being_cut():
    # the French review (#19, #20): "Engagement des organism…", "Système des Nation…Unies"
    texts = axis_labels.category_texts(
        ["Engagement des organismes", "Système des Nations Unies",
         "Planification de la mise en œuvre", "Achevée"])
    assert texts == ["Engagement des<br>organismes", "Système des Nations<br>Unies",
                     "Planification de la mise<br>en œuvre", "Achevée"]
