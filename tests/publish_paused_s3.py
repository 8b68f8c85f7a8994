"""`python -m tests.publish_paused_s3 MOMENT FD -- INGEST-ARGS`: the real `python -m dashboard
ingest` onto an object store (`--data-dir s3://...`), stopped at a chosen moment of its
publish so a test can kill -9 it exactly there (the protocol of tests/ingest_paused.py: at
MOMENT it writes "MOMENT\\n" to FD and blocks reading its standard input). Moments:

- nothing-uploaded: the tables are written and checked locally; no object is written yet;
- costs-uploaded:   costs.parquet is in the store under the new data prefix, the rest not;
- before-manifest:  every data file is in the store; the manifest (the commit) is not.
"""

from __future__ import annotations

import sys

from dashboard import cli
from dashboard.contract.schema import TABLES
from dashboard.store import storage
from tests.ingest_paused import _pause

MOMENTS = ("nothing-uploaded", "costs-uploaded", "before-manifest")


def main(argv: list[str]) -> int:
    moment, fd, sep, *ingest = argv
    if moment not in MOMENTS or sep != "--":
        raise SystemExit(f"usage: MOMENT FD -- INGEST-ARGS (MOMENT in {MOMENTS})")
    fd = int(fd)
    put_file, put_bytes = storage.S3Store.put_file, storage.S3Store.put_bytes

    def paused_put_file(self, local, key):
        if moment == "nothing-uploaded":
            _pause(moment, fd)
        put_file(self, local, key)
        if moment == "costs-uploaded" and key.endswith("/" + TABLES["costs"].file_name):
            _pause(moment, fd)

    def paused_put_bytes(self, key, data, **kw):
        if moment == "before-manifest" and key.endswith("/manifest.json"):
            _pause(moment, fd)
        put_bytes(self, key, data, **kw)

    storage.S3Store.put_file = paused_put_file
    storage.S3Store.put_bytes = paused_put_bytes
    return cli.main(["ingest", *ingest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
