"""Organisation mode's configuration: one TOML file plus NAITEI_ORG_* environment variables
(the environment wins, so secrets such as the SMTP password need not sit in the file).

Every key, its type and its default are in FIELDS; a bad value names the key and exits with
code 2 (InputError). PostgreSQL is required: a SQLite URL is refused here, before anything
is created.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from naitei.errors import InputError

ENV_PREFIX = "NAITEI_ORG_"
IMAP_PASSWORD_ENV = "NAITEI_ORG_IMAP_PASSWORD"
IMAP_SECURITIES = ("ssl", "starttls", "none")
IMAP_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
JOIN_MODES = ("invite", "open")
NEEDS_POSTGRES = (
    "database_url: 組織モードには PostgreSQL が必要です（postgresql://… の URL を指定してください）。"
    "SQLite は一人で使うローカルモード（naitei serve）専用です"
)


@dataclass(frozen=True)
class ImapConfig:
    """The service's own mailbox (`[imap]`), read by the worker for companies' replies. The
    password comes from NAITEI_ORG_IMAP_PASSWORD only, never from the file."""

    host: str
    user: str
    security: str = "ssl"
    port: int = 993
    folder: str = "INBOX"
    cafile: Path | None = None
    poll_minutes: int = 5
    password: str = field(default="", repr=False, compare=False)


IMAP_KEYS = ("host", "port", "security", "user", "folder", "cafile", "poll_minutes")


@dataclass(frozen=True)
class OrgConfig:
    """One organisation's deployment. Durations are in seconds unless the name says days."""

    database_url: str
    # The schema owner, for `naitei org init` and migrations only; the app logs in with
    # database_url (a login that owns nothing). Empty: database_url is both (the app then runs
    # as the owner, which the threat model advises against).
    admin_database_url: str = ""
    base_url: str = "http://localhost:8000"
    name: str = "naitei"
    key_dir: Path = Path("keys")
    join: str = "invite"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "naitei@localhost.localdomain"
    session_idle_seconds: int = 1800
    session_absolute_seconds: int = 43200
    link_minutes: int = 15
    reauth_seconds: int = 300
    retention_days: int = 180
    season_end: str = ""  # "2027-03-31": after this day every case of the season is erased
    signin_per_hour: int = 10
    signup_per_hour: int = 20
    log_level: str = "INFO"
    worker_tick_seconds: int = 60
    worker_heartbeat_seconds: int = 10
    worker_stalled_seconds: int = 30
    imap: ImapConfig | None = None  # [imap]: reply polling by the worker (issues 18, 19)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def rp_id(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).hostname or "localhost"

    @property
    def origin(self) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def sqlalchemy_url(self) -> str:
        return _psycopg(self.database_url)

    def admin_sqlalchemy_url(self) -> str:
        return _psycopg(self.admin_database_url or self.database_url)


def _psycopg(url: str) -> str:
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


FIELDS = {f.name: f for f in fields(OrgConfig) if f.name not in ("extra", "imap")}


def load_config(path: Path | None, environ: dict[str, str] | None = None) -> OrgConfig:
    """Read the file (if any), apply NAITEI_ORG_* over it, check every value."""
    values: dict[str, Any] = {}
    imap: dict[str, Any] | None = None
    if path is not None:
        values.update(_read_file(path))
        imap = values.pop("imap", None)
    env = os.environ if environ is None else environ
    for name in FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = raw
    config = _build(values, path)
    if imap is None:
        return config
    from dataclasses import replace

    return replace(config, imap=_imap(imap, path, env.get(IMAP_PASSWORD_ENV, "")))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise InputError(f"設定ファイルを読めません: {path}", field="config") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path} は TOML として読めません（{error}）", field="config") from None
    table = data.get("org", data)
    if not isinstance(table, dict):
        raise InputError(f"{path}: [org] は表にしてください")
    imap = data.get("imap")
    unknown = sorted(set(table) - set(FIELDS) - {"imap"})
    if unknown:
        raise InputError(f"{path}: 知らない設定です: {', '.join(unknown)}")
    values = {k: v for k, v in table.items() if k != "imap"}
    if imap is not None:
        if not isinstance(imap, dict):
            raise InputError(
                "[imap] は表にしてください（host, user, security, port）", field="imap"
            )
        values["imap"] = imap
    return values


