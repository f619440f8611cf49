"""The form that logs an event on a stored case (naitei case log, in the browser)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naitei.errors import InputError
from naitei.labels import label
from naitei.services import parse_now
from naitei.vocabulary import EVENT_KINDS, OUTCOMES
from naitei.web.problems import problem_of

FIELDS = {"kind", "outcome", "at", "with", "said", "note", "expected"}
# The services name the moment by what it is; the form has one field for them.
EXPECTED_OPTIONS = ("callback", "visit_at", "answer_by")


@dataclass(frozen=True)
class EventInput:
    kind: str
    outcome: str | None
    at: dt.datetime
    with_whom: str | None
    said: str | None
    note: str | None
    expected: dt.datetime | None = None


def kinds() -> list[tuple[str, str]]:
    return [(kind, label("event", kind)) for kind in EVENT_KINDS]


def outcomes() -> dict[str, list[tuple[str, str]]]:
    return {kind: [(o, label("outcome", o)) for o in values] for kind, values in OUTCOMES.items()}


def read(form: dict[str, str], now: dt.datetime) -> tuple[EventInput | None, dict[str, str]]:
    """The event, or errors by field name."""
    kind = form.get("kind", "")
    if kind not in EVENT_KINDS:
        return None, {"kind": "何があったかを選んでください"}
    outcome = form.get(f"outcome_{kind}") or None if kind in OUTCOMES else None
    if kind in OUTCOMES and outcome is None:
        return None, {f"outcome_{kind}": "結果を選んでください"}
    try:
        at = parse_now(form["at"], "at") if form.get("at") else now
    except InputError:
        return None, {"at": "日時を確かめてください（例: 2026-11-26 10:05）"}
    if at > now + dt.timedelta(minutes=5):
        return None, {"at": "これから先の日時は記録できません"}
    try:
        expected = parse_now(form["expected"], "expected") if form.get("expected") else None
    except InputError:
        return None, {"expected": "日時を確かめてください（例: 2026-11-26 17:00）"}
    text = {key: form.get(key, "").strip() or None for key in ("with", "said", "note")}
    made = EventInput(kind, outcome, at, text["with"], text["said"], text["note"], expected)
    return made, {}


def field_of(error: InputError, kind: str) -> dict[str, str]:
    """An error of the services (its field: outcome, with ...) as a form error."""
    problem = problem_of(error)
    name = problem.field if problem.field in FIELDS else None
    if problem.field in EXPECTED_OPTIONS:
        name = "expected"
    if name == "outcome":
        name = f"outcome_{kind}"
    return {name or "": problem.message}
