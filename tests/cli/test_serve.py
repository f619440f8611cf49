"""`naitei serve`: 127.0.0.1 by default, a warning in Japanese for any other address, and a
CLI that does not load the web stack until the command runs."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from naitei.cli.app import app
from naitei.web.settings import host_name


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder (which also looks at the runtime file meanwhile)."""
    calls: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setenv("NAITEI_DATA_DIR", str(tmp_path / "data"))

    def fake_run(application: Any, **options: Any) -> None:
        runtime = tmp_path / "data" / f"serve-{options['port']}.json"
        calls.append({"app": application, "runtime": runtime.read_text(), **options})
        calls[-1]["runtime_mode"] = stat.S_IMODE(runtime.stat().st_mode)

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


def test_serve_prints_the_address_with_its_key_once(
    runs: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["serve"])
    token = runs[0]["app"].state.settings.token
    assert len(token) >= 40
    assert result.stdout.count(f"http://127.0.0.1:8000/?token={token}") == 1
    assert json.loads(runs[0]["runtime"])["token"] == token  # for --print-token, meanwhile
    assert runs[0]["runtime_mode"] == 0o600
    assert not (tmp_path / "data" / "serve-8000.json").exists()  # gone with the server


def test_every_start_makes_a_new_key(runs: list[dict[str, Any]]) -> None:
    CliRunner().invoke(app, ["serve"])
    CliRunner().invoke(app, ["serve"])
    assert runs[0]["app"].state.settings.token != runs[1]["app"].state.settings.token


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_other_hosts_need_tls_or_an_explicit_insecure_lan(
    runs: list[dict[str, Any]], host: str
) -> None:
    refused = CliRunner().invoke(app, ["serve", "--host", host, "--port", "8123"])
    assert refused.exit_code == 2 and not runs
    assert "--tls-cert" in refused.stderr and "--insecure-lan" in refused.stderr
    result = CliRunner().invoke(app, ["serve", "--host", host, "--port", "8123", "--insecure-lan"])
    assert result.exit_code == 0, result.output
    assert "警告" in result.stderr and "暗号化せずに" in result.stderr and host in result.stderr
    assert runs[0]["host"] == host and runs[0]["port"] == 8123
    assert runs[0]["ssl_certfile"] is None
    assert f"{host_name(host)}:8123" in runs[0]["app"].state.settings.allowed_hosts()


def test_tls_settings_serve_https(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("x"), key.write_text("y")
    args = ["serve", "--host", "0.0.0.0", "--tls-cert", str(cert), "--tls-key", str(key)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert runs[0]["ssl_certfile"] == str(cert) and runs[0]["ssl_keyfile"] == str(key)
    assert runs[0]["app"].state.settings.tls is True
    assert "https://0.0.0.0:8000/?token=" in result.stdout
    alone = CliRunner().invoke(app, ["serve", "--tls-cert", str(cert)])
    assert alone.exit_code == 2 and "一緒に" in alone.stderr


def test_localhost_does_not_warn(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "localhost"])
    assert "警告" not in result.stderr


def test_print_token_without_a_running_server(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--print-token", "--port", "8765"])
    assert result.exit_code == 2
    assert "8765 で動いている naitei serve が見つかりません" in result.stderr


def test_the_access_log_never_shows_the_key() -> None:
    import logging

    from naitei.cli.serve import _hide_tokens

    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/cases?page=2&token=secret-key", "1.1", 303), None,
    )  # fmt: skip
    _hide_tokens(record)
    assert "secret-key" not in record.getMessage()
    assert "/cases?page=2&token=…" in record.getMessage()


def test_bad_port_is_a_usage_error(runs: list[dict[str, Any]]) -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "70000"]).exit_code == 2
    assert not runs


def test_the_cli_does_not_import_the_web_stack_at_start() -> None:
    code = "import sys, naitei.cli.app; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
