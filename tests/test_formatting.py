"""Money, ratios and shares formatted for people (the shared UI convention)."""

from __future__ import annotations

import math

import pytest

from dashboard.formatting import (
    format_count,
    format_ratio,
    format_rough_percent,
    format_share,
    format_shares,
    format_usd,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "$0"),
        (255, "$255"),
        (999.4, "$999"),
        (999.6, "$1.0K"),  # rounds to 1,000: the next unit
        (1000, "$1.0K"),
        (12_345, "$12.3K"),
        (999_949, "$999.9K"),
        (999_960, "$1.0M"),  # never "$1000.0K"
        (12_300_000, "$12.3M"),
        (1_234_000_000, "$1.2B"),  # one decimal, as for M and K
        (11_110_000_000, "$11.1B"),
        (-12_345, "-$12.3K"),
        # under $10 with cents: a cost of $0.96 is not "$1"
        (0.96, "$0.96"),
        (9.4, "$9.40"),
        (9.996, "$10"),  # rounds to 10: whole dollars
        (-0.2, "-$0.20"),
        (0.004, "$0"),  # under half a cent: nothing, and never "-$0"
        (-0.004, "$0"),
        (None, "—"),
        (math.nan, "—"),
        (math.inf, "—"),
    ],
)
def test_format_usd(value, text):
    assert format_usd(value) == text


def test_format_ratio_count_share():
    assert format_ratio(295 / 255) == "1.2x"
    assert format_ratio(2.44) == "2.4x"
    assert format_ratio(None) == "—"
    assert format_ratio(float("nan")) == "—"
    assert format_count(27.0) == "27"
    assert format_count(None) == "—"
    assert format_share(0.528) == "52.8%"
    assert format_share(None) == "—"
    # a share said roughly (the low-confidence share): whole percentages
    assert format_rough_percent(0.608) == "61%" and format_rough_percent(0.0) == "0%"
    assert format_rough_percent(0.004) == "under 1%" and format_rough_percent(None) == "—"


def test_signed_changes_percentages_and_lists():
    from dashboard.formatting import (
        and_list,
        format_percent,
        format_relative_change,
        format_usd_change,
    )

    assert format_usd_change(12_345) == "+$12.3K"
    assert format_usd_change(-12_345) == "-$12.3K"
    assert format_usd_change(0.2) == "$0"  # no sign on no change: whole dollars
    assert format_usd_change(-3.4) == "-$3"
    assert format_usd_change(None) == "—"
    assert format_percent(0.05) == "5.0%"
    assert format_percent(0.0782) == "7.8%"  # one decimal everywhere, never "7.82%"
    assert format_percent(0.119, signed=True) == "+11.9%"
    assert format_percent(-0.0001) == "0.0%"
    # 126.4 -> 130.2 is +3.8/126.4 = +3.006...%; 0 before has no percentage
    assert format_relative_change(126.4, 130.2) == "+3.0%"
    assert format_relative_change(200, 150) == "-25.0%"
    # a change beyond ±1,000% is told by its base (one rule, a zero base included):
    # $150 -> $11.11B is +7,406,666,566.7%, which says nothing a reader can use
    assert format_relative_change(150, 11.11e9) == "from $150"
    assert format_relative_change(0, 5) == "from $0"
    assert format_relative_change(100, 1100) == "+1,000.0%"  # exactly 10x the base: kept
    assert format_relative_change(100, 1101) == "from $100"
    assert format_relative_change(-100, -1200) == "from -$100"
    assert format_relative_change(0, 0) == "—"
    # lists as a reader says them (the filters' words, the briefing's cover)
    assert and_list([]) == ""
    assert and_list(("UNDP",)) == "UNDP"
    assert and_list(("UNDP", "WFP")) == "UNDP and WFP"
    assert and_list(["UNDP", "WFP", "WHO"]) == "UNDP, WFP and WHO"


