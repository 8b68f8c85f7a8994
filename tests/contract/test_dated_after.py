"""Paid contributions dated after the snapshot's as-of date (the fresh review, O4): the
contract counts them as paid (`contributions_paid_usd`, unchanged); the intake warns and
the pages say so where paid money is shown, in one sentence.

By hand, the fixture (as of 2006-01-01): C3 (Switzerland, paid $70, 2006-01-15) and C5
(Norway, paid $60, 2007-06-30, earmarked to KS) are paid and dated after it: 2 ($130).
C1 (paid, 2005) is before it; C2 and C4 are pledges. The odd data (as of 2007-01-01):
contribution k (0..59) is paid when k is even, dated (2004 + k % 10, 1 + k % 12, 1), of
$10 ** (k % 10); after 2007-01-01 and paid: k % 10 in {4, 6, 8} (2008, 2010, 2012), six
of each: 18, 6 x ($10,000 + $1,000,000 + $100,000,000) = $606,060,000."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from dashboard import cli, registry
from dashboard.contract import dated_after
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import fixture_data, odd_data, sources
from tests.figure_inputs import context_at

FIXTURE_WORDS = ("2 paid contributions ($130) are dated after this snapshot's as-of date "
                 "(2006-01-01); they are counted as paid, as the source records them.")


def test_the_words():
    assert dated_after.paid_after_words(0, 0.0, "2007-01-01") == ""
    assert dated_after.paid_after_words(1, 60.0, "2006-01-01") == (
        "1 paid contribution ($60) is dated after this snapshot's as-of date (2006-01-01); "
        "it is counted as paid, as the source records them.")
    assert dated_after.paid_after_words(2, 130.0, "2006-01-01") == FIXTURE_WORDS


def test_the_rows_counted_from_a_table():
    t = pa.table({"status": ["paid", "paid", "pledged", "paid"],
                  "date": [dt.date(2006, 1, 1), dt.date(2006, 1, 2), dt.date(2009, 1, 1), None],
                  "amount_usd": [1.0, 2.0, 4.0, 8.0]})
    # the as-of day itself is not after it; a pledge never counts; no date, no count
    assert dated_after.paid_after(t, "2006-01-01") == (1, 2.0)
    assert dated_after.paid_after_warning({"contributions": t}, "2005-12-31").startswith(
        "2 paid contributions ($3.00)")
    assert dated_after.paid_after_warning({}, "2005-12-31") == ""


def test_the_pages_sentence_under_the_filters(db):
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.FIXTURE_AS_OF))
    assert chart_data.paid_after_as_of(ctx) == (2, 130.0)
    assert chart_data.paid_after_note(ctx) == FIXTURE_WORDS
    assert chart_data.initiative_paid_after_note(ctx, "KS").startswith(
        "1 paid contribution ($60) is dated after")
    assert chart_data.initiative_paid_after_note(ctx, "ERP") == ""
    # the by-year chart's caption says it (app and briefing); the headline metric is unchanged
    assert FIXTURE_WORDS in registry.BY_ID["contributions_by_year"].caption_for(
        chart_data.contributions_by_year(ctx), ctx)
    kpis = chart_data.kpis(ctx).set_index("metric")["value"]
    assert kpis["contributions_paid_usd"] == 200 + 70 + 60


def test_the_odd_data(odd_db):
    ctx = context_at(odd_db, odd_data.ODD_AS_OF)
    assert chart_data.paid_after_as_of(ctx) == (18, 606_060_000.0)
    assert chart_data.paid_after_note(ctx).startswith(
        "18 paid contributions ($606.1M) are dated after this snapshot's as-of date "
        "(2007-01-01)")


def test_the_ingest_warns_and_publishes(tmp_path, capsys):
    src = sources.write_csv_source(tmp_path / "src")
    data = tmp_path / "data"
    assert cli.main(["ingest", str(src), "--as-of", "2006-01-01", "--data-dir", str(data)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and FIXTURE_WORDS in err
    assert (data / "snapshots" / "2006-01-01").is_dir()
    assert cli.main(["ingest", str(src), "--as-of", "2008-01-01", "--data-dir", str(data)]) == 0
    assert "dated after" not in capsys.readouterr().err


def test_the_words_in_french():
    # French counts 0 and 1 as singular; its date is written out, its money "$US" after
    from dashboard.lang.translate import language
    with language("fr"):
        one = dated_after.paid_after_words(1, 60.0, "2006-01-01")
        two = dated_after.paid_after_words(2, 130.0, "2006-01-01")
    assert one.startswith("1 contribution versée (60\u00a0$US) est datée d'après la date de cet "
                          "instantané (1er\u00a0janvier\u00a02006)")
    assert two.startswith("2 contributions versées (130\u00a0$US) sont datées")
    assert two.endswith("ainsi que la source les enregistre.")
