"""The decline service on organisation mode (issue 19): the use cases, one transaction each,
under row-level security as the actor, every step an event and an audit row.

- a client (applicant) opens a request: the messenger's email per company, in their own words;
- the client confirms the 委任状 (its SHA-256 and the time stored) before approving anything;
- an adviser edits a draft: the checker (purpose messenger, the 非弁 guardrail) must find no
  error, and an approval given before the edit no longer counts;
- the client approves the exact wording (its SHA-256); each approval is audited;
- an adviser queues the send: one row of service_sends per (request, company), UNIQUE in the
  database; the worker's `send_messenger_email` claims it, sends it once with the 委任状 attached,
  and leaves a send it cannot confirm `uncertain` (never resent);
- a company's reply is recorded on its company's timeline, labelled, with the lawyer note when it
  raises money or a claim; the client may withdraw the request until something is sent.

Withdrawal help (kind `withdrawal_help`): a client's withdrawal case (内定辞退の撤回) becomes a
request like a decline one — the drafts naitei wrote (email and phone script), staff's coaching
edits (the checker for a withdrawal and the 非弁 guardrail: no error), the client's approval of the
exact wording, every step audited — but it is NEVER sent by the service: a withdrawal is the
applicant's own request to the company. The approved wording goes back to the client (`handoff`:
copy, .eml, mailto, phone script). No 委任状, no send, no call by the service: refused here, and
service_sends cannot hold a row for such a request (migration o006, a foreign key on the kind).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, text

from naitei.errors import InputError, NotFoundError
from naitei.messenger.request import sha
from naitei.org import audit
from naitei.org.accounts import Forbidden
from naitei.org.config import OrgConfig
from naitei.org.db import Actor, system_transaction, transaction

log = logging.getLogger("naitei.org.service")
STALL_MINUTES = 10
DECLINE = "decline"
WITHDRAWAL_HELP = "withdrawal_help"
# Why the service never sends, calls or signs for a withdrawal (shown to staff and client).
NEVER_SENT = (
    "内定辞退の撤回は、ご本人から会社へ直接お願いするものです。サービスは文面の準備とご相談だけを"
    "お手伝いし、会社へ送ることも電話することもしません"
)


def _require(actor: Actor, *roles: str) -> None:
    if actor.role not in roles:
        raise Forbidden("この操作をする権限がありません")


def _event(
    connection: Connection, request: int, position: int | None, kind: str, detail: str = ""
) -> None:
    connection.execute(
        text(
            "INSERT INTO service_events (request_id, position, actor_id, kind, detail)"
            " VALUES (:r, :p, coalesce(nullif(current_setting('app.user_id', true), '')::bigint, 0),"
            " :k, :d)"
        ),
        {"r": request, "p": position, "k": kind, "d": detail},
    )


# The audit action of each event a person causes (the worker's events are not audited).
ACTIONS = {
    "authorised": "service.authorise",
    "edited": "service.edit",
    "approved": "service.approve",
    "queued": "service.send",
    "answered": "service.reply",
    "withdrawn": "service.withdraw",
    "called": "service.call",
    "handed_over": "service.handoff",
}


def _step(
    connection: Connection,
    request: int,
    position: int | None,
    kind: str,
    detail: str,
    subject: int,
    address: str,
) -> None:
    """An event on the timeline and its audit row, in the use case's transaction."""
    _event(connection, request, position, kind, detail)
    target = str(request) if position is None else f"{request}/{position}"
    audit.record(connection, ACTIONS[kind], "service_request", target, subject, address)


@contextmanager
def _locked(
    engine: Engine, actor: Actor, role: str, request_id: int, position: int
) -> Iterator[tuple[Connection, Any, Any]]:
    """One use case on one company of a request: the role checked, the rows locked."""
    _require(actor, role)
    with transaction(engine, actor) as connection:
        row = _request_row(connection, request_id)
        yield connection, row, _company(connection, request_id, position)


def _messenger_request(row: Any, authorised: bool) -> Any:
    from naitei.case import DeclineCase, parse_case
    from naitei.messenger.compose import Request
    from naitei.messenger.service import Service

    case = parse_case(dict(row.case_data), "service_requests.case_data", wording=False)
    assert isinstance(case, DeclineCase)
    service = Service.of(row.service_name, row.staff_name)
    return Request(case, service, row.words, authorised, row.school_consulted)


def _drafts(request: Any) -> list[dict[str, Any]]:
    """The messenger's email for every company, each checked (naitei.messenger.kit)."""
    from naitei.messenger.compose import messenger_email
    from naitei.messenger.kit import checked

    drafts = []
    for index, company in enumerate(request.case.companies, start=1):
        email = checked(messenger_email(request, index), "email", request, index)
        drafts.append(
            {
                "p": index,
                "name": company.name,
                "kind": company.employer.kind,
                "to": email.to_address or "",
                "subject": email.subject or "",
                "body": email.text,
            }
        )
    return drafts


