"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1 and a free port, collecting messages.

    with smtp_server() as server:                       # plain (security = none)
    with smtp_server(tls=cert) as server:               # STARTTLS required
    with smtp_server(tls=cert, implicit=True) as server # TLS from the first byte (security = ssl)
    with smtp_server(tls=cert, auth=("user", "pw"))     # AUTH required (over TLS)
    with smtp_server(fail_on=3) as server:              # the 3rd message gets 451

Certificates are made by the test with `cryptography`: a throw-away CA signs a certificate for
localhost and 127.0.0.1, so a client trusts it only through NAITEI_SMTP_CAFILE.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.net import free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(self.data))


@dataclass
class Collector:
    """The handler: keeps every accepted message; `fail_on` (1-based) answers `fail_reply`;
    `refuse` answers RCPT TO for these addresses with their reply (550 …); `delay` waits
    before answering DATA; `on_accept(n)` runs when the n-th message is kept, before its
    250 goes out; `drop_on` keeps that message and closes the connection without answering."""

    fail_on: int | None = None
    fail_reply: str = "451 4.3.0 Temporary failure, try again later"
    received: list[Received] = field(default_factory=list)
    attempts: int = 0
    refuse: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    on_accept: Callable[[int], None] | None = None
    drop_on: int | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.attempts == self.fail_on:
            return self.fail_reply
        data = envelope.original_content or envelope.content
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(data)))
        if self.on_accept is not None:
            self.on_accept(len(self.received))
        if self.attempts == self.drop_on:
            server.transport.abort()  # taken, but the client never hears it
        return "250 2.0.0 OK"


@dataclass(frozen=True)
class Certificate:
    """A server certificate signed by a CA of its own; `ca` is the file a client trusts."""

    cert: Path
    key: Path
    ca: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


@dataclass
class Server:
    port: int
    handler: Collector

    @property
    def received(self) -> list[Received]:
        return self.handler.received


class _Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()
        self.logins: list[bytes] = []

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        self.logins.append(auth_data.login)
        ok = auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def smtp_server(
    *,
    tls: Certificate | None = None,
    implicit: bool = False,
    auth: tuple[str, str] | None = None,
    fail_on: int | None = None,
    fail_reply: str = "451 4.3.0 Temporary failure, try again later",
    **behaviour: Any,
) -> Iterator[Server]:
    handler = Collector(fail_on=fail_on, fail_reply=fail_reply, **behaviour)
    options: dict[str, Any] = {}
    if tls is not None and implicit:
        options["ssl_context"] = tls.server_context()
    elif tls is not None:
        options["tls_context"] = tls.server_context()
        options["require_starttls"] = True
    if auth is not None:
        options["authenticator"] = _Authenticator(*auth)
        options["auth_required"] = True
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield Server(controller.port, handler)
    finally:
        controller.stop()


def make_certificate(folder: Path, names: tuple[str, ...] = ("localhost",)) -> Certificate:
    """A CA and a server certificate for `names` and 127.0.0.1, written as PEM files."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "naitei test CA")])
    ca = (
        _builder(ca_name, ca_name, ca_key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(*_CA_USAGE), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    alt = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        _builder(subject, ca_name, key.public_key(), now)
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    paths = Certificate(folder / "server.pem", folder / "server.key", folder / "ca.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


# digital_signature, content_commitment, key_encipherment, data_encipherment, key_agreement,
# key_cert_sign, crl_sign, encipher_only, decipher_only
_CA_USAGE = (True, False, False, False, False, True, True, False, False)


def _builder(
    subject: x509.Name, issuer: x509.Name, public_key: Any, now: dt.datetime
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
    )
