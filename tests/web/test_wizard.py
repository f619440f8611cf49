"""The withdrawal wizard: four steps, answers kept on the server between steps (Post/Redirect/
Get: tests/web/test_wizard_history.py), the case-file rules' problems shown next to their
fields."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path
from typing import Any

from tests.support.tables import table
from tests.support.web import WIZARD_FORM, hidden_case, post_wizard

TABLES = Path(__file__).with_name("tables") / "wizard.toml"


def step_of(html: str) -> int:
    match = re.search(r'name="step" value="(\d)"', html)
    assert match
    return int(match[1])


def error_of(html: str, field_id: str) -> str | None:
    match = re.search(rf'<p class="error" id="{field_id}-error">([^<]*)</p>', html)
    return html_module.unescape(match[1]) if match else None


def test_the_first_step_starts_empty_with_defaults(fresh_client: Any) -> None:
    html = fresh_client.get("/withdraw").text
    assert step_of(html) == 1
    assert 'name="applicant.name" type="text" value=""' in html
    assert 'type="hidden" name="applicant.' not in html  # answers stay on the server


def test_each_step_leads_to_the_next(client: Any) -> None:
    for step in (1, 2, 3):
        response = post_wizard(client, WIZARD_FORM, step)
        assert response.status_code == 200
        assert step_of(response.text) == step + 1


def test_earlier_answers_are_kept_for_the_later_steps(fresh_client: Any) -> None:
    step_one = {k: v for k, v in WIZARD_FORM.items() if k.startswith("applicant.")}
    fresh_client.post("/withdraw", data={**step_one, "step": "1", "action": "next"})
    assert 'value="山田 太郎"' not in fresh_client.get("/withdraw/2").text
    assert 'value="山田 太郎"' in fresh_client.get("/withdraw/1").text


def test_a_missing_name_is_shown_next_to_the_field(client: Any) -> None:
    response = post_wizard(client, {**WIZARD_FORM, "applicant.name": ""}, 1)
    assert 'id="error-summary"' in response.text  # shown after the redirect
    assert step_of(response.text) == 1
    assert error_of(response.text, "f-applicant-name") == "入力してください"
    assert re.search(r'id="f-applicant-name"[^>]*aria-invalid="true"', response.text)


def test_a_choice_not_made_asks_to_choose(client: Any) -> None:
    form = {k: v for k, v in WIZARD_FORM.items() if k != "decline.channel"}
    response = post_wizard(client, form, 3)
    assert error_of(response.text, "f-decline-channel") == "いずれかを選んでください"


@table(TABLES, "field_rule", "field", "value", "field_id", "words")
def test_case_file_rules_name_the_field(
    client: Any, field: str, value: str, field_id: str, words: str
) -> None:
    step = 2 if field.startswith(("company", "offer")) else 1
    response = post_wizard(client, {**WIZARD_FORM, field: value}, step)
    assert 'id="error-summary"' in response.text  # shown after the redirect
    message = error_of(response.text, field_id)
    assert message and words in message


def test_a_decline_in_the_future_is_refused(client: Any) -> None:
    response = post_wizard(client, {**WIZARD_FORM, "decline.declined_at": "2026-12-24T10:00"}, 3)
    assert "いまより後" in (error_of(response.text, "f-decline-declined-at") or "")


def test_the_last_step_sends_back_to_the_first_step_with_a_problem(client: Any) -> None:
    response = post_wizard(client, {**WIZARD_FORM, "applicant.name": ""}, 4)
    assert 'id="error-summary"' in response.text and step_of(response.text) == 1


def test_conditional_fields_only_count_when_they_apply(client: Any) -> None:
    form = {**WIZARD_FORM, "applicant.kind": "mid_career", "applicant.current_employer": "青葉"}
    response = post_wizard(client, form, 4)  # the school typed earlier no longer applies
    assert response.status_code == 200
    applicant = json.loads(hidden_case(response.text))["applicant"]
    assert applicant["school"] == "" and applicant["current_employer"] == "青葉"


def test_agent_route_needs_the_agent_name(client: Any) -> None:
    response = post_wizard(client, {**WIZARD_FORM, "offer.via": "agent"}, 2)
    assert "エージェント" in (error_of(response.text, "f-offer-agent-name") or "")


def test_back_keeps_the_answers(client: Any) -> None:
    form = {**WIZARD_FORM, "step": "2", "action": "back", "company.name": "株式会社あさひ"}
    html = client.post("/withdraw", data=form).text
    assert step_of(html) == 1
    assert (
        'name="company.name" type="text" value="株式会社あさひ"' in client.get("/withdraw/2").text
    )


def test_the_result_can_be_edited(client: Any) -> None:
    case = hidden_case(post_wizard(client, WIZARD_FORM).text)
    html = client.post("/withdraw", data={"case": case, "action": "edit"}).text
    assert step_of(html) == 1
    assert 'value="山田 太郎"' in html
    assert 'value="2026-11-20T15:00"' in client.get("/withdraw/3").text
    assert (
        "機械工学の研究で培った設計の基礎\n三年間続けた接客のアルバイト"
        in client.get("/withdraw/4").text
    )


def test_the_result_holds_the_whole_case(client: Any) -> None:
    case = json.loads(hidden_case(post_wizard(client, WIZARD_FORM).text))
    assert case["purpose"] == "withdraw"
    assert case["withdrawal"]["strengths"] == [
        "機械工学の研究で培った設計の基礎",
        "三年間続けた接客のアルバイト",
    ]
    assert case["decline"]["declined_at"] == "2026-11-20T15:00:00+09:00"
    assert case["offer"]["accepted"] is True


def test_tampered_step_number_starts_over(client: Any) -> None:
    response = client.post("/withdraw", data={**WIZARD_FORM, "step": "99", "action": "next"})
    assert step_of(response.text) == 2
