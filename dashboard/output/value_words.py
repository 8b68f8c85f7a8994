"""The words of table cells whose values are English words or machine values, not codes of
the contract (those read through `contract/labels.code_label`) nor data names: read in the
reader's language on the page and in the briefing pack (`tables.present`,
`briefing_html.cell`); the export keeps the values as they are (machine values).

- `category`: the strategic framework's label (`labels.category_label`);
- `stage_label`: a stage's English name, which is its message id (schema.STAGE_LABELS);
- `most_sensitive_to`: the weight whose move changes a rank most, or "none"
  (analysis/sensitivity.py);
- `verdict`: "always in top 8", "never in top 8", "depends on the weights" (the same).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dashboard.contract.labels import category_label
from dashboard.formatting import format_count
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

WEIGHT_WORDS = {"cost": N_("low cost"), "benefit": N_("benefit"),
                "value": N_("value to organizations"), "none": N_("no single weight")}
_IN_TOP = re.compile(r"(always|never) in top (\d+)")
_VERDICTS = {"always": N_("always in the top {k}"), "never": N_("never in the top {k}")}
DEPENDS = N_("depends on the weights")


def _stage(value: object) -> object:
    return _(value) if isinstance(value, str) and value else value


def _weight(value: object) -> object:
    return _(WEIGHT_WORDS[value]) if value in WEIGHT_WORDS else value


def _verdict(value: object) -> object:
    if value == "depends on the weights":
        return _(DEPENDS)
    found = _IN_TOP.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return value
    return _(_VERDICTS[found.group(1)]).format(k=format_count(int(found.group(2))))


COLUMNS: dict[str, Callable[[object], object]] = {
    "category": category_label, "stage_label": _stage, "most_sensitive_to": _weight,
    "verdict": _verdict,
}


def said(column: str, value: object) -> object:
    """A cell's value as the reader reads it (as given outside these columns)."""
    word = COLUMNS.get(column)
    return word(value) if word else value
