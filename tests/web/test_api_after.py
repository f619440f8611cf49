"""POST /api/documents/{kind} for the documents after the call (issue 17): the same facts as
`naitei draft`'s options, from the query; bad facts are a 422 naming the option."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web import example, problem_fields

NOW = "2026-11-25T21:00:00+09:00"


@pytest.mark.parametrize(
    "kind",
    [
        "thanks-accepted",
        "thanks-considering",
        "closing-refused",
        "follow-up-email",
        "follow-up-phone",
    ],
)
def test_after_documents_from_the_api(client: Any, kind: str) -> None:
    params = {"now": NOW} | ({"asked_on": "2026-11-20"} if kind.startswith("follow-up") else {})
    data = client.post(
        f"/api/documents/{kind}", params=params, json=example("new-grad.toml")
    ).json()
    assert data["kind"] == kind and data["text"]
    wrong = "貴社" if kind == "follow-up-phone" else "御社"
    assert wrong not in data["text"]


def test_a_follow_up_needs_the_day_of_the_request(client: Any) -> None:
    response = client.post(
        "/api/documents/follow-up-phone", params={"now": NOW}, json=example("new-grad.toml")
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "asked_on"  # the query parameter


def test_visit_confirm_reads_the_facts_from_the_query(client: Any) -> None:
    params = {
        "now": NOW,
        "visit_at": "2026-11-28T14:00",
        "place": "本社 5階",
        "bring": ["履歴書", "印鑑"],
        "heard_by": "phone",
    }
    data = client.post(
        "/api/documents/visit-confirm", params=params, json=example("new-grad.toml")
    ).json()
    assert "日時：11月28日(土) 14:00" in data["text"]
    assert "場所：本社 5階" in data["text"]
    assert "持参するもの：履歴書、印鑑" in data["text"]
    assert "本日はお電話にて" in data["text"]
    assert any("土曜日" in note for note in data["notes"])


def test_a_past_visit_is_refused_naming_the_query_parameter(client: Any) -> None:
    response = client.post(
        "/api/documents/visit-confirm",
        params={"now": NOW, "visit_at": "2026-11-20T14:00"},
        json=example("new-grad.toml"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "visit_at"
    assert "--visit-at" not in response.text  # the web names no option of the CLI


def test_decline_keep_for_one_company(client: Any) -> None:
    case = example("decline-three.toml")
    data = client.post(
        "/api/documents/decline-keep", params={"company": 2, "asked_to_visit": True}, json=case
    ).json()
    assert "お申し出" in data["text"] and "再考" not in data["text"]
    assert problem_fields(client.post("/api/documents/decline-keep", json=example("new-grad.toml")))
