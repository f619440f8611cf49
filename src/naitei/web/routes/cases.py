"""Stored cases in the browser: the list, a case with its timeline and the event form,
saving a result as a case, export (JSON download) and deletion with a confirmation step."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from naitei.case import WithdrawalCase
from naitei.errors import CaseError, InputError, NotFoundError
from naitei.services import cases as store
from naitei.services import edits
from naitei.web import events_form
from naitei.web.deps import FormDep, NowDep, StoreDep, render
from naitei.web.downloads import attachment, json_bytes, posted_case
from naitei.web.problems import form_name, problems_of
from naitei.web.wizard import friendly

router = APIRouter(include_in_schema=False)
MAX_IMPORT_BYTES = 20_000_000  # the browser's upload; larger files: naitei case import
CaseId = Annotated[str, Path(pattern=r"^[a-z0-9]{4,32}$")]


def see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


PAGE_SIZE = 50
PageNumber = Annotated[int, Query(ge=1, le=10_000_000)]


@router.get("/cases")
def list_cases(request: Request, db: StoreDep, now: NowDep, page: PageNumber = 1) -> Any:
    notice = {"deleted": "ケースを削除しました。", "saved": "ケースとして保存しました。"}
    shown = next((text for key, text in notice.items() if key in request.query_params), None)
    imported = request.query_params.get("imported")
    if imported is not None and imported.isdigit():
        events = request.query_params.get("events", "0")
        shown = (
            f"取り込みました: ケース {imported} 件、記録 {events if events.isdigit() else 0} 件。"
        )
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

    shown = store.show_case(db, case_id, now)
    return render(
        request,
        "case.html",
        status_code=status,
        next_document=shown.next_document,
        titles=TITLES,
        detail=shown.detail,
        case=shown.case,
        assessment=shown.assessment,
        kinds=events_form.kinds(),
        outcomes=events_form.outcomes(),
        errors=errors,
        entered=entered,
        now=now,
        saved="saved" in request.query_params,
        edited="edited" in request.query_params,
        history=edits.history(db, case_id),
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

    detail, document = store.stored_document(db, case_id, now, kind)
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


@router.get("/cases/{case_id}/edit")
def edit_form(request: Request, case_id: CaseId, db: StoreDep) -> Any:
    """The case's contact details to correct (the contact is 鈴木, not 佐藤)."""
    detail = store.get_case(db, case_id)
    values = edits.current(detail.data) if detail.data else {}
    return _edit_page(request, detail, values, {})


def _edit_page(
    request: Request, detail: Any, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> Any:
    fields = [(f"{table}.{key}", label) for table, key, label in edits.EDITABLE]
    return render(
        request,
        "case_edit.html",
        status_code=status,
        detail=detail,
        fields=fields,
        values=values,
        errors=errors,
    )


@router.post("/cases/{case_id}/edit")
def edit_case(request: Request, case_id: CaseId, form: FormDep, db: StoreDep, now: NowDep) -> Any:
    try:
        edits.edit_case(db, case_id, form, now)
    except CaseError as error:
        errors = {}
        for problem in problems_of(error, "edit"):
            name = form_name(problem.field) or ""
            name = re.sub(r"^companies\.0\.", "company.", name)
            errors[name] = friendly(name, problem.message)
        detail = store.get_case(db, case_id)
        return _edit_page(request, detail, form, errors, status=422)
    return see(f"/cases/{case_id}?edited")


@router.post("/cases/import")
async def import_cases(request: Request, db: StoreDep, now: NowDep) -> Any:
    """An export file (naitei case export, or this app's 書き出す) taken back in."""
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise InputError("取り込むファイルを選んでください", field="file")
    raw = await upload.read(MAX_IMPORT_BYTES + 1)
    name = upload.filename or "file"
    if len(raw) > MAX_IMPORT_BYTES:
        raise InputError(f"大きすぎます（{MAX_IMPORT_BYTES // 1_000_000} MB まで）", field="file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise InputError(f"{name} は JSON として読めません", field="file") from None
    result = await run_in_threadpool(store.import_all, db, data, name, now)
    query = f"imported={result.cases_added}&events={result.events_added}"
    return see(f"/cases?{query}")


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

    case = store.usable_case(store.show_case(db, case_id, now))
    if isinstance(case, WithdrawalCase):
        return withdraw.show_result(request, case, now, saved_id=case_id)
    return decline.show_result(request, case, services.decline_kit_of(case, now), now, case_id)
