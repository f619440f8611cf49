"""`naitei serve`: 127.0.0.1 by default, a warning in Japanese for any other address, and a
CLI that does not load the web stack until the command runs."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from naitei.cli import app


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    import uvicorn

    def fake_run(application: Any, **options: Any) -> None:
        calls.append({"app": application, **options})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_serve_binds_127_0_0_1_by_default(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 8000
    assert "警告" not in result.output
    assert "http://127.0.0.1:8000/" in result.output
    settings = runs[0]["app"].state.settings
    assert "127.0.0.1:8000" in settings.allowed_hosts()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20"])
def test_other_hosts_warn_in_japanese_on_stderr(runs: list[dict[str, Any]], host: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", host, "--port", "8123"])
    assert result.exit_code == 0
    assert "警告" in result.stderr and host in result.stderr
    assert runs[0]["host"] == host and runs[0]["port"] == 8123
    assert f"{host}:8123" in runs[0]["app"].state.settings.allowed_hosts()


def test_localhost_does_not_warn(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "localhost"])
    assert "警告" not in result.stderr


def test_bad_port_is_a_usage_error(runs: list[dict[str, Any]]) -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "70000"]).exit_code == 2
    assert not runs


def test_the_cli_does_not_import_the_web_stack_at_start() -> None:
    code = "import sys, naitei.cli; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
