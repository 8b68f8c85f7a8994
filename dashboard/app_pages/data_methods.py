"""Data & methods: the snapshots available, the audit log of publishes, the data
dictionary, the metric definitions, how sure the figures are (data/README.md's "Ranges"
section and the range factors in use), how to load a new snapshot."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config, ui
from dashboard.access import auth
from dashboard.contract import docs
from dashboard.contract.schema import TABLE_ORDER, TABLES
from dashboard.output.usertext import md
from dashboard.query import ranges_data
from dashboard.store import audit
from dashboard.ui import say, signin

METHOD_SECTIONS = ("Headline figures", "Filters", "Priority score")
RANGES_SECTION = "Ranges: how sure each figure is"


@st.cache_data(max_entries=32, ttl=3600, show_spinner="Checking every rule…")
def rule_check(folder: str, token: str) -> tuple[int, list[str]]:
    """Every rule of the data contract on one snapshot (cached per content token)."""
    del token
    from pathlib import Path

    from dashboard.intake import snapshot_checks, validation_report

    report = validation_report.Report()
    snapshot_checks.validate_snapshot(Path(folder), report)
    return report.error_count, report.lines(limit=20)


app = ui.current_or_none()
# who published (e-mail addresses, the command line's user@host) is for the people who
# publish: signed-in analysts and admins; everyone else sees when, what and how
SEE_WHO = auth.at_least(signin.role(), auth.ANALYST)
WITHHELD = "(shown to signed-in analysts and admins)"
say.title("Data & methods")
if app is not None:
    ui.provenance(app.snapshot)

db = ui.get_db()
scan = db.scan()

say.header("Snapshots")
checked = st.session_state.get("rules_checked", False)
rows = []
problems: dict[str, list[str]] = {}
for s in scan.snapshots:
    status = "published: files match the manifest"
    if checked:
        n, lines = rule_check(str(s.path), s.token)
        status += "; every rule passes" if n == 0 else f"; {n:,} rule problem(s)"
        if n:
            problems[s.as_of] = lines
    rows.append({
        "as_of": s.as_of,
        "status": status,
        "source": s.source,
        "created_at": s.created_at,
        "published_by": s.published_by if SEE_WHO or not s.published_by else WITHHELD,
        **{t: s.rows.get(TABLES[t].file_name, s.rows.get(t)) for t in TABLE_ORDER},
    })
for k in scan.skipped:
    rows.append({"as_of": k.name, "status": f"skipped: {k.reason}", "source": "",
                 "created_at": ""})
if rows:
    ui.table(pd.DataFrame(rows), "table_snapshots")
else:
    say.info("No snapshot folder found.")
if scan.snapshots:
    st.toggle("Also check every data rule (contract section 2) — slower on big snapshots",
              key="rules_checked")
for as_of, lines in problems.items():
    say.error(f"Snapshot {as_of}:\n\n" + "\n".join(f"- {md(line)}" for line in lines))
say.caption(f"Data directory: {md(config.data_dir_label())}. A snapshot is immutable once published; a new "
           "estimate is a new snapshot. Row counts are per table.")
if any(ui.is_sample_source(s.source) for s in scan.snapshots):
    say.warning("Snapshots whose source says “Illustrative sample data” were produced by the "
               "project's own deterministic generator: they are plausible, not official "
               "figures of any organization.")

say.header("Audit log")
audit_rows = audit.rows(audit.read(db.data_dir))
if not SEE_WHO:
    audit_rows = [{**r, "who": WITHHELD if r["who"] else ""} for r in audit_rows]
if audit_rows:
    say.caption("Every publish and replace, from the Load data page or the command line "
               "(`ingest`), and every data-feed token created or revoked on the Account page "
               "(its id, never the token), newest first: when (UTC), who (shown to signed-in "
               "analysts and admins), their role, through what, the "
               "as-of date, new or replaced, the source note and the sha256 of the files "
               "received. The log is only ever appended to "
               f"({audit.AUDIT_DIR}/{audit.LOG_NAME} in the data directory; on an object "
               f"store, one object per record under {audit.AUDIT_DIR}/{audit.RECORDS}/).")
    st.dataframe(pd.DataFrame(audit_rows), hide_index=True, width="stretch", key="table_audit")
else:
    say.caption("Nothing has been published in this data directory from the Load data page "
               "or with `ingest` yet (the illustrative sample snapshots come from the "
               "generator), so the audit log is empty.")

say.header("Metric definitions")
# the definitions of data/README.md itself: the docs and this page never differ
for heading in METHOD_SECTIONS:
    say.subheader(heading)
    say.markdown(docs.section(heading))

say.header("How sure the figures are")
# what "likely" means, where the default factors come from, how to give your own
say.markdown(docs.section(RANGES_SECTION))
if app is not None:
    say.subheader("The factors in use")
    factors = ranges_data.range_factors(app.ctx).copy()
    factors["source"] = factors.pop("from_snapshot").map(
        {True: "this snapshot's ranges table", False: "default"})
    st.dataframe(factors, hide_index=True, width="stretch", key="table_range_factors")

say.header("Briefing pack")
say.markdown(docs.section("Briefing pack"))

say.header("Data dictionary")
for name in TABLE_ORDER:
    t = TABLES[name]
    with st.expander(f"{name} — {t.grain}"):
        dd = []
        for c in t.columns:
            rule = []
            if c.allowed:
                rule.append("one of: " + ", ".join(c.allowed))
            if c.pattern:
                rule.append(f"matches {c.pattern}")
            if c.minimum is not None:
                rule.append(f"{'>' if c.min_exclusive else '>='} {c.minimum:g}")
            if c.maximum is not None:
                rule.append(f"<= {c.maximum:g}")
            if c.unique:
                rule.append("unique")
            if c.fk:
                rule.append(f"must exist in {c.fk[0]}.{c.fk[1]}")
            dd.append({"column": c.name, "type": c.type,
                       "empty allowed": "yes" if c.nullable else "no",
                       "rule": "; ".join(rule), "description": c.description})
        ui.table(pd.DataFrame(dd), f"table_dd_{name}")

say.header("Loading a new snapshot")
say.markdown(
    """
1. `.venv/bin/python -m dashboard template --out template.xlsx` writes an empty workbook
   with a sheet per table; or prepare a folder of `<table>.csv` / `<table>.parquet` files.
2. `.venv/bin/python -m dashboard ingest SOURCE --as-of YYYY-MM-DD --source-note "who sent it"`
   checks every rule above and, only if all pass, publishes `snapshots/YYYY-MM-DD/` with
   its manifest. On any problem it lists them all (file or sheet, row, column, rule, value)
   and writes nothing.
3. Reload the dashboard: the new snapshot appears in the sidebar.

Where sign-in is configured, an analyst can do the same in the browser: the **Load data**
page takes the filled-in template (or a zip of CSV files), shows the same report and a
preview, and publishes through the same code.

`python -m dashboard validate` re-checks published snapshots; `python -m dashboard export
--out FILE.xlsx [filters]` writes every chart's data as one workbook. See
docs/loading-data.md for the full guide.
"""
)
