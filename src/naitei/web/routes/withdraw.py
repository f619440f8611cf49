"""The withdrawal flow: the wizard, the result page (verdict and next step first, then the
tabs) and its downloads. Case content travels in POST bodies only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from naitei import services
from naitei.case import WithdrawalCase
from naitei.errors import InputError
from naitei.web import wizard
from naitei.web.deps import FormDep, NowDep, render
from naitei.web.downloads import attachment, case_json, posted_case, zip_bytes
from naitei.web.fields import employer_hints, preselect_kinds

router = APIRouter(include_in_schema=False)
FILES = ("email.eml", "email-unreached.eml", "plan.ics", "letter.pdf", "letter-vertical.pdf")


@router.get("/withdraw")
def start(request: Request) -> Any:
    return show_step(request, 1, wizard.answers({}), {})


def show_step(
    request: Request, number: int, values: dict[str, str], errors: wizard.Errors, status: int = 200
) -> Any:
    step = wizard.steps()[number - 1]
    hidden = {f.name: values.get(f.name, "") for f in wizard.all_fields() if f not in step.fields}
    return render(
        request,
        "wizard.html",
        status_code=status,
        step=step,
        steps=wizard.steps(),
        values=values,
        hidden=hidden,
        errors=errors,
        hints=employer_hints(values, ["company"]),
    )


@router.post("/withdraw")
def submit(request: Request, form: FormDep, now: NowDep) -> Any:
    number = _step_number(form.get("step", "1"))
    if form.get("action") == "edit":
        posted, _ = posted_case(form, now)
        data = posted.model_dump(mode="json", exclude_none=True)
        return show_step(request, 1, wizard.values_from_case(data), {})
    values = wizard.answers(form)
    if form.get("action") == "back":
        return show_step(request, max(1, number - 1), values, {})
    case, errors = wizard.validate(values, number, now)
    if errors or case is None:
        return show_step(request, wizard.first_step_with(errors), values, errors, status=422)
    kind_step = wizard.step_of("company.kind")
    if number == kind_step and preselect_kinds(values, ["company"]):
        return show_step(request, kind_step, values, {})  # confirm the detected kind
    if number < len(wizard.steps()):
        return show_step(request, number + 1, values, {})
    return show_result(request, case, now)


def _step_number(text: str) -> int:
    count = len(wizard.steps())
    return int(text) if text.isdigit() and 1 <= int(text) <= count else 1


def show_result(
    request: Request, case: WithdrawalCase, now: Any, saved_id: str | None = None
) -> Any:
    kit = services.withdrawal_kit_of(case, now)
    documents = kit.documents
    return render(
        request,
        "result.html",
        case=case,
        kit=kit,
        first=kit.plan.first_contact(),
        copy_text={name: services.document_text(doc) for name, doc in documents.items()},
        case_json=case_json(case),
        now_iso=now.isoformat(),
        saved_id=saved_id,
    )


@router.post("/withdraw/download")
def download(form: FormDep, now: NowDep) -> Response:
    case, moment = posted_case(form, now)
    name = form.get("file", "")
    if name == "kit.zip":
        return attachment(
            zip_bytes(services.withdrawal_kit_files(case, moment), moment), "naitei-kit.zip"
        )
    if name not in FILES:
        raise InputError(f"'{name}' は作れません", field="file")
    return attachment(_file(case, moment, name), name)


def _file(case: Any, now: Any, name: str) -> bytes:
    if name.endswith(".pdf"):
        return services.letter_pdf(case, now, vertical=name == "letter-vertical.pdf")
    if name == "plan.ics":
        return services.plan_ics(case, now)
    kit = services.withdrawal_kit_of(case, now)
    document = kit.documents[name.removesuffix(".eml")]
    data = services.email_eml(document, case, now)
    if data is None:
        raise InputError(
            "会社のメールアドレスが分からないため、.eml は作れません。"
            "本文をコピーしてお使いください",
            field="file",
        )
    return data
