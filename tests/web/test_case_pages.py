"""Stored cases in the browser: the case page and its timeline, logging an event, saving a
result, export and deletion with a confirmation step."""

from __future__ import annotations

import json
from typing import Any

from tests.support.web import example, saved_case


def test_a_saved_result_becomes_a_case(client: Any) -> None:
    case_id = saved_case(client)
    html = client.get(f"/cases/{case_id}?saved").text
    assert "ケースとして保存しました" in html
    assert "株式会社みなと精機" in html and "準備中" in html
    assert "見通し: 厳しいが可能性あり" in html
    assert f'href="/cases/{case_id}/kit"' in html


def test_logging_an_event_updates_the_timeline_and_status(client: Any) -> None:
    case_id = saved_case(client)
    form = {
        "kind": "called",
        "outcome_called": "absent",
        "outcome_answered": "accepted",  # the other group's answer is ignored
        "at": "2026-11-25T20:30",
        "with": "受付の方",
        "said": "15時に戻られるとのこと",
    }
    response = client.post(f"/cases/{case_id}/events", data=form)
    assert response.status_code == 303
    assert response.headers["location"] == f"/cases/{case_id}?logged#timeline"
    html = client.get(f"/cases/{case_id}").text
    assert "電話（担当者が不在）" in html and "受付の方" in html and "15時に戻られる" in html
    assert "連絡中" in html


def test_event_form_errors_are_shown_next_to_the_field(client: Any) -> None:
    case_id = saved_case(client)
    missing = client.post(f"/cases/{case_id}/events", data={"kind": "answered"})
    assert missing.status_code == 422 and "結果を選んでください" in missing.text
    no_kind = client.post(f"/cases/{case_id}/events", data={})
    assert "何があったかを選んでください" in no_kind.text
    future = client.post(
        f"/cases/{case_id}/events", data={"kind": "note", "at": "2027-01-01T10:00"}
    )
    assert "これから先の日時" in future.text
    long = client.post(f"/cases/{case_id}/events", data={"kind": "note", "note": "あ" * 5000})
    assert long.status_code == 422 and "長すぎます" in long.text
    assert "あ" * 5000 in long.text  # what was typed stays in the form


def test_export_one_case_and_all_cases(client: Any) -> None:
    case_id = saved_case(client)
    one = client.post(f"/cases/{case_id}/export")
    assert one.headers["content-type"] == "application/json"
    assert (
        one.headers["content-disposition"] == f'attachment; filename="naitei-case-{case_id}.json"'
    )
    data = json.loads(one.content)
    assert data["format"] == "naitei-cases" and [c["id"] for c in data["cases"]] == [case_id]
    every = json.loads(client.post("/cases/export").content)
    assert case_id in {c["id"] for c in every["cases"]}


def test_delete_asks_first_then_erases(client: Any) -> None:
    case_id = saved_case(client)
    confirm = client.get(f"/cases/{case_id}/delete")
    assert "このケースを削除しますか" in confirm.text and "元に戻せません" in confirm.text
    assert client.get(f"/api/cases/{case_id}").status_code == 200  # asking deletes nothing
    deleted = client.post(f"/cases/{case_id}/delete")
    assert deleted.status_code == 303 and deleted.headers["location"] == "/cases?deleted"
    assert "ケースを削除しました" in client.get("/cases?deleted").text
    assert client.get(f"/cases/{case_id}").status_code == 404


def test_the_kit_of_a_stored_case(client: Any) -> None:
    case_id = client.post("/api/cases", json=example("mid-career-agent.toml")).json()["id"]
    html = client.get(f"/cases/{case_id}/kit").text
    assert "北辰フーズ株式会社" in html and "ケースに戻る" in html
    assert "ケースとして保存" not in html
