"""The withdrawal flow: the wizard, the result page (verdict and next step first, then the
tabs) and its downloads. Case content travels in POST bodies only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from naitei import services
from naitei.case import WithdrawalCase
from naitei.errors import InputError
from naitei.web import handoff, wizard
from naitei.web.deps import FormDep, NowDep, render
from naitei.web.downloads import attachment, posted_case, render_result, zip_bytes
from naitei.web.errors_summary import summary_of
from naitei.web.fields import employer_hints, preselect_kinds
from naitei.web.sessions import keep, kept_flow, sessions_of

router = APIRouter(include_in_schema=False)
FILES = ("email.eml", "email-unreached.eml", "plan.ics", "letter.pdf", "letter-vertical.pdf")


FLOW = "withdraw"


def see(path: str, request: Request, key: str) -> Response:
    return keep(RedirectResponse(path, status_code=303), key, request)


@router.get("/withdraw")
def start(request: Request) -> Any:
    """The wizard where the user left it (step 1 for a new user)."""
    key, session = sessions_of(request).get(request)
    return see(f"/withdraw/{session.flow(FLOW).reached}", request, key)


@router.get("/withdraw/{number:int}")
def step_page(request: Request, number: int) -> Any:
    """One step, with the answers so far and the problems found when it was sent."""
    key, session = sessions_of(request).get(request)
    flow = session.flow(FLOW)
    if not 1 <= number <= len(wizard.steps()) or number > flow.reached:
        return see(f"/withdraw/{min(flow.reached, len(wizard.steps()))}", request, key)
    values = flow.values or wizard.answers({})
    errors = {k: v for k, v in flow.errors.items() if wizard.step_of(k) == number or not k}
    return keep(show_step(request, number, values, errors, 200, flow.reached), key, request)


def show_step(
    request: Request,
    number: int,
    values: dict[str, str],
    errors: wizard.Errors,
    status: int = 200,
    reached: int = 1,
) -> Any:
    step = wizard.steps()[number - 1]
    return render(
        request,
        "wizard.html",
        status_code=status,
        step=step,
        steps=wizard.steps(),
        values=values,
        errors=errors,
        summary=summary_of(errors, step.fields),
        reached=reached,
        hints=employer_hints(values, ["company"]),
    )


@router.post("/withdraw")
def submit(request: Request, form: FormDep, now: NowDep) -> Any:
    """Store the step's answers, then redirect: to the next step, back, to the step with a
    problem, or to the result (Post/Redirect/Get)."""
    key, session = sessions_of(request).get(request)
    flow = session.flow(FLOW)
    number = _step_number(form.get("step", "1"))
    if form.get("action") == "edit":
        posted, _ = posted_case(form, now)
        data = posted.model_dump(mode="json", exclude_none=True)
        flow.values, flow.errors = wizard.values_from_case(data), {}
        flow.reached = len(wizard.steps())  # every step answered: each one can be opened
        flow.extra.pop("now", None)
        return see("/withdraw/1", request, key)
    flow.values = wizard.merged(flow.values, form, number)
    flow.errors = {}
    flow.extra.pop("now", None)  # a changed answer makes a new plan, from the clock of then
    if form.get("action") == "back":
        return see(f"/withdraw/{max(1, number - 1)}", request, key)
    case, errors = wizard.validate(flow.values, number, now)
    if errors or case is None:
        flow.errors = errors
        first = wizard.first_step_with(errors)
        flow.reached = max(flow.reached, first)
        return see(f"/withdraw/{first}#error-summary", request, key)
    kind_step = wizard.step_of("company.kind")
    if number == kind_step and preselect_kinds(flow.values, ["company"]):
        return see(f"/withdraw/{kind_step}", request, key)  # confirm the detected kind
    if number < len(wizard.steps()):
        flow.reached = max(flow.reached, number + 1)
        return see(f"/withdraw/{number + 1}", request, key)
    flow.reached = len(wizard.steps())
    flow.extra["now"] = now.isoformat()
    return see("/withdraw/result", request, key)


@router.get("/withdraw/result")
def result_page(request: Request, now: NowDep) -> Any:
    """The result of the answers in the session, as of the moment they were sent: a Reload
    shows the same plan."""
    key, flow, moment = kept_flow(request, FLOW)
    if moment is None:
        return see("/withdraw", request, key)
    case, errors = wizard.validate(flow.values, len(wizard.steps()), moment)
    if case is None:
        flow.errors = errors
        return see(f"/withdraw/{wizard.first_step_with(errors)}", request, key)
    return keep(show_result(request, case, moment), key, request)


@router.post("/withdraw/forget")
def forget(request: Request) -> Response:
    """Erase the answers kept for the wizards (the server keeps nothing of them after this)."""
    sessions_of(request).forget(request)
    return RedirectResponse("/?forgotten", status_code=303)


def _step_number(text: str) -> int:
    count = len(wizard.steps())
    return int(text) if text.isdigit() and 1 <= int(text) <= count else 1


def show_result(
    request: Request, case: WithdrawalCase, now: Any, saved_id: str | None = None
) -> Any:
    kit = services.withdrawal_kit_of(case, now)
    documents = kit.documents
    return render_result(
        request,
        "result.html",
        case,
        kit,
        now,
        saved_id,
        first=kit.plan.first_contact(),
        shown={name: handoff.web_text(doc.text) for name, doc in documents.items()},
        copy_text={name: handoff.plain_script(documents[name].text) for name in ("phone", "visit")},
        mails={name: handoff.mail_of(documents[name]) for name in ("email", "email-unreached")},
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
