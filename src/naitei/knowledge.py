"""Packaged knowledge: TOML files under naitei/data, loaded once and validated by the caller.

The one loader: `load_records` reads a file into the frozen dataclasses that are its model,
with a small typed loader of this module (no third-party import: the checker's start-up path
uses it), then runs the checks the types cannot express. Its errors name the file, the key
(an array's element by its id) and what is wrong. Every file of naitei/data is read through
it: the phrase banks' models are in compose/banks.py, the questions' in questions.py.

Rules in the data use a tiny condition language: ``when = {fact = [values]}`` holds when
every named fact has one of the listed values (facts and values are strings).
"""

from __future__ import annotations

import dataclasses
import re
import string
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, Union

from naitei.errors import DataError
from naitei.precompiled import regex, toml
from naitei.shape import key_of

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


Record = TypeVar("Record")


class RecordError(ValueError):
    """A value that does not fit its declared type; `path` names the key (kinds.bank.label)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def under(self, segment: str) -> RecordError:
        """The same error seen from the table that holds the key: `segment` (a key, or an
        array's ``[element]``) put before the path."""
        if not self.path:
            return RecordError(segment, self.message)
        joint = "" if self.path.startswith("[") else "."
        return RecordError(f"{segment}{joint}{self.path}", self.message)


def load_records(
    name: str,
    record: type[Record],
    *checks: Callable[[Record], object],
    allow_empty: bool = True,
) -> Record:
    """naitei/data/<name>.toml read into the dataclass `record` (see `from_data`), then given to
    each of `checks` (consistency the types cannot express: they raise RecordError), or a
    DataError naming the file and the key: 「naitei/data/employers.toml: kinds.bank.law: …」.
    ``allow_empty=False`` refuses an empty string or array anywhere in the file (word lists:
    a blank word or message is a mistake, not a value)."""
    try:
        target: Any = record
        built: Record = _builder(target, allow_empty)(load_data(name))
        for check in checks:
            check(built)
        return built
    except RecordError as error:
        raise data_error(name, error) from error


def pattern_at(path: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled (through the start-up cache), or a RecordError at `path` saying why
    it is not a regular expression: a check of a loaded file."""
    try:
        return regex(pattern, flags)
    except re.error as error:
        raise RecordError(path, f"not a valid regular expression: {error}") from None


def data_error(name: str, error: RecordError) -> DataError:
    """The DataError of a value of naitei/data/<name>.toml that `error` refused."""
    return DataError(f"naitei/data/{name}.toml: {error}")


def from_data(target: Any, value: Any, path: str = "") -> Any:
    """`value` (parsed TOML) checked against the type `target` and built into it.

    Types: str, int, float, bool, Literal[...], list[T], tuple[T, ...], frozenset[T],
    dict[K, V], T | None, and dataclasses (fields by their annotations, defaults kept, unknown
    keys refused). No coercion: 1 is not a str, "true" is not a bool. A failure raises
    RecordError with the path of the key; an array's element is named by its id (or, without
    one, its key) when it has one (``rule[keigo-double].title``), else by its position, and two
    elements with one id are refused."""
    try:
        return _builder(target, True)(value)
    except RecordError as error:
        raise error.under(path) if path else error from None


# A builder checks one parsed value against one type and builds it; it raises RecordError
# with the path below the value. Made once a type (the checker loads ~700 entries at each
# start: walking the type hints for each of them cost several milliseconds).
_Build = Callable[[Any], Any]


@cache
def _builder(target: Any, allow_empty: bool) -> _Build:
    origin = typing.get_origin(target)
    if dataclasses.is_dataclass(target) and isinstance(target, type):
        return _dataclass_builder(target, allow_empty)
    if target is Any:
        return lambda value: value
    if origin is Literal:
        return _literal_builder(typing.get_args(target))
    if origin is Union or origin is types.UnionType:
        return _union_builder(typing.get_args(target), allow_empty)
    if origin in (list, tuple, frozenset):
        return _array_builder(target, origin, allow_empty)
    if origin is dict:
        key_type, value_type = typing.get_args(target)
        return _dict_builder(key_type, value_type, allow_empty)
    if target in (str, int, bool, float):
        return _scalar_builder(target, allow_empty)
    raise TypeError(f"from_data cannot build {target!r}")


def _scalar_builder(target: type, allow_empty: bool) -> _Build:
    accepted = (int, float) if target is float else (target,)

    def build(value: Any) -> Any:
        if type(value) not in accepted:
            raise RecordError("", f"expected {target.__name__}, got {_type_name(value)}")
        if value == "" and not allow_empty:
            raise RecordError("", "must not be empty")
        return float(value) if target is float else value

    return build


def _literal_builder(allowed: tuple[Any, ...]) -> _Build:
    def build(value: Any) -> Any:
        if value not in allowed or type(value) is not type(_first(allowed, value)):
            raise RecordError("", f"{value!r} is not one of {list(allowed)}")
        return value

    return build


def _union_builder(options: tuple[Any, ...], allow_empty: bool) -> _Build:
    optional = type(None) in options
    builders = [_builder(option, allow_empty) for option in options if option is not type(None)]

    def build(value: Any) -> Any:
        if value is None and optional:
            return None
        problems = []
        for option in builders:
            try:
                return option(value)
            except RecordError as error:
                problems.append(str(error))
        raise RecordError("", f"fits none of the allowed types ({'; '.join(problems)})")

    return build


def _array_builder(target: Any, origin: Any, allow_empty: bool) -> _Build:
    args = typing.get_args(target)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        raise TypeError(f"only tuple[T, ...] is supported, not {target}")
    element = _builder(args[0], allow_empty)

    def build(value: Any) -> Any:
        if not isinstance(value, list):
            raise RecordError("", f"expected an array, got {_type_name(value)}")
        if not value and not allow_empty:
            raise RecordError("", "must not be empty")
        items = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            ident = _ident(item)
            if ident:
                label = f"[{ident}]"
                if ident in seen:
                    raise RecordError(label, "the id is used twice")
                seen.add(ident)
            else:
                label = f"[{index}]"
            try:
                items.append(element(item))
            except RecordError as error:
                raise error.under(label) from None
        return items if origin is list else origin(items)

    return build


def _ident(item: Any) -> str:
    """What names an array's element in errors: its `id`, or else its `key` (a question of
    interview.toml); '' for an element that has neither."""
    if not isinstance(item, dict):
        return ""
    ident = item.get("id", item.get("key"))
    return ident if isinstance(ident, str) else ""


def _dict_builder(key_type: Any, value_type: Any, allow_empty: bool) -> _Build:
    keys, values = _builder(key_type, allow_empty), _builder(value_type, allow_empty)

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise RecordError("", f"expected a table, got {_type_name(value)}")
        built = {}
        for key, item in value.items():
            try:
                built[keys(key)] = values(item)
            except RecordError as error:
                raise error.under(str(key)) from None
        return built

    return build


def _dataclass_builder(target: Any, allow_empty: bool) -> _Build:
    fields = {
        key: (name, _builder(hint, allow_empty), required)
        for key, (name, hint, required) in _fields(target).items()
    }

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise RecordError("", f"expected a table, got {_type_name(value)}")
        unknown = [key for key in value if key not in fields]
        if unknown:
            raise RecordError("", f"unknown keys {unknown}")
        built: dict[str, Any] = {}
        for key, (name, field_builder, required) in fields.items():
            if key in value:
                try:
                    built[name] = field_builder(value[key])
                except RecordError as error:
                    raise error.under(key) from None
            elif required:
                raise RecordError(key, "missing")
        return target(**built)

    return build


@cache
def _fields(target: Any) -> dict[str, tuple[str, Any, bool]]:
    """Each init field of the dataclass `target` by its key in the data (its name, or the key
    of ``meta(key=...)``: ``from`` for a field ``start``) → (its name, its resolved type,
    whether it is required)."""
    hints = typing.get_type_hints(target)
    missing = dataclasses.MISSING
    return {
        key_of(field): (
            field.name,
            hints[field.name],
            field.default is missing and field.default_factory is missing,
        )
        for field in dataclasses.fields(target)
        if field.init
    }


def _first(allowed: tuple[Any, ...], value: Any) -> Any:
    """The allowed value equal to `value` (so that True does not pass for 1)."""
    return next(option for option in allowed if option == value)


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


def check_placeholders(path: str, template: str, known: set[str]) -> None:
    """A RecordError at `path` (a check of a loaded file) when `template` names a placeholder
    not in `known`."""
    unknown = placeholders(template) - known
    if unknown:
        raise RecordError(path, f"unknown placeholders {sorted(unknown)} in {template[:40]!r}")


def strings_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a loaded record (dataclasses, tables, arrays), with the path of its key
    as RecordError names it (``event.told.phone``, ``reason_lead[lead-other].text``)."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            yield from strings_in(getattr(value, spec.name), _joined(path, key_of(spec)))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, _joined(path, str(key)))
    elif isinstance(value, list | tuple | frozenset):
        for index, item in enumerate(value):
            ident = getattr(item, "id", None) or getattr(item, "key", None) or _ident(item)
            yield from strings_in(item, f"{path}[{ident if isinstance(ident, str) else index}]")


def _joined(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
