"""The web app as people live it (issue 16), in Chromium at 1280 and 375 px: Back, Forward and
Reload in the wizard and on the result, the error summary taking focus, the handoff links, the
order of 戻る and 次へ, buttons that never wrap, and axe-core finding no violation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support import flows

pytestmark = pytest.mark.slow


def no_violations(page: Any) -> None:
    """axe-core (shipped inside axe-playwright-python) run on the page as it is."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
    assert found == [], (page.url, found)


def watch_dialogs(page: Any) -> list[str]:
    """Every dialog the browser opens (a resubmission prompt would be one)."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


def focused(page: Any, expression: str) -> Any:
    """document.activeElement's `expression` once the page's script has run (polled: the
    CSP forbids Playwright's wait_for_function, which evaluates a string)."""
    page.wait_for_load_state("load")
    value = None
    for _ in range(50):
        value = page.evaluate(
            f"document.activeElement ? document.activeElement.{expression} : null"
        )
        if value:
            return value
        page.wait_for_timeout(100)
    return value


def times_of(page: Any) -> list[str]:
    """The plan's times, whether its tab is shown or not."""
    page.wait_for_load_state("load")
    text = page.locator("#tab-plan").text_content() or ""
    return re.findall(r"\d+月\d+日\([月火水木金土日]\) \d\d:\d\d", text)


def test_back_forward_and_reload_never_resubmit(page: Any, base_url: str) -> None:
    dialogs = watch_dialogs(page)
    flows.go_through_wizard(page, base_url)
    assert page.url.endswith("/withdraw/result")
    shown = times_of(page)
    assert shown
    no_violations(page)
    page.reload()
    assert page.locator(".verdict-label").inner_text() == "厳しいが可能性あり"
    assert times_of(page) == shown  # the plan did not move
    page.go_back()
    assert page.url.endswith("/withdraw/4")
    assert page.locator('[name="withdrawal.why_detail"]').input_value()  # as answered
    page.go_back()
    assert page.url.endswith("/withdraw/3")
    assert page.locator('[name="decline.declined_at"]').input_value() == "2026-11-20T15:00"
    page.reload()
    assert page.locator('[name="decline.declined_at"]').input_value() == "2026-11-20T15:00"
    page.go_forward()
    assert page.url.endswith("/withdraw/4")
    page.go_forward()
    assert page.url.endswith("/withdraw/result") and times_of(page) == shown
    assert dialogs == []


def test_a_problem_takes_focus_to_the_summary_then_the_field(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/withdraw")
    flows.fill_wizard_step(page, 1)
    page.locator('[name="applicant.email"]').fill("misaki@@example")
    page.get_by_role("button", name="次へ").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert focused(page, "id") == "error-summary"
    assert "「misaki@@example」" in summary.inner_text()
    no_violations(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "f-applicant-email"


def test_tab_reaches_back_before_next(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/withdraw")
    flows.fill_wizard_step(page, 1)
    page.get_by_role("button", name="次へ").click()
    flows.expect_heading_step(page, 2)
    back = page.get_by_role("button", name="戻る")
    following = page.get_by_role("button", name="次へ")
    back.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "次へ"
    back_box, next_box = back.bounding_box(), following.bounding_box()
    assert back_box and next_box
    assert (back_box["y"], back_box["x"]) <= (next_box["y"], next_box["x"])  # shown in DOM order
    no_violations(page)


def test_the_result_hands_over_to_mail_and_phone(page: Any, base_url: str) -> None:
    flows.go_through_wizard(page, base_url)
    assert page.locator('a[href="tel:0312345678"]').first.is_visible()
    page.get_by_role("tab", name="メール").click()
    link = page.locator("#tab-email").get_by_role("link", name="メールアプリで開く").first
    assert (link.get_attribute("href") or "").startswith("mailto:saiyo@minato-seiki.example.co.jp?")
    page.get_by_role("button", name="件名をコピー").first.click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("内定辞退撤回のお願い")
    page.get_by_role("tab", name="電話").click()
    page.locator("#tab-phone").get_by_role("button", name="コピー").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "【" in copied and not re.search(r"^(#|- )", copied, re.M)
    assert "email-unreached.txt" not in page.locator("main").inner_text()
    no_violations(page)


@pytest.mark.parametrize("width", [375, 320])
def test_copy_buttons_never_wrap(page: Any, base_url: str, width: int) -> None:
    flows.go_through_wizard(page, base_url)
    page.set_viewport_size({"width": width, "height": 800})
    page.get_by_role("tab", name="電話").click()
    button = page.locator("#tab-phone button.copy").first
    box = button.bounding_box()
    assert box is not None
    line = page.evaluate(
        "b => parseFloat(getComputedStyle(b).lineHeight) || 20", button.element_handle()
    )
    assert box["height"] < 2 * line + 20, box  # one line of text inside its padding
    page.get_by_role("tab", name="メール").click()
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, overflow  # nothing wider than the screen (the call button wraps)


def test_adding_a_company_keeps_the_place(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/decline")
    page.get_by_role("button", name="会社を追加する").click()
    page.wait_for_url(re.compile(r"/decline#company-1$"))
    assert focused(page, "name") == "companies.1.name"
    no_violations(page)


def test_help_and_home_have_no_violations(page: Any, base_url: str) -> None:
    for path in ("/", "/help", "/decline", "/cases"):
        page.goto(f"{base_url}{path}")
        no_violations(page)


def test_the_checker_says_it_is_working(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/check")
    page.locator('[name="text"]').fill("株式会社サンプル\n佐藤様\n\n御社にお願いがございます。\n")
    # The form is kept from leaving the page, so what it shows while it waits can be read.
    page.evaluate(
        "document.querySelector('form[data-busy]')"
        ".addEventListener('submit', function (event) { event.preventDefault(); })"
    )
    page.get_by_role("button", name="点検する").click()
    status = page.locator(".busy-status")
    assert "点検しています" in (status.text_content() or "")
    assert page.locator("form[data-busy]").get_attribute("aria-busy") == "true"
    no_violations(page)
    page.goto(f"{base_url}/check")
    page.locator('[name="text"]').fill("株式会社サンプル\n佐藤様\n\n御社にお願いがございます。\n")
    page.get_by_role("button", name="点検する").click()
    page.locator(".check-result, .alert").first.wait_for()
    no_violations(page)


def test_a_discarded_tab_reopens_where_it_was(page: Any, base_url: str) -> None:
    """A phone discards a background tab: a new tab of the same browser reopens the wizard at
    the step reached, with the answers (kept on the server under the session cookie)."""
    page.goto(f"{base_url}/withdraw")
    flows.fill_wizard_step(page, 1)
    page.get_by_role("button", name="次へ").click()
    flows.expect_heading_step(page, 2)
    context = page.context
    page.close()
    reopened = context.new_page()
    reopened.goto(f"{base_url}/withdraw")
    assert reopened.url.endswith("/withdraw/2")
    reopened.locator('a[href="/withdraw/1"]').click()
    assert reopened.locator('[name="applicant.name"]').input_value() == "山田 太郎"


def test_back_forward_and_reload_on_the_decline_result(page: Any, base_url: str) -> None:
    """The decline result is a GET after a redirect: Reload shows it again as of the moment it
    was made, Back returns to the form with the answers, Forward to the same result."""
    dialogs = watch_dialogs(page)
    failed: list[str] = []
    # Chromium aborts the favicon's fetch when a reload or Back leaves the page it was loading
    # for (net::ERR_ABORTED, seen once in CI): the browser's own doing, not a failed request.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.url.endswith("/favicon.png") and "ERR_ABORTED" in (r.failure or "")
            else failed.append(f"{r.url} {r.failure}")
        ),
    )
    page.goto(f"{base_url}/decline")
    flows.fill_decline(page, 2)
    page.locator(".actions").get_by_role("button", name="文面を作る").click()
    page.wait_for_url(re.compile(r"/decline/result$"))
    cards = page.locator(".company-card")
    shown = [cards.nth(i).text_content() for i in range(cards.count())]
    assert len(shown) == 2 and "株式会社さくら出版" in (shown[0] or "")
    page.reload()
    assert page.url.endswith("/decline/result")
    assert [cards.nth(i).text_content() for i in range(cards.count())] == shown
    page.go_back()
    assert re.search(r"/decline(#.*)?$", page.url), page.url
    assert page.locator('[name="companies.1.name"]').input_value() == "ひかり旅行株式会社"
    page.go_forward()
    assert page.url.endswith("/decline/result")
    assert [cards.nth(i).text_content() for i in range(cards.count())] == shown
    no_violations(page)
    assert dialogs == [] and failed == []
