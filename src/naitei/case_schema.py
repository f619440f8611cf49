"""The case file's rules as JSON Schema, for the web API's documentation (/openapi.json).

The validators in case.py decide; these patterns only describe them, so that a client (or a
generator of test requests) knows which values are accepted. Each pattern accepts exactly
the raw strings its validator accepts (tests/unit/test_case_schema.py checks both directions):
values are stripped before the checks that need it, so a pattern allows the whitespace that
strip() removes around the value. Rules that JSON Schema cannot say are left to the 422:
business hours that leave no call window, a decline after `now`, a company named twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from naitei.chars import hidden_class

# Control, format and separator characters (naitei.chars), and what str.strip() removes
# besides them.
_CONTROL = hidden_class()
_SPACE = r" \xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_WS = f"[{_SPACE}]*"

LINE = f"^[^{_CONTROL}]*$"
REQUIRED_LINE = f"^[^{_CONTROL}]*[^{_CONTROL}{_SPACE}][^{_CONTROL}]*$"
# \r only as part of \r\n (case._multi_line turns \r\n into \n first).
DETAIL = f"^(?:[^{hidden_class(keep=chr(10))}]|\r\n)*$"
ABBREVIATION = r"\(株\)|（株）|㈱|\(有\)|（有）|㈲|\(同\)|（同）|\(合\)|（合）"
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = f"^{_WS}(?:{_ATOM}(?:\\.{_ATOM})*@{_LABEL}(?:\\.{_LABEL})+)?{_WS}$"
# A stripped number neither starts nor ends with a space (case._PHONE, after strip()).
_DIGIT = r"0-9０-９()（）\-"
PHONE = f"^{_WS}(?:\\+[{_DIGIT} ]{{5,19}}[{_DIGIT}]|[{_DIGIT}][{_DIGIT} ]{{4,18}}[{_DIGIT}])?{_WS}$"
HOURS = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:[01][0-9]|2[0-4]):[0-5][0-9]$"
YEAR = r"^20[0-9]{2}-"  # case.FIRST_YEAR..LAST_YEAR, as ISO 8601 writes them
# A form of address ([company].honorific): 2 to 8 kanji or kana, e.g. 貴行.
FORM = "^[\u3005\u4e00-\u9fff\u3041-\u3096\u30a1-\u30fa\u30fc]{2,8}$"

NEW_GRAD_NEEDS_SCHOOL: dict[str, Any] = {
    "if": {"required": ["kind"], "properties": {"kind": {"const": "new_grad"}}},
    "then": {"required": ["school"], "properties": {"school": {"pattern": REQUIRED_LINE}}},
}
AGENT_NEEDS_NAME: dict[str, Any] = {
    "if": {"required": ["via"], "properties": {"via": {"const": "agent"}}},
    "then": {"required": ["agent_name"], "properties": {"agent_name": {"pattern": REQUIRED_LINE}}},
}


@dataclass(frozen=True)
class Documented:
    """Annotated metadata that adds keywords to a type's JSON schema (validation unchanged)."""

    keywords: dict[str, Any] = field(default_factory=dict)

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.keywords)))


def pattern(regex: str, **more: Any) -> Documented:
    return Documented({"pattern": regex, **more})
