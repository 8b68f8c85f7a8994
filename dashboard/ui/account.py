"""The Account page's blocks (dashboard/app_pages/account.py): a signed-in user's tokens for
the data feed (dashboard/access/tokens.py): create one (shown once, with how to use it in
Excel and Power BI), list them (label, id, role, created, last used, expires, status) and
revoke one (the picker starts empty: no token is revoked by a click on Revoke alone).
Creation and revocation go into the audit trail (dashboard/store/audit.py).

Times are shown in the browser's time zone (`st.context.timezone`), named under the table;
in UTC, said so, when the browser gives none (the audit trail and the data feed keep UTC)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.access import auth, tokens
from dashboard.feed.routes import PREFIX
from dashboard.lang.lazy import N_
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _, ngettext
from dashboard.output.usertext import md
from dashboard.store import audit, folders
from dashboard.ui import say, signin
from dashboard.ui.formats import in_run_language

NEW_TOKEN = "account_new_token"  # session state: (id, token) just created, shown once
EXAMPLE = "kpis.csv"
REVOKE_PLACEHOLDER = N_("Choose a token to revoke")
REVOKE_NONE_CHOSEN = N_("Choose the token to revoke first: none was revoked.")
TIMES_IN_ZONE = N_("Times are in your browser's time zone, {zone}.")
TIMES_IN_UTC = N_("Times are in UTC (Coordinated Universal Time).")
STATUS_WORDS = {"active": N_("active"), "expired": N_("expired"), "revoked": N_("revoked")}
Zone = ZoneInfo | dt.timezone


def reader_zone() -> tuple[Zone, str | None]:
    """The browser's time zone and its name; UTC and None when the browser gives none (or
    one this server does not know)."""
    name = st.context.timezone
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC, None


def when(t: float | None, zone: Zone = dt.UTC) -> str:
    """A token's time in `zone`: '2026-12-03 13:00'; '' when there is none."""
    if t is None:
        return ""
    at = dt.datetime.fromtimestamp(t, zone)  # the date in the reader's language
    return f"{format_date(at.date())} {at:%H:%M}"


def times_note(zone_name: str | None) -> str:
    return _(TIMES_IN_ZONE).format(zone=zone_name) if zone_name else _(TIMES_IN_UTC)


def base_url() -> str:
    """The dashboard's address as this browser sees it (for the examples)."""
    url = (st.context.url or "").split("?")[0].rstrip("/")
    page = "/account"
    return url[: -len(page)] if url.endswith(page) else url or "https://dashboard.example.org"


def _owner(claims: dict) -> tuple[str, str]:
    return str(claims.get("sub", "")), str(claims.get("iss", ""))


def intro(user: signin.Identity) -> None:
    say.markdown(_("Signed in as {who} · access: **{role}**.").format(
        who=md(user.name or user.who),
        role=(auth.role_word(user.role) if user.role else _("none")).capitalize()))
    say.header(_("Data-feed tokens"))
    say.markdown(_(
        "A token lets Excel or Power BI fetch the dashboard's figures as you, and refresh "
        "them. It can only read: it cannot load or publish data. It keeps the access you "
        "have when you create it; if your access changes, create a new one. Treat it like "
        "a password: anyone holding it reads the figures as you until it expires or you "
        "revoke it. (For Python or R: send it as the header `Authorization: Bearer "
        "TOKEN` to the feed at `{feed}`; the data team's guide, docs/data-feed.md, has "
        "the details.)").format(feed=PREFIX))


def show_new() -> None:
    """The token just created, once: copy it now (it is never shown again)."""
    held = st.session_state.get(NEW_TOKEN)
    if not held:
        return
    token_id, token = held
    say.success(_("Your new token is in the box below (reference {id}). Copy all of it now, "
                  "with the copy button: it starts with {prefix} and it will not be shown "
                  "again (the server keeps only a fingerprint of it).").format(
                      id=token_id, prefix=tokens.PREFIX),
                icon=":material/key:")
    say.markdown(_("**Your token (secret):**"))
    st.code(token, language=None, wrap_lines=False)
    address = f"{base_url()}{PREFIX}/{EXAMPLE}"
    say.markdown(_(
        "**Excel:** Data → Get Data → From Other Sources → From Web → **Advanced**. URL "
        "parts: `{address}`. HTTP request header parameters: `Authorization` in the "
        "first box, `Bearer TOKEN` in the second (your token in place of TOKEN). Then OK, "
        "and Load.\n\n"
        "**Power BI:** Get data → Blank query → Advanced Editor, and paste (with your "
        "token in place of TOKEN):").format(address=address))
    st.code(power_query(address), language=None, wrap_lines=True)
    if st.button(_("Done: hide the token (it cannot be shown again)"),
                 key="account_token_copied", icon=":material/done:"):
        st.session_state.pop(NEW_TOKEN, None)
        st.rerun()


