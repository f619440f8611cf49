"""The web case page after the call (issue 17): a logged answer with a date re-plans what is
due, the page offers the next document as a button, and the document page shows it escaped."""

from __future__ import annotations

from typing import Any

from tests.support.web import saved_case


def answered(outcome: str, expected: str, **extra: str) -> dict[str, str]:
    """The case page's form: a call answered at 20:30 whose answer names a moment."""
    at = "2026-11-25T20:30"
    return {
        "kind": "answered",
        "outcome_answered": outcome,
        "at": at,
        "expected": expected,
        **extra,
    }


def test_a_visit_date_replans_and_offers_the_confirmation(client: Any) -> None:
    case_id = saved_case(client)
    form = answered("come_in", "2026-12-03T14:00", said="<script>alert(1)</script>")
    response = client.post(f"/cases/{case_id}/events", data=form)
    assert response.status_code == 303, response.text
    html = client.get(f"/cases/{case_id}").text
    assert "12月3日(木) 14:00" in html  # what is due is the visit
    assert f'href="/cases/{case_id}/document"' in html
    assert "次の文書: 訪問の確認のメール" in html
    assert "<script>alert(1)</script>" not in html
    page = client.get(f"/cases/{case_id}/document").text
    assert "日時：12月3日(木) 14:00" in page
    assert "印鑑" not in page


def test_considering_offers_thanks_and_a_wrong_date_is_shown_at_the_field(client: Any) -> None:
    case_id = saved_case(client)
    form = answered("considering", "2026-11-30T00:00")
    assert client.post(f"/cases/{case_id}/events", data=form).status_code == 303
    html = client.get(f"/cases/{case_id}").text
    assert "次の文書: お礼のメール（検討すると言われたとき）" in html
    page = client.get(f"/cases/{case_id}/document").text
    assert "11月30日(月)までにお返事をいただけるとのこと" in page
    wrong = {"kind": "answered", "outcome_answered": "accepted", "expected": "2026-12-01T10:00"}
    refused = client.post(f"/cases/{case_id}/events", data=wrong)
    assert refused.status_code == 422
    assert "field has-error" in refused.text and "次の記録にだけ付けられます" in refused.text
    unknown = client.get(f"/cases/{case_id}/document?kind=fax-machine")
    assert unknown.status_code in (400, 422)


def test_the_api_logs_a_named_moment_and_shows_the_next_document(client: Any) -> None:
    case_id = saved_case(client)
    event = {"kind": "answered", "outcome": "accepted", "at": "2026-11-25T20:30:00+09:00"}
    assert client.post(f"/api/cases/{case_id}/events", json=event).status_code == 201
    shown = client.get(f"/api/cases/{case_id}").json()
    assert shown["next_document"]["kind"] == "thanks-accepted"
    wrong = dict(event, expected_at="2026-12-01T10:00:00+09:00")
    refused = client.post(f"/api/cases/{case_id}/events", json=wrong)
    assert refused.status_code == 422 and "expected_at" in refused.text


def test_the_case_page_offers_the_updated_calendar(client: Any) -> None:
    from icalendar import Calendar

    case_id = saved_case(client)
    form = {"kind": "called", "outcome_called": "absent", "at": "2026-11-25T20:30"}
    assert client.post(f"/cases/{case_id}/events", data=form).status_code == 303
    assert f'href="/cases/{case_id}/plan.ics"' in client.get(f"/cases/{case_id}").text
    response = client.get(f"/cases/{case_id}/plan.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert list(event.walk("VALARM"))
