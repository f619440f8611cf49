"""The files a service prepares for one request, as bytes keyed by file name.

For every company: the messenger's email (``N-messenger-email.txt``, and ``.eml`` when the
address is known, with the signed 委任状 attached) and phone script (``N-messenger-phone.md``);
for the request: the 委任状 to confirm (``authorisation.txt``) and, once confirmed, the signed
PDF and the confirmation record (``authorisation.pdf``, ``authorisation.json``). Every text is
checked with the checker's purpose ``messenger`` before anything is returned: a generated
message with an error-severity finding is a bug, never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from naitei.check import CheckContext, check_text
from naitei.compose.model import Document
from naitei.errors import NaiteiError
from naitei.export.eml import Attachment
from naitei.export.kit import email_eml, email_text
from naitei.messenger.authorisation import (
    Confirmation,
    authorisation_pdf,
    authorisation_text,
)
from naitei.messenger.compose import Request, messenger_email, messenger_phone

PDF_NAME = "委任状.pdf"


class GeneratedTextError(NaiteiError):
    """A message naitei wrote did not pass its own checker (a bug)."""

    exit_code = 1


def checked(document: Document, kind: str, request: Request, index: int) -> Document:
    context = dataclasses.replace(
        CheckContext.from_case(request.case, index - 1), service_name=request.service.name
    )
    report = check_text(document.text, kind, "messenger", context)  # type: ignore[arg-type]
    errors = [f.rule for f in report.findings if f.severity == "error"]
    if errors:
        raise GeneratedTextError(f"{document.title}: {', '.join(errors)}")
    return document


def messenger_files(
    request: Request, now: dt.datetime, confirmation: Confirmation | None = None
) -> dict[str, bytes]:
    """Every file of the request. The messages mention the 委任状 only when it is confirmed
    (and so attached): ``request.authorised`` asks for one, ``confirmation`` is the signature."""
    files: dict[str, bytes] = {}
    pdf = None
    if request.authorised:
        text = authorisation_text(request, now.date())
        files["authorisation.txt"] = text.encode("utf-8")
        if confirmation is not None:
            pdf = authorisation_pdf(request, now.date(), confirmation, now)
            files["authorisation.pdf"] = pdf
            record = json.dumps(confirmation.to_dict(), ensure_ascii=False, indent=2)
            files["authorisation.json"] = (record + "\n").encode("utf-8")
    sending = dataclasses.replace(request, authorised=pdf is not None)
    for index in range(1, len(request.case.companies) + 1):
        email = checked(messenger_email(sending, index), "email", sending, index)
        phone = checked(messenger_phone(sending, index), "phone", sending, index)
        files[f"{index}-messenger-email.txt"] = email_text(email).encode("utf-8")
        eml = email_eml(
            email,
            request.case,
            now,
            sender=(request.service.email, request.service.name),
            attachments=(Attachment(PDF_NAME, "pdf", pdf),) if pdf is not None else (),
        )
        if eml is not None:
            files[f"{index}-messenger-email.eml"] = eml
        files[f"{index}-messenger-phone.md"] = phone.text.encode("utf-8")
    return files
