"""Replies from the user's own mailbox (`naitei replies`, issue 17; opt-in).

Settings: NAITEI_IMAP_HOST, _PORT, _SECURITY (ssl | starttls | none, none only to this
machine), _USER, _FOLDER (INBOX), _CAFILE; the password from NAITEI_IMAP_PASSWORD or the system
keyring (service "naitei-imap"); NAITEI_IMAP_TOKEN, when given, signs in with XOAUTH2 instead.
Certificates are always verified.

What is read: only messages that answer a Message-ID naitei recorded for a case (In-Reply-To or
References) or that come from the company's or the agent's address, since the case was added;
of those, a few header fields and the first text part, at most TEXT_LIMIT bytes, never an
attachment. Nothing is stored until the user confirms an outcome; nothing of the mailbox is
logged. A hostile message (huge, deeply nested, wrongly encoded, HTML only, a forged
In-Reply-To) is read as text within those limits and never rendered or executed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import email.utils
import html
import importlib
import os
import quopri
import re
import ssl
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.parser import HeaderParser
from email.policy import compat32
from functools import cache
from pathlib import Path
from typing import Any

from naitei.calendar import JST
from naitei.errors import ExternalError, InputError
from naitei.knowledge import load_records
from naitei.shape import Shaped, meta
from naitei.vocabulary import AnswerOutcome

PREFIX = "NAITEI_IMAP_"
SECURITIES = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
KEYRING_SERVICE = "naitei-imap"
TIMEOUT_SECONDS = 30.0
HEADER_LIMIT = 16_384  # bytes of the header fields read
TEXT_LIMIT = 65_536  # bytes of the text part read
SHOWN_TEXT = 1_000  # characters of it shown to the user
MAX_MESSAGES = 200  # the newest messages considered in one run
MAX_DEPTH = 8  # MIME nesting followed
MAX_PARTS = 64  # MIME parts looked at
FIELDS = b"FROM SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES"


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: str
    user: str
    folder: str = "INBOX"
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    cafile: Path | None = None
    timeout: float = TIMEOUT_SECONDS


@dataclass(frozen=True)
class Watch:
    """What answers one case: the Message-IDs naitei recorded, the addresses it writes to."""

    case_id: str
    company: str
    message_ids: tuple[str, ...]
    addresses: tuple[str, ...]
    since: dt.date
    seen: frozenset[str] = frozenset()  # Message-IDs of replies already logged


@dataclass(frozen=True)
class Reply(Shaped):
    uid: int = field(metadata=meta(hidden=True))
    case_id: str | None  # None when the message points at two cases (forged or mixed up)
    candidates: tuple[str, ...]
    sender: str = field(metadata=meta(key="from"))
    sender_address: str = field(metadata=meta(hidden=True))
    subject: str
    date: dt.datetime | None
    message_id: str
    text: str
    matched_by: str  # "thread", "address" or "thread+address"
    warning: str
    suggested: str | None = field(metadata=meta(key="suggested_outcome"))


class LoginRefused(ExternalError):
    """The server refused the sign-in (a wrong password or user), as opposed to a network
    failure; still an ExternalError (exit 3) for the CLI."""


def load_settings() -> ImapSettings:
    """The settings from the environment; InputError names the variable."""
    env = os.environ
    host = env.get(f"{PREFIX}HOST", "").strip()
    if not host:
        raise InputError("受信するメールサーバー（IMAP）を指定してください", field=f"{PREFIX}HOST")
    if any(ch.isspace() or not ch.isprintable() for ch in host):
        raise InputError("ホスト名として使えません", field=f"{PREFIX}HOST")
    security = env.get(f"{PREFIX}SECURITY", "ssl").strip().lower()
    if security not in SECURITIES:
        raise InputError(
            f"'{security}' は次のいずれかにしてください: ssl, starttls, none",
            field=f"{PREFIX}SECURITY",
        )
    if security == "none" and host.lower() not in LOCAL_HOSTS:
        raise InputError(
            "暗号化なし（none）はこのコンピューターの中のサーバーだけです",
            field=f"{PREFIX}SECURITY",
        )
    user = env.get(f"{PREFIX}USER", "").strip()
    if not user:
        raise InputError("メールアカウントのユーザー名を指定してください", field=f"{PREFIX}USER")
    text_port = env.get(f"{PREFIX}PORT", "").strip()
    if text_port and not (text_port.isdigit() and 0 < int(text_port) < 65536):
        raise InputError("1〜65535 の番号にしてください", field=f"{PREFIX}PORT")
    folder = env.get(f"{PREFIX}FOLDER", "INBOX").strip() or "INBOX"
    cafile = env.get(f"{PREFIX}CAFILE", "").strip()
    token = env.get(f"{PREFIX}TOKEN", "")
    return ImapSettings(
        host=host,
        port=int(text_port) if text_port else DEFAULT_PORTS[security],
        security=security,
        user=user,
        folder=folder,
        password="" if token else _password(user),
        token=token,
        cafile=Path(cafile) if cafile else None,
    )


def _password(user: str) -> str:
    password = os.environ.get(f"{PREFIX}PASSWORD", "")
    if password:
        return password
    try:
        keyring: Any = importlib.import_module("keyring")
        stored = keyring.get_password(KEYRING_SERVICE, user)
    except Exception:
        stored = None
    if not stored:
        raise InputError(
            f"パスワードを指定するか、キーリングに保存してください"
            f"（keyring set {KEYRING_SERVICE} {user}）",
            field=f"{PREFIX}PASSWORD",
        )
    return str(stored)


def _context(settings: ImapSettings) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def connect(settings: ImapSettings) -> Any:
    """A signed-in IMAPClient with the folder selected read-only; ExternalError (exit 3) with a
    Japanese reason when the server cannot be reached or refuses the sign-in."""
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError, LoginError

    try:
        client = IMAPClient(
            settings.host,
            port=settings.port,
            ssl=settings.security == "ssl",
            ssl_context=_context(settings) if settings.security != "none" else None,
            timeout=settings.timeout,
        )
        if settings.security == "starttls":
            client.starttls(_context(settings))
    except (TimeoutError, OSError, IMAPClientError) as error:
        raise ExternalError(
            f"IMAP: メールサーバーに接続できませんでした（{type(error).__name__}）"
        ) from None
    try:
        if settings.token:
            client.oauth2_login(settings.user, settings.token)
        else:
            client.login(settings.user, settings.password)
        client.select_folder(settings.folder, readonly=True)
    except LoginError:
        _close(client)
        raise LoginRefused(
            "IMAP: ログインできませんでした。ユーザー名とパスワードを確かめてください"
        ) from None
    except (OSError, IMAPClientError) as error:
        _close(client)
        raise ExternalError(
            f"IMAP: メールサーバーとのやり取りに失敗しました（{type(error).__name__}）"
        ) from None
    return client


def _close(client: Any) -> None:
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


def find_replies(settings: ImapSettings, watches: Iterable[Watch]) -> list[Reply]:
    """The replies to `watches` in the user's mailbox, newest last."""
    from imapclient.exceptions import IMAPClientError

    watches = list(watches)
    client = connect(settings)
    try:
        found = _search(client, watches)
        uids = sorted(found)[-MAX_MESSAGES:]
        return [r for r in (_reply(client, uid, found[uid], watches) for uid in uids) if r]
    except (TimeoutError, OSError, IMAPClientError) as error:
        raise ExternalError(
            f"IMAP: 読み込みの途中で接続が切れました（{type(error).__name__}）。何も記録していません"
        ) from None
    finally:
        _close(client)