def power_query(address: str) -> str:
    return ("let\n"
            f'    Source = Csv.Document(Web.Contents("{address}",\n'
            '        [Headers=[Authorization="Bearer TOKEN"]]), [Encoding=65001]),\n'
            "    Table = Table.PromoteHeaders(Source)\n"
            "in\n"
            "    Table")


def create_form(user: signin.Identity, claims: dict) -> None:
    say.subheader(_("Create a token"))
    try:
        choices = tokens.day_choices()
    except ValueError as e:  # a wrong ICT_DASHBOARD_TOKEN_DAYS on the server
        say.error(_("Tokens cannot be created on this server until its setting is fixed: "
                    "{error}.").format(error=e),
                  icon=":material/error:")
        return
    with st.form("account_create", clear_on_submit=True, border=True):
        label = st.text_input(_("Label (what it is for)"), key="account_label",
                              max_chars=tokens.LABEL_MAX,
                              placeholder=_("e.g. Finance workbook, monthly refresh"))
        days = st.selectbox(_("Expires after"), choices, key="account_days",
                            format_func=in_run_language(
                                lambda d: ngettext("{n} day", "{n} days", d).format(n=d)),
                            help=_("At most {n} days on this server ({setting}).").format(
                                n=tokens.max_days(), setting=tokens.DAYS_ENV))
        made = st.form_submit_button(_("Create token"), key="account_create_submit",
                                     type="primary", icon=":material/add:")
    if not made:
        return
    sub, iss = _owner(claims)
    token, rec = tokens.create(config.data_dir(), label=label, owner=user.who, sub=sub,
                               iss=iss, role=user.role or "", days=int(days))
    audit.append(config.data_dir(), audit.TokenEvent(
        at=folders.now_utc(), actor=user.actor(), action=audit.ACTION_TOKEN_CREATED,
        token=rec.id, expires=tokens.iso(rec.expires)))
    st.session_state[NEW_TOKEN] = (rec.id, token)
    st.rerun()


def table(mine: list[tokens.Token], zone: Zone = dt.UTC) -> pd.DataFrame:
    # what matters most first (a phone shows the first columns)
    return pd.DataFrame([{_("Label"): t.label, _("Status"): _(STATUS_WORDS[t.status()]).capitalize(),
                          _("Expires"): when(t.expires, zone),
                          _("Last used"): when(t.last_used, zone) or _("Never"),
                          _("Created"): when(t.created, zone),
                          _("Access"): (auth.role_word(t.role) if t.role else "").capitalize(),
                          _("Reference (not the secret)"): t.id}
                         for t in mine])


def listing(user: signin.Identity, claims: dict) -> None:
    say.subheader(_("Your tokens"))
    sub, iss = _owner(claims)
    mine, damaged = tokens.owned(config.data_dir(), sub, iss)
    for problem in damaged:
        say.warning(_("A token record cannot be read: {problem}").format(problem=md(problem)),
                    icon=":material/error:")
    if not mine:
        say.caption(_("You have no tokens yet."))
        return
    zone, zone_name = reader_zone()
    st.dataframe(table(mine, zone), hide_index=True, width="stretch", key="account_tokens")
    say.caption(times_note(zone_name))
    active = [t for t in mine if t.status() == "active"]
    if not active:
        return
    with st.form("account_revoke", border=True):
        pick = st.selectbox(_("Revoke a token (it stops working at once)"),
                            [t.id for t in active], key="account_revoke_pick", index=None,
                            placeholder=_(REVOKE_PLACEHOLDER),
                            format_func=lambda i: next(f"{t.label} · {t.id}" for t in active
                                                       if t.id == i))
        gone = st.form_submit_button(_("Revoke"), key="account_revoke_submit",
                                     icon=":material/block:")
    if gone and pick is None:
        say.warning(_(REVOKE_NONE_CHOSEN), icon=":material/info:")
    elif gone:
        rec = tokens.revoke(config.data_dir(), str(pick), sub, iss, by=user.who)
        audit.append(config.data_dir(), audit.TokenEvent(
            at=folders.now_utc(), actor=user.actor(), action=audit.ACTION_TOKEN_REVOKED,
            token=rec.id, expires=tokens.iso(rec.expires)))
        held = st.session_state.get(NEW_TOKEN)
        if held and held[0] == rec.id:
            st.session_state.pop(NEW_TOKEN, None)
        st.rerun()
