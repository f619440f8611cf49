"""The decline flow: one or several companies, then per company the email, the phone script,
the channel advised, and downloads."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from naitei import services
from naitei.case import DeclineCase
from naitei.compose.decline_kit import CopyPasteError
from naitei.errors import InputError
from naitei.web import decline_form as forms
from naitei.web import handoff
from naitei.web.deps import FormDep, NowDep, render
from naitei.web.downloads import attachment, posted_case, render_result, zip_bytes
from naitei.web.errors_summary import summary_of
from naitei.web.fields import employer_hints, preselect_kinds
from naitei.web.sessions import keep, kept_flow, sessions_of

router = APIRouter(include_in_schema=False)
EML = re.compile(r"decline-email-(\d{2})\.eml")


FLOW = "decline"


def see(path: str, request: Request, key: str) -> Response:
    return keep(RedirectResponse(path, status_code=303), key, request)


@router.get("/decline")
def start(request: Request) -> Any:
    """The form with the answers kept (empty for a new user) and the problems found when it
    was sent."""
    key, session = sessions_of(request).get(request)
    flow = session.flow(FLOW)
    count = int(flow.extra.get("count", 1))
    values = flow.values or forms.answers({}, count)
    page = show_form(request, values, count, flow.errors, 200, flow.general)
    return keep(page, key, request)


def show_form(
    request: Request,
    values: dict[str, str],
    count: int,
    errors: dict[str, list[str]],
    status: int = 200,
    general: list[str] | None = None,
) -> Any:
    shown = forms.all_fields(count)
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
        summary=summary_of(errors, shown),
        general=general or [],
        hints=employer_hints(values, _prefixes(count)),
    )


def _prefixes(count: int) -> list[str]:
    return [f"companies.{index}" for index in range(count)]


@router.post("/decline")
def submit(request: Request, form: FormDep, now: NowDep) -> Any:
    """Store the answers, then redirect (Post/Redirect/Get): back to the form (a company added
    or removed, a problem found) or to the result."""
    key, session = sessions_of(request).get(request)
    flow = session.flow(FLOW)
    count = forms.count_of(form)
    values = forms.answers(form, count)
    action = form.get("action", "make")
    flow.errors, flow.general = {}, []
    flow.extra.pop("now", None)
    if action == "add" and count < forms.MAX_COMPANIES:
        flow.values, flow.extra["count"] = forms.answers(form, count + 1), count + 1
        return see(f"/decline#company-{count}", request, key)  # the new company's block
    if action.startswith("remove:") and count > 1:
        index = int(action[7:]) if action[7:].isdigit() else count - 1
        flow.values, flow.extra["count"] = forms.without(values, count, index), count - 1
        return see("/decline", request, key)
    flow.values, flow.extra["count"] = values, count
    case, errors = forms.validate(values, count, now)
    if case is None:
        flow.errors = errors
        return see("/decline#error-summary", request, key)
    if preselect_kinds(values, _prefixes(count)):
        return see("/decline", request, key)  # confirm the detected kinds
    try:
        services.decline_kit_of(case, now)
    except CopyPasteError as error:
        flow.general = [mismatch.describe() for mismatch in error.mismatches]
        return see("/decline", request, key)
    flow.extra["now"] = now.isoformat()
    return see("/decline/result", request, key)


@router.get("/decline/result")
def result_page(request: Request) -> Any:
    """The messages for the kept answers, as of the moment they were sent (a Reload shows the
    same)."""
    key, flow, moment = kept_flow(request, FLOW)
    if moment is None:
        return see("/decline", request, key)
    case, errors = forms.validate(flow.values, int(flow.extra.get("count", 1)), moment)
    if case is None:
        flow.errors = errors
        return see("/decline", request, key)
    kit = services.decline_kit_of(case, moment)
    return keep(show_result(request, case, kit, moment), key, request)


def show_result(
    request: Request, case: DeclineCase, kit: Any, now: Any, saved_id: str | None = None
) -> Any:
    mails = {c.index: handoff.mail_of(c.email) for c in kit.companies}
    return render_result(request, "decline_result.html", case, kit, now, saved_id, mails=mails)


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
