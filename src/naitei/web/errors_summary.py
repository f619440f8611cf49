"""The error summary at the top of a form: every problem as a link to its field.

On a phone the field with a problem can be screens away from the top; the summary (which
takes focus, app.js) names each problem with its field's label and links to the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from naitei.web.fields import Field


@dataclass(frozen=True)
class Item:
    href: str  # "#f-applicant-name", or "" for a problem of no one field
    label: str
    message: str


def summary_of(errors: dict[str, list[str]], shown: Iterable[Field]) -> list[Item]:
    """The problems in the order of the fields on the page, then those of no field."""
    items = []
    for field in shown:
        for message in errors.get(field.name, []):
            items.append(Item(f"#{field.html_id}", field.label, message))
    known = {field.name for field in shown} | {""}
    items += [Item("", "", m) for name, ms in errors.items() if name not in known for m in ms]
    items += [Item("", "", message) for message in errors.get("", [])]
    return items
