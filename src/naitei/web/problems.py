"""naitei's typed errors as (field, message) pairs, for forms and the JSON API.

A CaseError carries its problems, each naming its table and key (``[decline].channel``); an
InputError carries its field (``now``, ``kind``, ``outcome`` ...). An error raised without a
field still names it at the head of its message in a few places (``--out: ...``): `split`
reads that head, until every raise says its field.
"""

from __future__ import annotations

import re

from naitei.errors import CaseError, InputError, NaiteiError, Problem

_FIELD = re.compile(r"^(\[\[?[a-z_]+\]?\](?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)?|[A-Za-z_-]+): ")
_ALIASES = {"EVENT": "kind", "KIND": "kind", "with": "with", "case": "case"}


def split(text: str) -> Problem:
    """'--out: message' -> Problem('out', 'message'): the field of an error raised without one."""
    match = _FIELD.match(text)
    if match is None:
        return Problem(None, text)
    name = match[1]
    field = _ALIASES.get(name, name.lstrip("-").lower() if not name.startswith("[") else name)
    return Problem(field, text[match.end() :])


MAX_PROBLEMS = 50  # a hostile body can hold thousands; the first ones are enough


def problem_of(error: NaiteiError) -> Problem:
    """The problem of an error that is not a CaseError."""
    if isinstance(error, InputError) and error.field is not None:
        return error.problem
    return split(str(error))


def problems_of(error: NaiteiError, source: str) -> list[Problem]:
    """The problems of an error raised while handling input that came from `source`."""
    if isinstance(error, CaseError):
        if error.source == source:
            return error.problems[:MAX_PROBLEMS]
        return [split(line) for line in error.lines()[:MAX_PROBLEMS]]
    return [problem_of(error)]


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
