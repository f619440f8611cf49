"""Dated steps of the withdrawal plan (CONTRACTS §4) and the .ics export."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from naitei.calendar import JST
from naitei.export.ics import plan_to_ics
from naitei.plan import make_plan
from tests.support.cases import NOW, make_case


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JST)


def steps_by_id(plan_dict: dict) -> dict[str, dict]:
    return {step["id"]: step for step in plan_dict["steps"]}


def test_wednesday_night_plan() -> None:
    steps = steps_by_id(make_plan(make_case(), NOW).to_dict())
    assert steps["prepare"]["due"] == "2026-11-25T21:30:00+09:00"
    assert steps["prepare"]["channel"] is None
    assert steps["call"]["window"] == {
        "start": "2026-11-26T10:00:00+09:00",
        "end": "2026-11-26T11:30:00+09:00",
    }
    assert steps["call"]["to"] == "company" and steps["call"]["channel"] == "phone"
    assert steps["confirm_email"]["channel"] == "email"
    assert steps["call_retry"]["window"]["start"] == "2026-11-26T13:00:00+09:00"
    assert steps["email_if_unreached"]["window"]["start"] == "2026-11-26T13:00:00+09:00"
    assert steps["visit"]["window"]["start"] == "2026-11-27T10:00:00+09:00"
    # Two silent business days after Thursday 26th (Fri 27th, Mon 30th): Tuesday 1st.
    assert steps["follow_up"]["window"]["start"] == "2026-12-01T10:00:00+09:00"
    assert steps["fallback"]["channel"] is None
    assert "佐藤様" in steps["call"]["title"]


def test_prepare_tells_to_rest_only_when_no_call_is_possible_today() -> None:
    night = steps_by_id(make_plan(make_case(), NOW).to_dict())["prepare"]["detail"]
    morning = steps_by_id(make_plan(make_case(), at(2026, 11, 26, 8, 0)).to_dict())["prepare"]
    assert "休んでください" in night
    assert "休んでください" not in morning["detail"]


def test_friday_evening_before_a_holiday_monday() -> None:
    case = make_case(decline__declined_at=at(2026, 11, 19, 12, 0))
    steps = steps_by_id(make_plan(case, at(2026, 11, 20, 17, 0)).to_dict())
    assert steps["call"]["window"]["start"] == "2026-11-24T10:00:00+09:00"


def test_agent_route_contacts_the_agent_first() -> None:
    case = make_case(offer__via="agent", offer__agent_name="キャリアブリッジ")
    plan = make_plan(case, NOW)
    first = plan.first_contact()
    assert first.to == "agent" and "キャリアブリッジ" in first.title


def test_school_route_consults_the_school_before_the_company() -> None:
    plan = make_plan(make_case(offer__via="school"), NOW).to_dict()
    contacts = [step for step in plan["steps"] if step["channel"]]
    assert contacts[0]["to"] == "school"
    assert contacts[1]["to"] == "company"
    assert contacts[1]["window"]["start"] > contacts[0]["window"]["start"]
    assert [s["id"] for s in contacts].count("report_school") == 1


def test_custom_hours_and_closed_days_move_the_call() -> None:
    case = make_case(company__hours="08:30-17:30", company__closed_days=[dt.date(2026, 11, 26)])
    steps = steps_by_id(make_plan(case, NOW).to_dict())
    assert steps["call"]["window"] == {
        "start": "2026-11-27T09:30:00+09:00",
        "end": "2026-11-27T11:30:00+09:00",
    }


def test_decline_plan_has_a_call_and_an_email_per_company() -> None:
    from pathlib import Path

    from naitei.case import load_case
    from tests.support.cases import EXAMPLES

    plan = make_plan(load_case(Path(EXAMPLES / "decline-three.toml")), NOW).to_dict()
    ids = [step["id"] for step in plan["steps"]]
    # 2 and 3 are not accepted and have an address: the email decides, the call follows
    assert ids == ["prepare", "call-1", "email-1", "email-2", "call-2", "email-3", "call-3"]
    assert {step.get("company") for step in plan["steps"][1:]} == {
        "株式会社さくら出版",
        "ひかり旅行株式会社",
        "合同会社アオバ",
    }


def test_ics_has_one_event_per_dated_step_and_stable_uids() -> None:
    plan = make_plan(make_case(), NOW)
    first = Calendar.from_ical(plan_to_ics(plan, "identity"))
    again = Calendar.from_ical(plan_to_ics(plan, "identity"))
    events = list(first.walk("VEVENT"))
    dated = [step for step in plan.steps if step.window or step.due]
    assert len(events) == len(dated)
    assert [e["UID"] for e in events] == [e["UID"] for e in again.walk("VEVENT")]
    call = next(e for e in events if str(e["UID"]).startswith("call-"))
    assert call.decoded("DTSTART") == at(2026, 11, 26, 10, 0)
    assert "佐藤様" in str(call["SUMMARY"])
    assert list(call.walk("VALARM"))
    assert "identity" not in plan_to_ics(plan, "identity").decode()


def test_without_the_employers_number_the_preparation_says_where_to_find_it() -> None:
    with_number = make_case(company__phone="03-1234-5678")
    known = steps_by_id(make_plan(with_number, NOW).to_dict())["prepare"]["detail"]
    unknown = steps_by_id(make_plan(make_case(company__phone=""), NOW).to_dict())["prepare"]
    by_agent = make_case(
        company__phone="", offer__via="agent", offer__agent_name="キャリアブリッジ"
    )
    assert "電話番号" not in known
    assert "会社の電話番号がまだ分かっていません" in unknown["detail"]
    # On the agent route the first call goes to the agent, whose number the applicant has.
    assert "電話番号" not in steps_by_id(make_plan(by_agent, NOW).to_dict())["prepare"]["detail"]


def test_a_decline_plan_names_the_employers_whose_number_is_missing() -> None:
    from pathlib import Path

    from naitei.case import load_case
    from tests.support.cases import EXAMPLES

    plan = make_plan(load_case(Path(EXAMPLES / "decline-three.toml")), NOW).to_dict()
    prepare = steps_by_id(plan)["prepare"]["detail"]
    assert "まだ分かっていない先（合同会社アオバ）" in prepare  # the only one without a number