def create_request(
    engine: Engine,
    actor: Actor,
    case_data: dict[str, Any],
    words: str,
    service_name: str,
    staff_name: str,
    due_at: dt.datetime,
    *,
    school_consulted: bool = False,
    address: str = "",
    now: dt.datetime | None = None,
) -> int:
    """A client's request: a decline file's data (1 to 20 companies) and their own words, or a
    withdrawal case (withdrawal help: drafted for the client to send, never sent by the
    service; `words` is then the client's note to staff, never woven into the drafts)."""
    from naitei.case import DeclineCase, parse_case
    from naitei.messenger.compose import Request
    from naitei.messenger.service import Service

    _require(actor, "applicant")
    case = parse_case(case_data, "case", wording=False)
    service = Service.of(service_name, staff_name)
    if isinstance(case, DeclineCase):
        kind = DECLINE
        drafts = _drafts(Request(case, service, words, False, school_consulted))
    else:
        kind = WITHDRAWAL_HELP
        drafts = _withdrawal_drafts(case, now or dt.datetime.now(dt.UTC))
        if len(words) > 2000:
            raise InputError("担当者へのご相談は 2000 文字以内で書いてください", field="words")
    with transaction(engine, actor) as connection:
        consents = _consents(connection, actor, json.loads(case.model_dump_json()))
        request_id = int(
            connection.execute(
                text(
                    "INSERT INTO service_requests (applicant_id, case_data, words, service_name,"
                    " staff_name, school_consulted, due_at, kind, consents)"
                    " VALUES (:a, CAST(:c AS jsonb), :w, :s, :t, :sc, :d, :k, CAST(:cs AS jsonb))"
                    " RETURNING id"
                ),
                {
                    "a": actor.user_id,
                    "c": case.model_dump_json(),
                    "w": words,
                    "s": service.name,
                    "t": service.staff,
                    "sc": school_consulted,
                    "d": due_at,
                    "k": kind,
                    "cs": consents,
                },
            ).scalar_one()
        )
        for draft in drafts:
            connection.execute(
                text(
                    "INSERT INTO service_request_companies (request_id, position, name,"
                    " employer_kind, to_address, subject, body, phone_script)"
                    " VALUES (:r, :p, :name, :kind, :to, :subject, :body, :phone)"
                ),
                {"phone": ""} | draft | {"r": request_id},
            )
            _event(connection, request_id, draft["p"], "drafted", sha(draft["body"])[:12])
        audit.record(
            connection, "service.request", "service_request", request_id, actor.user_id, address
        )
    return request_id


def _consents(connection: Connection, actor: Actor, case_data: dict[str, Any]) -> str:
    """The client's consent records in force, stored with the request (JSON). Staff can read a
    request only with `share`; sensitive details (a health or family reason, the free-text
    details) need `sensitive`, as for a stored case (org/cases.py)."""
    from naitei.org.cases import split

    rows = connection.execute(
        text(
            "SELECT id, kind, text_version, given_at FROM org_consents"
            " WHERE user_id = :u AND withdrawn_at IS NULL ORDER BY id"
        ),
        {"u": actor.user_id},
    ).all()
    kinds = {row.kind for row in rows}
    if "share" not in kinds:
        raise InputError(
            "担当のアドバイザーが依頼を読めるよう、先に共有への同意をしてください"
            "（同意のページから）",
            field="consent",
        )
    _, secret = split(case_data, "")
    if secret and "sensitive" not in kinds:
        field = next(iter(secret))
        raise InputError(
            "健康・家族の理由や事情の詳しい内容を預けるには、先に同意が必要です"
            "（同意のページから）",
            field=field,
        )
    return json.dumps(
        [
            {"id": r.id, "kind": r.kind, "text_version": r.text_version,
             "given_at": r.given_at.isoformat()}
            for r in rows
        ],
        ensure_ascii=False,
    )  # fmt: skip


def _withdrawal_drafts(case: Any, now: dt.datetime) -> list[dict[str, Any]]:
    """The withdrawal's email and phone script naitei wrote, for the client to use themselves
    (the same documents as `naitei withdraw`; each must pass the checker without an error)."""
    from naitei.services import withdrawal_kit_of

    documents = withdrawal_kit_of(case, now).documents
    email, phone = documents["email"], documents["phone"]
    _checked_withdrawal(case, email.text, case.company.name)
    return [
        {
            "p": 1,
            "name": case.company.name,
            "kind": case.company.employer.kind,
            "to": email.to_address or "",
            "subject": email.subject or "",
            "body": email.text,
            "phone": phone.text,
        }
    ]


