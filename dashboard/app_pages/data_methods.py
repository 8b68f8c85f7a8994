"""Data & methods, for a manager: the snapshots available (when, from where, published by
whom), the audit log of publishes, what each figure means, how the initiatives are ranked
and how sure the figures are, in words (data/README.md's "In plain words", one source for
the docs and the page), the range factors in use, the data dictionary for those who
prepare the data, how a new snapshot is loaded. The engineers' notes (queries, formulas,
algorithms, files) are in docs/methods-engineering.md and the rest of data/README.md."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.access import auth
from dashboard.contract import docs
from dashboard.contract.labels import code_label
from dashboard.contract.schema import TABLE_ORDER, TABLES
from dashboard.lang.translate import current
from dashboard.output.usertext import md
from dashboard.query import ranges_data
from dashboard.store import audit
from dashboard.ui import say, signin

# data/README.md's sections in plain words (level 3, under "In plain words"), in order
READER_SECTIONS = docs.READER_SECTIONS
RANGES_SECTION = "How sure the figures are, in short"
# a table's rows, as a reader names them
ROW_WORDS = {"initiatives": "initiatives", "agencies": "organizations", "costs": "cost lines",
             "benefits": "benefit lines", "commitments": "commitments",
             "contributions": "contributions", "ranges": "range factors"}
NOT_RECORDED = "not recorded"


@st.cache_data(max_entries=32, ttl=3600, show_spinner="Checking every rule…")
def rule_check(folder: str, token: str, lang: str) -> tuple[int, list[str]]:
    """Every rule of the data contract on one snapshot (cached per content token and
    language: the report's lines are words)."""
    del token, lang
    from pathlib import Path

    from dashboard.intake import snapshot_checks, validation_report

    report = validation_report.Report()
    snapshot_checks.validate_snapshot(Path(folder), report)
    return report.error_count, report.lines(limit=20)


def reader_factors(factors: pd.DataFrame) -> pd.DataFrame:
    """The range factors in use as a reader reads them: which estimate, the least and the
    most it may come to as a share of its stated amount, and where that comes from."""
    def estimate(side: str, kind: str) -> str:
        word = str(code_label(kind))
        return f"Benefit, {word.lower()} confidence" if side == "benefit" else (
            f"Cost, {word.lower()}")
    return pd.DataFrame({
        "estimate": [estimate(a, b) for a, b in zip(factors["side"], factors["range_class"],
                                                   strict=True)],
        "at least": [f"{v:.0%} of stated" for v in factors["low_factor"]],
        "at most": [f"{v:.0%} of stated" for v in factors["high_factor"]],
        "from": factors["from_snapshot"].map({True: "this snapshot's own ranges",
                                              False: "the defaults"}),
    })


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
    status = "published"
    if checked:
        n, lines = rule_check(str(s.path), s.token, current())
        status += "; every rule passes" if n == 0 else f"; {n:,} rule problem(s)"
        if n:
            problems[s.as_of] = lines
    # who published: a person's address only to analysts and admins; the sample's
    # generator is no person
    by = s.published_by or NOT_RECORDED
    if s.published_by and not (SEE_WHO or ui.is_sample_source(s.source)):
        by = WITHHELD
    rows.append({
        "as_of": s.as_of,
        "source": s.source,
        "created_at": s.created_at,
        "published_by": by,
        "status": status,
        "contents": ", ".join(
            f"{n:,} {ROW_WORDS.get(t, t)[:-1] if n == 1 else ROW_WORDS.get(t, t)}"
            for t in TABLE_ORDER if (n := s.rows.get(TABLES[t].file_name, s.rows.get(t)))),
    })
for k in scan.skipped:
    rows.append({"as_of": k.name, "source": "", "created_at": None, "published_by": "",
                 "status": f"skipped: {k.reason}"})
if rows:
    ui.table(pd.DataFrame(rows), "table_snapshots")
else:
    say.info("No snapshot folder found.")
if scan.snapshots:
    st.toggle("Also check every rule the data must follow (slower on large snapshots)",
              key="rules_checked")
for as_of, lines in problems.items():
    say.error(f"Snapshot {as_of}:\n\n" + "\n".join(f"- {md(line)}" for line in lines))
say.caption("Published: its files are complete and unchanged since it was published. A "
           "snapshot is never changed: a new estimate is a new snapshot. A cost line is one "
           "year's cost of one kind for one initiative.")
any_sample = any(ui.is_sample_source(s.source) for s in scan.snapshots)
if any_sample:
    say.warning("Snapshots whose source says “Illustrative sample data” were made by the "
               "project's own sample generator: they are plausible, not official "
               "figures of any organization.")

say.header("Audit log")
audit_rows = audit.rows(audit.read(db.data_dir))
if not SEE_WHO:
    audit_rows = [{**r, "who": WITHHELD if r["who"] else ""} for r in audit_rows]
if audit_rows:
    say.caption("Every publish and replace, from the Load data page or by the data team, "
               "and every data-feed token created or revoked on the Account page (its id, "
               "never the token), newest first: when (UTC), who (shown to signed-in analysts "
               "and admins), their role, how, the as-of date, new or replaced, the source "
               "note and a fingerprint of each file received. The log is only ever added to.")
    ui.table(pd.DataFrame(audit_rows), "table_audit")
else:
    say.caption("Nothing has been published here from the Load data page or by the data "
               "team yet" + (" (the illustrative sample snapshots come from the sample "
                             "generator)" if any_sample else "") + ", so the audit log is "
               "empty.")

# what each figure means, the filters, the ranking, how sure the figures are and the
# briefing pack, in a manager's words: data/README.md's own text (docs and page never differ)
for heading in READER_SECTIONS:
    say.header(heading)
    say.markdown(docs.section(heading, level=3))
    if heading == RANGES_SECTION and app is not None:
        say.subheader("The ranges in use")
        say.caption("Each kind of estimate may come to this much of its stated amount, at "
                    "least and at most: the defaults, or this snapshot's own.")
        ui.table(ranges_data.range_factors(app.ctx).pipe(reader_factors), "table_range_factors")

say.header("Data dictionary, for those who prepare the data")
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
    "A signed-in analyst loads a new estimate on the **Load data** page: download the "
    "template (a workbook with a sheet per table), fill it in, upload it with the date it "
    "is as of and a note of who sent it. The page checks every rule the data must follow "
    "and lists each problem with its sheet, row and column; it publishes only when all "
    "pass, and the new snapshot then appears in the sidebar. The data team can do the same "
    "without the browser (the project's guide to loading data says how)."
)
