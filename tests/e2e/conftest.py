"""Browser tests: Debian's Chromium driven by Playwright against the real app, served by
uvicorn on 127.0.0.1 and a free port, on a temporary database with a fixed clock.

They fail (never skip) when Chromium or Playwright is missing: run `bash scripts/test`,
which installs Chromium (apt-get install -y chromium) the way it installs PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.flows import TOKEN, Watch
from tests.support.server import serving

WIDTHS = {"desktop": (1280, 800), "phone": (375, 812)}


def sign_in(page: Any, base_url: str) -> None:
    """Open the address `naitei serve` prints: the key becomes the session cookie."""
    page.goto(f"{base_url}/?token={TOKEN}")
    assert page.url == f"{base_url}/", page.url


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    with serving(tmp_path / "naitei.db", TOKEN) as url:
        yield url


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
        accept_downloads=True,
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    opened = context.new_page()
    watch = Watch(base_url)
    watch.attach(opened)
    opened.set_default_timeout(10_000)
    sign_in(opened, base_url)
    yield opened
    context.close()
    watch.check()
