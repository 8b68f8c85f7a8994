"""Account: a signed-in user's tokens for the data feed (create, shown once; list; revoke).
Offered only when sign-in is configured, listed for a signed-in user with a role; anyone
else opening its address is told to sign in. The blocks are dashboard/ui/account.py."""

from __future__ import annotations

import streamlit as st

from dashboard.lang.translate import _
from dashboard.ui import account, say, signin

say.title(_("Account"))
user = signin.identity()
claims = signin.claims()
if user is None or claims is None:
    say.info(_("Sign in to create tokens for the data feed."), icon=":material/login:")
    signin.sign_in_button("sign_in_account")
    st.stop()
if user.role is None:
    say.info(_("Your account has no role for this dashboard, so it cannot have tokens for "
               "the data feed. Ask the dashboard's administrator for access."),
             icon=":material/lock:")
    st.stop()

account.intro(user)
account.show_new()
account.create_form(user, claims)
account.listing(user, claims)
