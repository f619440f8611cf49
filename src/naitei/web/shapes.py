"""The OpenAPI models of the core's JSON values, derived from their dataclasses (naitei.shape):
the same fields, keys, order, left-out fields and docs that `dump` writes, so a field is
declared once. Only documentation: the routes return the core's `to_dict()`."""

from __future__ import annotations

import dataclasses
import functools
import keyword
import operator
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, Field, create_model

from naitei.shape import DOC, INLINE, REVEAL, SCHEMA, key_of, omit_of, shown

# Component names that differ from the class's name + Out (they were documented before).
NAMES = {"EventView": "EventOut", "Assessment": "AssessmentCore", "ShownCase": "CaseDetailOut"}


@functools.cache
def out_model(cls: type[Any]) -> type[BaseModel]:
    """The pydantic model of `cls`'s JSON object, named as the class + Out (see NAMES)."""
    name = NAMES.get(cls.__name__, f"{cls.__name__}Out")
    model: type[BaseModel] = create_model(name, **_fields(cls))
    return model


def _fields(cls: type[Any]) -> dict[str, Any]:
    """The pydantic fields of `cls`'s JSON object, in its order (inlined values' keys in place)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for spec in shown(cls):
        if spec.metadata.get(INLINE, False):
            fields.update(_fields(hints[spec.name]))
            continue
        key = key_of(spec)
        required = omit_of(spec) == "never"
        replaced = fields.get(key)  # an inlined value's key: its description stays
        info = Field(
            ... if required else None,
            description=spec.metadata.get(DOC, replaced[1].description if replaced else None),
            alias=key if keyword.iskeyword(key) else None,
        )
        hint = spec.metadata.get(SCHEMA, hints[spec.name])
        shape = out_type(hint)
        if spec.metadata.get(REVEAL):
            shape = _revealed(hint, spec.metadata[REVEAL])
        fields[f"{key}_" if keyword.iskeyword(key) else key] = (shape, info)
    return fields


@functools.cache
def _revealed(cls: Any, names: tuple[str, ...]) -> type[BaseModel]:
    """`cls`'s model with its hidden fields `names` after its own keys (Document + to_name:
    DocumentToNameOut)."""
    hints = typing.get_type_hints(cls)
    extra: dict[str, Any] = {name: (out_type(hints[name]), ...) for name in names}
    suffix = "".join(part.title() for name in names for part in name.split("_"))
    model: type[BaseModel] = create_model(
        f"{cls.__name__}{suffix}Out", __base__=out_model(cls), **extra
    )
    return model


def out_type(hint: Any) -> Any:
    """`hint` with every dataclass in it replaced by its model; tuples of any length are lists."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return out_model(hint)
    origin, args = get_origin(hint), get_args(hint)
    if (origin is tuple and len(args) == 2 and args[1] is Ellipsis) or origin is list:
        return list_of(out_type(args[0]))
    if origin is Union or origin is types.UnionType:
        return functools.reduce(operator.or_, (out_type(arg) for arg in args))
    if origin is dict:
        return types.GenericAlias(dict, (args[0], out_type(args[1])))
    return hint


def list_of(item: Any) -> Any:
    """list[item], for an item type held in a variable (a derived model)."""
    return types.GenericAlias(list, (item,))
