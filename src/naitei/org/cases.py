"""Cases of organisation mode: entered with the local web app's form (naitei.web.wizard, the
same fields and checks), stored with the structural fields as JSON and the sensitive ones
sealed with the case's own key (keys.py).

Sensitive: the decline reason when it is health or family (stored as "undisclosed" in the
clear), reason_detail, why_detail and the applicant's notes. Storing any of them needs the
`sensitive` consent. Staff reads are audited; deletion needs a recent re-authentication and
destroys the key.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from naitei.errors import InputError, NotFoundError
from naitei.org import audit
from naitei.org.accounts import Forbidden
from naitei.org.db import Actor, transaction
from naitei.org.keys import KeyRing, ShreddedError, seal, unseal

SENSITIVE_REASONS = frozenset({"health", "family"})
DETAILS = (("decline", "reason_detail"), ("withdrawal", "why_detail"))
NOTES_LIMIT = 4000


class NeedsReauth(InputError):
    """Deleting needs a recent sign-in (the web sends the user to re-authenticate)."""


@dataclass(frozen=True)
class StoredCase:
    """A row of org_cases as `get` hands it over: `data` is the case file with its sealed fields
    (DETAILS, a sensitive reason) merged back, and `notes` filled, when `sensitive_readable`."""

    id: int
    owner_id: int
    label: str
    data: dict[str, Any]
    notes: str
    sensitive_readable: bool
    created_at: dt.datetime


def split(data: dict[str, Any], notes: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(clear, sealed): the case file without its sensitive fields, and those fields."""
    clear = json.loads(json.dumps(data))
    secret: dict[str, Any] = {}
    for table, key in DETAILS:
        value = clear.get(table, {}).get(key)
        if value:
            secret[f"{table}.{key}"] = value
            clear[table][key] = ""
    reason = clear.get("decline", {}).get("reason")
    if reason in SENSITIVE_REASONS:
        secret["decline.reason"] = reason
        clear["decline"]["reason"] = "undisclosed"
    if notes.strip():
        secret["notes"] = notes.strip()[:NOTES_LIMIT]
    return clear, secret


def _label(data: dict[str, Any]) -> str:
    company = data.get("company", {}).get("name", "")
    return str(company)[:120]


def create(
    engine: Engine, keys: KeyRing, actor: Actor, data: dict[str, Any], notes: str,
    consents: set[str], address: str,
) -> int:  # fmt: skip
    if actor.role != "applicant":
        raise Forbidden("ケースを作れるのはご本人（応募者）だけです")
    clear, secret = split(data, notes)
    if secret and "sensitive" not in consents:
        raise InputError(
            "健康・家族の理由や事情の詳しい内容を保存するには、先に同意が必要です"
            "（同意のページから）",
            field="decline.reason",
        )
    with transaction(engine, actor) as connection:
        case_id = int(connection.execute(
            text("INSERT INTO org_cases (owner_id, label, data, key_generation)"
                 " VALUES (:o, :l, CAST(:d AS jsonb), 1) RETURNING id"),
            {"o": actor.user_id, "l": _label(data), "d": json.dumps(clear, ensure_ascii=False)},
        ).scalar_one())  # fmt: skip
        if secret:
            key = keys.new_case_key(case_id, 1)  # written before the commit that uses it
            sealed = seal(key, case_id, 1, json.dumps(secret, ensure_ascii=False).encode())
            connection.execute(
                text("UPDATE org_cases SET sealed = :s WHERE id = :i"), {"s": sealed, "i": case_id}
            )
        audit.record(connection, "case.create", "case", case_id, actor.user_id, address)
    return case_id


def list_cases(
    engine: Engine, actor: Actor, owner: int | None = None
) -> list[tuple[int, int, str]]:
    """(id, owner, label) of the cases the actor may see (row-level security decides too)."""
    with transaction(engine, actor) as connection:
        query = "SELECT id, owner_id, label FROM org_cases"
        values: dict[str, Any] = {}
        if owner is not None:
            query += " WHERE owner_id = :o"
            values["o"] = owner
        return [
            (int(r[0]), int(r[1]), str(r[2]))
            for r in connection.execute(text(query + " ORDER BY id"), values)
        ]


