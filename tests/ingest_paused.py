"""`python -m tests.ingest_paused MOMENT FD -- INGEST-ARGS`: the real `python -m dashboard
ingest`, stopped at a chosen moment of its publish so a test can kill -9 it exactly there.

At MOMENT it writes "MOMENT\\n" to the file descriptor FD (a pipe the test reads) and then
blocks reading its standard input, which the test keeps open: no sleep and no timing, the
test waits on the pipe and the ingest waits on the test. Moments:

- temp-folder:   the hidden temporary folder was just created, nothing written in it;
- costs-file:    costs.parquet is half written (its first rows, no Parquet footer yet);
- before-rename: every file and the manifest are written and synced; not yet renamed.
"""

from __future__ import annotations

import os
import sys

import pyarrow.parquet as pq

from dashboard import cli
from dashboard.contract.schema import TABLES
from dashboard.store import folders, publishing

MOMENTS = ("temp-folder", "costs-file", "before-rename")


def _pause(moment: str, fd: int) -> None:
    os.write(fd, f"{moment}\n".encode())
    os.read(sys.stdin.fileno(), 1)  # blocks until the test kills us (or goes away)
    os._exit(3)  # the test went away without killing: never go on to publish


def main(argv: list[str]) -> int:
    moment, fd, sep, *ingest = argv
    if moment not in MOMENTS or sep != "--":
        raise SystemExit(f"usage: MOMENT FD -- INGEST-ARGS (MOMENT in {MOMENTS})")
    fd = int(fd)
    if moment == "temp-folder":
        original = publishing.new_temp_folder

        def new_temp_folder(root, as_of):
            tmp = original(root, as_of)
            _pause(moment, fd)
            return tmp

        publishing.new_temp_folder = new_temp_folder
    elif moment == "costs-file":
        original_write = folders._write_parquet

        def write_parquet(table, path):
            if path.name == TABLES["costs"].file_name and table.num_rows > 1:
                writer = pq.ParquetWriter(path, table.schema)
                writer.write_table(table.slice(0, table.num_rows // 2))
                _pause(moment, fd)
            original_write(table, path)

        folders._write_parquet = write_parquet
    else:
        # the name the local publish calls (dashboard/store/publishing.py imports it)
        original_manifest = publishing.write_manifest

        def write_manifest(*args, **kwargs):
            original_manifest(*args, **kwargs)
            _pause(moment, fd)

        publishing.write_manifest = write_manifest
    return cli.main(["ingest", *ingest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
