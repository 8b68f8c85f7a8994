"""The reader's language in the app (data/README.md, "Languages"): chosen at the top of
every script run, kept in the address as `lang=en|fr`, switched in the sidebar.

- `apply()`, first thing in every run (dashboard/app.py, before the page names are
  made): the language of this run, set in the run's ContextVar (dashboard/lang/
  translate.py), so one session's language never reaches another's. The address's
  `lang=` wins when the address changed since this session last wrote it (a pasted link,
  the browser's back and forward buttons); otherwise the session's choice stands; a new
  session without `lang=` takes the browser's language (`st.context.locale`) when it is
  offered, else English. A value not offered shows the fallback with a notice.
- `restore()` at the top of a fragment (ui/briefing.py): a fragment's rerun runs in a
  new thread without app.py, so it sets the session's language itself.
- `switch(container)`, in the sidebar: the choice. Switching changes nothing else: the
  filters are other widgets and other parameters of the address, all kept.

Why the switch is not bound to the address by Streamlit (`bind="query-params"`): a bound
widget's default is left out of the address, and the default here is the browser's
language, so a link copied in a French browser would open in English in another; here the
address always names the language shown, with the same rules as ui/snapshot_link.py.
"""

from __future__ import annotations

import streamlit as st

from dashboard.lang.translate import (
    DEFAULT,
    LANGUAGES,
    PARAM,
    _,
    choose,
    from_locale,
    set_language,
)
from dashboard.ui import say

KEY = PARAM  # the switch's key and the address's parameter: "lang", in every language
_WRITTEN = "_lang_in_url"  # the value this session last wrote to the address
_NOTICE = "_lang_notice"
# the session's language beside the switch's own state, which Streamlit drops on a run
# that does not draw the switch (the sign-in page)
_CHOSEN = "_lang_chosen"


def _url_value() -> str | None:
    given = [v for v in st.query_params.get_all(PARAM) if v != ""]
    return given[-1] if given else None  # Streamlit's rule: the last value counts


def _browser() -> str | None:
    try:
        return st.context.locale
    except Exception:  # noqa: BLE001 - no browser (a bare script run): no locale
        return None


def apply() -> str:
    """This run's language, set for the run and written to the address; a `lang=` value
    not offered leaves a notice for `notice()`."""
    url = _url_value()
    if url is not None and url != st.session_state.get(_WRITTEN):
        lang, said = choose(url, _browser())
        st.session_state[KEY] = lang
        if said:
            st.session_state[_NOTICE] = said
    elif st.session_state.get(KEY) not in LANGUAGES:
        kept = st.session_state.get(_CHOSEN)
        st.session_state[KEY] = kept if kept in LANGUAGES else from_locale(_browser())
    lang = st.session_state[KEY]
    st.session_state[_CHOSEN] = lang
    set_language(lang)
    if st.query_params.get_all(PARAM) != [lang]:
        st.query_params[PARAM] = lang
    st.session_state[_WRITTEN] = lang
    return lang


def restore() -> None:
    """At the top of a fragment's own rerun (which runs no app.py, in a thread of its
    own, so with the English default): the session's language again."""
    lang = st.session_state.get(KEY, st.session_state.get(_CHOSEN))
    set_language(lang if lang in LANGUAGES else DEFAULT)


def notice() -> None:
    """The notice of a `lang=` value not offered (once, on the run that read it)."""
    said = st.session_state.pop(_NOTICE, None)
    if said:
        say.warning(said, icon=":material/translate:")


def switch(container) -> None:
    """The language switch (in the sidebar): each language in its own name."""
    container.radio(
        _("Language"), list(LANGUAGES), key=KEY, format_func=LANGUAGES.get, horizontal=True,
        help=_("The page's language. Every filter stays as it is, and the page's address "
               "names the language, so a copied link opens in it."))
