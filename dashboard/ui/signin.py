"""Sign-in with OpenID Connect, by Streamlit's own st.login / st.user / st.logout.

Configured in `.streamlit/secrets.toml`: `[auth]` (redirect_uri, cookie_secret, client_id,
client_secret, server_metadata_url: `.streamlit/secrets.toml.example`) and `[roles]` (the
ID-token claim that carries the roles and its mapping, read by dashboard/access/auth.py).

- No `[auth]`: the app runs open and read-only, as before; nobody signs in, nothing can be
  published from the browser.
- `[auth]`: the sidebar offers "Sign in" (and, signed in, who and which role, "Sign out");
  an analyst or admin gets the "Load data" page.
- ICT_DASHBOARD_REQUIRE_LOGIN=1: an anonymous visitor gets only the sign-in page, on any
  address; without `[auth]` the app refuses to serve rather than run open.

The identity is read from st.user on the server at every run (Streamlit fills it from its
signed identity cookie): nothing a browser sends can change a session's role. A sign-in
counts while it is current (dashboard/access/sign_ins.py): not signed out, not older than
`[roles] sign_in_max_hours`; a publish asks the provider for the role again
(`check_publish_now`). Sign out records the sign-in as ended on the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from dashboard import config
from dashboard import pages as registry
from dashboard.access import auth, guard, sign_ins
from dashboard.lang.translate import _
from dashboard.output.usertext import md
from dashboard.store import audit
from dashboard.ui import say


def configured() -> bool:
    """Whether secrets.toml has an `[auth]` section (sign-in is offered)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def role_settings() -> auth.RoleSettings:
    """The `[roles]` settings; wrong settings stop the app with the reason (fail closed)."""
    section = st.secrets.get("roles") if st.secrets.load_if_toml_exists() else None
    try:
        return auth.RoleSettings.from_mapping(section if isinstance(section, Mapping) else None)
    except auth.RolesConfigError as e:
        say.error(_("The sign-in settings are wrong, so the dashboard is not served: {error} "
                    "(.streamlit/secrets.toml).").format(error=e), icon=":material/lock:")
        st.stop()
        raise  # st.stop() ends the run; this line is never reached


@dataclass(frozen=True)
class Identity:
    who: str  # e-mail, else preferred_username, else the subject
    name: str
    role: str | None  # None: signed in, but no role for this dashboard

    def actor(self) -> audit.Actor:
        return audit.Actor(who=self.who, role=self.role or "", via=audit.VIA_BROWSER,
                           name=self.name)


def _claims() -> dict | None:
    """The claims of this session's signed identity (None: anonymous or not configured)."""
    if not configured() or not st.user.is_logged_in:
        return None
    return {k: v for k, v in st.user.to_dict().items() if k != "tokens"}


def claims() -> dict | None:
    """The claims of a current sign-in (None: anonymous, or a sign-in that ended)."""
    return _claims() if ended() is None else None


def ended() -> str | None:
    """Why this session's sign-in no longer counts (None: current, or nobody signed in)."""
    claims = _claims()
    if claims is None:
        return None
    return sign_ins.stale_reason(claims, config.data_dir(), role_settings().sign_in_max_hours)


def identity() -> Identity | None:
    """The signed-in user of this session (None: anonymous, sign-in not configured, or a
    sign-in that ended: signed out, or older than the maximum age)."""
    claims = _claims()
    if claims is None or ended() is not None:
        return None
    who = str(claims.get("email") or claims.get("preferred_username") or claims.get("sub")
              or "unknown")
    return Identity(who=who, name=str(claims.get("name") or ""),
                    role=auth.role_from_claims(claims, role_settings()))


def role() -> str | None:
    user = identity()
    return user.role if user is not None else None


def sign_in_button(key: str) -> None:
    if st.button(_("Sign in"), key=key, type="primary", icon=":material/login:"):
        st.login()


def sign_in_page() -> None:
    """All an anonymous visitor sees while sign-in is required."""
    say.title(_("Sign in"))
    say.markdown(_("The UN system ICT portfolio dashboard is open to signed-in users only. "
                   "Sign in with your organization's account."))
    why = ended()
    if why:
        say.info(_("Your earlier sign-in no longer counts: {why}. Sign in again.").format(why=why),
                icon=":material/schedule:")
    sign_in_button("sign_in_page")


