"""One label per initiative and per donor in every chart, matrix, key and pack table
(reader's review round 4, #4: bars, matrices, keys and pack tables cut the same names in
four styles, and cut names that had room).

The one label is dashboard/charts/axis_labels.py `initiative_names`: the name and code
whole when they fit a phone's line (beside a rank, "=12 "), else the first words, the
part that tells the name from the others ("…number 11") and the code."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.charts import axis_labels, bar_names
from dashboard.output import briefing_html
from tests.charts.test_axis_labels import ODD, SAMPLE
from tests.figure_inputs import BUILDERS, SNAPSHOTS, context_at

CODE = re.compile(r"\((INIT\d\d)\)$")


def _shown(fig) -> list[str]:
    """Every text a figure names things by, each on one line: the names over its bars,
    its axes' tick texts and its key's lines (the mark before a key's label dropped)."""
    out = [bar_names.one_line(t) for t in bar_names.bar_names(fig)]
    for name in fig.layout:
        axis = fig.layout[name] if name.startswith(("xaxis", "yaxis")) else None
        if axis is not None and axis.ticktext:
            out += [bar_names.one_line(str(t)) for t in axis.ticktext]
    for a in fig.layout.annotations:
        if a.name == "point_key":
            out += [line.split("  ", 1)[-1] for line in a.text.split("<br>")[1:]]
    return out


def test_an_initiative_reads_the_same_in_every_chart_and_the_pack_s_tables(odd_db):
    one = dict(zip(ODD, axis_labels.initiative_names(list(ODD), list(ODD.values())),
                   strict=True))
    seen: dict[str, set[str]] = {}
    ctx = context_at(odd_db, SNAPSHOTS["odd"]).with_(compare_to="2005-01-01")
    for build, data in BUILDERS.values():
        for text in _shown(build(data(ctx))):
            # a rank before the label ("=3 ", "#12 ") is the ranking's, not the name's
            text = re.sub(r"^[#=]\d+ ", "", text)
            if (m := CODE.search(text)):
                seen.setdefault(m.group(1), set()).add(text)
    table = briefing_html._named_initiatives(
        pd.DataFrame({"initiative_id": list(ODD), "name": list(ODD.values())}))
    for code, text in zip(ODD, table["initiative_id"], strict=True):
        seen.setdefault(code, set()).add(text)
    assert set(seen) == set(ODD)
    for code, texts in seen.items():
        assert texts == {one[code]}, (code, texts)


def test_a_sample_name_that_fits_is_whole_in_every_kind_of_chart():
    codes, names = list(SAMPLE), list(SAMPLE.values())
    one = axis_labels.initiative_names(codes, names)
    # 15 columns standing under a matrix: the same labels (they were cut at 200 px:
    # "Common… (COMMONAPPS)", "ICT change… (CHANGE)", "Inventory of… (PROCFA)")
    assert [bar_names.one_line(t) for t in axis_labels.column_labels(codes, names)] == one
    for code, label in zip(codes, one, strict=True):
        # whole where name and code, and a rank before them, fit a phone's line
        if axis_labels.measure(f"=15 {SAMPLE[code]} ({code})") <= axis_labels.NAME_PX:
            assert label == f"{SAMPLE[code]} ({code})"
    assert sum("…" in lab for lab in one) <= 2  # at most the two longest


@pytest.mark.parametrize("kinds", [None, ["member_state"] * 3])
def test_a_donor_s_name_that_fits_is_whole_and_a_long_one_keeps_what_differs(kinds):
    names = ["Donor with a rather long official name number 14",
             "Donor with a rather long official name number 3", "Norway"]
    labels = axis_labels.donor_names(names, kinds)
    # about 270 px at 11 px: it fits a phone's line (it was cut at 46 characters)
    assert labels == names
    long = [f"Donor with a rather long and very official name of a foundation, number {i}, "
            "of the group of donors" for i in (1, 2)]
    cut = axis_labels.donor_names(long)
    assert all("…" in lab for lab in cut)
    assert "number 1" in cut[0] and "number 2" in cut[1], cut
    assert max(map(axis_labels.measure, cut)) <= axis_labels.LABEL_PX


def test_donors_sharing_a_name_are_cut_one_way_whatever_their_kind():
    # EN #5 (round 5): "Donor with a rather long…number 9 (Private sector)" beside
    # "Donor…number 9 (Intergovernmental organization)": the same name cut two ways
    name = "Donor with a rather long official name number 9"
    kinds = ["private_sector", "intergovernmental_organization", "member_state"]
    labels = axis_labels.donor_names([name] * 3, kinds)
    assert len(set(labels)) == 3
    assert all(lab.endswith(")") and "(" in lab for lab in labels)
    starts = {lab.rsplit(" (", 1)[0] for lab in labels}
    assert len(starts) == 1, labels  # one cut of the name, the kind after it whole
    assert max(map(axis_labels.measure, labels)) <= axis_labels.LABEL_PX


def _odd_figures(odd_db):
    ctx = context_at(odd_db, SNAPSHOTS["odd"]).with_(compare_to="2005-01-01")
    return [build(data(ctx)) for build, data in BUILDERS.values()]


def test_the_scatter_key_names_each_initiative_by_its_one_label_on_odd_data(odd_db):
    # EN #5 (round 5): the Overview's key is the one label, less the code its mark gives
    one = dict(zip(ODD, axis_labels.initiative_names(list(ODD), list(ODD.values())),
                   strict=True))
    keyed = {}
    for fig in _odd_figures(odd_db):
        for a in fig.layout.annotations:
            if a.name == "point_key":
                for line in a.text.split("<br>"):
                    if "  " not in line:  # the heading's lines
                        continue
                    mark, label = line.split("  ", 1)
                    keyed.setdefault(mark, set()).add(label)
    codes = {m for m in keyed if m in ODD}
    assert codes == set(ODD)
    for code in codes:
        assert keyed[code] == {one[code].removesuffix(f" ({code})")}, code
    # the twelve key lines differ, each by the part of its name that differs
    assert len({next(iter(keyed[c])) for c in codes}) == len(codes)


def test_every_donor_on_odd_data_is_cut_one_way(odd_db):
    # EN #5 (round 5): one name cut two ways on one chart with room to spare
    fig_texts = [t for fig in _odd_figures(odd_db) for t in _shown(fig)]
    donors = [t for t in fig_texts if t.startswith("Donor")]
    assert donors
    by_name: dict[str, set[str]] = {}
    for t in donors:
        name = t.rsplit(" (", 1)[0] if t.endswith(")") else t
        number = re.search(r"number (\d+)", t)
        assert number, t  # the part that tells the donors apart is kept
        by_name.setdefault(number.group(1), set()).add(name)
    for number, names in by_name.items():
        assert len(names) == 1, (number, names)
    assert all(axis_labels.measure(t) <= axis_labels.LABEL_PX for t in donors)
