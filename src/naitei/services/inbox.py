"""`naitei replies` between the mailbox and the case store (issue 17): what to look for in the
mailbox (each case's recorded Message-IDs and the addresses it writes to), and the event that
is logged once the user confirms a reply's outcome (with the reply's Message-ID, so that the
same reply is never offered twice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.case import DeclineCase, parse_case
from naitei.errors import CaseError
from naitei.mail.replies import Reply, Watch
from naitei.services.cases import log_event
from naitei.store.engine import Store
from naitei.store.repository import CaseRepository
from naitei.vocabulary import OUTCOMES

SETTLED = ("accepted", "refused", "declined")


def watches(store: Store) -> list[Watch]:
    """One watch per open case that has an address or a sent message to look for."""
    found = []
    with store.session(write=False) as session:
        repo = CaseRepository(session)
        for row in repo.all():
            if row.status in SETTLED:
                continue
            try:
                case = parse_case(row.data, f"case {row.id}", wording=False)
            except CaseError:
                continue  # a damaged case is left out (naitei case list says what is wrong)
            events = list(repo.events(row.id))
            sent = tuple(e.message_id for e in events if e.kind == "emailed" and e.message_id)
            seen = frozenset(e.message_id for e in events if e.kind != "emailed" and e.message_id)
            addresses = _addresses(case)
            if sent or addresses:
                since = row.created_at.date()
                found.append(Watch(row.id, row.company, sent, addresses, since, seen))
    return found


def _addresses(case: Any) -> tuple[str, ...]:
    if isinstance(case, DeclineCase):
        company = case.companies[0]
        values = [company.email, company.agent_email]
    else:
        values = [case.company.email, case.offer.agent_email]
    return tuple(sorted({v.strip().lower() for v in values if v and v.strip()}))


def confirm(store: Store, reply: Reply, case_id: str, outcome: str, now: dt.datetime) -> None:
    """Log the reply as the answer the user confirmed."""
    if outcome not in OUTCOMES["answered"]:
        raise ValueError(outcome)
    at = reply.date if reply.date and reply.date <= now else now
    log_event(
        store,
        case_id,
        "answered",
        at=at,
        now=now,
        outcome=outcome,
        with_whom=reply.sender[:200] or None,
        note=f"メールでの返信（件名: {reply.subject}）"[:4000],
        message_id=reply.message_id or None,
    )


def case_replies(store: Store, case_id: str) -> tuple[bool, list[Reply]]:
    """The replies to one case (the web case page): whether the case has anything to look
    for, and what was found, with the IMAP settings of the environment."""
    from naitei.mail.replies import find_replies, load_settings

    watched = [watch for watch in watches(store) if watch.case_id == case_id]
    if not watched:
        return False, []
    found = find_replies(load_settings(), watched)
    return True, [reply for reply in found if case_id in reply.candidates]


def confirm_posted(store: Store, case_id: str, fields: dict[str, str], now: dt.datetime) -> None:
    """Log a reply the user confirmed on the web page, from the form's fields (each cleaned and
    capped as the mailbox's own would be)."""
    from naitei.errors import InputError
    from naitei.mail.replies import clean

    outcome = fields.get("outcome", "")
    if outcome not in OUTCOMES["answered"]:
        allowed = ", ".join(OUTCOMES["answered"])
        raise InputError(f"'{outcome}' は次のいずれかにしてください: {allowed}", field="outcome")
    try:
        date = dt.datetime.fromisoformat(fields["date"]) if fields.get("date") else None
    except ValueError:
        raise InputError("日時の形ではありません", field="date") from None

    def one_line(name: str, limit: int) -> str:
        return clean(fields.get(name, "").replace("\n", " "))[:limit]

    reply = Reply(
        uid=0,
        case_id=case_id,
        candidates=(case_id,),
        sender=one_line("sender", 200),
        sender_address="",
        subject=one_line("subject", 200),
        date=date if date and date.tzinfo else None,
        message_id=one_line("message_id", 255),
        text="",
        matched_by="",
        warning="",
        suggested=None,
    )
    confirm(store, reply, case_id, outcome, now)