def _checked_withdrawal(case: Any, body: str, name: str) -> None:
    """A withdrawal email the client will send: the withdrawal checker finds no error, and the
    非弁 guardrail finds nothing beyond the client's own request (staff coach wording, they
    never add negotiation, money, claims or legal opinion)."""
    from naitei.check import CheckContext, check_text
    from naitei.messenger.guardrail import lawyer_referral, screen

    context = CheckContext.from_case(case)
    errors = [
        f for f in check_text(body, "email", "withdraw", context).findings if f.severity == "error"
    ]
    if errors:
        raise InputError(f"{name}: " + " ".join(f"{f.rule}: {f.message}" for f in errors[:3]))
    screening = screen(body)
    if screening.blocked:
        found = "」「".join(hit.found for hit in screening.hits[:3])
        raise InputError(
            f"{name}: 「{found}」は、文面の準備とご相談の範囲を超えています。{lawyer_referral()}"
        )


def _case_of(row: Any) -> Any:
    from naitei.case import parse_case

    return parse_case(dict(row.case_data), "service_requests.case_data", wording=False)


def _decline_only(row: Any, name: str = "") -> None:
    """The service sends, calls and signs only for a decline: never for a withdrawal."""
    if row.kind != DECLINE:
        raise InputError(f"{name}: {NEVER_SENT}" if name else NEVER_SENT)


def _request_row(connection: Connection, request_id: int) -> Any:
    row = connection.execute(
        text("SELECT * FROM service_requests WHERE id = :i"), {"i": request_id}
    ).first()
    if row is None:
        raise NotFoundError(f"依頼 {request_id} が見つかりません")
    return row


def _company(connection: Connection, request_id: int, position: int, lock: bool = True) -> Any:
    row = connection.execute(
        text(
            "SELECT * FROM service_request_companies WHERE request_id = :r AND position = :p"
            + (" FOR UPDATE" if lock else "")
        ),
        {"r": request_id, "p": position},
    ).first()
    if row is None:
        raise NotFoundError(f"依頼 {request_id} の {position} 社目が見つかりません")
    return row


def authorisation_text(engine: Engine, actor: Actor, request_id: int) -> str:
    """The 委任状 the client reads before confirming it."""
    from naitei.messenger.authorisation import authorisation_text as letter

    with transaction(engine, actor) as connection:
        row = _request_row(connection, request_id)
    _decline_only(row)
    return letter(_messenger_request(row, True), row.created_at.date())


def confirm_authorisation(
    engine: Engine, actor: Actor, request_id: int, sha256: str, address: str = ""
) -> None:
    """The client signs the 委任状 they read (its hash), before approving any message; the
    drafts are rewritten to say it is attached."""
    from naitei.messenger.authorisation import authorisation_text as letter

    _require(actor, "applicant")
    with transaction(engine, actor) as connection:
        row = _request_row(connection, request_id)
        if row.status != "open":
            raise InputError("取り下げた依頼です")
        _decline_only(row)
        signed = _messenger_request(row, True)
        body = letter(signed, row.created_at.date())
        if sha(body) != sha256:
            raise InputError("委任状: ご覧になった文面と一致しません。もう一度ご確認ください")
        states = connection.execute(
            text("SELECT status FROM service_request_companies WHERE request_id = :r"),
            {"r": request_id},
        ).scalars()
        if any(state != "drafted" for state in states):
            raise InputError("委任状は、文面を承認する前に確認してください")
        connection.execute(
            text(
                "INSERT INTO service_authorisations (request_id, text, sha256, confirmed_at)"
                " VALUES (:r, :t, :s, now())"
            ),
            {"r": request_id, "t": body, "s": sha256},
        )
        for draft in _drafts(signed):
            connection.execute(
                text(
                    "UPDATE service_request_companies SET body = :body, subject = :subject"
                    " WHERE request_id = :r AND position = :p"
                ),
                draft | {"r": request_id},
            )
        _step(connection, request_id, None, "authorised", sha256[:12], actor.user_id, address)


def edit(
    engine: Engine, actor: Actor, request_id: int, position: int, body: str, address: str = ""
) -> None:
    """Staff change the wording: no checker error allowed; a prior approval no longer counts."""
    from naitei.check import CheckContext, check_text

    with _locked(engine, actor, "adviser", request_id, position) as (connection, row, company):
        if company.status not in ("drafted", "approved") or row.status != "open":
            raise InputError(f"{company.name}: 送信後や取り下げ後の文面は変えられません")
        if row.kind == WITHDRAWAL_HELP:
            _checked_withdrawal(_case_of(row), body, company.name)
        else:
            context = CheckContext(company_name=company.name, service_name=row.service_name)
            errors = [
                f
                for f in check_text(body, "email", "messenger", context).findings
                if f.severity == "error"
            ]
            if errors:
                raise InputError(
                    f"{company.name}: " + " ".join(f"{f.rule}: {f.message}" for f in errors[:3])
                )
        connection.execute(
            text(
                "UPDATE service_request_companies SET body = :b, status = 'drafted',"
                " approved_sha = NULL WHERE request_id = :r AND position = :p"
            ),
            {"b": body, "r": request_id, "p": position},
        )
        _step(connection, request_id, position, "edited", sha(body)[:12], row.applicant_id, address)


