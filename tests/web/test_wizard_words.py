"""The wizard and the user's own words: an example and its sentence beside each free-text
field, refusals next to the field, warnings on the result page (issue 12)."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

import pytest

from tests.support.web import WIZARD_FORM, decline_form, post_wizard


def error_of(html: str, field_id: str) -> str:
    match = re.search(rf'<p class="error" id="{field_id}-error">([^<]*)</p>', html)
    assert match, f"no error next to {field_id}"
    return html_module.unescape(match[1])


def test_free_text_fields_show_an_example_and_its_sentence(client: Any) -> None:
    html = html_module.unescape(post_wizard(client, WIZARD_FORM, 2).text)
    assert 'id="f-decline-reason-detail-example"' in html
    assert "父の介護が必要になり、転居を伴う就職が難しくなったため" in html
    assert (
        "辞退を申し上げたのは、父の介護が必要になり、転居を伴う就職が難しくなったためでした。"
        in html
    )
    assert re.search(r'id="f-decline-reason-detail"[^>]*aria-describedby="[^"]*-example', html)


@pytest.mark.parametrize(
    ("fields", "step", "field_id", "needles"),
    [
        pytest.param(
            {"decline.reason_detail": "給料が良い会社に行きたかったから"},
            3,
            "f-decline-reason-detail",
            ["願いの形", "（例: "],
            id="a casual reason",
        ),
        pytest.param(
            {"withdrawal.strengths": "設計の基礎\n英語が得意です"},
            4,
            "f-withdrawal-strengths",
            ["「英語が得意です」は、「〜を生かし」の前に置ける形になっていません"],
            id="a sentence among the strengths",
        ),
        pytest.param(
            {"withdrawal.why": "other", "withdrawal.why_detail": ""},
            4,
            "f-withdrawal-why-detail",
            ["「その他」", "（例: "],
            id="why other without what changed",
        ),
    ],
)
def test_words_refused_next_to_their_field(
    client: Any, fields: dict[str, str], step: int, field_id: str, needles: list[str]
) -> None:
    response = post_wizard(client, WIZARD_FORM | fields, step)
    assert 'id="error-summary"' in response.text  # shown after the redirect
    message = error_of(response.text, field_id)
    assert all(needle in message for needle in needles), message


def test_first_choice_words_are_shown_on_the_result_page(client: Any) -> None:
    form = WIZARD_FORM | {"decline.reason_detail": "第一志望の企業から内定をいただいたため"}
    response = post_wizard(client, form)
    assert response.status_code == 200
    html = html_module.unescape(response.text)
    assert "ご自身の言葉について" in html and "「第一志望」と書くと" in html
    assert "辞退の理由" in html


def test_no_note_when_the_words_are_fine(client: Any) -> None:
    response = post_wizard(client, WIZARD_FORM)
    assert "ご自身の言葉について" not in response.text


def test_the_decline_form_refuses_casual_reasons_next_to_the_field(client: Any) -> None:
    form = decline_form(2) | {"decline.reason_detail": "なんか地元がいいから"}
    response = client.post("/decline", data=form)
    assert 'id="error-summary"' in response.text  # shown after the redirect
    assert "なんか" in error_of(response.text, "f-decline-reason-detail")


def test_the_decline_form_shows_a_decline_example(client: Any) -> None:
    html = html_module.unescape(client.get("/decline").text)
    assert (
        "他社からも内定をいただき、熟慮の末、そちらへの入社を選んだため、辞退を決意いたしました。"
        in html
    )
    assert "辞退を申し上げたのは" not in html
