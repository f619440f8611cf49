"""The JSON API as documented at /openapi.json: request bodies mirror the case file
(CONTRACTS §1, from the same pydantic models that validate it) and the documented responses
mirror CONTRACTS §3–§6. The models below only document; the routes return the core's dicts."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from naitei import case_schema
from naitei.assess import Assessment, Condition
from naitei.calendar import Window
from naitei.case import DeclineCase, WithdrawalCase
from naitei.check.model import Finding, Fix, Report
from naitei.compose.model import Document
from naitei.plan import Plan, Step
from naitei.services.cases import CaseSummary, EventView, ShownCase
from naitei.vocabulary import DRAFT_KINDS, OUTCOMES, PURPOSE_CHOICES, EventKind
from naitei.web.shapes import list_of, out_model

REF = "#/components/schemas/{model}"
CASE_REF = {"$ref": "#/components/schemas/CaseFile"}
ENVELOPE_REF = {"$ref": "#/components/schemas/CaseEnvelope"}
NOW_HELP = "基準にする日時（ISO 8601、例: 2026-11-25T21:00:00+09:00）。既定はサーバーの現在時刻"


def _case_body(case_ref: dict[str, str], envelope_ref: dict[str, str], what: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": f"{what}を JSON にしたもの。"
            '`{"case": {...}, "now": "..."}` の形で基準日時を添えることもできます。',
            "content": {"application/json": {"schema": {"anyOf": [case_ref, envelope_ref]}}},
        }
    }


CASE_BODY = _case_body(CASE_REF, ENVELOPE_REF, "ケースファイル（CONTRACTS §1）")
WITHDRAWAL_BODY = _case_body(
    {"$ref": REF.format(model="WithdrawalCase")},
    {"$ref": REF.format(model="WithdrawalEnvelope")},
    '撤回のケース（purpose = "withdraw"）',
)
NULLABLE_CASE: dict[str, Any] = {"anyOf": [CASE_REF, {"type": "null"}]}
# Values that the services check (naitei.vocabulary).
CHECK_KINDS: list[Any] = list(DRAFT_KINDS)
PURPOSES: list[Any] = list(PURPOSE_CHOICES)


class Problem(BaseModel):
    field: str | None = Field(description="問題のある項目（例: [decline].channel, now, kind）")
    message: str


class ErrorBody(BaseModel):
    detail: list[Problem]


ConditionOut = out_model(Condition)
WindowOut = out_model(Window)
StepOut = out_model(Step)
AssessmentCore = out_model(Assessment)


AssessmentOut = create_model("AssessmentOut", __base__=AssessmentCore, next_step=(StepOut, ...))


PlanOut = out_model(Plan)
DocumentOut = out_model(Document)


class CheckIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")  # false is not company 0

    text: str = Field(max_length=100_000, description="点検する下書き")
    kind: str = Field(
        description="email | letter | phone | visit", json_schema_extra={"enum": CHECK_KINDS}
    )
    purpose: str | None = Field(
        None,
        description=(
            "withdraw | decline | accept | thanks | schedule | apology | other | messenger | auto"
            "（auto: 文面から判定。既定: case の purpose か withdraw）"
        ),
        json_schema_extra={"enum": [*PURPOSES, None]},
    )
    case: dict[str, Any] | None = Field(
        None,
        description="ケースファイル: 会社名と応募者名で照合",
        json_schema_extra=NULLABLE_CASE,
    )
    company: int = Field(
        1, description="辞退ファイルで何社目の会社宛てか（1から。case の会社の数まで）"
    )
    now: str | None = Field(
        None,
        description=(
            "基準にする日時（例: 2026-12-03T19:00:00+09:00）。年のない日付「12月8日（火）」の"
            "年を読むのに使います。既定は現在時刻"
        ),
    )


FixOut = out_model(Fix)
FindingOut = out_model(Finding)
ReportOut = out_model(Report)
CaseSummaryOut = out_model(CaseSummary)


# store.services._check_event: one line for who was spoken to, newlines in what was said and
# the note, no other hidden character; 200 or 4000 characters (documented only: the service's
# own check gives the message in Japanese).
_SHORT: dict[str, Any] = {"pattern": case_schema.LINE, "maxLength": 200}
_LONG: dict[str, Any] = {"pattern": case_schema.DETAIL, "maxLength": 4000}


def _outcome_rules() -> dict[str, Any]:
    """called and answered need an outcome of their own; other events take none."""
    rules: list[dict[str, Any]] = []
    for kind, outcomes in OUTCOMES.items():
        when = {"required": ["kind"], "properties": {"kind": {"const": kind}}}
        then = {"required": ["outcome"], "properties": {"outcome": {"enum": list(outcomes)}}}
        rules.append({"if": when, "then": then})
    others = {"required": ["kind"], "properties": {"kind": {"not": {"enum": list(OUTCOMES)}}}}
    rules.append({"if": others, "then": {"properties": {"outcome": {"type": "null"}}}})
    return {"allOf": rules}


class EventIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra=_outcome_rules())

    kind: EventKind
    outcome: str | None = Field(
        None,
        description="called: reached | absent; answered: accepted | refused | come_in | call_back"
        " | considering",
    )
    at: str | None = Field(None, description="いつのことか（ISO 8601）。既定は現在時刻")
    expected_at: str | None = Field(
        None,
        description="言われた日時（ISO 8601）: 戻られる時刻（absent, call_back）、訪問の日時"
        "（come_in）、返事をいただける日（considering）。次にすることがこれに合わせて決まる",
    )
    with_: str | None = Field(
        None, alias="with", description="話した相手", json_schema_extra=_SHORT
    )
    said: str | None = Field(None, json_schema_extra=_LONG)
    note: str | None = Field(None, json_schema_extra=_LONG)


EventOut = out_model(EventView)


CaseAddedOut = create_model(
    "CaseAddedOut",
    id=(str, Field(description="最初のケースの ID")),
    ids=(list[str], Field(description="登録したケースの ID（辞退ファイルは会社ごとに一件）")),
    cases=(list_of(CaseSummaryOut), ...),
)
CaseDetailOut = out_model(ShownCase)


class DeletedOut(BaseModel):
    id: str
    events: int = Field(description="一緒に消した記録の数")
    wal_cleared: bool | None = Field(
        description="SQLite の WAL を空にしたか（PostgreSQL では null）"
    )
    erasure: Literal["complete", "pending"] | None = Field(
        None,
        description="complete: 削除した内容はどのファイルにも残っていない。pending: ほかの処理が"
        "読み込み中で、その読み込みが終わりしだい消去する（サーバーが数秒ごとに確かめる）。"
        "PostgreSQL では null",
    )


EventLoggedOut = create_model("EventLoggedOut", event=(EventOut, ...), case=(CaseSummaryOut, ...))


def _case_schemas() -> dict[str, Any]:
    """The case file's JSON schema, its definitions lifted into components."""
    schema = TypeAdapter(WithdrawalCase | DeclineCase).json_schema(ref_template=REF)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    schema["description"] = "ケースファイル（CONTRACTS §1）"
    withdrawal = _envelope("WithdrawalEnvelope", {"$ref": REF.format(model="WithdrawalCase")})
    return {
        **definitions,
        "CaseFile": schema,
        "CaseEnvelope": _envelope("CaseEnvelope", CASE_REF),
        "WithdrawalEnvelope": withdrawal,
    }


def _envelope(title: str, case_ref: dict[str, str]) -> dict[str, Any]:
    now = {"anyOf": [{"type": "string"}, {"type": "null"}], "description": NOW_HELP}
    return {
        "type": "object",
        "title": title,
        "required": ["case"],
        "additionalProperties": False,
        "properties": {"case": case_ref, "now": now},
    }


def install_schema(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(_case_schemas())
            _document_the_key(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


UNAUTHORIZED = {
    "description": "鍵がない（naitei serve が表示したアドレスで開いたブラウザか、"
    "Authorization: Bearer の鍵が必要）",
    "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorBody")}}},
}


def _document_the_key(schema: dict[str, Any]) -> None:
    """Every operation needs the server's key (naitei.web.auth) and may answer 401."""
    schema["components"]["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "naitei serve の鍵（naitei serve --print-token で表示）",
        },
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "naitei_session_PORT",
            "description": "起動時のアドレス（?token=）を開いたブラウザに渡すセッション",
        },
    }
    schema["security"] = [{"bearer": []}, {"session": []}]
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault("401", UNAUTHORIZED)
