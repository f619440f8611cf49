"""The home page: three ways in, and the case list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from naitei.web.deps import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> Any:
    return render(request, "home.html")
