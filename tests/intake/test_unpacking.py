"""Unpacking bounded by what it produces, at every door (issue 28): the Load data upload
(`loading.check_upload`), the `ingest` command and the validation of a source
(`ingest.check_source`). The bombs are built here, small on disk: a bzip2 member and a
deflate member that each declare 100 bytes, a workbook whose styles.xml or _rels/.rels is
one, a zip of CSV files 2,000 columns wide. Each door runs in a child process, whose peak
resident memory (its own VmHWM, Linux) is held under 500 MB (asserted first), and each
refusal says which member and why. Before dashboard/intake/safezip.py every door test here failed
by its memory: 921 to 941 MB for the 400 MiB bzip2 bombs and the 30 MB wide CSV, 2,167 and
2,190 MB for the deflate bombs (`ZipFile.read` inflates up to 2 GiB in one call whatever
the member declares, and cuts it to the declared size only afterwards).
"""

from __future__ import annotations

import bz2
import io
import json
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from dashboard.config import REPO_ROOT
from dashboard.contract.schema import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from dashboard.intake import loading, safezip
from dashboard.lang import translate
from tests import fixture_data
from tests.intake.test_ingest import tree, xlsx_source

PEAK_LIMIT = 500 * 2**20
ZEROS = b"\0" * 2**24  # 16 MiB

CHILD = r"""
import json, sys
from pathlib import Path
door, path = sys.argv[1], Path(sys.argv[2])
if door == "upload":
    from dashboard.intake import loading
    checked = loading.check_upload(path.name, path.read_bytes(), 20)
    errors = [f"{p.where}: {p.rule}" for p in checked.report.errors]
elif door == "check_source":
    from dashboard.intake import ingest
    report, _ = ingest.check_source(path)
    errors = [f"{p.where}: {p.rule}" for p in report.errors]
else:  # the ingest command
    from dashboard import cli
    code = cli.main(["ingest", str(path), "--as-of", "2007-01-01", "--data-dir", sys.argv[3]])
    errors = [f"exit {code}"]
# the peak resident memory of this process's own address space (VmHWM: getrusage's
# ru_maxrss would keep the parent's peak from before the exec)
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:")) * 1024
print(json.dumps({"errors": errors, "peak": peak}))
"""


def run_door(door: str, source: Path, data_dir: Path | None = None) -> tuple[list[str], int,
                                                                             str]:
    """The door run on source in a child process: its errors, its peak resident memory
    (bytes) and its stderr (the ingest command's report)."""
    args = [sys.executable, "-c", CHILD, door, str(source)]
    if data_dir is not None:
        args.append(str(data_dir))
    done = subprocess.run(args, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{door} {source.name}: peak {out['peak'] / 2**20:,.0f} MB")
    return out["errors"], out["peak"], done.stderr


# ---- building zips by hand: any method, any declared size --------------------------------
def raw_zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip of (name, method, packed bytes, declared unpacked size, crc) members, written
    field by field so a member can declare whatever it likes."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, method, packed, size, crc in members:
        offset, raw_name = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                              len(packed), size, len(raw_name), 0) + raw_name + packed)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0,
                                  0x21, crc, len(packed), size, len(raw_name), 0, 0, 0, 0, 0,
                                  offset) + raw_name)
    cd = central.getvalue()
    n, cd_offset = len(members), out.tell()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(cd), cd_offset, 0))
    return out.getvalue()


