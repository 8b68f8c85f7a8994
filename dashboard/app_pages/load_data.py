"""Load data: an analyst uploads a filled-in template (or a zip of CSV files), reads the
validation report, previews a valid file (rows, totals, what changed) and publishes it
with its as-of date and a source note. Offered only when sign-in is configured; a session
without the analyst role sees why, and no upload. The blocks are dashboard/ui/load.py."""

from __future__ import annotations

import streamlit as st

from dashboard.access import auth
from dashboard.contract import dated_after
from dashboard.lang.translate import _
from dashboard.ui import load, say, signin

say.title(_("Load data"))
user = signin.identity()
role = user.role if user is not None else None
load.last_result()
if not auth.may_publish(role, replacing=False):
    load.not_allowed(user)
    st.stop()

load.intro()
held = load.upload()
if held is None:
    st.stop()
checked, summary = held
load.report(checked)
if not checked.ok:
    st.stop()
load.preview(checked, summary)
# accepted, but said before publishing: paid contributions dated after the chosen as-of date
if (as_of := st.session_state.get(load.AS_OF)) and (
        late := dated_after.paid_after_warning(checked.tables, as_of.isoformat())):
    say.warning(late, icon=":material/event_upcoming:")
load.publish_form(checked, role)
