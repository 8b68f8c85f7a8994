"""A phone's edge (356 px of columns: a 358-px table less its borders) never falls inside a
value (French review 3 #2, round 5 #10). Widths worked out by hand."""

from __future__ import annotations

import pandas as pd

from dashboard.output import table_phone


def _cfg(width: int, kind: str = "text", **more: object) -> dict:
    return {"label": "Kind", "width": width, "type_config": {"type": kind}, **more}


def _funding(*widths: int) -> dict:
    """Funding's "Every contribution" columns, in the page's order, at these widths."""
    kinds = ("text", "number", "date", "text", "text", "text", "text")
    names = (
        "donor",
        "amount_usd",
        "date",
        "donor_type",
        "initiative_name",
        "contribution_type",
        "status",
    )
    return {
        n: _cfg(w, k, **({"pinned": True} if n == "donor" else {}))
        for n, w, k in zip(names, widths, kinds, strict=True)
    }


def test_a_column_that_fits_beside_the_amount_comes_before_the_date():
    # Funding in English: 171 + 110 = 281; the date (88) would end at 369, 13 px past the
    # edge with 75 shown; Status (68) fits in those 75: the date then starts at 349, the
    # 7 px shown are its padding (8): no text cut, no width changed
    config = _funding(171, 110, 88, 167, 220, 147, 68)
    order = table_phone.fit(list(config), config, 978)
    assert order == [
        "donor",
        "amount_usd",
        "status",
        "date",
        "donor_type",
        "initiative_name",
        "contribution_type",
    ]
    assert [config[c]["width"] for c in order] == [171, 110, 68, 88, 167, 220, 147]


def test_the_pinned_name_widens_so_the_cut_column_starts_at_the_edge():
    # Funding in French: 153 + 110 + 70 (État, moved) = 333; the date (136) shows 23 px:
    # the name widens by 23 (to 176), the date starts at 356; the table (973) would then
    # be 996 in a 978-px frame: the widest words after the edge (180) give 18 (to 162)
    config = _funding(153, 110, 136, 171, 180, 153, 70)
    order = table_phone.fit(list(config), config, 978)
    assert order[:4] == ["donor", "amount_usd", "status", "date"]
    assert config["donor"]["width"] == 176 and config["initiative_name"]["width"] == 162
    assert sum(c["width"] for c in config.values()) == 978


def test_a_group_stays_whole_and_the_name_widens_to_the_edge():
    # What changed: Name 210 + Change 89 = 299; Before (81) would show 57 px of
    # "$1,234,000"; the group's columns do not move: the name widens by 57 (to 267)
    g = "Organizations' pledged shares (US$)"
    config = {
        "name": _cfg(210, pinned=True),
        "c": _cfg(89, "number", group=g),
        "b": _cfg(81, "number", group=g),
        "a": _cfg(79, "number", group=g),
        "n": _cfg(60, "number"),
    }
    order = table_phone.fit(list(config), config, 978)
    assert order == ["name", "c", "b", "a", "n"]
    assert config["name"]["width"] == 267


def test_an_edge_within_a_column_s_padding_changes_nothing():
    # 210 + 154 = 364: the edge hides 8 px, the column's right padding: its text is whole
    config = {"name": _cfg(210, pinned=True), "c": _cfg(154, "number"), "t": _cfg(50)}
    assert table_phone.fit(list(config), config, 978) == ["name", "c", "t"]
    assert config["name"]["width"] == 210


def test_the_name_wraps_so_the_amount_beside_it_ends_at_the_edge():
    # Initiative detail's "Organizations" in French (FR4 #1): the name (210) and the pledged
    # share (195, its header "Quote-part annoncée ($US)") make 405: the edge cut the amount
    # after 146 px ("21 0"), and no column fits in 146 (148, 162, 153). The name narrows to
    # 356 - 195 = 161 (its header, 120 px + 30 of padding, and its longest word,
    # "International", 76 + 18, fit) and wraps; the amount ends at the edge, nothing moves
    config = {
        "agency_name": _cfg(210, pinned=True, label="Nom de l'organisme"),
        "pledged_share_usd": _cfg(195, "number"),
        "agency_type": _cfg(148),
        "commitment_level": _cfg(162),
        "relative_value": _cfg(153, "number"),
    }
    shown = pd.DataFrame(
        {"agency_name": ["World Health Organization", "International Civil Aviation Organization"]}
    )
    order = table_phone.fit(list(config), config, 978, shown)
    assert order == list(config)
    assert [config[c]["width"] for c in order] == [161, 195, 148, 162, 153]


def test_a_figure_beside_the_first_column_is_not_pushed_past_the_edge_by_words():
    # Data & methods' "The ranges in use" in French: Estimation (200) and Au minimum (170)
    # make 370; "Source des valeurs" (149) would fit in the 156 px shown and once moved
    # before the figures, leaving "Au minimum" and "Au maximum" off the screen. The first
    # column narrows to 356 - 170 = 186 instead: the least share ends at the edge
    config = {
        "estimate": _cfg(200, label="Estimation"),
        "at least": _cfg(170),
        "at most": _cfg(178),
        "values from": _cfg(149),
    }
    shown = pd.DataFrame({"estimate": ["Avantage, confiance moyenne"]})
    assert table_phone.fit(list(config), config, 978, shown) == list(config)
    assert [config[c]["width"] for c in config] == [186, 170, 178, 149]


def test_a_first_column_that_cannot_wrap_narrow_enough_keeps_the_other_rules():
    # 210 + 240 = 450: the name would have to narrow to 356 - 240 = 116, below the
    # narrowest a name wraps to (125): the name widens to the edge instead (146 more)
    config = {"name": _cfg(210, pinned=True), "a": _cfg(240, "number"), "t": _cfg(300)}
    shown = pd.DataFrame({"name": ["A short name"]})
    assert table_phone.fit(list(config), config, 978, shown) == ["name", "a", "t"]
    assert config["name"]["width"] == 356 and config["t"]["width"] == 300


def test_a_single_column_is_left_alone():
    # one column of 200 px: no edge inside it, no column beside it to fit
    config = {"name": _cfg(200, pinned=True)}
    assert table_phone.fit(list(config), config, 978, pd.DataFrame({"name": ["A"]})) == ["name"]
    assert config["name"]["width"] == 200
