"""Screenshots of every page of the web app at desktop and phone widths, for the README.

Run by hand from the repository root:

    .venv/bin/python scripts/screenshots.py

It starts the app on 127.0.0.1 with a temporary database and a fixed clock, drives Debian's
Chromium (/usr/bin/chromium) with Playwright through every page, and writes
docs/screenshots/<page>-<desktop|phone>.png. Japanese text needs a Japanese font on this
machine (Debian: apt-get install fonts-noto-cjk).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from tests.support.flows import (  # noqa: E402
    CHROMIUM,
    LAUNCH_ARGS,
    fill_decline,
    fill_wizard_step,
    planted_email,
)
from tests.support.net import free_port  # noqa: E402
from tests.support.server import running  # noqa: E402

from naitei.calendar import JST  # noqa: E402
from naitei.web import Settings, create_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
WIDTHS = {"desktop": (1280, 800), "phone": (375, 812)}
MAX_HEIGHT = {"desktop": 1800, "phone": 2400}
TOKEN = "screenshots"  # the server's key (naitei.web.auth): the browser opens the printed address


def save(page: Page, name: str, width: str, end: float = 0) -> None:
    """A full-page PNG, cut at MAX_HEIGHT (from the top, or so that it ends `end` pixels down
    the page), reduced to a palette to stay small."""
    data = page.screenshot(full_page=True)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if image.height > MAX_HEIGHT[width]:
        top = max(0, min(int(end) - MAX_HEIGHT[width], image.height - MAX_HEIGHT[width]))
        image = image.crop((0, top, image.width, top + MAX_HEIGHT[width]))
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = OUT / f"{name}-{width}.png"
    image.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


# States whose point is below the first screens: the picture ends just under this element.
ENDS = {"result-email-tab": "#tab-email .handoff"}


def bottom_of(page: Page, selector: str | None) -> float:
    if selector is None:
        return 0
    box = page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.bottom + window.scrollY; }",
        selector,
    )
    return float(box) + 40


def pages(page: Page, base: str) -> list[tuple[str, Callable[[], None]]]:
    # The answers are kept on the server between steps (Post/Redirect/Get): each state goes on
    # from the page the previous one left, and every click is a form POST answered with 303.
    def wizard_errors() -> None:
        page.goto(f"{base}/withdraw")
        page.get_by_role("button", name="次へ").click()

    def wizard_summary() -> None:
        fill_wizard_step(page, 1)
        page.locator('[name="applicant.email"]').fill("misaki@@example")
        page.get_by_role("button", name="次へ").click()
        page.locator("#error-summary").wait_for()

    def wizard_decline_step() -> None:
        for step in (1, 2):
            fill_wizard_step(page, step)
            page.get_by_role("button", name="次へ").click()
        page.wait_for_url(f"{base}/withdraw/3")

    def result() -> None:
        for step in (3, 4):
            fill_wizard_step(page, step)
            page.get_by_role("button", name="次へ" if step < 4 else "見通しと文面を見る").click()
        page.wait_for_url(f"{base}/withdraw/result")

    def result_phone() -> None:
        page.get_by_role("tab", name="電話").click()

    def result_email() -> None:
        page.get_by_role("tab", name="メール").click()

    def save_case() -> None:
        page.get_by_role("button", name="ケースとして保存").click()

    def decline() -> None:
        page.goto(f"{base}/decline")
        fill_decline(page, 3)

    def decline_result() -> None:
        page.get_by_role("button", name="文面を作る").last.click()

    def checker() -> None:
        page.get_by_role("button", name="ケースとして保存").click()  # the decline, for the list
        page.goto(f"{base}/check")
        page.get_by_label("文面", exact=True).fill(planted_email())
        page.get_by_role("button", name="点検する").click()

    def cases() -> None:
        page.goto(f"{base}/cases")

    def delete() -> None:
        page.get_by_role("link").filter(has_text="株式会社みなと精機").first.click()
        page.get_by_role("link", name="このケースを削除する").click()

    return [
        ("home", lambda: page.goto(base)),
        ("wizard-errors", wizard_errors),
        ("wizard-summary", wizard_summary),
        ("wizard-step3", wizard_decline_step),
        ("result", result),
        ("result-phone-tab", result_phone),
        ("result-email-tab", result_email),
        ("case", save_case),
        ("decline-form", decline),
        ("decline-result", decline_result),
        ("checker", checker),
        ("cases", cases),
        ("case-delete", delete),
        ("help", lambda: page.goto(f"{base}/help")),
    ]


def main() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium がありません: apt-get install -y chromium")
    if not subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout:
        sys.exit("日本語のフォントがありません: apt-get install -y fonts-noto-cjk")
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="naitei-shots-"))
    try:
        for width, (w, h) in WIDTHS.items():
            url = f"sqlite:///{folder / f'{width}.db'}"
            settings = Settings(port=free_port(), database_url=url, clock=lambda: NOW, token=TOKEN)
            with running(create_app, settings) as base, sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                page = browser.new_page(
                    viewport={"width": w, "height": h},
                    device_scale_factor=1,
                    locale="ja-JP",
                    timezone_id="Asia/Tokyo",
                )
                page.goto(f"{base}/?token={TOKEN}")  # the printed address: the session cookie
                for name, go in pages(page, base):
                    go()
                    page.wait_for_load_state("networkidle")
                    save(page, name, width, bottom_of(page, ENDS.get(name)))
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
