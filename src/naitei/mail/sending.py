"""Sending mail over SMTP from the user's own mailbox (`naitei decline --send`).

Settings come from the environment (NAITEI_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD,
_FROM, _CAFILE) or from the [smtp] table of the user's config file (the same keys in lower
case; never the password). The password comes from NAITEI_SMTP_PASSWORD or, when the optional
`keyring` package is installed, from the system keyring (service "naitei-smtp", the SMTP user).
Certificates are always verified; `security = "none"` is allowed only to this machine.
Logs carry message ids and company numbers, never names or addresses.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import smtplib
import socket
import ssl
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from naitei.errors import ExternalError, InputError
from naitei.fsutil import read_capped
from naitei.vocabulary import LOCAL_HOSTS

log = logging.getLogger("naitei.mail.sending")
log.addHandler(logging.NullHandler())

PREFIX = "NAITEI_SMTP_"
KEYS = ("host", "port", "security", "user", "from", "cafile")
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
KEYRING_SERVICE = "naitei-smtp"
CONFIG_DIR_VARIABLE = "NAITEI_CONFIG_DIR"
TIMEOUT_SECONDS = 30.0
_LABELS = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": "暗号化なし"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str
    from_address: str
    password: str = field(default="", repr=False)
    cafile: Path | None = None
    timeout: float = TIMEOUT_SECONDS

    def describe(self) -> str:
        """smtp.example.com:587（STARTTLS）"""
        return f"{self.host}:{self.port}（{_LABELS[self.security]}）"


def config_path() -> Path:
    """config.toml in NAITEI_CONFIG_DIR or the platform's user config folder."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE)
    if folder:
        return Path(folder) / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir("naitei")) / "config.toml"


