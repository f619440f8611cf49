"""A plan as an RFC 5545 calendar (icalendar), one event per dated step.

Reminders that fire (issue 17): each call or visit carries a VALARM the evening before
(EVENING_HOUR, Japan time, the day before — unless that moment has passed when the calendar is
made) and one 30 minutes before; a follow-up (a step whose id says so, or a due step of the
store's follow-up kinds) carries one at its start."""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from naitei.calendar import JST
from naitei.plan import Plan, Step

PRODID = "-//naitei//naitei plan//JA"
_DUE_LENGTH = dt.timedelta(minutes=30)
ALARM_BEFORE = dt.timedelta(minutes=30)
EVENING_HOUR = 20  # the evening before a call: 20:00 Japan time
FOLLOW_UP_IDS = ("follow_up", "considering", "report_school")


def plan_to_ics(plan: Plan, identity: str, sequence: int = 0) -> bytes:
    """Serialise the dated steps of `plan`. `identity` keeps UIDs stable across reruns
    (so re-importing updates the events instead of duplicating them); it is hashed, never
    written as such. The part of a step id after ":" is left out of its UID, so that a
    re-planned step ("next:call_back" after "next:follow_up") replaces the one before it;
    `sequence` (the number of events logged) tells calendar apps which version is newer."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "naitei 行動計画")
    key = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]
    for step in plan.steps:
        event = _event(step, plan.now, key, sequence)
        if event is not None:
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event(step: Step, now: dt.datetime, key: str, sequence: int = 0) -> Event | None:
    if step.window:
        start, end = step.window.start, step.window.end
    elif step.due:
        start, end = step.due - _DUE_LENGTH, step.due
    else:
        return None
    event = Event()
    event.add("uid", f"{step.id.split(':')[0]}-{key}@naitei.invalid")
    if sequence:
        event.add("sequence", sequence)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(dt.UTC))  # UTC: valid without a VTIMEZONE
    event.add("dtend", end.astimezone(dt.UTC))
    event.add("summary", step.title)
    event.add("description", step.detail)
    for alarm in alarms(step, start, now):
        event.add_component(alarm)
    return event


def alarms(step: Step, start: dt.datetime, now: dt.datetime) -> list[Alarm]:
    """The reminders of one step: a follow-up at its start; a call or a visit the evening
    before (when that is still ahead of `now`) and 30 minutes before."""
    if step.id.split(":")[-1].endswith(FOLLOW_UP_IDS):
        return [_alarm(f"今日: {step.title}", dt.timedelta(0))]
    if step.channel not in ("phone", "visit"):
        return []
    found = []
    evening = dt.datetime.combine(
        start.astimezone(JST).date() - dt.timedelta(days=1), dt.time(EVENING_HOUR), JST
    )
    if evening > now:
        found.append(_alarm(f"明日: {step.title}", evening))
    found.append(_alarm(step.title, -ALARM_BEFORE))
    return found


def _alarm(description: str, trigger: dt.timedelta | dt.datetime) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    if isinstance(trigger, dt.datetime):
        alarm.add("trigger", trigger.astimezone(dt.UTC))  # an absolute moment, in UTC
    else:
        alarm.add("trigger", trigger)
    return alarm
