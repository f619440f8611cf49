"""Replies from the user's mailbox on the web case page (issue 17; opt-in, like `naitei
replies`): the server reads the IMAP settings from its environment, looks for this case's
replies only when the user asks, shows them as plain (escaped) text, and logs an answer only
when the user confirms one (naitei.services.inbox)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse

from naitei.vocabulary import OUTCOMES
from naitei.web.deps import FormDep, NowDep, StoreDep, render

router = APIRouter(include_in_schema=False)
CaseId = Annotated[str, Path(pattern=r"^[a-z0-9]{4,32}$")]


@router.post("/cases/{case_id}/replies")
def find(request: Request, case_id: CaseId, db: StoreDep, now: NowDep) -> Any:
    from naitei.services import cases as store
    from naitei.services.inbox import case_replies

    detail = store.get_case(db, case_id)
    watched, replies = case_replies(db, case_id)
    return render(
        request,
        "case_replies.html",
        detail=detail,
        replies=replies,
        watched=watched,
        answers=OUTCOMES["answered"],
    )


@router.post("/cases/{case_id}/replies/confirm")
def confirm(case_id: CaseId, form: FormDep, db: StoreDep, now: NowDep) -> RedirectResponse:
    from naitei.services.inbox import confirm_posted

    confirm_posted(db, case_id, form, now)
    return RedirectResponse(f"/cases/{case_id}?logged#timeline", status_code=303)
