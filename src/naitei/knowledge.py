"""Packaged knowledge: TOML files under naitei/data, loaded once and validated by the caller.

Rules in the data use a tiny condition language: ``when = {fact = [values]}`` holds when
every named fact has one of the listed values (facts and values are strings).
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from naitei.errors import DataError

Facts = Mapping[str, str]
When = Mapping[str, list[str]]


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse naitei/data/<name>.toml (cached: the files never change at run time)."""
    try:
        text = resources.files("naitei.data").joinpath(f"{name}.toml").read_text("utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataError(f"naitei/data/{name}.toml: {error}") from error


Model = TypeVar("Model", bound=BaseModel)


def load_model(name: str, model: type[Model]) -> Model:
    """naitei/data/<name>.toml validated by `model`, or a DataError naming the file."""
    try:
        return model.model_validate(load_data(name))
    except (ValidationError, re.error) as error:
        raise DataError(f"naitei/data/{name}.toml: {error}") from error


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
