"""Withdrawal help on the decline service (issue 19), on a real PostgreSQL and a real SMTP
server: a client's withdrawal case becomes a request (drafts, consent records), staff coach and
edit (the withdrawal checker and the 非弁 guardrail), the client approves and takes the final
wording to send themselves — and every way of making the service send it anyway fails: the
use case, the pages, the database (as the app, the worker's role and the owner), the worker."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from email import message_from_bytes, policy
from urllib.parse import unquote

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from naitei.errors import InputError
from naitei.org import consent, service
from naitei.org.db import Actor, system_transaction, transaction
from tests.support.cases import BASE_CASE, EXAMPLES, NOW, case_data
from tests.support.messenger import DUE, Desk, sha
from tests.support.org import Deployment, org_client, sign_in
from tests.support.service_flows import (
    worker,
)

PHONE_EDIT = ("お電話でお話ししたとおり、", "お電話で申し上げましたとおり、")


def _open(org: Deployment, who: dict[str, Actor], words: str = "") -> int:
    return service.create_request(
        org.engine, who["a"], case_data(), words, "辞退連絡サービス", "中村 花子", DUE, now=NOW
    )


def _row(org: Deployment, request: int) -> tuple[str, str, str]:
    with system_transaction(org.engine) as connection:
        found = connection.execute(
            text(
                "SELECT body, status, phone_script FROM service_request_companies"
                " WHERE request_id = :r"
            ),
            {"r": request},
        ).one()
    return str(found.body), str(found.status), str(found.phone_script)


def _actions(org: Deployment) -> list[str]:
    with system_transaction(org.engine) as connection:
        return [r[0] for r in connection.execute(text("SELECT action FROM org_audit ORDER BY id"))]


def _approved(org: Deployment, who: dict[str, Actor]) -> int:
    request = _open(org, who)
    service.approve(org.engine, who["a"], request, 1, sha(_row(org, request)[0]))
    return request


def _sends(org: Deployment) -> int:
    with system_transaction(org.engine) as connection:
        return int(connection.execute(text("SELECT count(*) FROM service_sends")).scalar_one())


def test_a_withdrawal_is_drafted_coached_approved_and_handed_to_the_client(desk: Desk) -> None:
    org, smtp, who = desk
    request = _open(org, who, words="電話で何から話せばよいか、相談させてください。")
    body, status, phone = _row(org, request)
    assert status == "drafted" and "内定辞退の撤回" in body and "# 電話の台本" in phone
    view = service.get_request(org.engine, who["adv"], request)
    assert view.kind == "withdrawal_help" and view.words.startswith("電話で何から")
    with system_transaction(org.engine) as connection:
        stored = connection.execute(
            text("SELECT consents, case_data FROM service_requests WHERE id = :r"), {"r": request}
        ).one()
    assert [c["kind"] for c in stored.consents] == ["share"]
    assert stored.case_data["purpose"] == "withdraw"
    # Coaching: money or a claim is beyond preparing the client's own request (非弁 guardrail);
    # a checker error is refused; a careful edit passes and needs the client's approval again.
    money = body.replace("どのようなご判断", "交通費はこちらで負担いたしますので、どのようなご判断")
    with pytest.raises(InputError, match="弁護士"):
        service.edit(org.engine, who["adv"], request, 1, money)
    with pytest.raises(InputError, match="株式会社サンプル: "):
        service.edit(org.engine, who["adv"], request, 1, "よろしく！")
    service.approve(org.engine, who["a"], request, 1, sha(body))
    edited = body.replace(*PHONE_EDIT)
    service.edit(org.engine, who["adv"], request, 1, edited)
    assert _row(org, request)[1] == "drafted"
    with pytest.raises(InputError, match="承認した文面だけ"):
        service.handoff(org.engine, who["a"], request)
    with pytest.raises(InputError, match="変更がありました"):
        service.approve(org.engine, who["a"], request, 1, sha(body))
    service.approve(org.engine, who["a"], request, 1, sha(edited))
    # The client takes the final wording: an .eml from their own address, a mailto, the script.
    given = service.handoff(org.engine, who["a"], request)
    assert given.body == edited and given.phone_script == phone
    draft = message_from_bytes(given.eml, policy=policy.default)
    assert draft["X-Unsent"] == "1" and draft["From"].addresses[0].addr_spec == "taro@example.com"
    assert draft["To"].addresses[0].addr_spec == "saiyo@example.co.jp"
    assert PHONE_EDIT[1] in draft.get_content()
    assert given.mailto.startswith("mailto:saiyo@example.co.jp?subject=")
    assert unquote(given.mailto.split("&body=")[1]) == edited
    assert service.get_request(org.engine, who["a"], request).companies[0].status == "approved"
    with pytest.raises(Exception, match="権限"):
        service.handoff(org.engine, who["adv"], request)  # staff never take it to send
    events = [e.kind for e in service.timeline(org.engine, who["a"], request)]
    assert events == ["drafted", "approved", "edited", "approved", "handed_over"]
    actions = _actions(org)
    for action in ("service.request", "service.edit", "service.handoff"):
        assert action in actions
    assert actions.count("service.approve") == 2
    assert _sends(org) == 0 and smtp.handler.received == []


def test_no_request_without_the_share_consent_and_sensitive_details_need_their_own(
    desk: Desk,
) -> None:
    org, _, who = desk
    with pytest.raises(InputError, match="consent: "):
        service.create_request(
            org.engine, who["b"], case_data(), "", "辞退連絡サービス", "中村 花子", DUE, now=NOW
        )
    detailed = case_data(withdrawal__why_detail="家族の看病が必要になりました。")
    with pytest.raises(InputError, match=r"withdrawal\.why_detail: "):
        service.create_request(
            org.engine, who["a"], detailed, "", "辞退連絡サービス", "中村 花子", DUE, now=NOW
        )


def test_the_service_refuses_to_send_sign_or_call_for_a_withdrawal(desk: Desk) -> None:
    org, smtp, who = desk
    request = _approved(org, who)
    with pytest.raises(InputError, match="会社へ送ることも電話することもしません"):
        service.queue_send(org.engine, who["adv"], org.config, request, 1)
    with pytest.raises(InputError, match="会社へ送ることも"):
        service.log_call(org.engine, who["adv"], request, 1, "conveyed")
    with pytest.raises(InputError, match="会社へ送ることも"):
        service.authorisation_text(org.engine, who["a"], request)
    with pytest.raises(InputError, match="会社へ送ることも"):
        service.confirm_authorisation(org.engine, who["a"], request, "0" * 64)
    assert _sends(org) == 0 and smtp.handler.received == []


def _insert_send(connection: object, request: int, kind: str | None = None) -> None:
    columns, values = "request_id, position, message_id", ":r, 1, '<x@jitai.example.jp>'"
    if kind is not None:
        columns, values = columns + ", request_kind", values + ", :k"
    connection.execute(  # type: ignore[attr-defined]
        text(f"INSERT INTO service_sends ({columns}) VALUES ({values})"),
        {"r": request, "k": kind},
    )


def test_the_database_holds_no_send_for_a_withdrawal_whoever_inserts_it(desk: Desk) -> None:
    org, _, who = desk
    request = _approved(org, who)
    # As the running app's login, under the adviser's row-level security...
    with (
        pytest.raises(IntegrityError, match="service_sends_request_kind"),
        transaction(org.app_engine, who["adv"]) as connection,
    ):
        _insert_send(connection, request)
    # ... as the worker's role, and as the schema owner (who bypasses row-level security).
    with (
        pytest.raises(IntegrityError, match="service_sends_request_kind"),
        system_transaction(org.app_engine) as connection,
    ):
        _insert_send(connection, request)
    for kind in ("withdrawal_help", "decline"):
        with (
            pytest.raises(IntegrityError, match="service_sends_"),
            org.engine.begin() as connection,
        ):
            _insert_send(connection, request, kind)
    # Nor can the request be turned into a decline to send it after all.
    with (
        pytest.raises(DBAPIError, match="kind cannot change"),
        org.engine.begin() as connection,
    ):
        connection.execute(
            text("UPDATE service_requests SET kind = 'decline' WHERE id = :r"), {"r": request}
        )
    assert _sends(org) == 0


def test_the_pages_offer_no_send_and_refuse_one(desk: Desk) -> None:
    org, smtp, who = desk
    hana, sato = org_client(org), org_client(org)
    hana_csrf = sign_in(hana, org.engine, "a@example.jp")
    sato_csrf = sign_in(sato, org.engine, "adv@example.jp")
    with org.engine.begin() as connection:
        connection.execute(
            text("UPDATE org_users SET display_name = '佐藤 一郎' WHERE id = :i"),
            {"i": who["adv"].user_id},
        )
    case = (EXAMPLES / "new-grad.toml").read_text("utf-8")  # with its why_detail: sensitive
    refused = hana.post(
        "/service/requests", data={"csrf": hana_csrf, "case": case, "due": "2026-12-10"}
    )
    assert refused.status_code == 400 and "reason_detail: " in refused.text
    consent.give(org.engine, who["a"], "sensitive", consent.TEXT_VERSION, "t")
    made = hana.post("/service/requests", data={"csrf": hana_csrf, "case": case, "words": "",
                     "due": "2026-12-10"}, follow_redirects=False)  # fmt: skip
    assert made.status_code == 303, made.text
    url = made.headers["location"]
    mine = hana.get(url).text
    assert "内定辞退の撤回の準備" in mine and "会社へ送ることも電話することもしません" in mine
    assert "/authorise" not in mine and "この内容を確認し、委任します" not in mine
    staff = sato.get(url).text
    assert "/companies/1/edit" in staff
    assert "/companies/1/send" not in staff and "/companies/1/call" not in staff
    (digest,) = re.findall(r'name="sha" value="([0-9a-f]{64})"', mine)
    assert hana.post(f"{url}/companies/1/approve", data={"csrf": hana_csrf,
                     "sha": digest}).status_code == 200  # fmt: skip
    for path in ("send", "call"):
        refused = sato.post(f"{url}/companies/1/{path}",
                            data={"csrf": sato_csrf, "outcome": "conveyed"})  # fmt: skip
        assert refused.status_code == 400 and "会社へ送ることも" in refused.text
    assert hana.post(f"{url}/companies/1/send", data={"csrf": hana_csrf}).status_code == 403
    handed = hana.post(f"{url}/companies/1/handoff", data={"csrf": hana_csrf})
    assert handed.status_code == 200 and 'id="mailto"' in handed.text
    eml = hana.post(f"{url}/companies/1/withdrawal.eml", data={"csrf": hana_csrf})
    assert eml.status_code == 200 and eml.headers["content-type"].startswith("message/rfc822")
    assert message_from_bytes(eml.content, policy=policy.default)["X-Unsent"] == "1"
    assert sato.post(f"{url}/companies/1/handoff", data={"csrf": sato_csrf}).status_code == 403
    assert _sends(org) == 0 and smtp.handler.received == []


def test_the_worker_refuses_a_forced_send_of_a_withdrawal(desk: Desk) -> None:
    """Should the foreign key ever be dropped: a send row forced in for a withdrawal is refused
    by `naitei worker` itself, nothing reaches the SMTP server, the refusal is on the timeline."""
    org, smtp, who = desk
    request = _approved(org, who)
    with org.engine.begin() as connection:
        connection.execute(
            text("ALTER TABLE service_sends DROP CONSTRAINT service_sends_request_kind")
        )
        _insert_send(connection, request)
    with worker(org, smtp.port) as running:
        deadline = time.monotonic() + 60
        status = "queued"
        while status == "queued" and time.monotonic() < deadline and running.poll() is None:
            time.sleep(0.3)
            with system_transaction(org.engine) as connection:
                status = connection.execute(text("SELECT status FROM service_sends")).scalar_one()
        assert status == "failed"
        time.sleep(2)  # more ticks of the sweep: still nothing sent
    assert smtp.handler.received == []
    kinds = [e.kind for e in service.timeline(org.engine, who["a"], request)]
    assert "refused" in kinds and "sent" not in kinds


def test_a_withdrawal_case_is_checked_like_any_case_file(desk: Desk) -> None:
    org, _, who = desk
    broken = json.loads(json.dumps(BASE_CASE, default=str)) | {"purpose": "withdraw"}
    broken["company"] = {"name": ""}
    with pytest.raises(InputError, match="company"):
        service.create_request(
            org.engine, who["a"], broken, "", "辞退連絡サービス", "中村 花子", DUE,
            now=dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC),
        )  # fmt: skip
    assert service.list_requests(org.engine, who["a"]) == []
