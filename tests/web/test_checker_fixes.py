"""The web checker (issue 13): the text with the safe fixes applied, ready to copy; rule names
in Japanese; a long draft with thousands of findings stays a small, quick page."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

from naitei.check import check_text
from naitei.check.data import rule_infos
from naitei.web.highlight import MAX_SHOWN, numbered, segments
from tests.support.web import multipart

DRAFT = (
    "株式会社みなと精機\n人事部 佐藤様\n\nお世話になっております。\n"
    "御社の説明会で、佐藤様がおっしゃられたお話、了解しました。\n"
)


def _fixed(html: str) -> str | None:
    match = re.search(r'<pre class="doc-text" id="fixed-text"[^>]*>(.*?)</pre>', html, re.S)
    return html_module.unescape(match[1]) if match else None


def test_the_fixed_text_is_shown_with_a_copy_button(client: Any) -> None:
    html = client.post("/check", data={"text": DRAFT, "kind": "email"}).text
    fixed = _fixed(html)
    assert fixed == DRAFT.replace("御社", "貴社").replace("おっしゃられた", "おっしゃった").replace(
        "了解しました", "承知しました"
    )
    # the button needs JavaScript; the text itself is on the page without it
    assert 'data-copy="fixed-text">修正を反映した文面をコピー</button>' in html


def test_no_fixed_text_when_nothing_can_be_fixed(client: Any) -> None:
    html = client.post("/check", data={"text": "佐藤部長様", "kind": "email"}).text
    assert "title-sama" in html  # found, but its suggestion is advice only
    assert _fixed(html) is None


def test_rule_names_are_shown_in_japanese(client: Any) -> None:
    html = client.post("/check", data={"text": DRAFT, "kind": "email"}).text
    names = re.findall(r'<p class="rule-id" data-rule="([a-z-]+)">([^<]*)</p>', html)
    assert names
    for rule, shown in names:
        assert shown == rule_infos()[rule].title
        assert not re.search("[a-z]", shown)


LONG = ("御社の資料を見れる！" * 10_000)[:99_999]


def _listed(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li id="finding-(\d+)"', html)]


def test_a_long_draft_with_many_findings_lists_the_first_ones(client: Any) -> None:
    response = client.post("/check", data={"text": LONG, "kind": "email"})
    assert response.status_code == 200
    html = response.text
    assert _listed(html) == list(range(1, MAX_SHOWN + 1))
    assert html.count("<mark ") <= MAX_SHOWN
    report = check_text(LONG, "email")
    total = len(report.findings)
    assert (
        f"1〜{MAX_SHOWN}件目だけを表示しています（全{total}件、ほかに{total - MAX_SHOWN}件）"
        in html
    )
    assert "POST /api/check" in html and "naitei check --format json" in html
    assert len(html.encode()) < 2_000_000  # was 20 MB: every finding marked and listed
    # every rule's count, so that the page says what the hidden findings are
    rows = re.findall(
        r'<th scope="row" data-rule="([a-z-]+)">[^<]*</th><td>[^<]*</td><td>(\d+)件', html
    )
    counted: dict[str, int] = {}
    for finding in report.findings:
        counted[finding.rule] = counted.get(finding.rule, 0) + 1
    assert {rule: int(count) for rule, count in rows} == counted
    # the fixed text of thousands of unseen fixes is made only on request
    assert _fixed(html) is None
    assert 'name="fixes" value="1"' in html


def test_the_next_pages_list_and_mark_the_next_findings(client: Any) -> None:
    total = len(check_text(LONG, "email").findings)
    pages = -(-total // MAX_SHOWN)
    html = client.post("/check", data={"text": LONG, "kind": "email", "page": "2"}).text
    assert _listed(html) == list(range(MAX_SHOWN + 1, 2 * MAX_SHOWN + 1))
    marked = {int(n) for n in re.findall(r'href="#finding-(\d+)"', html)}
    assert marked and marked <= set(range(MAX_SHOWN + 1, 2 * MAX_SHOWN + 1))
    assert 'name="page" value="1"' in html and 'name="page" value="3"' in html
    last = client.post("/check", data={"text": LONG, "kind": "email", "page": str(pages)}).text
    assert _listed(last) == list(range((pages - 1) * MAX_SHOWN + 1, total + 1))
    assert f'value="{pages + 1}"' not in last
    beyond = client.post("/check", data={"text": LONG, "kind": "email", "page": "9999"}).text
    assert _listed(beyond) == _listed(last)  # clamped to the last page


def test_a_page_that_is_not_a_number_is_refused_by_name(client: Any) -> None:
    response = client.post("/check", data={"text": LONG, "kind": "email", "page": "二"})
    assert response.status_code == 422
    assert "表示する指摘のページ（page）は数字で指定してください。" in response.text


def test_the_fixed_text_of_a_long_draft_on_request(client: Any) -> None:
    html = client.post("/check", data={"text": LONG, "kind": "email", "fixes": "1"}).text
    assert _fixed(html) == LONG.replace("御社", "貴社").replace("見れる", "見られる").replace(
        "！", "。"
    )
    assert 'name="fixes" value="1"' not in html
    assert _listed(html)[:2] == [1, 2]


def test_the_form_posts_multipart_and_both_encodings_give_the_same_page(client: Any) -> None:
    # A browser percent-encodes every byte of Japanese text in a urlencoded form (900 KB for
    # 100,000 characters, about 0.1 s to decode); multipart sends the text as it is.
    page = client.get("/check").text
    assert re.search(
        r'<form method="post" action="/check" id="check-form" enctype="multipart/form-data"', page
    )
    text = DRAFT + "\r\n" + "ちょっと見れる資料！\r\n"  # a browser sends CRLF line breaks
    body, headers = multipart({"text": text, "kind": "email", "purpose": "withdraw"})
    sent = client.post("/check", content=body, headers=headers)
    assert sent.status_code == 200
    urlencoded = client.post("/check", data={"text": text, "kind": "email", "purpose": "withdraw"})
    assert sent.text == urlencoded.text
    assert _fixed(sent.text) is not None and "\r" not in _fixed(sent.text)


def test_segments_by_a_sweep_match_the_covering_findings() -> None:
    text = "御社の採用ご担当者様、ちょっとすみません。部長がおっしゃられた。" * 3
    report = check_text(text, "email")
    found = numbered(text, report.findings)
    parts = segments(text, found)
    assert "".join(part.text for part in parts) == text
    offset = 0
    for part in parts:
        end = offset + len(part.text)
        expected = tuple(
            i.number
            for i in found
            if i.in_place and i.finding.start <= offset and end <= i.finding.end
        )
        assert part.numbers == expected
        offset = end
