"""Sending a batch of declines to a real SMTP server (aiosmtpd on 127.0.0.1, started here).

The command runs in this process (typer's CliRunner) against the real server: plain, STARTTLS
and implicit TLS with a certificate made by the test, AUTH, and a server that fails half-way.
"""

from __future__ import annotations

import json
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from naitei.cli.app import app
from naitei.export.decline import decline_message_id
from tests.support.decline_env import (
    FIVE,
    NOW_TEXT,
    RECIPIENTS,
    SENDER,
    five,
    private_env,
)
from tests.support.smtpd import Certificate, Server, make_certificate, smtp_server

runner = CliRunner()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def run(out: Path, env: dict[str, str], *extra: str) -> Result:
    args = ["decline", str(FIVE), "--out", str(out), "--now", NOW_TEXT, "--send", "--yes", *extra]
    return runner.invoke(app, args, env=env)


def decoded(data: bytes, header: str) -> str:
    """A header as RFC 2047 reads it. (email.policy.default keeps the folding space between two
    encoded-words of a display name, which RFC 2047 §6.2 says to drop; mail readers drop it.)"""
    raw = BytesParser(policy=policy.compat32).parsebytes(data)[header]
    return str(make_header(decode_header(raw)))


def sent_indexes(out: Path) -> list[int]:
    data = json.loads((out / "sent.json").read_text(encoding="utf-8"))
    return [item["index"] for item in data["sent"]]


def test_five_companies_are_sent_and_arrive_intact(tmp_path: Path) -> None:
    case, kit = five()
    with smtp_server() as server:
        result = run(tmp_path / "out", private_env(tmp_path, server.port))
    assert result.exit_code == 0, result.output
    assert len(server.received) == 5
    for company, received in zip(kit.companies, server.received, strict=True):
        message = received.message
        assert received.mail_from == SENDER
        assert received.rcpt_tos == [company.email.to_address]
        assert [a.addr_spec for a in message["To"].addresses] == [company.email.to_address]
        # the header names the organisation and the person; the 宛先 line adds the department
        assert (
            decoded(received.data, "To") == f"{company.email.to_name} <{company.email.to_address}>"
        )
        assert company.email.to_name and company.email.to_name.endswith("様")
        assert decoded(received.data, "From") == f"佐々木 陽菜 <{SENDER}>"
        assert message["Subject"] == company.email.subject
        assert message["Message-ID"] == decline_message_id(case, company)
        assert message.get_content() == company.email.text
    assert [r.rcpt_tos[0] for r in server.received] == RECIPIENTS
    assert "送信しました（5件）" in result.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [row["status_label"] for row in summary["companies"]] == ["送信済み"] * 5
    assert "| 送信済み |" in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")


def test_a_rerun_sends_nothing_today_or_tomorrow(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with smtp_server() as server:
        env = private_env(tmp_path, server.port)
        assert run(out, env).exit_code == 0
        again = run(out, env)
        tomorrow = runner.invoke(
            app,
            [
                "decline",
                str(FIVE),
                "--out",
                str(out),
                "--send",
                "--yes",
                "--now",
                "2026-11-26T21:00:00+09:00",
            ],
            env=env,
        )
    assert again.exit_code == 0 and tomorrow.exit_code == 0, again.output + tomorrow.output
    assert len(server.received) == 5
    assert "送るメールはありません" in again.stdout
    assert sent_indexes(out) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "reply", ["451 4.3.0 Temporary failure, try again later", "421 4.3.2 Service shutting down"]
)
def test_a_failure_on_the_third_leaves_two_and_the_rerun_sends_three(
    tmp_path: Path, reply: str
) -> None:
    """A server in trouble (4xx) stops the batch: it is not hammered; a rerun sends the rest."""
    out = tmp_path / "out"
    with smtp_server(fail_on=3, fail_reply=reply) as failing:
        first = run(out, private_env(tmp_path, failing.port))
    assert first.exit_code == 3, first.output
    assert [r.rcpt_tos[0] for r in failing.received] == RECIPIENTS[:2]
    assert sent_indexes(out) == [1, 2]
    assert (
        f"3社目（株式会社青葉システム）への送信に失敗したため、止めました（SMTP サーバーの応答: {reply}）"
        in first.stderr
    )
    assert "送信済み: 1. 株式会社さくら出版、2. みなと物産株式会社" in first.stderr
    assert (
        "未送信: 3. 株式会社青葉システム、4. 北辰工業株式会社、5. 株式会社かもめ食品"
        in first.stderr
    )
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["status"] for row in summary["companies"]] == [
        "sent",
        "sent",
        "unsent",
        "unsent",
        "unsent",
    ]
    with smtp_server() as server:
        second = run(out, private_env(tmp_path, server.port))
    assert second.exit_code == 0, second.output
    assert [r.rcpt_tos[0] for r in server.received] == RECIPIENTS[2:]
    assert sent_indexes(out) == [1, 2, 3, 4, 5]


