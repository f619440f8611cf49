"""A plan as an RFC 5545 calendar (icalendar), one event per dated step."""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from naitei.plan import Plan, Step

PRODID = "-//naitei//naitei plan//JA"
_DUE_LENGTH = dt.timedelta(minutes=30)
_ALARM_BEFORE = dt.timedelta(minutes=15)


def plan_to_ics(plan: Plan, identity: str) -> bytes:
    """Serialise the dated steps of `plan`. `identity` keeps UIDs stable across reruns
    (so re-importing updates the events instead of duplicating them); it is hashed, never
    written as such."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "naitei 行動計画")
    key = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]
    for step in plan.steps:
        event = _event(step, plan.now, key)
        if event is not None:
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event(step: Step, now: dt.datetime, key: str) -> Event | None:
    if step.window:
        start, end = step.window.start, step.window.end
    elif step.due:
        start, end = step.due - _DUE_LENGTH, step.due
    else:
        return None
    event = Event()
    event.add("uid", f"{step.id}-{key}@naitei.invalid")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(dt.UTC))  # UTC: valid without a VTIMEZONE
    event.add("dtend", end.astimezone(dt.UTC))
    event.add("summary", step.title)
    event.add("description", step.detail)
    if step.channel in ("phone", "visit"):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", step.title)
        alarm.add("trigger", -_ALARM_BEFORE)
        event.add_component(alarm)
    return event
