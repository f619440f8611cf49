"""naitei's typed errors as (field, message) pairs, for forms and the JSON API.

A CaseError carries its problems, each naming its table and key (``[decline].channel``); an
InputError carries its field (``now``, ``kind``, ``outcome`` ...). The web reads the fields the
errors carry; it never parses them out of a message.
"""

from __future__ import annotations

import re

from naitei.errors import CaseError, InputError, NaiteiError, Problem

MAX_PROBLEMS = 50  # a hostile body can hold thousands; the first ones are enough


def problem_of(error: NaiteiError) -> Problem:
    """The problem of an error that is not a CaseError."""
    if isinstance(error, InputError):
        return error.problem
    return Problem(None, str(error))


def problems_of(error: NaiteiError, source: str) -> list[Problem]:
    """The problems of an error raised while handling input that came from `source`."""
    if isinstance(error, CaseError):
        if error.source == source:
            return error.problems[:MAX_PROBLEMS]
        return [Problem(None, line) for line in error.lines()[:MAX_PROBLEMS]]
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