@pytest.mark.parametrize(
    ("lo", "hi", "values", "texts"),
    [
        # 656,000 over about five steps: 656,000 / 5 = 131,200 -> the round step 200,000
        (0, 656_000, [0, 200_000, 400_000, 600_000, 800_000],
         ["$0", "$200K", "$400K", "$600K", "$800K"]),  # R3 #25: no needless ".0"
        # -190 to 40: span 230 / 5 = 46 -> step 50, from -200 up to 50
        (-190, 40, [-200, -150, -100, -50, 0, 50], ["-$200", "-$150", "-$100", "-$50", "$0",
                                                    "$50"]),
        # $1 to $10B: span / 5 = 2e9 -> step 2e9
        (1, 10e9, [0, 2e9, 4e9, 6e9, 8e9, 10e9],
         ["$0", "$2B", "$4B", "$6B", "$8B", "$10B"]),
        # 1.5e9 / 5 = 3e8 -> step 5e8; a tick under a billion in millions (R3 #25: "$500M",
        # never "$0.5B"), a round one without ".0"
        (0, 1.5e9, [0, 5e8, 1e9, 1.5e9], ["$0", "$500M", "$1B", "$1.5B"]),
        # 1.2e9 / 5 = 2.4e8 -> step 2.5e8: each tick with the decimals it needs
        (0, 1.2e9, [0, 2.5e8, 5e8, 7.5e8, 1e9, 1.25e9],
         ["$0", "$250M", "$500M", "$750M", "$1B", "$1.25B"]),
        # 1,600 / 5 = 320 -> step 500: dollars below $1,000, thousands from there
        (0, 1600, [0, 500, 1000, 1500, 2000], ["$0", "$500", "$1K", "$1.5K", "$2K"]),
        # negative ticks the same: -2.4M / 5 = -480K -> step 500K
        (-2.4e6, 0, [-2.5e6, -2e6, -1.5e6, -1e6, -5e5, 0],
         ["-$2.5M", "-$2M", "-$1.5M", "-$1M", "-$500K", "$0"]),
        # an axis under $10 in cents: 0.96 / 5 = 0.192 -> step 0.2 (never all "$0")
        (0, 0.96, [0, 0.2, 0.4, 0.6, 0.8, 1.0], ["$0", "$0.20", "$0.40", "$0.60", "$0.80",
                                                 "$1.00"]),
    ],
)
def test_money_ticks_read_like_the_tiles(lo, hi, values, texts):
    from dashboard.formatting import money_ticks

    got_values, got_texts = money_ticks(lo, hi)
    assert got_values == pytest.approx(values)
    assert got_texts == texts


def test_cents_make_a_ratio_agree_with_its_amounts():
    from dashboard.formatting import format_ratio
    # cost $0.96, benefit $9.03: 9.03 / 0.96 = 9.406; rounded to whole dollars the tiles
    # said "$1" and "$9" beside "9.4x"
    assert (format_usd(0.96), format_usd(9.03), format_ratio(9.03 / 0.96)) == (
        "$0.96", "$9.03", "9.4x")


def test_a_change_in_words():
    from dashboard.formatting import format_direction
    assert format_direction(126.4, 130.2) == "up 3.0%"
    assert format_direction(200, 150) == "down 25.0%"
    assert format_direction(10_000, 10_004) == "unchanged"  # 0.04%: under 0.05%
    assert format_direction(150, 11.11e9) == "up from $150"  # never "up 7406666566.7%"
    assert format_direction(0, 60) == "up from $0"
    assert format_direction(5, 0) == "down 100.0%"
    assert format_direction(None, 5) == "—"


def test_a_unit_stays_with_its_word():
    from dashboard.formatting import keep_units
    assert keep_units("Organizations' pledged shares (US$)") == (
        "Organizations' pledged shares\u00a0(US$)")
    assert keep_units("Share (%) of cost") == "Share\u00a0(%) of cost"
    # a bracketed phrase is not a unit: its spaces stay places to break
    assert keep_units("Cost (one-off and recurring)") == "Cost (one-off and recurring)"


def test_a_wrapped_title_never_leaves_its_unit_alone_on_a_line():
    from dashboard.charts.figures import wrap
    # 46 characters: at 40 a line, "(US$)" used to fall onto a line of its own
    lines = wrap("Contributions by donor: paid and pledged (US$)").split("<br>")
    assert lines == ["Contributions by donor: paid and", "pledged\u00a0(US$)"]


