"""What the user tells naitei about an answer, for the after-call documents (issue 17).

Every fixed phrase of those documents must be true of these facts and of nothing else: a
document says the answer came by phone only when `heard_by` says so, names a date only when
one was given, and lists things to bring only when `bring` lists them. Dates that must lie
ahead (a visit, the day an answer was promised) are refused when they are past; days the
employer is closed are not refused (the employer may have chosen them) but noted for the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Literal, get_args

from naitei.calendar import JST
from naitei.case import Company, check_year
from naitei.errors import InputError, parsed
from naitei.labels import ja_day, ja_time
from naitei.plan import calendar_for

HeardBy = Literal["phone", "visit", "email", "agent"]
HEARD_BY: tuple[str, ...] = get_args(HeardBy)
MAX_ITEMS = 10
MAX_ITEM = 40


@dataclass(frozen=True)
class AfterFacts:
    """The facts of one answer, as the user gave them (`None` or empty: not given)."""

    heard_by: HeardBy | None = None  # how the answer came
    heard_on: dt.date | None = None  # when it came (default: today, with heard_by)
    answer_by: dt.date | None = None  # the day the employer said it would answer by
    asked_on: dt.date | None = None  # the day the request was made (for a follow-up)
    visit_at: dt.datetime | None = None  # the visit the employer asked for
    place: str = ""  # where the visit is, as the employer said it
    bring: tuple[str, ...] = field(default=())  # what the employer asked to bring
    asked_to_visit: bool = False  # (decline-keep) the employer asked the applicant to come in


# Which kind reads which fact; any other fact given to a kind is refused (exit 2).
USES: dict[str, frozenset[str]] = {
    "thanks-accepted": frozenset({"heard_by", "heard_on"}),
    "thanks-considering": frozenset({"heard_by", "heard_on", "answer_by"}),
    "visit-confirm": frozenset({"heard_by", "heard_on", "visit_at", "place", "bring"}),
    "closing-refused": frozenset({"heard_by", "heard_on"}),
    "follow-up-email": frozenset({"asked_on", "answer_by"}),
    "follow-up-phone": frozenset({"asked_on", "answer_by"}),
    "decline-keep": frozenset({"heard_by", "heard_on", "asked_to_visit"}),
    "thanks-letter": frozenset(),
    "visit": frozenset({"visit_at", "place", "bring"}),  # the visit notes (withdrawal.visit)
}


@dataclass(frozen=True)
class GivenFacts:
    """The facts of an answer as the user typed them (the options of `naitei draft`, the query
    of POST /api/documents/KIND, what a stored timeline knows): the one parameter object the
    faces hand over. `after_facts` reads and checks it; errors name its field names."""

    heard_by: str | None = None
    heard_on: str | None = None
    answer_by: str | None = None
    asked_on: str | None = None
    visit_at: str | None = None
    place: str = ""
    bring: list[str] | None = None
    asked_to_visit: bool = False


FACTS: tuple[str, ...] = tuple(f.name for f in fields(AfterFacts))


def given(facts: AfterFacts) -> set[str]:
    """The names of the facts that were given."""
    return {name for name in FACTS if getattr(facts, name) not in (None, "", (), False)}


def validate(kind: str, facts: AfterFacts, now: dt.datetime) -> None:
    """Refuse facts the kind does not use, a missing visit, and dates on the wrong side of now."""
    stray = sorted(given(facts) - USES[kind])
    if stray:
        raise InputError(f"{kind} では指定できません", field=stray[0])
    if kind.startswith("follow-up") and facts.asked_on is None:
        raise InputError(
            "撤回をお願いした日を指定してください（例: 2026-12-01）。"
            "状況を伺うのは、その2営業日後からです",
            field="asked_on",
        )
    if kind == "visit-confirm" and facts.visit_at is None:
        raise InputError("訪問の日時を指定してください（例: 2026-12-03T14:00）", field="visit_at")
    today = now.astimezone(JST).date()
    if facts.visit_at is not None and facts.visit_at <= now:
        raise InputError(f"{ja_day(facts.visit_at.date())} は過ぎた日時です", field="visit_at")
    if facts.answer_by is not None and facts.answer_by < today and kind == "thanks-considering":
        raise InputError(f"{ja_day(facts.answer_by)} は過ぎた日です", field="answer_by")
    for name in ("heard_on", "asked_on"):
        day = getattr(facts, name)
        if day is not None and day > today:
            raise InputError(f"{ja_day(day)} はまだ来ていない日です", field=name)
    if facts.heard_on is not None and facts.heard_by is None:
        raise InputError("返事を受けた方法と一緒に指定してください", field="heard_on")
    if len(facts.bring) > MAX_ITEMS or any(len(item) > MAX_ITEM for item in facts.bring):
        raise InputError(f"持ち物は {MAX_ITEMS} 個まで、一つ {MAX_ITEM} 字までです", field="bring")
    if len(facts.place) > 100:
        raise InputError("場所は 100 字までです", field="place")


def day_notes(facts: AfterFacts, company: Company) -> list[str]:
    """Notes on given days the employer is closed or a visit outside its hours."""
    calendar, notes = calendar_for(company), []
    for what, day in (("訪問の日時", facts.visit_at), ("返事をいただく日", facts.answer_by)):
        if day is None:
            continue
        date = day.astimezone(JST).date() if isinstance(day, dt.datetime) else day
        closure = calendar.closure(date)
        if closure:
            notes.append(
                f"{what}: {ja_day(date)}は{closure}です。先方の指定どおりか確かめてください。"
            )
    if facts.visit_at is not None:
        local = facts.visit_at.astimezone(JST)
        minutes = local.hour * 60 + local.minute
        if not calendar.opens <= minutes < calendar.closes:
            notes.append(
                f"訪問の日時: {ja_time(local)} は先方の営業時間の外です。"
                "先方の指定どおりか確かめてください。"
            )
    return notes


def day_word(day: dt.date, today: dt.date) -> str:
    """本日, 昨日, or 12月1日 for a day of the past week or earlier."""
    if day == today:
        return "本日"
    if day == today - dt.timedelta(days=1):
        return "昨日"
    return f"{day.month}月{day.day}日"


def parse_heard_by(text: str | None) -> HeardBy | None:
    if text is None:
        return None
    if text not in HEARD_BY:
        raise InputError(
            f"'{text}' は次のいずれかにしてください: {', '.join(HEARD_BY)}", field="heard_by"
        )
    return text  # type: ignore[return-value]


def parse_moment(text: str | None, field: str) -> dt.datetime | None:
    """A date and time (2026-12-03T14:00), Japan time when no offset is given."""
    if text is None:
        return None
    message = f"'{text}' は日時の形ではありません（例: 2026-12-03T14:00）"
    moment = parsed(dt.datetime.fromisoformat, text, field, message)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    if not 2000 <= moment.year <= 2100:
        raise InputError(f"{moment.year} 年は扱えません", field=field)
    return moment


def parse_date(text: str | None, field: str) -> dt.date | None:
    """A calendar date (2026-12-01), or None when not given."""
    if text is None:
        return None
    message = f"'{text}' は日付の形ではありません（例: 2026-12-01）"
    day = parsed(dt.date.fromisoformat, text, field, message)
    try:
        check_year(day)
    except ValueError as error:
        raise InputError(str(error), field=field) from None
    return day


def parse_items(values: list[str] | None) -> tuple[str, ...]:
    """The things to bring as given: each value one item, or several separated by 、 or a comma."""
    items: list[str] = []
    for value in values or []:
        for part in value.replace("，", "、").replace(",", "、").split("、"):
            if part.strip():
                items.append(part.strip())
    if any(any(ch in item for ch in "\r\n\0") for item in items):
        raise InputError("改行を含む持ち物は指定できません", field="bring")
    return tuple(items)


def after_facts(given: GivenFacts) -> AfterFacts:
    """The facts as the faces hand them over (strings), read and checked."""
    if any(ch in given.place for ch in "\r\n\0"):
        raise InputError("改行を含む場所は指定できません", field="place")
    return AfterFacts(
        heard_by=parse_heard_by(given.heard_by),
        heard_on=parse_date(given.heard_on, "heard_on"),
        answer_by=parse_date(given.answer_by, "answer_by"),
        asked_on=parse_date(given.asked_on, "asked_on"),
        visit_at=parse_moment(given.visit_at, "visit_at"),
        place=given.place.strip(),
        bring=parse_items(given.bring),
        asked_to_visit=given.asked_to_visit,
    )
