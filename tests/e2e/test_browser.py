"""The whole product in a real browser, at desktop (1280×800) and phone (375×812) widths."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.flows import (
    PAYLOAD,
    expect_heading_step,
    fill_decline,
    go_through_wizard,
    planted_email,
)

pytestmark = pytest.mark.slow


def expect(locator: Any) -> Any:
    """Playwright's waiting assertions, imported late: without Playwright the `browser`
    fixture fails with the hint to run the test command instead of a collection error."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def downloaded(page: Any, button: Any) -> bytes:
    with page.expect_download() as info:
        button.click()
    path = info.value.path()
    return bytes(open(path, "rb").read())


def test_withdrawal_from_home_to_eml_and_ics(page: Any, base_url: str) -> None:
    go_through_wizard(page, base_url)
    verdict = page.locator(".verdict-label")
    assert verdict.inner_text() == "厳しいが可能性あり"
    assert "11月26日(木) 10:00〜11:30" in page.locator(".next-step").inner_text()

    page.get_by_role("tab", name="電話").click()
    phone = page.locator("#tab-phone")
    assert phone.is_visible() and not page.locator("#tab-assessment").is_visible()
    phone.get_by_role("button", name="コピー").click()
    expect(phone.locator(".copy-status")).to_have_text("コピーしました。")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "東西大学 経済学部の山田 太郎と申します" in copied

    page.get_by_role("tab", name="メール").click()
    eml = downloaded(
        page, page.locator("#tab-email").get_by_role("button", name=re.compile(r"\.eml")).first
    )
    assert b"To:" in eml and b"saiyo@minato-seiki.example.co.jp" in eml

    page.get_by_role("tab", name="行動計画").click()
    ics = downloaded(page, page.get_by_role("button", name=re.compile(r"\.ics")))
    assert ics.startswith(b"BEGIN:VCALENDAR") and b"DTSTART" in ics