def approve(
    engine: Engine, actor: Actor, request_id: int, position: int, sha256: str, address: str = ""
) -> None:
    """The client approves the wording they read (its SHA-256); audited."""
    from naitei.messenger.guardrail import screen

    with _locked(engine, actor, "applicant", request_id, position) as (connection, row, company):
        if row.status != "open" or company.status != "drafted":
            raise InputError(f"{company.name}: 承認できるのは下書きの文面だけです")
        if sha(company.body) != sha256:
            raise InputError(f"{company.name}: ご覧になった文面のあとに変更がありました")
        if screen(company.body).blocked:
            raise InputError(f"{company.name}: 使者の範囲を超える文面は承認できません")
        connection.execute(
            text(
                "UPDATE service_request_companies SET status = 'approved', approved_sha = :s"
                " WHERE request_id = :r AND position = :p"
            ),
            {"s": sha256, "r": request_id, "p": position},
        )
        _step(connection, request_id, position, "approved", sha256[:12], actor.user_id, address)


def queue_send(
    engine: Engine,
    actor: Actor,
    config: OrgConfig,
    request_id: int,
    position: int,
    address: str = "",
) -> int:
    """Staff queue an approved email; the database keeps one send per (request, company)."""
    from naitei.export.eml import message_id

    with _locked(engine, actor, "adviser", request_id, position) as (connection, row, company):
        _decline_only(row, company.name)
        if (
            row.status != "open"
            or company.status != "approved"
            or company.approved_sha != sha(company.body)
        ):
            raise InputError(f"{company.name}: ご本人が承認した文面だけを送れます")
        if not company.to_address:
            raise InputError(
                f"{company.name}: メールアドレスが分からないため、電話で伝えてください"
            )
        seed = f"service-{request_id}-{position}-{config.base_url}"
        send_id = connection.execute(
            text(
                "INSERT INTO service_sends (request_id, position, message_id)"
                " VALUES (:r, :p, :m) ON CONFLICT (request_id, position) DO NOTHING RETURNING id"
            ),
            {"r": request_id, "p": position, "m": message_id(seed, config.mail_from)},
        ).scalar()
        if send_id is None:
            raise InputError(
                f"{company.name}: この会社へのメールは、すでに送信の手続きをしています"
            )
        _step(connection, request_id, position, "queued", "", row.applicant_id, address)
    return int(send_id)


def pending_sends(engine: Engine) -> list[int]:
    with system_transaction(engine) as connection:
        return [
            int(r[0])
            for r in connection.execute(
                text("SELECT id FROM service_sends WHERE status = 'queued' ORDER BY id LIMIT 500")
            )
        ]


def _claim(engine: Engine, send_id: int) -> Any:
    """queued → sending, committed before the SMTP server hears anything (at most once)."""
    with system_transaction(engine) as connection:
        # A send of anything but a decline is refused in the same statement (never 'sending'):
        # unreachable while the foreign key of o006 stands, and never sent should it be dropped.
        claimed = connection.execute(
            text(
                "UPDATE service_sends s SET status = CASE WHEN r.kind = 'decline'"
                " THEN 'sending' ELSE 'failed' END, claimed_at = now()"
                " FROM service_requests r WHERE r.id = s.request_id AND s.id = :i"
                " AND s.status = 'queued' RETURNING s.request_id, s.position, s.message_id, r.kind"
            ),
            {"i": send_id},
        ).first()
        if claimed is None:
            return None
        if claimed.kind != DECLINE:
            _event(connection, claimed.request_id, claimed.position, "refused", claimed.kind)
            log.error("service send %d refused: a %s request is never sent", send_id, claimed.kind)
            return "refused"
        request = _request_row(connection, claimed.request_id)
        company = _company(connection, claimed.request_id, claimed.position, lock=False)
        signed = connection.execute(
            text("SELECT sha256, confirmed_at FROM service_authorisations WHERE request_id = :r"),
            {"r": claimed.request_id},
        ).first()
    return claimed, request, company, signed


def _attachment(request: Any, signed: Any) -> Any:
    """The signed 委任状 as a PDF attachment, when the client confirmed one."""
    from naitei.export.eml import Attachment
    from naitei.messenger.authorisation import Confirmation, authorisation_pdf
    from naitei.messenger.kit import PDF_NAME

    if signed is None:
        return None
    messenger = _messenger_request(request, True)
    confirmation = Confirmation(
        signed.confirmed_at,
        signed.sha256,
        messenger.case.applicant.name,
        messenger.service.name,
        tuple(c.name for c in messenger.case.companies),
    )
    pdf = authorisation_pdf(messenger, request.created_at.date(), confirmation, signed.confirmed_at)
    return Attachment(PDF_NAME, "pdf", pdf)