def _search(client: Any, watches: list[Watch]) -> dict[int, dict[str, set[str]]]:
    """uid -> case id -> how it matched ("thread", "address")."""
    found: dict[int, dict[str, set[str]]] = {}
    for watch in watches:
        since = watch.since - dt.timedelta(days=1)
        for message_id in watch.message_ids:
            for header in ("In-Reply-To", "References"):
                for uid in client.search(["HEADER", header, message_id]):
                    found.setdefault(uid, {}).setdefault(watch.case_id, set()).add("thread")
        for address in watch.addresses:
            for uid in client.search(["FROM", address, "SINCE", since]):
                found.setdefault(uid, {}).setdefault(watch.case_id, set()).add("address")
    return found


def _reply(client: Any, uid: int, cases: dict[str, set[str]], watches: list[Watch]) -> Reply | None:
    header_key = b"BODY[HEADER.FIELDS (" + FIELDS + b")]<0>"
    data = client.fetch(
        [uid],
        [
            b"BODY.PEEK[HEADER.FIELDS (" + FIELDS + b")]<0." + str(HEADER_LIMIT).encode() + b">",
            b"BODYSTRUCTURE",
        ],
    )
    item = data.get(uid)
    if not item:
        return None
    raw = item.get(header_key) or next(
        (v for k, v in item.items() if k.startswith(b"BODY[HEADER")), b""
    )
    # Raw 8-bit header bytes (not RFC 2047) are read as UTF-8, with a replacement character
    # for what is not.
    headers = HeaderParser(policy=compat32).parsestr((raw or b"").decode("utf-8", "replace"))
    message_id = _header(headers, "Message-ID")[:255]
    by_case = {w.case_id: w for w in watches}
    if any(message_id and message_id in by_case[c].seen for c in cases):
        return None  # already logged
    text = _text(client, uid, item.get(b"BODYSTRUCTURE"))
    _name, sender_address = email.utils.parseaddr(_header(headers, "From"))
    return _judged(
        uid,
        cases,
        by_case,
        sender=_header(headers, "From")[:200],
        sender_address=sender_address.lower(),
        subject=_header(headers, "Subject")[:200],
        date=_date(_header(headers, "Date")),
        message_id=message_id,
        text=text,
    )


