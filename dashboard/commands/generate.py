"""`generate --out DIR [--seed N] [--cost-rows N] [--snapshots K]`: write the illustrative
sample snapshots (dashboard/intake/generator.py). DIR may be an object store's `s3://bucket/prefix`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError
from dashboard.intake.generator import MAX_COST_ROWS, SNAPSHOT_DATES, generate
from dashboard.store import folders, storage


def _check_args(args: argparse.Namespace) -> tuple[int, int | None, int | None]:
    seed = config.DEFAULT_SEED if args.seed is None else args.seed
    if seed < 0:
        raise UserError(f"--seed must be 0 or more, not {seed}")
    cost_rows = getattr(args, "cost_rows", None)
    if cost_rows is not None and not 1 <= cost_rows <= MAX_COST_ROWS:
        raise UserError(f"--cost-rows must be between 1 and {MAX_COST_ROWS:,}, not {cost_rows:,}")
    k = getattr(args, "snapshots", None)
    if k is not None and not 1 <= k <= len(SNAPSHOT_DATES):
        raise UserError(f"--snapshots must be between 1 and {len(SNAPSHOT_DATES)} "
                        f"(the sample has {len(SNAPSHOT_DATES)} snapshots), not {k}")
    return seed, cost_rows, k


def run(args: argparse.Namespace) -> int:
    seed, cost_rows, k = _check_args(args)
    remote = storage.is_remote(args.out)
    try:
        out = storage.location(args.out) if remote else Path(args.out).expanduser()
    except ValueError as e:
        raise UserError(f"--out {e}") from None
    if not remote and out.exists() and not out.is_dir():
        raise UserError(f"--out {out} exists and is not a folder")
    started = time.perf_counter()
    try:
        written = generate(out, seed, cost_rows, k)
    except ValueError as e:
        raise UserError(str(e)) from None
    except OSError as e:
        raise UserError(f"cannot write the sample snapshots under {out}: {e}", 1) from e
    elapsed = time.perf_counter() - started
    for path in written:
        manifest = folders.read_manifest(path) if not remote else json.loads(
            storage.store(out).read(f"{config.SNAPSHOTS}/{path.name}/{folders.MANIFEST}"))
        rows = ", ".join(f"{name.removesuffix('.parquet')} {entry['rows']:,}"
                         for name, entry in manifest["files"].items())
        print(f"published {path}  ({rows})")
    print(f"{len(written)} illustrative sample snapshot(s), seed {seed}, in {elapsed:.1f} s",
          file=sys.stdout)
    return 0
