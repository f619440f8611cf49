"""JSON API for stored cases (CONTRACTS §7): list, add, show, erase, log an event."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import JSONResponse

from naitei.services import cases as store
from naitei.services import parse_now
from naitei.web.bodies import read_case
from naitei.web.deps import NowDep, StoreDep
from naitei.web.json_body import StrictJSONRoute
from naitei.web.openapi import (
    CASE_BODY,
    NOW_HELP,
    CaseAddedOut,
    CaseDetailOut,
    CaseSummaryOut,
    DeletedOut,
    ErrorBody,
    EventIn,
    EventLoggedOut,
)
from naitei.web.shapes import list_of

router = APIRouter(prefix="/api/cases", tags=["cases"], route_class=StrictJSONRoute)
ID_PATTERN = r"^[a-z0-9]{4,32}$"
CaseId = Annotated[str, Path(pattern=ID_PATTERN, description="ケースの ID")]
# 503: the database could not be used (locked past the busy timeout, disk full, unreachable).
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorBody, "description": "データベースを使えなかった"}
}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorBody, "description": "入力の誤り"},
    **UNAVAILABLE,
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "ケースがない"},
    **INVALID,
}
# What a client can do next with the id of a case it has just added (OpenAPI links).
_ID = {"case_id": "$response.body#/id"}
LINKS = {
    "ShowCase": {"operationId": "show_case", "parameters": _ID},
    "LogEvent": {"operationId": "log_event", "parameters": _ID},
    "DeleteCase": {"operationId": "delete_case", "parameters": _ID},
}


DEFAULT_LIMIT, MAX_LIMIT = 100, 500
PAGE_HEADERS = {
    "X-Total-Count": {
        "description": "登録したケースの数（すべてのページの合計）",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": 'RFC 8288: 次と前のページ（rel="next", rel="prev"）',
        "schema": {"type": "string"},
    },
}


@router.get(
    "",
    summary="登録したケースの一覧（ページごと。合計は X-Total-Count、次のページは Link）",
    operation_id="list_cases",
    responses={
        200: {"model": list_of(CaseSummaryOut), "headers": PAGE_HEADERS},
        422: {"model": ErrorBody, "description": "入力の誤り"},
        **UNAVAILABLE,
    },
)
def list_cases(
    db: StoreDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="飛ばす件数")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="一度に返す件数")] = DEFAULT_LIMIT,
) -> JSONResponse:
    page = store.case_page(db, offset=offset, limit=limit)
    links = []
    if page.has_next:
        links.append(f'</api/cases?offset={offset + limit}&limit={limit}>; rel="next"')
    if offset > 0:
        links.append(f'</api/cases?offset={max(0, offset - limit)}&limit={limit}>; rel="prev"')
    headers = {"X-Total-Count": str(page.total)}
    if links:
        headers["Link"] = ", ".join(links)
    return JSONResponse([case.to_dict() for case in page.cases], headers=headers)


@router.post(
    "",
    summary="ケースを登録する（辞退ファイルは会社ごとに一件ずつ）",
    status_code=201,
    operation_id="add_case",
    responses={201: {"model": CaseAddedOut, "description": "登録した", "links": LINKS}, **INVALID},
    openapi_extra=CASE_BODY,
)
def add_case(
    body: Annotated[Any, Body()],
    db: StoreDep,
    clock: NowDep,
    now: Annotated[str | None, Query(description=NOW_HELP)] = None,
) -> JSONResponse:
    case, moment = read_case(body, now, clock)
    added = store.add_case(db, case, moment)
    ids = [item.id for item in added]
    data = {"id": ids[0], "ids": ids, "cases": [item.to_dict() for item in added]}
    return JSONResponse(data, status_code=201)


@router.get(
    "/{case_id}",
    summary="一件のケースと、その記録",
    operation_id="show_case",
    responses={200: {"model": CaseDetailOut}, **NOT_FOUND},
)
def show_case(case_id: CaseId, db: StoreDep, now: NowDep) -> JSONResponse:
    return JSONResponse(store.show_case(db, case_id, now).to_dict())


@router.delete(
    "/{case_id}",
    summary="ケースとその記録を完全に削除する",
    operation_id="delete_case",
    responses={200: {"model": DeletedOut}, **NOT_FOUND},
)
def delete_case(case_id: CaseId, db: StoreDep) -> JSONResponse:
    result = store.delete_case(db, case_id)
    return JSONResponse(
        {
            "id": case_id,
            "events": result.events,
            "wal_cleared": result.wal_cleared,
            "erasure": result.erasure,
        }
    )


@router.post(
    "/{case_id}/events",
    summary="経過を記録する",
    status_code=201,
    operation_id="log_event",
    responses={201: {"model": EventLoggedOut, "description": "記録した"}, **NOT_FOUND},
)
def log_event(case_id: CaseId, event: EventIn, db: StoreDep, now: NowDep) -> JSONResponse:
    at = parse_now(event.at, "at") if event.at else now
    expected = parse_now(event.expected_at, "expected_at") if event.expected_at else None
    logged = store.log_event(
        db,
        case_id,
        event.kind,
        at=at,
        now=now,
        outcome=event.outcome,
        with_whom=event.with_,
        said=event.said,
        note=event.note,
        expected_at=expected,
        expected_option="expected_at",
    )
    return JSONResponse(logged.to_dict(), status_code=201)
