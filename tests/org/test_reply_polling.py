"""Reply polling of organisation mode (issues 18, 19) on a real PostgreSQL, a real SMTP server
and a real Dovecot: the worker's job reads the service's mailbox, records a company's reply on
that company's timeline exactly once (two runs, two concurrent workers), never touches mail that
answers no send, and records nothing when the sign-in is refused or the server is gone. The
`[imap]` table of the config is checked field by field (exit 2)."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import select
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import text

from naitei.errors import InputError
from naitei.org import jobs, replies, service
from naitei.org.config import ImapConfig, OrgConfig, load_config
from naitei.org.db import system_transaction
from tests.support import imapd
from tests.support.messenger import approved_and_queued, people, service_deployment
from tests.support.org import Deployment
from tests.support.pg import Cluster
from tests.support.service_flows import (
    deliver,
    reply_to,
)
from tests.support.smtpd import Server

pytestmark = pytest.mark.slow


@pytest.fixture
def stack(pg_cluster: Cluster, tmp_path: Path) -> Iterator[tuple[Deployment, Server, imapd.Imapd]]:
    if not imapd.available():
        pytest.fail(imapd.INSTALL_HINT, pytrace=False)
    with service_deployment(pg_cluster, tmp_path) as (org, smtp), imapd.imap_server() as server:
        yield org, smtp, server


def with_mailbox(config: OrgConfig, server: imapd.Imapd, password: str) -> OrgConfig:
    imap = ImapConfig("127.0.0.1", server.user, "none", server.port, password=password)
    return dataclasses.replace(config, imap=imap)


def recorded(org: Deployment) -> list[tuple[int, int, str, bool]]:
    with system_transaction(org.engine) as connection:
        rows = connection.execute(
            text(
                "SELECT request_id, position, outcome, needs_lawyer FROM service_replies ORDER BY id"
            )
        ).all()
    return [(int(a), int(b), str(c), bool(d)) for a, b, c, d in rows]


def test_a_reply_in_the_mailbox_lands_once_on_the_company_it_answers(
    stack: tuple[Deployment, Server, imapd.Imapd], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    org, smtp, server = stack
    who = people(org)
    request, sends = approved_and_queued(org, who, count=3)
    config = with_mailbox(org.config, server, server.password)
    assert replies.poll(org.engine, config).status == "idle"  # nothing sent yet: no sign-in
    for send in sends:
        assert service.deliver(org.engine, org.config, send) == "sent"
    sent = {r.rcpt_tos[0]: r.message for r in smtp.handler.received}

    unrelated = EmailMessage()
    unrelated["From"] = "news@shop.example.com"
    unrelated["Subject"] = "セールのお知らせ"
    unrelated["Message-ID"] = "<sale-1@shop.example.com>"
    unrelated["In-Reply-To"] = "<someone-else@example.jp>"
    unrelated.set_content("会員様限定のセールです。")
    deliver(server, unrelated)
    words = "承知いたしました。ご本人によろしくお伝えください。"
    deliver(server, reply_to(sent["hr2@t2.example.jp"], "hr2@t2.example.jp", words, "<r2@t2>"))

    first = replies.poll(org.engine, config)
    assert (first.status, first.recorded, first.looked_at) == ("done", [(request, 2)], 1)
    again = replies.poll(org.engine, config)  # the job's next run, or a restarted worker
    assert (again.status, again.recorded, again.looked_at) == ("done", [], 0)
    assert recorded(org) == [(request, 2, "acknowledged", False)]
    events = service.timeline(org.engine, who["a"], request)
    answered = [(e.position, e.detail) for e in events if e.kind == "answered"]
    assert answered == [(2, "acknowledged")]
    view = service.get_request(org.engine, who["a"], request)
    assert [c.status for c in view.companies] == ["sent", "answered", "sent"]
    with system_transaction(org.engine) as connection:
        keys = connection.execute(text("SELECT reply_key FROM service_inbox")).scalars().all()
    assert keys == ["<r2@t2>"]  # the unrelated message left no trace

    # Two workers at once on a new reply (money raised: routed to the client with the lawyer
    # note): recorded once.
    money = "辞退されるのであれば、研修費用の損害賠償を請求いたします。"
    deliver(server, reply_to(sent["hr1@t1.example.jp"], "hr1@t1.example.jp", money, "<r1@t1>"))
    results: list[replies.PollResult] = []
    workers = [
        threading.Thread(target=lambda: results.append(replies.poll(org.engine, config)))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(r.status for r in results) == ["done", "done"]
    assert sum(len(r.recorded) for r in results) == 1
    (money_reply,) = recorded(org)[1:]
    assert money_reply[:2] == (request, 1) and money_reply[3]  # needs_lawyer

    # The same reply delivered twice (a copy, a new UID) is still recorded once.
    deliver(server, reply_to(sent["hr2@t2.example.jp"], "hr2@t2.example.jp", words, "<r2@t2>"))
    assert replies.poll(org.engine, config).recorded == []
    assert len(recorded(org)) == 2
    # What the worker's side logged (aiosmtpd's "mail.log" is the test's own SMTP server).
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert "reply recorded for request" in logged
    for private in ("example.jp", "example.com", "承知", "損害", "セール", "<r2@t2>", "<r1@t1>"):
        assert private not in logged  # ids only: no address, subject, text or Message-ID


def one_reply_waiting(
    stack: tuple[Deployment, Server, imapd.Imapd],
) -> tuple[Deployment, imapd.Imapd, int]:
    """A one-company request sent, and the company's answer waiting in the mailbox."""
    org, smtp, server = stack
    who = people(org)
    request, sends = approved_and_queued(org, who, count=1)
    assert service.deliver(org.engine, org.config, sends[0]) == "sent"
    sent = smtp.handler.received[0].message
    deliver(server, reply_to(sent, "hr1@t1.example.jp", "承知いたしました。", "<r1@t1>"))
    return org, server, request