def test_years_and_counts_step_by_whole_numbers():
    from dashboard.formatting import whole_step
    assert whole_step(10, 6) == 2  # 2005..2015: every second year, never 2.5
    assert whole_step(12, 5) == 5  # counts to 12: 0, 5, 10 (2.5 was drawn "0, 2, 5, 7")
    assert whole_step(40, 5) == 10
    assert whole_step(3, 5) == 1


def test_an_axis_across_never_steps_by_a_quarter():
    # 0 to $7.5B in about three steps: 7.5 / 3 = 2.5, whose labels ("$2.5B", "$7.5B") ran
    # together on a phone; without quarters the next round step is 5
    from dashboard.formatting import money_ticks
    assert money_ticks(0, 7.5e9, 3)[1] == ["$0", "$2.5B", "$5B", "$7.5B"]
    assert money_ticks(0, 7.5e9, 3, quarters=False)[1] == ["$0", "$5B", "$10B"]


def test_a_chance_never_rounds_to_certainty():
    # the fresh review (S20, O15): "above 0 in 100.0% of 20,000" when 19,995 of them were
    from dashboard.formatting import format_probability
    assert format_probability(19_995 / 20_000) == ">99.9%"  # 99.975%
    assert format_probability(19_990 / 20_000) == ">99.9%"  # 99.95%
    assert format_probability(19_989 / 20_000) == "99.9%"  # 99.945%
    assert format_probability(20_000 / 20_000) == "100%"  # every outcome
    assert format_probability(0 / 20_000) == "0%"  # none
    assert format_probability(1 / 20_000) == "<0.1%"  # 0.005%
    assert format_probability(9 / 20_000) == "<0.1%"  # 0.045%
    assert format_probability(10 / 20_000) == "0.1%"  # 0.05%
    assert format_probability(0.425) == "42.5%"
    assert format_probability(None) == "—"


def test_a_scaled_factor_above_zero_never_reads_zero():
    # the fresh review (O7): "half of them under 0.00"
    from dashboard.formatting import format_scaled
    assert format_scaled(0.004) == "<0.01"
    assert format_scaled(0.0) == "0.00"
    assert format_scaled(0.005) == "0.01"
    assert format_scaled(0.996) == ">0.99"
    assert format_scaled(1.0) == "1.00"
    assert format_scaled(0.42) == "0.42"
    assert format_scaled(float("nan")) == "—"


def test_a_rank_shared_by_equal_scores_reads_equals():
    from dashboard.formatting import format_rank
    assert format_rank(1, True) == "=1"
    assert format_rank(4) == "#4"


def test_a_rank_in_french_is_an_ordinal():
    # FR #16: "#1" is English usage; French writes "1er", "2e"; a shared rank keeps its "="
    from dashboard.formatting import format_rank
    from dashboard.lang.translate import _, language
    with language("fr"):
        assert [format_rank(1), format_rank(2), format_rank(12)] == ["1er", "2e", "12e"]
        assert format_rank(1, True) == "=1er" and format_rank(3, True) == "=3e"
        # the sentence says "12e rang", never "rang #12" (nor "rang 12e")
        assert _("{name}: rank {rank} (outside top eight)").format(
            name="X", rank=format_rank(12)) == "X\u00a0: 12e rang (hors des huit premières)"
        assert _("{name}: rank {rank}").format(name="X", rank=format_rank(1)) == "X\u00a0: 1er rang"


def test_a_log_axis_tick_under_a_dollar_keeps_its_cents():
    # powers of ten under $1 on a log axis: "$0.10", never "$0" (a whole-dollar rounding)
    from dashboard.formatting import money_tick
    assert [money_tick(v) for v in (0.01, 0.1, 1, 1e3, 1e6)] == [
        "$0.01", "$0.10", "$1", "$1K", "$1M"]


