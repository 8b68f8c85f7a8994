"""The Overview's sentence and tile changes (dashboard/output/summary.py), worked out by hand."""

from __future__ import annotations

from dashboard.output import summary

NOW = {"total_cost_usd": 126_400_000.0, "benefit_cost_ratio": 1.82,
       "funding_gap_usd": 38_100_000.0, "agencies_committed": 27.0}
BEFORE = {"total_cost_usd": 122_700_000.0, "benefit_cost_ratio": 1.75,
          "funding_gap_usd": 40_000_000.0, "agencies_committed": 25.0}


def test_the_sentence_says_where_we_stand_and_what_moved():
    # cost 122.7M -> 126.4M: +3.7 / 122.7 = +3.0%
    assert summary.overview_sentence(NOW, 15, BEFORE, "2005-09-01") == (
        "15 initiatives, $126.4M estimated cost, 1.8x benefit; cost up 3.0% since "
        "2005-09-01; $38.1M short of the funding targets.")
    assert summary.overview_sentence(NOW, 1) == (
        "1 initiative, $126.4M estimated cost, 1.8x benefit; $38.1M short of the funding "
        "targets.")
    assert summary.overview_sentence({**NOW, "funding_gap_usd": 0.0}, 2).endswith(
        "; fully funded against the funding targets.")


# the sample's ranges (ranges_portfolio's P10 and P90) and low-confidence share, rounded
SURE = summary.Scope(initiatives=15, without_target=5, low_confidence=0.608,
                     likely={"total_cost_usd": (133.0e6, 145.0e6),
                             "total_benefit_usd": (173.4e6, 228.6e6),
                             "benefit_cost_ratio": (1.2436, 1.6622)})


def test_the_sentence_says_how_sure_and_which_initiatives_have_no_target():
    # the contract's form: "1.8x benefit, likely 1.2x to 1.7x; 61% of the benefit is low
    # confidence"; 1.2436 -> 1.2x, 1.6622 -> 1.7x; 0.608 -> 61%
    assert summary.overview_sentence(NOW, 15, scope=SURE) == (
        "15 initiatives, $126.4M estimated cost, 1.8x benefit, likely 1.2x to 1.7x (stated "
        "figure above its likely range); 61% of the benefit is low confidence; $38.1M short "
        "of the funding targets (5 of the 15 have no funding target).")
    # 1.5 lies inside 1.2436 to 1.6622: nothing more is said (R6a #4)
    assert summary.overview_sentence({**NOW, "benefit_cost_ratio": 1.5}, 15, scope=SURE) \
        .startswith("15 initiatives, $126.4M estimated cost, 1.5x benefit, likely 1.2x to "
                    "1.7x; 61% of")
    none_set = summary.Scope(initiatives=3, without_target=3)
    assert summary.overview_sentence(NOW, 3, scope=none_set).endswith(
        "; no funding targets set.")


def test_the_sentence_in_french_says_the_ratio_is_above_its_range():
    # 1.82 above 1.6622 (R6a #4); 5 of 15 initiatives without a target
    from dashboard.lang.translate import language

    with language("fr"):
        said = summary.overview_sentence(NOW, 15, scope=SURE)
    assert "(chiffre déclaré au-dessus de sa fourchette probable)" in said, said
    assert "(5\u00a0sur\u00a015 n'ont pas d'objectif de financement)" in said, said


def test_under_the_organization_filter_the_sentence_keeps_the_two_scopes_apart():
    # cost, benefit and ratio are the organization's share; the gap is the initiatives';
    # the share is its own lines and its part of the shared ones: in 15 initiatives, though
    # engaged in fewer (FR #28)
    undp = summary.Scope(organizations=("UNDP",), initiatives=15, low_confidence=0.4)
    assert summary.overview_sentence(NOW, 15, BEFORE, "2005-09-01", undp) == (
        "UNDP's share (own and shared) of 15 initiatives: $126.4M estimated cost, 1.8x "
        "benefit; 40% of that benefit is low confidence; cost up 3.0% since 2005-09-01. Funding, not split by "
        "organization: $38.1M short of the funding targets.")
    two = summary.Scope(organizations=("UNDP", "WFP"), initiatives=15)
    assert summary.overview_sentence(NOW, 15, scope=two).startswith(
        "UNDP and WFP's share (own and shared) of 15 initiatives: ")


def test_each_tile_says_its_scope_and_its_likely_range():
    assert SURE.likely_text("total_cost_usd") == "Likely $133.0M to $145.0M"
    assert SURE.likely_text("benefit_cost_ratio") == "Likely 1.2x to 1.7x"
    assert SURE.likely_text("funding_gap_usd") is None
    assert SURE.outside("total_cost_usd", 126.4e6) and not SURE.outside("total_cost_usd", 140e6)
    assert SURE.scope_words("funding_gap_usd") == (
        "5 of the 15 initiatives have no funding target: they count as no gap.")
    assert SURE.scope_words("total_benefit_usd") == "61% of it is low confidence."
    assert SURE.scope_words("total_cost_usd") is None
    undp = summary.Scope(organizations=("UNDP",), initiatives=15, without_target=1)
    assert undp.scope_words("total_cost_usd") == (
        "Here: UNDP's own lines plus its share of shared lines.")
    assert undp.scope_words("agencies_committed") == "Here: UNDP only."
    assert undp.scope_words("funding_gap_usd") == (
        "Not split by organization: every kept initiative's. 1 of the 15 initiatives has "
        "no funding target: it counts as no gap.")


