"""The decline service's pages on `naitei serve --org`, in process against a real PostgreSQL and a
real SMTP server: a client's five-company request, the 委任状, a staff edit, the client's
approvals, sends made once each, a reply on the right company's timeline, the CSV."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from naitei.org import accounts, consent, service
from naitei.org.db import Actor, transaction
from tests.support.messenger import FIXTURES
from tests.support.org import Deployment, activate, deployment, org_client, sign_in
from tests.support.pg import Cluster
from tests.support.smtpd import Server, smtp_server

WORDS = "大変悩みましたが、別の会社への入社を決めました。内定をいただき、心より感謝しております。"


@pytest.fixture
def smtp() -> Iterator[Server]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def org(pg_cluster: Cluster, tmp_path: Path, smtp: Server) -> Iterator[Deployment]:
    with deployment(
        pg_cluster, tmp_path, smtp_port=smtp.port, mail_from="desk@jitai.example.jp"
    ) as ready:
        yield ready


def five_companies() -> str:
    source = (FIXTURES / "m1-three-newgrad.toml").read_text("utf-8")
    head = source.split("[[companies]]")[0]
    blocks = [
        f'[[companies]]\nname = "株式会社テスト{n}"\nemail = "hr{n}@t{n}.example.jp"\naccepted = true\n'
        for n in range(1, 6)
    ]
    return head + "\n".join(blocks)


def people(org: Deployment) -> dict[str, int]:
    admin = Actor(org.admin_id, "admin")
    with transaction(org.engine, admin) as connection:
        made = {name: accounts.invite(connection, admin, f"{name}@example.jp", role, "t").id
                for name, role in (("hana", "applicant"), ("ken", "applicant"), ("sato", "adviser"))}  # fmt: skip
    for user in made.values():
        activate(org.engine, user)
    with org.engine.begin() as connection:
        connection.execute(
            text("UPDATE org_users SET display_name = '佐藤 一郎' WHERE id = :i"),
            {"i": made["sato"]},
        )
    accounts.assign(org.engine, admin, made["hana"], made["sato"], "t")
    consent.give(org.engine, Actor(made["hana"], "applicant"), "share", consent.TEXT_VERSION, "t")
    return made


def shas(page: str) -> list[str]:
    return re.findall(r'name="sha" value="([0-9a-f]{64})"', page)


def test_five_companies_from_request_to_reply(org: Deployment, smtp: Server) -> None:
    ids = people(org)
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
    call = sato.post(f"{page_url}/companies/4/call", data={"csrf": sato_csrf, "outcome": "conveyed"})
    assert call.status_code == 200
    assert "電話: 電話で辞退をお伝えし、受け付けていただきました" in hana.get(page_url).text
    # Nobody else sees it; the CSV carries no names.
    assert ken.get(page_url).status_code == 404
    assert ken.post(f"{page_url}/withdraw", data={"csrf": ken_csrf}).status_code == 404
    csv = sato.get("/service/report.csv")
    assert csv.status_code == 200 and "株式会社" not in csv.text and "山田" not in csv.text
    assert csv.text.count("\n") == 6


def test_a_client_cannot_send_and_staff_cannot_approve(org: Deployment) -> None:
    ids = people(org)
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
