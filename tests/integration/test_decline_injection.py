"""Header injection: hostile values in every field reach no extra header, on disk or on the wire.

The case validator already refuses line breaks and control characters; these tests go around
it (pydantic's model_copy does not validate) to show that the one mail builder holds by itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.case import DeclineCase
from naitei.compose.decline_kit import decline_kit
from naitei.errors import InputError
from naitei.export.eml import build_message, to_bytes
from naitei.mail.sending import Mailer, SmtpSettings
from naitei.services.outbox import Outbox
from tests.support.cases import EML_HEADERS, NOW, SENT_HEADERS
from tests.support.decline_env import five
from tests.support.smtpd import Received, Server, smtp_server

PAYLOADS = [
    "\r\nBcc: evil@example.net",
    "\nX-Injected: 1",
    "\rX-Injected: 1",
    "\u2028X-Injected: 1",
    "\x85X-Injected: 1",
    "\x0bX-Injected: 1",
    "\x00",
]
# The fields that reach a header, by the company of five() that carries them (company 2 has a
# contact title, company 5 goes through an agent), and the applicant's, the same in every message.
COMPANY_FIELDS = {
    1: ("name", "department", "contact_name", "email"),
    2: ("contact_title",),
    5: ("agent_name", "agent_contact", "agent_email"),
}
APPLICANT_FIELDS = ("name", "school", "email", "kana")
# (table, field, company index; 0 for the applicant)
FIELDS = [("company", field, index) for index, names in COMPANY_FIELDS.items() for field in names]
FIELDS += [("applicant", field, 0) for field in APPLICANT_FIELDS]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with smtp_server() as running:
        yield running


@pytest.fixture(autouse=True)
def private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NAITEI_DATABASE_URL", raising=False)
    monkeypatch.setenv("NAITEI_DATA_DIR", str(tmp_path / "data"))


def hostile(table: str, field: str, index: int, payload: str) -> DeclineCase:
    case, _kit = five()
    if table == "applicant":
        value = getattr(case.applicant, field) + payload
        return case.model_copy(
            update={"applicant": case.applicant.model_copy(update={field: value})}
        )
    companies = list(case.companies)
    target = companies[index - 1]
    companies[index - 1] = target.model_copy(update={field: getattr(target, field) + payload})
    return case.model_copy(update={"companies": companies})


def assert_clean(data: bytes, headers: frozenset[str] = SENT_HEADERS) -> None:
    received = Received("", [], data)
    assert set(received.message.keys()) == headers
    head = data.split(b"\r\n\r\n", 1)[0]
    assert b"Bcc" not in head and b"X-Injected" not in head and b"evil@" not in head


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
@pytest.mark.parametrize(("table", "field", "index"), FIELDS, ids=lambda v: str(v))
def test_hostile_case_data_reaches_no_header(
    table: str, field: str, index: int, payload: str, server: Server, tmp_path: Path
) -> None:
    case = hostile(table, field, index, payload)
    before = len(server.received)
    out = tmp_path / "out"
    try:
        kit = decline_kit(case, NOW)
        with Outbox(case, kit, out, NOW) as box:
            box.prepare()
            settings = SmtpSettings(
                "127.0.0.1", server.port, "none", "", "haruna.sasaki@example.com"
            )
            with Mailer(settings) as mailer:
                box.send(mailer, settings.from_address, box.pending())
    except InputError:
        assert len(server.received) == before  # refused before a byte was sent
        assert not out.exists()  # and before anything was written
        return
    for received in server.received[before:]:
        assert_clean(received.data)
    for eml in out.rglob("*.eml"):
        assert_clean(eml.read_bytes(), EML_HEADERS)


def test_sending_refuses_a_hostile_recipient_even_without_the_kit(
    server: Server, tmp_path: Path
) -> None:
    """The send path builds through the same builder: no prepare(), still no byte sent."""
    case = hostile("company", "email", 1, "\r\nBcc: evil@example.net")
    case_ok, _ = five()
    kit = decline_kit(case, NOW)
    before = len(server.received)
    (tmp_path / "out").mkdir()
    with Outbox(case, kit, tmp_path / "out", NOW) as box:
        settings = SmtpSettings("127.0.0.1", server.port, "none", "", "haruna.sasaki@example.com")
        with Mailer(settings) as mailer, pytest.raises(InputError):
            box.send(mailer, settings.from_address, list(kit.companies))
    assert len(server.received) == before
    assert case_ok.companies[0].email != case.companies[0].email


ADDRESSY = st.text(
    alphabet=st.sampled_from(list('ab.@-_+<>,;:"\\ ()[]\r\n\u2028\x00\x85Bcc:evil日本')),
    min_size=1,
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(to_address=ADDRESSY, from_address=ADDRESSY, message_id=ADDRESSY)
def test_hostile_addresses_and_ids_through_the_builder(
    to_address: str, from_address: str, message_id: str
) -> None:
    fields: dict[str, Any] = {
        "subject": "件名",
        "body": "本文\n",
        "to_address": to_address,
        "from_address": from_address,
        "date": NOW,
        "message_id_value": message_id,
    }
    try:
        message = build_message(**fields)
    except InputError:
        return
    data = to_bytes(message)
    parsed = Received("", [], data).message
    assert set(parsed.keys()) == SENT_HEADERS
    assert [a.addr_spec for a in parsed["To"].addresses] == [to_address]
    assert [a.addr_spec for a in parsed["From"].addresses] == [from_address]
    assert parsed["Message-ID"] == message_id


def test_a_lone_surrogate_in_the_body_is_refused() -> None:
    with pytest.raises(InputError, match="本文"):
        build_message(subject="件名", body="本文\ud800", to_address="a@example.com", date=NOW)


@pytest.mark.parametrize(
    "address",
    [
        "x@y.example>",
        "<a>@b.example",
        "a b@c.example",
        "x,y@z.example",
        '"a"@b.example',
        "日本@例え.jp",
        "a@[127.0.0.1]",
        "a@b",
        "a@-b.example",
    ],
)
def test_addresses_the_header_would_read_differently_are_refused(address: str) -> None:
    """The same string goes into the To header and the SMTP envelope: it must mean one thing."""
    with pytest.raises(InputError, match="メールアドレス"):
        build_message(subject="件名", body="本文", to_address=address, date=NOW)