def test_percent_ticks_are_written_by_the_formatter():
    # FR #13: Plotly's ".0%" writes "50%" in French too; the ticks' text is the formatter's
    from dashboard.formatting import percent_ticks
    from dashboard.lang.translate import language
    # 0 to 100% in about two steps: 100 / 2 = 50 points -> 0, 50, 100
    assert percent_ticks(1, 2) == ([0, 0.5, 1], ["0%", "50%", "100%"])
    # 0 to 32% in about four steps: 32 / 4 = 8 points -> step 10: 0, 10, 20, 30
    assert percent_ticks(0.32) == (pytest.approx([0, 0.1, 0.2, 0.3]), ["0%", "10%", "20%", "30%"])
    # 0 to 1.6% in four: 0.4 points -> step 0.5, one decimal on every tick
    assert percent_ticks(0.016)[1] == ["0.0%", "0.5%", "1.0%", "1.5%"]
    with language("fr"):
        assert percent_ticks(1, 2)[1] == ["0\u00a0%", "50\u00a0%", "100\u00a0%"]


def test_the_money_rule_data_and_methods_states_is_the_formatters():
    # the fresh review (O10): Data & methods said "$1.23B" where every page shows "$1.2B",
    # and said nothing of cents. Its sentence (data/README.md, "In plain words") is the
    # formatter's own, its examples written by format_usd
    from dashboard.formatting import format_usd
    from dashboard.output import plain_words
    rule = ('Amounts read "$0.96" (with cents) under $10, "$255" below a thousand, then '
            '"$12.3K", "$12.3M" and "$1.2B"; "—" means there is no value.')
    assert rule in plain_words.section("What each headline figure means")
    # the review's amounts, each by the rule
    assert [format_usd(v) for v in (0.35, 9, 30, 100_000, 1e9)] == [
        "$0.35", "$9.00", "$30", "$100.0K", "$1.0B"]
    # FR #10: in French, amounts under a million are written in full, to the hundred: the
    # sentence says so with the formatter's own example (12,345 -> « 12 300 $US »)
    from dashboard.lang.translate import language
    with language("fr"):
        french = plain_words.section("What each headline figure means")
    assert ("«\u00a012\u202f300\u00a0$US\u00a0» (en entier, à la centaine près) en dessous "
            "d'un million") in french


def test_a_tick_is_never_rounded_to_a_wrong_value():
    # $0 to $10 over about four steps: 10 / 4 = 2.5 -> step 2.5; the ticks at 2.5 and 7.5
    # were drawn "$2" and "$8" (whole dollars): with a fractional step, cents on every tick
    from dashboard.formatting import money_ticks
    values, texts = money_ticks(0, 10, 4)
    assert values == pytest.approx([0, 2.5, 5, 7.5, 10])
    assert texts == ["$0", "$2.50", "$5.00", "$7.50", "$10.00"]
    # a whole step keeps whole dollars: 0 to 100 in about four steps -> 25
    assert money_ticks(0, 100, 4)[1] == ["$0", "$25", "$50", "$75", "$100"]


