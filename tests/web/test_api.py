"""The JSON API (CONTRACTS §7): shapes of §3–§6, stored cases, and errors that name the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.cases import NOW
from tests.support.web import example, problem_fields

CONDITIONS = ["baseline", "position_open", "needed", "unavoidable_reason", "decline_conduct"]


# §3 assess


def test_assess_mirrors_contracts_section_3(client: Any) -> None:
    data = client.post("/api/assess", json=example("new-grad.toml")).json()
    assert data["verdict"] in ("possible", "hard", "very_hard", "near_impossible")
    assert data["verdict_label"]
    assert [c["id"] for c in data["conditions"]] == CONDITIONS
    for condition in data["conditions"]:
        assert condition["status"] in ("met", "unmet", "unknown")
        assert condition["title"] and condition["explanation"] and condition["advice"]
    assert isinstance(data["blockers"], list) and isinstance(data["notes"], list)
    assert data["next_step"]["channel"] == "phone" and data["next_step"]["window"]


def test_assess_filled_position_is_near_impossible(client: Any) -> None:
    case = example("new-grad.toml")
    case["withdrawal"]["position"] = "filled"
    assert client.post("/api/assess", json=case).json()["verdict"] == "near_impossible"


def test_assess_refuses_a_decline_file(client: Any) -> None:
    response = client.post("/api/assess", json=example("decline-three.toml"))
    assert response.status_code == 422
    assert "辞退の撤回" in response.json()["detail"][0]["message"]


# §4 plan


def test_plan_mirrors_contracts_section_4_with_the_clock(client: Any) -> None:
    data = client.post("/api/plan", json=example("new-grad.toml")).json()
    assert data["now"] == NOW.isoformat()
    first = next(step for step in data["steps"] if "window" in step)
    assert first["to"] == "company"
    assert first["window"]["start"] == "2026-11-26T10:00:00+09:00"
    for step in data["steps"]:
        assert {"id", "title", "detail", "channel"} <= set(step)


@pytest.mark.parametrize("how", ["query", "envelope"])
def test_plan_takes_an_optional_now(client: Any, how: str) -> None:
    later = "2026-11-27T20:00:00+09:00"
    case = example("new-grad.toml")
    if how == "query":
        response = client.post("/api/plan", params={"now": later}, json=case)
    else:
        response = client.post("/api/plan", json={"case": case, "now": later})
    data = response.json()
    assert data["now"] == later
    first = next(step for step in data["steps"] if "window" in step)
    assert dt.datetime.fromisoformat(first["window"]["start"]) > dt.datetime.fromisoformat(later)


def test_plan_agent_route_calls_the_agent_first(client: Any) -> None:
    data = client.post("/api/plan", json=example("mid-career-agent.toml")).json()
    assert next(step for step in data["steps"] if "window" in step)["to"] == "agent"


def test_bad_now_names_the_field(client: Any) -> None:
    response = client.post("/api/plan", json={"case": example("new-grad.toml"), "now": "昨日"})
    assert problem_fields(response) == ["now"]


def test_now_before_the_decline_names_now(client: Any) -> None:
    case = example("new-grad.toml")
    response = client.post("/api/assess", params={"now": "2026-11-01T10:00:00+09:00"}, json=case)
    assert problem_fields(response) == ["now"]


# Documents


@pytest.mark.parametrize("kind", ["phone", "visit", "email", "letter"])
def test_withdrawal_documents(client: Any, kind: str) -> None:
    data = client.post(f"/api/documents/{kind}", json=example("new-grad.toml")).json()
    assert data["kind"] == kind and data["title"] and data["text"]
    wrong = "貴社" if kind in ("phone", "visit") else "御社"  # CONTRACTS §5
    assert wrong not in data["text"]
    if kind == "email":
        assert data["subject"] and data["to"] == "saiyo@minato-seiki.example.co.jp"


def test_decline_documents_per_company(client: Any) -> None:
    case = example("decline-three.toml")
    for index, name in enumerate(["株式会社さくら出版", "ひかり旅行株式会社", "合同会社アオバ"], 1):
        data = client.post(
            "/api/documents/decline-email", params={"company": index}, json=case
        ).json()
        assert name in data["text"]
    phone = client.post("/api/documents/decline-phone", json=case).json()
    assert phone["kind"] == "decline-phone"


def test_unreached_email(client: Any) -> None:
    case = example("new-grad.toml")
    after = client.post("/api/documents/email", json=case).json()
    unreached = client.post("/api/documents/email", params={"unreached": True}, json=case).json()
    assert after["text"] != unreached["text"]


def test_unknown_document_kind_names_kind(client: Any) -> None:
    response = client.post("/api/documents/fax", json=example("new-grad.toml"))
    assert problem_fields(response) == ["kind"]


def test_company_out_of_range_names_company(client: Any) -> None:
    case = example("decline-three.toml")
    response = client.post("/api/documents/decline-email", params={"company": 9}, json=case)
    assert problem_fields(response) == ["company"]


# §6 check


def test_check_mirrors_contracts_section_6(client: Any) -> None:
    text = "株式会社サンプル\n人事部 佐藤様\n\n御社に入社したいです。"
    data = client.post("/api/check", json={"text": text, "kind": "email"}).json()
    assert data["kind"] == "email" and data["purpose"] == "withdraw"
    assert set(data["counts"]) == {"error", "warning", "info"}
    onsha = next(f for f in data["findings"] if f["rule"] == "onsha-in-writing")
    assert text[onsha["start"] : onsha["end"]] == "御社"
    assert onsha["severity"] == "error" and onsha["suggestion"] == "貴社"
    assert {"line", "column", "message"} <= set(onsha)


def test_check_infers_the_purpose_when_asked(client: Any) -> None:
    text = "株式会社サンプル\n人事部 佐藤様\n\n面接のお時間をいただき、ありがとうございました。"
    data = client.post("/api/check", json={"text": text, "kind": "email", "purpose": "auto"}).json()
    assert data["purpose"] == "thanks" and data["purpose_inferred"] is True
    assert "missing-apology" not in {f["rule"] for f in data["findings"]}
    given = client.post("/api/check", json={"text": text, "kind": "email"}).json()
    assert given["purpose"] == "withdraw" and given["purpose_inferred"] is False


def test_check_reads_a_yearless_date_from_now(client: Any) -> None:
    body = {"text": "面接は12月8日（水）14時からと伺っております。", "kind": "email"}
    rules = client.post("/api/check", json={**body, "now": "2026-12-03T19:00:00+09:00"}).json()
    [weekday] = [f for f in rules["findings"] if f["rule"] == "weekday-mismatch"]
    assert weekday["suggestion"] == "火"  # 2026-12-08 is a Tuesday
    later = client.post("/api/check", json={**body, "now": "2027-12-03T19:00:00+09:00"}).json()
    assert "weekday-mismatch" not in {f["rule"] for f in later["findings"]}
    bad = client.post("/api/check", json={**body, "now": "yesterday"})
    assert "now" in problem_fields(bad)


def test_check_with_a_case_finds_another_company(client: Any) -> None:
    body = {
        "text": "株式会社ほかの会社\n人事部 佐藤様\n\nお世話になっております。",
        "kind": "email",
        "case": example("new-grad.toml"),
    }
    rules = [f["rule"] for f in client.post("/api/check", json=body).json()["findings"]]
    assert "company-name-mismatch" in rules


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x", "kind": "fax"}, "kind"),
        ({"text": "x", "kind": "email", "purpose": "apologise"}, "purpose"),
        ({"kind": "email"}, "text"),
        ({"text": 3, "kind": "email"}, "text"),
        (
            {"text": "x", "kind": "email", "case": {"version": 1, "purpose": "withdraw"}},
            "[applicant]",
        ),
    ],
)
def test_check_errors_name_the_field(client: Any, body: dict[str, Any], field: str) -> None:
    assert field in problem_fields(client.post("/api/check", json=body))


# Case-file validation: 422 naming the field, never a 500


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("decline", "channel", "fax"), "[decline].channel"),
        (("applicant", "name", ""), "[applicant].name"),
        (("company", "name", "(株)サンプル"), "[company].name"),
        (("company", "hours", "9-6"), "[company].hours"),
        (("offer", "accepted", "yes"), "[offer].accepted"),
        (("company", "colour", "blue"), "[company].colour"),
        (("applicant", "email", "not-an-address"), "[applicant].email"),
        (("decline", "reason_detail", "やっぱり地元がいいから"), "[decline].reason_detail"),
        (
            ("withdrawal", "strengths", ["設計の基礎", "英語が得意です"]),
            "[withdrawal].strengths[2]",
        ),
        (
            ("withdrawal", "why_detail", "株式会社ミライの内定が取り消されました"),
            "[withdrawal].why_detail",
        ),
    ],
)
def test_bad_case_names_the_field(client: Any, change: tuple[str, str, Any], field: str) -> None:
    case = example("new-grad.toml")
    table, key, value = change
    case[table][key] = value
    for path in ("/api/assess", "/api/plan", "/api/documents/email", "/api/cases"):
        assert field in problem_fields(client.post(path, json=case))


@pytest.mark.parametrize(
    "body",
    [[], "text", 3, None, {"version": 2}, {"version": 1, "purpose": "sell"}, {"case": []}],
)
def test_malformed_bodies_are_422(client: Any, body: Any) -> None:
    response = client.post("/api/assess", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["message"]


def test_invalid_json_is_422(client: Any) -> None:
    response = client.post(
        "/api/plan", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_unknown_envelope_key_names_it(client: Any) -> None:
    response = client.post("/api/plan", json={"case": example("new-grad.toml"), "when": "x"})
    assert problem_fields(response) == ["when"]


# Stored cases


def test_cases_add_list_show_log_delete(client: Any) -> None:
    added = client.post("/api/cases", json=example("new-grad.toml"))
    assert added.status_code == 201
    case_id = added.json()["id"]
    listed = client.get("/api/cases").json()
    row = next(item for item in listed if item["id"] == case_id)
    assert {"id", "company", "status", "next_due"} <= set(row)
    assert row["status"] == "preparing"

    event = {"kind": "called", "outcome": "absent", "with": "受付の方", "at": "2026-11-26T10:05"}
    logged = client.post(f"/api/cases/{case_id}/events", json=event)
    assert logged.status_code == 201
    assert logged.json()["case"]["status"] == "contacting"

    shown = client.get(f"/api/cases/{case_id}").json()
    assert shown["events"][0]["with"] == "受付の方"
    assert shown["assessment"]["verdict"]
    assert shown["case"]["company"]["name"] == "株式会社みなと精機"

    deleted = client.delete(f"/api/cases/{case_id}")
    assert deleted.status_code == 200 and deleted.json()["events"] == 1
    assert client.get(f"/api/cases/{case_id}").status_code == 404


def test_a_decline_file_becomes_one_case_per_company(client: Any) -> None:
    added = client.post("/api/cases", json=example("decline-three.toml")).json()
    assert len(added["ids"]) == 3 and added["id"] == added["ids"][0]


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"kind": "called"}, "outcome"),
        ({"kind": "called", "outcome": "maybe"}, "outcome"),
        ({"kind": "note", "outcome": "reached"}, "outcome"),
        ({"kind": "shouted"}, "kind"),
        ({"kind": "note", "at": "someday"}, "at"),
        ({"kind": "note", "note": "x" * 5000}, "note"),
    ],
)
def test_bad_events_name_the_field(client: Any, event: dict[str, Any], field: str) -> None:
    case_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    assert field in problem_fields(client.post(f"/api/cases/{case_id}/events", json=event))


def test_unknown_case_is_404_and_bad_id_is_422(client: Any) -> None:
    assert client.get("/api/cases/zzzzzzzzzz").status_code == 404
    assert client.delete("/api/cases/zzzzzzzzzz").status_code == 404
    assert client.post("/api/cases/zzzzzzzzzz/events", json={"kind": "note"}).status_code == 404
    assert client.get("/api/cases/NOT..VALID").status_code == 422


# OpenAPI


def test_openapi_documents_every_endpoint_and_the_case_file(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/assess", "/api/plan", "/api/documents/{kind}", "/api/check"} <= set(paths)
    assert {"get", "post"} <= set(paths["/api/cases"])
    assert {"get", "delete"} <= set(paths["/api/cases/{case_id}"])
    assert "post" in paths["/api/cases/{case_id}/events"]
    components = schema["components"]["schemas"]
    assert {"CaseFile", "CaseEnvelope", "WithdrawalCase", "DeclineCase"} <= set(components)
    body = paths["/api/plan"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/CaseFile"} in body["anyOf"]
    body = paths["/api/assess"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/WithdrawalCase"} in body["anyOf"]  # assess: no decline
    assert not any(path.startswith(("/withdraw", "/cases")) for path in paths)
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN
