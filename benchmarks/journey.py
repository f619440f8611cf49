"""The journey in a browser (issue 16): required answers and clicks from the home page to a
ready phone script and email.

    .venv/bin/python benchmarks/journey.py

Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright against the real app
(uvicorn on 127.0.0.1, a temporary database, a fixed clock), at 375 px.

What counts as required is found, not assumed: each step is first sent empty; the fields the
server names in the error summary are answered (from examples/new-grad.toml and
examples/decline-three.toml, as in tests/support/flows.py) and the step sent again until it
passes. Answers already chosen by the page (a preselected radio button) are not counted. A
second run in a new browser context answers exactly those fields and counts:

- required answers: fields the user must fill or choose;
- clicks: following the home page's link, one click per radio choice or per text field
  (to focus it), the submit buttons, and the tabs opened to reach the phone script and email;
- characters typed: the length of every typed answer (a Japanese IME needs more keypresses).

The run fails if the result does not show a phone script and an email to the company.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import machine, write_result
from playwright.sync_api import Page, sync_playwright
from tests.support.flows import APPLICANT, CHROMIUM, COMPANIES, LAUNCH_ARGS, WIZARD
from tests.support.server import serving

TOKEN = "journey"
DECLINE_REASON = {
    "decline.reason": "other_offer",
    "decline.reason_detail": "他社からの内定を受け、そちらへの入社を決めたため",
}


def decline_answers() -> dict[str, str]:
    texts, choices = COMPANIES[0]
    answers = {"applicant.kind": "new_grad", **APPLICANT, **DECLINE_REASON}
    answers |= {f"companies.0.{k}": v for k, v in {**texts, **choices}.items()}
    return answers


WITHDRAW_ANSWERS = {
    name: value for step in WIZARD.values() for part in step for name, value in part.items()
}


@dataclass
class Tally:
    answers: list[str] = field(default_factory=list)
    clicks: int = 0
    typed: int = 0


def flagged(page: Page) -> list[str]:
    """The names of the fields the error summary links to."""
    names = page.evaluate(
        """() => {
            const byId = {};
            for (const el of document.querySelectorAll('main form [name]')) {
                byId['f-' + el.name.replace(/[._]/g, '-')] = el.name;
                if (el.id) byId[el.id] = el.name;
            }
            return Array.from(document.querySelectorAll('#error-summary a[href^="#"]'))
                .map(a => byId[a.getAttribute('href').slice(1)] || a.getAttribute('href'));
        }"""
    )
    return [str(n) for n in names if n]


def answer(page: Page, name: str, value: str, tally: Tally) -> None:
    radio = page.locator(f'input[type="radio"][name="{name}"][value="{value}"]')
    if radio.count():
        radio.check()
    else:
        page.locator(f'[name="{name}"]').fill(value)
        tally.typed += len(value)
    tally.answers.append(name)
    tally.clicks += 1


def send(page: Page, button: str, tally: Tally) -> None:
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=button).last.click()
    tally.clicks += 1
    page.wait_for_load_state("load")


def step_through(
    page: Page, button: str, answers: dict[str, str], known: list[str] | None, tally: Tally
) -> list[str]:
    """Send one page: with `known` the fields to answer, else discover them by sending."""
    if known is not None:
        for name in known:
            answer(page, name, answers[name], tally)
        send(page, button, tally)
        if flagged(page):
            raise SystemExit(f"{page.url}: still refused: {flagged(page)}")
        return known
    found: list[str] = []
    for _ in range(10):
        send(page, button, tally)
        missing = [n for n in flagged(page) if n not in found]
        if not missing and not flagged(page):
            return found
        if not missing:
            raise SystemExit(f"{page.url}: refused again: {flagged(page)}")
        for name in missing:
            if name not in answers:
                raise SystemExit(f"{page.url}: no example answer for {name}")
            answer(page, name, answers[name], tally)
            found.append(name)
    raise SystemExit(f"{page.url}: never accepted")


def withdraw(page: Page, base: str, known: list[list[str]] | None) -> tuple[Tally, list[list[str]]]:
    tally, steps = Tally(), []
    page.goto(base)
    page.get_by_role("link", name=re.compile("辞退を撤回したい")).click()
    tally.clicks += 1
    for step in (1, 2, 3, 4):
        button = "見通しと文面を見る" if step == 4 else "次へ"
        steps.append(
            step_through(page, button, WITHDRAW_ANSWERS, known[step - 1] if known else None, tally)
        )
    page.wait_for_url(re.compile(r"/withdraw/result$"))
    for tab, panel, words in (
        ("電話", "#tab-phone", "と申します"),
        ("メール", "#tab-email", "件名"),
    ):
        page.get_by_role("tab", name=tab).click()
        tally.clicks += 1
        text = page.locator(panel).inner_text()
        if words not in text:
            raise SystemExit(f"the {tab} tab has no {words}: {text[:200]}")
    return tally, steps


def decline(page: Page, base: str, known: list[str] | None) -> tuple[Tally, list[str]]:
    tally = Tally()
    page.goto(base)
    page.get_by_role("link", name=re.compile("これから辞退する")).click()
    tally.clicks += 1
    found = step_through(page, "文面を作る", decline_answers(), known, tally)
    page.wait_for_url(re.compile(r"/decline/result$"))
    card = page.locator(".company-card").first
    for label in ("電話", "メール"):
        card.locator("summary", has_text=label).first.click()
        tally.clicks += 1
    if "株式会社さくら出版" not in card.inner_text():
        raise SystemExit("the decline result has no message to the company")
    return tally, found


def main() -> None:
    rows: list[tuple[str, Tally, str]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def fresh(base: str) -> Page:
            context = browser.new_context(
                viewport={"width": 375, "height": 812}, locale="ja-JP", timezone_id="Asia/Tokyo"
            )
            page = context.new_page()
            page.goto(f"{base}/?token={TOKEN}")
            return page

        for flow in ("withdraw", "decline"):
            with (
                tempfile.TemporaryDirectory() as folder,
                serving(Path(folder) / "j.db", TOKEN) as base,
            ):
                if flow == "withdraw":
                    _, steps = withdraw(fresh(base), base, None)
                    tally, _ = withdraw(fresh(base), base, steps)
                    detail = " + ".join(str(len(s)) for s in steps) + " (steps 1-4)"
                    rows.append(("辞退の撤回 (wizard)", tally, detail))
                else:
                    _, found = decline(fresh(base), base, None)
                    tally, _ = decline(fresh(base), base, found)
                    rows.append(("辞退 (1 company)", tally, "one page"))
        browser.close()
    lines = [
        f"Journey to a ready phone script and email, Chromium at 375 px ({machine()})",
        "",
        "| flow | required answers | per page | clicks | characters typed |",
        "|---|---:|---|---:|---:|",
    ]
    for name, tally, detail in rows:
        lines.append(
            f"| {name} | {len(tally.answers)} | {detail} | {tally.clicks} | {tally.typed} |"
        )
    lines.append("")
    for name, tally, _ in rows:
        lines.append(f"{name}: {', '.join(tally.answers)}")
    text = "\n".join(lines)
    print(text)
    write_result("journey", text + "\n")


if __name__ == "__main__":
    main()