def get(engine: Engine, keys: KeyRing, actor: Actor, case_id: int, address: str) -> StoredCase:
    """One case; 404 for anyone the policies do not grant it to. Staff reads are audited."""
    with transaction(engine, actor) as connection:
        row = _row(connection, case_id)
        if actor.role == "applicant" and row["owner_id"] != actor.user_id:
            raise NotFoundError("そのケースは見つかりません")  # the policies already hide it
        if actor.is_staff:
            audit.record(connection, "case.read", "case", case_id, row["owner_id"], address)
    # Erased: consent was withdrawn (the generation moved on and nothing was sealed since).
    erased = row["sealed"] is None and int(row["key_generation"]) > 1
    data, notes, readable = dict(row["data"]), "", not erased
    if row["sealed"] is not None:
        try:
            key = keys.case_key(case_id, int(row["key_generation"]))
            secret = json.loads(
                unseal(key, case_id, int(row["key_generation"]), bytes(row["sealed"]))
            )
            readable = True
        except ShreddedError:
            secret = {}
        for name, value in secret.items():
            if name == "notes":
                notes = str(value)
                continue
            table, key_name = name.split(".", 1)
            data.setdefault(table, {})[key_name] = value
    return StoredCase(case_id, int(row["owner_id"]), str(row["label"]), data, notes, readable,
                      row["created_at"])  # fmt: skip


def _row(connection: Connection, case_id: int) -> Any:
    row = connection.execute(
        text("SELECT owner_id, label, data, sealed, key_generation, created_at"
             " FROM org_cases WHERE id = :i"), {"i": case_id},
    ).mappings().first()  # fmt: skip
    if row is None:
        raise NotFoundError("そのケースは見つかりません")
    return row


def delete(
    engine: Engine, keys: KeyRing, actor: Actor, case_id: int, recent: bool, address: str
) -> None:
    """Erase a case: the row (and its reminders) in one transaction, then its key files."""
    if actor.role != "applicant":
        raise NotFoundError("そのケースは見つかりません")
    with transaction(engine, actor) as connection:
        owner = connection.execute(
            text("SELECT owner_id FROM org_cases WHERE id = :i"), {"i": case_id}
        ).scalar()
        if owner != actor.user_id:
            raise NotFoundError("そのケースは見つかりません")
    if not recent:  # asked only of the owner: no one else learns that the case exists
        raise NeedsReauth("削除の前に、もう一度本人確認をしてください")
    with transaction(engine, actor) as connection:
        done = connection.execute(
            text("DELETE FROM org_cases WHERE id = :i AND owner_id = :o"),
            {"i": case_id, "o": actor.user_id},
        ).rowcount
        if not done:
            raise NotFoundError("そのケースは見つかりません")
        audit.record(connection, "case.delete", "case", case_id, actor.user_id, address)
    keys.shred(case_id)


def set_outcome(engine: Engine, actor: Actor, case_id: int, when: dt.datetime) -> None:
    """The outcome is known: the retention clock starts (retention_days after it)."""
    with transaction(engine, actor) as connection:
        done = connection.execute(
            text(
                "UPDATE org_cases SET outcome_at = :w, updated_at = now() WHERE id = :i AND owner_id = :o"
            ),
            {"w": when, "i": case_id, "o": actor.user_id},
        ).rowcount
        if not done:
            raise NotFoundError("そのケースは見つかりません")


def add_reminder(engine: Engine, actor: Actor, case_id: int, due: dt.datetime) -> int:
    with transaction(engine, actor) as connection:
        owner = connection.execute(
            text("SELECT owner_id FROM org_cases WHERE id = :i"), {"i": case_id}
        ).scalar()
        if owner is None or owner != actor.user_id:
            raise NotFoundError("そのケースは見つかりません")
        return int(connection.execute(
            text("INSERT INTO org_reminders (case_id, owner_id, due_at, kind)"
                 " VALUES (:c, :o, :d, 'next-step') RETURNING id"),
            {"c": case_id, "o": actor.user_id, "d": due},
        ).scalar_one())  # fmt: skip
