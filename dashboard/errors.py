"""The user-error type: a mistake in what a person asked for, shown as a message.

Raised by the command handlers (dashboard/commands/) and caught by dashboard/cli.py, which
prints `error: <message>` and exits with `code` (1 refused, 2 usage). Domain modules raise
ValueError (or their own errors); they never import the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from dashboard.store.storage import StorageError


class UserError(Exception):
    """A mistake in the command's input: printed as a message, exit code `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def run_command(handler: Callable[[argparse.Namespace], int | None],
                args: argparse.Namespace) -> int:
    """Run a command handler: a UserError becomes `error: ...` on stderr and its exit code."""
    try:
        return int(handler(args) or 0)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.code
    except StorageError as e:  # the object store unreachable or refusing: a message, no trace
        print(f"error: object store: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
