"""What the user tells naitei about an answer, for the after-call documents (issue 17).

Every fixed phrase of those documents must be true of these facts and of nothing else: a
document says the answer came by phone only when `heard_by` says so, names a date only when
one was given, and lists things to bring only when `bring` lists them. Dates that must lie
ahead (a visit, the day an answer was promised) are refused when they are past; days the
employer is closed are not refused (the employer may have chosen them) but noted for the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from naitei.calendar import JST
from naitei.case import Company, check_year
from naitei.errors import InputError
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
OPTION = {
    "heard_by": "--heard-by",
    "heard_on": "--heard-on",
    "answer_by": "--answer-by",
    "asked_on": "--asked-on",
    "visit_at": "--visit-at",
    "place": "--place",
    "bring": "--bring",
    "asked_to_visit": "--asked-to-visit",
}


def given(facts: AfterFacts) -> set[str]:
    """The names of the facts that were given."""
    return {name for name in OPTION if getattr(facts, name) not in (None, "", (), False)}


def validate(kind: str, facts: AfterFacts, now: dt.datetime) -> None:
    """Refuse facts the kind does not use, a missing visit, and dates on the wrong side of now."""
    stray = sorted(given(facts) - USES[kind])
    if stray:
        raise InputError(f"{OPTION[stray[0]]}: {kind} では指定できません")
    if kind.startswith("follow-up") and facts.asked_on is None:
        raise InputError(
            "--asked-on: 撤回をお願いした日を指定してください（例: 2026-12-01）。"
            "状況を伺うのは、その2営業日後からです"
        )
    if kind == "visit-confirm" and facts.visit_at is None:
        raise InputError("--visit-at: 訪問の日時を指定してください（例: 2026-12-03T14:00）")
    today = now.astimezone(JST).date()
    if facts.visit_at is not None and facts.visit_at <= now:
        raise InputError(f"--visit-at: {ja_day(facts.visit_at.date())} は過ぎた日時です")
    if facts.answer_by is not None and facts.answer_by < today and kind == "thanks-considering":
        raise InputError(f"--answer-by: {ja_day(facts.answer_by)} は過ぎた日です")
    for name in ("heard_on", "asked_on"):
        day = getattr(facts, name)
        if day is not None and day > today:
            raise InputError(f"{OPTION[name]}: {ja_day(day)} はまだ来ていない日です")
    if facts.heard_on is not None and facts.heard_by is None:
        raise InputError("--heard-on: --heard-by（返事を受けた方法）と一緒に指定してください")
    if len(facts.bring) > MAX_ITEMS or any(len(item) > MAX_ITEM for item in facts.bring):
        raise InputError(f"--bring: 持ち物は {MAX_ITEMS} 個まで、一つ {MAX_ITEM} 字までです")
    if len(facts.place) > 100:
        raise InputError("--place: 場所は 100 字までです")


def day_notes(facts: AfterFacts, company: Company) -> list[str]:
    """Notes on given days the employer is closed or a visit outside its hours."""
    calendar, notes = calendar_for(company), []
    for option, day in (("--visit-at", facts.visit_at), ("--answer-by", facts.answer_by)):
        if day is None:
            continue
        date = day.astimezone(JST).date() if isinstance(day, dt.datetime) else day
        closure = calendar.closure(date)
        if closure:
            notes.append(
                f"{option}: {ja_day(date)}は{closure}です。先方の指定どおりか確かめてください。"
            )
    if facts.visit_at is not None:
        local = facts.visit_at.astimezone(JST)
        minutes = local.hour * 60 + local.minute
        if not calendar.opens <= minutes < calendar.closes:
            notes.append(
                f"--visit-at: {ja_time(local)} は先方の営業時間の外です。"
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
            f"--heard-by: '{text}' は次のいずれかにしてください: {', '.join(HEARD_BY)}"
        )
    return text  # type: ignore[return-value]


def parse_moment(text: str | None, option: str) -> dt.datetime | None:
    """A date and time (2026-12-03T14:00), Japan time when no offset is given."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{option}: '{text}' は日時の形ではありません（例: 2026-12-03T14:00）"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    if not 2000 <= moment.year <= 2100:
        raise InputError(f"{option}: {moment.year} 年は扱えません")
    return moment


def parse_date(text: str | None, option: str) -> dt.date | None:
    """A calendar date (2026-12-01), or None when not given."""
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: '{text}' は日付の形ではありません（例: 2026-12-01）") from None
    try:
        check_year(day)
    except ValueError as error:
        raise InputError(f"{option}: {error}") from None
    return day


def parse_items(values: list[str] | None) -> tuple[str, ...]:
    """--bring values: each one item, or several separated by 、 or a comma."""
    items: list[str] = []
    for value in values or []:
        for part in value.replace("，", "、").replace(",", "、").split("、"):
            if part.strip():
                items.append(part.strip())
    if any(any(ch in item for ch in "\r\n\0") for item in items):
        raise InputError("--bring: 改行を含む持ち物は指定できません")
    return tuple(items)


def after_facts(
    *,
    heard_by: str | None = None,
    heard_on: str | None = None,
    answer_by: str | None = None,
    asked_on: str | None = None,
    visit_at: str | None = None,
    place: str = "",
    bring: list[str] | None = None,
    asked_to_visit: bool = False,
) -> AfterFacts:
    """The facts from the options of `naitei draft` or the query of the API (strings)."""
    if any(ch in place for ch in "\r\n\0"):
        raise InputError("--place: 改行を含む場所は指定できません")
    return AfterFacts(
        heard_by=parse_heard_by(heard_by),
        heard_on=parse_date(heard_on, "--heard-on"),
        answer_by=parse_date(answer_by, "--answer-by"),
        asked_on=parse_date(asked_on, "--asked-on"),
        visit_at=parse_moment(visit_at, "--visit-at"),
        place=place.strip(),
        bring=parse_items(bring),
        asked_to_visit=asked_to_visit,
    )
