"""Steps shared by the organisation-mode service tests: a reply delivered over IMAP, the
client's request from a phone, the approvals, a real worker process."""

from __future__ import annotations

import imaplib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

from sqlalchemy import text

from naitei.org import accounts, consent
from naitei.org.config import load_config
from naitei.org.db import Actor, make_engine, transaction
from tests.support import imapd
from tests.support.messenger import FIXTURES
from tests.support.org import Deployment, activate
from tests.support.org_stack import Stack, sign_in_by_link


def deliver(server: imapd.Imapd, message: EmailMessage) -> None:
    """The message arrives in the service's mailbox (an IMAP APPEND, as a delivery agent would)."""
    client = imaplib.IMAP4("127.0.0.1", server.port, timeout=10)
    try:
        client.login(server.user, server.password)
        client.append("INBOX", None, None, message.as_bytes())
    finally:
        client.logout()


def reply_to(sent: Message, sender: str, words: str, message_id: str) -> EmailMessage:
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = "desk@jitai.example.jp"
    reply["Subject"] = "Re: " + str(sent["Subject"])
    reply["Message-ID"] = message_id
    reply["In-Reply-To"] = sent["Message-ID"]
    reply["References"] = sent["Message-ID"]
    reply.set_content(words + "\n\n> 突然のメールにて失礼いたします。\n")
    return reply


def _people(config: Path) -> None:
    engine = make_engine(load_config(config, environ={}), pool_size=1)
    try:
        with engine.begin() as connection:
            admin_id = connection.execute(
                text("SELECT id FROM org_users WHERE role = 'admin'")
            ).scalar_one()
        admin = Actor(admin_id, "admin")
        with transaction(engine, admin) as connection:
            hana = accounts.invite(connection, admin, "hana@example.jp", "applicant", "t").id
            sato = accounts.invite(connection, admin, "sato@example.jp", "adviser", "t").id
        for user in (hana, sato):
            activate(engine, user)
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE org_users SET display_name = '佐藤 一郎' WHERE id = :i"), {"i": sato}
            )
        accounts.assign(engine, admin, hana, sato, "t")
        consent.give(engine, Actor(hana, "applicant"), "share", consent.TEXT_VERSION, "t")
    finally:
        engine.dispose()


def _approve_all(page: Any) -> None:
    while page.locator("form[action$='/approve'] button").count():
        page.locator("form[action$='/approve'] button").first.click()
        page.wait_for_load_state()


def request_from_phone(site: Stack, hana: Any) -> str:
    """The client signs in, requests the five-company decline, signs the 委任状 and approves
    every draft; the request's page address."""
    sign_in_by_link(site, hana, "hana@example.jp")
    hana.goto(f"{site.base_url}/service")
    hana.fill("#case", _decline_file())
    hana.fill("#words", WORDS)
    hana.fill("#due", "2026-12-10")
    hana.click("form[action='/service/requests'] button")
    hana.wait_for_url(f"{site.base_url}/service/requests/*")
    request_url = hana.url
    assert hana.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    hana.click("form[action$='/authorise'] button")
    hana.wait_for_selector("text=確認済みです")
    _approve_all(hana)
    return request_url


FAST = {"NAITEI_ORG_WORKER_TICK_SECONDS": "1", "NAITEI_ORG_WORKER_HEARTBEAT_SECONDS": "1",
        "NAITEI_ORG_WORKER_STALLED_SECONDS": "3"}  # fmt: skip


@contextmanager
def worker(org: Deployment, smtp_port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NAITEI_ORG_")}
    env |= FAST | {"NAITEI_ORG_SMTP_PORT": str(smtp_port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "naitei", "worker", "--config", str(org.config_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


WORDS = "大変悩みましたが、別の会社への入社を決めました。内定をいただき、心より感謝しております。"


def _decline_file() -> str:
    head = (FIXTURES / "m1-three-newgrad.toml").read_text("utf-8").split("[[companies]]")[0]
    return head + "\n".join(
        f'[[companies]]\nname = "株式会社テスト{n}"\nemail = "hr{n}@t{n}.example.jp"\naccepted = true\n'
        for n in range(1, 6)
    )
