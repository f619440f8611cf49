"""Messenger fixtures: a decline file plus the client's request (tests/fixtures/messenger)."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import text

from naitei.case import DeclineCase, load_case
from naitei.messenger.authorisation import Confirmation, authorisation_text, confirm
from naitei.messenger.compose import Request
from naitei.messenger.service import Service
from naitei.org import consent, service
from naitei.org.db import Actor, system_transaction
from tests.support.org import Deployment, active_users

if TYPE_CHECKING:
    from tests.support.smtpd import Server

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


# A decline-service request on organisation mode, as the org tests build it.

WORDS = "大変悩みましたが、別の会社への入社を決めました。内定をいただき、心より感謝しております。"
DUE = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


class Desk(NamedTuple):
    """The decline service on organisation mode, ready for a request: its deployment, the SMTP
    server it sends to, and its people (people(): applicants a and b, adviser adv)."""

    org: Deployment
    smtp: Server
    who: dict[str, Actor]


def people(org: Deployment) -> dict[str, Actor]:
    made = active_users(org, "a", "b", "adv")
    a = Actor(made["a"], "applicant")
    consent.give(org.engine, a, "share", consent.TEXT_VERSION, "t")
    return {"a": a, "b": Actor(made["b"], "applicant"), "adv": Actor(made["adv"], "adviser")}


def case_data(count: int = 3) -> dict[str, Any]:
    data = tomllib.loads((FIXTURES / "m1-three-newgrad.toml").read_text("utf-8"))
    template = data["companies"][0]
    data["companies"] = [
        template | {"name": f"株式会社テスト{n:02d}", "email": f"hr{n}@t{n}.example.jp"}
        for n in range(1, count + 1)
    ]
    return data


def open_request(org: Deployment, who: dict[str, Actor], count: int = 3) -> int:
    return service.create_request(
        org.engine, who["a"], case_data(count), WORDS, "辞退連絡サービス", "中村 花子", DUE
    )


def body(org: Deployment, request: int, position: int) -> str:
    with system_transaction(org.engine) as connection:
        return str(
            connection.execute(
                text(
                    "SELECT body FROM service_request_companies WHERE request_id = :r AND position = :p"
                ),
                {"r": request, "p": position},
            ).scalar_one()
        )


def sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def approved_and_queued(
    org: Deployment, who: dict[str, Actor], count: int = 2
) -> tuple[int, list[int]]:
    request = open_request(org, who, count=count)
    sends = []
    for position in range(1, count + 1):
        service.approve(org.engine, who["a"], request, position, sha(body(org, request, position)))
        sends.append(service.queue_send(org.engine, who["adv"], org.config, request, position))
    return request, sends
