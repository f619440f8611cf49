"""What a user types, shared by the browser tests and scripts/screenshots.py: the example
cases of examples/ entered through the forms, by field name, and `Watch`, what must never
happen in a page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAYLOAD = "<script>alert(1)</script>\"'&"

# examples/new-grad.toml as the wizard's form fields.
WIZARD_FORM: dict[str, str] = {
    "applicant.name": "山田 太郎",
    "applicant.kana": "やまだ たろう",
    "applicant.kind": "new_grad",
    "applicant.school": "東西大学",
    "applicant.faculty": "経済学部",
    "applicant.email": "taro.yamada@example.com",
    "applicant.phone": "090-1234-5678",
    "applicant.address": "東京都世田谷区桜丘一丁目2番3号",
    "company.name": "株式会社みなと精機",
    "company.department": "人事部",
    "company.contact_title": "採用担当",
    "company.contact_name": "佐藤",
    "company.email": "saiyo@minato-seiki.example.co.jp",
    "company.phone": "03-1234-5678",
    "company.hours": "09:00-18:00",
    "offer.accepted": "yes",
    "offer.via": "direct",
    "offer.start_date": "2027-04-01",
    "decline.declined_at": "2026-11-20T15:00",
    "decline.channel": "email",
    "decline.reason": "other_offer",
    "decline.reason_detail": "同時期に他社からも内定をいただき、そちらへの入社を決めたため",
    "decline.explained": "yes",
    "decline.thanked": "yes",
    "decline.company_response": "acknowledged",
    "decline.paperwork_done": "no",
    "withdrawal.why": "other_offer_lost",
    "withdrawal.why_detail": "入社予定の企業が新卒採用を取りやめました",
    "withdrawal.position": "unknown",
    "withdrawal.evidence": "no",
    "withdrawal.strengths": "機械工学の研究で培った設計の基礎\n三年間続けた接客のアルバイト",
}


def _fields(*names: str) -> dict[str, str]:
    return {name: WIZARD_FORM[name] for name in names}


# examples/new-grad.toml, step by step: text fields, then radio choices.
WIZARD: dict[int, tuple[dict[str, str], dict[str, str]]] = {
    1: (
        _fields(
            *(f"applicant.{key}" for key in ("name", "kana", "school", "faculty", "email", "phone"))
        ),
        _fields("applicant.kind"),
    ),
    2: (
        _fields(
            *(
                f"company.{key}"
                for key in ("name", "department", "contact_title", "contact_name", "email", "phone")
            ),
            "offer.start_date",
        ),
        _fields("offer.accepted", "offer.via"),
    ),
    3: (
        _fields("decline.declined_at", "decline.reason_detail"),
        _fields(
            *(
                f"decline.{key}"
                for key in ("channel", "reason", "explained", "thanked", "company_response")
            )
        ),
    ),
    4: (
        {
            "withdrawal.why_detail": "入社を予定していた企業が事業再編により新卒採用を取りやめ、内定が取り消されました"
        }
        | _fields("withdrawal.strengths"),
        _fields("withdrawal.why", "withdrawal.position"),
    ),
}
# Free-text fields that accept any characters (the payload goes there in the XSS test). The
# user's own answers (reason_detail, why_detail, strengths) are not among them: markup there is
# refused next to the field (tests/web/test_xss.py checks that the refusal is escaped).
FREE_TEXT = {
    "applicant.name",
    "applicant.kana",
    "applicant.school",
    "applicant.faculty",
    "company.name",
    "company.department",
    "company.contact_title",
    "company.contact_name",
}

# examples/decline-three.toml
APPLICANT = {
    "applicant.name": "小林 葵",
    "applicant.kana": "こばやし あおい",
    "applicant.school": "西海大学",
    "applicant.faculty": "文学部 英米文学科",
    "applicant.email": "aoi.kobayashi@example.com",
    "applicant.phone": "090-4567-8901",
}
COMPANIES = [
    (
        {
            "name": "株式会社さくら出版",
            "department": "総務部 人事課",
            "contact_name": "田中",
            "email": "saiyo@sakura-pub.example.co.jp",
            "phone": "03-5678-9012",
        },
        {"accepted": "yes", "via": "direct"},
    ),
    (
        {
            "name": "ひかり旅行株式会社",
            "department": "人事部",
            "email": "recruit@hikari-travel.example.jp",
            "phone": "06-6789-0123",
        },
        {"accepted": "no", "via": "direct"},
    ),
    (
        {
            "name": "合同会社アオバ",
            "contact_title": "代表",
            "contact_name": "森",
            "email": "info@aoba-llc.example.com",
        },
        {"accepted": "no", "via": "direct"},
    ),
]


def field(name: str) -> str:
    return f'[name="{name}"]'


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def fill_wizard_step(page: Page, step: int, payload: str = "") -> None:
    """Answer one step of the wizard; `payload` is appended to every free-text answer."""
    texts, choices = WIZARD[step]
    for name, value in choices.items():
        choose(page, name, value)
    for name, value in texts.items():
        extra = payload if name in FREE_TEXT else ""
        page.locator(field(name)).fill(value + extra)


def fill_decline(page: Page, count: int, payload: str = "") -> None:
    """The applicant, the reason and `count` companies (adding blocks as needed)."""
    choose(page, "applicant.kind", "new_grad")
    for name, value in APPLICANT.items():
        extra = "" if name in ("applicant.email", "applicant.phone") else payload
        page.locator(field(name)).fill(value + extra)
    choose(page, "decline.reason", "other_offer")
    page.locator(field("decline.reason_detail")).fill(
        "他社からの内定を受け、そちらへの入社を決めたため"
    )
    for index in range(count):
        if index > 0:
            page.get_by_role("button", name="会社を追加する").click()
        texts, choices = COMPANIES[index]
        for key, value in choices.items():
            choose(page, f"companies.{index}.{key}", value)
        for key, value in texts.items():
            extra = (
                payload if key in ("name", "department", "contact_name", "contact_title") else ""
            )
            page.locator(field(f"companies.{index}.{key}")).fill(value + extra)


def planted_email() -> str:
    """A withdrawal email that is fine except for one 御社 (should be 貴社 in writing)."""
    return (
        "株式会社みなと精機\n"
        "人事部 採用担当 佐藤様\n"
        "\n"
        "お世話になっております。東西大学経済学部の山田太郎です。\n"
        "先日は内定辞退のご連絡を差し上げ、誠に申し訳ございませんでした。\n"
        "御社で働きたいという思いが改めて強くなり、辞退の撤回をご検討いただけないかと存じ、ご連絡いたしました。\n"
        "何卒よろしくお願い申し上げます。\n"
        "\n"
        "山田 太郎\n"
        "東西大学 経済学部\n"
        "taro.yamada@example.com\n"
    )


TOKEN = "browser-test-token"  # the server's key: the page opens the printed address first


class Watch:
    """What must never happen in a page: a dialog (an injected script ran), a console error
    (a CSP violation, a failed resource) or a request to any other server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def attach(self, page: Any) -> None:
        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: r.url.startswith((self.base, "data:", "blob:")) or self.foreign.append(r.url),
        )

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests to other servers: {self.foreign}"


def go_through_wizard(page: Any, base: str, payload: str = "") -> None:
    page.goto(base)
    page.get_by_role("link", name=re.compile("辞退を撤回したい")).click()
    for step in (1, 2, 3, 4):
        fill_wizard_step(page, step, payload)
        name = "見通しと文面を見る" if step == 4 else "次へ"
        page.get_by_role("button", name=name).click()
        if step < 4:
            expect_heading_step(page, step + 1)


def expect_heading_step(page: Any, number: int) -> None:
    page.locator(f'input[name="step"][value="{number}"]').wait_for(state="attached")
