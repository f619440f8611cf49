"""Values of the checker: a finding, the context a check runs in, and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from naitei.shape import Shaped, meta
from naitei.vocabulary import AUTO as AUTO
from naitei.vocabulary import DRAFT_KINDS, DRAFT_PURPOSES, DraftKind, DraftPurpose
from naitei.vocabulary import PURPOSE_CHOICES as PURPOSE_CHOICES

if TYPE_CHECKING:
    from naitei.case import DeclineCase, WithdrawalCase

Severity = Literal["error", "warning", "info"]
# The checker's names for the vocabularies (naitei.vocabulary) of CONTRACTS §4.
Kind = DraftKind
Purpose = DraftPurpose
KINDS = DRAFT_KINDS
PURPOSES = DRAFT_PURPOSES
PURPOSE_LABELS: dict[str, str] = {
    "withdraw": "内定辞退の撤回",
    "decline": "内定辞退",
    "accept": "内定承諾",
    "thanks": "お礼",
    "schedule": "日程調整",
    "apology": "お詫び",
    "other": "その他",
    "messenger": "使者としての辞退の連絡（代行サービス）",
    AUTO: "文面から判定",
}
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
WRITTEN_KINDS: frozenset[str] = frozenset({"email", "letter"})


@dataclass(frozen=True, init=False)
class Fix(Shaped):
    """A safe in-place replacement: write ``text`` over ``[start, end)`` of the checked text.

    Its ``__init__`` is written out (the generated one of a frozen dataclass sets each field
    through ``object.__setattr__``): a long draft makes tens of thousands of fixes and
    findings, and building them was a good part of checking it (issue 13 §6)."""

    # Both spellings: CONTRACTS §6 names start/end; textlint and editors read range.
    range: tuple[int, int] = field(
        init=False, metadata=meta(doc="[start, end): 置き換える範囲（文字の位置）")
    )
    start: int
    end: int
    text: str = field(metadata=meta(doc="置き換える文字列"))

    def __init__(self, start: int, end: int, text: str) -> None:
        fields = self.__dict__  # item by item: faster than update() or object.__setattr__
        fields["range"] = (start, end)
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text

    def to_dict(self) -> dict[str, Any]:
        """The same object as ``dump(self)`` (tests/unit/check/test_check_model.py), built
        directly: the JSON of a long draft's report holds one per finding."""
        return {
            "range": [self.start, self.end],
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, init=False)
class Finding(Shaped):
    """One problem in a draft: where it is, why it is wrong and what to write instead.

    ``start``/``end`` are Python ``str`` indices into the checked text; ``line`` and
    ``column`` are 1-based (the column counts characters). Findings about the whole
    document (a missing part) point at the start of the text. ``fix`` is set when the
    rule marks its suggestion as a safe literal replacement (``fix = true`` in rules.toml).
    """

    rule: str
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    message: str
    suggestion: str | None
    fix: Fix | None = field(
        default=None, metadata=meta(doc="そのまま置き換えてよい修正（安全な修正がない指摘は null）")
    )

    def __init__(
        self,
        rule: str,
        severity: Severity,
        start: int,
        end: int,
        line: int,
        column: int,
        message: str,
        suggestion: str | None,
        fix: Fix | None = None,
    ) -> None:
        # written out for speed, as Fix.__init__; the fields in their declared order
        fields = self.__dict__
        fields["rule"] = rule
        fields["severity"] = severity
        fields["start"] = start
        fields["end"] = end
        fields["line"] = line
        fields["column"] = column
        fields["message"] = message
        fields["suggestion"] = suggestion
        fields["fix"] = fix

    def to_dict(self) -> dict[str, Any]:
        """The same object as ``dump(self)`` (CONTRACTS §6), built directly."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "suggestion": self.suggestion,
            "fix": None if self.fix is None else self.fix.to_dict(),
        }


@dataclass(frozen=True)
class CheckContext:
    """What the checker knows about the case behind a draft (all optional)."""

    company_name: str | None = None
    allowed_names: tuple[str, ...] = ()
    other_company_names: tuple[str, ...] = ()
    applicant_name: str | None = None
    school: str | None = None
    new_grad: bool = False
    employer_forms: tuple[str, str] | None = None  # (written, spoken): 貴行, 御行
    employer_kind: str | None = None  # bank (employers.EMPLOYER_KINDS): the forms it also accepts
    employer_join: str | None = None  # 入行: the joining verb
    service_name: str | None = None  # purpose messenger: the service that sends the message
    agent_name: str | None = None  # the agent of an agent route: a mail may be addressed to it
    employer_same: str | None = None  # 同社, 同法人: the employer named in a mail to the agent
    contact_names: tuple[str, ...] = ()  # the people a draft may be addressed to (大野, 西村)
    today: dt.date | None = None  # the day of the check (--now): year-less dates are read from it
    declined_on: dt.date | None = None  # a withdrawal case: the day the decline was told (JST)

    @classmethod
    def from_case(cls, case: WithdrawalCase | DeclineCase, company_index: int = 0) -> CheckContext:
        """The context of one company of a case (for a decline file, ``company_index``)."""
        from naitei.case import WithdrawalCase

        applicant = case.applicant
        if isinstance(case, WithdrawalCase):
            company_name = case.company.name
            agent = case.offer.agent_name
            others: tuple[str, ...] = ()
        else:
            if not 0 <= company_index < len(case.companies):
                raise IndexError(f"company_index {company_index} is out of range")
            target = case.companies[company_index]
            company_name, agent = target.name, target.agent_name
            others = tuple(c.name for i, c in enumerate(case.companies) if i != company_index)
        employer = (case.company if isinstance(case, WithdrawalCase) else target).employer
        allowed = (agent, applicant.current_employer, applicant.school)
        return cls(
            company_name=company_name,
            allowed_names=tuple(name for name in allowed if name),
            other_company_names=others,
            applicant_name=applicant.name,
            school=applicant.school or None,
            new_grad=applicant.is_new_grad,
            employer_forms=employer.forms,
            employer_kind=employer.kind,
            employer_join=employer.join,
            agent_name=agent or None,
            employer_same=employer.same,
            contact_names=_contacts(case, company_index),
            declined_on=_declined_on(case),
        )


def _declined_on(case: WithdrawalCase | DeclineCase) -> dt.date | None:
    from naitei.calendar import JST
    from naitei.case import WithdrawalCase

    if isinstance(case, WithdrawalCase):
        return case.decline.declined_at.astimezone(JST).date()
    return None


def _contacts(case: WithdrawalCase | DeclineCase, company_index: int) -> tuple[str, ...]:
    """The employer's contact and the agent's contact of one company of a case."""
    from naitei.case import WithdrawalCase

    if isinstance(case, WithdrawalCase):
        names = (case.company.contact_name, case.offer.agent_contact)
    else:
        target = case.companies[company_index]
        names = (target.contact_name, target.agent_contact)
    return tuple(name for name in names if name)


@dataclass(frozen=True)
class Report(Shaped):
    """The result of one check: the findings, sorted by position then rule. Its JSON object
    (to_dict) is CONTRACTS §6."""

    kind: str
    findings: tuple[Finding, ...]
    counts: dict[str, int] = field(init=False, compare=False)  # findings per severity
    purpose: str
    purpose_inferred: bool = field(  # True when `auto` chose the purpose from the text
        default=False, metadata=meta(doc="true: purpose は auto で文面から判定した")
    )

    def __post_init__(self) -> None:
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        object.__setattr__(self, "counts", counts)

    def to_dict(self) -> dict[str, Any]:
        """CONTRACTS §6: ``dump(self)`` with each finding built by ``Finding.to_dict`` (the
        generic walk over dataclass fields took over a second for 33,000 findings)."""
        return {
            "kind": self.kind,
            "findings": [finding.to_dict() for finding in self.findings],
            "counts": dict(self.counts),
            "purpose": self.purpose,
            "purpose_inferred": self.purpose_inferred,
        }

    @property
    def has_errors(self) -> bool:
        return any(finding.severity == "error" for finding in self.findings)
