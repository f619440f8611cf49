"""Stored cases in the browser: the list, a case with its timeline and the event form,
saving a result as a case, export (JSON download) and deletion with a confirmation step."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from naitei.case import WithdrawalCase
from naitei.errors import InputError, NotFoundError
from naitei.services import cases as store
from naitei.store.health import DamagedCaseError
from naitei.web import events_form
from naitei.web.deps import FormDep, NowDep, StoreDep, render
from naitei.web.downloads import attachment, json_bytes, posted_case

router = APIRouter(include_in_schema=False)
CaseId = Annotated[str, Path(pattern=r"^[a-z0-9]{4,32}$")]


def see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


PAGE_SIZE = 50
PageNumber = Annotated[int, Query(ge=1, le=10_000_000)]


@router.get("/cases")
def list_cases(request: Request, db: StoreDep, now: NowDep, page: PageNumber = 1) -> Any:
    notice = {"deleted": "ケースを削除しました。", "saved": "ケースとして保存しました。"}
    shown = next((text for key, text in notice.items() if key in request.query_params), None)
    if request.query_params.get("deleted") == "pending":
        shown = (
            "ケースを削除しました。ほかの処理がデータベースを読み込み中のため、一時ファイルに"
            "残った内容は、その読み込みが終わりしだい消去します（naitei が数秒ごとに確かめます）。"
        )
    listed = store.case_page(db, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return render(
        request, "cases.html", cases=listed.cases, page=listed, number=page, now=now, notice=shown
    )


@router.post("/cases")
def save_case(form: FormDep, db: StoreDep, now: NowDep) -> RedirectResponse:
    case, _ = posted_case(form, now)
    added = store.add_case(db, case, now)
    return see(f"/cases/{added[0].id}?saved" if len(added) == 1 else "/cases?saved")


@router.get("/cases/{case_id}")
def show_case(request: Request, case_id: CaseId, db: StoreDep, now: NowDep) -> Any:
    return case_page(request, db, case_id, now, {}, {})


def case_page(
    request: Request,
    db: Any,
    case_id: str,
    now: Any,
    errors: dict[str, str],
    entered: dict[str, str],
    status: int = 200,
) -> Any:
    from naitei.compose.after import TITLES
    from naitei.store.next_document import next_document

    detail, case, assessment = store.show_case(db, case_id, now)
    return render(
        request,
        "case.html",
        status_code=status,
        next_document=next_document(detail, now) if case is not None else None,
        titles=TITLES,
        detail=detail,
        case=case,
        assessment=assessment,
        kinds=events_form.kinds(),
        outcomes=events_form.outcomes(),
        errors=errors,
        entered=entered,
        now=now,
        saved="saved" in request.query_params,
        logged="logged" in request.query_params,
    )


@router.post("/cases/{case_id}/events")
def log_event(request: Request, case_id: CaseId, form: FormDep, db: StoreDep, now: NowDep) -> Any:
    event, errors = events_form.read(form, now)
    if event is not None:
        try:
            store.log_event(
                db,
                case_id,
                event.kind,
                at=event.at,
                now=now,
                outcome=event.outcome,
                with_whom=event.with_whom,
                said=event.said,
                note=event.note,
                expected_at=event.expected,
                expected_option="expected",
            )
            return see(f"/cases/{case_id}?logged#timeline")
        except InputError as error:
            if isinstance(error, NotFoundError):
                raise
            errors = events_form.field_of(error, event.kind)
    return case_page(request, db, case_id, now, errors, form, status=422)


AfterKind = Annotated[str | None, Query(pattern=r"^[a-z-]{4,32}$")]


@router.get("/cases/{case_id}/document")
def case_document(
    request: Request, case_id: CaseId, db: StoreDep, now: NowDep, kind: AfterKind = None
) -> Any:
    """The next document of a stored case (or `kind`), with the facts its timeline knows."""
    from naitei import services
    from naitei.store.next_document import case_document as make

    detail, case, _assessment = store.show_case(db, case_id, now)
    if case is None:
        raise DamagedCaseError(detail.problem or "")
    document = make(detail, case, now, kind)
    return render(
        request,
        "case_document.html",
        detail=detail,
        document=document,
        text=services.document_text(document),
    )


@router.get("/cases/{case_id}/plan.ics")
def case_ics(case_id: CaseId, db: StoreDep, now: NowDep) -> Response:
    """The case's calendar as of now (naitei case ics): importing it again replaces the old."""
    from naitei.services.reminders import case_calendar

    return attachment(case_calendar(db, case_id, now), "plan.ics")


@router.get("/cases/{case_id}/delete")
def confirm_delete(request: Request, case_id: CaseId, db: StoreDep) -> Any:
    return render(request, "case_delete.html", detail=store.get_case(db, case_id))


@router.post("/cases/{case_id}/delete")
def delete_case(case_id: CaseId, db: StoreDep) -> RedirectResponse:
    result = store.delete_case(db, case_id)
    return see("/cases?deleted=pending" if result.wal_cleared is False else "/cases?deleted")


@router.post("/cases/{case_id}/export")
def export_case(case_id: CaseId, db: StoreDep, now: NowDep) -> Response:
    return attachment(json_bytes(store.export_one(db, case_id, now)), f"naitei-case-{case_id}.json")


@router.post("/cases/export")
def export_all(db: StoreDep, now: NowDep) -> Response:
    return attachment(json_bytes(store.export_all(db, now)), "naitei-cases.json")


@router.get("/cases/{case_id}/kit")
def case_kit(request: Request, case_id: CaseId, db: StoreDep, now: NowDep) -> Any:
    """The result page (withdrawal) or the messages (decline) of a stored case, as of now."""
    from naitei import services
    from naitei.web.routes import decline, withdraw

    detail, case, _assessment = store.show_case(db, case_id, now)
    if case is None:
        raise DamagedCaseError(detail.problem or "")
    if isinstance(case, WithdrawalCase):
        return withdraw.show_result(request, case, now, saved_id=case_id)
    return decline.show_result(request, case, services.decline_kit_of(case, now), now, case_id)