def deliver(engine: Engine, config: OrgConfig, send_id: int) -> str:
    """The worker's `send_messenger_email`: send one queued email once; its final status."""
    from naitei.export.eml import build_message, to_bytes
    from naitei.mail.sending import Mailer, SendFailure
    from naitei.org.outbox import _smtp

    claimed = _claim(engine, send_id)
    if claimed == "refused":
        return "failed"
    if claimed is None:
        with system_transaction(engine) as connection:
            status = connection.execute(
                text("SELECT status FROM service_sends WHERE id = :i"), {"i": send_id}
            ).scalar()
        return str(status or "missing")
    send, request, company, signed = claimed
    attachment = _attachment(request, signed)
    message = build_message(
        subject=company.subject, body=company.body, to_address=company.to_address,
        to_name=company.name, from_address=config.mail_from, from_name=request.service_name,
        date=dt.datetime.now(dt.UTC), message_id_value=send.message_id,
        attachments=(attachment,) if attachment is not None else (),
    )  # fmt: skip
    status = "sent"
    try:
        with Mailer(_smtp(config)) as mailer:
            mailer.send(config.mail_from, company.to_address, to_bytes(message), send.message_id)
    except SendFailure as failure:
        status = "uncertain" if failure.delivered is None else "failed"
    except Exception:
        status = "queued"  # nothing handed over: the sweep tries again
    _settle(engine, send_id, send.request_id, send.position, status)
    log.info("service send %d %s", send_id, status)
    return status


def _settle(engine: Engine, send_id: int, request_id: int, position: int, status: str) -> None:
    with system_transaction(engine) as connection:
        connection.execute(
            text(
                "UPDATE service_sends SET status = :s, sent_at = CASE WHEN :s = 'sent' THEN now() END"
                " WHERE id = :i"
            ),
            {"s": status, "i": send_id},
        )
        if status == "sent":
            connection.execute(
                text(
                    "UPDATE service_request_companies SET status = 'sent', sent_at = now()"
                    " WHERE request_id = :r AND position = :p"
                ),
                {"r": request_id, "p": position},
            )
        if status != "queued":
            _event(connection, request_id, position, status)


def settle_stalled(engine: Engine) -> int:
    """Sends claimed but never confirmed (a killed worker): `uncertain`, never resent."""
    with system_transaction(engine) as connection:
        return connection.execute(
            text(
                "UPDATE service_sends SET status = 'uncertain' WHERE status = 'sending'"
                " AND claimed_at < now() - make_interval(mins => :m)"
            ),
            {"m": STALL_MINUTES},
        ).rowcount


def record_reply(
    engine: Engine, actor: Actor, request_id: int, position: int, body: str, address: str = ""
) -> str:
    """A company's reply on its timeline, labelled; the outcome (legal: see a lawyer)."""
    with _locked(engine, actor, "adviser", request_id, position) as (connection, row, company):
        if company.status not in ("sent", "answered"):
            raise InputError(f"{company.name}: 送信前の会社からの返事は記録できません")
        outcome = _answered(connection, request_id, position, body)
        _step(connection, request_id, position, "answered", outcome, row.applicant_id, address)
    return outcome


def _answered(connection: Connection, request_id: int, position: int, body: str) -> str:
    """Store a company's reply (service_replies) with its label and mark the company answered
    (only one that was sent to); returns the outcome."""
    from naitei.messenger.replies import classify

    reply = classify(body)
    connection.execute(
        text(
            "INSERT INTO service_replies (request_id, position, body, outcome, needs_lawyer)"
            " VALUES (:r, :p, :b, :o, :l)"
        ),
        {"r": request_id, "p": position, "b": body, "o": reply.outcome, "l": reply.needs_lawyer},
    )
    connection.execute(
        text(
            "UPDATE service_request_companies SET status = 'answered', outcome = :o,"
            " answered_at = coalesce(answered_at, now())"
            " WHERE request_id = :r AND position = :p AND status IN ('sent', 'answered')"
        ),
        {"o": reply.outcome, "r": request_id, "p": position},
    )
    return reply.outcome


def withdraw(engine: Engine, actor: Actor, request_id: int, address: str = "") -> None:
    """The client withdraws the request: only before anything was queued or sent."""
    _require(actor, "applicant")
    with transaction(engine, actor) as connection:
        row = _request_row(connection, request_id)
        queued = connection.execute(
            text("SELECT count(*) FROM service_sends WHERE request_id = :r"), {"r": request_id}
        ).scalar_one()
        if row.status != "open" or queued:
            raise InputError("送信の手続きを始めた依頼は取り下げられません")
        connection.execute(
            text("UPDATE service_requests SET status = 'withdrawn' WHERE id = :r"),
            {"r": request_id},
        )
        _step(connection, request_id, None, "withdrawn", "", actor.user_id, address)


