"""Into the mail app and the phone (issue 16): mailto: links with subject and body (none when
the body is too long), tel: links, 宛先・件名・本文 copied apart, scripts copied as plain text,
and no command-line file names in what the web shows."""

from __future__ import annotations

import html as html_module
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from naitei.compose.model import Document
from naitei.web.handoff import MAILTO_LIMIT, mail_of, plain_script, tel_link, web_text
from tests.support.web import WIZARD_FORM, decline_form, post_wizard


def email(body: str, address: str | None = "saiyo@example.co.jp") -> Document:
    return Document(
        kind="email",
        title="確認のメール",
        text=body,
        subject="内定辞退撤回のお願い（東西大学 山田 太郎）",
        to_address=address,
        to_name="株式会社サンプル 人事部 佐藤様",
    )


def test_a_mailto_link_carries_the_subject_and_the_body() -> None:
    mail = mail_of(email("株式会社サンプル\n佐藤様\n\nお世話になっております。\n"))
    parts = urlsplit(mail.mailto)
    assert parts.scheme == "mailto" and unquote(parts.path) == "saiyo@example.co.jp"
    query = parse_qs(parts.query)
    assert query["subject"] == ["内定辞退撤回のお願い（東西大学 山田 太郎）"]
    assert query["body"] == ["株式会社サンプル\r\n佐藤様\r\n\r\nお世話になっております。\r\n"]
    assert mail.body_in_link and mail.address == "saiyo@example.co.jp"


def test_a_body_too_long_for_a_link_is_left_to_paste() -> None:
    mail = mail_of(email("お詫び申し上げます。\n" * 60))
    assert not mail.body_in_link and "body=" not in mail.mailto
    assert len(mail.mailto) <= MAILTO_LIMIT and "subject=" in mail.mailto


def test_without_an_address_there_is_no_link() -> None:
    mail = mail_of(email("本文\n", address=None))
    assert mail.mailto == "" and mail.to == ""


def test_tel_links_keep_only_the_digits() -> None:
    assert tel_link("03-1234-5678") == "tel:0312345678"
    assert tel_link("０３（１２３４）５６７８") == "tel:0312345678"
    assert tel_link("+81 3 1234 5678") == "tel:+81312345678"
    assert tel_link("") == "" and tel_link(None) == "" and tel_link("内線") == ""


def test_file_names_become_tab_names_and_scripts_plain_text() -> None:
    text = "# 電話の台本\n\n## 2. 不在のとき\n\n- 「…のメール」（email-unreached.txt）を先に送ります。\n"
    assert web_text(text).count("（「メール」のタブ）") == 1
    plain = plain_script(text)
    assert (
        plain
        == "電話の台本\n\n【2. 不在のとき】\n\n・「…のメール」（「メール」のタブ）を先に送ります。\n"
    )


def copy_source(page: str, element: str) -> str:
    match = re.search(rf'<pre class="copy-source" id="{element}" hidden>(.*?)</pre>', page, re.S)
    assert match, element
    return html_module.unescape(match[1])


def test_the_result_hands_over_to_the_mail_app_and_the_phone(client: Any) -> None:
    page = post_wizard(client, WIZARD_FORM).text
    assert 'href="tel:0312345678"' in page
    assert page.count('href="mailto:saiyo@minato-seiki.example.co.jp?subject=') == 2
    for name in ("email.txt", "email-unreached.txt", "visit.md", "letter.txt", ".md）"):
        assert name not in page
    phone = copy_source(page, "doc-phone")
    assert not re.search(r"^(#|- )", phone, re.M) and "【" in phone
    assert re.search(r'<span id="doc-email-subject">内定辞退撤回のお願い', page)
    body = re.search(r'<pre class="doc-text" id="doc-email" tabindex="0">(.*?)</pre>', page, re.S)
    assert body and "件名：" not in body[1] and "宛先：" not in body[1]


def test_each_decline_email_opens_in_the_mail_app(client: Any) -> None:
    page = client.post("/decline", data=decline_form(3)).text
    links = re.findall(r'href="(mailto:[^"]+)"', page)
    assert links and all("subject=" in html_module.unescape(link) for link in links)
    assert "件名：" not in "".join(
        re.findall(r'<pre class="doc-text"[^>]*>(.*?)</pre>', page, re.S)
    )
