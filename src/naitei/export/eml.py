"""The one place that builds mail (STYLE §5): RFC 5322 messages, UTF-8, MIME.

Every header value goes through `guard_header`, which rejects anything `str.splitlines()`
would split (CR, LF, U+2028 …) or that holds NUL, so no value can smuggle in a header.

Japanese header text is encoded with `email.header.Header` (RFC 2047 encoded-words that
carry their own spaces). The newer folding of `email.policy` splits a long Japanese subject at
an ASCII space *between* two encoded-words, where RFC 2047 says readers must drop it: a
subject such as 「…（東西大学 山田 太郎）」 would arrive as 「…（東西大学山田 太郎）」.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

from naitei.errors import InputError

_HEADER_NAMES = {"To": "宛先", "From": "差出人", "Subject": "件名"}
# A plain address: an ASCII dot-atom, then a host name. The same string goes into the header
# and the SMTP envelope, so nothing the header parser would read differently may pass.
_PLAIN_ADDRESS = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def guard_header(name: str, value: str) -> str:
    """Return `value` if it is safe as (part of) one header line, else raise InputError."""
    label = _HEADER_NAMES.get(name, name)
    if "\x00" in value or (value and value.splitlines() != [value]):
        raise InputError(
            f"{label}の値に改行や制御文字があるため、メールのヘッダーに使えません", field=name
        )
    if not _encodable(value):
        raise InputError(
            f"{label}の値に文字として読めないものがあるため、メールのヘッダーに使えません",
            field=name,
        )
    return value


def _encodable(value: str) -> bool:
    """False for lone surrogates (possible from JSON, never from a UTF-8 file)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _address(header: str, name: str, address: str) -> Header | str:
    guard_header(header, name)
    guard_header(header, address)
    if address.count("@") != 1:
        raise InputError(f"メールアドレスの形ではありません: '{address}'", field=header)
    if not _PLAIN_ADDRESS.match(address):
        raise InputError(
            "メールアドレスとして使えません（半角の英数字と記号で、"
            f"name@example.co.jp の形にしてください）: '{address}'",
            field=header,
        )
    local, domain = address.split("@")
    try:
        Address(username=local, domain=domain)  # syntax check only
    except (ValueError, IndexError) as error:
        raise InputError(f"メールアドレスとして使えません: '{address}'", field=header) from error
    if not name.strip():
        return address
    if name.isascii():
        return formataddr((name, address))
    return f"{_display_name(name)} <{address}>"


def _display_name(name: str) -> str:
    """A Japanese display name as few encoded-words as the line length allows, cut only after
    one of the name's own spaces (kept inside the encoded-word, so RFC 2047 readers, which drop
    the whitespace between encoded-words, show the name exactly). Never inside a word: an
    address parser that keeps that whitespace (Python's `email.policy.default` among them)
    showed 「採用ご担当者様」 cut by line folding as 「採用ご担 当者様」. A single word too long for
    one 75-character encoded-word stays whole (mail readers decode it; the line stays far
    under RFC 5322's 998)."""
    pieces = re.findall(r"[^ \u3000]+[ \u3000]*", name.strip())
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(_word(chunks[-1] + piece)) <= _EW_LIMIT:
            chunks[-1] += piece
        else:
            chunks.append(piece)
    return " ".join(_word(chunk) for chunk in chunks)


_EW_LIMIT = 75  # RFC 2047: an encoded-word is at most 75 characters


def _word(text: str) -> str:
    """`text` as one encoded-word (ASCII text as it is)."""
    if text.isascii():
        return text
    return Header(text, "utf-8", maxlinelen=998).encode(maxlinelen=998)


def _encoded(header: str, text: str) -> Header:
    return Header(text, "utf-8", maxlinelen=76, header_name=header)


def message_id(seed: str, from_address: str | None) -> str:
    """A Message-ID derived from `seed` (stable for the same message, unique across messages)."""
    domain = (
        from_address.split("@", 1)[1] if from_address and "@" in from_address else "naitei.invalid"
    )
    return f"<{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@{guard_header('Message-ID', domain)}>"


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message: its name as the reader sees it, MIME subtype, bytes."""

    filename: str  # 委任状.pdf
    subtype: str  # pdf
    data: bytes


def build_message(
    *,
    subject: str,
    body: str,
    to_address: str,
    to_name: str = "",
    from_address: str | None = None,
    from_name: str = "",
    date: dt.datetime,
    seed: str = "",
    message_id_value: str | None = None,
    draft: bool = False,
    attachments: Sequence[Attachment] = (),
) -> Message:
    """A text/plain UTF-8 message (multipart/mixed with `attachments`: 委任状.pdf). `seed` makes the Message-ID reproducible;
    `message_id_value` (made by `message_id`) sets it outright.

    A `draft` (what goes into an .eml file for the user's mail app) carries `X-Unsent: 1` and
    no `Date:`, so Outlook, Apple Mail and Thunderbird open it as a message to send, not as one
    received; the mail app stamps the date when the user sends it. `date` still seeds the
    Message-ID."""
    if "\x00" in body or not _encodable(body):
        raise InputError("本文: NUL 文字や、文字として読めない値は使えません")
    subject = guard_header("Subject", subject).strip()
    text = MIMEText(body.replace("\r\n", "\n"), "plain", "utf-8")  # base64 body
    message: Message = _with_attachments(text, attachments) if attachments else text
    _set(message, "To", _address("To", to_name, to_address))
    if from_address:
        _set(message, "From", _address("From", from_name, from_address))
    _set(message, "Subject", subject if subject.isascii() else _encoded("Subject", subject))
    if draft:
        message["X-Unsent"] = "1"
    else:
        message["Date"] = format_datetime(date)
    if message_id_value is None:
        message_id_value = message_id(seed or f"{to_address}\x1f{subject}\x1f{date}", from_address)
    message["Message-ID"] = guard_header("Message-ID", message_id_value)
    return message


def _with_attachments(text: MIMEText, attachments: Sequence[Attachment]) -> Message:
    """multipart/mixed: the text, then each file (its name RFC 2231-encoded)."""
    message = MIMEMultipart("mixed")
    message.attach(text)
    for item in attachments:
        guard_header("Content-Disposition", item.filename)
        part = MIMEApplication(item.data, item.subtype)
        filename = item.filename if item.filename.isascii() else ("utf-8", "", item.filename)
        part.add_header("Content-Disposition", "attachment", filename=filename)
        message.attach(part)
    return message


def _set(message: Message, name: str, value: Header | str) -> None:
    message[name] = value  # type: ignore[assignment]  # compat32 messages take Header values


_WIRE = policy.compat32.clone(linesep="\r\n")


def to_bytes(message: Message) -> bytes:
    """The message as it goes on the wire or into a .eml file (CRLF line ends)."""
    return message.as_bytes(policy=_WIRE)