@dataclass(frozen=True)
class Handoff:
    """The approved withdrawal wording, handed to the client to send or say themselves."""

    company: str
    to_address: str
    subject: str
    body: str
    phone_script: str
    eml: bytes  # a draft for the client's own mail app (X-Unsent, from their address)
    mailto: str


def handoff(
    engine: Engine, actor: Actor, request_id: int, position: int = 1, address: str = ""
) -> Handoff:
    """The client takes the withdrawal wording they approved (in its final form) to send from
    their own phone; audited. The service itself sends nothing (NEVER_SENT)."""
    from urllib.parse import quote

    from naitei.export.eml import build_message, to_bytes

    with _locked(engine, actor, "applicant", request_id, position) as (connection, row, company):
        if row.kind != WITHDRAWAL_HELP:
            raise InputError("辞退連絡の依頼は、承認のあとサービスが送ります")
        if (
            row.status != "open"
            or company.status != "approved"
            or company.approved_sha != sha(company.body)
        ):
            raise InputError(f"{company.name}: 承認した文面だけをお渡しします")
        case = _case_of(row)
        message = build_message(
            subject=company.subject, body=company.body, to_address=company.to_address,
            to_name=company.name, from_address=case.applicant.email or None,
            from_name=case.applicant.name, date=dt.datetime.now(dt.UTC),
            seed=f"withdrawal-help-{request_id}-{company.approved_sha}", draft=True,
        )  # fmt: skip
        mailto = (
            f"mailto:{quote(company.to_address, safe='@')}?subject={quote(company.subject)}"
            f"&body={quote(company.body)}"
        )
        _step(
            connection, request_id, position, "handed_over", company.approved_sha[:12],
            actor.user_id, address,
        )  # fmt: skip
    return Handoff(
        company.name, company.to_address, company.subject, company.body, company.phone_script,
        to_bytes(message) if company.to_address else b"", mailto,
    )  # fmt: skip


@dataclass(frozen=True)
class TimelineEntry:
    position: int | None
    kind: str
    detail: str
    at: dt.datetime


def timeline(engine: Engine, actor: Actor, request_id: int) -> list[TimelineEntry]:
    """Every event of a request the actor may see (the client's own, an adviser's assigned)."""
    with transaction(engine, actor) as connection:
        _request_row(connection, request_id)
        rows = connection.execute(
            text(
                "SELECT position, kind, detail, at FROM service_events WHERE request_id = :r"
                " ORDER BY id"
            ),
            {"r": request_id},
        ).all()
    return [TimelineEntry(*row) for row in rows]


def review_queue(engine: Engine, actor: Actor) -> list[dict[str, Any]]:
    """Staff's queue: the requests they may see, by status and due time (earliest first)."""
    _require(actor, "adviser")
    with transaction(engine, actor) as connection:
        rows = connection.execute(
            text(
                "SELECT r.id, r.kind, r.status, r.due_at, count(c.position) AS companies,"
                " min(array_position(ARRAY['drafted','approved','sent','answered','closed'],"
                " c.status)) AS stage"
                " FROM service_requests r JOIN service_request_companies c ON c.request_id = r.id"
                " GROUP BY r.id ORDER BY r.status, r.due_at"
            )
        ).all()
    stages = ("drafted", "approved", "sent", "answered", "closed")
    return [
        {
            "id": row.id,
            "kind": row.kind,
            "status": "withdrawn" if row.status == "withdrawn" else stages[row.stage - 1],
            "due_at": row.due_at,
            "companies": row.companies,
        }
        for row in rows
    ]


def _requests(engine: Engine, actor: Actor) -> list[Any]:
    """The requests the actor may see, as naitei.messenger.request values (for the figures)."""
    from naitei.messenger.request import ServiceRequest, Target

    with transaction(engine, actor) as connection:
        requests = connection.execute(
            text(
                "SELECT id, status, due_at, created_at FROM service_requests"
                " WHERE kind = 'decline' ORDER BY id"
            )
        ).all()
        companies = connection.execute(
            text(
                "SELECT request_id, name, employer_kind, body, status, approved_sha, sent_at,"
                " answered_at, outcome FROM service_request_companies c"
                " WHERE EXISTS (SELECT 1 FROM service_requests r WHERE r.id = c.request_id"
                " AND r.kind = 'decline') ORDER BY request_id, position"
            )
        ).all()
    by_request: dict[int, list[Target]] = {}
    for c in companies:
        target = Target(c.name, c.employer_kind, c.body, c.status, c.approved_sha,
                        c.sent_at, c.answered_at, c.outcome)  # fmt: skip
        by_request.setdefault(c.request_id, []).append(target)
    return [
        ServiceRequest(
            str(r.id),
            r.created_at,
            r.due_at,
            tuple(by_request.get(r.id, ())),
            (),
            r.status == "withdrawn",
        )
        for r in requests
    ]


