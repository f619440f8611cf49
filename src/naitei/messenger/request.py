"""A service request's life, company by company: drafted → approved → sent → answered → closed.

Pure values and transitions (time comes in as a parameter). The rules the issue sets:
- nothing is sent that the client has not approved in its final wording: an approval is of the
  SHA-256 of the exact text, and `send` refuses when the text is not the approved one;
- an edit after approval needs a new approval (the company goes back to drafted);
- a draft the 非弁 guardrail blocks can be neither approved nor sent;
- the client can withdraw the request before anything is sent;
- every step is an event (who, what, when), so the timeline and the audit can show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from naitei.errors import InputError
from naitei.messenger.guardrail import screen
from naitei.shape import Shaped

Status = Literal["drafted", "approved", "sent", "answered", "closed"]
STATUSES: tuple[Status, ...] = ("drafted", "approved", "sent", "answered", "closed")
STATUS_LABELS = {
    "drafted": "下書き",
    "approved": "ご本人が承認",
    "sent": "送信済み",
    "answered": "返事あり",
    "closed": "完了",
    "withdrawn": "取り下げ",
}
Actor = Literal["client", "adviser", "system"]


class TransitionError(InputError):
    """A step the request's state does not allow (exit code 2 on the CLI)."""


def sha(text: str) -> str:
    """The SHA-256 (hex) of a text's UTF-8 bytes: what an approval or a confirmation is of."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Event(Shaped):
    at: dt.datetime
    actor: Actor
    kind: str  # drafted, edited, approved, sent, answered, closed, withdrawn
    company: int | None  # 1-based; None for the whole request
    detail: str = ""  # a hash or an outcome, never the text or a reason


@dataclass(frozen=True)
class Target:
    """One company of a request."""

    name: str
    kind: str  # the employer kind (company, bank, public_office …): safe for reports
    text: str  # the current wording of the messenger's email
    status: Status = "drafted"
    approved_sha: str | None = None
    sent_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    outcome: str | None = None  # naitei.messenger.replies outcome

    @property
    def approved(self) -> bool:
        return self.approved_sha == sha(self.text)


@dataclass(frozen=True)
class ServiceRequest:
    id: str
    created_at: dt.datetime
    due: dt.datetime  # when the decline should have gone out
    targets: tuple[Target, ...]
    events: tuple[Event, ...] = ()
    withdrawn: bool = False

    @property
    def status(self) -> str:
        """The least advanced company's status, or withdrawn."""
        if self.withdrawn:
            return "withdrawn"
        return min((t.status for t in self.targets), key=STATUSES.index)

    @property
    def all_answered(self) -> bool:
        return not self.withdrawn and all(t.status in ("answered", "closed") for t in self.targets)

    @property
    def answered_at(self) -> dt.datetime | None:
        """When the last company answered, once all have."""
        if not self.all_answered:
            return None
        moments = [t.answered_at for t in self.targets if t.answered_at is not None]
        return max(moments) if moments else None

    def timeline(self, company: int) -> list[Event]:
        """The events of one company (and of the whole request), oldest first."""
        return [e for e in self.events if e.company in (company, None)]


def new_request(
    ident: str, created_at: dt.datetime, due: dt.datetime, drafts: list[tuple[str, str, str]]
) -> ServiceRequest:
    """A request of (company name, employer kind, draft text), 1 to 20 companies."""
    if not 1 <= len(drafts) <= 20:
        raise InputError(
            f"1 社から 20 社までです（{len(drafts)} 社が指定されました）", field="companies"
        )
    targets = tuple(Target(name, kind, text) for name, kind, text in drafts)
    events = tuple(
        Event(created_at, "system", "drafted", index, sha(text)[:12])
        for index, (_, _, text) in enumerate(drafts, start=1)
    )
    return ServiceRequest(ident, created_at, due, targets, events)


