"""The JSON API as documented at /openapi.json: request bodies mirror the case file
(CONTRACTS §1, from the same pydantic models that validate it) and the documented responses
mirror CONTRACTS §3–§6. The models below only document; the routes return the core's dicts."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field, TypeAdapter

from naitei.case import DeclineCase, WithdrawalCase

REF = "#/components/schemas/{model}"
CASE_REF = {"$ref": "#/components/schemas/CaseFile"}
ENVELOPE_REF = {"$ref": "#/components/schemas/CaseEnvelope"}
NOW_HELP = "基準にする日時（ISO 8601、例: 2026-11-25T21:00:00+09:00）。既定はサーバーの現在時刻"

CASE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "ケースファイル（CONTRACTS §1）を JSON にしたもの。"
        '`{"case": {...}, "now": "..."}` の形で基準日時を添えることもできます。',
        "content": {"application/json": {"schema": {"anyOf": [CASE_REF, ENVELOPE_REF]}}},
    }
}


class Problem(BaseModel):
    field: str | None = Field(description="問題のある項目（例: [decline].channel, now, kind）")
    message: str


class ErrorBody(BaseModel):
    detail: list[Problem]


class ConditionOut(BaseModel):
    id: Literal["baseline", "position_open", "needed", "unavoidable_reason", "decline_conduct"]
    status: Literal["met", "unmet", "unknown"]
    title: str
    explanation: str
    advice: str


class WindowOut(BaseModel):
    start: str
    end: str


class StepOut(BaseModel):
    id: str
    title: str
    detail: str
    channel: Literal["phone", "email", "visit", "letter"] | None
    to: Literal["company", "agent", "school"] | None = None
    window: WindowOut | None = None
    due: str | None = None
    company: str | None = None


class AssessmentOut(BaseModel):
    verdict: Literal["possible", "hard", "very_hard", "near_impossible"]
    verdict_label: str
    summary: str
    days_since_decline: int
    conditions: list[ConditionOut]
    blockers: list[dict[str, str]]
    notes: list[str]
    next_step: StepOut


class PlanOut(BaseModel):
    now: str
    steps: list[StepOut]


class DocumentOut(BaseModel):
    kind: str
    title: str
    text: str
    subject: str | None = None
    to: str | None = None


class CheckIn(BaseModel):
    text: str = Field(max_length=100_000, description="点検する下書き")
    kind: str = Field(description="email | letter | phone | visit")
    purpose: str | None = Field(
        None, description="withdraw | decline（既定: case の purpose か withdraw）"
    )
    case: dict[str, Any] | None = Field(None, description="ケースファイル: 会社名と応募者名で照合")
    company: int = Field(1, description="辞退ファイルで何社目の会社宛てか（1から）")


class FindingOut(BaseModel):
    rule: str
    severity: Literal["error", "warning", "info"]
    start: int
    end: int
    line: int
    column: int
    message: str
    suggestion: str | None


class ReportOut(BaseModel):
    kind: str
    purpose: str
    findings: list[FindingOut]
    counts: dict[str, int]


class CaseSummaryOut(BaseModel):
    id: str
    company: str
    status: str
    status_label: str
    next_due: str | None
    next_step: str | None
    next_title: str | None
    purpose: str
    batch_id: str | None
    created_at: str
    updated_at: str


class EventIn(BaseModel):
    kind: Literal["called", "emailed", "visited", "letter_sent", "answered", "note"]
    outcome: str | None = Field(
        None,
        description="called: reached | absent; answered: accepted | refused | come_in | call_back",
    )
    at: str | None = Field(None, description="いつのことか（ISO 8601）。既定は現在時刻")
    with_: str | None = Field(None, alias="with", description="話した相手")
    said: str | None = None
    note: str | None = None


def _case_schemas() -> dict[str, Any]:
    """The case file's JSON schema, its definitions lifted into components."""
    schema = TypeAdapter(WithdrawalCase | DeclineCase).json_schema(ref_template=REF)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    schema["description"] = "ケースファイル（CONTRACTS §1）"
    envelope = {
        "type": "object",
        "title": "CaseEnvelope",
        "required": ["case"],
        "additionalProperties": False,
        "properties": {"case": CASE_REF, "now": {"type": "string", "description": NOW_HELP}},
    }
    return {**definitions, "CaseFile": schema, "CaseEnvelope": envelope}


def install_schema(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(_case_schemas())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