def dashboard(engine: Engine, actor: Actor, now: dt.datetime) -> dict[str, Any]:
    """naitei.messenger.report.summary over the requests the actor may see."""
    from naitei.messenger.report import summary

    return summary(_requests(engine, actor), now)


@dataclass(frozen=True)
class CompanyView:
    position: int
    name: str
    to_address: str
    subject: str
    body: str
    sha256: str
    status: str
    approved: bool
    outcome: str | None
    events: tuple[TimelineEntry, ...]
    phone_script: str = ""


@dataclass(frozen=True)
class RequestView:
    id: int
    applicant_id: int
    status: str
    due_at: dt.datetime
    created_at: dt.datetime
    authorised_at: dt.datetime | None
    companies: tuple[CompanyView, ...]
    notify: bool = True
    kind: str = DECLINE
    words: str = ""


def get_request(engine: Engine, actor: Actor, request_id: int) -> RequestView:
    """One request with its companies and their timelines (404 when the policies hide it)."""
    with transaction(engine, actor) as connection:
        row = _request_row(connection, request_id)
        companies = connection.execute(
            text("SELECT * FROM service_request_companies WHERE request_id = :r ORDER BY position"),
            {"r": request_id},
        ).all()
        signed = connection.execute(
            text("SELECT confirmed_at FROM service_authorisations WHERE request_id = :r"),
            {"r": request_id},
        ).scalar()
        events = connection.execute(
            text(
                "SELECT position, kind, detail, at FROM service_events WHERE request_id = :r"
                " ORDER BY id"
            ),
            {"r": request_id},
        ).all()
    views = tuple(
        CompanyView(
            c.position,
            c.name,
            c.to_address,
            c.subject,
            c.body,
            sha(c.body),
            c.status,
            c.approved_sha == sha(c.body),
            c.outcome,
            tuple(TimelineEntry(*e) for e in events if e.position in (c.position, None)),
            c.phone_script,
        )
        for c in companies
    )
    return RequestView(
        row.id, row.applicant_id, row.status, row.due_at, row.created_at, signed, views,
        row.notify, row.kind, row.words,
    )  # fmt: skip


def list_requests(engine: Engine, actor: Actor) -> list[tuple[int, str, dt.datetime]]:
    """(id, status, due) of the client's own requests, newest first."""
    with transaction(engine, actor) as connection:
        rows = connection.execute(
            text(
                "SELECT id, status, due_at FROM service_requests WHERE applicant_id = :a"
                " ORDER BY id DESC"
            ),
            {"a": actor.user_id},
        ).all()
    return [(int(r.id), str(r.status), r.due_at) for r in rows]


def report_csv(engine: Engine, actor: Actor) -> str:
    """naitei.messenger.report.report_csv over the requests staff may see (no sensitive field)."""
    from naitei.messenger.report import report_csv as table

    _require(actor, "adviser")
    return table(_requests(engine, actor))


# --- phone calls and the client's emails ----------------------------------------------------

CALL_OUTCOMES = {
    "conveyed": "電話で辞退をお伝えし、受け付けていただきました",
    "absent": "ご担当の方が不在でした（改めてお電話します）",
    "no_answer": "電話がつながりませんでした（改めてお電話します）",
    "wants_client": "ご本人からの連絡を求められました",
    "raised_legal": "条件やお金の話が出ました（内容をお伝えします。弁護士へのご相談をおすすめします）",
}
# What the client is told by email, per event (their own request: the company's name may appear;
# never the wording, the reason or the reply's text).
NOTICES = {
    "edited": "担当者が{company}への文面を直しました。内容をご確認のうえ、もう一度承認してください。",
    "sent": "{company}へのメールを送信しました。",
    "uncertain": "{company}へのメールが届いたかどうか確かめられませんでした。重ねて送ることはしません。担当者が確認します。",
    "failed": "{company}へのメールを送れませんでした。担当者が確認します。",
    "answered": "{company}から返事がありました。",
    "called": "{company}に電話しました。",
}
NOTICE_SUBJECT = "{name}: 辞退連絡の依頼 {request} の進み具合"
NOTICE_BODY = "{notice}\n詳しくは {base}/service/requests/{request} をご覧ください。\n"
UNTOLD_EVENTS = (
    "SELECT e.id, e.kind, e.request_id, r.notify, r.applicant_id, u.email, c.name"
    " FROM service_events e JOIN service_requests r ON r.id = e.request_id"
    " JOIN org_users u ON u.id = r.applicant_id AND u.status = 'active'"
    " LEFT JOIN service_request_companies c"
    "   ON c.request_id = e.request_id AND c.position = e.position"
    " WHERE NOT e.notified AND e.kind = ANY(:kinds)"
    " ORDER BY e.id LIMIT 200 FOR UPDATE OF e SKIP LOCKED"
)


