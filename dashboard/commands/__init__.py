"""The command handlers of `python -m dashboard COMMAND` (parser: dashboard/cli.py).

One module per command, each with `run(args) -> int` (the exit code). A handler checks
the person's input, raises dashboard.errors.UserError with a message that says where and
what, and calls the domain modules (generator, validation, ingest, template, export);
those never import the command line.
"""

from __future__ import annotations

import argparse

from dashboard import config
from dashboard.errors import UserError
from dashboard.store.storage import DataDir


def data_dir(args: argparse.Namespace) -> DataDir:
    """The command's data directory (--data-dir, $ICT_DASHBOARD_DATA or data/); a malformed
    s3:// URL is a usage error naming it."""
    try:
        return config.data_dir(getattr(args, "data_dir", None))
    except ValueError as e:
        raise UserError(f"data directory {e}", 2) from None
