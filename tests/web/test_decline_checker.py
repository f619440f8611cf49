"""The decline flow for one or several companies, and the checker with findings in place."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

from naitei.check import check_text
from naitei.web.highlight import numbered, segments
from tests.support.web import decline_form, hidden_case


def test_a_decline_of_three_companies(client: Any) -> None:
    response = client.post("/decline", data=decline_form(3))
    assert response.status_code == 200
    html = response.text
    assert "辞退の連絡（3件）" in html
    for name in ("株式会社さくら出版", "ひかり旅行株式会社", "合同会社アオバ"):
        assert name in html
    # The accepted offer gets a phone call first; the others an email is enough.
    cards = html.split('class="company-card"')[1:]
    assert "まず電話でお伝えし" in cards[0]
    assert "メールでお伝えして差し支えありません" in cards[1]
    assert html.count('class="copy"') == 12  # per company: the script; the email's 宛先, 件名, 本文


def test_companies_are_added_and_removed_keeping_the_answers(client: Any) -> None:
    form = decline_form(1) | {"action": "add"}
    html = client.post("/decline", data=form).text
    assert 'name="count" value="2"' in html and 'name="companies.1.name"' in html
    assert 'value="株式会社さくら出版"' in html
    form = decline_form(3) | {"action": "remove:0"}
    html = client.post("/decline", data=form).text
    assert 'name="count" value="2"' in html
    assert 'name="companies.0.name" type="text" value="ひかり旅行株式会社"' in html


def test_decline_errors_name_the_company_field(client: Any) -> None:
    form = decline_form(2) | {"companies.1.name": "(株)ひかり旅行"}
    response = client.post("/decline", data=form)
    assert response.status_code == 200 and 'id="error-summary"' in response.text
    assert re.search(r'id="f-companies-1-name-error">[^<]*略称', response.text)
    agent = client.post("/decline", data=decline_form(2) | {"companies.0.via": "agent"})
    assert re.search(r'id="f-companies-0-agent-name-error">', agent.text)


def test_the_same_company_twice_is_refused(client: Any) -> None:
    form = decline_form(2) | {"companies.1.name": "株式会社さくら出版"}
    response = client.post("/decline", data=form)
    assert re.search(r'id="f-companies-1-name-error">[^<]*二度', response.text)


def test_decline_can_be_saved_as_one_case_per_company(fresh_client: Any) -> None:
    case = hidden_case(fresh_client.post("/decline", data=decline_form(3)).text)
    saved = fresh_client.post("/cases", data={"case": case})
    assert saved.status_code == 303 and saved.headers["location"] == "/cases?saved"
    assert fresh_client.get("/cases").text.count('class="case-item"') == 3


PLANTED = (
    "株式会社みなと精機\n人事部 佐藤様\n\nお世話になっております。\n御社で働きたく存じます。\n"
)


def test_the_checker_marks_the_finding_in_place(client: Any) -> None:
    html = client.post(
        "/check", data={"text": PLANTED, "kind": "email", "purpose": "withdraw"}
    ).text
    marked = re.search(r'<mark class="sev-error" data-findings="(\d+)">御社</mark>', html)
    assert marked
    number = marked[1]
    item = re.search(rf'<li id="finding-{number}" class="finding sev-error">.*?</li>', html, re.S)
    assert item and "貴社" in item[0] and "onsha-in-writing" in item[0]
    assert f'href="#finding-{number}"' in html


def test_the_checker_keeps_the_text_and_choices(client: Any) -> None:
    html = client.post("/check", data={"text": PLANTED, "kind": "phone", "purpose": "decline"}).text
    assert html_module.escape(PLANTED.split("\n")[0]) in html
    assert 'value="phone" checked' in html and '<option value="decline" selected>' in html


def test_the_checker_offers_every_purpose_in_japanese(client: Any) -> None:
    html = client.get("/check").text
    labels = {
        "withdraw": "内定辞退の撤回",
        "accept": "内定承諾",
        "thanks": "お礼",
        "schedule": "日程調整",
        "apology": "お詫び",
        "other": "その他",
        "auto": "文面から判定",
    }
    for value, label in labels.items():
        assert re.search(rf'<option value="{value}"( selected)?>{label}</option>', html)


def test_the_checker_says_what_auto_inferred(client: Any) -> None:
    text = "株式会社みなと精機\n人事部 佐藤様\n\n本日は面接の機会をいただき、ありがとうございました。\n"
    html = client.post("/check", data={"text": text, "kind": "email", "purpose": "auto"}).text
    assert "目的を「お礼」と判定して点検しました" in html
    assert "お詫びの言葉がありません" not in html
    refused = client.post("/check", data={"text": text, "kind": "email", "purpose": "greeting"})
    assert refused.status_code == 422 and "目的を一覧から選んでください" in refused.text


def test_the_checker_asks_for_text(client: Any) -> None:
    response = client.post("/check", data={"text": "  ", "kind": "email"})
    assert response.status_code == 422 and "貼り付けて" in response.text


def test_whole_document_findings_are_listed_not_marked(client: Any) -> None:
    html = client.post("/check", data={"text": "御社", "kind": "email"}).text
    assert "文書全体" in html


def test_segments_cover_the_text_with_overlapping_findings() -> None:
    text = "御社の採用ご担当者様、ちょっとすみません。"
    report = check_text(text, "email")
    found = numbered(text, report.findings)
    parts = segments(text, found)
    assert "".join(part.text for part in parts) == text
    for item in found:
        if item.in_place:
            covered = "".join(p.text for p in parts if item.number in p.numbers)
            assert covered == text[item.finding.start : item.finding.end]
            assert sum(item.number in p.ending for p in parts) == 1