def no_role_page() -> None:
    """A signed-in user whose token maps to no role, while sign-in is required."""
    user = identity()
    say.title(_("No access"))
    say.markdown(_("You are signed in as {who}, but your account has no role for this "
                   "dashboard. Ask its administrator for access.").format(
                       who=_plain(user.who if user else "")))
    sign_out_button("sign_out_no_role")


def sign_out_button(key: str) -> None:
    if st.button(_("Sign out"), key=key, icon=":material/logout:"):
        claims = _claims()
        if claims is not None:  # ended on the server: a copy of the cookie is refused
            sign_ins.revoke_or_log(config.data_dir(), claims)
        st.logout()


def check_publish_now(user: Identity | None, replacing: bool) -> Identity:
    """Before a publish (or replace): this session's role allows it, and the provider, asked
    again with the sign-in's access token, still gives a role that allows it. Returns the
    identity with the provider's role now; raises auth.NotAllowed saying why not."""
    if user is None:
        raise auth.NotAllowed(_("sign in first"))
    auth.check_publish(user.role, replacing)  # the role of this session, now
    settings = role_settings()
    if not settings.recheck_at_publish:  # the sign-in's role, bounded by its maximum age
        return user
    claims = _claims() or {}
    section = st.secrets.get("auth") or {}
    provider = str(claims.get("provider") or "default")
    if provider != "default" and isinstance(section.get(provider), Mapping):
        section = section[provider]
    token = st.user.tokens.to_dict().get("access")
    role = sign_ins.recheck_role(claims, token, settings, section.get("server_metadata_url"))
    if not auth.may_publish(role, replacing):
        needed = auth.role_to_publish(replacing)
        raise auth.NotAllowed(_("the sign-in provider no longer gives you the {needed} role "
                                "(it now gives {role}); sign out and sign in again").format(
                                    needed=auth.role_word(needed),
                                    role=auth.role_word(role) if role else _("none")))
    return Identity(who=user.who, name=user.name, role=role)


def account_box() -> None:
    """In the sidebar, when sign-in is configured: sign in, or who and which role."""
    if not configured():
        return
    user = identity()
    with st.sidebar.container(key="account"):
        if user is None:
            why = ended()
            say.caption(_("Your sign-in no longer counts ({why}): sign in again.").format(why=why)
                        if why else _("Analysts sign in to load new figures."))
            sign_in_button("sign_in_sidebar")
            return
        say.caption(_("Signed in as {who} · {role}").format(who=_plain(user.name or user.who),
                                                            role=auth.role_word(user.role)))
        sign_out_button("sign_out_sidebar")


def gate() -> str | None:
    """Before any page: when sign-in is required, an anonymous visitor (or one without a
    role) gets only the sign-in (or no-access) page, whatever address was opened. Returns
    the session's role (None: anonymous or no role)."""
    required = auth.require_login()
    if required and not configured():
        say.error(_("{setting}=1 asks for sign-in on every page, but .streamlit/secrets.toml "
                    "has no [auth] section: the dashboard is not served until sign-in is "
                    "configured (docs/security.md).").format(setting=auth.REQUIRE_LOGIN_ENV),
                  icon=":material/lock:")
        st.stop()
    if configured() and not guard.guarding():
        say.error(_("Sign-in is configured, but this server runs without its guard (uploads, "
                    "downloads and sign-outs are checked there): serve the dashboard with "
                    "`streamlit run dashboard/server.py` (docs/security.md, row 30)."),
                 icon=":material/lock:")
        st.stop()
    user = identity()
    if required and (user is None or user.role is None):
        page = sign_in_page if user is None else no_role_page
        # every address of the app leads here (no "page not found" over the sign-in)
        st.navigation([st.Page(page, title=_("Sign in"), url_path="sign-in", default=True)] + [
            st.Page(page, title=_("Sign in"), url_path=p.url_path, visibility="hidden")
            for p in (*registry.PAGES, *registry.ROLE_PAGES)], position="hidden").run()
        st.stop()
    return user.role if user is not None else None


def _plain(text: str) -> str:
    return md(text)  # a name from the identity provider is text, never markup
