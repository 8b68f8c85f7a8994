"""The one labelling policy (dashboard/contract/labels.py): the reader's word for every
code of the contract, and the short labels of initiatives, organizations and donors."""

from __future__ import annotations

import pytest

from dashboard.contract import labels, schema


def _every_code() -> set[str]:
    codes = set(schema.AGENCY_TYPES) | set(schema.DONOR_TYPES) | set(schema.STAGES)
    codes |= set(schema.CONTRIBUTION_TYPES) | set(schema.CONTRIBUTION_STATUSES)
    codes |= set(schema.COMMITMENT_LEVELS) | set(schema.CONFIDENCE_LEVELS)
    codes |= set(schema.COST_CATEGORIES) | set(schema.BENEFIT_CATEGORIES)
    return codes | {"one-off", "recurring"}


def test_every_code_of_the_contract_has_a_word_that_is_not_the_code():
    for code in _every_code():
        word = labels.code_label(code)
        assert code in labels.CODE_WORDS, code
        assert word != code and word[0].isupper() and "_" not in word, (code, word)


@pytest.mark.parametrize(("code", "word"), [
    ("member_state", "Member State"),      # a proper noun, as the UN writes it
    ("un_system", "UN system"),            # an acronym stays upper case
    ("fund_programme", "Fund / programme"),
    ("in_kind", "In kind"),
    ("host_country", "Host country"),
    ("intergovernmental", "Intergovernmental organization"),  # a noun, as the other kinds
    ("academic_technical", "Academic / technical"),
    ("staff", "Staff"),
    ("lead", "Lead"),
    ("none", "No commitment"),             # never the bare word "none" (a missing value)
    ("high", "High"),
    ("implementation", "Implementation"),
])
def test_a_code_reads_as_a_word(code, word):
    assert labels.code_label(code) == word


@pytest.mark.parametrize(("code", "en", "fr"), [
    ("secretariat", "Secretariat", "Secrétariat"),
    ("fund_programme", "Funds and programmes", "Fonds et programmes"),
    ("specialized_agency", "Specialized agencies", "Institutions spécialisées"),
    ("related_organization", "Related organizations", "Organisations apparentées"),
])
def test_a_group_of_organizations_is_named_in_the_plural(code, en, fr):
    # French review round 2, #21: « Fonds / programme » over a group of nine (UNTERM:
    # « fonds et programmes des Nations Unies », « institutions spécialisées »)
    from dashboard.lang.translate import language
    assert labels.group_name(code) == en
    with language("fr"):
        assert labels.group_name(code) == fr
    assert labels.group_name("new_kind") == "New kind"  # an unknown type: as code_label


@pytest.mark.parametrize(("code", "fr"), [
    ("intergovernmental", "Organisation intergouvernementale"),  # a noun, as « Fondation »
    ("host_country", "Appui du pays hôte"),  # the glossary's term, as the chart's title
    ("member_state", "État Membre"),
])
def test_donor_and_contribution_kinds_read_as_nouns_in_french(code, fr):
    # French review round 2, #20
    from dashboard.lang.translate import language
    with language("fr"):
        assert labels.code_label(code) == fr


def test_what_is_not_a_code_is_left_as_given():
    assert labels.code_label("Norway") == "Norway"
    assert labels.code_label("UNDP") == "UNDP"
    assert labels.code_label(None) is None
    assert labels.code_label(3) == 3
    assert labels.code_label("new_kind") == "New kind"  # an unknown code still reads as words
    assert labels.confidence_label("low") == "Low confidence"


def test_a_long_name_is_shortened_in_the_middle_keeping_its_last_words():
    name = "Donor with a rather long official name number 13"  # 49 characters
    short = labels.shorten(name, 28)
    assert len(short) <= 28
    assert short.startswith("Donor with") and short.endswith("number 13")
    assert short.count("…") == 1
    assert labels.shorten("ICT training", 28) == "ICT training"  # short enough: as given


def test_an_organization_reads_as_its_name_and_code():
    assert labels.agency_option("UNDP", "United Nations Development Programme") == (
        "United Nations Development Programme (UNDP)")
    lab = labels.agency_label("UNDP", "United Nations Development Programme")
    assert len(lab) <= labels.LABEL_WIDTH and lab.endswith("(UNDP)")


def test_the_sidebar_s_organization_reads_code_first():
    # code first: a chosen organization cut short in the narrow sidebar still shows it
    assert labels.agency_choice("UNDP", "United  Nations Development\nProgramme") == (
        "UNDP — United Nations Development Programme")
    assert labels.agency_choice("UNDP") == "UNDP"  # no name: the code
    assert labels.agency_choice("UNDP", "UNDP") == "UNDP"


