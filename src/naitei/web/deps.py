"""Dependencies of the routes: the settings, the clock, the store, the templates, form data."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from naitei.services.cases import Store
from naitei.web.settings import Settings

MAX_FORM_FIELDS = 400


class StoreHolder:
    """Opens the store on first use (migrating it), so pages without cases never touch it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store = settings.store
        self._owned = False
        self._lock = threading.Lock()

    def get(self) -> Store:
        with self._lock:
            if self._store is None:
                from naitei.services.cases import open_store

                self._store = open_store(self.settings.database_url)
                self._owned = True
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._owned and self._store is not None:
                self._store.dispose()
            self._store, self._owned = self.settings.store, False


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    holder: StoreHolder = request.app.state.store
    return holder.get()


async def get_now(request: Request) -> dt.datetime:
    """The clock (async: a plain function would cost each request a trip to a worker thread)."""
    return settings_of(request).clock()


def templates_of(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def form_data(request: Request) -> dict[str, str]:
    """The posted form's text fields (the last value of each name)."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


StoreDep = Annotated[Store, Depends(get_store)]
NowDep = Annotated[dt.datetime, Depends(get_now)]
FormDep = Annotated[dict[str, str], Depends(form_data)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Any:
    """An HTML page from web/templates (autoescaped)."""
    return templates_of(request).TemplateResponse(
        request, template, context, status_code=status_code
    )
