"""Decline emails in the store (naitei.store.sends), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from naitei.case import DeclineCase
from naitei.compose.decline_kit import decline_kit
from naitei.mail.sending import Mailer, SmtpSettings
from naitei.services import cases as services
from naitei.services.outbox import Outbox
from naitei.store import sends
from naitei.store.engine import Store
from tests.support.cases import NOW
from tests.support.decline_env import SENDER, five
from tests.support.smtpd import smtp_server

LATER = NOW + dt.timedelta(hours=14)


def other_applicant(case: DeclineCase) -> DeclineCase:
    return case.model_copy(
        update={"applicant": case.applicant.model_copy(update={"name": "別の 人"})}
    )


def test_each_company_matches_the_newest_case_of_the_same_applicant(store: Store) -> None:
    case, _kit = five()
    services.add_case(store, other_applicant(case), NOW)
    first = [c.id for c in services.add_case(store, case, NOW)]
    assert sends.match_decline_cases(store, case) == dict(enumerate(first, start=1))
    again = [c.id for c in services.add_case(store, case, LATER)]
    assert sends.match_decline_cases(store, case) == dict(enumerate(again, start=1))


def test_no_match_without_the_cases(store: Store) -> None:
    case, _kit = five()
    services.add_case(store, other_applicant(case), NOW)
    assert sends.match_decline_cases(store, case) == {}


def test_a_sent_email_is_recorded_once(store: Store) -> None:
    case, _kit = five()
    case_id = services.add_case(store, case, NOW)[0].id
    record = {"at": LATER, "now": LATER, "recipient": "株式会社さくら出版 田中様", "note": "送信"}
    assert sends.record_sent_email(store, case_id, "<abc@example.com>", **record) is True
    assert sends.record_sent_email(store, case_id, "<abc@example.com>", **record) is False
    detail = services.get_case(store, case_id)
    [event] = detail.events
    assert (event.kind, event.message_id, event.with_whom) == (
        "emailed",
        "<abc@example.com>",
        "株式会社さくら出版 田中様",
    )
    assert detail.summary.status == "declined"
    assert sends.emailed(store, [case_id]) == {case_id: {"<abc@example.com>"}}


def test_an_email_logged_by_hand_counts_as_sent(store: Store) -> None:
    case, _kit = five()
    case_id = services.add_case(store, case, NOW)[0].id
    services.log_event(store, case_id, "emailed", at=LATER, now=LATER)
    assert sends.emailed(store, [case_id]) == {case_id: {None}}


def test_the_message_id_survives_export_and_import(store: Store) -> None:
    case, _kit = five()
    case_id = services.add_case(store, case, NOW)[0].id
    record = {"at": LATER, "now": LATER, "recipient": "田中様", "note": "送信"}
    sends.record_sent_email(store, case_id, "<abc@example.com>", **record)
    exported = services.export_all(store, LATER)
    services.delete_case(store, case_id)
    services.import_all(store, json.loads(json.dumps(exported)), "export.json", LATER)
    assert sends.emailed(store, [case_id])[case_id] == {"<abc@example.com>"}


@pytest.fixture
def store_env(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("NAITEI_DATABASE_URL", database_url)
    monkeypatch.setenv("NAITEI_DATA_DIR", str(tmp_path / "data"))
    return database_url


def send_all(out: Path, port: int) -> list[int]:
    case, kit = five()
    settings = SmtpSettings("127.0.0.1", port, "none", "", SENDER)
    with Outbox(case, kit, out, NOW) as box:
        box.prepare()
        box.reconcile()
        with Mailer(settings) as mailer:
            result = box.send(mailer, SENDER, box.pending())
    return [record.index for record in result.sent]


def test_sends_made_before_the_cases_were_added_are_recorded_later(
    store_env: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Sent without a store, then `case add`: the rerun adds the events and sends nothing."""
    out = tmp_path / "out"
    with smtp_server() as server:
        monkeypatch.delenv("NAITEI_DATABASE_URL")
        assert send_all(out, server.port) == [1, 2, 3, 4, 5]
        monkeypatch.setenv("NAITEI_DATABASE_URL", store_env)
        store = services.open_store()
        try:
            case, _kit = five()
            ids = [c.id for c in services.add_case(store, case, NOW)]
            assert send_all(out, server.port) == []
            emailed = sends.emailed(store, ids)
        finally:
            store.dispose()
    assert len(server.received) == 5
    sent = json.loads((out / "sent.json").read_text(encoding="utf-8"))["sent"]
    assert [emailed[case_id] for case_id in ids] == [{item["message_id"]} for item in sent]