def test_the_caption_names_the_figures_outside_their_range_and_why():
    now = {"total_cost_usd": 126.4e6, "total_benefit_usd": 230.0e6, "benefit_cost_ratio": 1.82}
    assert summary.ranges_caption(now, SURE) == (
        "Likely: the 10th to the 90th percentile. If the ranges are right, 8 times in 10 the "
        "outcome falls inside. Here the stated total cost, total benefit and benefit-cost "
        "ratio lie outside their likely ranges: the ranges assume, as appraisal guidance "
        "does, that benefits tend to be overstated and costs understated.")
    inside = {"total_cost_usd": 140e6, "total_benefit_usd": 200e6, "benefit_cost_ratio": 1.5}
    assert summary.ranges_caption(inside, SURE) == summary.LIKELY_MEANS
    assert summary.ranges_caption(now, summary.Scope()) is None


def test_tile_changes():
    assert summary.tile_change("total_cost_usd", 122_700_000, 126_400_000) == "+$3.7M (+3.0%)"
    assert summary.tile_change("funding_gap_usd", 40e6, 38.1e6) == "-$1.9M (-4.8%)"
    assert summary.tile_change("agencies_committed", 25, 27) == "+2"
    assert summary.tile_change("agencies_committed", 25, 25) == "No change"
    assert summary.tile_change("total_benefit_usd", 295, 295.2) == "No change"  # "$0"
    assert summary.tile_change("benefit_cost_ratio", 1.75, 1.77) == "No change"  # 0.0x
    assert summary.tile_change("benefit_cost_ratio", 1.75, 1.82) == "+0.1x"
    # no % of nothing: beyond ±1,000% the base is said instead
    assert summary.tile_change("total_cost_usd", 0, 5) == "+$5 (from $0)"
    assert summary.tile_change("total_cost_usd", None, 5) is None


def test_the_scope_phrase_is_one_for_tiles_and_chart_titles():
    undp = summary.Scope(organizations=("UNDP",))
    assert undp.phrase(summary.SHARE) == "UNDP's share"
    # contributions belong to initiatives, and donors are not organizations (R4 #13)
    assert undp.phrase(summary.NOT_SPLIT) == "whole portfolio"
    assert summary.Scope().phrase(summary.SHARE) is None
    assert undp.label("Total cost", summary.SHARE) == "Total cost (UNDP's share)"
    assert undp.label("Funding gap", summary.NOT_SPLIT) == "Funding gap (whole portfolio)"
    assert summary.Scope().label("Total cost", summary.SHARE) == "Total cost"
    # a heading says it as the tiles do, in brackets after the title (R4 #13, FR #14);
    # a title's unit in brackets takes it in the same brackets
    assert summary.scoped_title("Cost against benefit, by initiative (US$)",
                                undp.phrase(summary.SHARE)) == (
        "Cost against benefit, by initiative (UNDP's share, US$)")
    assert summary.scoped_title(f"Cost against benefit, by initiative{NB}(US$)",
                                undp.phrase(summary.SHARE)) == (
        "Cost against benefit, by initiative (UNDP's share, US$)")
    assert summary.scoped_title("Funding gap", "whole portfolio") == "Funding gap (whole portfolio)"
    assert summary.scoped_title("Funding gap", None) == "Funding gap"


def test_outside_words_say_which_side():
    assert summary.outside_words(76.0, 19.0, 64.7) == "stated figure above its likely range"
    assert summary.outside_words(8.9, 9.4, 10.3) == "stated figure below its likely range"
    assert summary.outside_words(10.3, 9.4, 10.3) is None  # the bounds are inside
    assert summary.tile_note("Likely $1 to $2", None) == "Likely $1 to $2"
    assert summary.tile_note(None, None) is None


def test_tile_changes_in_french():
    # 1.7 -> 1.8: +0.1 with a decimal comma; $5.00 -> $5.20 rounds to no whole dollar of
    # change: "No change", as in English, not "0 $US (+4,0 %)"
    from dashboard.lang.translate import language
    from dashboard.output.summary import NO_CHANGE, tile_change

    with language("fr"):
        assert tile_change("benefit_cost_ratio", 1.7, 1.8) == f"+0,1{NN}×"  # FR #14
        assert tile_change("benefit_cost_ratio", 1.8, 1.7) == f"\u22120,1{NN}×"  # FR #9
        assert tile_change("total_cost_usd", 5, 5.2) == "Inchangé"  # NO_CHANGE in French
    assert tile_change("total_cost_usd", 5, 5.2) == NO_CHANGE
    assert tile_change("benefit_cost_ratio", 1.7, 1.8) == "+0.1x"


