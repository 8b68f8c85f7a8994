"""The "Load data" page's blocks (dashboard/app_pages/load_data.py): the upload, the
validation report (and its spreadsheet), the preview of a valid file, and Publish.

The upload is read and validated by dashboard/intake/loading.py with the `ingest` command's own
code (ingest.check_source) and published by its publish (publishing.publish). Publish is a
button callback that takes the session's identity from st.user on the server when the
click arrives: a session without the role gets a refusal, whatever it sends, and
publishing.publish checks the role again under its lock.
"""

from __future__ import annotations

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
from dashboard.lang import translate
from dashboard.lang.numbers import date as format_date
from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.output.usertext import md
from dashboard.query.filters import Filters
from dashboard.query.query_cache import get_db
from dashboard.store import folders, remote_publish
from dashboard.ui import language, say, signin
from dashboard.ui.blocks import table
from dashboard.ui.load_report import SHOWN_ROWS, _report_workbook, report  # noqa: F401

_LOG = logging.getLogger(__name__)
_GEN = "_load_generation"  # bumped after a publish: a fresh uploader and form
_CHECKED = "_load_checked"  # ((file_id, language), loading.Checked, summary or None)
RESULT = "_load_result"  # ("success" | "error", message) of the last Publish
AS_OF, NOTE, CONFIRM = "load_as_of", "load_note", "load_confirm_replace"
SIDEBAR_SNAPSHOT = "snapshot"  # the sidebar's snapshot selectbox (ui/sidebar.py)


def not_allowed(user: signin.Identity | None) -> None:
    """What a session without the analyst role sees instead of the upload."""
    if user is None:
        say.info(_("Loading new figures is for analysts: sign in with an account that has "
                   "the analyst role."), icon=":material/lock:")
        if signin.configured():
            signin.sign_in_button("sign_in_load")
    else:
        say.info(_("Loading new figures needs the analyst role; you are signed in as {who} "
                   "with the role {role}.").format(
                       who=md(user.who), role=auth.role_word(user.role) if user.role
                       else _("none")), icon=":material/lock:")


def intro() -> None:
    say.markdown(_(
        "Upload the figures as the Excel template (one sheet per table) or as a zip of one "
        "CSV file per table. They are checked against every rule of the data contract, "
        "exactly as `python -m dashboard ingest` checks them, and a valid file is shown "
        "before anything is published. The guide: docs/loading-data.md."))
    st.download_button(
        _("Download the empty template (Excel)"), _template_bytes(), file_name="template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="load_template", on_click="ignore", icon=":material/download:",
        help=_("A sheet per table with the column names, a README sheet with every rule, and "
               "drop-down lists (the same workbook as `python -m dashboard template`)."))


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
        _("Excel workbook (.xlsx, the template) or a zip of CSV files (.zip)"),
        type=list(loading.ACCEPTED), key=f"load_file_{gen}", max_upload_size=cap,
        help=_("At most {cap}, set on the server by ICT_DASHBOARD_MAX_UPLOAD_MB. A zip holds "
               "one <table>.csv per table: initiatives.csv, agencies.csv, costs.csv, "
               "benefits.csv, commitments.csv, contributions.csv.").format(
                   cap=config.upload_cap_text(cap)))
    _uploader_in_language(f"load_file_{gen}")
    say.caption(_("One file of at most {cap}. The figures are checked against every rule of "
                  "the data contract; nothing is published until you press Publish.").format(
                      cap=config.upload_cap_text(cap)))
    if f is None:
        return None
    held = st.session_state.get(_CHECKED)
    # the report is worded when the file is checked: checked again in another language
    seen = (f.file_id, translate.current())
    if held is None or held[0] != seen:
        with st.spinner(_("Checking every rule…")):
            checked = loading.check_upload(f.name, f.getvalue(), cap)
            summary = loading.initiative_summary(checked.tables) if checked.ok else None
        held = st.session_state[_CHECKED] = (seen, checked, summary)
    return held[1], held[2]


def _uploader_in_language(key: str) -> None:
    """Streamlit's uploader (widget `key`) writes its button ("Upload") and the line beside
    it ("20MB per file • XLSX, ZIP") in English only: its button says the word in the
    reader's language instead (drawn by the style in place of Streamlit's), and the line is
    not shown (the caption under the uploader states the cap, its label the kinds of file)."""
    # TRANSLATORS: the file uploader's button, which opens the choice of a file
    word = _("Upload").replace("\\", "\\\\").replace('"', '\\"')
    box, button = f".st-key-{key}", '[data-testid="stFileUploaderDropzone"] button'
    st.html(f'<style>{box} [data-testid="stFileUploaderDropzoneInstructions"] '
            f'{{ display: none; }} {box} {button} [data-testid="stMarkdownContainer"] p '
            f'{{ display: none; }} {box} {button} [data-testid="stMarkdownContainer"]::after '
            f'{{ content: "{word}"; }}</style>')