def test_decline_of_three_companies(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("link", name=re.compile("これから辞退する")).click()
    fill_decline(page, 3)
    page.locator(".actions").get_by_role("button", name="文面を作る").click()
    page.get_by_role("heading", name="辞退の連絡（3件）").wait_for()
    cards = page.locator(".company-card")
    assert cards.count() == 3
    assert "まず電話" in cards.nth(0).inner_text()
    assert "メールでお伝えして差し支えありません" in cards.nth(1).inner_text()
    second = cards.nth(1)
    second.locator("summary", has_text="メール").click()
    assert "ひかり旅行株式会社" in second.locator(".doc-text").inner_text()
    eml = downloaded(page, second.get_by_role("button", name=re.compile(r"\.eml")))
    assert b"recruit@hikari-travel.example.jp" in eml


def test_checker_highlights_a_planted_onsha(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("link", name=re.compile("文面をチェックする")).click()
    page.get_by_label("文面", exact=True).fill(planted_email())
    page.get_by_role("button", name="点検する").click()
    mark = page.locator("mark.sev-error", has_text="御社")
    assert mark.count() == 1 and mark.is_visible()
    number = mark.get_attribute("data-findings")
    page.locator(f'a.ref[href="#finding-{number}"]').click()
    finding = page.locator(f"#finding-{number}")
    assert "貴社" in finding.inner_text()
    assert page.evaluate("location.hash") == f"#finding-{number}"


def test_checker_pages_through_a_long_report(page: Any, base_url: str) -> None:
    # more than 200 findings: the page buttons sit outside the form (form="check-form") and
    # post it again, multipart, with the text still in the box
    page.goto(base_url)
    page.get_by_role("link", name=re.compile("文面をチェックする")).click()
    page.get_by_label("文面", exact=True).fill("御社の資料を見れる！\n" * 120)
    page.get_by_role("button", name="点検する").click()
    assert page.locator("li.finding").count() == 200
    assert "1〜200件目だけを表示しています" in page.locator(".check-result").inner_text()
    assert page.locator("#fixed-text").count() == 0
    page.get_by_role("button", name=re.compile("^次の")).first.click()
    page.locator("#finding-201").wait_for()
    assert page.locator("#finding-1").count() == 0
    assert page.locator("mark").count() > 0
    page.get_by_role("button", name="修正を反映した文面を作る").click()
    fixed = page.locator("#fixed-text")
    fixed.wait_for()
    assert fixed.inner_text().startswith("貴社の資料を見られる。\n")


def test_case_created_event_logged_and_deleted(page: Any, base_url: str) -> None:
    go_through_wizard(page, base_url)
    page.get_by_role("button", name="ケースとして保存").click()
    expect(page.get_by_role("status")).to_have_text("ケースとして保存しました。")
    outcome = page.get_by_role("group", name="結果（電話）")
    assert not outcome.is_visible()  # shown once 電話 is chosen
    page.get_by_role("group", name="何がありましたか").get_by_label("電話").check()
    outcome.get_by_label("担当者が不在").check()
    page.get_by_label("話した相手").fill("受付の方")
    page.get_by_role("button", name="記録する").click()
    timeline = page.locator("#timeline")
    assert "電話（担当者が不在）" in timeline.inner_text() and "受付の方" in timeline.inner_text()
    assert "連絡中" in page.locator(".case-meta").inner_text()

    page.get_by_role("link", name="このケースを削除する").click()
    page.get_by_role("heading", name="このケースを削除しますか").wait_for()
    page.get_by_role("button", name="削除する").click()
    expect(page.get_by_role("status")).to_have_text("ケースを削除しました。")
    assert "保存したケースはまだありません" in page.locator("main").inner_text()


def test_a_payload_in_every_field_never_runs(page: Any, base_url: str) -> None:
    go_through_wizard(page, base_url, PAYLOAD)
    assert PAYLOAD in page.locator(".next-step").inner_text()  # shown as text
    page.get_by_role("button", name="ケースとして保存").click()
    page.get_by_role("group", name="何がありましたか").get_by_label("メモ").check()
    page.get_by_label("メモ", exact=False).last.fill(PAYLOAD)
    page.get_by_role("button", name="記録する").click()
    assert PAYLOAD in page.locator("#timeline").inner_text()
    page.goto(f"{base_url}/check")
    page.get_by_label("文面", exact=True).fill(f"御社{PAYLOAD}ちょっと")
    page.get_by_role("button", name="点検する").click()
    assert PAYLOAD in page.locator(".checked-text").inner_text()
    page.goto(f"{base_url}/decline")
    fill_decline(page, 1, PAYLOAD)
    page.locator(".actions").get_by_role("button", name="文面を作る").click()
    assert PAYLOAD in page.locator(".company-card").inner_text()
    # The page fixture fails the test if any dialog opened or the CSP blocked anything.


def tab_to(page: Any, is_target: str, limit: int = 400) -> None:
    """Press Tab until `is_target` (a JS expression on `el`) holds for the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {is_target}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {is_target}")


def key_choose(page: Any, name: str, value: str) -> None:
    tab_to(page, f"el.name === {name!r}")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"{name}: {value} not reached with the arrow keys")


def key_type(page: Any, name: str, value: str) -> None:
    tab_to(page, f"el.name === {name!r}")
    if name in ("decline.declined_at", "offer.start_date"):
        key_date(page, value)
        return
    page.keyboard.press("Control+A")
    page.keyboard.type(value)


def key_date(page: Any, value: str) -> None:
    """Type a date (and time) into the focused date input, segment by segment. Headless
    Chromium lays the segments out as mm/dd/yyyy hh:mm AM/PM whatever the page's locale."""
    day, _, time = value.partition("T")
    year, month, date = day.split("-")
    page.keyboard.type(month + date + year)
    if time:
        hour, minute = (int(part) for part in time.split(":"))
        page.keyboard.press("ArrowRight")  # the year takes up to six digits: move on by hand
        page.keyboard.type(f"{(hour - 1) % 12 + 1:02d}{minute:02d}" + ("P" if hour >= 12 else "A"))
    assert page.evaluate("document.activeElement.value") == value


@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_keyboard_only_completion_of_the_wizard(page: Any, base_url: str) -> None:
    from tests.support.flows import WIZARD

    page.goto(f"{base_url}/withdraw")
    for step in (1, 2, 3, 4):
        texts, choices = WIZARD[step]
        for name, value in choices.items():
            key_choose(page, name, value)
        for name, value in texts.items():
            key_type(page, name, value)
        label = "見通しと文面を見る" if step == 4 else "次へ"
        tab_to(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === {label!r}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if step < 4:
            expect_heading_step(page, step + 1)
    assert page.locator(".verdict-label").inner_text() == "厳しいが可能性あり"
    tab_to(page, "el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true'")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#tab-phone").is_visible()


def test_without_the_key_the_browser_sees_no_case_and_with_it_a_strict_cookie(
    browser: Any, base_url: str
) -> None:
    """Issue 14: the printed address is exchanged for an HttpOnly, SameSite=Strict cookie and
    leaves the address bar; a browser without it gets the 401 page and nothing else."""
    from tests.support.flows import TOKEN, Watch

    stranger = browser.new_context(locale="ja-JP")
    page = stranger.new_page()
    answer = page.goto(f"{base_url}/cases")
    assert answer is not None and answer.status == 401
    assert "鍵が必要です" in page.content()
    assert stranger.cookies() == []
    stranger.close()
    owner = browser.new_context(locale="ja-JP")
    page = owner.new_page()
    watch = Watch(base_url)
    watch.attach(page)
    page.goto(f"{base_url}/cases?token={TOKEN}")
    assert page.url == f"{base_url}/cases"  # the key is gone from the address
    (cookie,) = owner.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]
    assert page.evaluate("document.cookie") == ""  # no script can read it
    assert page.get_by_role("heading", name="ケース一覧").is_visible()
    owner.close()
    watch.check()