def deflated(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def honest(name: str, data: bytes) -> tuple[str, int, bytes, int, int]:
    return (name, zipfile.ZIP_DEFLATED, deflated(data), len(data), zlib.crc32(data))


def deflate_bomb(gib: int) -> bytes:
    """A raw deflate stream of gib GiB of zeros (about 1 MB a GiB): one 16 MiB segment ended
    by a full flush (which starts the next on a fresh window) repeated, then a last block."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    c.compress(ZEROS)
    c.flush(zlib.Z_FULL_FLUSH)
    segment = c.compress(ZEROS) + c.flush(zlib.Z_FULL_FLUSH)
    return segment * (64 * gib) + c.flush(zlib.Z_FINISH)


@pytest.fixture(scope="module")
def bzip2_bomb() -> bytes:
    """A bzip2 stream of 400 MiB of zeros (a few hundred bytes)."""
    c = bz2.BZ2Compressor(9)
    return b"".join(c.compress(ZEROS) for _ in range(25)) + c.flush()


@pytest.fixture(scope="module")
def book_parts(tmp_path_factory) -> dict[str, bytes]:
    """Every part of a valid workbook (the fixture's figures)."""
    book = xlsx_source(tmp_path_factory.mktemp("book") / "book.xlsx")
    with zipfile.ZipFile(book) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def workbook_with(parts: dict[str, bytes], bombed: str, method: int, packed: bytes,
                  path: Path) -> Path:
    """The workbook with one part replaced by a bomb that declares 100 bytes."""
    members = [(n, method, packed, 100, 0) if n == bombed else honest(n, d)
               for n, d in parts.items()]
    path.write_bytes(raw_zip(members))
    return path


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    fixture_data.build(d)
    return d


# ---- zips of CSV files: the upload -------------------------------------------------------
def test_a_bzip2_member_is_refused_by_its_method_without_unpacking(tmp_path, bzip2_bomb):
    source = tmp_path / "figures.zip"
    source.write_bytes(raw_zip([("costs.csv", zipfile.ZIP_BZIP2, bzip2_bomb, 100, 0)]))
    assert source.stat().st_size < 4096
    errors, peak, _ = run_door("upload", source)
    assert peak < PEAK_LIMIT, f"{peak / 2**20:,.0f} MB"
    assert errors == ["figures.zip: is refused: 'costs.csv' is compressed with bzip2; only "
                      "stored and deflate members are read (the method Excel and every zip "
                      "tool use: save or zip the file again with the usual settings)"]


def test_a_deflate_member_lying_about_its_size_is_stopped_by_what_it_produces(tmp_path):
    bomb = deflate_bomb(2)  # 2 GiB
    source = tmp_path / "figures.zip"
    source.write_bytes(raw_zip([("costs.csv", zipfile.ZIP_DEFLATED, bomb, 100, 0)]))
    assert source.stat().st_size < 4 * 2**20
    errors, peak, _ = run_door("upload", source)
    assert peak < PEAK_LIMIT, f"{peak / 2**20:,.0f} MB"
    assert errors == ["figures.zip: is refused: 'costs.csv' cannot be unpacked (Bad CRC-32 "
                      "for file 'costs.csv')"]


def test_a_csv_of_2000_empty_columns_is_refused_before_it_is_read(tmp_path):
    # 2,000 values a line, all empty but the first (a random token: the zip packs about
    # 200:1, like the 206 KB for 99 MB, below the ratio limit)
    rnd = random.Random(28)
    data = b"".join(rnd.randbytes(8).hex().encode() + b"," * 1999 + b"\n"
                    for _ in range(15_000))  # 30 MB
    source = tmp_path / "figures.zip"
    source.write_bytes(raw_zip([honest("costs.csv", data)]))
    assert source.stat().st_size < 2**20
    errors, peak, _ = run_door("upload", source)
    assert peak < PEAK_LIMIT, f"{peak / 2**20:,.0f} MB"
    assert errors == [f"costs.csv in figures.zip: the header row has 2,000 columns; a CSV file "
                      f"in an upload may hold at most {MAX_SHEET_ROWS:,} data rows and "
                      f"{MAX_SHEET_COLUMNS} columns, as a sheet may (load a larger table with "
                      "`python -m dashboard ingest`)"]


# ---- workbooks: the upload, the ingest command, the validation of a source ---------------
@pytest.mark.parametrize("door", ["upload", "ingest", "check_source"])
def test_a_workbook_whose_styles_are_a_bzip2_bomb_is_refused(tmp_path, door, bzip2_bomb,
                                                              book_parts, data_dir):
    book = workbook_with(book_parts, "xl/styles.xml", zipfile.ZIP_BZIP2, bzip2_bomb,
                         tmp_path / "book.xlsx")
    before = tree(data_dir)
    errors, peak, stderr = run_door(door, book, data_dir)
    assert peak < PEAK_LIMIT, f"{peak / 2**20:,.0f} MB"
    refusal = ("book.xlsx: is refused: 'xl/styles.xml' is compressed with bzip2; only stored "
               "and deflate members are read (the method Excel and every zip tool use: save "
               "or zip the file again with the usual settings)")
    if door == "ingest":
        assert errors == ["exit 1"] and f"  {refusal}" in stderr.splitlines()
    else:
        assert errors == [refusal]
    assert tree(data_dir) == before


def test_a_workbook_whose_relationships_are_a_deflate_bomb_is_refused(tmp_path, book_parts,
                                                                       data_dir):
    book = workbook_with(book_parts, "_rels/.rels", zipfile.ZIP_DEFLATED, deflate_bomb(1),
                         tmp_path / "book.xlsx")
    errors, peak, stderr = run_door("ingest", book, data_dir)
    assert peak < PEAK_LIMIT, f"{peak / 2**20:,.0f} MB"
    assert errors == ["exit 1"]
    assert ("  book.xlsx: is refused: '_rels/.rels' cannot be unpacked (Bad CRC-32 for file "
            "'_rels/.rels')") in stderr.splitlines()


# ---- the bounds themselves ---------------------------------------------------------------
def members_of(data: bytes) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return z, z.infolist()[0]


@pytest.mark.parametrize("method,name", [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "lzma"),
                                         (9, "deflate64"), (99, "method 99")])
def test_only_stored_and_deflate_are_read(method, name):
    z, info = members_of(raw_zip([("a.csv", method, b"x" * 10, 10, 0)]))
    with pytest.raises(safezip.Refused, match=f"^'a.csv' is compressed with {name}; "):
        safezip.read(z, info, safezip.Budget())


def test_an_encrypted_member_is_refused():
    data = bytearray(raw_zip([honest("a.csv", b"a,b\n")]))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):  # set the encrypted flag in both headers
        at = data.index(sig) + (6 if sig == b"PK\x03\x04" else 8)
        data[at] |= 1
    z, info = members_of(bytes(data))
    with pytest.raises(safezip.Refused, match="^'a.csv' is encrypted"):
        safezip.read(z, info, safezip.Budget())


