"""The FastAPI application of `naitei serve`, built by `create_app(settings)`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from naitei.web import errors
from naitei.web.deps import StoreHolder
from naitei.web.security import SecurityMiddleware
from naitei.web.sessions import Sessions
from naitei.web.settings import Settings
from naitei.web.templating import make_templates

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app: pages, the JSON API under /api/, static files, and its defences."""
    from naitei.web.openapi import install_schema
    from naitei.web.routes import routers

    settings = settings or Settings()
    holder = StoreHolder(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        from starlette.concurrency import run_in_threadpool

        from naitei.check import warm_up

        await run_in_threadpool(warm_up)  # the first check must not load the dictionary
        yield
        holder.close()

    app = FastAPI(
        title="naitei",
        summary="内定辞退の撤回と、丁寧な内定辞退のための道具（ローカル Web アプリ）",
        version=_version(),
        docs_url=None,  # Swagger UI would load scripts from a CDN: only the JSON schema
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        **_no_telemetry(),
    )
    app.state.settings = settings
    app.state.store = holder
    app.state.templates = make_templates()
    app.state.sessions = Sessions()  # the wizards' answers (Post/Redirect/Get)
    app.state.routes = []  # every route, for the Allow header of a 405 (errors.py)
    for router in routers():
        app.include_router(router)
        app.state.routes.extend(router.routes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    install_schema(app)
    app.add_middleware(errors.ErrorShield)
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app


# Recent FastAPI versions trace requests over OpenTelemetry (validation failures and exceptions
# with their messages, which can quote the user's data) as soon as the environment configures
# a provider or FASTAPI_OTEL_AUTO_CONFIGURE=true. naitei sends nothing anywhere: all off.
NO_TELEMETRY = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}


def _no_telemetry() -> dict[str, Any]:
    import inspect

    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        return {"telemetry": NO_TELEMETRY}
    return {}  # a FastAPI without telemetry


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("naitei")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def app_factory() -> Any:
    """For `uvicorn --factory naitei.web.app:app_factory` (default settings). Its key is random
    and shown nowhere, so it answers nothing but 401: use `naitei serve`, which prints it."""
    return create_app()
