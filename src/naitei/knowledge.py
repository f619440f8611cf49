"""Packaged knowledge: TOML files under naitei/data, loaded once and validated by the caller.

Two ways to validate a file: `load_records` reads it into frozen dataclasses with a small typed
loader of this module (no third-party import: the checker's start-up path uses it), and
`load_model` validates it with a pydantic model (imported only when called).

Rules in the data use a tiny condition language: ``when = {fact = [values]}`` holds when
every named fact has one of the listed values (facts and values are strings).
"""

from __future__ import annotations

import dataclasses
import re
import string
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

from naitei.errors import DataError
from naitei.precompiled import toml

if TYPE_CHECKING:
    from pydantic import BaseModel

_DATA = Path(__file__).resolve().parent / "data"

Facts = Mapping[str, str]
When = Mapping[str, list[str]]


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse naitei/data/<name>.toml (cached: the files never change at run time)."""
    try:
        # A plain path (naitei is installed as files): importlib.resources costs the CLI
        # several milliseconds of imports at each start.
        parsed: dict[str, Any] = toml(str(_DATA / f"{name}.toml"))
        return parsed
    except (OSError, ValueError) as error:  # ValueError: TOMLDecodeError, UnicodeDecodeError
        raise DataError(f"naitei/data/{name}.toml: {error}") from error


Model = TypeVar("Model", bound="BaseModel")
Record = TypeVar("Record")


def load_model(name: str, model: type[Model]) -> Model:
    """naitei/data/<name>.toml validated by `model`, or a DataError naming the file."""
    from pydantic import ValidationError

    try:
        return model.model_validate(load_data(name))
    except (ValidationError, re.error) as error:
        raise DataError(f"naitei/data/{name}.toml: {error}") from error


class RecordError(ValueError):
    """A value that does not fit its declared type; `path` names the key (kinds.bank.label)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


def load_records(name: str, record: type[Record], *checks: Callable[[Record], object]) -> Record:
    """naitei/data/<name>.toml read into the dataclass `record` (see `from_data`), then given to
    each of `checks` (consistency the types cannot express: they raise RecordError), or a
    DataError naming the file and the key: 「naitei/data/employers.toml: kinds.bank.law: …」."""
    try:
        built: Record = from_data(record, load_data(name))
        for check in checks:
            check(built)
        return built
    except RecordError as error:
        raise DataError(f"naitei/data/{name}.toml: {error}") from error


def from_data(target: Any, value: Any, path: str = "") -> Any:
    """`value` (parsed TOML) checked against the type `target` and built into it.

    Types: str, int, float, bool, Literal[...], list[T], tuple[T, ...], dict[K, V], T | None,
    and dataclasses (fields by their annotations, defaults kept, unknown keys refused). No
    coercion: 1 is not a str, "true" is not a bool. A failure raises RecordError with the path
    of the key."""
    origin = typing.get_origin(target)
    if dataclasses.is_dataclass(target) and isinstance(target, type):
        return _dataclass(target, value, path)
    if target is Any:
        return value
    if origin is Literal:
        allowed = typing.get_args(target)
        if value not in allowed or type(value) is not type(_first(allowed, value)):
            raise RecordError(path, f"{value!r} is not one of {list(allowed)}")
        return value
    if origin is Union or origin is types.UnionType:
        options = typing.get_args(target)
        if value is None and type(None) in options:
            return None
        problems = []
        for option in options:
            if option is type(None):
                continue
            try:
                return from_data(option, value, path)
            except RecordError as error:
                problems.append(str(error))
        raise RecordError(path, f"fits none of the allowed types ({'; '.join(problems)})")
    if origin in (list, tuple):
        args = typing.get_args(target)
        if not isinstance(value, list):
            raise RecordError(path, f"expected an array, got {_type_name(value)}")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"only tuple[T, ...] is supported, not {target}")
        items = [from_data(args[0], item, f"{path}[{i}]") for i, item in enumerate(value)]
        return items if origin is list else tuple(items)
    if origin is dict:
        key_type, value_type = typing.get_args(target)
        if not isinstance(value, dict):
            raise RecordError(path, f"expected a table, got {_type_name(value)}")
        return {
            from_data(key_type, key, _join(path, key)): from_data(
                value_type, item, _join(path, key)
            )
            for key, item in value.items()
        }
    if target in (str, int, bool):
        if type(value) is not target:
            raise RecordError(path, f"expected {target.__name__}, got {_type_name(value)}")
        return value
    if target is float:
        if type(value) not in (int, float):
            raise RecordError(path, f"expected float, got {_type_name(value)}")
        return float(value)
    raise TypeError(f"from_data cannot build {target!r}")


def _dataclass(target: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise RecordError(path, f"expected a table, got {_type_name(value)}")
    fields = _fields(target)
    unknown = [key for key in value if key not in fields]
    if unknown:
        raise RecordError(path, f"unknown keys {unknown}")
    built: dict[str, Any] = {}
    for key, (hint, required) in fields.items():
        if key in value:
            built[key] = from_data(hint, value[key], _join(path, key))
        elif required:
            raise RecordError(_join(path, key), "missing")
    return target(**built)


@cache
def _fields(target: Any) -> dict[str, tuple[Any, bool]]:
    """Each init field of the dataclass `target` → (its resolved type, whether it is required)."""
    hints = typing.get_type_hints(target)
    missing = dataclasses.MISSING
    return {
        field.name: (
            hints[field.name],
            field.default is missing and field.default_factory is missing,
        )
        for field in dataclasses.fields(target)
        if field.init
    }


def _first(allowed: tuple[Any, ...], value: Any) -> Any:
    """The allowed value equal to `value` (so that True does not pass for 1)."""
    return next(option for option in allowed if option == value)


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def matches(when: When, facts: Facts) -> bool:
    """True when every fact named in ``when`` has one of its listed values."""
    return all(facts.get(key) in values for key, values in when.items())


def fact(value: object) -> str:
    """The string form of a fact value: booleans as 'true'/'false'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def placeholders(template: str) -> set[str]:
    """Names used as {name} in a str.format template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_placeholders(source: str, template: str, known: set[str]) -> None:
    unknown = placeholders(template) - known
    if unknown:
        raise DataError(f"{source}: unknown placeholders {sorted(unknown)} in {template[:40]!r}")
