"""Reminders that fire (issue 17), as a user runs them: `naitei case ics ID` regenerates the
calendar after events; `naitei case due --notify` mails the morning summary to the user
themselves through their own SMTP settings (a real SMTP server, aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from icalendar import Calendar

from naitei.calendar import JST
from tests.support.cli import cli_env, naitei
from tests.support.smtpd import smtp_server
from tests.support.store_cli import add, log, run


def write_ics(url: str, case_id: str, out: Path, now: str) -> list[Any]:
    run(url, "case", "ics", case_id, "--out", str(out), "--now", now)
    return list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))


def test_case_ics_follows_the_timeline(cli_database_url: str, tmp_path: Path) -> None:
    case_id = add(cli_database_url)
    out = tmp_path / "plan.ics"
    before = write_ics(cli_database_url, case_id, out, "2026-11-25T21:00:00+09:00")
    assert len(before) > 1  # the plan, before anything happened
    call = next(e for e in before if str(e["UID"]).startswith("call-"))
    # The call is tomorrow at 10:00 and this evening's 20:00 has passed: 30 minutes before only.
    assert [a.decoded("TRIGGER") for a in call.walk("VALARM")] == [-dt.timedelta(minutes=30)]
    follow = next(e for e in before if str(e["UID"]).startswith("follow_up-"))
    assert [a.decoded("TRIGGER") for a in follow.walk("VALARM")] == [dt.timedelta(0)]
    log(cli_database_url, case_id, "answered", "--outcome", "come_in", "--visit-at",
        "2026-12-03T14:00", "--at", "2026-11-26T10:20:00+09:00")  # fmt: skip
    (visit,) = write_ics(cli_database_url, case_id, out, "2026-11-26T12:00:00+09:00")
    assert visit.decoded("DTSTART") == dt.datetime(2026, 12, 3, 14, 0, tzinfo=JST)
    assert int(visit["SEQUENCE"]) == 1
    triggers = [alarm.decoded("TRIGGER") for alarm in visit.walk("VALARM")]
    assert dt.datetime(2026, 12, 2, 20, 0, tzinfo=JST) in triggers
    assert -dt.timedelta(minutes=30) in triggers
    missing = run(cli_database_url, "case", "ics", "nosuchcase1", "--out", str(out), code=2)
    assert "nosuchcase1" in missing


def test_the_morning_summary_is_mailed_to_oneself(cli_database_url: str, tmp_path: Path) -> None:
    case_id = add(cli_database_url)
    log(cli_database_url, case_id, "called", "--outcome", "absent", "--callback", "16:30",
        "--at", "2026-11-26T10:05:00+09:00")  # fmt: skip
    with smtp_server() as server:
        env = cli_env(
            cli_database_url,
            NAITEI_SMTP_HOST="127.0.0.1",
            NAITEI_SMTP_PORT=str(server.port),
            NAITEI_SMTP_SECURITY="none",
            NAITEI_SMTP_FROM="me@example.net",
            NAITEI_CONFIG_DIR=str(tmp_path / "config"),
        )
        sent = naitei("case", "due", "--notify", "--now", "2026-11-26T07:30:00+09:00", env=env)
        assert sent.returncode == 0, sent.stderr
        log(cli_database_url, case_id, "answered", "--outcome", "refused", "--at",
            "2026-11-26T16:40:00+09:00")  # fmt: skip
        quiet = naitei("case", "due", "--notify", "--now", "2026-11-27T07:30:00+09:00", env=env)
    assert len(server.received) == 1  # nothing is due once the answer is in: no mail
    assert "送っていません" in quiet.stdout
    received = server.received[0]
    assert received.rcpt_tos == ["me@example.net"]
    body = received.message.get_content()
    assert "11月26日(木) 16:30" in body and "株式会社みなと精機" in body
    assert "今日すること 1 件" in str(received.message["Subject"])


def test_an_unreachable_smtp_server_is_an_external_failure(
    cli_database_url: str, tmp_path: Path
) -> None:
    add(cli_database_url)
    with smtp_server() as server:
        port = server.port  # the server is stopped when the block ends: nothing listens there
    env = cli_env(
        cli_database_url,
        NAITEI_SMTP_HOST="127.0.0.1",
        NAITEI_SMTP_PORT=str(port),
        NAITEI_SMTP_SECURITY="none",
        NAITEI_SMTP_FROM="me@example.net",
        NAITEI_CONFIG_DIR=str(tmp_path / "config"),
    )
    failed = naitei("case", "due", "--notify", "--now", "2026-11-26T07:30:00+09:00", env=env)
    assert failed.returncode == 3, failed.stderr
    assert "Traceback" not in failed.stderr
