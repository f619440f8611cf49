"""naitei's typed errors as (field, message) pairs, for forms and the JSON API.

A CaseError problem reads ``source: [decline].channel: message``; other input errors name
their option or argument first (``--now: ...``, ``EVENT: ...``). The web speaks of fields:
``[decline].channel`` for case content, ``now``, ``kind``, ``outcome`` ... for the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from naitei.errors import CaseError, NaiteiError

_FIELD = re.compile(r"^(\[\[?[a-z_]+\]?\](?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)?|[A-Za-z_-]+): ")
_ALIASES = {"EVENT": "kind", "KIND": "kind", "with": "with", "case": "case"}


@dataclass(frozen=True)
class Problem:
    field: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message}


def split(text: str) -> Problem:
    """'[decline].channel: message' -> Problem('[decline].channel', 'message')."""
    match = _FIELD.match(text)
    if match is None:
        return Problem(None, text)
    name = match[1]
    field = _ALIASES.get(name, name.lstrip("-").lower() if not name.startswith("[") else name)
    return Problem(field, text[match.end() :])


MAX_PROBLEMS = 50  # a hostile body can hold thousands; the first ones are enough


def problems_of(error: NaiteiError, source: str) -> list[Problem]:
    """The problems of an error raised while handling input that came from `source`."""
    lines = error.problems[:MAX_PROBLEMS] if isinstance(error, CaseError) else [str(error)]
    prefix = f"{source}: "
    return [split(line.removeprefix(prefix)) for line in lines]


def form_name(field: str | None) -> str | None:
    """A problem's field as a form input name: '[decline].channel' -> 'decline.channel',
    '[[companies]][2].name' -> 'companies.1.name', '[withdrawal].strengths[3]' ->
    'withdrawal.strengths'."""
    if field is None:
        return None
    companies = re.match(r"^\[\[companies\]\]\[(\d+)\]\.([a-z_]+)", field)
    if companies:
        return f"companies.{int(companies[1]) - 1}.{companies[2]}"
    table = re.match(r"^\[([a-z_]+)\]\.([a-z_]+)", field)
    if table:
        return f"{table[1]}.{table[2]}"
    return field
