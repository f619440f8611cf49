"""`naitei case ...` run as a user runs it (a subprocess) against a given database URL."""

from __future__ import annotations

import json
from typing import Any

from tests.support.cases import EXAMPLES
from tests.support.cli import cli_env, naitei

NOW = "2026-11-25T21:00:00+09:00"
NEW_GRAD = str(EXAMPLES / "new-grad.toml")
DECLINE = str(EXAMPLES / "decline-three.toml")


def run(url: str, *args: str, code: int = 0) -> str:
    result = naitei(*args, env=cli_env(url))
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout if code == 0 else result.stderr


def run_json(url: str, *args: str) -> Any:
    return json.loads(run(url, *args, "--format", "json"))


def add(url: str, path: str = NEW_GRAD) -> str:
    return str(run_json(url, "case", "add", path, "--now", NOW)["id"])


def log(url: str, case_id: str, *args: str, code: int = 0) -> str:
    return run(url, "case", "log", case_id, *args, code=code)
