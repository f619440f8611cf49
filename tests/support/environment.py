"""The private environment every store, web and CLI test runs in (an autouse fixture that a
conftest.py imports)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may reach the real data folder: the default location points into tmp_path."""
    monkeypatch.delenv("NAITEI_DATABASE_URL", raising=False)
    monkeypatch.setenv("NAITEI_DATA_DIR", str(tmp_path / "default-data"))
