"""JSON shapes, declared once: a core value's dataclass fields are its JSON object.

    dump(value)                  the JSON object of a dataclass instance, its fields in order
    Shaped                       a dataclass base whose to_dict() is dump(self)
    field(..., metadata=meta())  how one field appears: its key, when it is left out, its doc

The JSON outputs (`--json`, the web API, kit files) call `dump`; the web app derives the
OpenAPI schema of the same values from the same fields (naitei.web.shapes), so a field is
written down once. Plain Python: `naitei check --json` must not load pydantic.

A field's metadata (from `meta`):
    key     the JSON key when it differs from the field's name ("with" for with_whom)
    omit    "none": left out when None; "empty": left out when None, "" or empty
    hidden  not part of the JSON object (letter layout, internal ids)
    doc     the description the OpenAPI schema shows
    inline  a nested dataclass's keys written into this object, in place (a later field of
            the same key replaces the value where it stands)
    reveal  hidden fields of a nested dataclass shown after its own keys (the recipient's name
            of a decline email)
    schema  the type the OpenAPI schema documents for a value held as plain JSON (a stored
            plan: a dict with Plan's shape)
A value computed from others (a label, a flag) is a field with ``init=False`` that
``__post_init__`` sets, so that it has its place in the order and its type in the schema.
Dates and times become ISO 8601 strings, tuples lists, nested dataclasses objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Omit = Literal["never", "none", "empty"]
KEY, OMIT, HIDDEN, DOC = "naitei.shape.key", "naitei.shape.omit", "naitei.shape.hidden", "doc"
INLINE, REVEAL, SCHEMA = "naitei.shape.inline", "naitei.shape.reveal", "naitei.shape.schema"


def meta(
    *,
    key: str | None = None,
    omit: Omit = "never",
    hidden: bool = False,
    doc: str | None = None,
    inline: bool = False,
    reveal: tuple[str, ...] = (),
    schema: Any = None,
) -> dict[str, Any]:
    """The metadata of a dataclass field that says how the field appears in JSON."""
    data: dict[str, Any] = {OMIT: omit, HIDDEN: hidden, INLINE: inline, REVEAL: reveal}
    if key is not None:
        data[KEY] = key
    if doc is not None:
        data[DOC] = doc
    if schema is not None:
        data[SCHEMA] = schema
    return data


def key_of(spec: dataclasses.Field[Any]) -> str:
    return str(spec.metadata.get(KEY, spec.name))


def omit_of(spec: dataclasses.Field[Any]) -> Omit:
    omit: Omit = spec.metadata.get(OMIT, "never")
    return omit


def shown(value: DataclassInstance | type[DataclassInstance]) -> list[dataclasses.Field[Any]]:
    """The fields of a dataclass that its JSON object holds, in order."""
    return [spec for spec in dataclasses.fields(value) if not spec.metadata.get(HIDDEN, False)]


def dump(value: Any) -> dict[str, Any]:
    """The JSON object of `value`: its shown fields in order, by their keys."""
    data: dict[str, Any] = {}
    for spec in shown(value):
        item = getattr(value, spec.name)
        if spec.metadata.get(INLINE, False):
            data.update(dump(item))
        elif not _left_out(item, omit_of(spec)):
            data[key_of(spec)] = jsonable(item)
            for name in spec.metadata.get(REVEAL, ()):
                data[key_of(spec)][name] = jsonable(getattr(item, name))
    return data


def _left_out(item: object, omit: Omit) -> bool:
    if omit == "none":
        return item is None
    return omit == "empty" and (item is None or item == "" or item == () or item == [])


def jsonable(item: object) -> Any:
    """A field's value as JSON holds it."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dump(item)
    if isinstance(item, dt.date):  # and datetime
        return item.isoformat()
    if isinstance(item, tuple | list):
        return [jsonable(element) for element in item]
    if isinstance(item, Mapping):
        return {name: jsonable(element) for name, element in item.items()}
    return item


class Shaped:
    """Base of a dataclass whose JSON object is its fields (see the module's docstring)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return dump(self)