def test_a_new_folder_does_not_send_again_when_the_store_knows(
    store_env: str, tmp_path: Path
) -> None:
    store = services.open_store()
    try:
        case, kit = five()
        services.add_case(store, case, NOW)
    finally:
        store.dispose()
    with smtp_server() as server:
        assert send_all(tmp_path / "first", server.port) == [1, 2, 3, 4, 5]
        assert send_all(tmp_path / "second", server.port) == []
    assert len(server.received) == 5
    summary = json.loads((tmp_path / "second" / "summary.json").read_text(encoding="utf-8"))
    assert {row["status"] for row in summary["companies"]} == {"sent"}
    assert decline_kit(case, NOW) == kit


# The send ledger (issue 14): one send per (decline file, company, recipient), claimed under a
# unique constraint before the message goes to the server — on SQLite and PostgreSQL.


def test_a_send_is_claimed_once(store: Store) -> None:
    key = sends.send_key("decline-1", "株式会社さくら出版", "saiyo@sakura.example.jp")
    assert sends.claim(store, key, "<a@x>", 1, NOW) == "claimed"
    assert sends.claim(store, key, "<a@x>", 1, NOW) == "handing"  # outcome unknown
    sends.mark_sent(store, key, NOW)
    assert sends.claim(store, key, "<a@x>", 1, NOW) == "sent"
    same = sends.send_key("decline-1", "株式会社 さくら出版\u200b", "SAIYO@sakura.example.jp")
    assert (
        sends.claim(store, same, "<a@x>", 1, NOW) == "sent"
    )  # the same company, written otherwise
    other = sends.send_key("decline-2", "株式会社さくら出版", "saiyo@sakura.example.jp")
    assert sends.claim(store, other, "<b@x>", 1, NOW) == "claimed"  # another decline file


def test_a_refused_send_is_released(store: Store) -> None:
    key = sends.send_key("decline-1", "株式会社さくら出版", "saiyo@sakura.example.jp")
    assert sends.claim(store, key, "<a@x>", 1, NOW) == "claimed"
    sends.release(store, key)
    assert sends.claim(store, key, "<a@x>", 1, NOW) == "claimed"


def test_concurrent_claims_from_two_connections_let_one_through(database_url: str) -> None:
    import threading

    from naitei.services.cases import open_store

    stores = [open_store(database_url) for _ in range(4)]
    key = sends.send_key("decline-1", "株式会社さくら出版", "saiyo@sakura.example.jp")
    results: list[str] = []
    start = threading.Barrier(len(stores))

    def claim(one: Store) -> None:
        start.wait()
        results.append(sends.claim(one, key, "<a@x>", 1, NOW))

    threads = [threading.Thread(target=claim, args=(one,)) for one in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for one in stores:
        one.dispose()
    assert sorted(results) == ["claimed", "handing", "handing", "handing"]


def test_the_ledger_keeps_no_name_or_address(store: Store) -> None:
    from sqlalchemy import text

    key = sends.send_key("decline-1", "株式会社さくら出版", "saiyo@sakura.example.jp")
    sends.claim(store, key, "<a@x>", 1, NOW)
    with store.session(write=False) as session:
        row = session.execute(text("SELECT * FROM sends")).one()
    assert not any("さくら" in str(value) or "saiyo" in str(value) for value in row)
