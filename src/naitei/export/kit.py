"""The files of a withdrawal kit (CONTRACTS §5), as bytes keyed by file name."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from naitei.case import Case, WithdrawalCase, case_identity
from naitei.compose.kit import Kit
from naitei.compose.model import Document
from naitei.compose.withdrawal import letter_parts
from naitei.export.eml import Attachment, build_message, to_bytes
from naitei.export.ics import plan_to_ics
from naitei.render import assessment_markdown, plan_markdown


def email_text(document: Document) -> str:
    """email.txt: the subject and addressee above the body, ready to copy."""
    head = [f"件名：{document.subject}"]
    if document.to_address:
        head.append(f"宛先：{document.to_name} <{document.to_address}>")
    return "\n".join(head) + "\n\n" + document.text


def email_eml(
    document: Document,
    case: Case,
    now: dt.datetime,
    *,
    sender: tuple[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> bytes | None:
    """email.eml (a draft for the mail app), or None when the recipient's address is unknown.
    From is the applicant unless `sender` (address, name) says otherwise (a decline service)."""
    if not document.to_address or document.subject is None:
        return None
    from_address, from_name = sender or (case.applicant.email, case.applicant.name)
    message = build_message(
        subject=document.subject,
        body=document.text,
        to_address=document.to_address,
        to_name=document.to_name or "",
        from_address=from_address or None,
        from_name=from_name,
        attachments=attachments,
        date=now,
        seed=f"{case_identity(case)}\x1f{document.title}\x1f{now.isoformat()}",
        draft=True,
    )
    return to_bytes(message)


def kit_files(
    kit: Kit, case: WithdrawalCase, now: dt.datetime, *, vertical: bool = False
) -> dict[str, bytes]:
    from naitei.export.pdf import render_letter_pdf

    docs = kit.documents
    files = {
        "assessment.md": assessment_markdown(kit.assessment, kit.plan.first_contact()),
        "plan.md": plan_markdown(kit.plan),
        "phone.md": docs["phone"].text,
        "visit.md": docs["visit"].text,
        "email.txt": email_text(docs["email"]),
        "email-unreached.txt": email_text(docs["email-unreached"]),
        "letter.txt": docs["letter"].text,
        "kit.json": json.dumps(kit.to_dict(), ensure_ascii=False, indent=2) + "\n",
    }
    data = {name: text.encode("utf-8") for name, text in files.items()}
    data["plan.ics"] = plan_to_ics(kit.plan, case_identity(case))
    parts = letter_parts(case, now, vertical=vertical, plan=kit.plan)
    data["letter.pdf"] = render_letter_pdf(parts, vertical=vertical, created=now)
    for name in ("email", "email-unreached"):
        eml = email_eml(docs[name], case, now)
        if eml is not None:
            data[f"{name}.eml"] = eml
    return data
