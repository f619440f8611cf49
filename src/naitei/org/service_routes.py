"""Routes of the decline service on `naitei serve --org` (issue 19): the client's requests,
the 委任状 and approvals; staff's review queue, edits, sends and replies; the reporting CSV.
Every handler passes the session's actor to naitei.org.service, which checks the role and runs
under row-level security (a request another user owns is a 404)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from naitei.calendar import JST
from naitei.errors import InputError, parsed
from naitei.messenger.request import STATUS_LABELS, sha
from naitei.org import accounts, service
from naitei.org.routes import _config, _engine
from naitei.org.web import address, csrf_checked, render, session_of

router = APIRouter(dependencies=[Depends(csrf_checked)])
Text = Annotated[str, Form()]
LABELS = STATUS_LABELS | {"open": "受付中"}
EVENTS = {
    "drafted": "文面を作成",
    "authorised": "委任状を確認",
    "edited": "担当者が文面を修正",
    "approved": "ご本人が承認",
    "queued": "送信の手続き",
    "sent": "送信済み",
    "uncertain": "送信の結果が不明（再送しません）",
    "failed": "送信できませんでした",
    "answered": "返事あり",
    "withdrawn": "取り下げ",
    "called": "電話",
    "handed_over": "承認した文面をご本人が受け取り",
    "refused": "送信を拒否（撤回はサービスから送りません）",
}


def _outcomes() -> dict[str, str]:
    from naitei.messenger.texts import messenger_texts

    return dict(messenger_texts().replies.labels)


def _back(request_id: int) -> Response:
    return RedirectResponse(f"/service/requests/{request_id}", status_code=303)


def _act(
    request: Request, request_id: int, use_case: Callable[..., object], *args: object
) -> Response:
    """A form post on one request: the use case of naitei.org.service run as the session's
    actor, audited with the client's address, then back to the request's page."""
    session = session_of(request)
    use_case(_engine(request), session.actor, request_id, *args, address(request))
    return _back(request_id)


@router.get("/service", response_class=HTMLResponse)
def service_home(request: Request) -> Response:
    session = session_of(request)
    engine = _engine(request)
    if session.role == "applicant":
        mine = service.list_requests(engine, session.actor)
        return render(request, "service_home.html", requests=mine, labels=LABELS)
    if session.role != "adviser":
        raise accounts.Forbidden("ご本人と担当のアドバイザーだけが開けます")
    return render(
        request,
        "service_home.html",
        queue=service.review_queue(engine, session.actor),
        figures=service.dashboard(engine, session.actor, dt.datetime.now(JST)),
        labels=LABELS,
    )


@router.post("/service/requests")
def service_create(
    request: Request, case: Text, due: Text, words: Text = "", school_consulted: Text = ""
) -> Response:
    import tomllib

    session = session_of(request)
    try:
        data = tomllib.loads(case)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"辞退ファイルとして読めません（{error}）", field="case") from None
    day = parsed(dt.date.fromisoformat, due, "due", "日付の形になっていません")
    config = _config(request)
    request_id = service.create_request(
        _engine(request), session.actor, data, words, config.name, _staff(request),
        dt.datetime.combine(day, dt.time(18, 0), JST),
        school_consulted=bool(school_consulted), address=address(request),
    )  # fmt: skip
    return _back(request_id)


def _staff(request: Request) -> str:
    """The client's assigned adviser, who sends and calls for the service."""
    session = session_of(request)
    engine = _engine(request)
    for user in accounts.list_users(engine, session.actor):
        if user.role == "adviser" and user.display_name:
            return user.display_name
    raise InputError("担当のアドバイザー（氏名の登録がある方）が決まってから依頼できます")


@router.get("/service/requests/{request_id}", response_class=HTMLResponse)
def service_page(request: Request, request_id: int) -> Response:
    session = session_of(request)
    engine = _engine(request)
    item = service.get_request(engine, session.actor, request_id)
    letter = ""
    if (
        session.user_id == item.applicant_id
        and item.authorised_at is None
        and item.kind == service.DECLINE
    ):
        letter = service.authorisation_text(engine, session.actor, request_id)
    return render(
        request, "service_request.html", item=item, letter=letter,
        letter_sha=sha(letter),
        labels=LABELS, events=EVENTS, outcomes=_outcomes(), calls=service.CALL_OUTCOMES,
        never_sent=service.NEVER_SENT,
    )  # fmt: skip


@router.post(
    "/service/requests/{request_id}/companies/{position}/handoff", response_class=HTMLResponse
)
def service_handoff(request: Request, request_id: int, position: int) -> Response:
    """Withdrawal help: the approved wording for the client to send or say themselves."""
    session = session_of(request)
    given = service.handoff(_engine(request), session.actor, request_id, position, address(request))
    return render(request, "service_handoff.html", request_id=request_id, position=position,
                  given=given, never_sent=service.NEVER_SENT)  # fmt: skip


@router.post("/service/requests/{request_id}/companies/{position}/withdrawal.eml")
def service_withdrawal_eml(request: Request, request_id: int, position: int) -> Response:
    """The approved withdrawal email as a draft for the client's own mail app."""
    session = session_of(request)
    given = service.handoff(_engine(request), session.actor, request_id, position, address(request))
    if not given.eml:
        raise InputError("会社のメールアドレスが分からないため、.eml は作れません")
    return Response(
        given.eml,
        media_type="message/rfc822",
        headers={"Content-Disposition": 'attachment; filename="withdrawal.eml"'},
    )


@router.post("/service/requests/{request_id}/authorise")
def service_authorise(request: Request, request_id: int, sha: Text) -> Response:
    return _act(request, request_id, service.confirm_authorisation, sha)


@router.post("/service/requests/{request_id}/companies/{position}/approve")
def service_approve(request: Request, request_id: int, position: int, sha: Text) -> Response:
    return _act(request, request_id, service.approve, position, sha)


@router.post("/service/requests/{request_id}/companies/{position}/edit")
def service_edit(request: Request, request_id: int, position: int, body: Text) -> Response:
    return _act(request, request_id, service.edit, position, body.replace("\r\n", "\n"))


@router.post("/service/requests/{request_id}/companies/{position}/send")
def service_send(request: Request, request_id: int, position: int) -> Response:
    """Queue the send; the worker's send_messenger_email (its sweep at the latest) sends it."""
    session = session_of(request)
    service.queue_send(
        _engine(request), session.actor, _config(request), request_id, position, address(request)
    )
    return _back(request_id)


@router.post("/service/requests/{request_id}/companies/{position}/reply")
def service_reply(request: Request, request_id: int, position: int, body: Text) -> Response:
    return _act(request, request_id, service.record_reply, position, body)


@router.post("/service/requests/{request_id}/companies/{position}/call")
def service_call(request: Request, request_id: int, position: int, outcome: Text) -> Response:
    return _act(request, request_id, service.log_call, position, outcome)


@router.post("/service/requests/{request_id}/notify")
def service_notify(request: Request, request_id: int, on: Text = "") -> Response:
    session = session_of(request)
    service.set_notify(_engine(request), session.actor, request_id, bool(on))
    return _back(request_id)


@router.post("/service/requests/{request_id}/withdraw")
def service_withdraw(request: Request, request_id: int) -> Response:
    return _act(request, request_id, service.withdraw)


@router.get("/service/report.csv")
def service_report(request: Request) -> Response:
    session = session_of(request)
    body = service.report_csv(_engine(request), session.actor)
    return Response(
        body.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="service-report.csv"'},
    )
