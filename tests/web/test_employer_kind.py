"""The web forms show how the employer is addressed and let the user correct it: a 宛先の種類
select, preselected with the kind detected from the name (the step is shown once more to
confirm it), with the note beside it (issue 12)."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.cases import case_data
from tests.support.web import WIZARD_FORM, decline_form, hidden_case, post_wizard

NOTE = "宛先を信用金庫として書いています（貴庫・御庫、入庫）。"


def selected(html: str, name: str) -> str | None:
    select = re.search(
        rf'<select id="[^"]*" name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, f"no select {name}"
    match = re.search(r'<option value="([^"]*)" selected>', select[1])
    return match[1] if match else None


def test_the_company_step_has_a_kind_select_left_to_the_name(client: Any) -> None:
    html = post_wizard(client, WIZARD_FORM, 1).text
    assert "宛先の種類" in html and selected(html, "company.kind") == ""
    assert '<option value="bank">銀行</option>' in html


def test_a_detected_kind_is_preselected_and_shown_before_going_on(client: Any) -> None:
    form = {**WIZARD_FORM, "company.name": "東西信用金庫"}
    again = post_wizard(client, form, 2)
    assert again.status_code == 200
    assert 'name="step" value="2"' in again.text  # the same step, to confirm
    assert selected(again.text, "company.kind") == "shinkin"
    assert NOTE in again.text and 'role="status"' in again.text
    onward = post_wizard(client, {**form, "company.kind": "shinkin"}, 2)
    assert 'name="step" value="3"' in onward.text


def test_a_plain_company_goes_straight_on(client: Any) -> None:
    html = post_wizard(client, WIZARD_FORM, 2).text
    assert 'name="step" value="3"' in html


def test_the_chosen_kind_reaches_the_documents(client: Any) -> None:
    form = {**WIZARD_FORM, "company.name": "東西研究センター", "company.kind": "hospital"}
    html = post_wizard(client, form).text
    case = json.loads(hidden_case(html))
    assert case["company"]["kind"] == "hospital"
    assert "貴院" in html and "宛先を病院として書いています（貴院・御院、入職）。" in html


def test_the_decline_form_confirms_detected_kinds_per_company(client: Any) -> None:
    form = decline_form(2) | {"companies.1.name": "東西信用金庫"}
    again = client.post("/decline", data=form)
    assert again.status_code == 200 and "辞退の連絡（" not in again.text
    assert selected(again.text, "companies.1.kind") == "shinkin"
    assert selected(again.text, "companies.0.kind") == ""
    assert NOTE in again.text
    done = client.post("/decline", data=form | {"companies.1.kind": "shinkin"})
    assert "辞退の連絡（2件）" in done.text and "貴庫" in done.text


def test_the_api_schema_documents_kind_honorific_and_address(client: Any) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    company = components["Company"]["properties"]
    kinds = json.dumps(company["kind"], ensure_ascii=False)
    assert "shinkin" in kinds and "public_office" in kinds
    honorific = json.dumps(company["honorific"], ensure_ascii=False)
    assert '"minItems": 2' in honorific and '"maxItems": 2' in honorific
    assert "address" in company
    target = components["DeclineTarget"]["properties"]
    assert {"kind", "honorific", "address"} <= set(target)


def test_a_bad_kind_in_the_api_names_the_field(client: Any) -> None:
    body = json.loads(json.dumps(case_data(company__kind="fax"), default=str))
    response = client.post("/api/documents/email", json=body)
    assert response.status_code == 422
    assert "[company].kind" in response.text and "fax" in response.text
    good = client.post(
        "/api/documents/email",
        json=json.loads(json.dumps(case_data(company__kind="bank"), default=str)),
    )
    assert good.status_code == 200 and "貴行" in good.json()["text"]