def test_every_format_in_french_from_cldr():
    from dashboard.formatting import format_percent, format_usd_change, money_ticks
    from dashboard.lang.translate import language

    # French (data/README.md, "Languages"): CLDR's decimal comma, a narrow no-break space
    # (U+202F) between thousands, "$US" after the amount with a no-break space (U+00A0),
    # "M", "Md" for millions, billions (under a million the amount in full, FR #10), a
    # no-break space before "%";
    # the dashboard's own decimals (the same as in English)
    nb, nn = "\u00a0", "\u202f"
    with language("fr"):
        assert format_usd(126_400_000) == f"126,4{nb}M{nb}$US"
        assert format_usd(0) == f"0{nb}$US" and format_usd(None) == "—"
        assert format_usd_change(-5) == f"\u22125{nb}$US"  # FR #9: the minus sign
        assert format_usd_change(12_345) == f"+12{nn}300{nb}$US"  # FR #10: in full
        assert format_count(1234) == f"1{nn}234"
        assert format_ratio(1.157) == f"1,2{nn}×"  # FR #14: no Latin x glued to the number
        assert format_share(0.425) == f"42,5{nb}%"
        assert format_percent(0.05, signed=True) == f"+5,0{nb}%"
        assert format_rough_percent(0.608) == f"61{nb}%"
        # FR3 #7: one scale an axis: on an axis in millions no amount in full beside them
        # (« 500 000 $US » beside « 1 M $US »), but « 0,5 M $US »
        assert money_ticks(0, 2e6)[1] == [f"0{nb}$US", f"0,5{nb}M{nb}$US", f"1{nb}M{nb}$US",
                                          f"1,5{nb}M{nb}$US", f"2{nb}M{nb}$US"]
        assert money_ticks(0, 1e6, 4)[1] == [
            f"0{nb}$US", f"0,25{nb}M{nb}$US", f"0,5{nb}M{nb}$US", f"0,75{nb}M{nb}$US",
            f"1{nb}M{nb}$US"]
        # FR #10: an axis under a million, no "k", amounts in full: 0 to 800K by 200K
        assert money_ticks(0, 8e5, 4)[1] == [
            f"0{nb}$US", f"200{nn}000{nb}$US", f"400{nn}000{nb}$US", f"600{nn}000{nb}$US",
            f"800{nn}000{nb}$US"]
        # and negative: −2.4M to 0 by 500K
        assert money_ticks(-2.4e6, 0)[1][-2:] == [f"−0,5{nb}M{nb}$US", f"0{nb}$US"]
    assert money_ticks(0, 2e6)[1] == ["$0", "$500K", "$1M", "$1.5M", "$2M"]


def test_every_negative_figure_in_french_has_the_minus_sign():
    # FR #9: U+2212 "−" in French, from the one formatter, for every negative figure:
    # tiles, changes, ticks, exact amounts (tables), counts and percentages; English "-"
    from dashboard.formatting import (
        format_count_change,
        format_percent,
        format_relative_change,
        format_usd_change,
        format_usd_exact,
        money_tick,
        money_ticks,
    )
    from dashboard.lang.translate import language

    m, nb, nn = "\u2212", "\u00a0", "\u202f"
    with language("fr"):
        assert format_usd(-6_500_000) == f"{m}6,5{nb}M{nb}$US"
        assert format_usd_change(-950_300) == f"{m}950{nn}300{nb}$US"
        assert format_usd_change(-300) == f"{m}300{nb}$US"
        assert format_usd_exact(-838_000) == f"{m}838{nn}000{nb}$US"
        assert format_count(-3) == f"{m}3" and format_count_change(-1) == f"{m}1"
        assert format_count_change(2) == "+2"
        assert format_percent(-0.146) == f"{m}14,6{nb}%"
        assert format_relative_change(200, 150) == f"{m}25,0{nb}%"
        assert money_tick(-2e6) == f"{m}2{nb}M{nb}$US"
        assert money_tick(-500_000) == f"{m}500{nn}000{nb}$US"
        assert money_ticks(-50e6, 0, 2)[1] == [f"{m}50{nb}M{nb}$US", f"{m}25{nb}M{nb}$US",
                                               f"0{nb}$US"]
        assert "-" not in format_usd(-6_500_000) + format_usd_change(-5) + money_tick(-1e9)
    assert format_usd(-6_500_000) == "-$6.5M" and format_usd_change(-300) == "-$300"
    assert money_tick(-2e6) == "-$2M" and format_count_change(-1) == "-1"


def test_the_formatter_s_words_in_french():
    # "and" of a list, a change in words and a change told by its base, in French; the
    # amounts as the French formatter writes them ("150 $US", "3,0 %" with no-break spaces)
    from dashboard.formatting import and_list, format_direction, format_relative_change
    from dashboard.lang.translate import language

    nb = "\u00a0"
    with language("fr"):
        assert and_list(["UNDP", "WFP", "ILO"]) == "UNDP, WFP et ILO"
        assert format_direction(100, 103) == f"en hausse de 3,0{nb}%"
        assert format_direction(100, 75) == f"en baisse de 25,0{nb}%"
        assert format_direction(100, 100) == "inchangé"
        assert format_direction(150, 7_400_000) == f"en hausse, partant de 150{nb}$US"
        assert format_relative_change(150, 7_400_000) == f"partant de 150{nb}$US"
        assert format_rough_percent(0.001) == f"moins de 1{nb}%"
    assert format_direction(150, 7_400_000) == "up from $150"
    assert and_list(["UNDP", "WFP", "ILO"]) == "UNDP, WFP and ILO"


