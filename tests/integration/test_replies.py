"""`naitei replies` against a real IMAP server (Dovecot on 127.0.0.1, started by the test with a
throw-away mail store and user): a reply thread is found and logged only after the user
confirms it, an unrelated message is ignored, hostile messages (HTML only, huge, a MIME bomb,
an unknown charset, a forged In-Reply-To) are read as plain text within limits without a
crash, a wrong password and a server that drops the connection exit 3 with nothing logged."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from naitei.calendar import JST
from naitei.case import load_case
from naitei.services.cases import add_case, get_case, log_event, open_store
from tests.support.cases import EXAMPLES
from tests.support.cli import cli_env, naitei
from tests.support.imapd import INSTALL_HINT, Imapd, available, imap_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason=INSTALL_HINT),
]

SENT_ID = "<withdraw-1@naitei.example>"
COMPANY = "saiyo@minato-seiki.example.co.jp"
OTHER_COMPANY = "saiyo@sakura-pub.example.co.jp"


def message(
    sender: str,
    subject: str,
    body: str,
    *,
    headers: str = "",
    kind: str = "text/plain; charset=utf-8",
) -> bytes:
    head = (
        f"From: {sender}\r\nTo: taro.yamada@example.com\r\nSubject: {subject}\r\n"
        f"Date: Thu, 26 Nov 2026 14:00:00 +0900\r\nMessage-ID: <{abs(hash(subject + body[:50]))}@mail.example>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: {kind}\r\n{headers}\r\n"
    )
    return head.encode("utf-8") + body.encode("utf-8")


def mime_bomb(depth: int) -> bytes:
    body = "社内で検討いたします。"
    for level in range(depth):
        body = (
            f'--b{level}\r\nContent-Type: multipart/mixed; boundary="b{level + 1}"\r\n\r\n{body}\r\n--b{level}--\r\n'
            if level
            else f"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--b1--\r\n"
        )
    return message(COMPANY, "Re: bomb", body, kind='multipart/mixed; boundary="b0"')


@pytest.fixture(scope="module")
def server() -> Iterator[Imapd]:
    with imap_server() as running:
        yield running


@pytest.fixture
def setup(server: Imapd, tmp_path: Path) -> dict[str, Any]:
    from imapclient import IMAPClient

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    store = open_store(url)
    now = __import__("datetime").datetime(2026, 11, 25, 21, 0, tzinfo=JST)
    withdraw = add_case(store, load_case(EXAMPLES / "new-grad.toml"), now)[0].id
    decline = add_case(store, load_case(EXAMPLES / "decline-three.toml"), now)[0].id
    log_event(store, withdraw, "emailed", at=now, now=now, message_id=SENT_ID)
    store.dispose()
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    client.login(server.user, server.password)
    client.select_folder("INBOX")
    existing = client.search(["ALL"])
    if existing:
        client.delete_messages(existing)
        client.expunge()
    inbox = [
        message(
            COMPANY,
            "Re: 内定辞退撤回のお願い",
            "山田様\r\n社内で検討いたしますので、しばらくお待ちください。\r\n",
            headers=f"In-Reply-To: {SENT_ID}\r\nReferences: {SENT_ID}\r\n",
        ),
        message(
            "news@shop.example", "セールのお知らせ", "関係のないメールです。検討してください。"
        ),
        message(
            COMPANY,
            "=?utf-8?b?5pys5paH?=",
            "<html><body><script>alert(1)</script><p>ぜひ<b>ご来社</b>ください</p></body></html>",
            kind="text/html; charset=utf-8",
        ),
        message(COMPANY, "huge", "見送り" + "あ" * 3_000_000),
        mime_bomb(60),
        message(
            COMPANY,
            "=?x-unknown?q?=FF=FE?= bad",
            "\x1b[31m赤\u202e",
            kind="text/plain; charset=x-unknown",
        ),
        message(
            OTHER_COMPANY,
            "Re: forged",
            "お受けいたしかねます",
            headers=f"In-Reply-To: {SENT_ID}\r\n",
        ),
    ]
    for raw in inbox:
        client.append("INBOX", raw)
    client.logout()
    env = cli_env(
        url,
        NAITEI_IMAP_HOST="127.0.0.1",
        NAITEI_IMAP_PORT=str(server.port),
        NAITEI_IMAP_SECURITY="none",
        NAITEI_IMAP_USER=server.user,
        NAITEI_IMAP_PASSWORD=server.password,
        NAITEI_CONFIG_DIR=str(tmp_path / "config"),
    )
    return {"url": url, "env": env, "withdraw": withdraw, "decline": decline}


def events(url: str, case_id: str) -> list[Any]:
    store = open_store(url)
    try:
        return get_case(store, case_id).events
    finally:
        store.dispose()


def test_replies_are_listed_and_nothing_is_logged_without_confirmation(
    setup: dict[str, Any],
) -> None:
    result = naitei("replies", "--format", "json", env=setup["env"])
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    subjects = [r["subject"] for r in found]
    assert "セールのお知らせ" not in subjects  # unrelated: never read
    thread = next(r for r in found if r["subject"] == "Re: 内定辞退撤回のお願い")
    assert thread["case_id"] == setup["withdraw"] and thread["matched_by"] == "thread+address"
    assert thread["suggested_outcome"] == "considering"
    page = next(r for r in found if "ご来社" in r["text"])
    assert "<script>" not in page["text"] and "alert" not in page["text"]
    assert page["suggested_outcome"] == "come_in" and page["subject"].startswith("本文")
    huge = next(r for r in found if r["subject"] == "huge")
    assert len(huge["text"]) <= 1000 and huge["suggested_outcome"] == "refused"
    assert any(r["subject"] == "Re: bomb" for r in found)
    bad = next(r for r in found if r["subject"].endswith("bad"))
    assert "\x1b" not in bad["text"] and "\u202e" not in bad["text"]
    forged = next(r for r in found if r["subject"] == "Re: forged")
    assert forged["case_id"] is None and forged["warning"]
    assert sorted(forged["candidates"]) == sorted([setup["withdraw"], setup["decline"]])
    assert [e.kind for e in events(setup["url"], setup["withdraw"])] == ["emailed"]


def test_a_confirmed_reply_is_logged_once(setup: dict[str, Any]) -> None:
    # The first reply: accept the suggestion; every other one: n (or no answer).
    answers = "\n" + "n\n" * 10
    result = naitei(
        "replies", "--now", "2026-11-26T15:00:00+09:00", input=answers, env=setup["env"]
    )
    assert result.returncode == 0, result.stderr
    assert "1 件を記録しました" in result.stdout
    logged = [e for e in events(setup["url"], setup["withdraw"]) if e.kind == "answered"]
    assert [(e.outcome, e.message_id is not None) for e in logged] == [("considering", True)]
    again = json.loads(naitei("replies", "--format", "json", env=setup["env"]).stdout)
    assert "Re: 内定辞退撤回のお願い" not in [r["subject"] for r in again]


def test_a_wrong_password_exits_3_and_logs_nothing(setup: dict[str, Any]) -> None:
    env = dict(setup["env"], NAITEI_IMAP_PASSWORD="wrong")
    result = naitei("replies", input="\n" * 10, env=env)
    assert result.returncode == 3
    assert "ログインできませんでした" in result.stderr
    assert "Traceback" not in result.stderr
    assert [e.kind for e in events(setup["url"], setup["withdraw"])] == ["emailed"]


def test_a_server_that_drops_the_connection_exits_3(setup: dict[str, Any]) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def drop() -> None:
        for _ in range(3):
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.sendall(b"* OK ready\r\n")
            connection.close()

    thread = threading.Thread(target=drop, daemon=True)
    thread.start()
    try:
        env = dict(setup["env"], NAITEI_IMAP_PORT=str(port))
        result = naitei("replies", env=env)
    finally:
        listener.close()
    assert result.returncode == 3, result.stderr
    assert "IMAP" in result.stderr and "Traceback" not in result.stderr
    assert [e.kind for e in events(setup["url"], setup["withdraw"])] == ["emailed"]


def test_missing_settings_name_the_variable(tmp_path: Path) -> None:
    env = cli_env(f"sqlite:///{tmp_path / 'c.db'}", NAITEI_CONFIG_DIR=str(tmp_path))
    env.pop("NAITEI_IMAP_HOST", None)
    result = naitei("replies", env=env)
    assert result.returncode == 2 and "NAITEI_IMAP_HOST" in result.stderr


def test_starttls_and_ssl_verify_the_certificate(tmp_path: Path) -> None:
    from tests.support.smtpd import make_certificate

    certificate = make_certificate(tmp_path / "tls")
    with imap_server(tls=(certificate.cert, certificate.key)) as server:
        base = cli_env(
            f"sqlite:///{tmp_path / 'cases.db'}",
            NAITEI_IMAP_HOST="127.0.0.1",
            NAITEI_IMAP_USER=server.user,
            NAITEI_IMAP_PASSWORD=server.password,
            NAITEI_CONFIG_DIR=str(tmp_path / "config"),
        )
        for security, port in (("starttls", server.port), ("ssl", server.tls_port)):
            env = dict(base, NAITEI_IMAP_SECURITY=security, NAITEI_IMAP_PORT=str(port))
            trusted = naitei(
                "replies", "--format", "json", env=dict(env, NAITEI_IMAP_CAFILE=str(certificate.ca))
            )
            assert trusted.returncode == 0, (security, trusted.stderr)
            untrusted = naitei("replies", "--format", "json", env=env)
            assert untrusted.returncode == 3, (security, untrusted.stderr)
            assert "接続できませんでした" in untrusted.stderr
