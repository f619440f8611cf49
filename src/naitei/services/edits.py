"""Editing a saved case: the contact turns out to be 鈴木, not 佐藤; the company gave a direct
line. The case file is changed, validated as a whole, and what changed is kept in order
(case_edits: field, before, after), so the case page can show the history.

The editable fields are the company's contact details and the applicant's own: the same for a
withdrawal case (`company`) and a decline case (its one company, `companies[0]`). The status
and what is due are recomputed from the timeline, as after an event.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from naitei.case import parse_case
from naitei.store.engine import Store, log
from naitei.store.models import EditRow, new_id
from naitei.store.repository import CaseRepository
from naitei.store.status import company_of, refresh

# (table, key, label): what an edit may change, in the order the form shows it.
EDITABLE = (
    ("company", "name", "会社名"),
    ("company", "department", "部署"),
    ("company", "contact_title", "担当者の役職"),
    ("company", "contact_name", "担当者の姓"),
    ("company", "email", "会社のメールアドレス"),
    ("company", "phone", "会社の電話番号"),
    ("company", "hours", "営業時間"),
    ("applicant", "email", "あなたのメールアドレス"),
    ("applicant", "phone", "あなたの電話番号"),
)


@dataclass(frozen=True)
class Change:
    field: str  # "company.contact_name"
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Edit:
    seq: int
    at: dt.datetime
    changes: tuple[Change, ...]


def _table(data: dict[str, Any], table: str) -> dict[str, Any]:
    """The case file's table: `companies[0]` stands for `company` in a decline case."""
    if table == "company" and data.get("purpose") == "decline":
        found: dict[str, Any] = data["companies"][0]
        return found
    found = data.setdefault(table, {})
    return found


def current(data: dict[str, Any]) -> dict[str, str]:
    """The editable values of a stored case file, by form name (company.contact_name …)."""
    return {
        f"{table}.{key}": str(_table(copy.deepcopy(data), table).get(key, "") or "")
        for table, key, _ in EDITABLE
    }


def changes_of(data: dict[str, Any], form: dict[str, str]) -> tuple[dict[str, Any], list[Change]]:
    """The case file with the form's values, and what changed (an empty value removes the key)."""
    changed = copy.deepcopy(data)
    found = []
    for table, key, label in EDITABLE:
        name = f"{table}.{key}"
        if name not in form:
            continue
        target = _table(changed, table)
        before = str(target.get(key, "") or "")
        after = form[name].strip()
        if after == before:
            continue
        if after:
            target[key] = after
        else:
            target.pop(key, None)
        found.append(Change(name, label, before, after))
    return changed, found


def edit_case(store: Store, case_id: str, form: dict[str, str], now: dt.datetime) -> list[Change]:
    """Change a saved case's details (one transaction); a CaseError names a wrong value."""
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        row = repo.require(case_id, lock=True)
        data, found = changes_of(row.data, form)
        if not found:
            return []
        case = parse_case(data, "edit")  # the whole file, by the case-file rules
        row.data = data
        row.company = company_of(case).name
        record = [
            {"field": c.field, "label": c.label, "before": c.before, "after": c.after}
            for c in found
        ]
        repo.add(
            EditRow(
                id=new_id(),
                case_id=row.id,
                seq=repo.next_seq(row.id, EditRow),
                changes=record,
                at=now,
            )
        )
        refresh(row, list(repo.events(row.id)))
        row.updated_at = now
    log.info("case %s edited (%d fields)", case_id, len(found))
    return found


def history(store: Store, case_id: str) -> list[Edit]:
    """Every edit of a case, oldest first."""
    with store.session(write=False) as session:
        rows = CaseRepository(session).edits(case_id)
        return [
            Edit(
                row.seq,
                row.at,
                tuple(Change(c["field"], c["label"], c["before"], c["after"]) for c in row.changes),
            )
            for row in rows
        ]
