"""Use cases shared by the CLI and the web app: they take validated values and return values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from naitei.assess import Assessment, assess
from naitei.calendar import JST
from naitei.case import FIRST_YEAR, LAST_YEAR, Case, DeclineCase, WithdrawalCase, check_year
from naitei.compose.model import Document
from naitei.errors import InputError, parsed
from naitei.plan import Plan, Step, make_plan

if TYPE_CHECKING:
    from naitei.check import Report
    from naitei.compose.after_facts import GivenFacts
    from naitei.compose.decline_kit import DeclineKit
    from naitei.compose.kit import Kit


def parse_now(text: str | None, field: str = "now") -> dt.datetime:
    """An ISO 8601 moment (Japan time when no offset is given); the current time when None."""
    if text is None:
        return dt.datetime.now(JST).replace(microsecond=0)
    message = f"'{text}' は日時の形ではありません（例: 2026-11-25T21:00:00+09:00）"
    moment = parsed(dt.datetime.fromisoformat, text, field, message)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=JST)
    try:
        check_year(moment)
        check_year(moment.astimezone(JST))
    except ValueError as error:
        raise InputError(str(error), field=field) from None
    except OverflowError:  # 9999-12-31T23:00-10:00 has no Japan time: it is past year 9999
        raise InputError(
            f"{FIRST_YEAR}年から{LAST_YEAR}年までの日付にしてください", field=field
        ) from None
    return moment


def employer_notices(case: Case, company: int | None = None) -> list[str]:
    """How each employer is addressed, for the user to confirm (宛先を銀行として書いています…),
    leaving out employers the case file set and plain companies (株式会社…). `company` (1-based)
    limits a decline file to the one employer a document is for (reader 4, C6)."""
    if isinstance(case, WithdrawalCase):
        employer = case.company.employer
        notes = [employer.notice] if employer.needs_notice else []
        return notes + _english_title(case.company.contact_title)
    notes = []
    for index, target in enumerate(case.companies, start=1):
        if company not in (None, index):
            continue
        if target.employer.needs_notice:
            notes.append(f"{index}社目（{target.name}）: {target.employer.notice}")
        notes += [
            f"{index}社目（{target.name}）: {n}" for n in _english_title(target.contact_title)
        ]
    return notes


def _english_title(title: str) -> list[str]:
    """A title in English (CEO, HR Manager) is written as given in the address block; the user
    is told, as a Japanese reader may expect 代表取締役 or 人事部長 (reader 4, C4)."""
    if not re.search(r"[A-Za-z]{2,}", title or ""):
        return []
    return [
        f"宛名の役職が英語（{title}）のまま入っています。日本語の役職（代表取締役、人事部長など）"
        "が分かれば、ケースファイルの contact_title を書き換えてください。"
    ]


# What a command that takes one purpose says of a case file of the other.
_OTHER_PURPOSE = {
    WithdrawalCase: '辞退の撤回のケース（purpose = "withdraw"）を指定してください。'
    "これから辞退する場合は naitei decline を使います",
    DeclineCase: '辞退のケース（purpose = "decline"）を指定してください。'
    "辞退を撤回したい場合は naitei withdraw を使います",
}
OneCase = TypeVar("OneCase", WithdrawalCase, DeclineCase)


def _require(case: Case, wanted: type[OneCase]) -> OneCase:
    if not isinstance(case, wanted):
        raise InputError(_OTHER_PURPOSE[wanted], field="purpose")
    return case


def require_withdrawal(case: Case) -> WithdrawalCase:
    return _require(case, WithdrawalCase)


def assess_case(case: Case, now: dt.datetime) -> tuple[Assessment, Plan]:
    """The assessment and, for its 'next step', the plan."""
    withdrawal = require_withdrawal(case)
    return assess(withdrawal, now), make_plan(withdrawal, now)


def plan_case(case: Case, now: dt.datetime) -> Plan:
    check_clock(case, now)
    return make_plan(case, now)


def check_clock(case: Case, now: dt.datetime) -> None:
    """`now` must not be before the decline it follows."""
    if isinstance(case, WithdrawalCase):
        from naitei.assess import days_since_decline

        days_since_decline(case, now)


def draft_document(
    kind: str,
    case: Case,
    now: dt.datetime,
    *,
    company: int = 1,
    unreached: bool = False,
    date: dt.date | None = None,
    given: GivenFacts | None = None,
) -> Document:
    """One document (`naitei draft KIND`, POST /api/documents/KIND): `now` checked against the
    decline; `unreached`: the email written when the call did not get through; `given`: the
    facts of an answer, for the documents after the call."""
    from naitei.compose import draft
    from naitei.compose.after_facts import after_facts

    facts = None if given is None else after_facts(given)
    check_clock(case, now)
    after_call = False if unreached else None
    return draft(kind, case, now, company=company, after_call=after_call, date=date, facts=facts)


def document_text(document: Document) -> str:
    """A document as the user copies it: emails with their subject and addressee."""
    if document.subject is not None:
        from naitei.export.kit import email_text

        return email_text(document)
    return document.text


def write_document(
    path: Path,
    document: Document,
    case: Case,
    now: dt.datetime,
    *,
    vertical: bool = False,
    date: dt.date | None = None,
) -> None:
    """Write one document; a letter to a .pdf path becomes the PDF, an email to .eml the message."""
    from naitei.fsutil import atomic_write

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if document.letter is None:
            raise InputError(f"PDF にできるのは手紙（letter）だけです: {path}", field="out")
        atomic_write(path, letter_pdf(case, now, vertical=vertical, date=date))
    elif suffix == ".eml":
        atomic_write(path, _eml(document, case, now, path))
    else:
        atomic_write(path, document_text(document).encode("utf-8"))


def _eml(document: Document, case: Case, now: dt.datetime, path: Path) -> bytes:
    message = email_eml(document, case, now)
    if message is None:
        raise InputError(
            f".eml にできるのは、宛先のメールアドレスが分かっているメールだけです: {path}",
            field="out",
        )
    return message


@dataclass(frozen=True)
class WrittenKit:
    files: list[str]
    verdict: str
    verdict_label: str
    first_step: Step


def write_withdrawal_kit(
    case: Case, now: dt.datetime, out: Path, *, vertical: bool = False
) -> WrittenKit:
    """Build the whole kit in memory, then write the folder all at once (CONTRACTS §5)."""
    from naitei.export.kit import kit_files
    from naitei.fsutil import write_directory

    withdrawal = require_withdrawal(case)
    kit = withdrawal_kit_of(withdrawal, now)
    files = kit_files(kit, withdrawal, now, vertical=vertical)
    write_directory(out, files)
    return WrittenKit(
        sorted(files),
        kit.assessment.verdict,
        kit.assessment.verdict_label,
        kit.plan.first_contact(),
    )


# In-memory use cases of the web app (naitei serve): the same values, returned as bytes.


def withdrawal_kit_of(case: Case, now: dt.datetime) -> Kit:
    """Assessment, plan and every document of a withdrawal case, as values."""
    from naitei.compose.kit import withdrawal_kit

    withdrawal = require_withdrawal(case)
    check_clock(withdrawal, now)
    return withdrawal_kit(withdrawal, now)


def withdrawal_kit_files(case: Case, now: dt.datetime) -> dict[str, bytes]:
    """Every file of the kit (CONTRACTS §5) by name, plus the vertical letter."""
    from naitei.export.kit import kit_files

    withdrawal = require_withdrawal(case)
    kit = withdrawal_kit_of(withdrawal, now)
    files = kit_files(kit, withdrawal, now)
    files["letter-vertical.pdf"] = letter_pdf(withdrawal, now, vertical=True, plan=kit.plan)
    return files


def letter_pdf(
    case: Case,
    now: dt.datetime,
    *,
    vertical: bool = False,
    date: dt.date | None = None,
    plan: Plan | None = None,
) -> bytes:
    """The letter as a PDF, dated `date` or for its posting day in `plan` (made when None)."""
    from naitei.compose.withdrawal import letter_parts
    from naitei.export.pdf import render_letter_pdf

    withdrawal = require_withdrawal(case)
    check_clock(withdrawal, now)
    parts = letter_parts(withdrawal, now, vertical=vertical, date=date, plan=plan)
    return render_letter_pdf(parts, vertical=vertical, created=now)


def parse_date(text: str | None, field: str = "date") -> dt.date | None:
    """A calendar date (2026-12-01), or None when not given."""
    from naitei.compose.after_facts import parse_date as parse_day

    return parse_day(text, field)


def plan_ics(case: Case, now: dt.datetime, plan: Plan | None = None) -> bytes:
    """The plan as a calendar (`naitei plan --ics`, the web's .ics): `plan`, when the caller
    has made it already, or the plan as of `now`."""
    from naitei.case import case_identity
    from naitei.export.ics import plan_to_ics

    return plan_to_ics(plan or plan_case(case, now), identity=case_identity(case))


def email_eml(document: Document, case: Case, now: dt.datetime) -> bytes | None:
    """The .eml of an email, or None when the recipient's address is unknown."""
    from naitei.export.kit import email_eml as build

    return build(document, case, now)


def check_draft(
    text: str,
    kind: str,
    purpose: str | None,
    case: Case | None = None,
    company: int = 1,
    now: dt.datetime | None = None,
) -> Report:
    """Check a draft; with a case, against its company and applicant (`naitei check --case`).
    ``purpose`` may be ``auto``: the purpose is then inferred from the text. ``now`` is the
    moment of the check: a date without its year (12月8日（火）) is read from its day."""
    from naitei.check import KINDS, PURPOSE_CHOICES, CheckContext, check_text

    if kind not in KINDS:
        raise InputError(f"'{kind}' は次のいずれかにしてください: {', '.join(KINDS)}", field="kind")
    chosen = purpose if purpose is not None else (case.purpose if case is not None else "withdraw")
    if chosen not in PURPOSE_CHOICES:
        raise InputError(
            f"'{chosen}' は次のいずれかにしてください: {', '.join(PURPOSE_CHOICES)}",
            field="purpose",
        )
    context = None
    if case is not None:
        count = len(case.companies) if isinstance(case, DeclineCase) else 1
        if not 1 <= company <= count:
            raise InputError(f"1 から {count} の間で指定してください（{company}）", field="company")
        context = CheckContext.from_case(case, company - 1)
    if now is not None:
        today = now.astimezone(JST).date() if now.tzinfo else now.date()
        context = dataclasses.replace(context or CheckContext(), today=today)
    return check_text(text, kind, chosen, context)


def require_decline(case: Case) -> DeclineCase:
    return _require(case, DeclineCase)


def decline_kit_of(case: Case, now: dt.datetime) -> DeclineKit:
    """Every company's decline email and phone script (raises CopyPasteError on a mismatch)."""
    from naitei.compose.decline_kit import decline_kit

    return decline_kit(require_decline(case), now)


def decline_files(case: Case, now: dt.datetime) -> dict[str, bytes]:
    """The files of `naitei decline --out` (nothing sent), by path."""
    from naitei.export.decline import kit_files

    decline = require_decline(case)
    return kit_files(decline_kit_of(decline, now), decline, now)


def decline_eml(case: Case, now: dt.datetime, company: int) -> bytes | None:
    """One company's decline email as an .eml (None without the recipient's address)."""
    from naitei.export.decline import outgoing
    from naitei.export.eml import to_bytes

    decline = require_decline(case)
    kit = decline_kit_of(decline, now)
    if not 1 <= company <= len(kit.companies):
        raise InputError(
            f"1 から {len(kit.companies)} の間で指定してください（{company}）", field="company"
        )
    message = outgoing(
        decline,
        kit.companies[company - 1],
        now,
        from_address=decline.applicant.email or None,
        draft=True,
    )
    return None if message is None else to_bytes(message)