def _config_table(path: Path) -> dict[str, Any]:
    """The [smtp] table of the config file ({} when there is no file)."""
    try:
        data = tomllib.loads(read_capped(path, 1_000_000).decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: 設定ファイルを読めません（{error}）") from None
    table = data.get("smtp", {})
    if not isinstance(table, dict):
        raise InputError(f"{path}: [smtp] は表（[smtp] の見出しとキー）で書いてください")
    if "password" in table:
        raise InputError(
            "パスワードは設定ファイルに書けません。"
            f"{PREFIX}PASSWORD か、システムのキーリング（keyring）を使ってください",
            field=f"{path}: [smtp].password",
        )
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise InputError(
            f"知らない項目です（使える項目: {', '.join(KEYS)}）",
            field=f"{path}: [smtp].{unknown[0]}",
        )
    return table


def _raw_settings() -> tuple[dict[str, str], dict[str, str]]:
    """(value, where it came from) per key: the environment wins over the config file."""
    path = config_path()
    values: dict[str, str] = {}
    where: dict[str, str] = {}
    for key, value in _config_table(path).items():
        values[key], where[key] = str(value).strip(), f"{path}: [smtp].{key}"
    for key in KEYS:
        value = os.environ.get(PREFIX + key.upper(), "").strip()
        if value:
            values[key], where[key] = value, PREFIX + key.upper()
    return values, where


def configured_from(default: str) -> str:
    """The From address for a dry run: the configured one, else `default` (never raises)."""
    try:
        values, _where = _raw_settings()
    except InputError:
        values = {}
    return values.get("from") or default


def load_settings(default_from: str) -> SmtpSettings:
    """Every setting, validated; InputError names the variable or the file and key."""
    values, where = _raw_settings()
    host = values.get("host", "")
    if not host:
        raise InputError(
            f"送信先の SMTP サーバーが設定されていません。{PREFIX}HOST（または設定ファイル "
            f"{config_path()} の [smtp] host）を指定してください"
        )
    if any(char.isspace() or not char.isprintable() for char in host):
        raise InputError(f"ホスト名として使えません: '{host}'", field=where["host"])
    security = values.get("security", "starttls").lower()
    if security not in SECURITIES:
        raise InputError(
            f"'{security}' は次のいずれかにしてください: {', '.join(SECURITIES)}",
            field=where["security"],
        )
    if security == "none" and host.lower() not in LOCAL_HOSTS:
        raise InputError(
            "暗号化なし（none）で送れるのは、このコンピューターの中のサーバー"
            "（127.0.0.1, localhost）だけです。starttls か ssl を指定してください",
            field=where["security"],
        )
    user = values.get("user", "")
    return SmtpSettings(
        host=host,
        port=_port(values, where, security),
        security=security,
        user=user,
        from_address=values.get("from") or default_from,
        password=_password(user),
        cafile=_cafile(values, where),
    )


def _port(values: dict[str, str], where: dict[str, str], security: str) -> int:
    text = values.get("port", "")
    if not text:
        return DEFAULT_PORTS[security]
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise InputError(f"'{text}' はポート番号ではありません（1〜65535）", field=where["port"])
    return int(text)


def _cafile(values: dict[str, str], where: dict[str, str]) -> Path | None:
    text = values.get("cafile", "")
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_file():
        raise InputError(f"証明書のファイルが見つかりません: {path}", field=where["cafile"])
    return path


def _password(user: str) -> str:
    """NAITEI_SMTP_PASSWORD, else the system keyring; '' when no user is set (no AUTH)."""
    if not user:
        return ""
    password = os.environ.get(PREFIX + "PASSWORD", "")
    if password:
        return password
    password = _keyring_password(user)
    if password:
        return password
    raise InputError(
        f"SMTP のユーザー（{PREFIX}USER）に対するパスワードがありません。{PREFIX}PASSWORD を"
        f"設定するか、キーリングに保存してください（例: keyring set {KEYRING_SERVICE} ユーザー名）"
    )


def _keyring_password(user: str) -> str:
    try:
        keyring: Any = importlib.import_module("keyring")
    except ImportError:
        return ""
    try:
        value = keyring.get_password(KEYRING_SERVICE, user)
    except Exception as error:  # any keyring backend failure means "no password there"
        log.warning("keyring lookup failed: %s", type(error).__name__)
        return ""
    return value if isinstance(value, str) else ""


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The system's trusted CAs (plus NAITEI_SMTP_CAFILE), host names checked."""
    context = ssl.create_default_context()
    if settings.cafile is not None:
        try:
            context.load_verify_locations(cafile=str(settings.cafile))
        except (OSError, ssl.SSLError) as error:
            raise InputError(
                f"証明書として読めません（{error}）", field=f"{PREFIX}CAFILE"
            ) from None
    return context


class SendFailure(ExternalError):
    """One message was not (or not surely) taken. `reply` is the server's answer (code and
    text) or what happened to the connection; `delivered` is False when the server surely did
    not take it, None when nobody can know (the connection broke after the message was sent);
    `permanent`: a 5xx for this message or its recipient — the server itself is fine, so the
    other messages of the batch can go on."""

    def __init__(self, reply: str, *, delivered: bool | None = False, permanent: bool = False):
        self.reply = reply
        self.delivered = delivered
        self.permanent = permanent
        super().__init__(f"SMTP サーバーが受け付けませんでした（{reply}）")


class Mailer:
    """One SMTP connection for a whole batch: `with Mailer(settings) as mailer: mailer.send(...)`."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        self._smtp = _connect(self.settings)
        return self

    def __exit__(self, *exc_info: object) -> None:  # the same on success and on error
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def send(self, sender: str, recipient: str, data: bytes, message_id: str) -> None:
        """Hand one message to the server (MAIL, RCPT, DATA); SendFailure when it is not
        taken, saying whether it surely was not (see SendFailure)."""
        smtp = self._smtp
        if smtp is None:
            raise RuntimeError("Mailer.send outside `with`")
        try:
            smtp.ehlo_or_helo_if_needed()
            self._envelope(smtp, sender, recipient)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            raise SendFailure(f"接続が切れました: {type(error).__name__}") from None
        text: bytes | str
        try:
            code, text = smtp.data(data)  # the server's answer after the message
        except smtplib.SMTPDataError as error:  # DATA itself refused (no 354)
            code, text = error.smtp_code, error.smtp_error
        except (smtplib.SMTPException, OSError) as error:  # gone while the message was sent
            raise SendFailure(
                f"メッセージを渡している途中で接続が切れました: {type(error).__name__}",
                delivered=None,
            ) from None
        if code != 250:
            _reset(smtp)
            raise SendFailure(_reply(code, text), permanent=500 <= code < 600)
        log.info("message %s sent", _id_part(message_id))

    @staticmethod
    def _envelope(smtp: smtplib.SMTP, sender: str, recipient: str) -> None:
        """MAIL FROM and RCPT TO; a refused sender stops the batch, a refused recipient (5xx)
        concerns this message only."""
        code, text = smtp.mail(sender)
        if code != 250:
            _reset(smtp)
            raise SendFailure(_reply(code, text))
        code, text = smtp.rcpt(recipient)
        if code not in (250, 251):
            _reset(smtp)
            raise SendFailure(_reply(code, text), permanent=500 <= code < 600)


def _reset(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):  # the next command reports it
        smtp.rset()


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(message.split())}".strip()


def _id_part(message_id: str) -> str:
    """The hash of a Message-ID, without the domain (logs carry no addresses)."""
    return message_id.strip("<>").split("@", 1)[0]


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """Connect, secure and log in; every failure becomes ExternalError (nothing sent yet)."""
    where = f"{settings.host}:{settings.port}"
    try:
        smtp = _open(settings)
    except ssl.SSLCertVerificationError as error:
        raise ExternalError(
            f"SMTP サーバー {where} の証明書を確認できなかったため、接続をやめました"
            f"（{error.verify_message}）。自己署名の証明書を使うサーバーなら、"
            f"{PREFIX}CAFILE にその証明書のファイルを指定してください。メールは送っていません"
        ) from None
    except ssl.SSLError as error:
        raise ExternalError(
            f"SMTP サーバー {where} と TLS で接続できませんでした（{error.reason}）。"
            f"ポート 587 なら starttls、465 なら ssl が一般的です（{PREFIX}SECURITY）。"
            "メールは送っていません"
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise ExternalError(
            f"SMTP サーバー {where} に接続できませんでした（{_why(error)}）。"
            f"{PREFIX}HOST と {PREFIX}PORT を確かめてください。メールは送っていません"
        ) from None
    try:
        _login(smtp, settings)
    except BaseException:
        smtp.close()
        raise
    log.info("smtp connected (%s, port %d)", settings.security, settings.port)
    return smtp


def _why(error: BaseException) -> str:
    if isinstance(error, socket.gaierror):
        return "ホスト名が見つかりません"
    if isinstance(error, ConnectionRefusedError):
        return "接続を拒否されました"
    if isinstance(error, TimeoutError | socket.timeout):
        return "時間内に応答がありませんでした"
    return type(error).__name__


def _open(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=tls_context(settings)
        )
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise ExternalError(
                    f"SMTP サーバー {settings.host}:{settings.port} が STARTTLS に対応していないため、"
                    "暗号化せずに送ることはしません。ポート 465 なら "
                    f"{PREFIX}SECURITY=ssl を指定してください。メールは送っていません"
                )
            smtp.starttls(context=tls_context(settings))
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    if not settings.user:
        return
    try:
        smtp.login(settings.user, settings.password)
    except smtplib.SMTPAuthenticationError as error:
        raise ExternalError(
            "SMTP サーバーにログインできませんでした（ユーザー名かパスワードが違います: "
            f"{_reply(error.smtp_code, error.smtp_error)}）。メールは送っていません"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise ExternalError(
            "SMTP サーバーが認証（AUTH）に対応していません。ユーザー名を使わずに送るなら "
            f"{PREFIX}USER を空にしてください。メールは送っていません"
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise ExternalError(
            f"SMTP サーバーにログインできませんでした（{type(error).__name__}）。"
            "メールは送っていません"
        ) from None
