"""Events logged in the same second keep the order they were logged in (issue 16: through the
API, 8 of 10 runs came back in a random order and set the wrong status)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web import example

SAME_MOMENT = "2026-11-26T10:05:00+09:00"
ABSENT = {"kind": "called", "outcome": "absent", "at": SAME_MOMENT}
REACHED = {"kind": "called", "outcome": "reached", "at": SAME_MOMENT}


def logged_in_order(client: Any, events: list[dict[str, str]]) -> dict[str, Any]:
    case_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    for event in events:
        assert client.post(f"/api/cases/{case_id}/events", json=event).status_code == 201
    shown: dict[str, Any] = client.get(f"/api/cases/{case_id}").json()
    return shown


@pytest.mark.parametrize("run", range(10))
def test_two_events_in_the_same_second_keep_their_order(client: Any, run: int) -> None:
    reached_last = logged_in_order(client, [ABSENT, REACHED])
    assert [e["outcome"] for e in reached_last["events"]] == ["absent", "reached"]
    assert [e["seq"] for e in reached_last["events"]] == [1, 2]
    assert reached_last["status"] == "awaiting"
    absent_last = logged_in_order(client, [REACHED, ABSENT])
    assert [e["outcome"] for e in absent_last["events"]] == ["reached", "absent"]
    assert absent_last["status"] == "contacting"