def test_donors_sharing_a_name_are_told_apart():
    names = ["Donor with a rather long official name number 13"] * 2 + [
        "Donor with a rather long official name number 3", "Norway"]
    out = labels.donor_labels(names, ["member_state", "un_system", "foundation",
                                      "member_state"])
    assert len(set(out)) == 4
    assert out[0].endswith("(Member State)") and out[1].endswith("(UN system)")
    assert out[3] == "Norway"
    assert all(len(o) <= labels.LABEL_WIDTH for o in out)
    # the same name and kind twice (no kind to tell them apart): numbered
    twice = labels.donor_labels(["Norway", "Norway"])
    assert len(set(twice)) == 2


def test_the_largest_donors_are_counted_from_the_data():
    from dashboard.contract.labels import largest_donors
    assert largest_donors(1) == "the largest donor"  # never "the five largest" for one
    assert largest_donors(5) == "the five largest donors"
    assert largest_donors(12) == "the 12 largest donors"
    assert largest_donors(1, whose=True) == "the largest donor's"
    assert largest_donors(3, whose=True) == "the three largest donors'"


def test_a_label_fits_its_lines_and_keeps_the_part_that_differs():
    # measured in characters here (the charts measure in px): lines of 20
    assert labels.fit_label("KS", "Knowledge-sharing", line=20) == "Knowledge-sharing<br>(KS)"
    assert labels.fit_label("X", "Short", line=20, lines=1) == "Short (X)"
    names = [f"Common platform for services, number {i}, across the system" for i in (1, 2)]
    starts = labels.differing_starts(names)
    # the words all the names start with, less one: "number 1, across the system"
    assert [n[s:] for n, s in zip(names, starts, strict=True)] == [
        "number 1, across the system", "number 2, across the system"]
    # 20 - len("… (A)") = 15 for the part that differs: "number 1, across…" is 17, so
    # "number 1" and an ellipsis; the first line holds the start's first three words
    # a name unlike the others does not hide what the others share
    assert labels.differing_starts([*names, "The only initiative"])[:2] == starts
    assert labels.differing_starts([*names, "The only initiative"])[2] == 0
    out = labels.fit_labels(["A", "B"], names, line=20)
    assert out == ["Common platform for<br>…number 1… (A)", "Common platform for<br>…number 2… (B)"]
    # a code alone where there is no name; a name never dropped for its code
    assert labels.fit_label("ONLY", None, line=20) == "ONLY"
    assert labels.fit_label("X", "Enterprise resource planning", line=12, lines=2).startswith(
        "Enterprise")


def test_the_code_words_in_french():
    # the glossary's terms (docs/glossary-fr.md); the code itself never changes
    from dashboard.lang.translate import language
    with language("fr"):
        assert labels.code_label("implementer") == "Maître d'œuvre désigné"
        assert labels.code_label("in_kind") == "En nature"
        assert labels.code_label("member_state") == "État Membre"
        assert labels.code_label("UNDP") == "UNDP"  # a name, not a code: as given
        assert labels.confidence_label("high") == "Confiance élevée"
        assert labels.largest_donors(5) == "les cinq principaux donateurs"
        assert labels.largest_donors(1, whose=True) == "du principal donateur"
        assert labels.largest_donors(12) == "les 12 principaux donateurs"
    assert labels.code_label("member_state") == "Member State"
    assert labels.largest_donors(5, whose=True) == "the five largest donors'"


# --- French review #6 #8, round 3 #15: words a French reader met in English ------------------

def test_the_frameworks_categories_read_in_the_readers_language():
    from dashboard.lang.translate import language

    # docs/glossary-fr.md's terms
    french = ["Les TIC au service du développement", "Gouvernance des TIC",
              "Sécurité de l'information", "Travailler ensemble", "Pérennisation de l'initiative"]
    with language("fr"):
        assert [labels.category_label(c) for c in schema.CATEGORIES] == french
        # only a category is a label: a name that holds one, or anything else, is as given
        assert labels.category_label("Information security and disaster recovery") == (
            "Information security and disaster recovery")
        assert labels.category_label(None) is None
    assert [labels.category_label(c) for c in schema.CATEGORIES] == [
        "ICT in development", "ICT governance", "Information security", "Working together",
        "Sustaining the initiative"]


def test_an_initiatives_status_between_two_snapshots_reads_as_a_word():
    from dashboard.lang.translate import language

    statuses = ("added", "removed", "changed", "unchanged")  # data/README.md, What changed
    assert [labels.code_label(s) for s in statuses] == ["Added", "Removed", "Changed",
                                                         "Unchanged"]
    with language("fr"):  # an initiative: feminine
        assert [labels.code_label(s) for s in statuses] == ["Ajoutée", "Retirée", "Modifiée",
                                                             "Inchangée"]


def test_the_second_stage_is_named_as_its_page():
    from dashboard.lang.translate import language

    assert labels.code_label("agency_commitment") == "Organization commitment"
    assert not [w for w in schema.STAGE_LABELS.values() if "Agency" in w]
    with language("fr"):
        assert labels.code_label("agency_commitment") == "Engagement des organismes"
