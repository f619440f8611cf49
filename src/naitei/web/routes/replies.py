"""Replies from the user's mailbox on the web case page (issue 17; opt-in, like `naitei
replies`): the server reads the IMAP settings from its environment, looks for this case's
replies only when the user asks, shows them as plain (escaped) text, and logs an answer only
when the user confirms one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse

from naitei.errors import InputError
from naitei.web.deps import FormDep, NowDep, StoreDep, render

router = APIRouter(include_in_schema=False)
CaseId = Annotated[str, Path(pattern=r"^[a-z0-9]{4,32}$")]
ANSWERS = ("accepted", "refused", "come_in", "call_back", "considering")


@router.post("/cases/{case_id}/replies")
def find(request: Request, case_id: CaseId, db: StoreDep, now: NowDep) -> Any:
    from naitei.mail.replies import find_replies, load_settings
    from naitei.services import cases as store
    from naitei.services.inbox import watches

    detail = store.get_case(db, case_id)
    watched = [watch for watch in watches(db) if watch.case_id == case_id]
    found = find_replies(load_settings(), watched) if watched else []
    return render(
        request,
        "case_replies.html",
        detail=detail,
        replies=[r for r in found if case_id in r.candidates],
        watched=bool(watched),
        answers=ANSWERS,
    )


@router.post("/cases/{case_id}/replies/confirm")
def confirm(case_id: CaseId, form: FormDep, db: StoreDep, now: NowDep) -> RedirectResponse:
    from naitei.mail.replies import Reply, clean
    from naitei.services.inbox import confirm as log_reply

    outcome = form.get("outcome", "")
    if outcome not in ANSWERS:
        raise InputError(f"outcome: '{outcome}' は次のいずれかにしてください: {', '.join(ANSWERS)}")
    try:
        date = dt.datetime.fromisoformat(form["date"]) if form.get("date") else None
    except ValueError:
        raise InputError("date: 日時の形ではありません") from None
    reply = Reply(
        uid=0,
        case_id=case_id,
        candidates=(case_id,),
        sender=clean(form.get("sender", "").replace("\n", " "))[:200],
        sender_address="",
        subject=clean(form.get("subject", "").replace("\n", " "))[:200],
        date=date if date and date.tzinfo else None,
        message_id=clean(form.get("message_id", "").replace("\n", " "))[:255],
        text="",
        matched_by="",
        warning="",
        suggested=None,
    )
    log_reply(db, reply, case_id, outcome, now)
    return RedirectResponse(f"/cases/{case_id}?logged#timeline", status_code=303)