@pytest.mark.parametrize("shares, texts", [
    # by hand: exact percents already whole
    ((0.5, 0.25, 0.25), ("50%", "25%", "25%")),
    # 33.4, 33.3, 33.3: floors 33+33+33 = 99, the largest remainder (0.4) takes the last point
    ((0.334, 0.333, 0.333), ("34%", "33%", "33%")),
    # 41.7, 17.5, 40.8: floors add to 98; the two largest remainders (0.8, 0.7) take a point
    # each (rounding each alone would say 42 + 18 + 41 = 101)
    ((0.417, 0.175, 0.408), ("42%", "17%", "41%")),
    # 6/13, 3/13, 4/13 = 46.15, 23.08, 30.77: the last point goes to 30.77
    ((6 / 13, 3 / 13, 4 / 13), ("46%", "23%", "31%")),
    # equal weights stay equal: no whole percents can both be equal and add up to 100, so
    # one decimal (33.3 each)
    ((1 / 3, 1 / 3, 1 / 3), ("33.3%", "33.3%", "33.3%")),
    ((0.125, 0.125, 0.75), ("12.5%", "12.5%", "75.0%")),
])
def test_shares_that_add_up_to_a_hundred(shares, texts):
    assert format_shares(shares) == texts


def test_one_scale_a_column_or_a_chart_s_labels_in_french():
    """FR3 #7: a table's column, or a chart's value labels, with an amount in millions
    writes every amount of it in millions in French (never « 946 000 $US » beside
    « 2,1 M $US »): one decimal, more only where one would round a non-zero amount to
    0,0 (data/README.md, "Languages"). English keeps its units ("$946.0K" beside "$2.1M")."""
    from dashboard.formatting import usd_formatter
    from dashboard.lang.translate import language

    nb, nn = "\u00a0", "\u202f"
    with language("fr"):
        fmt = usd_formatter([946_000, 2_100_000, 48_000, 4_800, 0, None])
        assert fmt(946_000) == f"0,9{nb}M{nb}$US"  # 0.946 M, one decimal: 0,9
        assert fmt(2_100_000) == f"2,1{nb}M{nb}$US"
        assert fmt(48_000) == f"0,05{nb}M{nb}$US"  # 0.048 M: 0,0 with one, 0,05 with two
        assert fmt(4_800) == f"0,005{nb}M{nb}$US"  # 0.0048 M: three decimals
        assert fmt(0) == f"0{nb}$US" and fmt(None) == "—"
        assert fmt(2.5e9) == f"2,5{nb}Md{nb}$US"  # billions keep their unit
        # a change column: its sign, then the amount in millions
        change = usd_formatter([-768_000, 1_200_000, 300], signed=True)
        assert change(-768_000) == f"\u22120,8{nb}M{nb}$US"
        assert change(1_200_000) == f"+1,2{nb}M{nb}$US"
        assert change(300) == f"+0,0003{nb}M{nb}$US"  # 0.0003 M: four decimals
        # 999,960 reads « 1,0 M $US » on its own: the column is in millions
        assert usd_formatter([999_960, 500_000])(500_000) == f"0,5{nb}M{nb}$US"
        # a column under a million: amounts in full, as ever
        small = usd_formatter([946_000, 12_345])
        assert small(946_000) == f"946{nn}000{nb}$US" and small(12_345) == f"12{nn}300{nb}$US"
        assert usd_formatter([12_345, -5], signed=True)(-5) == f"\u22125{nb}$US"
    english = usd_formatter([946_000, 2_100_000])
    assert english(946_000) == "$946.0K" and english(2_100_000) == "$2.1M"
    assert usd_formatter([946_000, 2_100_000], signed=True)(946_000) == "+$946.0K"
