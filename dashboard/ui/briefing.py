"""The sidebar's "Briefing (PDF)": the current view as a briefing pack.

A click makes the PDF (dashboard/output/briefing.py, the road `python -m dashboard briefing`
takes too) and offers it as a download. The control is a fragment: making a pack reruns
only the control, never the page. One briefing at a time per server: a second request
waits, with a message, for the first to end (at most the time limit), and a failure
(Chromium missing, the time limit) is a message, never a traceback.
"""

from __future__ import annotations

import logging

import streamlit as st

from dashboard.lang.translate import _, current
from dashboard.output import briefing, briefing_lock
from dashboard.output.pdf import TIME_LIMIT_S
from dashboard.ui import language
from dashboard.ui.context import AppContext

_MADE = "_briefing_made"  # (view, file name, PDF bytes) of the last pack made here
log = logging.getLogger(__name__)


def _view(app: AppContext) -> tuple:
    c = app.ctx
    return (app.snapshot.as_of, app.snapshot.token, c.filters, c.discount_rate, c.weights,
            c.budget, c.compare_to, current())  # the pack is in the session's language


def briefing_control(app: AppContext, where: object) -> None:
    with where:  # type: ignore[attr-defined]
        _control(app)


@st.fragment
def _control(app: AppContext) -> None:
    language.restore()  # a fragment's own rerun: the session's language again
    view = _view(app)
    if st.button(_("Briefing (PDF)"), key="make_briefing", icon=":material/picture_as_pdf:",
                 width="stretch", help=_("The current view as a briefing pack for a board: "
                 "A4 landscape, every page's charts, the headline figures, the methods. "
                 "Takes about 10 to 30 seconds.")):
        _make(app, view)
    made = st.session_state.get(_MADE)
    if made is not None and made[0] == view:
        st.download_button(_("Download the briefing (PDF)"), data=made[2], file_name=made[1],
                           mime="application/pdf", key="download_briefing", on_click="ignore",
                           icon=":material/download:", width="stretch", type="primary")


def _make(app: AppContext, view: tuple) -> None:
    st.session_state.pop(_MADE, None)
    note = st.empty()
    if briefing_lock.busy():
        note.info(_("Another briefing is being made on this server; yours starts as soon as "
                    "it is done (one at a time)."), icon=":material/hourglass_top:")
    with briefing_lock.one_at_a_time(TIME_LIMIT_S) as got:
        if not got:
            note.warning(_("The server is still busy with another briefing. Try again in a "
                           "minute."), icon=":material/hourglass_bottom:")
            return
        try:
            with note.container(), st.spinner(_("Making the briefing (PDF)…")):
                pdf = briefing.make_briefing(app.ctx, app.snapshot, app.scan, app.options)
        except briefing.BriefingError as e:
            log.warning("briefing not made: %s", e)
            note.error(_("The briefing could not be made: {error}").format(error=e),
                       icon=":material/error:")
            return
    note.empty()
    st.session_state[_MADE] = (view, briefing.file_name(app.snapshot), pdf)
