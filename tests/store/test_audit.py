"""The audit trail and the role check of the one publish code path (publishing.publish).

Every publish or replace by the command line or by an actor (the browser's signed-in user)
appends exactly one record; the manifest names the publisher; a role that may not publish
is refused under the lock with nothing written; a record that cannot be written undoes the
publish. Expected values are worked out here (sha256 of the files with hashlib, the
fields from what the test asked for), never read back from the code's own output.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.access import auth
from dashboard.store import audit, catalog, publishing
from tests import fixture_data
from tests.sources import tree, xlsx_source

AS_OF = "2006-06-30"
ANALYST = audit.Actor(who="ana@example.org", role="analyst", via="browser", name="Ana A")
ADMIN = audit.Actor(who="root@example.org", role="admin", via="browser")
VIEWER = audit.Actor(who="vic@example.org", role="viewer", via="browser")


def lines(data_dir: Path) -> list[dict]:
    path = data_dir / "audit" / "publishes.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def manifest(data_dir: Path, as_of: str) -> dict:
    return json.loads((data_dir / "snapshots" / as_of / "manifest.json").read_text("utf-8"))


def test_command_line_publish_and_replace_are_each_recorded_once(tmp_path):
    book = xlsx_source(tmp_path / "book.xlsx")
    expected_sha = hashlib.sha256(book.read_bytes()).hexdigest()
    data = tmp_path / "data"
    assert cli.main(["ingest", str(book), "--as-of", AS_OF, "--source-note", "first",
                     "--data-dir", str(data)]) == 0
    assert cli.main(["ingest", str(book), "--as-of", AS_OF, "--source-note", "second",
                     "--replace", "--data-dir", str(data)]) == 0
    records = lines(data)
    assert len(records) == 2
    me = f"{getpass.getuser()}@{socket.gethostname()}"
    for rec, action, note in zip(records, ("new", "replace"), ("first", "second"), strict=True):
        assert rec["who"] == me and rec["role"] == "admin" and rec["via"] == "command line"
        assert rec["as_of"] == AS_OF and rec["action"] == action and rec["source_note"] == note
        assert rec["source_files"] == [{"name": "book.xlsx", "sha256": expected_sha,
                                        "bytes": book.stat().st_size}]
        assert rec["at"].endswith("Z") and len(rec["at"]) == 20
    # the record lists the published tables' sha256: those of the files now in place
    folder = data / "snapshots" / AS_OF
    assert records[1]["files"] == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*.parquet"))}
    assert manifest(data, AS_OF)["published_by"] == {"who": me, "role": "admin",
                                                    "via": "command line"}


def test_a_refused_ingest_writes_no_record(tmp_path):
    rows = {k: list(v) for k, v in fixture_data.ROWS.items()}
    bad = list(rows["costs"][0])
    bad[fixture_data.columns("costs").index("amount_usd")] = "12k"
    rows["costs"][0] = tuple(bad)
    book = xlsx_source(tmp_path / "bad.xlsx", rows)
    data = tmp_path / "data"
    assert cli.main(["ingest", str(book), "--as-of", AS_OF, "--data-dir", str(data)]) == 1
    assert not (data / "audit").exists()


def test_the_browser_actor_is_named_in_manifest_and_record(tmp_path):
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "upload", actor=ANALYST,
                      source_files=[audit.SourceFile("a.xlsx", "ab" * 32, 10)])
    assert manifest(tmp_path, AS_OF)["published_by"] == {
        "who": "ana@example.org", "role": "analyst", "via": "browser", "name": "Ana A"}
    (rec,) = lines(tmp_path)
    assert (rec["who"], rec["role"], rec["via"], rec["action"]) == (
        "ana@example.org", "analyst", "browser", "new")
    assert rec["source_files"] == [{"name": "a.xlsx", "sha256": "ab" * 32, "bytes": 10}]
    # published, and served: the manifest's extra field does not unpublish it
    assert catalog.scan(tmp_path).get(AS_OF) is not None


@pytest.mark.parametrize("actor,replacing", [(VIEWER, False), (VIEWER, True), (ANALYST, True),
                                             (audit.Actor("x", "", "browser"), False)])
def test_a_role_that_may_not_publish_is_refused_and_nothing_changes(tmp_path, actor, replacing):
    if replacing:
        publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "old", actor=ADMIN)
    (tmp_path / "snapshots").mkdir(exist_ok=True)  # publish makes it before taking its lock
    before = tree(tmp_path)
    with pytest.raises(auth.NotAllowed):
        publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "new", replace=True,
                          actor=actor)
    assert tree(tmp_path) == before  # no folder, no record, the old snapshot byte for byte


def test_an_admin_may_replace_and_the_record_says_replace(tmp_path):
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "old", actor=ANALYST)
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "corrected", replace=True,
                      actor=ADMIN)
    assert [(r["who"], r["action"], r["source_note"]) for r in lines(tmp_path)] == [
        ("ana@example.org", "new", "old"), ("root@example.org", "replace", "corrected")]
    assert manifest(tmp_path, AS_OF)["source"] == "corrected"


def test_a_record_that_cannot_be_written_undoes_the_publish(tmp_path, monkeypatch):
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "old", actor=ADMIN)
    before = tree(tmp_path)

    def full_disk(data_dir, record):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audit, "append", full_disk)
    with pytest.raises(OSError):
        publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "new", replace=True,
                          actor=ADMIN)
    assert tree(tmp_path) == before  # the old snapshot is back, nothing left over
    with pytest.raises(OSError):
        publishing.publish(tmp_path, "2006-07-31", fixture_data.tables(), "new", actor=ADMIN)
    assert tree(tmp_path) == before
    assert [s.as_of for s in catalog.scan(tmp_path).snapshots] == [AS_OF]


def test_without_an_actor_nothing_is_audited(tmp_path):
    fixture_data.build(tmp_path)
    assert not (tmp_path / "audit").exists()
    assert "published_by" not in manifest(tmp_path, fixture_data.FIXTURE_AS_OF)


def test_a_torn_last_line_is_shown_as_damaged_and_the_next_record_starts_afresh(tmp_path):
    log = tmp_path / "audit" / "publishes.jsonl"
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "one", actor=ADMIN)
    with open(log, "ab") as f:
        f.write(b'{"at": "2026-')  # a crash mid-write
    publishing.publish(tmp_path, "2006-07-31", fixture_data.tables(), "two", actor=ADMIN)
    entries = audit.read(tmp_path)
    assert [e.line for e in entries] == [1, 2, 3]
    assert entries[0].fields["source_note"] == "one"
    assert entries[1].fields is None and "damaged" in entries[1].problem
    assert entries[2].fields["source_note"] == "two"
    table = audit.rows(entries)  # newest first
    assert [r["source note"] for r in table] == ["two", "", "one"]


def test_the_log_is_only_appended_to(tmp_path):
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), "one", actor=ADMIN)
    first = (tmp_path / "audit" / "publishes.jsonl").read_bytes()
    publishing.publish(tmp_path, "2006-07-31", fixture_data.tables(), "two", actor=ANALYST)
    second = (tmp_path / "audit" / "publishes.jsonl").read_bytes()
    assert second.startswith(first) and second.count(b"\n") == 2


HOSTILE = "a\u2028b\u2029c\u0085d\u000be\u000cf\rg\x00h\x1bi\x9fj"  # separators, NUL, C0, C1


def test_line_separators_and_controls_in_a_record_stay_one_record(tmp_path):
    """U+2028, U+2029, U+0085, VT, FF, CR, NUL, ESC and a C1 control in the note, a source
    file's name and the display name: one line on disk, one record read back, each text
    exactly as given, and no "damaged line" row in Data & methods."""
    actor = audit.Actor(who="ana@example.org", role="analyst", via="browser",
                        name=f"Ana {HOSTILE}")
    publishing.publish(tmp_path, AS_OF, fixture_data.tables(), f"note {HOSTILE}", actor=actor,
                      source_files=[audit.SourceFile(f"f{HOSTILE}.xlsx", "ab" * 32, 10)])
    raw = (tmp_path / "audit" / "publishes.jsonl").read_bytes()
    assert raw.count(b"\n") == 1 and raw.endswith(b"\n")
    # nothing any reader (Python's splitlines, a terminal, an editor) takes for a line break
    assert raw[:-1].isascii() and not any(b < 0x20 or b == 0x7F for b in raw[:-1])
    (entry,) = audit.read(tmp_path)
    assert entry.line == 1 and entry.problem == ""
    assert entry.fields["source_note"] == f"note {HOSTILE}"
    assert entry.fields["name"] == f"Ana {HOSTILE}"
    assert entry.fields["source_files"][0]["name"] == f"f{HOSTILE}.xlsx"
    (row,) = audit.rows(audit.read(tmp_path))
    assert row["source note"] == f"note {HOSTILE}" and row["action"] == "new"


def test_a_log_written_before_the_escaping_still_reads_as_one_record_a_line(tmp_path):
    """A record written raw (as the log was before: U+2028 and U+0085 unescaped) is still one
    record: the log is split on "\\n" only."""
    log = tmp_path / "audit" / "publishes.jsonl"
    log.parent.mkdir(parents=True)
    log.write_bytes(json.dumps({"at": "2026-01-01T00:00:00Z", "source_note": "x\u2028y\u0085z"},
                               ensure_ascii=False).encode("utf-8") + b"\n")
    (entry,) = audit.read(tmp_path)
    assert entry.fields["source_note"] == "x\u2028y\u0085z"
