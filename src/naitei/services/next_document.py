"""The document a stored case needs next, from its timeline (issue 17): after an answer, the
message that answers it; after a silence past the follow-up time, the follow-up. `facts` are
what the timeline knows for `naitei draft` (a visit's date, the promised day); nothing else is
assumed (how the answer came is not recorded, so no document claims it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.calendar import JST
from naitei.store.views import CaseDetail, EventView

CONTACTS = ("called", "emailed", "visited", "letter_sent")
# The answer of a withdrawal → the document that answers it.
ANSWERS = {
    "accepted": "thanks-accepted",
    "refused": "closing-refused",
    "come_in": "visit-confirm",
    "considering": "thanks-considering",
}
FOLLOW_UP_STEPS = ("follow_up", "considering")


def next_document(detail: CaseDetail, now: dt.datetime) -> dict[str, Any] | None:
    """{"kind", "title", "facts", "also"} or None when no document is due."""
    from naitei.compose.after import TITLES

    found = _choose(detail, now)
    if found is None:
        return None
    kind, facts, also = found
    return {"kind": kind, "title": TITLES[kind], "facts": facts, "also": also}


def _choose(detail: CaseDetail, now: dt.datetime) -> tuple[str, dict[str, str], list[str]] | None:
    summary, events = detail.summary, detail.events
    answers = [e for e in events if e.kind == "answered"]
    last = answers[-1] if answers else None
    written_after = last is not None and any(e.kind == "emailed" and e.at > last.at for e in events)
    if summary.purpose == "decline":
        if last and last.outcome in ("come_in", "call_back", "considering") and not written_after:
            facts = {"asked_to_visit": "true"} if last.outcome == "come_in" else {}
            return "decline-keep", facts, []
        return None
    overdue = summary.next_step in FOLLOW_UP_STEPS and summary.next_due is not None
    if overdue and summary.next_due is not None and now >= summary.next_due:
        return "follow-up-phone", _follow_up_facts(events, last), ["follow-up-email"]
    if last is None or written_after or last.outcome not in ANSWERS:
        return None
    kind = ANSWERS[last.outcome]
    also = {"thanks-accepted": ["thanks-letter"], "visit-confirm": ["visit"]}.get(kind, [])
    return kind, _answer_facts(kind, last, now), also


def _answer_facts(kind: str, answer: EventView, now: dt.datetime) -> dict[str, str]:
    expected = answer.expected_at
    if kind == "visit-confirm" and expected is not None and expected > now:
        return {"visit_at": expected.astimezone(JST).isoformat(timespec="minutes")}
    if kind == "thanks-considering" and expected is not None:
        day = expected.astimezone(JST).date()
        return {"answer_by": day.isoformat()} if day >= now.astimezone(JST).date() else {}
    return {}


def _follow_up_facts(events: list[EventView], last: EventView | None) -> dict[str, str]:
    """The day of the request (the first contact) and, after 「検討します」, the promised day."""
    first = next((e for e in events if e.kind in CONTACTS), None)
    facts = {"asked_on": first.at.astimezone(JST).date().isoformat()} if first else {}
    if last is not None and last.outcome == "considering" and last.expected_at is not None:
        facts["answer_by"] = last.expected_at.astimezone(JST).date().isoformat()
    return facts


def case_document(detail: CaseDetail, case: Any, now: dt.datetime, kind: str | None = None) -> Any:
    """The next document of a stored case (or the document `kind`), with the facts its
    timeline knows when it is the next one. A case with nothing due and no `kind` is refused."""
    from naitei.compose import draft
    from naitei.compose.after_facts import GivenFacts, after_facts
    from naitei.errors import InputError

    chosen = next_document(detail, now)
    if kind is None and chosen is None:
        raise InputError(
            "このケースには、いま作る文書がありません（種類を指定してください）", field="kind"
        )
    if kind is None:
        assert chosen is not None
        kind = str(chosen["kind"])
    given: dict[str, str] = {}
    if chosen is not None and kind in (chosen["kind"], *chosen["also"]):
        given = dict(chosen["facts"])
    facts = after_facts(
        GivenFacts(
            answer_by=given.get("answer_by"),
            asked_on=given.get("asked_on"),
            visit_at=given.get("visit_at"),
            asked_to_visit=given.get("asked_to_visit") == "true",
        )
    )
    return draft(kind, case, now, facts=facts)
