"""The Streamlit layer under the pages, split by job (docs/architecture.md):

- ui/context.py  the page context (`current()`), the analysis options;
- ui/sidebar.py  the shared filters bound to the URL, Reset/Undo, session-state workarounds;
- ui/header.py   title, provenance line, URL notices;
- ui/blocks.py   chart, table and download blocks, the empty state;
- ui/metrics.py  the headline tiles (`metric_row`);
- ui/entries.py  the chart registry's presenters (`chart_entry`, `charts`, `sheet_table`).

Below it, without widgets: dashboard/query/params.py (allowed values, URL checks) and
dashboard/query/query_cache.py (the shared Database and the cached query runner). Pages use the
names re-exported here (`ui.current()`, `ui.chart(...)`); nothing below the pages imports
this package.
"""

from dashboard.contract.schema import is_sample_source
from dashboard.query.query_cache import get_db
from dashboard.ui.blocks import (
    EMPTY_MESSAGE,
    chart,
    download_all,
    downloads,
    empty_state,
    file_stem,
    ids_from_selection,
    table,
    table_and_downloads,
)
from dashboard.ui.context import AppContext, current, current_or_none
from dashboard.ui.entries import chart_entry, charts, sheet_table
from dashboard.ui.header import (
    SAMPLE_NOTE,
    accessible_code_blocks,
    dropped_link_notice,
    page_header,
    provenance,
    provenance_text,
    sample_banner,
    skipped_warnings,
)
from dashboard.ui.metrics import metric_row
from dashboard.ui.sidebar import keep_filters_across_page_switch, sidebar_filters

__all__ = [
    "EMPTY_MESSAGE", "SAMPLE_NOTE", "AppContext", "chart", "chart_entry", "charts", "sheet_table", "current", "current_or_none",
    "download_all", "dropped_link_notice", "downloads", "empty_state", "get_db", "ids_from_selection",
    "is_sample_source", "keep_filters_across_page_switch", "metric_row", "page_header",
    "provenance_text", "sidebar_filters", "skipped_warnings", "table", "table_and_downloads",
    "file_stem", "provenance", "sample_banner", "accessible_code_blocks",
]
