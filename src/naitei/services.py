"""Use cases shared by the CLI and the web app: they take validated values and return values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from naitei.assess import Assessment, assess
from naitei.calendar import JST
from naitei.case import Case, WithdrawalCase
from naitei.compose.model import Document
from naitei.errors import InputError
from naitei.plan import Plan, Step, make_plan


def parse_now(text: str | None, option: str = "--now") -> dt.datetime:
    """An ISO 8601 moment (Japan time when no offset is given); the current time when None."""
    if text is None:
        return dt.datetime.now(JST).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{option}: '{text}' は日時の形ではありません（例: 2026-11-25T21:00:00+09:00）"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=JST)


def require_withdrawal(case: Case, command: str) -> WithdrawalCase:
    if not isinstance(case, WithdrawalCase):
        raise InputError(
            f'{command}: 辞退の撤回のケース（purpose = "withdraw"）を指定してください。'
            "これから辞退する場合は naitei decline を使います"
        )
    return case


def assess_case(case: Case, now: dt.datetime) -> tuple[Assessment, Plan]:
    """The assessment and, for its 'next step', the plan."""
    withdrawal = require_withdrawal(case, "assess")
    return assess(withdrawal, now), make_plan(withdrawal, now)


def plan_case(case: Case, now: dt.datetime) -> Plan:
    check_clock(case, now)
    return make_plan(case, now)


def check_clock(case: Case, now: dt.datetime) -> None:
    """`now` must not be before the decline it follows."""
    if isinstance(case, WithdrawalCase):
        from naitei.assess import days_since_decline

        days_since_decline(case, now)


def document_text(document: Document) -> str:
    """A document as the user copies it: emails with their subject and addressee."""
    if document.subject is not None:
        from naitei.export.kit import email_text

        return email_text(document)
    return document.text


def write_document(
    path: Path, document: Document, case: Case, now: dt.datetime, *, vertical: bool = False
) -> None:
    """Write one document; a letter to a .pdf path becomes the PDF, an email to .eml the message."""
    from naitei.fsutil import atomic_write

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if document.letter is None or not isinstance(case, WithdrawalCase):
            raise InputError(f"--out: PDF にできるのは手紙（letter）だけです: {path}")
        from naitei.compose.withdrawal import letter_parts
        from naitei.export.pdf import render_letter_pdf

        parts = letter_parts(case, now, vertical=vertical)
        atomic_write(path, render_letter_pdf(parts, vertical=vertical, created=now))
    elif suffix == ".eml":
        atomic_write(path, _eml(document, case, now, path))
    else:
        atomic_write(path, document_text(document).encode("utf-8"))


def _eml(document: Document, case: Case, now: dt.datetime, path: Path) -> bytes:
    from naitei.case import case_identity
    from naitei.export.eml import build_message, to_bytes

    if document.subject is None or not document.to_address:
        raise InputError(
            f"--out: .eml にできるのは、宛先のメールアドレスが分かっているメールだけです: {path}"
        )
    message = build_message(
        subject=document.subject,
        body=document.text,
        to_address=document.to_address,
        to_name=document.to_name or "",
        from_address=case.applicant.email or None,
        from_name=case.applicant.name,
        date=now,
        seed=f"{case_identity(case)}\x1f{document.title}\x1f{now.isoformat()}",
    )
    return to_bytes(message)


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
    from naitei.compose.kit import withdrawal_kit
    from naitei.export.kit import kit_files
    from naitei.fsutil import write_directory

    withdrawal = require_withdrawal(case, "withdraw")
    kit = withdrawal_kit(withdrawal, now)
    files = kit_files(kit, withdrawal, now, vertical=vertical)
    write_directory(out, files)
    return WrittenKit(
        sorted(files),
        kit.assessment.verdict,
        kit.assessment.verdict_label,
        kit.plan.first_contact(),
    )
