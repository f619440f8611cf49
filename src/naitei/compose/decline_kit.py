"""Declining several offers at once: every company's messages, and the copy-paste guard.

    decline_kit(case, now) -> DeclineKit   the email and phone script of every company,
                                           after the guard (raises CopyPasteError)
    guard(kit, case)                       the guard alone (also for texts edited by hand)
    send_problems(kit, case)               error-severity findings of the full checker

The classic mistake of a batch is a message written for one company and reused for another
with the old name left in it. The guard checks every message (the email with its subject,
and the phone script) with the checker's rule ``company-name-mismatch``, against its own
company and with every other company of the batch as a name that must not appear.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from naitei.case import DeclineCase, Via
from naitei.chars import normalise
from naitei.check import CheckContext, Finding, Kind, check_text
from naitei.check.names import split_legal_form
from naitei.compose.decline import decline_email, decline_phone, phone_advised, recipient_line
from naitei.compose.model import CHECK_KIND, Document
from naitei.errors import InputError
from naitei.shape import Shaped, meta

GUARD_RULE = "company-name-mismatch"
_PLACES = {
    "subject": "メールの件名",
    "decline-email": "辞退のメール",
    "decline-phone": "電話の台本",
}


@dataclass(frozen=True)
class CompanyDecline(Shaped):
    """The messages for one company of a decline file."""

    index: int  # 1-based position in the file
    company: str  # exact company name
    recipient: str  # who the messages go to: 株式会社さくら出版 田中様, or the agent
    channel_advised: Literal["phone", "email"]
    via: Via = field(default="direct", kw_only=True)
    email: Document = field(metadata=meta(reveal=("to_name",)))  # decline-email
    phone: Document  # decline-phone


@dataclass(frozen=True)
class DeclineKit(Shaped):
    version: Literal[1] = field(default=1, init=False)
    companies: tuple[CompanyDecline, ...]


@dataclass(frozen=True)
class Mismatch(Shaped):
    """A company name that does not belong in a message."""

    index: int
    company: str
    place: str  # subject, decline-email or decline-phone
    line: int
    found: str
    message: str

    @property
    def where(self) -> str:
        label = _PLACES.get(self.place, self.place)
        return label if self.place == "subject" else f"{label} {self.line}行目"

    def describe(self) -> str:
        return f"{self.index}社目（{self.company}）の{self.where}: {self.message}"


class CopyPasteError(InputError):
    """A message names a company it is not for; ``mismatches`` lists every one found."""

    def __init__(self, mismatches: Iterable[Mismatch]) -> None:
        self.mismatches = tuple(mismatches)
        lines = [
            "会社名の取り違えが見つかったため、書き出しと送信の前に止めました。"
            "次の箇所を直してから、もう一度実行してください。",
            *(f"  {mismatch.describe()}" for mismatch in self.mismatches),
        ]
        super().__init__("\n".join(lines))


def decline_kit(case: DeclineCase, now: dt.datetime) -> DeclineKit:
    """Every company's decline email and phone script; raises CopyPasteError on a mismatch."""
    companies = []
    for index, target in enumerate(case.companies, start=1):
        email = decline_email(case, now, index)
        companies.append(
            CompanyDecline(
                index=index,
                company=target.name,
                recipient=recipient_line(target),
                channel_advised="phone" if phone_advised(target) else "email",
                email=email,
                phone=decline_phone(case, now, index),
                via=target.via,
            )
        )
    kit = DeclineKit(tuple(companies))
    guard(kit, case)
    return kit


def guard(kit: DeclineKit, case: DeclineCase) -> None:
    """Raise CopyPasteError when any message names another company (or its own one wrongly)."""
    found = list(mismatches(kit, case))
    if found:
        raise CopyPasteError(found)


