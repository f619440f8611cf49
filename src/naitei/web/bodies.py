"""Reading case bodies of the JSON API: the case file itself, or {"case": ..., "now": ...}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.case import Case, parse_case
from naitei.errors import InputError
from naitei.services import parse_now

SOURCE = "body"


def read_case(body: Any, query_now: str | None, clock_now: dt.datetime) -> tuple[Case, dt.datetime]:
    """The validated case and the `now` to use (the envelope's, the query's, or the clock's)."""
    if not isinstance(body, dict):
        raise InputError("JSON のオブジェクト（{...}）を送ってください", field="body")
    data: Any = body
    now_text: Any = query_now
    if "case" in body:
        unknown = sorted(set(body) - {"case", "now"})
        if unknown:
            raise InputError("知らない項目です（使える項目: case, now）", field=unknown[0])
        data, now_text = body["case"], body.get("now", query_now)
    if now_text is not None and not isinstance(now_text, str):
        raise InputError("日時の文字列（例: 2026-11-25T21:00:00+09:00）にしてください", field="now")
    now = parse_now(now_text, "now") if now_text else clock_now
    if not isinstance(data, dict):
        raise InputError("JSON のオブジェクト（{...}）を送ってください", field="case")
    return parse_case(data, SOURCE), now
