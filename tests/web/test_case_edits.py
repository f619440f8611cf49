"""Editing a saved case (issue 16: the contact turns out to be 鈴木, not 佐藤), for withdrawal
and decline cases, with the history of what changed; importing an export in the browser."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.web import example


@pytest.mark.parametrize(
    ("example_file", "before"), [("new-grad.toml", "佐藤"), ("decline-three.toml", "田中")]
)
def test_the_contact_can_be_corrected_and_the_change_is_kept(
    client: Any, example_file: str, before: str
) -> None:
    case_id = client.post("/api/cases", json=example(example_file)).json()["id"]
    form = client.get(f"/cases/{case_id}/edit").text
    assert f'name="company.contact_name" type="text" maxlength="200" value="{before}"' in form
    done = client.post(f"/cases/{case_id}/edit", data={"company.contact_name": "鈴木"})
    assert done.status_code == 303 and done.headers["location"] == f"/cases/{case_id}?edited"
    page = client.get(f"/cases/{case_id}?edited").text
    assert "連絡先を直しました" in page and f"担当者の姓: 「{before}」→「鈴木」" in page
    stored = client.get(f"/api/cases/{case_id}").json()["case"]
    company = stored["companies"][0] if "companies" in stored else stored["company"]
    assert company["contact_name"] == "鈴木"
    kit = client.get(f"/cases/{case_id}/kit").text
    assert "鈴木様" in kit and f"{before}様" not in kit


def test_a_wrong_value_is_refused_and_nothing_changes(client: Any) -> None:
    case_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    wrong = client.post(f"/cases/{case_id}/edit", data={"company.email": "saiyo@@example"})
    assert wrong.status_code == 422 and 'href="#e-company-email"' in wrong.text
    assert "「saiyo@@example」" in wrong.text
    stored = client.get(f"/api/cases/{case_id}").json()["case"]
    assert stored["company"]["email"] != "saiyo@@example"
    assert "直した内容" not in client.get(f"/cases/{case_id}").text


def test_an_export_comes_back_through_the_browser(fresh_client: Any) -> None:
    case_id = fresh_client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    exported = fresh_client.post("/cases/export").content
    assert fresh_client.post(f"/cases/{case_id}/delete").status_code == 303
    files = {"file": ("naitei-cases.json", exported, "application/json")}
    back = fresh_client.post("/cases/import", files=files)
    assert back.status_code == 303 and back.headers["location"] == "/cases?imported=1&events=0"
    assert "取り込みました: ケース 1 件" in fresh_client.get(back.headers["location"]).text
    assert fresh_client.get(f"/api/cases/{case_id}").status_code == 200
    again = fresh_client.post("/cases/import", files=files)
    assert again.headers["location"] == "/cases?imported=0&events=0"
    bad = fresh_client.post("/cases/import", files={"file": ("x.json", b"{", "application/json")})
    assert bad.status_code in (400, 422) and "JSON として読めません" in bad.text
    assert json.loads(exported)["cases"]