def mismatches(kit: DeclineKit, case: DeclineCase) -> Iterator[Mismatch]:
    for company in kit.companies:
        context = _context(case, company)
        texts: list[tuple[str, Kind, str]] = [("subject", "email", company.email.subject or "")]
        for doc in (company.email, company.phone):
            texts.append((doc.kind, cast("Kind", CHECK_KIND[doc.kind]), doc.text))
        for place, kind, text in texts:
            report = check_text(text, kind, "decline", context, only=frozenset({GUARD_RULE}))
            for finding in report.findings:
                yield _mismatch(company, place, text, finding)
            spans = [(f.start, f.end) for f in report.findings]
            yield from _split_names(case, company, place, text, spans)


_MIN_BASE = 3  # as the checker's rule: a shorter base is too likely to be an ordinary word


def _squeezed(text: str) -> tuple[str, list[int]]:
    """`text` as comparisons see it (naitei.chars.normalise, one character at a time) and, for
    each of its characters, the index of the character of `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in normalise(char):
            out.append(part)
            origin.append(index)
    return "".join(out), origin


def _split_names(
    case: DeclineCase,
    company: CompanyDecline,
    place: str,
    text: str,
    found: list[tuple[int, int]],
) -> Iterator[Mismatch]:
    """Another company's name (or distinctive base) broken by a line break or spaces, which the
    checker's rule reads as two words: compared once both are normalised."""
    squeezed, origin = _squeezed(text)
    own = _squeezed(company.company)[0]
    for index, other in enumerate(case.companies, start=1):
        if index == company.index:
            continue
        _form, base, _position = split_legal_form(other.name)
        needles = {_squeezed(other.name)[0], _squeezed(base)[0]}
        for needle in sorted(needles, key=len, reverse=True):
            if len(needle) < _MIN_BASE or needle in own:
                continue
            for match in re.finditer(re.escape(needle), squeezed):
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                if any(start < e and s < end for s, e in found):
                    continue
                found.append((start, end))
                yield Mismatch(
                    index=company.index,
                    company=company.company,
                    place=place,
                    line=text.count("\n", 0, start) + 1,
                    found=text[start:end],
                    message=f"「{text[start:end]}」は別の応募先（{other.name}）の名前が、改行や"
                    f"空白で分かれたものです（文面の使い回しに注意してください）。"
                    f"宛先の会社名は「{company.company}」です。",
                )


def _context(case: DeclineCase, company: CompanyDecline) -> CheckContext:
    if not 1 <= company.index <= len(case.companies):
        raise InputError(f"{company.index}社目: この辞退ファイルにはない会社です")
    if case.companies[company.index - 1].name != company.company:
        raise InputError(
            f"{company.index}社目: 辞退ファイルの会社（{company.company}）と合いません"
        )
    return CheckContext.from_case(case, company.index - 1)


def _mismatch(company: CompanyDecline, place: str, text: str, finding: Finding) -> Mismatch:
    return Mismatch(
        index=company.index,
        company=company.company,
        place=place,
        line=finding.line,
        found=text[finding.start : finding.end],
        message=finding.message,
    )


@dataclass(frozen=True)
class SendProblem:
    """An error-severity finding in an email about to be sent."""

    index: int
    company: str
    finding: Finding

    def describe(self) -> str:
        where = f"{self.index}社目（{self.company}）の辞退のメール {self.finding.line}行目"
        return f"{where}: {self.finding.message}"


def send_problems(
    kit: DeclineKit, case: DeclineCase, indexes: Iterable[int] | None = None
) -> list[SendProblem]:
    """Error-severity findings of the full checker in the emails (of `indexes`, default all),
    and every placeholder left in them (〇〇, 【氏名】: a warning when checking, but never sent)."""
    chosen = set(indexes) if indexes is not None else {c.index for c in kit.companies}
    problems = []
    for company in kit.companies:
        if company.index not in chosen:
            continue
        report = check_text(company.email.text, "email", "decline", _context(case, company))
        problems += [
            SendProblem(company.index, company.company, finding)
            for finding in report.findings
            if finding.severity == "error" or finding.rule == "placeholder-left"
        ]
    return problems
