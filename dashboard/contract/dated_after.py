"""Paid contributions dated after the snapshot's as-of date: the contract accepts them
(`contributions_paid_usd` is the sum of every contribution with status `paid`, whatever its
date; data/README.md, "Headline figures"), and they are counted as paid, as the source
records them. A reader is told so wherever paid contributions are shown, and the intake
warns of them; both in the one sentence of `paid_after_words`."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.formatting import format_count, format_usd
from dashboard.lang import numbers
from dashboard.lang.translate import ngettext


def paid_after_words(count: int, total_usd: float, as_of: str) -> str:
    """'3 paid contributions ($1.2M) are dated after this snapshot's as-of date
    (2007-01-01); they are counted as paid, as the source records them.' '' for none."""
    if not count:
        return ""
    # TRANSLATORS: {n} a count, {amount} their total, {date} the snapshot's as-of date
    return ngettext("{n} paid contribution ({amount}) is dated after this snapshot's as-of "
                    "date ({date}); it is counted as paid, as the source records them.",
                    "{n} paid contributions ({amount}) are dated after this snapshot's as-of "
                    "date ({date}); they are counted as paid, as the source records them.",
                    count).format(n=format_count(count), amount=format_usd(total_usd),
                                  date=numbers.date(as_of))


def paid_after_warning(tables: dict[str, pa.Table] | None, as_of: str) -> str:
    """The intake's warning (not an error: the contract accepts such rows) for the tables
    about to be published as of `as_of`; '' when none is dated after it."""
    count, total = paid_after((tables or {}).get("contributions"), as_of)
    return paid_after_words(count, total, as_of)


def paid_after(contributions: pa.Table | None, as_of: str) -> tuple[int, float]:
    """The number and the sum of the paid contributions of a table of the contract's
    `contributions` dated after `as_of` (an ISO date)."""
    if contributions is None or not {"status", "date", "amount_usd"} <= set(
            contributions.column_names):
        return 0, 0.0
    day = pa.scalar(dt.date.fromisoformat(as_of), pa.date32())
    dates = contributions["date"]
    if not pa.types.is_date32(dates.type):
        dates = pc.cast(dates, pa.date32())
    late = pc.and_(pc.equal(contributions["status"], "paid"), pc.greater(dates, day))
    late = pc.fill_null(late, False)
    amounts = contributions["amount_usd"].filter(late)
    total = pc.sum(amounts).as_py() if len(amounts) else 0.0
    return int(pc.sum(pc.cast(late, pa.int64())).as_py() or 0), float(total or 0.0)
