"""Pydantic's validation errors in Japanese, naming the table and the key (CONTRACTS §1):
('decline', 'channel') is [decline].channel, ('companies', 2, 'name') is [[companies]][3].name,
and an enumeration lists its allowed values."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel


def table_key(loc: tuple[Any, ...]) -> str:
    """('decline', 'channel') -> [decline].channel; ('companies', 2, 'name') -> [[companies]][3].name."""
    if len(loc) == 1:
        return f"[{loc[0]}]" if loc[0] in _TABLES else str(loc[0])
    head, rest = loc[0], list(loc[1:])
    if head == "companies" and rest and isinstance(rest[0], int):
        table = f"[[companies]][{rest.pop(0) + 1}]"
    else:
        table = f"[{head}]"
    if not rest:
        return table
    key = str(rest[0]) + "".join(f"[{part + 1}]" for part in rest[1:] if isinstance(part, int))
    return f"{table}.{key}"


_TABLES = {"applicant", "company", "offer", "decline", "withdrawal", "companies"}


def too_long(limit: Any, value: Any) -> str:
    """長すぎます（2000 文字まで。いまは 10000 文字です）: the limit and the length, in 文字 for text
    and 件 for a list."""
    unit = "文字" if isinstance(value, str) else "件"
    if isinstance(value, str | list):
        return f"長すぎます（{limit} {unit}まで。いまは {len(value)} {unit}です）"
    return f"長すぎます（{limit} {unit}まで）"


def validation_message(item: Any, model: type[BaseModel] | None, loc: tuple[Any, ...]) -> str:
    """A pydantic error item in Japanese; `model` and `loc` find allowed keys and values (without
    a model, the allowed values come from the error itself)."""
    kind = item["type"]
    value = item.get("input")
    if kind == "missing":
        return "必須の表がありません" if loc and loc[-1] in _TABLES else "必須の項目がありません"
    if kind == "extra_forbidden":
        keys = _allowed_keys(model, loc[:-1]) if model else []
        return f"知らない項目です（使える項目: {', '.join(keys)}）" if keys else "知らない項目です"
    if kind == "literal_error":
        values = _allowed_values(model, loc) if model else ()
        allowed = ", ".join(str(v) for v in values) or str(
            (item.get("ctx") or {}).get("expected", "")
        ).replace("'", "")
        return f"{value!r} は次のいずれかにしてください: {allowed}"
    if kind in ("bool_type", "bool_parsing"):
        return f"true か false で書いてください（{value!r} と書かれています）"
    if kind in ("string_type",):
        return f'文字列（"..."）で書いてください（{value!r} と書かれています）'
    if kind in ("list_type",):
        return "配列（[...]）で書いてください"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "表（[...] の見出しとキー）で書いてください"
    if kind == "too_long":
        return too_long(item["ctx"].get("max_length"), value)
    if kind == "too_short":
        return f"少なすぎます（{item['ctx'].get('min_length')} 以上）"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "日付（例: 2026-12-28）で書いてください"
    if kind in ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"):
        return "日時（例: 2026-11-20T15:00:00+09:00）で書いてください"
    if kind == "value_error":
        return str(item["ctx"]["error"])
    if kind == "enum":
        return f"{value!r} は次のいずれかにしてください: {item['ctx'].get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} は使える形ではありません"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"整数で書いてください（{value!r} と書かれています）"
    return f"値が正しくありません（{kind}）"


def _field_model(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Walk model fields along loc (ignoring list indexes) to the model that owns the last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _innermost(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost(annotation: Any) -> Any:
    """Strip list[...], Optional and Annotated to reach a model class or a Literal."""
    while True:
        origin = get_origin(annotation)
        if origin is list or origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is not None and origin is not Literal:
            non_none = [a for a in get_args(annotation) if a is not type(None)]
            annotation = non_none[0]
        else:
            return annotation


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner = _field_model(model, loc) if loc else model
    return list(owner.model_fields) if owner else []


def _allowed_values(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    owner = _field_model(model, loc[:-1]) if len(loc) > 1 else model
    if owner is None:
        return ()
    field = owner.model_fields.get(str(loc[-1]))
    if field is None:
        return ()
    return get_args(_innermost(field.annotation))
