"""Accounts, roles and assignments: admins invite (one by one or a cohort from CSV) and assign
advisers; with `join = "open"` anyone with a verified address becomes an applicant.

Every function checks the actor's role itself, and runs under row-level security as well.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError

from naitei.errors import InputError, NotFoundError
from naitei.org import audit
from naitei.org.db import ROLES, Actor, system_transaction, transaction

EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
CSV_LIMIT = 5000


class Forbidden(InputError):
    """The actor's role does not allow this (the web answers 403)."""


@dataclass(frozen=True)
class User:
    """A row of org_users: `role` is one of ROLES; `status` is invited, active or disabled."""

    id: int
    email: str
    display_name: str
    role: str
    status: str


def normal_email(value: str, field: str = "email", where: str = "") -> str:
    """`where`: the place inside the field (`3 行目の email` of the csv)."""
    email = value.strip().lower()
    if len(email) > 254 or not EMAIL.fullmatch(email):
        raise InputError(f"{where}メールアドレスの形になっていません", field=field)
    return email


def _require(actor: Actor, *roles: str) -> None:
    if actor.role not in roles:
        raise Forbidden("この操作をする権限がありません")


def _row(row: object) -> User:
    return User(*row)  # type: ignore[misc]


_COLS = "id, email, display_name, role, status"
_USER = f"SELECT {_COLS} FROM org_users"


def create_first_admin(engine: Engine, email: str) -> User:
    """`naitei org init`: the first admin (only while no admin exists)."""
    email = normal_email(email, "admin_email")
    with system_transaction(engine) as connection:
        if connection.execute(text("SELECT 1 FROM org_users WHERE role = 'admin'")).first():
            raise InputError(
                "管理者はすでにいます（招待は Web の管理画面から）", field="admin_email"
            )
        row = connection.execute(
            text("INSERT INTO org_users (email, role) VALUES (:e, 'admin') RETURNING " + _COLS),
            {"e": email},
        ).one()
        audit.record(connection, "user.create", "user", row[0], row[0], "cli")
    return _row(row)


def invite(connection: Connection, actor: Actor, email: str, role: str, address: str) -> User:
    _require(actor, "admin")
    if role not in ROLES:
        raise InputError(f"{role!r} は使えません（applicant, adviser, admin）", field="role")
    email = normal_email(email)
    try:
        with connection.begin_nested():
            row = connection.execute(
                text("INSERT INTO org_users (email, role) VALUES (:e, :r) RETURNING " + _COLS),
                {"e": email, "r": role},
            ).one()
    except IntegrityError:
        raise InputError(f"{email} はすでに登録されています", field="email") from None
    audit.record(connection, "user.invite", "user", row[0], row[0], address)
    return _row(row)


def parse_cohort(data: str) -> list[tuple[str, str]]:
    """A cohort CSV: a header with `email` (and optionally `role`, default applicant)."""
    reader = csv.DictReader(io.StringIO(data))
    if reader.fieldnames is None or "email" not in reader.fieldnames:
        raise InputError("1 行目に email の列が必要です", field="csv")
    people: list[tuple[str, str]] = []
    for number, entry in enumerate(reader, start=2):
        if number > CSV_LIMIT + 1:
            raise InputError(f"{CSV_LIMIT} 人までです", field="csv")
        role = (entry.get("role") or "applicant").strip()
        if role not in ROLES:
            raise InputError(f"{number} 行目の role {role!r} は使えません", field="csv")
        people.append(
            (normal_email(entry.get("email") or "", "csv", f"{number} 行目の email: "), role)
        )
    return people


def invite_cohort(engine: Engine, actor: Actor, data: str, address: str) -> list[User]:
    """All of the CSV or nothing (one transaction)."""
    people = parse_cohort(data)
    with transaction(engine, actor) as connection:
        return [invite(connection, actor, email, role, address) for email, role in people]


def list_users(engine: Engine, actor: Actor) -> list[User]:
    with transaction(engine, actor) as connection:
        return [_row(r) for r in connection.execute(text(_USER + " ORDER BY id"))]


def get_user(engine: Engine, actor: Actor, user_id: int) -> User:
    with transaction(engine, actor) as connection:
        row = connection.execute(text(_USER + " WHERE id = :i"), {"i": user_id}).first()
    if row is None:
        raise NotFoundError("そのユーザーは見つかりません")
    return _row(row)


def assign(engine: Engine, actor: Actor, applicant: int, adviser: int, address: str) -> None:
    _require(actor, "admin")
    with transaction(engine, actor) as connection:
        roles: dict[int, str] = dict(connection.execute(
            text("SELECT id, role FROM org_users WHERE id IN (:a, :b)"), {"a": applicant, "b": adviser}
        ).all())  # fmt: skip
        if roles.get(applicant) != "applicant" or roles.get(adviser) != "adviser":
            raise InputError("応募者とアドバイザーを選んでください", field="assign")
        connection.execute(
            text("INSERT INTO org_assignments (applicant_id, adviser_id) VALUES (:a, :b)"
                 " ON CONFLICT (applicant_id) DO UPDATE SET adviser_id = :b, assigned_at = now()"),
            {"a": applicant, "b": adviser},
        )  # fmt: skip
        audit.record(connection, "assignment.set", "user", applicant, applicant, address)


def set_role(engine: Engine, actor: Actor, user_id: int, role: str, address: str) -> None:
    _require(actor, "admin")
    if role not in ROLES:
        raise InputError(f"{role!r} は使えません", field="role")
    with transaction(engine, actor) as connection:
        done = connection.execute(
            text("UPDATE org_users SET role = :r WHERE id = :i"), {"r": role, "i": user_id}
        ).rowcount
        if not done:
            raise NotFoundError("そのユーザーは見つかりません")
        audit.record(connection, "user.role", "user", user_id, user_id, address)


def my_applicants(engine: Engine, actor: Actor) -> list[User]:
    """An adviser's applicants who have agreed to share (row-level security decides)."""
    _require(actor, "adviser")
    with transaction(engine, actor) as connection:
        rows = connection.execute(
            text(_USER + " WHERE role = 'applicant' AND org_advises(id) ORDER BY id")
        )
        return [_row(r) for r in rows]
