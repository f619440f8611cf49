"""Consent withdrawal and case creation across a crash: the database and the key folder never
disagree in a way that loses data or keeps erased text readable."""

from __future__ import annotations

import os

import pytest

from naitei.org import cases, consent
from naitei.org.db import Actor, transaction
from naitei.org.jobs import housekeeping
from naitei.org.keys import SWEEP_AGE, KeyRing
from tests.support.org import Deployment

DATA = {
    "company": {"name": "株式会社みなと精機"},
    "decline": {"reason": "health", "reason_detail": "通院"},
}


class Crash(Exception):
    pass


def _applicant(org: Deployment) -> Actor:
    from naitei.org import accounts

    admin = Actor(org.admin_id, "admin")
    with transaction(org.engine, admin) as connection:
        user = accounts.invite(connection, admin, "c@example.jp", "applicant", "t")
    actor = Actor(user.id, "applicant")
    consent.give(org.engine, actor, "sensitive", consent.TEXT_VERSION, "t")
    return actor


def test_a_crash_before_the_withdrawal_commits_loses_nothing(
    org: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor, keys = _applicant(org), KeyRing(org.config.key_dir)
    case_id = cases.create(org.engine, keys, actor, DATA, "", {"sensitive"}, "t")

    def crash(*_args: object, **_kw: object) -> None:
        raise Crash

    monkeypatch.setattr("naitei.org.audit.record", crash)  # fails inside the transaction
    with pytest.raises(Crash):
        consent.withdraw(org.engine, keys, actor, "sensitive", "t")
    monkeypatch.undo()
    stored = cases.get(org.engine, keys, actor, case_id, "t")
    assert stored.data["decline"]["reason_detail"] == "通院"  # rolled back, key still there


def test_a_crash_after_the_commit_leaves_a_key_the_sweep_removes(
    org: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor, keys = _applicant(org), KeyRing(org.config.key_dir)
    case_id = cases.create(org.engine, keys, actor, DATA, "", {"sensitive"}, "t")
    monkeypatch.setattr(KeyRing, "shred", lambda *_a, **_k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        consent.withdraw(org.engine, keys, actor, "sensitive", "t")
    monkeypatch.undo()
    orphan = keys.cases / f"{case_id}-1.key"
    assert orphan.exists()
    stored = cases.get(org.engine, keys, actor, case_id, "t")
    assert not stored.sensitive_readable and stored.data["decline"]["reason_detail"] == ""
    old = orphan.stat().st_mtime - SWEEP_AGE - 1
    os.utime(orphan, (old, old))
    housekeeping(org.engine, keys)
    assert not orphan.exists()


def test_a_crash_before_a_new_case_commits_leaves_only_a_key_without_data(
    org: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor, keys = _applicant(org), KeyRing(org.config.key_dir)
    monkeypatch.setattr("naitei.org.audit.record", lambda *_a, **_k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        cases.create(org.engine, keys, actor, DATA, "", {"sensitive"}, "t")
    monkeypatch.undo()
    assert cases.list_cases(org.engine, actor) == []
    assert len(list(keys.cases.glob("*.key"))) == 1  # an orphan: swept once old
