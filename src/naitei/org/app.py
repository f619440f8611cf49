"""The FastAPI app of `naitei serve --org`: `create_org_app(config)`; `app_factory` for
uvicorn's --factory with several workers (the config from NAITEI_ORG_CONFIG and NAITEI_ORG_*).

Only /signin…, /passkey/signin/…, /healthz, /readyz, the manifest, the service worker and the
static app shell answer without a session (org/web.py holds the guard)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from naitei.org.config import OrgConfig, load_config
from naitei.org.db import make_engine
from naitei.org.keys import KeyRing
from naitei.org.routes import router
from naitei.org.service_routes import router as service_router
from naitei.org.web import HERE, WEB_STATIC, guard, install_errors, templates


def create_org_app(config: OrgConfig, engine: Engine | None = None) -> FastAPI:
    app = FastAPI(title=config.name, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config = config
    app.state.engine = engine or make_engine(config)
    app.state.keys = KeyRing(config.key_dir)
    app.state.templates = templates()
    app.state.defer = None  # set by serve --org (Procrastinate) or a test
    app.include_router(router)
    app.include_router(service_router)  # the decline service (issue 19)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/assets", StaticFiles(directory=WEB_STATIC), name="assets")
    install_errors(app)
    app.middleware("http")(guard)
    return app


def app_factory() -> FastAPI:
    """One app worker of `naitei serve --org --workers N` (each has its own pool)."""
    import logging

    from naitei.org.jobs import deferrer

    path = os.environ.get("NAITEI_ORG_CONFIG")
    config = load_config(Path(path) if path else None)
    logging.basicConfig(level=config.log_level, format="%(message)s")
    app = create_org_app(config)
    app.state.defer = deferrer(config)
    return app
