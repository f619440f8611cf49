"""The one place that builds mail (STYLE §5): RFC 5322 messages, UTF-8, MIME.

Every header value goes through `guard_header`, which rejects anything `str.splitlines()`
would split (CR, LF, U+2028 …) or that holds NUL, so no value can smuggle in a header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from naitei.errors import InputError

_HEADER_NAMES = {"To": "宛先", "From": "差出人", "Subject": "件名"}


def guard_header(name: str, value: str) -> str:
    """Return `value` if it is safe as (part of) one header line, else raise InputError."""
    if "\x00" in value or (value and value.splitlines() != [value]):
        label = _HEADER_NAMES.get(name, name)
        raise InputError(f"{name}（{label}）: 改行や制御文字を含む値はメールのヘッダーに使えません")
    return value


def _address(header: str, name: str, address: str) -> Address:
    guard_header(header, name)
    guard_header(header, address)
    if address.count("@") != 1:
        raise InputError(f"{header}: メールアドレスの形ではありません: '{address}'")
    local, domain = address.split("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as error:
        raise InputError(f"{header}: メールアドレスとして使えません: '{address}'") from error


def message_id(seed: str, from_address: str | None) -> str:
    """A Message-ID derived from `seed` (stable for the same message, unique across messages)."""
    domain = (
        from_address.split("@", 1)[1] if from_address and "@" in from_address else "naitei.invalid"
    )
    return f"<{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@{guard_header('Message-ID', domain)}>"


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
) -> EmailMessage:
    """A text/plain UTF-8 message. `seed` makes the Message-ID reproducible."""
    if "\x00" in body:
        raise InputError("本文: NUL 文字は使えません")
    message = EmailMessage(policy=policy.SMTP)
    message["To"] = _address("To", to_name, to_address)
    if from_address:
        message["From"] = _address("From", from_name, from_address)
    message["Subject"] = guard_header("Subject", subject).strip()
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id(seed or f"{to_address}\x1f{subject}\x1f{date}", from_address)
    message.set_content(body, subtype="plain", charset="utf-8", cte="base64")
    return message


def to_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=policy.SMTP)
