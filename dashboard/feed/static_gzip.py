"""Gzip for Streamlit's static files (the app's first visit): Streamlit 1.67 serves
`/static/...` uncompressed (its SelectiveGZipMiddleware bypasses them so as not to
recompress 4.7 MB of Plotly on every request). This middleware compresses each file once,
in a worker thread, keeps the result in memory (at most CACHE_BYTES, by path, size and
Last-Modified/ETag so a new Streamlit build never gets an old file), and serves it to
clients that accept gzip. Streamlit's own headers stay (its hashed files already carry
`Cache-Control: public, immutable, max-age=31536000`); Range requests pass through.
"""

from __future__ import annotations

import gzip
import threading

from anyio import to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_SIZE = 1024  # bytes: smaller files are served as they are
CACHE_BYTES = 32 * 1024 * 1024  # compressed bytes kept in memory at most
COMPRESS_LEVEL = 6
SKIP_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "font/woff", "font/woff2",
              "application/gzip", "application/zip")


def _compress(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=COMPRESS_LEVEL, mtime=0)


class StaticGzip:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._cache: dict[tuple, bytes] = {}
        self._size = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or "/static/" not in scope["path"]:
            await self.app(scope, receive, send)
            return
        req = Headers(scope=scope)
        if "gzip" not in req.get("accept-encoding", "").lower() or "range" in req:
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        assert start is not None
        body = b"".join(chunks)
        headers = MutableHeaders(raw=list(start["headers"]))
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if (start["status"] != 200 or "content-encoding" in headers or len(body) < MINIMUM_SIZE
                or kind in SKIP_TYPES):
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        key = (scope["path"], len(body), headers.get("etag"), headers.get("last-modified"))
        packed = self._cache.get(key)
        if packed is None:
            packed = await to_thread.run_sync(_compress, body)
            self._keep(key, packed)
        headers["content-encoding"] = "gzip"
        headers["content-length"] = str(len(packed))
        headers.add_vary_header("Accept-Encoding")
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": packed})

    def _keep(self, key: tuple, packed: bytes) -> None:
        with self._lock:
            if key not in self._cache and self._size + len(packed) <= CACHE_BYTES:
                self._cache[key] = packed
                self._size += len(packed)
