"""The checker: paste a draft, choose the medium and the purpose, see the findings in place."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from naitei import services
from naitei.check import PURPOSE_CHOICES, PURPOSE_LABELS, inferred_purpose, summary
from naitei.web.deps import FormDep, NowDep, render
from naitei.web.highlight import checked_page

router = APIRouter(include_in_schema=False)
MAX_TEXT = 100_000
KINDS = (
    ("email", "メール"),
    ("letter", "手紙"),
    ("phone", "電話の台本"),
    ("visit", "訪問の話す内容"),
)
PURPOSES = tuple((value, PURPOSE_LABELS[value]) for value in PURPOSE_CHOICES)


def show(request: Request, status: int = 200, **context: Any) -> Any:
    defaults: dict[str, Any] = {
        "text": "",
        "kind": "email",
        "purpose": "withdraw",
        "error": None,
        "report": None,
        "inferred": "",
    }
    return render(
        request,
        "check.html",
        status_code=status,
        kinds=KINDS,
        purposes=PURPOSES,
        **(defaults | context),
    )


@router.get("/check")
def start(request: Request) -> Any:
    return show(request)


@router.post("/check")
def submit(request: Request, form: FormDep, clock: NowDep) -> Any:
    text = form.get("text", "").replace("\r\n", "\n")
    kind = form.get("kind", "email")
    purpose = form.get("purpose", "withdraw")
    entered: dict[str, Any] = {"text": text, "kind": kind, "purpose": purpose}
    if purpose not in PURPOSE_CHOICES:
        return show(request, 422, error="目的を一覧から選んでください。", **entered)
    if not text.strip():
        return show(request, 422, error="点検する文面を貼り付けてください。", **entered)
    if len(text) > MAX_TEXT:
        return show(request, 422, error="文面が長すぎます（10万文字まで）。", **entered)
    # the page buttons of a long report: which findings to list, and the fixed text on request
    page = form.get("page", "1")
    if not page.isascii() or not page.isdigit():
        return show(
            request, 422, error="表示する指摘のページ（page）は数字で指定してください。", **entered
        )
    # today's date: a date without its year (12月8日（火）) is read as the nearest one
    report = services.check_draft(text, kind, purpose, now=clock)
    return show(
        request,
        report=report,
        summary=summary(report),
        inferred=inferred_purpose(report),
        **checked_page(text, report, int(page), with_fixes=form.get("fixes") == "1"),
        **entered,
    )
