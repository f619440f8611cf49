"""A payload in every text field comes back escaped on every page that shows it: in text, in
attribute values (hidden fields) and in error messages that quote what was typed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web import (
    PAYLOAD,
    WIZARD_FORM,
    WIZARD_FREE_TEXT,
    decline_form,
    hidden_case,
    post_wizard,
)

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
RAW = ("<script>alert(1)", "</script>\"'&", "<b>bold</b>")


def assert_escaped(html: str, *, present: bool = True) -> None:
    for raw in RAW:
        assert raw not in html
    if present:
        assert ESCAPED in html


# The user's own words are analysed: markup in them is refused (with the field named).
ANSWERS = ("decline.reason_detail", "withdrawal.why_detail", "withdrawal.strengths")


def payload_form(*, answers: bool = True) -> dict[str, str]:
    names = [name for name in WIZARD_FREE_TEXT if answers or name not in ANSWERS]
    return WIZARD_FORM | {name: WIZARD_FORM[name] + PAYLOAD for name in names}


def test_wizard_steps_escape_every_answer(client: Any) -> None:
    form = payload_form()
    for step in (1, 2, 3):
        response = post_wizard(client, form, step)
        assert response.status_code == 200  # the page after the redirect (PRG)
        assert ('id="error-summary"' in response.text) == (step == 3)  # step 3: reason_detail
        assert_escaped(response.text)
        assert "&#34;&#39;&amp;" in response.text  # quotes inside value="..." stay inside


def test_result_page_escapes_every_document(client: Any) -> None:
    response = post_wizard(client, payload_form(answers=False))
    assert response.status_code == 200, response.text[:300]
    html = response.text
    assert_escaped(html)
    assert html.count(ESCAPED) > 10  # the company name appears in every document


def test_markup_in_free_text_answers_is_refused_and_escaped(client: Any) -> None:
    response = post_wizard(client, payload_form())
    assert 'id="error-summary"' in response.text  # shown after the redirect
    assert "記号は、会社に送る文面には使えません" in response.text
    for raw in RAW:
        assert raw not in response.text


def test_error_messages_quoting_input_are_escaped(client: Any) -> None:
    form = WIZARD_FORM | {"applicant.email": PAYLOAD, "company.hours": PAYLOAD}
    for step in (1, 2):
        response = post_wizard(client, form, step)
        assert 'id="error-summary"' in response.text  # shown after the redirect
        assert_escaped(response.text)


def test_stored_case_pages_escape_everything(client: Any) -> None:
    case = hidden_case(post_wizard(client, payload_form(answers=False)).text)
    location = client.post("/cases", data={"case": case}).headers["location"]
    case_id = location.split("/")[2].split("?")[0]
    event = {
        "kind": "called",
        "outcome_called": "reached",
        "with": PAYLOAD,
        "said": PAYLOAD,
        "note": PAYLOAD,
    }
    assert client.post(f"/cases/{case_id}/events", data=event).status_code == 303
    for path in (
        "/cases",
        f"/cases/{case_id}",
        f"/cases/{case_id}/kit",
        f"/cases/{case_id}/delete",
    ):
        assert_escaped(client.get(path).text)
    bad_event = client.post(
        f"/cases/{case_id}/events", data={"kind": "note", "at": PAYLOAD, "note": PAYLOAD}
    )
    assert bad_event.status_code == 422
    assert_escaped(bad_event.text)


def test_decline_pages_escape_every_field(client: Any) -> None:
    form = decline_form(3)
    for key in list(form):
        if key.endswith(
            (
                "name",
                "department",
                "contact_name",
                "contact_title",
                "kana",
                "school",
                "faculty",
            )
        ):
            form[key] += PAYLOAD
    form["companies.2.contact_title"] = "代表" + PAYLOAD
    response = client.post("/decline", data=form)
    assert response.status_code == 200, response.text[:500]
    assert_escaped(response.text)
    added = client.post("/decline", data=form | {"action": "add"})
    assert_escaped(added.text)


@pytest.mark.parametrize("kind", ["email", "phone"])
def test_checker_escapes_the_text_and_every_segment(client: Any, kind: str) -> None:
    text = f"御社{PAYLOAD}\n<b>bold</b> ちょっと{PAYLOAD}御社"
    response = client.post("/check", data={"text": text, "kind": kind})
    assert response.status_code == 200
    html = response.text
    assert_escaped(html)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'value="' + PAYLOAD not in html


def test_api_returns_json_not_html(client: Any) -> None:
    response = client.post("/api/check", json={"text": PAYLOAD, "kind": "email"})
    assert response.headers["content-type"] == "application/json"
