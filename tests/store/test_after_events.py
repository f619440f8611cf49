"""Events drive the plan (issue 17): an answer, a callback time or a visit date re-plans what is
due on the business calendar, and the case offers the document that answers it (`case show`'s
next_document, `naitei case draft ID`). Run as a user runs them: a subprocess, a real database."""

from __future__ import annotations

from tests.support.store_cli import DECLINE, NOW, add, log, run, run_json


def test_a_callback_time_is_when_the_call_is_due(cli_database_url: str) -> None:
    case_id = add(cli_database_url)
    log(cli_database_url, case_id, "called", "--outcome", "absent", "--callback", "16:30",
        "--at", "2026-11-26T10:05:00+09:00")  # fmt: skip
    shown = run_json(cli_database_url, "case", "show", case_id, "--now", NOW)
    assert shown["next_due"] == "2026-11-26T16:30:00+09:00"
    assert shown["events"][0]["expected_at"] == "2026-11-26T16:30:00+09:00"
    # Back after closing time: the first window of the next business day (Friday).
    case_id = add(cli_database_url)
    log(cli_database_url, case_id, "called", "--outcome", "absent", "--callback", "19:00",
        "--at", "2026-11-26T16:35:00+09:00")  # fmt: skip
    shown = run_json(cli_database_url, "case", "show", case_id, "--now", NOW)
    assert shown["next_due"].startswith("2026-11-27T")


def test_considering_waits_for_the_promised_day_then_offers_the_follow_up(
    cli_database_url: str,
) -> None:
    case_id = add(cli_database_url)
    log(
        cli_database_url,
        case_id,
        "called",
        "--outcome",
        "reached",
        "--at",
        "2026-11-26T10:05:00+09:00",
    )
    log(cli_database_url, case_id, "answered", "--outcome", "considering", "--answer-by",
        "2026-11-30", "--at", "2026-11-26T10:20:00+09:00")  # fmt: skip
    shown = run_json(
        cli_database_url, "case", "show", case_id, "--now", "2026-11-26T12:00:00+09:00"
    )
    assert shown["status"] == "awaiting"
    assert shown["next_due"].startswith("2026-12-01T")  # the business day after the promise
    assert shown["next_document"]["kind"] == "thanks-considering"
    assert shown["next_document"]["facts"] == {"answer_by": "2026-11-30"}
    thanks = run(cli_database_url, "case", "draft", case_id, "--now", "2026-11-26T12:00:00+09:00")
    assert "11月30日(月)までにお返事をいただけるとのこと" in thanks
    assert "お電話にて" not in thanks  # how the answer came was not recorded
    late = run_json(cli_database_url, "case", "show", case_id, "--now", "2026-12-01T11:00:00+09:00")
    assert late["next_document"]["kind"] == "follow-up-phone"
    assert late["next_document"]["also"] == ["follow-up-email"]
    script = run(cli_database_url, "case", "draft", case_id, "--now", "2026-12-01T11:00:00+09:00")
    assert "11月30日(月)までにお返事をいただけると伺っておりました" in script
    email = run(cli_database_url, "case", "draft", case_id, "--kind", "follow-up-email",
                "--now", "2026-12-01T11:00:00+09:00")  # fmt: skip
    assert "11月26日に、内定辞退の撤回について" in email


def test_a_visit_date_is_due_and_confirmed(cli_database_url: str) -> None:
    case_id = add(cli_database_url)
    log(cli_database_url, case_id, "answered", "--outcome", "come_in", "--visit-at",
        "2026-12-03T14:00", "--at", "2026-11-26T10:20:00+09:00")  # fmt: skip
    shown = run_json(
        cli_database_url, "case", "show", case_id, "--now", "2026-11-26T12:00:00+09:00"
    )
    assert shown["next_due"] == "2026-12-03T14:00:00+09:00"
    assert shown["next_document"] == {
        "kind": "visit-confirm",
        "title": "訪問の確認のメール",
        "facts": {"visit_at": "2026-12-03T14:00+09:00"},
        "also": ["visit"],
    }
    text = run(cli_database_url, "case", "draft", case_id, "--now", "2026-11-26T12:00:00+09:00")
    assert "日時：12月3日(木) 14:00" in text and "印鑑" not in text
    due = run_json(cli_database_url, "case", "due")
    assert due[0]["next_due"] == "2026-12-03T14:00:00+09:00"


def test_an_accepted_withdrawal_offers_thanks_until_it_is_sent(cli_database_url: str) -> None:
    case_id = add(cli_database_url)
    log(
        cli_database_url,
        case_id,
        "answered",
        "--outcome",
        "accepted",
        "--at",
        "2026-11-26T10:20:00+09:00",
    )
    shown = run_json(cli_database_url, "case", "show", case_id, "--now", NOW)
    assert (shown["status"], shown["next_document"]["kind"]) == ("accepted", "thanks-accepted")
    log(cli_database_url, case_id, "emailed", "--at", "2026-11-26T11:00:00+09:00")
    assert (
        run_json(cli_database_url, "case", "show", case_id, "--now", NOW)["next_document"] is None
    )
    refused = run(cli_database_url, "case", "draft", case_id, "--kind", "fax", code=2)
    assert (
        "--kind: " in refused
    )  # the option the user typed (it said KIND, the argument of naitei draft)


def test_a_decline_answered_with_a_request_to_come_in_is_kept(cli_database_url: str) -> None:
    case_id = run_json(cli_database_url, "case", "add", DECLINE, "--now", NOW)["ids"][0]
    log(
        cli_database_url,
        case_id,
        "answered",
        "--outcome",
        "come_in",
        "--at",
        "2026-11-26T10:20:00+09:00",
    )
    shown = run_json(cli_database_url, "case", "show", case_id, "--now", NOW)
    assert shown["status"] == "contacting"
    assert shown["next_document"]["kind"] == "decline-keep"
    text = run(cli_database_url, "case", "draft", case_id, "--now", NOW)
    assert "お申し出" in text and "辞退の意思に変わりはございません" in text


def test_a_named_moment_must_fit_the_event(cli_database_url: str) -> None:
    case_id = add(cli_database_url)
    wrong = log(cli_database_url, case_id, "answered", "--outcome", "accepted", "--callback",
                "17:00", "--at", "2026-11-26T10:20:00+09:00", code=2)  # fmt: skip
    assert "--callback" in wrong
    past = log(cli_database_url, case_id, "answered", "--outcome", "come_in", "--visit-at",
               "2026-11-25T14:00", "--at", "2026-11-26T10:20:00+09:00", code=2)  # fmt: skip
    assert "--visit-at" in past
    both = log(cli_database_url, case_id, "called", "--outcome", "absent", "--callback", "17:00",
               "--visit-at", "2026-12-03T14:00", code=2)  # fmt: skip
    assert "--visit-at" in both
    assert run_json(cli_database_url, "case", "show", case_id, "--now", NOW)["events"] == []
