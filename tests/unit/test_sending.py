"""SMTP settings: the environment, the config file, the keyring; never a password in a file."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from naitei.errors import InputError
from naitei.mail.sending import configured_from, load_settings, tls_context
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "sending.toml"

VARIABLES = ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "CAFILE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in VARIABLES:
        monkeypatch.delenv(f"NAITEI_SMTP_{name}", raising=False)
    monkeypatch.setenv("NAITEI_CONFIG_DIR", str(tmp_path))
    monkeypatch.setitem(sys.modules, "keyring", None)  # as if keyring were not installed
    return tmp_path


def write_config(folder: Path, text: str) -> None:
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_environment_settings_with_default_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_USER", "taro")
    monkeypatch.setenv("NAITEI_SMTP_PASSWORD", "secret")
    settings = load_settings("taro@example.com")
    assert (settings.host, settings.port, settings.security) == (
        "smtp.example.com",
        587,
        "starttls",
    )
    assert (settings.user, settings.password, settings.from_address) == (
        "taro",
        "secret",
        "taro@example.com",
    )
    assert "secret" not in repr(settings)
    assert settings.describe() == "smtp.example.com:587（STARTTLS）"


def test_ssl_defaults_to_port_465(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_SECURITY", "SSL")
    assert load_settings("a@example.com").port == 465


def test_the_config_file_gives_settings_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, clean_environment: Path
) -> None:
    write_config(
        clean_environment,
        '[smtp]\nhost = "mail.example.jp"\nport = 2525\nsecurity = "ssl"\nfrom = "me@example.jp"\n',
    )
    settings = load_settings("taro@example.com")
    assert (settings.host, settings.port, settings.security) == ("mail.example.jp", 2525, "ssl")
    assert settings.from_address == "me@example.jp"
    monkeypatch.setenv("NAITEI_SMTP_PORT", "465")
    assert load_settings("taro@example.com").port == 465


def test_a_password_in_the_config_file_is_refused(clean_environment: Path) -> None:
    write_config(clean_environment, '[smtp]\nhost = "mail.example.jp"\npassword = "oops"\n')
    with pytest.raises(
        InputError, match=r"\[smtp\]\.password: パスワードは設定ファイルに書けません"
    ):
        load_settings("a@example.com")


def test_unknown_config_keys_are_named(clean_environment: Path) -> None:
    write_config(clean_environment, '[smtp]\nhost = "mail.example.jp"\nhots = "x"\n')
    with pytest.raises(InputError, match=r"\[smtp\]\.hots: 知らない項目です"):
        load_settings("a@example.com")


def test_a_broken_config_file_is_reported(clean_environment: Path) -> None:
    write_config(clean_environment, "[smtp\n")
    with pytest.raises(InputError, match="設定ファイルを読めません"):
        load_settings("a@example.com")
    assert configured_from("fallback@example.com") == "fallback@example.com"  # a dry run goes on


def test_no_host_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="NAITEI_SMTP_HOST"):
        load_settings("a@example.com")


@pytest.mark.parametrize("host", ["smtp.example.com", "192.168.1.10", "10.0.0.1"])
def test_no_encryption_only_to_this_machine(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", host)
    monkeypatch.setenv("NAITEI_SMTP_SECURITY", "none")
    with pytest.raises(InputError, match=r"127\.0\.0\.1, localhost"):
        load_settings("a@example.com")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "::1"])
def test_no_encryption_to_loopback_is_allowed(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", host)
    monkeypatch.setenv("NAITEI_SMTP_SECURITY", "none")
    assert load_settings("a@example.com").port == 25


@table(TABLES, "bad_value", "name", "value", "message")
def test_bad_values_name_their_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv(f"NAITEI_SMTP_{name}", value)
    with pytest.raises(InputError, match=f"NAITEI_SMTP_{name}.*{message}"):
        load_settings("a@example.com")


def test_a_host_with_spaces_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com\tevil")
    with pytest.raises(InputError, match="ホスト名として使えません"):
        load_settings("a@example.com")


def test_a_user_without_password_says_where_to_put_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_USER", "taro")
    with pytest.raises(InputError, match="keyring set naitei-smtp"):
        load_settings("a@example.com")


def fake_keyring(passwords: dict[tuple[str, str], str]) -> types.ModuleType:
    """A stand-in for the optional keyring package (its real backends need a desktop session)."""
    module = types.ModuleType("keyring")
    module.get_password = lambda service, user: passwords.get((service, user))  # type: ignore[attr-defined]
    return module


def test_the_password_comes_from_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        sys.modules, "keyring", fake_keyring({("naitei-smtp", "taro"): "from-keyring"})
    )
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_USER", "taro")
    assert load_settings("a@example.com").password == "from-keyring"
    monkeypatch.setenv("NAITEI_SMTP_PASSWORD", "from-env")
    assert load_settings("a@example.com").password == "from-env"


def test_a_failing_keyring_means_no_password(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("keyring")

    def broken(service: str, user: str) -> str:
        raise RuntimeError("no backend")

    module.get_password = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_USER", "taro")
    with pytest.raises(InputError, match="パスワードがありません"):
        load_settings("a@example.com")


def test_the_tls_context_verifies_certificates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    context = tls_context(load_settings("a@example.com"))
    assert context.check_hostname is True
    assert context.verify_mode.name == "CERT_REQUIRED"


def test_a_cafile_that_is_not_a_certificate_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bogus = tmp_path / "ca.pem"
    bogus.write_text("not a certificate", encoding="utf-8")
    monkeypatch.setenv("NAITEI_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("NAITEI_SMTP_CAFILE", str(bogus))
    with pytest.raises(InputError, match="NAITEI_SMTP_CAFILE: 証明書として読めません"):
        tls_context(load_settings("a@example.com"))
