"""The feed's routes (data contract, section 9), joined to the st.App of dashboard/server.py.

- `GET /api/v1/datasets`: the catalogue (every export sheet: name, description, columns
  with types, addresses; the parameters).
- `GET /api/v1/datasets/NAME.csv` / `NAME.json`: one sheet, from the same dataset function
  the export workbook calls (registry.SHEETS), so the numbers are exactly the export's;
  CSV through dashboard/output/spreadsheet.py (OWASP prefix, UTF-8, a header row).
Parameters are the pages' own, checked by dashboard/query/params.py (dashboard/feed/request.py):
a bad value is a 400 in JSON with the rule. The snapshot is named in the `X-Snapshot`
header and the JSON's `snapshot`; illustrative sample data in `X-Sample-Data: true` and the
JSON's `sample`. The work runs in worker threads (at most MAX_WORKERS at once, so the
app's sessions keep the event loop), each within TIME_LIMIT seconds (504 beyond) and
MAX_ROWS rows / MAX_BYTES bytes (413 beyond). Who may read: dashboard/feed/bearer.py (tokens
where sign-in is configured); too many requests from one address or one token: 429.
"""

from __future__ import annotations

import functools
import json
import math

import anyio
import pandas as pd
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dashboard import config, registry
from dashboard.contract.schema import is_sample_source
from dashboard.feed import bearer
from dashboard.feed.limits import Buckets, retry_after
from dashboard.feed.request import PARAMETERS, FeedError, context
from dashboard.output import spreadsheet
from dashboard.query.db import Database

PREFIX = "/api/v1/datasets"
MAX_WORKERS = 2  # feed requests worked on at once (the rest wait their turn)
TIME_LIMIT = 60.0  # seconds per request (waiting included): 504 beyond
MAX_ROWS = 200_000
MAX_BYTES = 50 * 1024 * 1024
_limiter: anyio.CapacityLimiter | None = None


def limiter() -> anyio.CapacityLimiter:
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(MAX_WORKERS)
    return _limiter


@functools.lru_cache(maxsize=4)
def _database(data_dir: str) -> Database:
    return Database(data_dir)


def database() -> Database:
    return _database(str(config.data_dir()))


def error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def describe(name: str) -> str:
    for chart in registry.CHARTS:
        if chart.export and chart.export_sheet.name == name:
            return chart.title
    return f"the export's {name.replace('_', ' ')} table"


def _kind(dtype: object) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    return "text"


def columns(df: pd.DataFrame | None) -> list[dict[str, str]]:
    return [] if df is None else [{"name": str(c), "type": _kind(t)} for c, t in df.dtypes.items()]


def _catalogue(base: str) -> dict:
    ctx, snap = context(database(), {})
    sets = []
    for name, fn in registry.SHEETS.items():
        sets.append({"name": name, "description": describe(name), "columns": columns(fn(ctx)),
                     "csv": f"{base}{PREFIX}/{name}.csv", "json": f"{base}{PREFIX}/{name}.json"})
    return {"snapshot": snap.as_of, "sample": is_sample_source(snap.source),
            "parameters": PARAMETERS, "datasets": sets}


def _records(df: pd.DataFrame) -> list[dict]:
    out = json.loads(df.to_json(orient="records", date_format="iso", double_precision=15))
    return out


def _sheet(name: str, fmt: str, query: dict) -> tuple[bytes, str, bool]:
    ctx, snap = context(database(), query)
    df = registry.SHEETS[name](ctx)
    if df is None:
        raise FeedError(404, f"{name} does not apply to these parameters (it needs "
                        f"{'a budget' if name == registry.BUDGET_SELECTION.name else 'compare'})")
    if len(df) > MAX_ROWS:
        raise FeedError(413, f"{name}: {len(df)} rows, more than the feed's {MAX_ROWS}; "
                        "narrow the filters")
    if fmt == "csv":
        body = spreadsheet.csv_bytes(df)
    else:
        body = json.dumps({"dataset": name, "snapshot": snap.as_of,
                           "sample": is_sample_source(snap.source),
                           "columns": columns(df), "rows": _records(df)},
                          ensure_ascii=False, allow_nan=False,
                          default=lambda v: None if isinstance(v, float) and math.isnan(v)
                          else str(v)).encode("utf-8")
    if len(body) > MAX_BYTES:
        raise FeedError(413, f"{name}: more than {MAX_BYTES} bytes; narrow the filters")
    return body, snap.as_of, is_sample_source(snap.source)


def _query(request: Request) -> dict[str, list[str]]:
    q: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        q.setdefault(k, []).append(v)
    return q


async def _run(fn, *args):
    with anyio.fail_after(TIME_LIMIT):
        return await anyio.to_thread.run_sync(fn, *args, limiter=limiter(),
                                              abandon_on_cancel=True)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


buckets = Buckets()


async def closed(request: Request) -> JSONResponse | None:
    """Too many requests from one address: 429 with Retry-After (the address is the
    client's, or, from a trusted proxy, the one it names in X-Forwarded-For: uvicorn's
    FORWARDED_ALLOW_IPS, 127.0.0.1 unless set; docs/deploy.md). Then who may read
    (dashboard/feed/bearer.py): tokens where sign-in is configured."""
    wait = buckets.take(request.client.host if request.client else "")
    if wait:
        r = error(429, "too many requests from this address; wait and try again")
        r.headers["Retry-After"] = retry_after(wait)
        return r
    return await bearer.refusal(request)


async def catalogue(request: Request) -> Response:
    if (refused := await closed(request)) is not None:
        return refused
    try:
        return JSONResponse(await _run(_catalogue, _base(request)))
    except FeedError as e:
        return error(e.status, e.message, **e.extra)
    except TimeoutError:
        return error(504, f"the catalogue took longer than {TIME_LIMIT:g} s; try again")


async def dataset(request: Request) -> Response:
    if (refused := await closed(request)) is not None:
        return refused
    file = request.path_params["file"]
    name, _, fmt = file.rpartition(".")
    if fmt not in ("csv", "json") or name not in registry.SHEETS:
        return error(404, f"no dataset {file!r}: the catalogue at {_base(request)}{PREFIX} "
                     "lists them (NAME.csv or NAME.json)", catalogue=f"{_base(request)}{PREFIX}")
    try:
        body, as_of, sample = await _run(_sheet, name, fmt, _query(request))
    except FeedError as e:
        return error(e.status, e.message, **e.extra)
    except TimeoutError:
        return error(504, f"{name} took longer than {TIME_LIMIT:g} s; narrow the filters")
    headers = {"X-Snapshot": as_of, "Cache-Control": "no-cache"}
    if sample:
        headers["X-Sample-Data"] = "true"
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    if fmt == "csv":
        headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return Response(body, media_type=media, headers=headers)


def routes() -> list[Route]:
    return [Route(PREFIX, catalogue, methods=["GET"]),
            Route(PREFIX + "/{file}", dataset, methods=["GET"])]
