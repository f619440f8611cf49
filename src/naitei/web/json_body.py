"""Reading the JSON API's request bodies strictly.

FastAPI reads a JSON body with ``request.json()``. The routes of the API use `StrictJSONRoute`,
whose request reads it so that every malformed body becomes the same 422 naming ``body``:
- UTF-8 only (RFC 8259); otherwise FastAPI would answer 400 with no field;
- no lone surrogate (``"\\ud800"``): such a string cannot be written to the database or
  encoded in a response, and would end in a 500;
- no NaN or Infinity (not JSON);
- at most `MAX_DEPTH` levels of nesting (a case file has four), and no RecursionError.
Each failure is raised as ``json.JSONDecodeError``, which FastAPI turns into a validation
error of type ``json_invalid`` (see ``errors._validation_problem``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

MAX_DEPTH = 64
_SURROGATES = frozenset(chr(code) for code in range(0xD800, 0xE000))


def parse_json(body: bytes) -> Any:
    """The body as JSON, or json.JSONDecodeError with a message in Japanese."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise json.JSONDecodeError("UTF-8 として読めません", "", error.start) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise json.JSONDecodeError("入れ子が深すぎます", "", 0) from None
    # Walk the value only when the text could hold a problem (counting is fast, walking is not).
    check_strings = "\\u" in text or "\\U" in text
    if check_strings or text.count("[") + text.count("{") > MAX_DEPTH:
        problem = _shape_problem(data, check_strings)
        if problem:
            raise json.JSONDecodeError(problem, "", 0)
    return data


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} は JSON の値ではありません", "", 0)


def _shape_problem(data: Any, check_strings: bool) -> str | None:
    """Too deep a nesting, or a lone surrogate (only \\u escapes can make one)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            items: list[Any] = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            items = value
        else:
            if check_strings and isinstance(value, str) and not _SURROGATES.isdisjoint(value):
                return "対になっていないサロゲート（\\ud800 など）は使えません"
            continue
        if depth > MAX_DEPTH:
            return f"入れ子が深すぎます（{MAX_DEPTH} 段まで）"
        stack.extend((item, depth + 1) for item in items)
    return None


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_json(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """An API route whose JSON body is read by `parse_json`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
