"""The side axis's budget for names (dashboard/charts/axis_labels.py) with the one labels
policy (dashboard/contract/labels.py `fit_labels`): names that fit are whole, long ones
keep what tells them apart, and on a phone the labels leave the bars half the chart."""

from __future__ import annotations

from dashboard.charts import axis_labels
from dashboard.charts.figure_margins import LABEL_GAP, LABEL_SLACK
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
        assert _plain(lab).startswith("Harmonized enterprise-")


def test_the_only_initiative_is_not_cut():
    assert axis_labels.side_labels(["ONLY"], ["The only initiative"]) == [
        "The only initiative (ONLY)"]


def test_a_name_that_fits_two_lines_is_never_cut():
    labels = axis_labels.side_labels(list(SAMPLE), list(SAMPLE.values()))
    whole = {c: _plain(lab) == f"{SAMPLE[c]} ({c})" for c, lab in zip(SAMPLE, labels,
                                                                      strict=True)}
    # names of up to about 40 characters are whole, wrapped at a space or a hyphen
    for code in ("SOURCING", "ERP", "KS", "DEVNET", "COMMONAPPS", "GOVERNANCE", "TRAINING",
                 "EXTRANET", "WEBSEARCH", "FIELDNET"):
        assert whole[code], (code, labels[list(SAMPLE).index(code)])
    assert labels[list(SAMPLE).index("ERP")] == "Enterprise resource<br>planning systems (ERP)"
    # a longer one keeps its first and last words and its code, never a bare code
    for code, lab in zip(SAMPLE, labels, strict=True):
        if not whole[code]:
            assert "…" in lab and lab.endswith(f"({code})"), lab
            assert _plain(lab).startswith(SAMPLE[code].split(" ")[0])


def test_on_a_phone_the_labels_take_at_most_half_the_chart():
    assert axis_labels.LABEL_SHARE == 0.5
    for names in (SAMPLE, ODD):
        labels = axis_labels.side_labels(list(names), list(names.values()))
        widest = max(axis_labels.measure(x) for lab in labels for x in lab.split("<br>"))
        # the margin Plotly is given for them (figure_margins): widest line, slack, gap
        assert widest * LABEL_SLACK + LABEL_GAP <= 0.5 * axis_labels.PHONE_CHART
        assert all(lab.count("<br>") <= 1 for lab in labels)


def test_rows_make_room_for_two_lines():
    assert axis_labels.row_px(["ICT training (TRAINING)"]) == 28
    # two lines of 12-px text are 2 x 1.3 x 12 = 31.2 px: a 34-px row keeps them apart
    assert axis_labels.row_px(["a", "Enterprise resource<br>planning systems (ERP)"]) == 34


def test_a_matrix_s_columns_name_each_initiative_on_one_standing_line():
    labels = axis_labels.column_labels(list(SAMPLE), list(SAMPLE.values()))
    assert labels[list(SAMPLE).index("KS")] == "Knowledge-sharing (KS)"  # whole: it fits
    assert labels[list(SAMPLE).index("DEVNET")] == "ICT development network (DEVNET)"
    assert all("<br>" not in lab and lab.endswith(f"({c})") for c, lab in zip(SAMPLE, labels,
                                                                             strict=True))
    odd = axis_labels.column_labels(list(ODD), list(ODD.values()))
    assert all(f"number {i}" in lab for i, lab in enumerate(odd))
