"""Shared fixtures: a fixed clock (the constants and builders are in tests/support/cases.py).

The tests keep naitei's cache of compiled patterns and parsed data (naitei.precompiled) in a
directory of their own, removed when the session ends: never the user's ~/.cache/naitei,
and every process the tests start (the CLI included) reads and writes that one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cases import NOW
from tests.support.flows import CHROMIUM, LAUNCH_ARGS

_CACHE_DIR = tempfile.mkdtemp(prefix="naitei-test-cache-")
os.environ["NAITEI_CACHE_DIR"] = _CACHE_DIR


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    os.environ["NAITEI_CACHE_DIR"] = ""  # what this process compiled is not saved any more
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


HINT = (
    "ブラウザのテストには Debian の Chromium（/usr/bin/chromium）と Playwright が必要です。"
    "bash scripts/test を実行してください（apt-get install -y chromium を行います）。"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module, shared by the browser tests and the organisation stack.

    Playwright's sync API runs an asyncio loop in this thread for as long as it is open, so it
    must be closed when the module that needed it is done: a second sync_playwright() fails
    while it runs ("Sync API inside the asyncio loop"), and so does any later asyncio.run(),
    such as the Procrastinate worker in tests/org/test_reply_polling.py."""
    if not Path(CHROMIUM).exists():
        pytest.fail(HINT, pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(HINT, pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()
