"""Twenty companies in one request work as well as one (issue 19): drafted, signed, approved,
queued and sent once each, with the 委任状 naming every company; a twenty-first is refused
with the field named and nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from naitei.errors import InputError
from naitei.org import service
from naitei.org.db import system_transaction
from tests.support.messenger import Desk, body, open_request, sha


@pytest.mark.parametrize("count", [1, 20])
def test_every_company_is_sent_once_with_the_authorisation(desk: Desk, count: int) -> None:
    org, smtp, who = desk
    request = open_request(org, who, count=count)
    letter = service.authorisation_text(org.engine, who["a"], request)
    for n in range(1, count + 1):
        assert f"株式会社テスト{n:02d}" in letter
    service.confirm_authorisation(org.engine, who["a"], request, sha(letter))
    sends = []
    for position in range(1, count + 1):
        service.approve(org.engine, who["a"], request, position, sha(body(org, request, position)))
        sends.append(service.queue_send(org.engine, who["adv"], org.config, request, position))
    for _ in range(2):  # a job run twice sends nothing more
        assert {service.deliver(org.engine, org.config, send) for send in sends} == {"sent"}
    received = smtp.handler.received
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(
        f"hr{n}@t{n}.example.jp" for n in range(1, count + 1)
    )
    for item in received:
        (pdf,) = list(item.message.iter_attachments())
        assert pdf.get_filename() == "委任状.pdf"
    view = service.get_request(org.engine, who["a"], request)
    assert [c.status for c in view.companies] == ["sent"] * count
    assert [q["status"] for q in service.review_queue(org.engine, who["adv"])] == ["sent"]


def test_a_twenty_first_company_is_refused_and_nothing_is_stored(desk: Desk) -> None:
    org, _, who = desk
    with pytest.raises(InputError, match="companies"):
        open_request(org, who, count=21)
    with system_transaction(org.engine) as connection:
        assert connection.execute(text("SELECT count(*) FROM service_requests")).scalar_one() == 0
