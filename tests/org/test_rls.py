"""Row-level security on its own: the services' checks bypassed, SQL straight as naitei_app
with an actor set, as a forgotten check in a service would run."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from naitei.org import audit, consent
from naitei.org.db import Actor, system_transaction, transaction
from tests.support.org import Deployment, active_users


def _people(org: Deployment) -> dict[str, int]:
    made = active_users(org, "a", "b", "adv")
    for name in ("a", "b"):
        with transaction(org.engine, Actor(made[name], "applicant")) as connection:
            connection.execute(
                text("INSERT INTO org_cases (owner_id, label, data) VALUES (:o, :l, '{}')"),
                {"o": made[name], "l": f"case-of-{name}"},
            )
    return made


def _labels(org: Deployment, actor: Actor) -> set[str]:
    with transaction(org.engine, actor) as connection:
        return {r[0] for r in connection.execute(text("SELECT label FROM org_cases"))}


def test_every_role_sees_only_the_rows_the_policies_grant(org: Deployment) -> None:
    p = _people(org)
    assert _labels(org, Actor(p["a"], "applicant")) == {"case-of-a"}
    assert _labels(org, Actor(p["b"], "applicant")) == {"case-of-b"}
    assert _labels(org, Actor(p["adv"], "adviser")) == set()  # assigned, no share consent yet
    consent.give(org.engine, Actor(p["a"], "applicant"), "share", consent.TEXT_VERSION, "t")
    assert _labels(org, Actor(p["adv"], "adviser")) == {"case-of-a"}
    assert _labels(org, Actor(org.admin_id, "admin")) == set()  # admins never read cases
    assert _labels(org, Actor(p["a"], "adviser")) == set()  # a role claim alone grants nothing
    assert _labels(org, Actor(0, "anonymous")) == set()


def test_writes_to_another_users_rows_are_refused_or_touch_nothing(org: Deployment) -> None:
    p = _people(org)
    a = Actor(p["a"], "applicant")
    with (
        pytest.raises(ProgrammingError, match="row-level security"),
        transaction(org.engine, a) as c,
    ):
        c.execute(
            text("INSERT INTO org_cases (owner_id, label, data) VALUES (:o, 'x', '{}')"),
            {"o": p["b"]},
        )
    with transaction(org.engine, a) as connection:
        assert (
            connection.execute(
                text("UPDATE org_cases SET label = 'mine' WHERE owner_id = :o"), {"o": p["b"]}
            ).rowcount
            == 0
        )
        assert (
            connection.execute(
                text("DELETE FROM org_cases WHERE owner_id = :o"), {"o": p["b"]}
            ).rowcount
            == 0
        )
        assert (
            connection.execute(
                text("UPDATE org_users SET role = 'admin' WHERE id = :i"), {"i": p["a"]}
            ).rowcount
            == 0
        )
        assert connection.execute(text("SELECT count(*) FROM org_audit")).scalar() == 0
    assert _labels(org, Actor(p["b"], "applicant")) == {"case-of-b"}


def test_the_app_role_cannot_reach_sign_in_tables_or_rewrite_the_audit(org: Deployment) -> None:
    actor = Actor(org.admin_id, "admin")
    for statement in ("SELECT * FROM org_sessions", "SELECT * FROM org_links", "SELECT * FROM org_outbox",
                      "INSERT INTO org_audit (at, actor_id, action, object_kind, object_id, address, prev_hash, hash)"
                      " VALUES (now(), 1, 'x', 'x', 'x', '', '', '')"):  # fmt: skip
        with (
            pytest.raises(ProgrammingError, match="permission denied"),
            transaction(org.engine, actor) as c,
        ):
            c.execute(text(statement))


def test_the_audit_takes_the_actor_from_the_transaction_not_the_caller(org: Deployment) -> None:
    p = _people(org)
    with transaction(org.engine, Actor(p["b"], "applicant")) as connection:
        audit.record(connection, "case.read", "case", 1, p["a"], "t")
    with system_transaction(org.engine) as connection:
        actor = connection.execute(
            text("SELECT actor_id FROM org_audit WHERE action = 'case.read'")
        ).scalar()
    assert actor == p["b"]