def _judged(
    uid: int, cases: dict[str, set[str]], watches: dict[str, Watch], **fields: Any
) -> Reply:
    """Which case a reply belongs to. A thread match to one case and an address of another (a
    forged or mistaken In-Reply-To) is not decided: the user chooses."""
    threads = sorted(c for c, how in cases.items() if "thread" in how)
    addresses = sorted(c for c, how in cases.items() if "address" in how)
    sender = fields["sender_address"]
    warning, case_id = "", None
    if threads and addresses and set(threads) != set(addresses):
        warning = "返信先のメールと差出人のアドレスが別のケースを指しています。どのケースか確かめてください。"
    elif len(cases) > 1:
        warning = "複数のケースに当てはまります。どのケースか確かめてください。"
    else:
        case_id = next(iter(cases))
        if threads and sender not in watches[case_id].addresses:
            warning = "差出人が、登録してある先方のアドレスと違います。"
    how = "+".join(kind for kind in ("thread", "address") if any(kind in h for h in cases.values()))
    return Reply(
        uid=uid,
        case_id=case_id,
        candidates=tuple(sorted(cases)),
        matched_by=how,
        warning=warning,
        suggested=suggest(fields["text"] + fields["subject"]),
        **fields,
    )


def _header(headers: Any, name: str) -> str:
    value = headers.get(name)
    if value is None:
        return ""
    try:
        text = str(make_header(decode_header(str(value))))
    except (UnicodeError, LookupError, ValueError, binascii.Error):
        text = str(value)
    return clean(text.replace("\r", " ").replace("\n", " "))


def _date(text: str) -> dt.datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return moment.astimezone(JST) if moment.tzinfo else moment.replace(tzinfo=JST)


def _text(client: Any, uid: int, structure: Any) -> str:
    """The first text/plain part (else text/html, as plain text), at most TEXT_LIMIT bytes."""
    if structure is None:
        return ""
    found = _text_part(structure)
    if found is None:
        return ""
    path, subtype, charset, encoding = found
    key = f"BODY[{path}]<0>".encode()
    data = client.fetch([uid], [f"BODY.PEEK[{path}]<0.{TEXT_LIMIT}>".encode()]).get(uid, {})
    raw = data.get(key) or next((v for k, v in data.items() if k.startswith(b"BODY[")), b"") or b""
    text = _decode(raw, encoding, charset)
    if subtype == "html":
        text = _html_text(text)
    return clean(text)[:SHOWN_TEXT]


def _text_part(structure: Any) -> tuple[str, str, str, str] | None:
    """(part path, plain|html, charset, transfer encoding) of the best text part."""
    candidates: list[tuple[str, str, str, str]] = []
    stack: list[tuple[Any, str, int]] = [(structure, "", 0)]
    seen = 0
    while stack and seen < MAX_PARTS:
        node, path, depth = stack.pop()
        seen += 1
        if getattr(node, "is_multipart", False):
            if depth >= MAX_DEPTH or not isinstance(node[0], list):
                continue
            children = node[0][:MAX_PARTS]
            for index in range(len(children), 0, -1):
                stack.append(
                    (children[index - 1], f"{path}.{index}" if path else str(index), depth + 1)
                )
            continue
        try:
            kind, subtype = _lower(node[0]), _lower(node[1])
        except (IndexError, TypeError):
            continue
        if kind == "text" and subtype in ("plain", "html"):
            candidates.append(
                (path or "1", subtype, _charset(node), _lower(node[5]) if len(node) > 5 else "")
            )
    plain = [c for c in candidates if c[1] == "plain"]
    chosen = plain or candidates
    return chosen[0] if chosen else None


def _lower(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace").lower()
    return str(value or "").lower()


def _charset(node: Any) -> str:
    params = node[2] if len(node) > 2 else None
    if not isinstance(params, (tuple, list)):
        return "utf-8"
    pairs = list(params)
    for key, value in zip(pairs[::2], pairs[1::2], strict=False):
        if _lower(key) == "charset":
            return _lower(value)
    return "utf-8"


def _decode(raw: bytes, encoding: str, charset: str) -> str:
    try:
        if encoding == "base64":
            body = base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", raw) + b"==", validate=False)
        elif encoding == "quoted-printable":
            body = quopri.decodestring(raw)
        else:
            body = raw
    except (binascii.Error, ValueError):
        body = raw
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # an unknown charset: read as UTF-8
        return body.decode("utf-8", errors="replace")


def _html_text(text: str) -> str:
    """HTML as plain text: tags dropped, entities resolved; nothing rendered or run."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>", "\n", text)
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def clean(text: str) -> str:
    """Control characters (terminal escapes, bidi overrides) removed; lines kept."""
    kept = (ch for ch in text if ch in "\n\t" or (ch.isprintable() and not _bidi(ch)))
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip()


def _bidi(char: str) -> bool:
    return "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"


@dataclass(frozen=True)
class _Outcome:
    id: AnswerOutcome  # the answer the words suggest
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Outcomes:
    """replies.toml: the words that suggest each answer, the first outcome found first."""

    outcome: tuple[_Outcome, ...]


@cache
def _outcome_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    table: _Outcomes = load_records("replies", _Outcomes, allow_empty=False)
    return tuple((entry.id, entry.words) for entry in table.outcome)


def suggest(text: str) -> str | None:
    """The outcome the reply's words suggest (data/replies.toml), or None."""
    return next((oid for oid, words in _outcome_words() if any(w in text for w in words)), None)
