"""The data feed and the compressed first visit on the real server (dashboard/server.py's
st.App): one server for every check."""

from __future__ import annotations

import gzip
import re
import urllib.request

import httpx
import pandas as pd
import pytest

from dashboard import registry

pytestmark = pytest.mark.browser


def test_the_feed_is_served_and_read_by_plain_clients(app_server):
    base = app_server.base_url
    with urllib.request.urlopen(f"{base}/api/v1/datasets/kpis.csv?agency=UNDP") as r:
        assert r.status == 200
        assert r.headers["X-Snapshot"] == "2006-01-01"
        text = r.read().decode("utf-8")
    assert text.splitlines()[0] == "\ufeffmetric,value,label"  # UTF-8 with its mark (Excel)
    kpis = pd.read_csv(f"{base}/api/v1/datasets/kpis.csv?agency=UNDP").set_index("metric")
    assert kpis.loc["total_cost_usd", "value"] == 110  # KPI_CASES: ERP 2005 + SEC 2006
    names = [d["name"] for d in httpx.get(f"{base}/api/v1/datasets").json()["datasets"]]
    assert names == list(registry.SHEETS)
    bad = httpx.get(f"{base}/api/v1/datasets/kpis.json?budget=-1")
    assert bad.status_code == 400
    assert "give a non-negative amount" in bad.json()["error"]


def test_static_files_and_the_feed_are_gzipped(app_server):
    base = app_server.base_url
    index = httpx.get(f"{base}/").text
    script = re.search(r'src="\.?/?(static/js/index\.[^"]+\.js)"', index).group(1)
    raw = httpx.get(f"{base}/{script}", headers={"Accept-Encoding": "identity"})
    packed = httpx.get(f"{base}/{script}", headers={"Accept-Encoding": "gzip"})
    assert raw.headers.get("content-encoding") is None
    assert packed.headers["content-encoding"] == "gzip"
    assert "immutable" in packed.headers["cache-control"]
    assert len(packed.content) == len(raw.content)  # httpx decodes: the same file ...
    assert int(packed.headers["content-length"]) < len(raw.content) / 2  # ... in half
    assert "immutable" not in httpx.get(f"{base}/").headers.get("cache-control", "")
    with httpx.stream("GET", f"{base}/api/v1/datasets/cost_by_initiative.json",
                      headers={"Accept-Encoding": "gzip"}) as r:
        assert r.headers["content-encoding"] == "gzip"
        body = b"".join(r.iter_raw())
    assert gzip.decompress(body).startswith(b'{"dataset": "cost_by_initiative"')
