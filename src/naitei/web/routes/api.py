"""JSON API (CONTRACTS §7): assess, plan, documents and check. Bad input is a 422 whose body
names the field ({"detail": [{"field": "[decline].channel", "message": "..."}]}).

These routes only compute (no file, no database), in about a millisecond: they run on the
event loop (`async def`). As plain `def` routes each request went to a worker thread and
back, and under load the two threads fought over the GIL: /api/check answered 30 % fewer
requests per second with twice the p99 (benchmarks/results/load.md). A draft longer than
INLINE_CHECK characters is still checked in a worker thread, so that it never holds up the
other requests.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from naitei import services
from naitei.case import parse_case
from naitei.compose.after_facts import GivenFacts
from naitei.vocabulary import DocumentKind
from naitei.web.bodies import SOURCE, read_case
from naitei.web.deps import NowDep
from naitei.web.json_body import StrictJSONRoute
from naitei.web.openapi import (
    CASE_BODY,
    NOW_HELP,
    WITHDRAWAL_BODY,
    AssessmentOut,
    CheckIn,
    DocumentOut,
    ErrorBody,
    PlanOut,
    ReportOut,
)

router = APIRouter(prefix="/api", tags=["api"], route_class=StrictJSONRoute)
ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody, "description": "入力の誤り"}}
CaseBody = Annotated[Any, Body()]
NowQuery = Annotated[str | None, Query(description=NOW_HELP)]
INLINE_CHECK = 5_000  # characters: about 5 ms of checking


def _given_facts(
    heard_by: Annotated[
        str | None, Query(description="返事を受けた方法: phone, visit, email, agent")
    ] = None,
    heard_on: Annotated[str | None, Query(description="返事を受けた日（既定は今日）")] = None,
    answer_by: Annotated[str | None, Query(description="先方が返事をくれると言った日")] = None,
    asked_on: Annotated[str | None, Query(description="撤回をお願いした日")] = None,
    visit_at: Annotated[str | None, Query(description="訪問の日時（visit-confirm）")] = None,
    place: Annotated[str, Query(max_length=100, description="訪問の場所")] = "",
    bring: Annotated[list[str] | None, Query(description="持参するもの（繰り返し可）")] = None,
    asked_to_visit: Annotated[bool, Query(description="（decline-keep）来社を求められた")] = False,
) -> GivenFacts:
    """The facts of an answer from the query, as `naitei draft` reads them from its options."""
    return GivenFacts(
        heard_by, heard_on, answer_by, asked_on, visit_at, place, bring, asked_to_visit
    )


AfterFactsQuery = Annotated[GivenFacts, Depends(_given_facts)]


@router.post(
    "/assess",
    summary="撤回の見通し（CONTRACTS §3）と次にすること",
    responses={200: {"model": AssessmentOut}, **ERRORS},
    openapi_extra=WITHDRAWAL_BODY,
)
async def assess(body: CaseBody, clock: NowDep, now: NowQuery = None) -> JSONResponse:
    case, moment = read_case(body, now, clock)
    assessment, plan = services.assess_case(case, moment)
    return JSONResponse({**assessment.to_dict(), "next_step": plan.first_contact().to_dict()})


@router.post(
    "/plan",
    summary="日付入りの行動計画（CONTRACTS §4）",
    responses={200: {"model": PlanOut}, **ERRORS},
    openapi_extra=CASE_BODY,
)
async def plan(body: CaseBody, clock: NowDep, now: NowQuery = None) -> JSONResponse:
    case, moment = read_case(body, now, clock)
    return JSONResponse(services.plan_case(case, moment).to_dict())


@router.post(
    "/documents/{kind}",
    summary="文書を一つ（naitei draft と同じ種類）",
    responses={200: {"model": DocumentOut}, **ERRORS},
    openapi_extra=CASE_BODY,
)
async def document(
    kind: DocumentKind,
    body: CaseBody,
    clock: NowDep,
    facts: AfterFactsQuery,
    now: NowQuery = None,
    company: Annotated[int, Query(ge=1, le=20, description="辞退ファイルの何社目か")] = 1,
    unreached: Annotated[bool, Query(description="電話がつながらなかったときのメール")] = False,
) -> JSONResponse:
    """The documents after the call (thanks-accepted … decline-keep) read the answer's facts
    from the query, as `naitei draft` reads them from its options."""
    case, moment = read_case(body, now, clock)
    made = services.draft_document(
        kind, case, moment, company=company, unreached=unreached, given=facts
    )
    return JSONResponse(made.to_dict())


@router.post(
    "/check",
    summary="下書きの点検（CONTRACTS §6）",
    responses={200: {"model": ReportOut}, **ERRORS},
)
async def check(body: CheckIn, clock: NowDep) -> JSONResponse:
    if len(body.text) > INLINE_CHECK:
        return await run_in_threadpool(_check, body, clock)
    return _check(body, clock)


def _check(body: CheckIn, clock: dt.datetime) -> JSONResponse:
    case = parse_case(body.case, SOURCE, wording=False) if body.case is not None else None
    moment = services.parse_now(body.now, "now") if body.now is not None else clock
    report = services.check_draft(body.text, body.kind, body.purpose, case, body.company, moment)
    return JSONResponse({**report.to_dict(), "purpose": report.purpose})