NB, NN = "\u00a0", "\u202f"  # French no-break and narrow no-break spaces
NBH = "\u2011"  # a non-breaking hyphen: « quote-part » never breaks (lang/typography.py)


def test_the_sentence_in_french_is_whole_clauses_in_french_order():
    # the same figures as above, worked out by hand in French: "126,4 M $US", "3,0 %",
    # the date in words, the organizations' codes as data ("quote-part UNDP et WFP": no
    # article before a code, French review #29),
    # a narrow no-break space before each ";" and a no-break space before each ":"
    from dashboard.lang.translate import language

    scope = summary.Scope(organizations=("UNDP", "WFP"), initiatives=15, without_target=5,
                          low_confidence=0.608, likely={"benefit_cost_ratio": (1.2436, 1.6622)})
    with language("fr"):
        assert summary.overview_sentence(NOW, 15, BEFORE, "2005-09-01", scope) == (
            f"Quote{NBH}part UNDP et WFP (propre et partagée) dans 15 initiatives{NB}: coût "
            f"estimatif de 126,4{NB}M{NB}$US, rapport avantages-coûts de 1,8{NN}×, probablement entre 1,2{NN}× "
            f"et 1,7{NN}× (chiffre déclaré au-dessus de sa fourchette probable){NN}; "
            f"61{NB}% de cet avantage est estimé avec une confiance faible{NN}; coût "
            f"en hausse de 3,0{NB}% depuis le 1er\u00a0septembre\u00a02005. Financement, non réparti par "
            f"organisme{NB}: déficit de 38,1{NB}M{NB}$US par rapport aux objectifs de "
            f"financement (5{NB}sur{NB}15 n'ont pas d'objectif de financement).")  # FR #22: "5 sur 15" on one line
        assert summary.overview_sentence(NOW, 1) == (
            f"1 initiative, coût estimatif de 126,4{NB}M{NB}$US, rapport avantages-coûts de "
            f"1,8{NN}×{NN}; déficit de 38,1{NB}M{NB}$US par rapport aux objectifs de financement.")
        assert scope.label("Coût total", summary.SHARE) == f"Coût total (quote{NBH}part UNDP et WFP)"
        assert summary.scoped_title("Contributions", scope.phrase(summary.NOT_SPLIT)) == (
            "Contributions (ensemble du portefeuille)")
        # FR #14: a suffix in brackets, as the tiles say it; the unit in the same brackets
        assert summary.scoped_title("Coût et avantage, par initiative ($US)",
                                    scope.phrase(summary.SHARE)) == (
            f"Coût et avantage, par initiative (quote{NBH}part UNDP et WFP, $US)")
        assert summary.no_target_words(1, 15) == (
            f"1 des 15 initiatives n'a pas d'objectif de financement{NB}: son déficit est "
            "compté comme nul.")


def _portfolio_titles() -> list[str]:
    """The charts' own titles that name the portfolio, in the language of the moment."""
    from dashboard.charts import figures_analytics, figures_ranges
    from dashboard.lang.translate import _

    return [figures_ranges.distribution_title(0.977), _(figures_ranges.TITLE_TORNADO),
            _(figures_analytics.TITLE_WATERFALL)]


def test_a_portfolio_title_says_whose_figures_in_its_closing_brackets():
    # review round 3, #16: "UNDP's share — Portfolio NPV: ..." asked which one it is; EN #7
    # (round 5): "UNDP's share of the NPV: ... (US$)" beside "... (UNDP's share, US$)" was
    # a second style: the portfolio's words give way to plain ones, the scope in brackets
    phrase = summary.Scope(organizations=("UNDP",)).phrase(summary.SHARE)
    assert [summary.scoped_title(t, phrase).replace(NB, " ") for t in _portfolio_titles()] == [
        "NPV: above 0 in 97.7% of 20,000 simulated outcomes (UNDP's share, US$)",
        "Which initiatives' estimates move the NPV most (UNDP's share, US$)",
        "Change in cost by initiative (UNDP's share, US$)"]
    assert summary.scoped_title("Portfolio NPV", None) == "Portfolio NPV"  # no filter


def test_a_portfolio_title_says_whose_figures_in_its_closing_brackets_in_french():
    from dashboard.lang.translate import language

    with language("fr"):
        phrase = summary.Scope(organizations=("UNDP",)).phrase(summary.SHARE)
        titles = [summary.scoped_title(t, phrase) for t in _portfolio_titles()]
    assert titles == [
        f"VAN{NB}: positive dans 97,7{NB}% de 20{NN}000 résultats simulés (quote{NBH}part UNDP, "
        "$US)",
        f"Initiatives dont les estimations font le plus varier la VAN (quote{NBH}part UNDP, $US)",
        f"Variation du coût par initiative (quote{NBH}part UNDP, $US)"]
