"""The "Load data" page's blocks (dashboard/app_pages/load_data.py): the upload, the
validation report (and its spreadsheet), the preview of a valid file, and Publish.

The upload is read and validated by dashboard/intake/loading.py with the `ingest` command's own
code (ingest.check_source) and published by its publish (publishing.publish). Publish is a
button callback that takes the session's identity from st.user on the server when the
click arrives: a session without the role gets a refusal, whatever it sends, and
publishing.publish checks the role again under its lock.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.access import auth
from dashboard.access.guard import release_this_session_uploads
from dashboard.analysis import comparison
from dashboard.contract.schema import FIRST_DATE, LAST_DATE, MAX_TEXT_CHARS
from dashboard.intake import loading, template
from dashboard.output import spreadsheet
from dashboard.output.usertext import md
from dashboard.query.filters import Filters
from dashboard.query.query_cache import get_db
from dashboard.store import folders, remote_publish
from dashboard.ui import say, signin
from dashboard.ui.blocks import table

_LOG = logging.getLogger(__name__)
_GEN = "_load_generation"  # bumped after a publish: a fresh uploader and form
_CHECKED = "_load_checked"  # (file_id, loading.Checked, per-initiative summary or None)
RESULT = "_load_result"  # ("success" | "error", message) of the last Publish
AS_OF, NOTE, CONFIRM = "load_as_of", "load_note", "load_confirm_replace"
SIDEBAR_SNAPSHOT = "snapshot"  # the sidebar's snapshot selectbox (ui/sidebar.py)
SHOWN_ROWS = 60  # report lines on the page (the download has them all), as the CLI prints


def not_allowed(user: signin.Identity | None) -> None:
    """What a session without the analyst role sees instead of the upload."""
    if user is None:
        say.info("Loading new figures is for analysts: sign in with an account that has "
                "the analyst role.", icon=":material/lock:")
        if signin.configured():
            signin.sign_in_button("sign_in_load")
    else:
        say.info(f"Loading new figures needs the analyst role; you are signed in as "
                f"{md(user.who)} with the role {user.role or 'none'}.", icon=":material/lock:")


def intro() -> None:
    say.markdown(
        "Upload the figures as the Excel template (one sheet per table) or as a zip of one "
        "CSV file per table. They are checked against every rule of the data contract, "
        "exactly as `python -m dashboard ingest` checks them, and a valid file is shown "
        "before anything is published. The guide: docs/loading-data.md.")
    st.download_button(
        "Download the empty template (Excel)", _template_bytes(), file_name="template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="load_template", on_click="ignore", icon=":material/download:",
        help="A sheet per table with the column names, a README sheet with every rule, and "
             "drop-down lists (the same workbook as `python -m dashboard template`).")


@st.cache_data(show_spinner=False, max_entries=1)
def _template_bytes() -> bytes:
    buf = io.BytesIO()
    template.build(buf)  # type: ignore[arg-type] - xlsxwriter writes to a file or a buffer
    return buf.getvalue()


def last_result() -> None:
    kind, message = st.session_state.pop(RESULT, (None, ""))
    if kind == "success":
        say.success(message, icon=":material/check_circle:")
    elif kind == "error":
        say.error(message, icon=":material/block:")


def upload() -> tuple[loading.Checked, pd.DataFrame | None] | None:
    """The uploader; the checked upload (validated once per file) and, when valid, its
    per-initiative summary. None until a file is chosen."""
    cap = config.max_upload_mb()
    gen = st.session_state.setdefault(_GEN, 0)
    f = st.file_uploader(
        "Excel workbook (.xlsx, the template) or a zip of CSV files (.zip)",
        type=list(loading.ACCEPTED), key=f"load_file_{gen}", max_upload_size=cap,
        help=f"At most {config.upload_cap_text(cap)}, set on the server by "
             "ICT_DASHBOARD_MAX_UPLOAD_MB. "
             "A zip holds one <table>.csv per table: initiatives.csv, agencies.csv, "
             "costs.csv, benefits.csv, commitments.csv, contributions.csv.")
    say.caption(f"One file of at most {config.upload_cap_text(cap)}. The figures are checked "
                "against every rule of the data contract; nothing is published until you "
                "press Publish.")
    if f is None:
        return None
    held = st.session_state.get(_CHECKED)
    if held is None or held[0] != f.file_id:
        with st.spinner("Checking every rule…"):
            checked = loading.check_upload(f.name, f.getvalue(), cap)
            summary = loading.initiative_summary(checked.tables) if checked.ok else None
        held = st.session_state[_CHECKED] = (f.file_id, checked, summary)
    return held[1], held[2]


def report(checked: loading.Checked) -> None:
    errors = loading.report_frame(checked.report)
    warnings = loading.report_frame(checked.report, "warning")
    if checked.ok:
        say.success(f"{md(checked.name)}: every rule passes.", icon=":material/check_circle:")
    else:
        n = checked.report.error_count
        say.error(f"{md(checked.name)}: {n:,} problem{'s' if n != 1 else ''}. Nothing was "
                 "published: correct the file and upload it again.", icon=":material/error:")
    for title, df in (("Validation report", errors),
                      ("Warnings (not stored, never refused)", warnings)):
        if df.empty:
            continue
        say.subheader(title)
        # a static table: every rule is read whole (wrapped), never cut at a cell's edge.
        # st.table draws each cell as Markdown, and the cells carry the file's own text
        # (values, sheet and file names): shown literally, never as links or images
        shown = df.head(SHOWN_ROWS).astype({"Row": "string"}).fillna("")
        st.table(shown.map(lambda v: md(v) if isinstance(v, str) else v), hide_index=True)
        if len(df) > SHOWN_ROWS:
            say.caption(f"… and {len(df) - SHOWN_ROWS:,} more lines: download the report.")
    if not (errors.empty and warnings.empty):
        st.download_button(
            "Download the report (Excel)",
            data=lambda: _report_workbook(checked, errors, warnings),  # built on click
            file_name=f"{checked.name.rsplit('.', 1)[0]}-validation-report.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="load_report_xlsx", on_click="ignore", icon=":material/download:")


def _report_workbook(checked: loading.Checked, errors: pd.DataFrame,
                     warnings: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    spreadsheet.write_workbook(buf, {"problems": errors, "warnings": warnings}, [
        ("file", checked.name), ("sha256", checked.source_file.sha256),
        ("bytes", str(checked.source_file.size)), ("problems", str(checked.report.error_count)),
        ("checked at", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"))])
    return buf.getvalue()


def preview(checked: loading.Checked, summary: pd.DataFrame) -> None:
    """Rows per table, the totals, and what changes against the newest snapshot."""
    say.header("Preview")
    left, right = st.columns(2)
    with left:
        say.subheader("Rows per table")
        rows = loading.rows_per_table(checked.tables)
        st.table(rows.rename(columns={"table": "Table", "rows": "Rows"}), hide_index=True)
    with right:
        say.subheader("Totals")
        totals = loading.totals_frame(checked.tables)
        totals["amount_usd"] = totals["amount_usd"].map(lambda x: f"${x:,.2f}")
        st.table(totals.rename(columns={"figure": "Figure", "amount_usd": "Amount"}),
                 hide_index=True)
    say.subheader("What changed")
    newest = get_db().scan().newest
    if newest is None:
        say.info("No snapshot is published yet: this will be the first.")
        return
    before = get_db().query("initiative_summary", Filters(snapshot=newest.as_of))
    changes = comparison.compare_snapshots(before, summary)
    named = changes.assign(name=changes["name"].map(md, na_action="ignore"))
    say.caption(f"Against the newest published snapshot, {newest.as_of}.")
    say.markdown("\n".join(f"- {line}" for line in comparison.change_summary(named, newest.as_of)))
    with st.expander("Every initiative, before and after"):
        table(changes, "load_changes")


def publish_form(checked: loading.Checked, role: str | None) -> None:
    say.header("Publish")
    as_of = st.date_input("As-of date of the figures", value=None, min_value=FIRST_DATE,
                          max_value=LAST_DATE, format="YYYY-MM-DD", key=AS_OF)
    st.text_input("Source note: who sent the figures, which business cases", max_chars=MAX_TEXT_CHARS,
                  key=NOTE, placeholder=f"uploaded {checked.name}")
    exists = as_of is not None and get_db().scan().get(as_of.isoformat()) is not None
    confirmed = False
    if exists and auth.may_publish(role, replacing=True):
        say.warning(f"A snapshot of {as_of} is already published. Publishing replaces it: "
                   "every reader then sees these figures instead.", icon=":material/warning:")
        confirmed = st.checkbox(f"Yes, replace the published snapshot of {as_of}", key=CONFIRM)
    elif exists:
        say.warning(f"A snapshot of {as_of} is already published, and only an admin may "
                   "replace one. Choose another date.", icon=":material/warning:")
    st.button("Replace the snapshot" if exists else "Publish", key="load_publish",
              type="primary", icon=":material/publish:", on_click=_publish, args=(checked,),
              disabled=as_of is None or (exists and not confirmed))


def _publish(checked: loading.Checked) -> None:
    """The Publish button's callback, on the server: the role of this session now, the
    form's values now; publishing.publish checks the role once more under its lock."""
    user = signin.identity()
    as_of_value = st.session_state.get(AS_OF)
    as_of = as_of_value.isoformat() if as_of_value else ""
    replacing = bool(as_of) and get_db().scan(refresh=True).get(as_of) is not None
    try:
        user = signin.check_publish_now(user, replacing)  # the role now, here and at the provider
    except auth.NotAllowed as e:
        st.session_state[RESULT] = ("error", f"Not published: {e}.")
        return
    if replacing and not st.session_state.get(CONFIRM):
        st.session_state[RESULT] = ("error", f"Not published: replacing {as_of} needs the "
                                    "confirmation box ticked.")
        return
    note = st.session_state.get(NOTE) or ""
    try:
        loading.publish_upload(config.data_dir(), checked, as_of, note, user.actor(),
                               replace=replacing)
    except auth.NotAllowed as e:
        st.session_state[RESULT] = ("error", f"Not published: {e}.")
        return
    except folders.SnapshotExists:
        st.session_state[RESULT] = ("error", f"Not published: a snapshot of {as_of} was "
                                    "published meanwhile. Choose another date.")
        return
    except ValueError as e:
        st.session_state[RESULT] = ("error", f"Not published: {e}.")
        return
    except remote_publish.PublishedWithoutRecord:
        _LOG.exception("publishing %s: live without its audit record", as_of)
        st.session_state[RESULT] = ("error", f"The snapshot of {as_of} was published, but "
                                    "its audit record could not be written and the publish "
                                    "could not be undone: it is live without its audit "
                                    "record. Tell an administrator (the server's log says "
                                    "why).")
        return
    except OSError:
        _LOG.exception("publishing %s failed", as_of)
        st.session_state[RESULT] = ("error", "Not published: the snapshot could not be "
                                    "written on the server (its log says why); nothing "
                                    "was changed.")
        return
    st.session_state[RESULT] = ("success", f"Published the snapshot of {as_of} "
                                f"({'replaced' if replacing else 'new'}), recorded in the "
                                "audit log. The sidebar now shows it: every page reads it.")
    st.session_state[SIDEBAR_SNAPSHOT] = as_of  # the analyst sees what they published
    release_this_session_uploads()  # the upload is published: free its bytes
    st.session_state[_GEN] = st.session_state.get(_GEN, 0) + 1
    for key in (_CHECKED, AS_OF, NOTE, CONFIRM):
        st.session_state.pop(key, None)
