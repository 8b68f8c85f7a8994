"""Who may do what: the roles, the role a signed-in user has, whether sign-in is required.

Plain Python (no Streamlit): the Streamlit side (st.login / st.user / st.logout) is
dashboard/ui/signin.py, which hands this module the ID token's claims and the `[roles]`
settings of `.streamlit/secrets.toml`.

Roles, each including the one before:
- viewer: sees the dashboard;
- analyst: also loads new snapshots (the "Load data" page);
- admin: also replaces a published snapshot.

A user's role comes from one claim of the ID token, named in the settings (`claim`, e.g.
`roles` for Microsoft Entra ID app roles, `groups` for Okta or Keycloak groups). The claim
holds a text or a list of texts; each is looked up in the mapping (`[roles.map]`, claim
value -> role) and the highest role found wins. A signed-in user with no mapped value gets
`default` ("viewer" unless set; "none" lets nobody in without a mapped value).
A sign-in lasts `sign_in_max_hours` (default 12; dashboard/access/sign_ins.py); Publish asks the
provider for the role again unless `recheck_at_publish = false` (for a provider whose
userinfo does not carry the role claim, e.g. Entra ID app roles: the sign-in's role then
holds until the sign-in's maximum age).

Without an `[auth]` section the app runs open and read-only: everyone is an anonymous
viewer and nothing can be published from the browser. ICT_DASHBOARD_REQUIRE_LOGIN=1 makes
every page require sign-in (it needs `[auth]`). docs/security.md, "Sign-in, roles and the
audit trail".
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
# the roles as a reader reads them (the settings and the records keep the names above)
ROLE_WORDS = {VIEWER: N_("viewer"), ANALYST: N_("analyst"), ADMIN: N_("admin")}


def role_word(role: str | None) -> str:
    """A role in the reader's language; "no role" for none."""
    return _(ROLE_WORDS[role]) if role in ROLE_WORDS else (role or _("no role"))
ROLES = (VIEWER, ANALYST, ADMIN)  # in increasing power
NO_ROLE = "none"  # a `default` that admits nobody without a mapped claim value
REQUIRE_LOGIN_ENV = "ICT_DASHBOARD_REQUIRE_LOGIN"
DEFAULT_CLAIM = "roles"
DEFAULT_SIGN_IN_MAX_HOURS = 12.0  # after this, a sign-in is over (dashboard/access/sign_ins.py)
MAX_SIGN_IN_MAX_HOURS = 720.0  # Streamlit's identity cookie lives 30 days at most


class RolesConfigError(ValueError):
    """The `[roles]` settings are wrong: said at start, never guessed around."""


@dataclass(frozen=True)
class RoleSettings:
    claim: str = DEFAULT_CLAIM
    mapping: Mapping[str, str] = field(default_factory=dict)  # claim value -> role
    default: str = VIEWER
    sign_in_max_hours: float = DEFAULT_SIGN_IN_MAX_HOURS
    recheck_at_publish: bool = True  # ask the provider's userinfo for the role at Publish

    @classmethod
    def from_mapping(cls, section: Mapping[str, object] | None) -> RoleSettings:
        """From the `[roles]` section of secrets.toml (absent: claim `roles`, no mapping)."""
        if not section:
            return cls()
        claim = section.get("claim", DEFAULT_CLAIM)
        if not isinstance(claim, str) or not claim.strip():
            raise RolesConfigError("[roles] claim must be the name of an ID-token claim")
        default = section.get("default", VIEWER)
        if default not in (*ROLES, NO_ROLE):
            raise RolesConfigError(f"[roles] default must be one of {', '.join(ROLES)} or "
                                   f"{NO_ROLE}, not {default!r}")
        raw = section.get("map", {}) or {}
        if not isinstance(raw, Mapping):
            raise RolesConfigError("[roles.map] must map claim values to roles")
        mapping: dict[str, str] = {}
        for value, role in raw.items():
            if role not in ROLES:
                raise RolesConfigError(f"[roles.map] {value!r} = {role!r}: a role must be one "
                                       f"of {', '.join(ROLES)}")
            mapping[str(value)] = str(role)
        hours = section.get("sign_in_max_hours", DEFAULT_SIGN_IN_MAX_HOURS)
        if (isinstance(hours, bool) or not isinstance(hours, (int, float))
                or not 0 < hours <= MAX_SIGN_IN_MAX_HOURS):
            raise RolesConfigError(f"[roles] sign_in_max_hours must be a number of hours above "
                                   f"0 and at most {MAX_SIGN_IN_MAX_HOURS:g}, not {hours!r}")
        recheck = section.get("recheck_at_publish", True)
        if not isinstance(recheck, bool):
            raise RolesConfigError(f"[roles] recheck_at_publish must be true or false, not "
                                   f"{recheck!r}")
        return cls(claim=claim.strip(), mapping=mapping, default=str(default),
                   sign_in_max_hours=float(hours), recheck_at_publish=recheck)


def _values(claim: object) -> list[str]:
    if claim is None:
        return []
    if isinstance(claim, str):
        return [claim]
    if isinstance(claim, Iterable) and not isinstance(claim, (bytes, Mapping)):
        return [str(v) for v in claim if v is not None]
    return [str(claim)]


def role_from_claims(claims: Mapping[str, object], settings: RoleSettings) -> str | None:
    """The role of a signed-in user whose ID token holds `claims`; None: no role at all."""
    found = [settings.mapping[v] for v in _values(claims.get(settings.claim))
             if v in settings.mapping]
    if found:
        return max(found, key=ROLES.index)
    return None if settings.default == NO_ROLE else settings.default


def at_least(role: str | None, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def role_to_publish(replacing: bool) -> str:
    """The least role that may publish a new date (analyst) or replace one (admin)."""
    return ADMIN if replacing else ANALYST


def may_publish(role: str | None, replacing: bool) -> bool:
    return at_least(role, role_to_publish(replacing))


class NotAllowed(PermissionError):
    """A publish asked for by someone whose role does not allow it."""


def check_publish(role: str | None, replacing: bool) -> None:
    """Raise NotAllowed unless `role` may publish (or, replacing, replace) a snapshot."""
    if not may_publish(role, replacing):
        if replacing:
            said = _("only an admin may replace a published snapshot; this session's role "
                     "is {role}")
        else:
            said = _("only an analyst or admin may publish a snapshot; this session's role "
                     "is {role}")
        raise NotAllowed(said.format(role=role_word(role) if role else _("none")))


def require_login() -> bool:
    """ICT_DASHBOARD_REQUIRE_LOGIN=1 (or true/yes): every page requires sign-in."""
    return os.environ.get(REQUIRE_LOGIN_ENV, "").strip().lower() in ("1", "true", "yes")
