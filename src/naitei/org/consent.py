"""Consent: `sensitive` (storing health or family reasons and free-text details) and `share`
(an assigned adviser may read the cases), each given with the version of the text shown and
the time, each withdrawable. Withdrawing `sensitive` erases the sealed fields of every case of
the applicant at once (the database first, then the key files: see keys.py); withdrawing
`share` hides the cases from the adviser at once (row-level security reads org_consents).
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from naitei.errors import InputError
from naitei.org import audit
from naitei.org.db import Actor, transaction
from naitei.org.keys import KeyRing

TEXT_VERSION = "2026-12-v1"
KINDS = {
    "sensitive": (
        "健康や家族の事情など、配慮が必要な理由と、事情の詳しい内容を保存することに同意します。"
        "これらは暗号化して保存し、あなたと、共有に同意した場合は担当のアドバイザーだけが読めます。"
        "保存期間は結果の記録から {days} 日で、同意をやめるとすぐに消去されます。"
    ),
    "share": (
        "担当のアドバイザーが、あなたのケース（同意した場合は配慮が必要な事情を含みます）を"
        "読むことに同意します。閲覧はすべて記録されます。同意をやめると、すぐに読めなくなります。"
    ),
}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(f"{kind!r} は使えません（sensitive, share）", field="kind")
    return kind


def current(engine: Engine, actor: Actor) -> set[str]:
    with transaction(engine, actor) as connection:
        rows = connection.execute(
            text("SELECT kind FROM org_consents WHERE user_id = :u AND withdrawn_at IS NULL"),
            {"u": actor.user_id},
        )
        return {str(r[0]) for r in rows}


def give(engine: Engine, actor: Actor, kind: str, version: str, address: str) -> None:
    if actor.role != "applicant":
        raise InputError("同意はご本人（応募者）だけができます")
    if version != TEXT_VERSION:
        raise InputError(
            "同意の文面が新しくなりました。表示し直してから同意してください", field="version"
        )
    with transaction(engine, actor) as connection:
        connection.execute(
            text(
                "INSERT INTO org_consents (user_id, kind, text_version) VALUES (:u, :k, :v)"
                " ON CONFLICT (user_id, kind) WHERE withdrawn_at IS NULL DO NOTHING"
            ),
            {"u": actor.user_id, "k": _kind(kind), "v": version},
        )
        audit.record(
            connection, f"consent.give.{kind}", "user", actor.user_id, actor.user_id, address
        )


def withdraw(engine: Engine, keys: KeyRing, actor: Actor, kind: str, address: str) -> int:
    """Withdraw; for `sensitive`, erase the sealed fields (returns the number of cases)."""
    shredded: list[tuple[int, int]] = []
    with transaction(engine, actor) as connection:
        connection.execute(
            text(
                "UPDATE org_consents SET withdrawn_at = now()"
                " WHERE user_id = :u AND kind = :k AND withdrawn_at IS NULL"
            ),
            {"u": actor.user_id, "k": _kind(kind)},
        )
        if kind == "sensitive":
            rows = connection.execute(
                text(
                    "UPDATE org_cases SET sealed = NULL, key_generation = key_generation + 1,"
                    " updated_at = now() WHERE owner_id = :u AND sealed IS NOT NULL"
                    " RETURNING id, key_generation - 1"
                ),
                {"u": actor.user_id},
            )
            shredded = [(int(r[0]), int(r[1])) for r in rows]
        audit.record(
            connection, f"consent.withdraw.{kind}", "user", actor.user_id, actor.user_id, address
        )
    for case_id, generation in shredded:  # after the commit: see keys.py
        keys.shred(case_id, generation)
    return len(shredded)
