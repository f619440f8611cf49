"""What the API fuzzing (tests/fuzz/) found, one test each: a malformed body is a 422 naming
`body` (never a 400 without a field, never a 500), a 405 names every allowed method."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web import example

JSON = {"Content-Type": "application/json"}
ENDPOINTS = ["/api/assess", "/api/plan", "/api/check", "/api/cases", "/api/cases/abcd/events"]


def problems(response: Any) -> list[tuple[str | None, str]]:
    return [(item["field"], item["message"]) for item in response.json()["detail"]]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"Xu\xff", "UTF-8 として読めません"),  # FastAPI answered 400 with no field
        (b'{"text": "x", "kind": "\\ud800"}', "サロゲート"),  # a 500: unencodable in the answer
        (b"NaN", "NaN は JSON の値ではありません"),
        (b"[" * 100_000, "入れ子が深すぎます"),  # a RecursionError in json: a 400
        (b"[" * 100 + b"]" * 100, "入れ子が深すぎます（64 段まで）"),
        (b"{bad", "JSON として読めません"),
    ],
)
def test_a_malformed_body_is_a_422_naming_the_body(
    client: Any, path: str, body: bytes, reason: str
) -> None:
    response = client.post(path, content=body, headers=JSON)
    assert response.status_code == 422
    [(field, message)] = problems(response)
    assert field == "body"
    assert reason in message


def test_a_surrogate_pair_is_an_ordinary_character(client: Any) -> None:
    body = b'{"text": "\\ud83d\\ude00", "kind": "email"}'  # 😀, escaped as JSON does
    assert client.post("/api/check", content=body, headers=JSON).status_code == 200


@pytest.mark.parametrize("purpose", [{}, [1], [None, None]])
def test_a_purpose_that_is_not_a_string_names_the_field(client: Any, purpose: Any) -> None:
    data = example("new-grad.toml") | {"purpose": purpose}  # was a 500 (unhashable)
    response = client.post("/api/assess", json=data)
    assert response.status_code == 422
    assert problems(response)[0][0] == "purpose"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "", "kind": "email", "company": False}, "company"),  # was company 0
        ({"text": "", "kind": "email", "company": "1"}, "company"),
        ({"text": "", "kind": "email", "draft": "x"}, "draft"),
    ],
)
def test_check_takes_its_fields_as_documented(client: Any, body: Any, field: str) -> None:
    response = client.post("/api/check", json=body)
    assert response.status_code == 422
    assert problems(response)[0][0] == field


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/cases", "GET, HEAD, POST"),  # Starlette named only the first route: GET
        ("OPTIONS", "/api/cases/abcd", "DELETE, GET, HEAD"),
        ("TRACE", "/api/check", "POST"),
        ("DELETE", "/", "GET, HEAD"),
        ("PUT", "/openapi.json", "GET, HEAD"),
    ],
)
def test_a_405_names_every_allowed_method(
    client: Any, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed


def test_the_schema_documents_what_the_case_endpoints_return(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    added = paths["/api/cases"]["post"]["responses"]["201"]
    assert added["content"]["application/json"]["schema"]["$ref"].endswith("/CaseAddedOut")
    assert set(added["links"]) == {"ShowCase", "LogEvent", "DeleteCase"}
    for method, path, status, model in [
        ("get", "/api/cases/{case_id}", "200", "CaseDetailOut"),
        ("delete", "/api/cases/{case_id}", "200", "DeletedOut"),
        ("post", "/api/cases/{case_id}/events", "201", "EventLoggedOut"),
    ]:
        content = paths[path][method]["responses"][status]["content"]["application/json"]
        assert content["schema"]["$ref"].endswith(f"/{model}")


def test_fastapi_telemetry_stays_off_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from naitei.web import Settings, create_app

    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.example:4318")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'naitei.db'}"))
    telemetry = getattr(app, "_telemetry", None)
    if telemetry is None:
        pytest.skip("this FastAPI has no telemetry")
    assert not any(telemetry[key] for key in ("tracing", "metrics", "logs", "auto_configure"))
