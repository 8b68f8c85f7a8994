"""Roles from an ID-token claim (dashboard/access/auth.py): the mapping of the `[roles]` settings,
the highest role winning, the default, and who may publish or replace."""

from __future__ import annotations

import pytest

from dashboard.access import auth

SETTINGS = auth.RoleSettings.from_mapping({
    "claim": "groups",
    "map": {"ict-dashboard-analysts": "analyst", "ict-dashboard-admins": "admin",
            "staff": "viewer"},
})


@pytest.mark.parametrize("claims,role", [
    ({"groups": ["staff", "ict-dashboard-analysts"]}, "analyst"),
    ({"groups": ["ict-dashboard-admins", "ict-dashboard-analysts"]}, "admin"),
    ({"groups": "ict-dashboard-analysts"}, "analyst"),  # a single value, not a list
    ({"groups": ["someone-else"]}, "viewer"),  # signed in, nothing mapped: the default
    ({"roles": ["ict-dashboard-admins"]}, "viewer"),  # another claim does not count
    ({}, "viewer"),
    ({"groups": ["ICT-DASHBOARD-ADMINS"]}, "viewer"),  # values are matched exactly
])
def test_role_from_the_named_claim(claims, role):
    assert auth.role_from_claims(claims, SETTINGS) == role


def test_default_none_admits_nobody_without_a_mapped_value():
    s = auth.RoleSettings.from_mapping({"claim": "roles", "default": "none",
                                        "map": {"Dashboard.Reader": "viewer"}})
    assert auth.role_from_claims({"roles": ["Other"]}, s) is None
    assert auth.role_from_claims({"roles": ["Dashboard.Reader"]}, s) == "viewer"


def test_without_settings_the_claim_is_roles_and_everyone_signed_in_is_a_viewer():
    s = auth.RoleSettings.from_mapping(None)
    assert (s.claim, dict(s.mapping), s.default) == ("roles", {}, "viewer")
    assert auth.role_from_claims({"roles": ["admin"]}, s) == "viewer"


@pytest.mark.parametrize("section,word", [
    ({"map": {"x": "superuser"}}, "superuser"),
    ({"default": "guest"}, "guest"),
    ({"claim": ""}, "claim"),
    ({"map": ["analyst"]}, "map"),
])
def test_wrong_settings_are_refused_with_what_is_wrong(section, word):
    with pytest.raises(auth.RolesConfigError, match=word):
        auth.RoleSettings.from_mapping(section)


@pytest.mark.parametrize("role,new,replace", [
    (None, False, False), ("viewer", False, False), ("analyst", True, False),
    ("admin", True, True), ("", False, False), ("Admin", False, False),
])
def test_who_may_publish_and_replace(role, new, replace):
    assert auth.may_publish(role, replacing=False) is new
    assert auth.may_publish(role, replacing=True) is replace


def test_the_refusal_names_the_role_needed():
    with pytest.raises(auth.NotAllowed, match="only an admin may replace"):
        auth.check_publish("analyst", replacing=True)
    with pytest.raises(auth.NotAllowed, match="only an analyst or admin may publish.*viewer"):
        auth.check_publish("viewer", replacing=False)


@pytest.mark.parametrize("value,required", [("1", True), ("true", True), ("YES", True),
                                            ("0", False), ("", False), ("no", False)])
def test_require_login_setting(monkeypatch, value, required):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", value)
    assert auth.require_login() is required