def _imap(table: dict[str, Any], path: Path | None, password: str) -> ImapConfig:
    """`[imap]`, every value checked; an error names the key as `imap.<key>`."""
    if "password" in table:
        raise InputError(
            f"パスワードは設定ファイルに書かず、環境変数 {IMAP_PASSWORD_ENV} で渡してください",
            field="imap.password",
        )
    unknown = sorted(set(table) - set(IMAP_KEYS))
    if unknown:
        raise InputError(f"知らない設定です: {', '.join(unknown)}", field="imap")

    def text_of(key: str, default: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise InputError(f"imap.{key}: 文字列で指定してください")
        if any(ch.isspace() or not ch.isprintable() for ch in value.strip()):
            raise InputError(f"imap.{key}: 空白や制御文字は使えません")
        return value.strip()

    host = text_of("host")
    if not host:
        raise InputError(
            "返信を受け取るメールサーバー（IMAP）のホスト名を指定してください", field="imap.host"
        )
    user = text_of("user")
    if not user:
        raise InputError(
            "サービスのメールアカウントのユーザー名を指定してください", field="imap.user"
        )
    security = text_of("security", "ssl").lower()
    if security not in IMAP_SECURITIES:
        raise InputError(
            f"'{security}' は次のいずれかにしてください: ssl, starttls, none", field="imap.security"
        )
    if security == "none" and host.lower() not in LOOPBACK:
        raise InputError(
            "暗号化なし（none）はこのコンピューターの中のサーバーだけです", field="imap.security"
        )
    port = table.get("port", IMAP_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise InputError("1〜65535 の番号にしてください", field="imap.port")
    minutes = table.get("poll_minutes", ImapConfig.poll_minutes)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 59:
        raise InputError("1〜59 の分数にしてください", field="imap.poll_minutes")
    folder = text_of("folder", "INBOX") or "INBOX"
    cafile_text = text_of("cafile")
    cafile = Path(cafile_text) if cafile_text else None
    if cafile is not None and not cafile.is_absolute() and path is not None:
        cafile = path.resolve().parent / cafile
    return ImapConfig(host, user, security, port, folder, cafile, minutes, password)


def _build(values: dict[str, Any], path: Path | None) -> OrgConfig:
    if not values.get("database_url"):
        raise InputError(
            "データベースの URL を設定ファイルか NAITEI_ORG_DATABASE_URL で指定してください",
            field="database_url",
        )
    converted = {name: _convert(name, value) for name, value in values.items()}
    url = str(converted["database_url"])
    if not url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        raise InputError(NEEDS_POSTGRES)
    admin_url = str(converted.get("admin_database_url", ""))
    if admin_url and not admin_url.startswith(
        ("postgresql://", "postgres://", "postgresql+psycopg://")
    ):
        raise InputError("admin_" + NEEDS_POSTGRES)
    if converted.get("join", "invite") not in JOIN_MODES:
        raise InputError(
            "invite（招待のみ）か open（だれでも登録）を指定してください", field="join"
        )
    base = str(converted.get("base_url", OrgConfig.base_url))
    if not base.startswith(("https://", "http://localhost", "http://127.0.0.1")):
        raise InputError(
            "https:// の URL にしてください（http はこのパソコンの中だけ）", field="base_url"
        )
    season = str(converted.get("season_end", ""))
    if season:
        import datetime as dt

        try:
            dt.date.fromisoformat(season)
        except ValueError:
            raise InputError(
                "日付の形にしてください（例: 2027-03-31）", field="season_end"
            ) from None
    sender = str(converted.get("mail_from", OrgConfig.mail_from))
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", sender):
        raise InputError(
            "送信元のメールアドレスの形になっていません（例: naitei@example.ac.jp）",
            field="mail_from",
        )
    key_dir = Path(converted.get("key_dir", OrgConfig.key_dir))
    if not key_dir.is_absolute() and path is not None:
        key_dir = path.resolve().parent / key_dir
    converted["key_dir"] = key_dir
    return OrgConfig(**converted)


def _convert(name: str, value: Any) -> Any:
    kind = FIELDS[name].type
    try:
        if kind == "int":
            number = int(value)
            if number < 0:
                raise ValueError
            return number
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if kind == "Path":
            return Path(str(value))
        if not isinstance(value, str):
            raise ValueError
        return value
    except (TypeError, ValueError):
        raise InputError(
            f"値 {value!r} は使えません（{kind} で指定してください）", field=name
        ) from None