def test_a_refused_sign_in_or_a_server_gone_records_nothing(
    stack: tuple[Deployment, Server, imapd.Imapd],
) -> None:
    org, server, request = one_reply_waiting(stack)

    wrong = with_mailbox(org.config, server, "not the password")
    assert replies.poll(org.engine, wrong).status == "refused"
    assert recorded(org) == []
    right = with_mailbox(org.config, server, server.password)
    assert replies.poll(org.engine, right).recorded == [(request, 1)]  # retried later: recorded
    server.stop()
    assert replies.poll(org.engine, right).status == "unreachable"
    assert len(recorded(org)) == 1


@contextlib.contextmanager
def cutting_proxy(port: int, cut_at: bytes) -> Iterator[int]:
    """A TCP relay to 127.0.0.1:`port` that drops the connection (both sides) as soon as the
    client sends `cut_at`: a connection lost in the middle of a conversation. Yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def relay(client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", port))
        pairs = {client: upstream, upstream: client}
        try:
            while not stop.is_set():
                ready, _, _ = select.select(list(pairs), [], [], 0.2)
                for side in ready:
                    data = side.recv(65536)
                    if not data or (side is client and cut_at in data):
                        return
                    pairs[side].sendall(data)
        finally:
            for side in pairs:
                with contextlib.suppress(OSError):
                    side.shutdown(socket.SHUT_RDWR)
                side.close()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=relay, args=(client,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_a_connection_lost_while_reading_records_nothing_half(
    stack: tuple[Deployment, Server, imapd.Imapd],
) -> None:
    org, server, request = one_reply_waiting(stack)
    config = with_mailbox(org.config, server, server.password)
    with cutting_proxy(server.port, b"FETCH") as port:
        relayed = ImapConfig("127.0.0.1", server.user, "none", port, password=server.password)
        dropped = replies.poll(org.engine, dataclasses.replace(config, imap=relayed))
    assert (dropped.status, dropped.recorded) == ("interrupted", [])
    assert recorded(org) == []
    with system_transaction(org.engine) as connection:
        assert connection.execute(text("SELECT count(*) FROM service_inbox")).scalar() == 0
    assert replies.poll(org.engine, config).recorded == [(request, 1)]  # the next run


def test_the_worker_polls_only_when_the_mailbox_is_configured(
    stack: tuple[Deployment, Server, imapd.Imapd], monkeypatch: pytest.MonkeyPatch
) -> None:
    org, smtp, server = stack
    assert "poll_replies" not in jobs.build_app(org.config, org.engine).tasks
    with pytest.raises(InputError, match="NAITEI_ORG_IMAP_PASSWORD"):
        jobs.run_worker(with_mailbox(org.config, server, ""))
    who = people(org)
    request, sends = approved_and_queued(org, who, count=3)
    for send in sends:
        assert service.deliver(org.engine, org.config, send) == "sent"
    sent = {r.rcpt_tos[0]: r.message for r in smtp.handler.received}
    third = sent["hr3@t3.example.jp"]
    deliver(server, reply_to(third, "hr3@t3.example.jp", "承知いたしました。", "<r3@t3>"))
    monkeypatch.setattr(replies, "SEARCH_CHUNK", 2)  # the third send is in a second SEARCH
    app = jobs.build_app(with_mailbox(org.config, server, server.password), org.engine)
    assert app.periodic_registry.periodic_tasks  # registered with its cron
    with app.open():
        # The job as Procrastinate runs it (the cron would defer it every poll_minutes).
        app.configure_task("poll_replies").defer(timestamp=0)
        app.run_worker(queues=["periodic"], wait=False, install_signal_handlers=False)
    assert recorded(org) == [(request, 3, "acknowledged", False)]


def test_the_mailbox_is_read_over_verified_tls_as_the_config_file_says(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    from tests.support.smtpd import make_certificate

    certificate = make_certificate(tmp_path / "tls")
    with (
        service_deployment(pg_cluster, tmp_path) as (org, smtp),
        imapd.imap_server(tls=(certificate.cert, certificate.key)) as server,
    ):
        who = people(org)
        request, sends = approved_and_queued(org, who, count=1)
        assert service.deliver(org.engine, org.config, sends[0]) == "sent"
        sent = smtp.handler.received[0].message
        deliver(server, reply_to(sent, "hr1@t1.example.jp", "承知いたしました。", "<r1@t1>"))
        table = (
            f'[imap]\nhost = "127.0.0.1"\nuser = "{server.user}"\nsecurity = "ssl"\n'
            f"port = {server.tls_port}\npoll_minutes = 2\n"
        )
        environ = {"NAITEI_ORG_IMAP_PASSWORD": server.password}
        text_of_config = org.config_path.read_text(encoding="utf-8")
        org.config_path.write_text(text_of_config + table, encoding="utf-8")
        untrusted = load_config(org.config_path, environ=environ)
        assert replies.poll(org.engine, untrusted).status == "unreachable"  # unknown CA
        assert recorded(org) == []
        org.config_path.write_text(
            text_of_config + table + f'cafile = "{certificate.ca}"\n', encoding="utf-8"
        )
        trusted = load_config(org.config_path, environ=environ)
        assert replies.poll(org.engine, trusted).recorded == [(request, 1)]


CONFIG = 'database_url = "postgresql://u@127.0.0.1/db"\n'


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('user = "desk@x.jp"', "imap.host"),
        ('host = "imap.x.jp"', "imap.user"),
        ('host = "imap.x.jp"\nuser = "d"\nsecurity = "tls"', "imap.security"),
        ('host = "imap.x.jp"\nuser = "d"\nsecurity = "none"', "imap.security"),
        ('host = "imap.x.jp"\nuser = "d"\nport = 70000', "imap.port"),
        ('host = "imap.x.jp"\nuser = "d"\npoll_minutes = 0', "imap.poll_minutes"),
        ('host = "imap.x.jp"\nuser = "d"\npassword = "secret"', "imap.password"),
        ('host = "imap.x.jp"\nuser = "d"\nmailbox = "x"', "imap: 知らない設定"),
        ('host = "imap x.jp"\nuser = "d"', "imap.host"),
    ],
)
def test_a_bad_imap_table_names_the_field(tmp_path: Path, table: str, field: str) -> None:
    path = tmp_path / "org.toml"
    path.write_text(CONFIG + "[imap]\n" + table + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_config(path, environ={})
    assert str(raised.value).startswith(field)
    assert raised.value.exit_code == 2


def test_the_imap_table_is_read_with_the_password_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "org.toml"
    path.write_text(
        "[org]\n" + CONFIG + '[imap]\nhost = "imap.x.jp"\nuser = "desk@x.jp"\ncafile = "ca.pem"\n',
        encoding="utf-8",
    )
    config = load_config(path, environ={"NAITEI_ORG_IMAP_PASSWORD": "s3cret"})
    assert config.imap == ImapConfig(
        "imap.x.jp", "desk@x.jp", "ssl", 993, "INBOX", tmp_path / "ca.pem", 5
    )
    assert config.imap is not None and config.imap.password == "s3cret"
    assert "s3cret" not in repr(config)
    plain = tmp_path / "plain.toml"
    plain.write_text(CONFIG, encoding="utf-8")
    assert load_config(plain, environ={}).imap is None
