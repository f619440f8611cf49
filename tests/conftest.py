"""Shared fixtures: a fixed clock (the constants and builders are in tests/support/cases.py).

The tests keep naitei's cache of compiled patterns and parsed data (naitei.precompiled) in a
directory of their own, removed when the session ends: never the user's ~/.cache/naitei,
and every process the tests start (the CLI included) reads and writes that one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile

import pytest

from tests.support.cases import NOW

_CACHE_DIR = tempfile.mkdtemp(prefix="naitei-test-cache-")
os.environ["NAITEI_CACHE_DIR"] = _CACHE_DIR


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    os.environ["NAITEI_CACHE_DIR"] = ""  # what this process compiled is not saved any more
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def now() -> dt.datetime:
    return NOW