def test_json_output_lists_what_was_and_was_not_sent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with smtp_server(fail_on=2) as failing:
        result = run(out, private_env(tmp_path, failing.port), "--format", "json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert [item["index"] for item in data["sent"]] == [1]
    assert [item["index"] for item in data["not_sent"]] == [2, 3, 4, 5]
    assert data["failure"].startswith("451")


def test_company_selects_what_is_sent(tmp_path: Path) -> None:
    with smtp_server() as server:
        result = run(
            tmp_path / "out", private_env(tmp_path, server.port), "--company", "3", "--company", "1"
        )
    assert result.exit_code == 0, result.output
    assert [r.rcpt_tos[0] for r in server.received] == [RECIPIENTS[0], RECIPIENTS[2]]


def tls_env(
    tmp_path: Path, server: Server, certificate: Certificate | None, **smtp: str
) -> dict[str, str]:
    env = private_env(tmp_path, server.port, **smtp)
    if certificate is not None:
        env["NAITEI_SMTP_CAFILE"] = str(certificate.ca)
    return env


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_starttls_with_a_certificate_trusted_through_cafile(
    tmp_path: Path, certificate: Certificate, host: str
) -> None:
    with smtp_server(tls=certificate) as server:
        env = tls_env(tmp_path, server, certificate, security="starttls", host=host)
        result = run(tmp_path / "out", env)
    assert result.exit_code == 0, result.output
    assert len(server.received) == 5


def test_an_untrusted_certificate_is_refused(tmp_path: Path, certificate: Certificate) -> None:
    with smtp_server(tls=certificate) as server:
        result = run(tmp_path / "out", tls_env(tmp_path, server, None, security="starttls"))
    assert result.exit_code == 3
    assert "証明書を確認できなかったため、接続をやめました" in result.stderr
    assert "メールは送っていません" in result.stderr
    assert server.received == []
    assert not (tmp_path / "out" / "sent.json").exists()


def test_a_server_without_starttls_is_not_used_in_the_clear(tmp_path: Path) -> None:
    with smtp_server() as server:  # offers no STARTTLS
        result = run(tmp_path / "out", private_env(tmp_path, server.port, security="starttls"))
    assert result.exit_code == 3
    assert "STARTTLS に対応していない" in result.stderr
    assert server.received == []


def test_implicit_tls(tmp_path: Path, certificate: Certificate) -> None:
    with smtp_server(tls=certificate, implicit=True) as server:
        result = run(tmp_path / "out", tls_env(tmp_path, server, certificate, security="ssl"))
    assert result.exit_code == 0, result.output
    assert len(server.received) == 5


def test_implicit_tls_refuses_an_untrusted_certificate(
    tmp_path: Path, certificate: Certificate
) -> None:
    with smtp_server(tls=certificate, implicit=True) as server:
        result = run(tmp_path / "out", tls_env(tmp_path, server, None, security="ssl"))
    assert result.exit_code == 3 and "証明書を確認できなかった" in result.stderr
    assert server.received == []


@pytest.mark.parametrize(
    ("password", "exit_code", "sent"),
    [("correct horse", 0, 5), ("Zq9-not-the-password", 3, 0)],
    ids=["right-password-sends", "wrong-password-sends-nothing"],
)
def test_auth_with_user_and_password_over_tls(
    tmp_path: Path, certificate: Certificate, password: str, exit_code: int, sent: int
) -> None:
    with smtp_server(tls=certificate, auth=("haruna", "correct horse")) as server:
        env = tls_env(
            tmp_path, server, certificate, security="starttls", user="haruna", password=password
        )
        result = run(tmp_path / "out", env)
    assert result.exit_code == exit_code, result.output
    assert len(server.received) == sent
    assert exit_code == 0 or "ログインできませんでした" in result.stderr
    assert "Zq9-not-the-password" not in result.output  # a password is never printed


def test_a_server_that_is_not_there(tmp_path: Path) -> None:
    from tests.support.net import free_port

    result = run(tmp_path / "out", private_env(tmp_path, free_port()))
    assert result.exit_code == 3
    assert "に接続できませんでした（接続を拒否されました）" in result.stderr
    assert (tmp_path / "out" / "summary.md").exists()  # the kit is written; nothing was sent
    assert not (tmp_path / "out" / "sent.json").exists()


def test_a_hostile_from_address_reaches_no_header(tmp_path: Path) -> None:
    with smtp_server() as server:
        env = private_env(
            tmp_path, server.port, **{"from": "me@example.com\r\nBcc: evil@example.net"}
        )
        result = run(tmp_path / "out", env)
    assert result.exit_code == 2
    assert server.received == []


def test_a_store_without_the_cases_keeps_the_record_in_the_folder(tmp_path: Path) -> None:
    env = {"NAITEI_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    with smtp_server() as server:
        result = run(tmp_path / "out", private_env(tmp_path, server.port) | env)
    assert result.exit_code == 0, result.output
    assert len(server.received) == 5 and sent_indexes(tmp_path / "out") == [1, 2, 3, 4, 5]
    assert "ケースの経過には記録していません" in result.stdout


def test_two_runs_cannot_send_the_same_batch_at_once(tmp_path: Path) -> None:
    import fcntl
    import os

    out = tmp_path / "out"
    with smtp_server() as server:
        env = private_env(tmp_path, server.port)
        assert runner.invoke(app, ["decline", str(FIVE), "--out", str(out)], env=env).exit_code == 0
        holder = os.open(out, os.O_RDONLY)
        try:
            fcntl.flock(holder, fcntl.LOCK_EX)  # another naitei, sending right now
            blocked = run(out, env)
        finally:
            os.close(holder)
    assert blocked.exit_code == 2
    assert "ほかの naitei decline --send がこのフォルダで送信中です" in blocked.stderr
    assert server.received == []
