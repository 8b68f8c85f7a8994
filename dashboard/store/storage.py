"""Where a data directory lives: a local folder, or a prefix of an S3-compatible object store.

`location(text)` reads a data directory as given (`--data-dir`, `$ICT_DASHBOARD_DATA`): a
path, or `s3://bucket/prefix`. For an object store, `store(loc)` gives its `S3Store`: the
few operations dashboard/store/ needs (one listing, reading, writing with a condition, removing),
through s3fs, with the endpoint and credentials from the standard AWS settings
(`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, a profile
or an instance role: botocore reads them), so AWS S3, MinIO and Ceph all work.

Every file read from the store is kept in a local read-through cache by its sha256
(`<cache>/sha256/<hex>`): a snapshot is immutable, so a file is downloaded once, checked
against its manifest's checksum, and never downloaded again. DuckDB, validation and the
pages then read local files only. The cache is `$ICT_DASHBOARD_CACHE`, else
`$XDG_CACHE_HOME/ict-dashboard`, else `~/.cache/ict-dashboard`; it can be deleted at any
time (it is filled again on demand).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

S3_SCHEME = "s3://"
CACHE_ENV = "ICT_DASHBOARD_CACHE"
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


class StorageError(OSError):
    """The object store could not be reached or refused a request (the message says which)."""


class PreconditionFailed(StorageError):
    """A conditional write lost: the object exists (If-None-Match) or changed (If-Match)."""


class ChecksumMismatch(ValueError):
    def __init__(self, actual: str) -> None:
        super().__init__(f"sha256 {actual[:12]}… does not match the manifest")
        self.actual = actual


@dataclass(frozen=True)
class S3Location:
    """`s3://bucket/prefix`: a data directory on an object store (prefix without slashes
    at either end; may be empty)."""

    bucket: str
    prefix: str = ""

    def __str__(self) -> str:
        return f"{S3_SCHEME}{self.bucket}/{self.prefix}" if self.prefix else \
            f"{S3_SCHEME}{self.bucket}"

    def child(self, *parts: str) -> S3Location:
        return S3Location(self.bucket, "/".join(p for p in (self.prefix, *parts) if p))

    @property
    def name(self) -> str:
        return self.prefix.rsplit("/", 1)[-1]


DataDir = Path | S3Location


def is_remote(data_dir: object) -> bool:
    return isinstance(data_dir, S3Location) or (
        isinstance(data_dir, str) and data_dir.startswith(S3_SCHEME))


def parse_s3(url: str) -> S3Location:
    """`s3://bucket[/prefix]` as an S3Location; ValueError naming what is wrong."""
    rest = url[len(S3_SCHEME):]
    bucket, _, prefix = rest.partition("/")
    prefix = prefix.strip("/")
    if not BUCKET_RE.match(bucket):
        raise ValueError(f"{url!r}: {bucket!r} is not a bucket name (3-63 characters: "
                         "lower-case letters, digits, dots and hyphens)")
    if any(p in ("", ".", "..") for p in prefix.split("/")) and prefix:
        raise ValueError(f"{url!r}: the prefix may not hold empty, '.' or '..' parts")
    return S3Location(bucket, prefix)


def location(value: str | os.PathLike | S3Location) -> DataDir:
    """A data directory as given: an S3Location for `s3://...`, else a resolved Path."""
    if isinstance(value, S3Location):
        return value
    if isinstance(value, str) and value.startswith(S3_SCHEME):
        return parse_s3(value)
    return Path(value).expanduser().resolve()


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ict-dashboard"


def sha256_path(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class ObjectInfo:
    key: str  # relative to the data directory's prefix
    size: int
    etag: str
    modified: dt.datetime


def quoted(etag: str) -> str:
    """An ETag in the quoted form of the HTTP header (a listing gives it unquoted)."""
    return etag if etag.startswith(('"', 'W/"')) else f'"{etag}"'


def _translate(e: Exception, what: str) -> Exception:
    """An s3fs/botocore error as StorageError (PreconditionFailed for a lost condition)."""
    cause = e.__cause__ if e.__cause__ is not None else e
    err = getattr(cause, "response", {}).get("Error", {}) if hasattr(cause, "response") else {}
    if isinstance(e, FileExistsError) or err.get("Code") == "PreconditionFailed":
        return PreconditionFailed(f"{what}: the object exists or changed meanwhile")
    if isinstance(e, FileNotFoundError):
        return e
    return StorageError(f"{what}: {e}")


class S3Store:
    """One data directory on an object store, and this machine's read-through cache of it."""

    def __init__(self, loc: S3Location, cache: Path | None = None) -> None:
        import s3fs  # imported when an s3:// data directory is used

        self.loc = loc
        self.cache = cache or cache_dir()
        # no listing cache: every scan must see what other servers published
        # bounded waits: an unreachable store is an error in seconds, not minutes
        self.fs = s3fs.S3FileSystem(
            use_listings_cache=False, skip_instance_cache=True,
            config_kwargs={"connect_timeout": 10, "read_timeout": 60,
                           "retries": {"max_attempts": 3, "mode": "standard"}})
        self.views = self.cache / "views" / hashlib.sha256(str(loc).encode()).hexdigest()[:16]

    # -- keys ----------------------------------------------------------------------
    def path(self, key: str) -> str:
        """`bucket/prefix/key`, the form s3fs takes."""
        return "/".join(p for p in (self.loc.bucket, self.loc.prefix, key) if p)

    def url(self, key: str) -> str:
        return f"{S3_SCHEME}{self.path(key)}"

    # -- reading -------------------------------------------------------------------
    def list(self, folder: str) -> dict[str, ObjectInfo]:
        """Every object under `folder/` (one paged LIST), by key relative to the prefix."""
        base = self.path("")
        try:
            found = self.fs.find(self.path(folder) + "/", detail=True, withdirs=False)
        except FileNotFoundError:
            return {}
        except Exception as e:  # noqa: BLE001 - any client error is a message
            raise _translate(e, f"listing {self.url(folder)}/") from None
        out = {}
        for name, info in found.items():
            if info.get("type") != "file" or not name.startswith(base + "/"):
                continue
            key = name[len(base) + 1:]
            out[key] = ObjectInfo(key, int(info.get("size") or 0),
                                  str(info.get("ETag", "")).strip('"'),
                                  info.get("LastModified") or dt.datetime.now(dt.UTC))
        return out

    def read(self, key: str) -> bytes:
        try:
            return self.fs.cat_file(self.path(key))
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"reading {self.url(key)}") from None

    def read_tagged(self, key: str, if_match: str | None = None) -> tuple[bytes, str]:
        """The object's bytes and the ETag of those very bytes (one GET). With if_match
        only if the object's ETag is still that one: else PreconditionFailed."""
        from fsspec.asyn import sync

        bucket, path = self.path(key).split("/", 1)
        cond = {"IfMatch": quoted(if_match)} if if_match is not None else {}

        async def get() -> tuple[bytes, str]:
            resp = await self.fs._call_s3("get_object", Bucket=bucket, Key=path, **cond)
            try:
                return await resp["Body"].read(), str(resp.get("ETag", ""))
            finally:
                resp["Body"].close()

        try:
            return sync(self.fs.loop, get)
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"reading {self.url(key)}") from None

    def etag(self, key: str) -> str | None:
        """The object's ETag, or None when there is none."""
        try:
            return str(self.fs.info(self.path(key), refresh=True)["ETag"])
        except FileNotFoundError:
            return None
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"looking up {self.url(key)}") from None

    def cached(self, sha256: str) -> Path | None:
        """The cache's copy of a file with this checksum, if it holds one."""
        if not SHA_RE.match(str(sha256)):
            return None
        p = self.cache / "sha256" / sha256
        return p if p.is_file() else None

    def fetch(self, key: str, sha256: str) -> Path:
        """The local copy of the object `key`, which must have checksum sha256: from the cache
        when it holds it (never downloaded twice), else downloaded, checked and kept.
        ChecksumMismatch when the object is not the file the manifest names."""
        hit = self.cached(sha256)
        if hit is not None:
            return hit
        store = self.cache / "sha256"
        store.mkdir(parents=True, exist_ok=True)
        tmp = store / f".tmp-{uuid.uuid4().hex}"
        try:
            try:
                self.fs.get_file(self.path(key), str(tmp))
            except Exception as e:  # noqa: BLE001
                raise _translate(e, f"downloading {self.url(key)}") from None
            actual = sha256_path(tmp)
            if actual != sha256:
                raise ChecksumMismatch(actual)
            final = store / actual
            os.replace(tmp, final)
            return final
        finally:
            tmp.unlink(missing_ok=True)

    def keep(self, path: Path, sha256: str) -> Path:
        """Put a local file whose checksum is known into the cache (a publisher never
        downloads what it has just written); returns the cache's copy."""
        store = self.cache / "sha256"
        store.mkdir(parents=True, exist_ok=True)
        final = store / sha256
        if not final.is_file():
            tmp = store / f".tmp-{uuid.uuid4().hex}"
            try:
                os.link(path, tmp)
            except OSError:
                import shutil

                shutil.copyfile(path, tmp)
            os.replace(tmp, final)
        return final

    # -- writing -------------------------------------------------------------------
    def put_file(self, local: Path, key: str) -> None:
        try:
            self.fs.put_file(str(local), self.path(key))
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"uploading {self.url(key)}") from None

    def put_bytes(self, key: str, data: bytes, *, if_absent: bool = False,
                  if_match: str | None = None) -> str:
        """Write one object; with if_absent only if no object has the key (If-None-Match: *),
        with if_match only if the object's ETag is still that one (If-Match). A lost
        condition raises PreconditionFailed: the store decides, so two writers cannot
        both win. Returns the ETag of the object written."""
        kwargs: dict = {}
        if if_match is not None:
            kwargs["IfMatch"] = quoted(if_match)
        try:
            out = self.fs.pipe_file(self.path(key), data,
                                    mode="create" if if_absent else "overwrite", **kwargs)
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"writing {self.url(key)}") from None
        return str((out or {}).get("ETag", ""))

    def delete_if_match(self, key: str, etag: str) -> None:
        """Remove one object only if its ETag is still etag (DeleteObject If-Match):
        PreconditionFailed when it changed. A store that ignores the condition removes it
        regardless: callers check the object is theirs first."""
        bucket, path = self.path(key).split("/", 1)
        try:
            self.fs.call_s3("delete_object", Bucket=bucket, Key=path, IfMatch=quoted(etag))
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"removing {self.url(key)}") from None
        self.fs.invalidate_cache(self.path(key))

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        try:
            self.fs.rm([self.path(k) for k in keys])
        except FileNotFoundError:
            pass
        except Exception as e:  # noqa: BLE001
            raise _translate(e, f"removing {len(keys)} object(s) under {self.url('')}") \
                from None


_stores: dict[tuple, S3Store] = {}
_stores_lock = threading.Lock()
_ENV = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_PROFILE",
        "AWS_REGION", "AWS_DEFAULT_REGION", CACHE_ENV)


def store(loc: S3Location) -> S3Store:
    """The S3Store of a location (one per location and AWS settings, shared by threads)."""
    key = (str(loc), *(os.environ.get(v) for v in _ENV))
    with _stores_lock:
        s = _stores.get(key)
        if s is None:
            s = _stores[key] = S3Store(loc)
        return s