def log_call(
    engine: Engine, actor: Actor, request_id: int, position: int, outcome: str, address: str = ""
) -> None:
    """Staff log a phone call's outcome; the client sees it on the company's timeline."""
    if outcome not in CALL_OUTCOMES:
        raise InputError(f"{', '.join(CALL_OUTCOMES)} のいずれかにしてください", field="outcome")
    with _locked(engine, actor, "adviser", request_id, position) as (connection, row, _):
        if row.status != "open":
            raise InputError("取り下げられた依頼です")
        _decline_only(row)
        _step(connection, request_id, position, "called", outcome, row.applicant_id, address)


def set_notify(engine: Engine, actor: Actor, request_id: int, on: bool) -> None:
    """The client turns the progress emails on or off for one request."""
    _require(actor, "applicant")
    with transaction(engine, actor) as connection:
        _request_row(connection, request_id)
        connection.execute(
            text("UPDATE service_requests SET notify = :n WHERE id = :r"),
            {"n": on, "r": request_id},
        )


def notify_clients(engine: Engine, config: OrgConfig) -> list[int]:
    """The worker's sweep: each event worth telling the client becomes one queued email (the
    event is marked in the same transaction, so it is told once); none when they opted out."""
    from naitei.org import outbox

    return outbox.sweep(engine, UNTOLD_EVENTS, {"kinds": list(NOTICES)}, partial(_notify, config))


def _notify(config: OrgConfig, connection: Connection, event: Any) -> int | None:
    """One event told to its client (unless they opted out) and marked notified."""
    from naitei.org import outbox

    outbox_id = None
    if event.notify:
        notice = NOTICES[event.kind].format(company=event.name or "")
        subject = NOTICE_SUBJECT.format(name=config.name, request=event.request_id)
        body = NOTICE_BODY.format(notice=notice, base=config.base_url, request=event.request_id)
        outbox_id = outbox.queue(
            connection, "service", event.applicant_id, event.email, subject, body
        )
    connection.execute(
        text("UPDATE service_events SET notified = true WHERE id = :i"), {"i": event.id}
    )
    return outbox_id


# --- replies by email -----------------------------------------------------------------------


def _reply_ids(message: Any) -> list[str]:
    """The Message-IDs a reply answers (In-Reply-To, then References)."""
    import re

    found: list[str] = []
    for header in ("In-Reply-To", "References"):
        found += re.findall(r"<[^<>\s]+>", str(message.get(header, "")))
    return list(dict.fromkeys(found))


def _reply_text(message: Any) -> str:
    """The reply's own words: the plain-text part without the quoted original."""
    part = message.get_body(preferencelist=("plain",))
    content = part.get_content() if part is not None else ""
    lines = []
    for line in str(content).splitlines():
        if line.strip().startswith("-----Original Message-----"):
            break
        if not line.startswith(">"):
            lines.append(line)
    return "\n".join(lines).strip()


def ingest_reply(
    engine: Engine, raw: bytes, seen: tuple[str, str, int, int] | None = None
) -> tuple[int, int, str] | None:
    """A company's reply (an email, as an IMAP poller or a mail hook hands it over) recorded on
    the company whose send it answers: (request, position, outcome), or None when it answers no
    send of the service. Labelled like a reply staff record; the client is told by the sweep.

    `seen` (reply key, mailbox, UIDVALIDITY, UID), from the worker's poller (org/replies.py):
    the reply is marked handled in service_inbox in the same transaction, and None is returned
    without recording anything when it was handled before (by this or another worker)."""
    from email import message_from_bytes, policy

    message = message_from_bytes(raw, policy=policy.default)
    ids = _reply_ids(message)
    if not ids:
        return None
    with system_transaction(engine) as connection:
        send = connection.execute(
            text(
                "SELECT request_id, position FROM service_sends WHERE message_id = ANY(:ids)"
                " AND status IN ('sent', 'uncertain') ORDER BY id LIMIT 1"
            ),
            {"ids": ids},
        ).first()
        if send is None:
            return None
        if seen is not None:
            first = connection.execute(
                text(
                    "INSERT INTO service_inbox"
                    " (reply_key, mailbox, uidvalidity, uid, request_id, position)"
                    " VALUES (:k, :m, :v, :u, :r, :p) ON CONFLICT (reply_key) DO NOTHING"
                    " RETURNING reply_key"
                ),
                {
                    "k": seen[0],
                    "m": seen[1],
                    "v": seen[2],
                    "u": seen[3],
                    "r": send.request_id,
                    "p": send.position,
                },
            ).first()
            if first is None:
                return None  # handled before: never recorded twice
        outcome = _answered(connection, send.request_id, send.position, _reply_text(message))
        _event(connection, send.request_id, send.position, "answered", outcome)
    return int(send.request_id), int(send.position), outcome
