"""The routes, one module per area: pages, the wizard and its result, decline, checker,
cases, and the JSON API."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from naitei.web.routes import (
        api,
        api_cases,
        cases,
        checker,
        decline,
        pages,
        replies,
        withdraw,
    )

    return [
        pages.router,
        withdraw.router,
        decline.router,
        checker.router,
        cases.router,
        replies.router,
        api.router,
        api_cases.router,
    ]