def _target(request: ServiceRequest, company: int) -> Target:
    if request.withdrawn:
        raise TransitionError("この依頼は取り下げられています")
    if not 1 <= company <= len(request.targets):
        raise TransitionError(f"company: {company} は範囲外です（1〜{len(request.targets)}）")
    return request.targets[company - 1]


def _with(request: ServiceRequest, company: int, target: Target, event: Event) -> ServiceRequest:
    targets = list(request.targets)
    targets[company - 1] = target
    return dataclasses.replace(request, targets=tuple(targets), events=(*request.events, event))


def edit(
    request: ServiceRequest, company: int, text: str, at: dt.datetime, actor: Actor = "adviser"
) -> ServiceRequest:
    """New wording; an approval given before it no longer counts."""
    target = _target(request, company)
    if target.status not in ("drafted", "approved"):
        raise TransitionError(f"{target.name}: 送信後の文面は変えられません")
    changed = dataclasses.replace(target, text=text, status="drafted", approved_sha=None)
    return _with(request, company, changed, Event(at, actor, "edited", company, sha(text)[:12]))


def _blocked(text: str, name: str) -> None:
    screening = screen(text)
    if screening.blocked:
        labels = "・".join(dict.fromkeys(hit.label for hit in screening.hits))
        raise TransitionError(
            f"{name}: 使者の範囲を超える文面です（{labels}）。直してから進めてください"
        )


def approve(
    request: ServiceRequest, company: int, text_sha: str, at: dt.datetime
) -> ServiceRequest:
    """The client approves the wording they read (its hash): only the current text can be."""
    target = _target(request, company)
    if target.status != "drafted":
        raise TransitionError(f"{target.name}: 承認できるのは下書きの文面だけです")
    if text_sha != sha(target.text):
        raise TransitionError(
            f"{target.name}: ご覧になった文面のあとに変更がありました。最新の文面をご確認ください"
        )
    _blocked(target.text, target.name)
    approved = dataclasses.replace(target, status="approved", approved_sha=text_sha)
    return _with(
        request, company, approved, Event(at, "client", "approved", company, text_sha[:12])
    )


def send(request: ServiceRequest, company: int, at: dt.datetime) -> ServiceRequest:
    """Mark as sent: only the approved wording, never twice."""
    target = _target(request, company)
    if target.status != "approved" or not target.approved:
        raise TransitionError(f"{target.name}: ご本人が承認した文面だけを送れます")
    _blocked(target.text, target.name)
    sent = dataclasses.replace(target, status="sent", sent_at=at)
    return _with(
        request, company, sent, Event(at, "system", "sent", company, sha(target.text)[:12])
    )


def answer(request: ServiceRequest, company: int, outcome: str, at: dt.datetime) -> ServiceRequest:
    target = _target(request, company)
    if target.status not in ("sent", "answered"):
        raise TransitionError(f"{target.name}: 送信前の会社からの返事は記録できません")
    answered = dataclasses.replace(
        target, status="answered", answered_at=target.answered_at or at, outcome=outcome
    )
    return _with(request, company, answered, Event(at, "adviser", "answered", company, outcome))


def close(request: ServiceRequest, company: int, at: dt.datetime) -> ServiceRequest:
    target = _target(request, company)
    if target.status != "answered":
        raise TransitionError(f"{target.name}: 返事のあとに完了にできます")
    closed = dataclasses.replace(target, status="closed")
    return _with(request, company, closed, Event(at, "adviser", "closed", company))


def withdraw(request: ServiceRequest, at: dt.datetime) -> ServiceRequest:
    """The client withdraws the request: only before anything has been sent."""
    if request.withdrawn:
        raise TransitionError("この依頼はすでに取り下げられています")
    if any(t.status in ("sent", "answered", "closed") for t in request.targets):
        raise TransitionError("送信済みの会社があるため、取り下げられません")
    event = Event(at, "client", "withdrawn", None)
    return dataclasses.replace(request, withdrawn=True, events=(*request.events, event))
