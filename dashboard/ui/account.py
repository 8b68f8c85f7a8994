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
from dashboard.access import tokens
from dashboard.feed.routes import PREFIX
from dashboard.output.usertext import md
from dashboard.store import audit, folders
from dashboard.ui import say, signin

NEW_TOKEN = "account_new_token"  # session state: (id, token) just created, shown once
EXAMPLE = "kpis.csv"
REVOKE_PLACEHOLDER = "Choose a token to revoke"
REVOKE_NONE_CHOSEN = "Choose the token to revoke first: none was revoked."
TIMES_IN_ZONE = "Times are in your browser's time zone, {zone}."
TIMES_IN_UTC = "Times are in UTC (Coordinated Universal Time)."
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
    return dt.datetime.fromtimestamp(t, zone).strftime("%Y-%m-%d %H:%M")


def times_note(zone_name: str | None) -> str:
    return TIMES_IN_ZONE.format(zone=zone_name) if zone_name else TIMES_IN_UTC


def base_url() -> str:
    """The dashboard's address as this browser sees it (for the examples)."""
    url = (st.context.url or "").split("?")[0].rstrip("/")
    page = "/account"
    return url[: -len(page)] if url.endswith(page) else url or "https://dashboard.example.org"


def _owner(claims: dict) -> tuple[str, str]:
    return str(claims.get("sub", "")), str(claims.get("iss", ""))


def intro(user: signin.Identity) -> None:
    say.markdown(f"Signed in as {md(user.name or user.who)} · access: "
                 f"**{(user.role or 'none').capitalize()}**.")
    say.header("Data-feed tokens")
    say.markdown(
        "A token lets Excel or Power BI fetch the dashboard's figures as you, and refresh "
        "them. It can only read: it cannot load or publish data. It keeps the access you "
        "have when you create it; if your access changes, create a new one. Treat it like "
        "a password: anyone holding it reads the figures as you until it expires or you "
        "revoke it. (For Python or R: send it as the header `Authorization: Bearer "
        f"TOKEN` to the feed at `{PREFIX}`; the data team's guide, docs/data-feed.md, has "
        "the details.)")


def show_new() -> None:
    """The token just created, once: copy it now (it is never shown again)."""
    held = st.session_state.get(NEW_TOKEN)
    if not held:
        return
    token_id, token = held
    say.success(f"Your new token is in the box below (reference {token_id}). Copy all of "
                f"it now, with the copy button: it starts with {tokens.PREFIX} and it "
                "will not be shown again (the server keeps only a fingerprint of it).",
                icon=":material/key:")
    say.markdown("**Your token (secret):**")
    st.code(token, language=None, wrap_lines=False)
    address = f"{base_url()}{PREFIX}/{EXAMPLE}"
    say.markdown(
        f"**Excel:** Data → Get Data → From Other Sources → From Web → **Advanced**. URL "
        f"parts: `{address}`. HTTP request header parameters: `Authorization` in the "
        "first box, `Bearer TOKEN` in the second (your token in place of TOKEN). Then OK, "
        "and Load.\n\n"
        "**Power BI:** Get data → Blank query → Advanced Editor, and paste (with your "
        "token in place of TOKEN):")
    st.code(power_query(address), language=None, wrap_lines=True)
    if st.button("Done: hide the token (it cannot be shown again)",
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
    say.subheader("Create a token")
    try:
        choices = tokens.day_choices()
    except ValueError as e:  # a wrong ICT_DASHBOARD_TOKEN_DAYS on the server
        say.error(f"Tokens cannot be created on this server until its setting is fixed: {e}.",
                  icon=":material/error:")
        return
    with st.form("account_create", clear_on_submit=True, border=True):
        label = st.text_input("Label (what it is for)", key="account_label",
                              max_chars=tokens.LABEL_MAX,
                              placeholder="e.g. Finance workbook, monthly refresh")
        days = st.selectbox("Expires after", choices, key="account_days",
                            format_func=lambda d: f"{d} days" if d > 1 else "1 day",
                            help=f"At most {tokens.max_days()} days on this server "
                                 f"({tokens.DAYS_ENV}).")
        made = st.form_submit_button("Create token", key="account_create_submit",
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
    return pd.DataFrame([{"Label": t.label, "Status": t.status().capitalize(),
                          "Expires": when(t.expires, zone),
                          "Last used": when(t.last_used, zone) or "Never",
                          "Created": when(t.created, zone),
                          "Access": (t.role or "").capitalize(),
                          "Reference (not the secret)": t.id}
                         for t in mine])


def listing(user: signin.Identity, claims: dict) -> None:
    say.subheader("Your tokens")
    sub, iss = _owner(claims)
    mine, damaged = tokens.owned(config.data_dir(), sub, iss)
    for problem in damaged:
        say.warning(f"A token record cannot be read: {md(problem)}", icon=":material/error:")
    if not mine:
        say.caption("You have no tokens yet.")
        return
    zone, zone_name = reader_zone()
    st.dataframe(table(mine, zone), hide_index=True, width="stretch", key="account_tokens")
    say.caption(times_note(zone_name))
    active = [t for t in mine if t.status() == "active"]
    if not active:
        return
    with st.form("account_revoke", border=True):
        pick = st.selectbox("Revoke a token (it stops working at once)",
                            [t.id for t in active], key="account_revoke_pick", index=None,
                            placeholder=REVOKE_PLACEHOLDER,
                            format_func=lambda i: next(f"{t.label} · {t.id}" for t in active
                                                       if t.id == i))
        gone = st.form_submit_button("Revoke", key="account_revoke_submit",
                                     icon=":material/block:")
    if gone and pick is None:
        say.warning(REVOKE_NONE_CHOSEN, icon=":material/info:")
    elif gone:
        rec = tokens.revoke(config.data_dir(), str(pick), sub, iss, by=user.who)
        audit.append(config.data_dir(), audit.TokenEvent(
            at=folders.now_utc(), actor=user.actor(), action=audit.ACTION_TOKEN_REVOKED,
            token=rec.id, expires=tokens.iso(rec.expires)))
        held = st.session_state.get(NEW_TOKEN)
        if held and held[0] == rec.id:
            st.session_state.pop(NEW_TOKEN, None)
        st.rerun()
