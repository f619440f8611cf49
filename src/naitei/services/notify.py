"""The morning summary (`naitei case due --notify`, issue 17): what is due today, mailed to the
user themselves through their own SMTP settings (the same as `naitei decline --send`), for a
cron job or a systemd timer. The mail goes to NAITEI_NOTIFY_TO, else to the SMTP From address;
nothing else is sent anywhere. Nothing due within a week: no mail."""

from __future__ import annotations

import datetime as dt
import os

from naitei.errors import InputError
from naitei.export.eml import build_message, to_bytes
from naitei.mail.sending import Mailer, load_settings
from naitei.services.reminders import morning_summary
from naitei.store.views import CaseSummary

NOTIFY_TO = "NAITEI_NOTIFY_TO"


def notify_due(cases: list[CaseSummary], now: dt.datetime) -> str:
    """Send the summary (or nothing); what to tell the user at the terminal."""
    summary = morning_summary(cases, now)
    if summary is None:
        return "この先一週間に予定はありません。メールは送っていません。"
    settings = load_settings(default_from="")
    to_address = os.environ.get(NOTIFY_TO, "").strip() or settings.from_address
    if not to_address:
        raise InputError("通知の宛先（または NAITEI_SMTP_FROM）を指定してください", field=NOTIFY_TO)
    subject, body = summary
    message = build_message(
        subject=subject,
        body=body,
        to_address=to_address,
        from_address=settings.from_address or to_address,
        date=now,
        seed=f"naitei case due {now.date().isoformat()}",
    )
    with Mailer(settings) as mailer:
        mailer.send(
            settings.from_address or to_address,
            to_address,
            to_bytes(message),
            message["Message-ID"],
        )
    return f"今日の予定を {to_address} に送りました。"
