"""Shared fixtures: a fixed clock (the constants and builders are in tests/support/cases.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.cases import NOW


@pytest.fixture
def now() -> dt.datetime:
    return NOW
