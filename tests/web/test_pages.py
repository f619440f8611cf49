"""Every page renders in Japanese, works without inline script or style, and asks for nothing
from another server; the result page puts the verdict and the next step first."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.web import WIZARD_FORM, decline_form, example, post_wizard

EXTERNAL = re.compile(r"https?:|(?:src|href|action)=\"//|url\(\s*['\"]?//|@import", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def assert_page(response: Any, status: int = 200) -> str:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    html = str(response.text)
    assert html.startswith("<!doctype html>") and '<html lang="ja">' in html
    assert JAPANESE.search(html)
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert not INLINE_SCRIPT.search(html)
    assert "<style" not in html and " style=" not in html
    assert not EVENT_HANDLER.search(html)
    return html


def all_pages(client: Any) -> dict[str, Any]:
    """Every page of the app (GET and POST), with a saved withdrawal and decline case."""
    result = post_wizard(client, WIZARD_FORM)
    decline = client.post("/decline", data=decline_form())
    withdrawal_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    decline_id = client.post("/api/cases", json=example("decline-three.toml")).json()["id"]
    client.post(
        f"/cases/{withdrawal_id}/events", data={"kind": "called", "outcome_called": "absent"}
    )
    return {
        "home": client.get("/"),
        "wizard-1": client.get("/withdraw"),
        **{
            f"wizard-{n + 1}": client.post(
                "/withdraw", data={**WIZARD_FORM, "step": str(n), "action": "next"}
            )
            for n in (1, 2, 3)
        },
        "result": result,
        "decline": client.get("/decline"),
        "decline-result": decline,
        "check": client.get("/check"),
        "check-result": client.post("/check", data={"text": "御社に伺います。", "kind": "email"}),
        "cases": client.get("/cases"),
        "case": client.get(f"/cases/{withdrawal_id}"),
        "case-decline": client.get(f"/cases/{decline_id}"),
        "case-kit": client.get(f"/cases/{withdrawal_id}/kit"),
        "case-decline-kit": client.get(f"/cases/{decline_id}/kit"),
        "case-delete": client.get(f"/cases/{withdrawal_id}/delete"),
    }


def test_every_page_renders_japanese_without_external_urls(client: Any) -> None:
    for name, response in all_pages(client).items():
        html = assert_page(response)
        assert "<title>" in html, name


def test_error_pages_render_too(client: Any) -> None:
    assert_page(client.get("/no-such-page"), 404)
    assert_page(client.get("/cases/zzzzzzzzzz"), 404)
    assert_page(client.post("/withdraw/download", data={"case": "{", "file": "plan.ics"}), 422)


@pytest.mark.parametrize("path", ["/static/style.css", "/static/app.js"])
def test_static_files_ask_nothing_from_elsewhere(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert not EXTERNAL.search(response.text)
    assert "@font-face" not in response.text


def test_every_input_has_a_label(client: Any) -> None:
    for name, response in all_pages(client).items():
        html = response.text
        radios = re.findall(r'(<label class="choice">)?<input [^>]*type="radio"', html)
        assert all(radios), name  # each radio inside its own label
        for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", html):
            if 'type="hidden"' in tag or 'type="radio"' in tag:
                continue
            field_id = re.search(r'id="([^"]+)"', tag)
            assert field_id, (name, tag)
            assert f'for="{field_id[1]}"' in html, (name, tag)


def test_free_text_never_goes_to_a_spellchecker_or_the_form_history(client: Any) -> None:
    """Issue 14: a browser's (cloud) spellchecker could send reasons and notes away, and form
    history keeps them: every text area, and every text field, says no."""
    seen = 0
    for name, response in all_pages(client).items():
        for tag in re.findall(r"<(?:textarea|input)\b[^>]*>", response.text):
            if tag.startswith("<textarea"):
                assert 'spellcheck="false"' in tag and 'autocomplete="off"' in tag, (name, tag)
                seen += 1
            elif 'type="text"' in tag:
                assert 'spellcheck="false"' in tag, (name, tag)
    assert seen >= 8  # reasons, details, strengths, the address, the checker, the event notes


def test_radio_groups_have_a_legend(client: Any) -> None:
    html = client.get("/withdraw").text
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", html, re.S):
        assert "<legend>" in fieldset


def test_home_offers_the_three_ways_in_and_the_cases(client: Any) -> None:
    html = client.get("/").text
    for text, href in [
        ("辞退を撤回したい", "/withdraw"),
        ("これから辞退する", "/decline"),
        ("文面をチェックする", "/check"),
        ("ケース一覧", "/cases"),
    ]:
        assert text in html and f'href="{href}"' in html


def test_result_puts_the_verdict_and_next_step_before_the_tabs(client: Any) -> None:
    html = assert_page(post_wizard(client, WIZARD_FORM))
    verdict = html.index("verdict-label")
    next_step = html.index("次にすること")
    tabs = html.index('class="tablist"')
    assert verdict < next_step < tabs
    assert "11月26日(木) 10:00〜11:30" in html[next_step:tabs]
    for label in ("診断", "行動計画", "電話", "訪問", "メール", "手紙"):
        assert f">{label}</a>" in html[tabs:]
    assert html.count('class="copy"') == 9  # phone, visit, letter; 宛先, 件名, 本文 of two emails
    for value in ("email.eml", "plan.ics", "letter.pdf", "letter-vertical.pdf", "kit.zip"):
        assert f'value="{value}"' in html


def test_empty_case_list_says_how_to_add_one(fresh_client: Any) -> None:
    html = assert_page(fresh_client.get("/cases"))
    assert "保存したケースはまだありません" in html


def test_cases_list_links_each_case(client: Any) -> None:
    case_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    html = client.get("/cases").text
    assert f'href="/cases/{case_id}"' in html and "準備中" in html
