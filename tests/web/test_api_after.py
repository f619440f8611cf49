"""POST /api/documents/{kind} for the documents after the call (issue 17): the same facts as
`naitei draft`'s options, from the query; bad facts are a 422 naming the query parameter, as the
CLI names its option (one field, each face naming it its own way)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from naitei.cli.app import app
from tests.support.tables import table
from tests.support.web import example, problem_fields

TABLES = Path(__file__).with_name("tables") / "api_after.toml"

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


@table(TABLES, "bad_fact", "kind", "field", "value")
def test_a_bad_fact_is_named_by_each_face_its_own_way(
    client: Any, tmp_path: Path, kind: str, field: str, value: str
) -> None:
    case = Path(__file__).parents[2] / "examples" / "new-grad.toml"
    out = tmp_path / "doc.txt"
    option = "--" + field.replace("_", "-")
    args = ["draft", kind, str(case), "--now", NOW, option, value, "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith(f"エラー: {option}: ")
    assert not out.exists()  # nothing half-written
    response = client.post(
        f"/api/documents/{kind}", params={"now": NOW, field: value}, json=example("new-grad.toml")
    )
    assert response.status_code == 422
    assert problem_fields(response) == [field]
    assert "--" not in response.json()["detail"][0]["message"]
