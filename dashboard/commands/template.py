"""`template --out FILE.xlsx`: write the empty Excel workbook to fill in and ingest
(dashboard/intake/template.py builds it); written atomically."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from dashboard.errors import UserError
from dashboard.intake.template import build


def run(args: argparse.Namespace) -> int:


    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"--out {args.out} must be a file name ending in .xlsx", 2)
    parent = out.resolve().parent
    if not parent.is_dir():
        raise UserError(f"the folder {parent} does not exist", 2)
    fd, tmp = tempfile.mkstemp(prefix=".template-", suffix=".xlsx", dir=parent)
    os.close(fd)
    try:
        build(Path(tmp))
        os.replace(tmp, out)
    except OSError as e:
        raise UserError(f"cannot write {out}: {e.strerror or e}", 2) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    print(f"wrote the data template to {out} (one sheet per table, README sheet first)")
    return 0
