"""Unpacking a zip bounded by what it produces, not by what it declares: every door that
opens a zip it did not write (an uploaded zip of CSV files, an uploaded or ingested .xlsx
workbook, which is a zip of XML parts) goes through here.

A zip's directory says how large each member is, but the reader believes it only so far:
bzip2 and lzma members are unpacked whole by `ZipFile.read()` whatever they declare (a
20 KB file can unpack to gigabytes before a CRC check refuses it). So here:

- only the two methods Excel and every zip tool write are accepted, stored and deflate;
  a bzip2, lzma or other member is refused by its method, before a byte is decompressed,
  and an encrypted member is refused too;
- each member is streamed through its decompressor in chunks, with a running count of the
  bytes it produces, per member and in total across the zip
  (`schema.MAX_WORKBOOK_UNPACKED_BYTES`, 100 MB), and a compression-ratio limit
  (`MAX_RATIO` once a member has produced `RATIO_GRACE_BYTES`): it is stopped by what
  comes out, whatever its declared size says;
- a workbook is rebuilt in memory from its parts read that way (stored, their true sizes),
  and only that rebuilt copy is ever handed to a reader (our sheet pre-read and openpyxl,
  which reads styles, shared strings and relationships as well as the sheets).

Every refusal is a `Refused` whose message names the member and what was wrong.
docs/security.md, threats 8, 19 and 21.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dashboard.contract.schema import MAX_WORKBOOK_UNPACKED_BYTES
from dashboard.lang.numbers import number
from dashboard.lang.translate import _

ACCEPTED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 9: "deflate64",
                93: "zstandard", 98: "ppmd"}
CHUNK = 64 * 1024
# deflate cannot exceed about 1,032:1 (a run of one byte at level 9: 1,029:1); a real
# sheet's XML or a CSV compresses 5-50:1, 100,000 identical sheet rows 257:1; small parts
# far more, hence the grace. The ratio refuses the classic bomb early; the running totals
# are the bound (a bomb packed at level 1 stays near 230:1)
MAX_RATIO = 500
RATIO_GRACE_BYTES = 1024 * 1024
MB = 2**20


class Refused(Exception):
    """A zip (or one of its members) that is not unpacked; the message says why."""


class Budget:
    """The running count of bytes unpacked from one zip, against its total limit."""

    def __init__(self, limit: int = MAX_WORKBOOK_UNPACKED_BYTES) -> None:
        self.limit = limit
        self.used = 0

    def take(self, n: int, member: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise Refused(_("unpacks to more than {mb} MB (stopped while unpacking "
                            "{member}); a file may unpack to at most {mb} MB").format(
                mb=number(self.limit / MB, 0), member=repr(member)))


def method_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member cannot be unpacked here (its method, encryption), or None."""
    if info.flag_bits & 0x1:
        return _("{member} is encrypted (save the file without a password)").format(
            member=repr(info.filename))
    if info.compress_type not in ACCEPTED_METHODS:
        name = METHOD_NAMES.get(info.compress_type) or _("method {number}").format(
            number=info.compress_type)
        return _("{member} is compressed with {method}; only stored and deflate members are "
                 "read (the method Excel and every zip tool use: save or zip the file again "
                 "with the usual settings)").format(member=repr(info.filename), method=name)
    return None


def check_methods(z: zipfile.ZipFile, names: list[zipfile.ZipInfo] | None = None) -> None:
    """Refuse the zip when any member uses a method or encryption that is not read here:
    before anything is unpacked, so the whole file is judged at once."""
    for info in names if names is not None else z.infolist():
        if (problem := method_problem(info)) is not None:
            raise Refused(problem)


def stream(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """A member's bytes in chunks, counted as they come out: Refused as soon as the member
    goes past its ratio or the zip past its total, or when it cannot be unpacked."""
    if (problem := method_problem(info)) is not None:
        raise Refused(problem)
    produced = 0
    ratio_cap = max(RATIO_GRACE_BYTES, MAX_RATIO * max(info.compress_size, 1))
    try:
        with z.open(info) as src:
            while chunk := src.read(CHUNK):
                produced += len(chunk)
                budget.take(len(chunk), info.filename)
                if produced > ratio_cap:
                    raise Refused(_("{member} unpacks to more than {ratio} times its packed "
                                    "size ({packed} bytes packed, over {unpacked} unpacked): "
                                    "refused as a zip bomb").format(
                        member=repr(info.filename), ratio=MAX_RATIO,
                        packed=number(info.compress_size, 0), unpacked=number(produced, 0)))
                yield chunk
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, OSError, ValueError, zlib.error) as e:  # a damaged member: a bad CRC...
        raise Refused(_("{member} cannot be unpacked ({problem})").format(
            member=repr(info.filename), problem=e)) from e


def read(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """A member's bytes, bounded as `stream` bounds them."""
    return b"".join(stream(z, info, budget))


def copy_to(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, out: BinaryIO) -> None:
    """A member written to out, bounded as `stream` bounds it."""
    for chunk in stream(z, info, budget):
        out.write(chunk)


def open_zip(source: Path | bytes | BinaryIO) -> zipfile.ZipFile:
    """A zip opened for reading (Refused when it is not one)."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        raise Refused(_("is not a readable zip file ({problem})").format(problem=e)) from e


def rebuild(source: Path | bytes | BinaryIO, budget: Budget | None = None) -> io.BytesIO:
    """A workbook (any zip) rebuilt in memory from its members read through `stream`: every
    member stored, at its true size. Hand only this copy to a reader. Refused when a member
    is refused (by method, ratio or the total)."""
    budget = budget or Budget()
    out = io.BytesIO()
    with open_zip(source) as z:
        infos = z.infolist()
        check_methods(z, infos)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED,
                             allowZip64=True) as dst:
            seen: set[str] = set()
            for info in infos:
                if info.filename in seen:
                    raise Refused(_("holds the part {member} twice").format(
                        member=repr(info.filename)))
                seen.add(info.filename)
                if info.is_dir():
                    continue
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = zipfile.ZIP_STORED
                with dst.open(copy, "w", force_zip64=True) as w:
                    copy_to(z, info, budget, w)  # type: ignore[arg-type]
    out.seek(0)
    return out
