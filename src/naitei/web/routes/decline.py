"""The decline flow: one or several companies, then per company the email, the phone script,
the channel advised, and downloads."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from naitei import services
from naitei.case import DeclineCase
from naitei.compose.decline_kit import CopyPasteError
from naitei.errors import InputError
from naitei.web import decline_form as forms
from naitei.web.deps import FormDep, NowDep, render
from naitei.web.downloads import attachment, case_json, posted_case, zip_bytes
from naitei.web.fields import employer_hints, preselect_kinds

router = APIRouter(include_in_schema=False)
EML = re.compile(r"decline-email-(\d{2})\.eml")


@router.get("/decline")
def start(request: Request) -> Any:
    return show_form(request, forms.answers({}, 1), 1, {})


def show_form(
    request: Request,
    values: dict[str, str],
    count: int,
    errors: dict[str, list[str]],
    status: int = 200,
    general: list[str] | None = None,
) -> Any:
    return render(
        request,
        "decline.html",
        status_code=status,
        applicant=forms.applicant_fields(),
        reason=forms.reason_fields(),
        companies=[forms.company_fields(i) for i in range(count)],
        count=count,
        max_companies=forms.MAX_COMPANIES,
        values=values,
        errors=errors,
        general=general or [],
        hints=employer_hints(values, _prefixes(count)),
    )


def _prefixes(count: int) -> list[str]:
    return [f"companies.{index}" for index in range(count)]


@router.post("/decline")
def submit(request: Request, form: FormDep, now: NowDep) -> Any:
    count = forms.count_of(form)
    values = forms.answers(form, count)
    action = form.get("action", "make")
    if action == "add" and count < forms.MAX_COMPANIES:
        return show_form(request, forms.answers(form, count + 1), count + 1, {})
    if action.startswith("remove:") and count > 1:
        index = int(action[7:]) if action[7:].isdigit() else count - 1
        return show_form(request, forms.without(values, count, index), count - 1, {})
    case, errors = forms.validate(values, count, now)
    if case is None:
        return show_form(request, values, count, errors, status=422)
    if preselect_kinds(values, _prefixes(count)):
        return show_form(request, values, count, {})  # confirm the detected kinds
    try:
        kit = services.decline_kit_of(case, now)
    except CopyPasteError as error:
        general = [mismatch.describe() for mismatch in error.mismatches]
        return show_form(request, values, count, {}, status=422, general=general)
    return show_result(request, case, kit, now)


def show_result(
    request: Request, case: DeclineCase, kit: Any, now: Any, saved_id: str | None = None
) -> Any:
    return render(
        request,
        "decline_result.html",
        case=case,
        kit=kit,
        copy_email={c.index: services.document_text(c.email) for c in kit.companies},
        case_json=case_json(case),
        now_iso=now.isoformat(),
        saved_id=saved_id,
    )


@router.post("/decline/download")
def download(form: FormDep, now: NowDep) -> Response:
    case, moment = posted_case(form, now)
    name = form.get("file", "")
    if name == "decline-kit.zip":
        return attachment(zip_bytes(services.decline_files(case, moment), moment), name)
    match = EML.fullmatch(name)
    if match is None:
        raise InputError(f"'{name}' は作れません", field="file")
    data = services.decline_eml(case, moment, int(match[1]))
    if data is None:
        raise InputError(
            "メールアドレスが分からないため、.eml は作れません。本文をコピーしてお使いください",
            field="file",
        )
    return attachment(data, name)
