"""Phrase banks (compose/phrases/*.toml), loaded once and checked at load."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from naitei.errors import DataError
from naitei.knowledge import check_placeholders

PLACEHOLDERS = {"company", "ref", "person", "declined_on", "channel"}
_REQUIRED = {
    "withdraw": [
        "channel_apology",
        "response_apology",
        "reason_clause",
        "reason_untold",
        "why",
        "why_candour",
        "why_prefix",
        "why_plain_tail",
        "unexplained_apology",
        "paperwork_apology",
        "event",
    ],
    "decline": ["reason", "accepted_apology", "not_accepted_apology"],
    "seasons": ["months"],
}


@cache
def bank(name: str) -> dict[str, Any]:
    """The phrase bank compose/phrases/<name>.toml, validated."""
    try:
        text = (
            resources.files("naitei.compose").joinpath("phrases", f"{name}.toml").read_text("utf-8")
        )
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataError(f"compose/phrases/{name}.toml: {error}") from error
    missing = [key for key in _REQUIRED.get(name, []) if key not in data]
    if missing:
        raise DataError(f"compose/phrases/{name}.toml: missing tables {missing}")
    for text_value in _strings(data):
        check_placeholders(f"compose/phrases/{name}.toml", text_value, PLACEHOLDERS)
    _check_media(name, data)
    return data


def _check_media(name: str, data: dict[str, Any]) -> None:
    """Written tables never say 御社, spoken ones never 貴社 (CONTRACTS §5)."""
    for key, value in data.items():
        if isinstance(value, dict):
            _check_media(name, value)
        wrong = {"written": "御社", "spoken": "貴社"}.get(key)
        if wrong and any(wrong in text for text in _strings(value)):
            raise DataError(f"compose/phrases/{name}.toml: [{key}] contains {wrong}")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def season(month: int) -> str:
    """時候の挨拶 for a month: 11 -> 晩秋の候."""
    return str(bank("seasons")["months"][str(month)])
