"""The web server's entry point: `streamlit run dashboard/server.py` (from the repository root).

An `st.App` (Streamlit's ASGI application, served by uvicorn) over the Streamlit script
dashboard/app.py, with the guard of dashboard/access/guard.py in front of Streamlit's own
routes: uploads only from sessions allowed to load data, at most a few at a time; sign-ins
that are current (not signed out, not older than the configured maximum age); downloads
only for signed-in requests where sign-in is required; the metrics endpoint only for
signed-in requests (docs/security.md, rows 30 to 34). The data feed's routes
(dashboard/feed/routes.py, data contract section 9: /api/v1/datasets) join this same App,
and Streamlit's static files are gzipped once and kept (dashboard/feed/static_gzip.py). `streamlit run dashboard/app.py` runs the pages without the guard, so with
sign-in configured they refuse to serve there: `make run` and deployments use this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent
if str(_REPO_ROOT) not in sys.path:  # path guard: `streamlit run dashboard/server.py` works
    sys.path.insert(0, str(_REPO_ROOT))

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from dashboard.access.guard import Guard  # noqa: E402
from dashboard.feed.routes import routes  # noqa: E402
from dashboard.feed.static_gzip import StaticGzip  # noqa: E402

SCRIPT = Path(__file__).resolve().with_name("app.py")

app = st.App(SCRIPT, routes=routes(), middleware=[Middleware(StaticGzip), Middleware(Guard)])