def test_a_refusal_is_said_in_the_reader_s_language():
    # the Load data page's language (docs/translating.md): the member's name as written
    data = bytearray(raw_zip([honest("a.csv", b"a,b\n")]))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.index(sig) + (6 if sig == b"PK\x03\x04" else 8)
        data[at] |= 1
    z, info = members_of(bytes(data))
    with translate.language("fr"), pytest.raises(
            safezip.Refused, match="^'a.csv' est chiffré \\(enregistrez le fichier sans mot de "
                                   "passe\\)$"):
        safezip.read(z, info, safezip.Budget())
    with translate.language("fr"), pytest.raises(
            safezip.Refused, match="^n'est pas un fichier zip lisible \\("):
        safezip.open_zip(b"not a zip")


def test_a_damaged_deflate_stream_is_refused_by_name():
    z, info = members_of(raw_zip([("a.csv", zipfile.ZIP_DEFLATED, b"\xff" * 4, 10, 0)]))
    with pytest.raises(safezip.Refused, match=r"^'a.csv' cannot be unpacked \(Error -3 while "
                                              r"decompressing data: invalid block type\)$"):
        safezip.read(z, info, safezip.Budget())


def test_a_member_past_the_ratio_is_stopped():
    data = b"\0" * 60 * 2**20  # 60 MiB of zeros pack about 1,000:1, beyond 500:1
    z, info = members_of(raw_zip([honest("a.csv", data)]))
    with pytest.raises(safezip.Refused, match=r"^'a.csv' unpacks to more than 500 times its "
                                              r"packed size \("):
        safezip.read(z, info, safezip.Budget())


def test_the_running_total_stops_a_zip_across_its_members():
    one = bytes(range(256)) * 4096  # 1 MiB that packs poorly (no ratio involved)
    data = raw_zip([honest("a.csv", one), honest("b.csv", one)])
    budget = safezip.Budget(limit=3 * 2**19)  # 1.5 MiB
    z = zipfile.ZipFile(io.BytesIO(data))
    assert len(safezip.read(z, z.infolist()[0], budget)) == 2**20
    with pytest.raises(safezip.Refused, match="stopped while unpacking 'b.csv'"):
        safezip.read(z, z.infolist()[1], budget)


def test_a_rebuilt_workbook_holds_the_same_parts_stored(book_parts):
    rebuilt = safezip.rebuild(raw_zip([honest(n, d) for n, d in book_parts.items()]))
    with zipfile.ZipFile(rebuilt) as z:
        assert {i.filename: z.read(i) for i in z.infolist()} == book_parts
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}


# ---- a CSV in an upload: a sheet's rows and columns ------------------------------------------
def csv_file(tmp_path: Path, header_columns: int, rows: int, width: int | None = None) -> Path:
    path = tmp_path / "costs.csv"
    row = ",".join("1" for _ in range(width or header_columns)) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f"c{i}" for i in range(header_columns)) + "\n")
        f.write(row * rows)
    return path


def test_a_csv_at_the_limits_passes(tmp_path):
    assert loading.csv_bounds(csv_file(tmp_path, 64, 100_000)) is None


def test_a_csv_past_the_limits_is_refused(tmp_path):
    assert loading.csv_bounds(csv_file(tmp_path, 65, 1)).startswith(
        "the header row has 65 columns; ")
    assert loading.csv_bounds(csv_file(tmp_path, 6, 100_001)).startswith(
        "the file holds more than 100,000 data rows; ")
    # a narrow header, then a line of a million values: refused before it is split
    assert loading.csv_bounds(csv_file(tmp_path, 1, 1, width=1_000_000)).startswith(
        "line 2 holds 1,000,000 values; ")
