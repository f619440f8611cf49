"""Every 422 of the JSON API speaks Japanese and names the field (no pydantic English)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

BAD_BODIES: list[tuple[str, dict[str, Any], str, str]] = [
    ("/api/check", {"text": "x", "kind": "fax"}, "kind", "は次のいずれかにしてください: email"),
    ("/api/check", {"text": "x", "kind": "email", "company": False}, "company", "整数で書いて"),
    ("/api/check", {"kind": "email"}, "text", "必須の項目がありません"),
    ("/api/check", {"text": "x", "kind": "email", "extra": 1}, "extra", "知らない項目です"),
]


@pytest.mark.parametrize(("path", "body", "field", "message"), BAD_BODIES)
def test_api_errors_are_japanese(
    client: TestClient, path: str, body: dict[str, Any], field: str, message: str
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(item["field"] == field and message in item["message"] for item in detail), detail
    assert not any(
        "Input should" in item["message"] or "Field required" in item["message"] for item in detail
    )
