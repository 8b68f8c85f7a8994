"""`python -m dashboard validate [DATE ...]`: a published snapshot checked against its
manifest (row counts, sha256, column types) and every rule of the contract, in batches;
exit 0 only when all pass.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.contract.schema import (
    TABLES,
)
from dashboard.intake.coercion import coerce, filled_mask
from dashboard.intake.validation import check_rows, check_sums, check_unique
from dashboard.intake.validation_report import Report, RowMap
from dashboard.lang.translate import _
from dashboard.store import folders

BATCH_ROWS = 1_000_000  # rows per batch when checking a published Parquet file


# --------------------------------------------------------------------------------------
# Validating a published snapshot
# --------------------------------------------------------------------------------------
def _keys_of(folder: Path, table: str, column: str) -> pa.Array | None:
    try:
        arr = pq.read_table(folder / TABLES[table].file_name, columns=[column])[column]
    except Exception:  # noqa: BLE001 - an unreadable file is reported by check_folder
        return None
    arr = arr.combine_chunks()
    return pc.unique(arr.filter(pc.is_valid(arr)))


def validate_snapshot(folder: Path, report: Report, batch_rows: int = BATCH_ROWS) -> None:
    """Every manifest check and every rule on one snapshot folder, batch by batch."""
    label = f"snapshots/{folder.name}"
    _checked, problems = folders.check_folder(folder, limits=False)  # rows judged below
    for p in problems:
        report.error(label, p)
    keys: dict[tuple[str, str], pa.Array] = {}
    for spec in TABLES.values():
        for col in spec.columns:
            if col.fk and col.fk not in keys:
                k = _keys_of(folder, *col.fk)
                if k is not None:
                    keys[col.fk] = k
    for spec in TABLES.values():
        path = folder / spec.file_name
        where = f"{label}/{spec.file_name}"
        if spec.optional and not path.exists():
            continue  # an optional table may be absent (check_folder judges the manifest)
        try:
            pf = pq.ParquetFile(path)
        except Exception:  # noqa: BLE001 - reported by check_folder already
            continue
        present = [c for c in spec.column_names if c in pf.schema_arrow.names]
        start = 0
        try:
            for batch in pf.iter_batches(batch_size=batch_rows, columns=present):
                rowmap = RowMap(offset=start + 1)
                cols: dict[str, pa.Array] = {}
                failed: dict[str, pa.Array] = {}
                for col in spec.columns:
                    if col.name not in present:
                        continue
                    raw = batch.column(col.name)
                    values, probs, column_problem = coerce(col, raw)
                    if column_problem:
                        report.error(where, column_problem, table=spec.name, column=col.name)
                        continue
                    bad = pa.array(np.zeros(len(raw), dtype=bool))
                    for rule, mask in probs:
                        mask = pc.and_(filled_mask(mask), pc.invert(bad))
                        if report.rows(where, spec.name, col.name, rule, mask, raw, rowmap):
                            bad = pc.or_(bad, mask)
                    cols[col.name], failed[col.name] = values, bad
                check_rows(report, where, spec, cols, rowmap, keys, failed)
                start += batch.num_rows
            unique_cols = {c.name for c in spec.columns if c.unique} | set(spec.unique_together)
            unique_cols &= set(present)
            if unique_cols:
                t = pq.read_table(path, columns=sorted(unique_cols))
                cols = {c: coerce(spec.column(c), t[c])[0] for c in unique_cols}
                check_unique(report, where, spec, cols, RowMap(offset=1))
            summed = [c.name for c in spec.columns if c.sum_max is not None and c.name in present]
            if summed:
                t = pq.read_table(path, columns=summed)
                cols = {c: coerce(spec.column(c), t[c])[0] for c in summed}
                check_sums(report, where, spec, cols, RowMap(offset=1))
        except Exception as e:  # noqa: BLE001 - a damaged file is a finding, not a crash
            report.error(where, _("cannot be read as Parquet ({problem})").format(problem=e),
                         table=spec.name)
