"""Messenger fixtures: a decline file plus the client's request (tests/fixtures/messenger)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from naitei.case import DeclineCase, load_case
from naitei.messenger.authorisation import Confirmation, authorisation_text, confirm
from naitei.messenger.compose import Request
from naitei.messenger.service import Service

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "messenger"
GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden_messenger"


def names() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.toml") if ".request" not in path.name)


def request_of(name: str) -> tuple[Request, dt.datetime]:
    case = load_case(FIXTURES / f"{name}.toml")
    assert isinstance(case, DeclineCase)
    data = tomllib.loads((FIXTURES / f"{name}.request.toml").read_text("utf-8"))
    service = Service.of(
        data["service_name"],
        data["staff"],
        data.get("service_email", ""),
        data.get("service_phone", ""),
    )
    request = Request(
        case,
        service,
        data["words"],
        authorised=data["authorised"],
        school_consulted=data["school_consulted"],
    )
    return request, data["now"]


def confirmed(request: Request, now: dt.datetime) -> Confirmation | None:
    """The client's confirmation of the 委任状 at `now`, when the request asks for one."""
    if not request.authorised:
        return None
    return confirm(request, authorisation_text(request, now.date()), now)


@contextmanager
def service_deployment(pg: Any, folder: Path) -> Iterator[tuple[Any, Any]]:
    """A real SMTP server and an organisation-mode deployment that mails through it (the
    service's mailbox is desk@jitai.example.jp): (deployment, server)."""
    from tests.support.org import deployment
    from tests.support.smtpd import smtp_server

    with (
        smtp_server() as server,
        deployment(pg, folder, smtp_port=server.port, mail_from="desk@jitai.example.jp") as ready,
    ):
        yield ready, server
