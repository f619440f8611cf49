"""The decline service on organisation mode (issue 19), on a real PostgreSQL and a real SMTP
server (the use cases, then the pages in process): a client's request, the 委任状, staff edits, approvals of the exact wording, one send
per (request, company) guaranteed by the database, a reply on its company's timeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from naitei.errors import InputError
from naitei.org import consent, service
from naitei.org.accounts import Forbidden
from naitei.org.db import Actor, system_transaction
from tests.support.messenger import (
    FIXTURES,
    WORDS,
    approved_and_queued,
    body,
    open_request,
    people,
    sha,
)
from tests.support.org import Deployment, active_users, org_client, sign_in
from tests.support.smtpd import Server

BAD = "来年度の採用でご検討いただけないでしょうか。"


@pytest.fixture
def org(served: tuple[Deployment, Server]) -> Deployment:
    return served[0]


@pytest.fixture
def smtp(served: tuple[Deployment, Server]) -> Server:
    return served[1]


def actions(org: Deployment) -> list[str]:
    with system_transaction(org.engine) as connection:
        return [r[0] for r in connection.execute(text("SELECT action FROM org_audit ORDER BY id"))]


def test_a_request_goes_from_draft_to_reply_with_every_step_audited(
    org: Deployment, smtp: Server
) -> None:
    who = people(org)
    request = open_request(org, who)
    assert [q["status"] for q in service.review_queue(org.engine, who["adv"])] == ["drafted"]
    # The client signs the 委任状 they read; only then do the drafts say it is attached.
    letter = service.authorisation_text(org.engine, who["a"], request)
    with pytest.raises(InputError, match="一致しません"):
        service.confirm_authorisation(org.engine, who["a"], request, sha(letter + "x"))
    service.confirm_authorisation(org.engine, who["a"], request, sha(letter))
    assert "委任状を添付いたしました" in body(org, request, 1)
    # Staff edit: a sentence beyond conveying is refused; a good edit resets nothing else.
    with pytest.raises(InputError, match="messenger-negotiation"):
        service.edit(
            org.engine,
            who["adv"],
            request,
            1,
            body(org, request, 1).replace("お手数を", BAD + "\nお手数を"),
        )
    first = body(org, request, 1)
    service.approve(org.engine, who["a"], request, 1, sha(first))
    edited = first.replace("突然のメールにて失礼いたします。", "突然のご連絡にて失礼いたします。")
    service.edit(org.engine, who["adv"], request, 1, edited)  # after approval: a new one needed
    with pytest.raises(InputError, match="承認した文面だけ"):
        service.queue_send(org.engine, who["adv"], org.config, request, 1)
    with pytest.raises(InputError, match="変更がありました"):
        service.approve(org.engine, who["a"], request, 1, sha(first))
    service.approve(org.engine, who["a"], request, 1, sha(edited))
    send = service.queue_send(org.engine, who["adv"], org.config, request, 1)
    with pytest.raises(InputError, match="すでに"):
        service.queue_send(org.engine, who["adv"], org.config, request, 1)
    assert service.deliver(org.engine, org.config, send) == "sent"
    assert service.deliver(org.engine, org.config, send) == "sent"  # a retried job sends nothing
    (received,) = smtp.handler.received
    message = received.message
    assert message["To"].addresses[0].addr_spec == "hr1@t1.example.jp"
    assert "山田 太郎様の内定辞退について" in message["Subject"]
    (pdf,) = list(message.iter_attachments())
    assert pdf.get_filename() == "委任状.pdf"
    assert "突然のご連絡にて失礼いたします。" in message.get_body().get_content()
    # The reply lands on the right company's timeline, routed to a lawyer when it raises money.
    assert (
        service.record_reply(org.engine, who["adv"], request, 1, "研修費を請求いたします。")
        == "legal"
    )
    events = [(e.position, e.kind) for e in service.timeline(org.engine, who["a"], request)]
    assert events[-1] == (1, "answered") and (1, "sent") in events and (2, "sent") not in events
    assert actions(org).count("service.approve") == 2
    for action in (
        "service.request",
        "service.authorise",
        "service.edit",
        "service.send",
        "service.reply",
    ):
        assert action in actions(org)
    with pytest.raises(InputError, match="取り下げられません"):
        service.withdraw(org.engine, who["a"], request)


def test_the_database_refuses_a_second_send_for_the_same_company(org: Deployment) -> None:
    who = people(org)
    request = open_request(org, who, count=1)
    service.approve(org.engine, who["a"], request, 1, sha(body(org, request, 1)))
    service.queue_send(org.engine, who["adv"], org.config, request, 1)
    with pytest.raises(IntegrityError), system_transaction(org.engine) as connection:
        connection.execute(
            text(
                "INSERT INTO service_sends (request_id, position, message_id) VALUES (:r, 1, '<x@y>')"
            ),
            {"r": request},
        )


def test_roles_and_rows_are_kept_apart(org: Deployment) -> None:
    who = people(org)
    request = open_request(org, who, count=2)
    with pytest.raises(Forbidden):
        service.approve(org.engine, who["adv"], request, 1, sha(body(org, request, 1)))
    with pytest.raises(Forbidden):
        service.edit(org.engine, who["a"], request, 1, body(org, request, 1))
    with pytest.raises(InputError, match="見つかりません"):
        service.timeline(org.engine, who["b"], request)  # another client's request
    assert service.review_queue(org.engine, Actor(who["adv"].user_id, "adviser"))
    service.withdraw(org.engine, who["a"], request)
    assert service.review_queue(org.engine, who["adv"])[0]["status"] == "withdrawn"


def test_twenty_companies_and_the_dashboard(org: Deployment) -> None:
    who = people(org)
    request = open_request(org, who, count=20)
    for position in range(1, 21):
        service.approve(org.engine, who["a"], request, position, sha(body(org, request, position)))
    sends = [
        service.queue_send(org.engine, who["adv"], org.config, request, p) for p in range(1, 21)
    ]
    assert len(set(sends)) == 20
    data = service.dashboard(org.engine, who["adv"], dt.datetime(2026, 12, 5, tzinfo=dt.UTC))
    assert data["total"] == 1 and data["by_status"]["approved"] == 1 and data["overdue"] == 1


def outbox_rows(org: Deployment) -> list[tuple[str, str, str]]:
    with system_transaction(org.engine) as connection:
        return [
            (r[0], r[1], r[2])
            for r in connection.execute(
                text(
                    "SELECT kind, to_address, body FROM org_outbox WHERE kind = 'service' ORDER BY id"
                )
            )
        ]


def test_calls_are_logged_and_the_client_is_told_once_unless_they_opt_out(
    org: Deployment, smtp: Server
) -> None:
    who = people(org)
    request = open_request(org, who, count=2)
    with pytest.raises(InputError, match="outcome"):
        service.log_call(org.engine, who["adv"], request, 1, "negotiated")
    service.log_call(org.engine, who["adv"], request, 1, "absent")
    service.approve(org.engine, who["a"], request, 2, sha(body(org, request, 2)))
    send = service.queue_send(org.engine, who["adv"], org.config, request, 2)
    assert service.deliver(org.engine, org.config, send) == "sent"
    queued = service.notify_clients(org.engine, org.config)
    assert len(queued) == 2 and service.notify_clients(org.engine, org.config) == []
    rows = outbox_rows(org)
    assert [r[1] for r in rows] == ["a@example.jp", "a@example.jp"]
    assert "株式会社テスト01に電話しました。" in rows[0][2]
    assert "株式会社テスト02へのメールを送信しました。" in rows[1][2]
    assert all(WORDS not in r[2] for r in rows)
    events = service.timeline(org.engine, who["a"], request)
    assert (1, "called", "absent") in [(e.position, e.kind, e.detail) for e in events]
    service.set_notify(org.engine, who["a"], request, False)
    service.log_call(org.engine, who["adv"], request, 1, "conveyed")
    assert service.notify_clients(org.engine, org.config) == []
    assert "service.call" in actions(org)


def test_a_reply_by_email_lands_on_the_company_it_answers(org: Deployment, smtp: Server) -> None:
    from email.message import EmailMessage

    who = people(org)
    request, sends = approved_and_queued(org, who)
    for send in sends:
        service.deliver(org.engine, org.config, send)
    second = next(r.message for r in smtp.handler.received if r.rcpt_tos == ["hr2@t2.example.jp"])
    reply = EmailMessage()
    reply["From"] = "hr2@t2.example.jp"
    reply["To"] = "desk@jitai.example.jp"
    reply["Subject"] = "Re: " + str(second["Subject"])
    reply["In-Reply-To"] = second["Message-ID"]
    reply.set_content(
        "承知いたしました。ご本人によろしくお伝えください。\n\n> 突然のメールにて失礼いたします。\n> 来年度の採用でご検討\n"
    )
    assert service.ingest_reply(org.engine, reply.as_bytes()) == (request, 2, "acknowledged")
    view = service.get_request(org.engine, who["a"], request)
    assert [c.status for c in view.companies] == ["sent", "answered"]
    unrelated = EmailMessage()
    unrelated["In-Reply-To"] = "<nothing@example.jp>"
    unrelated.set_content("承知いたしました。")
    assert service.ingest_reply(org.engine, unrelated.as_bytes()) is None


def test_a_send_left_by_a_killed_worker_is_never_sent_again(org: Deployment, smtp: Server) -> None:
    who = people(org)
    _request, (first, second) = approved_and_queued(org, who)
    assert service._claim(org.engine, first) is not None  # the worker dies right after its claim
    with system_transaction(org.engine) as connection:
        connection.execute(
            text(
                "UPDATE service_sends SET claimed_at = now() - interval '11 minutes' WHERE id = :i"
            ),
            {"i": first},
        )
    assert service.pending_sends(org.engine) == [second]
    assert service.settle_stalled(org.engine) == 1
    assert service.deliver(org.engine, org.config, first) == "uncertain"  # a restarted worker
    assert service.deliver(org.engine, org.config, second) == "sent"
    assert [r.rcpt_tos for r in smtp.handler.received] == [["hr2@t2.example.jp"]]


# --- the pages ---------------------------------------------------------------------------


def five_companies() -> str:
    source = (FIXTURES / "m1-three-newgrad.toml").read_text("utf-8")
    head = source.split("[[companies]]")[0]
    blocks = [
        f'[[companies]]\nname = "株式会社テスト{n}"\nemail = "hr{n}@t{n}.example.jp"\naccepted = true\n'
        for n in range(1, 6)
    ]
    return head + "\n".join(blocks)


def web_people(org: Deployment) -> dict[str, int]:
    made = active_users(org, "hana", "ken", "sato")
    with org.engine.begin() as connection:
        connection.execute(
            text("UPDATE org_users SET display_name = '佐藤 一郎' WHERE id = :i"),
            {"i": made["sato"]},
        )
    consent.give(org.engine, Actor(made["hana"], "applicant"), "share", consent.TEXT_VERSION, "t")
    return made


def shas(page: str) -> list[str]:
    return re.findall(r'name="sha" value="([0-9a-f]{64})"', page)


def test_five_companies_from_request_to_reply(org: Deployment, smtp: Server) -> None:
    ids = web_people(org)
    hana, sato, ken = org_client(org), org_client(org), org_client(org)
    hana_csrf = sign_in(hana, org.engine, "hana@example.jp")
    sato_csrf = sign_in(sato, org.engine, "sato@example.jp")
    ken_csrf = sign_in(ken, org.engine, "ken@example.jp")
    made = hana.post(
        "/service/requests",
        data={"csrf": hana_csrf, "case": five_companies(), "words": WORDS, "due": "2026-12-10"},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text
    page_url = made.headers["location"]
    request_id = int(page_url.rsplit("/", 1)[1])
    page = hana.get(page_url).text
    assert "委任状" in page and "株式会社テスト5" in page and "佐藤 一郎と申します" in page
    (letter,) = shas(page)[:1]
    assert (
        hana.post(f"{page_url}/authorise", data={"csrf": hana_csrf, "sha": letter}).status_code
        == 200
    )
    # Staff see it in the queue, try a sentence beyond conveying, then fix the wording.
    queue = sato.get("/service").text
    assert f'href="/service/requests/{request_id}"' in queue and "下書き" in queue
    body = (
        service.get_request(org.engine, Actor(ids["sato"], "adviser"), request_id).companies[0].body
    )
    bad = body.replace("お手数を", "来年度の採用でご検討いただけますと幸いです。\nお手数を")
    refused = sato.post(f"{page_url}/companies/1/edit", data={"csrf": sato_csrf, "body": bad})
    assert refused.status_code == 400 and "messenger-negotiation" in refused.text
    fixed = body.replace("突然のメールにて失礼いたします。", "突然のご連絡にて失礼いたします。")
    assert (
        sato.post(
            f"{page_url}/companies/1/edit", data={"csrf": sato_csrf, "body": fixed}
        ).status_code
        == 200
    )
    # The client approves each company's final wording; staff send; the worker sends each once.
    for position, digest in enumerate(shas(hana.get(page_url).text), start=1):
        done = hana.post(
            f"{page_url}/companies/{position}/approve", data={"csrf": hana_csrf, "sha": digest}
        )
        assert done.status_code == 200
    for position in range(1, 6):
        assert (
            sato.post(f"{page_url}/companies/{position}/send", data={"csrf": sato_csrf}).status_code
            == 200
        )
    twice = sato.post(f"{page_url}/companies/1/send", data={"csrf": sato_csrf})
    assert twice.status_code == 400
    for _ in range(2):  # a worker restarted mid-batch runs the jobs again
        for send_id in range(1, 6):
            service.deliver(org.engine, org.config, send_id)
    assert sorted(r.rcpt_tos[0] for r in smtp.handler.received) == [
        f"hr{n}@t{n}.example.jp" for n in range(1, 6)
    ]
    first = next(r.message for r in smtp.handler.received if r.rcpt_tos == ["hr1@t1.example.jp"])
    assert "突然のご連絡にて失礼いたします。" in first.get_body().get_content()
    assert [a.get_filename() for a in first.iter_attachments()] == ["委任状.pdf"]
    # A reply that raises money reaches the client on the right company's timeline.
    reply = sato.post(
        f"{page_url}/companies/3/reply",
        data={"csrf": sato_csrf, "body": "研修費を請求いたします。"},
    )
    assert reply.status_code == 200
    seen = hana.get(page_url).text
    section = seen.split("3. 株式会社テスト3")[1].split("4. 株式会社テスト4")[0]
    assert "弁護士に相談" in section and "返事あり" in section
    # A phone call's outcome, logged by staff, is on the client's timeline too.
    call = sato.post(
        f"{page_url}/companies/4/call", data={"csrf": sato_csrf, "outcome": "conveyed"}
    )
    assert call.status_code == 200
    assert "電話: 電話で辞退をお伝えし、受け付けていただきました" in hana.get(page_url).text
    # Nobody else sees it; the CSV carries no names.
    assert ken.get(page_url).status_code == 404
    assert ken.post(f"{page_url}/withdraw", data={"csrf": ken_csrf}).status_code == 404
    csv = sato.get("/service/report.csv")
    assert csv.status_code == 200 and "株式会社" not in csv.text and "山田" not in csv.text
    assert csv.text.count("\n") == 6


def test_a_client_cannot_send_and_staff_cannot_approve(org: Deployment) -> None:
    ids = web_people(org)
    hana, sato = org_client(org), org_client(org)
    hana_csrf = sign_in(hana, org.engine, "hana@example.jp")
    sato_csrf = sign_in(sato, org.engine, "sato@example.jp")
    made = hana.post("/service/requests", data={"csrf": hana_csrf, "case": five_companies(),
                     "words": WORDS, "due": "2026-12-10"}, follow_redirects=False)  # fmt: skip
    url = made.headers["location"]
    digest = shas(hana.get(url).text)[1]
    assert (
        sato.post(f"{url}/companies/1/approve", data={"csrf": sato_csrf, "sha": digest}).status_code
        == 403
    )
    assert hana.post(f"{url}/companies/1/send", data={"csrf": hana_csrf}).status_code == 403
    assert hana.post(f"{url}/withdraw", data={"csrf": hana_csrf}).status_code == 200
    assert "取り下げ" in hana.get("/service").text
    assert ids
