"""The export workbook: every chart's data under the filters, one sheet each, and `metadata`.

`build_workbook(ctx, snapshot)` is shared by the dashboard's "Download all" button and
`python -m dashboard export` (data contract, section 6): both call the datasets of the chart
registry's `SHEETS` (dashboard/registry.py), which are also what the pages draw.
The command writes atomically: the workbook goes to a temporary file beside the target,
which is renamed into place only when complete; a failed export leaves no file behind.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from dashboard import registry
from dashboard.analysis import ranges, selection
from dashboard.contract.schema import is_sample_source
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _
from dashboard.output import spreadsheet
from dashboard.query import chart_data
from dashboard.store import folders

SAMPLE_NOTE = N_(  # read with _()
    "Illustrative sample data produced by the project's own generator: "
    "not official figures of any organization."
)


# The metadata sheet's labels (its `field` column) in the reader's language; in English
# the names as they always were. The sheet's and its columns' names never change.
FIELDS = (N_("ILLUSTRATIVE SAMPLE DATA"), N_("snapshot"), N_("source"),
          N_("snapshot_created_at"), N_("filter_agency"), N_("filter_category"),
          N_("filter_initiative"), N_("filter_priority_only"), N_("filter_years"),
          N_("discount_rate"), N_("weights (cost, benefit, value)"), N_("budget_usd"),
          N_("compare_to"), N_("budget_selection_optimality"),
          N_("efficient_frontier_optimality"), N_("simulation_draws"),
          N_("simulation_seed"), N_("generated_at"), N_("note"), N_("sheets"),
          N_("definitions"))

utc_now = folders.now_utc  # one format for every stamp of the export, manifest and audit log


def metadata(ctx: chart_data.Context, snapshot: folders.Snapshot, *,
             sheets: list[str] | None = None, generated_at: str | None = None,
             frames: Mapping[str, pd.DataFrame] | None = None) -> list[tuple[str, str]]:
    """The metadata sheet's rows (field, value): snapshot, source, every filter, options,
    and (from `frames`, the sheets written) how good the budget selection and the
    frontier are proven to be. The fields are labelled in the reader's language
    (`FIELDS`)."""
    f = ctx.filters
    rows: list[tuple[str, str]] = [
        # the illustrative-data warning first, where anyone opening the sheet sees it
        *([("ILLUSTRATIVE SAMPLE DATA", _(SAMPLE_NOTE))] if is_sample_source(snapshot.source)
          else []),
        ("snapshot", snapshot.as_of),
        ("source", snapshot.source),
        ("snapshot_created_at", snapshot.created_at),
    ]
    for k, v in f.describe().items():
        if k != "snapshot":
            rows.append((f"filter_{k}", v))
    for k, v in ctx.options().items():
        rows.append((k, v))
    rows.extend(optimality_notes(dict(frames or {})))
    # the ranges' simulation (data/README.md, "Ranges"): same inputs, same draws
    rows.append(("simulation_draws", str(ranges.DRAWS)))
    rows.append(("simulation_seed", str(ranges.SEED)))
    rows.append(("generated_at", generated_at or utc_now()))
    note = chart_data.agency_note(ctx)
    if note:
        rows.append(("note", note))
    if is_sample_source(snapshot.source):
        rows.append(("note", _(SAMPLE_NOTE)))
    if sheets:
        rows.append(("sheets", ", ".join(sheets)))
    rows.append(("definitions",
                 _("data/README.md of the ICT portfolio dashboard (data contract)")))
    return [(_(field), value) for field, value in rows]  # FIELDS: each label translated


# The spreadsheet writers live in dashboard/output/spreadsheet.py (no formula, no link, OWASP
# prefix in CSV); these names are what the app's downloads and the command call.
csv_bytes = spreadsheet.csv_bytes
write_workbook = spreadsheet.write_workbook


def workbook_bytes(sheets: Mapping[str, pd.DataFrame], meta: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    write_workbook(buf, sheets, meta)
    return buf.getvalue()


def build_workbook(ctx: chart_data.Context, snapshot: folders.Snapshot, *,
                   generated_at: str | None = None
                   ) -> tuple[OrderedDict[str, pd.DataFrame], list[tuple[str, str]]]:
    """Every applicable sheet of registry.SHEETS under the context, and the metadata."""
    sheets = registry.all_sheets(ctx)
    meta = metadata(ctx, snapshot, sheets=list(sheets), generated_at=generated_at,
                    frames=sheets)
    return sheets, meta


def build_workbook_bytes(ctx: chart_data.Context, snapshot: folders.Snapshot) -> bytes:
    sheets, meta = build_workbook(ctx, snapshot)
    return workbook_bytes(sheets, meta)


def write_atomically(path: Path, sheets: Mapping[str, pd.DataFrame],
                     meta: list[tuple[str, str]]) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.xlsx", dir=path.parent)
    os.close(fd)
    try:
        write_workbook(tmp, sheets, meta)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def optimality_notes(sheets: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """Metadata rows saying how good the budget selection and the frontier among `sheets`
    are proven to be ("optimal", or "within 0.02% of the best possible score" and why)."""
    rows = []
    sel = sheets.get(registry.BUDGET_SELECTION.name)
    opt = None if sel is None else selection.selection_optimality(sel)
    if opt is not None:
        rows.append((f"{registry.BUDGET_SELECTION.name}_optimality", opt.explanation()))
    fr = sheets.get(registry.FRONTIER.id)
    statement = None if fr is None else selection.frontier_statement(fr)
    if statement is not None:
        rows.append((f"{registry.FRONTIER.id}_optimality", statement))
    return rows
