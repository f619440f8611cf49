"""Who the decline service is: its name, the staff member who sends or calls, how to reach it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from naitei.errors import InputError

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_PHONE = re.compile(r"^[0-9０-９][0-9０-９\-－ ]{7,16}$")


def _line(field: str, value: str, *, required: bool = True, limit: int = 60) -> str:
    value = value.strip()
    if required and not value:
        raise InputError("空にはできません", field=field)
    if value.splitlines() != [value] and value:
        raise InputError("一行で書いてください", field=field)
    if len(value) > limit:
        raise InputError(f"{limit} 文字までにしてください", field=field)
    if any(ord(ch) < 0x20 for ch in value):
        raise InputError("制御文字は使えません", field=field)
    return value


@dataclass(frozen=True)
class Service:
    """The service as it names itself in every message (exactly as given)."""

    name: str  # 辞退連絡サービス株式会社 / 東西大学キャリアセンター
    staff: str  # 佐藤 花子: the person who sends or calls
    email: str = ""  # the service's mailbox (From of the emails, and where replies go)
    phone: str = ""

    @classmethod
    def of(cls, name: str, staff: str, email: str = "", phone: str = "") -> Service:
        """A service from user input, or InputError naming the option."""
        email = _line("service_email", email, required=False)
        if email and not _EMAIL.match(email):
            raise InputError(f"メールアドレスの形ではありません: '{email}'", field="service_email")
        phone = _line("service_phone", phone, required=False)
        if phone and not _PHONE.match(phone):
            raise InputError(f"電話番号の形ではありません: '{phone}'", field="service_phone")
        return cls(_line("service_name", name), _line("staff", staff), email, phone)

    @property
    def family_name(self) -> str:
        """佐藤 (from 佐藤 花子): how the staff member names themselves on the phone."""
        return re.split(r"[ \u3000]", self.staff, maxsplit=1)[0]

    def signature(self) -> list[str]:
        lines = [self.name, self.staff]
        if self.phone:
            lines.append(f"電話：{self.phone}")
        if self.email:
            lines.append(f"メール：{self.email}")
        return lines
