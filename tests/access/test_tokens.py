"""The data feed's token store (dashboard/access/tokens.py) in a local data directory:
only a hash on disk, expiry, revocation, the last-used throttle, damaged objects.
Times are given (`now`), never waited for; expected values are worked out here."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from dashboard.access import tokens

T0 = 1_800_000_000.0  # 2027-01-15 08:00 UTC
DAY = 86_400


def _make(d, now=T0, days=90, sub="ana", iss="https://idp", role="viewer", label="Excel"):
    return tokens.create(d, label=label, owner=f"{sub}@un.org", sub=sub, iss=iss, role=role,
                         days=days, now=now)


def test_only_the_hash_is_stored_never_the_token(tmp_path):
    token, rec = _make(tmp_path)
    assert re.fullmatch(r"ictd_[0-9a-f]{16}_[A-Za-z0-9_-]{43}", token)
    assert token.split("_")[1] == rec.id
    stored = json.loads((tmp_path / "tokens" / f"{rec.id}.json").read_text())
    assert stored["sha256"] == hashlib.sha256(token.encode()).hexdigest()
    secret = token[len(f"ictd_{rec.id}_"):]
    for f in (tmp_path / "tokens").iterdir():
        text = f.read_bytes()
        assert token.encode() not in text and secret.encode() not in text, f.name
    assert [p.name for p in (tmp_path / "tokens").iterdir()] == [f"{rec.id}.json"]
    assert stored["owner"] == "ana@un.org" and stored["role"] == "viewer"
    assert stored["created"] == T0 and stored["label"] == "Excel"


def test_a_token_reads_until_it_expires(tmp_path):
    token, rec = _make(tmp_path, days=90)
    assert rec.expires == T0 + 7_776_000  # 90 days of 86,400 s
    assert tokens.verify(tmp_path, token, now=T0 + 7_775_999).role == "viewer"
    with pytest.raises(tokens.TokenRefused, match=r"expired on 2027-04-15 08:00 UTC"):
        tokens.verify(tmp_path, token, now=T0 + 7_776_000)


def test_the_longest_life_is_a_setting(monkeypatch, tmp_path):
    monkeypatch.delenv(tokens.DAYS_ENV, raising=False)
    assert tokens.max_days() == 90 and tokens.day_choices() == [90, 30, 7, 1]
    monkeypatch.setenv(tokens.DAYS_ENV, "14")
    assert tokens.max_days() == 14 and tokens.day_choices() == [14, 7, 1]
    with pytest.raises(ValueError, match="from 1 to 14 days"):
        _make(tmp_path, days=30)
    for bad in ("0", "366", "ninety", "1.5"):
        monkeypatch.setenv(tokens.DAYS_ENV, bad)
        with pytest.raises(ValueError, match=rf"{tokens.DAYS_ENV}='{re.escape(bad)}'"):
            tokens.max_days()


def test_a_revoked_token_is_refused_and_stays_revoked(tmp_path):
    token, rec = _make(tmp_path)
    with pytest.raises(ValueError, match="no token .* of yours"):
        tokens.revoke(tmp_path, rec.id, "vic", "https://idp", by="vic@un.org")
    assert tokens.verify(tmp_path, token, now=T0 + 10).id == rec.id  # vic could not
    done = tokens.revoke(tmp_path, rec.id, "ana", "https://idp", by="ana@un.org", now=T0 + 60)
    assert done.revoked == T0 + 60 and done.status(T0 + 61) == "revoked"
    with pytest.raises(tokens.TokenRefused, match=r"revoked on 2027-01-15 08:01 UTC"):
        tokens.verify(tmp_path, token, now=T0 + 61)
    tokens.revoke(tmp_path, rec.id, "ana", "https://idp", by="ana@un.org", now=T0 + 999)
    assert tokens.load(tmp_path, rec.id).revoked == T0 + 60  # the first revocation holds


def test_wrong_tokens_are_refused_saying_why(tmp_path):
    token, rec = _make(tmp_path)
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(tokens.TokenRefused, match="not known to this dashboard"):
        tokens.verify(tmp_path, changed, now=T0)
    with pytest.raises(tokens.TokenRefused, match="not known to this dashboard"):
        tokens.verify(tmp_path, f"ictd_{'0' * 16}_{token.split('_', 2)[2]}", now=T0)
    for bad in ("", "hello", "Bearer " + token, token.replace("ictd_", "ictx_")):
        with pytest.raises(tokens.TokenRefused, match="not a dashboard token"):
            tokens.verify(tmp_path, bad, now=T0)


def test_last_used_is_written_at_most_once_a_minute(tmp_path):
    _, rec = _make(tmp_path)
    used = tmp_path / "tokens" / f"{rec.id}.used"
    assert tokens.touch(tmp_path, rec.id, now=T0 + 100) is True
    assert json.loads(used.read_text()) == {"used": T0 + 100}
    assert tokens.touch(tmp_path, rec.id, now=T0 + 159) is False  # 59 s later: not written
    assert json.loads(used.read_text()) == {"used": T0 + 100}
    assert tokens.touch(tmp_path, rec.id, now=T0 + 160) is True  # 60 s later: written
    assert tokens.load(tmp_path, rec.id).last_used == T0 + 160


def test_each_owner_sees_their_own_tokens_newest_first(tmp_path):
    _, first = _make(tmp_path, now=T0, label="first")
    _, second = _make(tmp_path, now=T0 + 5, label="second")
    _make(tmp_path, sub="vic")
    _make(tmp_path, iss="https://other-idp")  # the same subject at another provider
    mine, damaged = tokens.owned(tmp_path, "ana", "https://idp")
    assert [t.label for t in mine] == ["second", "first"] and damaged == []


def test_a_damaged_record_is_named_and_nothing_is_lost(tmp_path):
    token, rec = _make(tmp_path, label="good")
    bad = tmp_path / "tokens" / "0123456789abcdef.json"
    bad.write_bytes(b'{"id": "0123456789abcdef", "sha2')  # torn
    with pytest.raises(tokens.TokenStoreError, match=r"tokens/0123456789abcdef\.json .*damaged"):
        tokens.verify(tmp_path, "ictd_0123456789abcdef_" + "x" * 43, now=T0)
    mine, damaged = tokens.owned(tmp_path, "ana", "https://idp")
    assert [t.id for t in mine] == [rec.id]
    assert len(damaged) == 1 and "tokens/0123456789abcdef.json" in damaged[0]
    assert tokens.verify(tmp_path, token, now=T0).id == rec.id  # the others still read
    _make(tmp_path, label="after")
    assert bad.read_bytes() == b'{"id": "0123456789abcdef", "sha2'  # left as it was
    (tmp_path / "tokens" / f"{rec.id}.revoked").write_text("[]")
    with pytest.raises(tokens.TokenStoreError, match=rf"tokens/{rec.id}\.revoked"):
        tokens.verify(tmp_path, token, now=T0)


def test_on_an_object_store_every_fact_is_an_object_of_its_own(tmp_path, monkeypatch):
    """moto's S3 server: a token created on one server is read by another (nothing in its
    memory); the revocation is written once; the stored objects hold no token."""
    from dashboard.store import storage
    from tests import s3_support

    with s3_support.moto_server() as endpoint:
        s3_support.set_env(monkeypatch, s3_support.s3_env(endpoint, tmp_path / "cache"))
        s3_support.make_bucket("ict-tokens")
        loc = storage.location("s3://ict-tokens/prod")
        try:
            token, rec = _make(loc)
            assert tokens.touch(loc, rec.id, now=T0 + 5) is True
            s3_support.forget_process_state()  # another server
            tokens._records.clear()
            assert tokens.verify(loc, token, now=T0 + 10).id == rec.id
            assert tokens.load(loc, rec.id).last_used == T0 + 5
            tokens.revoke(loc, rec.id, "ana", "https://idp", by="ana@un.org", now=T0 + 20)
            tokens.revoke(loc, rec.id, "ana", "https://idp", by="ana@un.org", now=T0 + 30)
            with pytest.raises(tokens.TokenRefused, match="revoked on 2027-01-15 08:00 UTC"):
                tokens.verify(loc, token, now=T0 + 40)
            st = storage.store(loc)
            keys = sorted(st.list(tokens.FOLDER))
            assert keys == [f"tokens/{rec.id}.{k}" for k in ("json", "revoked", "used")]
            assert json.loads(st.read(f"tokens/{rec.id}.revoked"))["revoked"] == T0 + 20
            secret = token.split("_", 2)[2]
            assert not any(secret.encode() in st.read(k) for k in keys)
            assert [t.id for t in tokens.owned(loc, "ana", "https://idp")[0]] == [rec.id]
        finally:
            s3_support.forget_process_state()