def preview(checked: loading.Checked, summary: pd.DataFrame) -> None:
    """Rows per table, the totals, and what changes against the newest snapshot."""
    say.header(_("Preview"))
    left, right = st.columns(2)
    with left:
        say.subheader(_("Rows per table"))
        rows = loading.rows_per_table(checked.tables)
        st.table(rows.rename(columns={"table": _("Table"), "rows": _("Rows")}), hide_index=True)
    with right:
        say.subheader(_("Totals"))
        totals = loading.totals_frame(checked.tables)
        totals["amount_usd"] = totals["amount_usd"].map(
            lambda x: _("${amount}").format(amount=number(x, 2)))
        st.table(totals.rename(columns={"figure": _("Figure"), "amount_usd": _("Amount")}),
                 hide_index=True)
    say.subheader(_("What changed"))
    newest = get_db().scan().newest
    if newest is None:
        say.info(_("No snapshot is published yet: this will be the first."))
        return
    before = get_db().query("initiative_summary", Filters(snapshot=newest.as_of))
    changes = comparison.compare_snapshots(before, summary)
    named = changes.assign(name=changes["name"].map(md, na_action="ignore"))
    say.caption(_("Against the newest published snapshot, {date}.").format(
        date=format_date(newest.as_of)))
    say.markdown("\n".join(f"- {line}" for line in comparison.change_summary(named, newest.as_of)))
    with st.expander(_("Every initiative, before and after")):
        table(changes, "load_changes")


def publish_form(checked: loading.Checked, role: str | None) -> None:
    say.header(_("Publish"))
    as_of = st.date_input(_("As-of date of the figures"), value=None, min_value=FIRST_DATE,
                          max_value=LAST_DATE, format="YYYY-MM-DD", key=AS_OF)
    st.text_input(_("Source note: who sent the figures, which business cases"),
                  max_chars=MAX_TEXT_CHARS, key=NOTE,
                  placeholder=_("uploaded {file}").format(file=checked.name))
    exists = as_of is not None and get_db().scan().get(as_of.isoformat()) is not None
    confirmed = False
    if exists and auth.may_publish(role, replacing=True):
        say.warning(_("A snapshot of {date} is already published. Publishing replaces it: "
                      "every reader then sees these figures instead.").format(
                          date=format_date(as_of)), icon=":material/warning:")
        confirmed = st.checkbox(_("Yes, replace the published snapshot of {date}").format(
            date=format_date(as_of)), key=CONFIRM)
    elif exists:
        say.warning(_("A snapshot of {date} is already published, and only an admin may "
                      "replace one. Choose another date.").format(date=format_date(as_of)),
                    icon=":material/warning:")
    st.button(_("Replace the snapshot") if exists else _("Publish"), key="load_publish",
              type="primary", icon=":material/publish:", on_click=_publish, args=(checked,),
              disabled=as_of is None or (exists and not confirmed))


def _publish(checked: loading.Checked) -> None:
    """The Publish button's callback, on the server: the role of this session now, the
    form's values now; publishing.publish checks the role once more under its lock."""
    language.restore()  # a callback runs before app.py sets this run's language
    user = signin.identity()
    as_of_value = st.session_state.get(AS_OF)
    as_of = as_of_value.isoformat() if as_of_value else ""
    replacing = bool(as_of) and get_db().scan(refresh=True).get(as_of) is not None
    try:
        user = signin.check_publish_now(user, replacing)  # the role now, here and at the provider
    except auth.NotAllowed as e:
        st.session_state[RESULT] = ("error", _("Not published: {why}.").format(why=e))
        return
    if replacing and not st.session_state.get(CONFIRM):
        st.session_state[RESULT] = ("error", _("Not published: replacing {date} needs the "
                                               "confirmation box ticked.").format(
                                                   date=format_date(as_of)))
        return
    note = st.session_state.get(NOTE) or ""
    try:
        loading.publish_upload(config.data_dir(), checked, as_of, note, user.actor(),
                               replace=replacing)
    except (auth.NotAllowed, ValueError) as e:
        st.session_state[RESULT] = ("error", _("Not published: {why}.").format(why=e))
        return
    except folders.SnapshotExists:
        st.session_state[RESULT] = ("error", _("Not published: a snapshot of {date} was "
                                               "published meanwhile. Choose another date.")
                                    .format(date=format_date(as_of)))
        return
    except remote_publish.PublishedWithoutRecord:
        _LOG.exception("publishing %s: live without its audit record", as_of)
        st.session_state[RESULT] = ("error", _(
            "The snapshot of {date} was published, but its audit record could not be written "
            "and the publish could not be undone: it is live without its audit record. Tell "
            "an administrator (the server's log says why).").format(date=format_date(as_of)))
        return
    except OSError:
        _LOG.exception("publishing %s failed", as_of)
        st.session_state[RESULT] = ("error", _("Not published: the snapshot could not be "
                                               "written on the server (its log says why); "
                                               "nothing was changed."))
        return
    st.session_state[RESULT] = ("success", (
        _("Published the snapshot of {date} (replaced), recorded in the audit log. The sidebar "
          "now shows it: every page reads it.") if replacing else
        _("Published the snapshot of {date} (new), recorded in the audit log. The sidebar now "
          "shows it: every page reads it.")).format(date=format_date(as_of)))
    st.session_state[SIDEBAR_SNAPSHOT] = as_of  # the analyst sees what they published
    release_this_session_uploads()  # the upload is published: free its bytes
    st.session_state[_GEN] = st.session_state.get(_GEN, 0) + 1
    for key in (_CHECKED, AS_OF, NOTE, CONFIRM):
        st.session_state.pop(key, None)
