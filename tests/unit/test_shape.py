"""JSON shapes declared once (naitei.shape): what `dump` writes for each field option, that no
core value writes its JSON by hand, and that the OpenAPI model derived from a value's class
(naitei.web.shapes) accepts exactly the keys, in the order, that `dump` writes."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from naitei.case import DeclineCase, WithdrawalCase, load_case
from naitei.compose.decline_kit import decline_kit
from naitei.compose.kit import withdrawal_kit
from naitei.messenger.guardrail import screen
from naitei.messenger.replies import classify
from naitei.shape import Shaped, dump, meta
from naitei.web.shapes import out_model

SRC = Path(__file__).resolve().parents[2] / "src" / "naitei"
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
NOW = dt.datetime(2027, 2, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@dataclass(frozen=True)
class _Inner(Shaped):
    name: str
    secret: str = field(default="s", metadata=meta(hidden=True))
    problem: str | None = None


@dataclass(frozen=True)
class _Outer(Shaped):
    inner: _Inner = field(metadata=meta(inline=True))
    problem: str | None = field(default=None, kw_only=True)
    shown: _Inner = field(metadata=meta(reveal=("secret",)))
    with_whom: str | None = field(default=None, metadata=meta(key="with", omit="none"))
    notes: tuple[str, ...] = field(default=(), metadata=meta(omit="empty"))
    size: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.shown.name))


def test_dump_writes_each_field_option() -> None:
    value = _Outer(_Inner("a", problem="p"), _Inner("bc"), problem="q")
    data = value.to_dict()
    assert list(data) == ["name", "problem", "shown", "size"]
    assert data["problem"] == "q"  # the later field replaces the inlined key where it stands
    assert data["shown"] == {"name": "bc", "problem": None, "secret": "s"}
    assert data["size"] == 2
    with_all = _Outer(_Inner("a"), _Inner("b"), with_whom="w", notes=("n",))
    assert list(with_all.to_dict()) == ["name", "problem", "shown", "with", "notes", "size"]


def test_the_derived_model_has_the_dumped_keys_in_order() -> None:
    value = _Outer(_Inner("a"), _Inner("bc"), with_whom="w", notes=("n",))
    model = out_model(_Outer)
    assert list(model.model_fields) == ["name", "problem", "shown", "with_", "notes", "size"]
    assert model.model_validate(dump(value)).model_dump(
        by_alias=True, mode="json", exclude_unset=True
    ) == dump(value)


def _hand_written_to_dict() -> list[str]:
    """Classes with a to_dict of their own that are not `Shaped` (their JSON shape written by
    hand). A Shaped class may write the same object faster (the checker's Finding, for
    33,000 findings); its shape is still its fields, and its own test compares it to dump."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or node.name == "Shaped":
                continue
            shaped = any(isinstance(base, ast.Name) and base.id == "Shaped" for base in node.bases)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "to_dict" and not shaped:
                    found.append(f"{path.relative_to(SRC)}::{node.name}")
    return found


def test_no_value_writes_its_json_by_hand() -> None:
    assert _hand_written_to_dict() == []


def _values() -> list[tuple[str, Any]]:
    values: list[tuple[str, Any]] = []
    for path in sorted(CASES.glob("*.toml")):
        case = load_case(path)
        if isinstance(case, WithdrawalCase):
            values += [(path.name, withdrawal_kit(case, NOW)), (path.name, case.company.employer)]
        elif isinstance(case, DeclineCase):
            kit = decline_kit(case, NOW)
            values += [(path.name, kit), *((path.name, c.employer) for c in case.companies)]
    for text in ("内定を辞退いたします。", "違約金を払わないなら損害賠償を請求します。"):
        values += [(text, screen(text)), (text, classify(text))]
    return values


@pytest.mark.parametrize(("source", "value"), _values(), ids=lambda v: type(v).__name__)
def test_each_json_value_fits_its_derived_model(source: str, value: Any) -> None:
    data = value.to_dict()
    model = out_model(type(value))
    assert list(model.model_fields) == list(data), source
    again = model.model_validate(data).model_dump(by_alias=True, mode="json", exclude_unset=True)
    assert again == data, source
