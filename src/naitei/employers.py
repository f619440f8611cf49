"""Employer kinds: the form of address, the joining verb and the law for each kind of employer.

A bank is 貴行 in writing and 御行 on the phone, and one joins it (入行), not 入社; a city office
is 貴市/御市 and its 採用内定 is not a labour contract. The knowledge is in
``data/employers.toml``; this module loads it, detects the kind from the employer's name, and
applies a case file's explicit ``kind`` and ``honorific``.

    >>> employer_of("東西信用金庫").written
    '貴庫'
    >>> employer_of("横浜市役所").spoken
    '御市'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from naitei.errors import DataError
from naitei.knowledge import load_data

EmployerKind = Literal[
    "company",
    "bank",
    "shinkin",
    "cooperative",
    "hospital",
    "nursery",
    "school",
    "university",
    "public_office",
    "corporation",
    "association",
    "office",
]
EMPLOYER_KINDS: tuple[str, ...] = get_args(EmployerKind)
Law = Literal["private", "public"]
Source = Literal["name", "case", "default"]
Medium = Literal["written", "spoken"]

# Invisible characters and spaces that never change which organisation a name denotes.
_IGNORED = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]")


class _Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    written: str
    spoken: str
    join: str
    visit: str
    law: Law


class _Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EmployerKind
    match: str
    written: str | None = None
    spoken: str | None = None
    join: str | None = None
    weak: bool = False

    @field_validator("match")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    company_forms: list[str]
    kinds: dict[EmployerKind, _Kind]
    law: dict[Law, str]
    patterns: list[_Pattern]


@cache
def _table() -> _Table:
    try:
        table = _Table.model_validate(load_data("employers"))
    except (ValidationError, re.error) as error:
        raise DataError(f"naitei/data/employers.toml: {error}") from error
    missing = set(EMPLOYER_KINDS) - set(table.kinds)
    if missing:
        raise DataError(f"naitei/data/employers.toml: no [kinds] entry for {sorted(missing)}")
    return table


@dataclass(frozen=True)
class Employer:
    """How to address one employer and what joining it is called."""

    kind: EmployerKind
    label: str  # 銀行
    written: str  # 貴行
    spoken: str  # 御行
    join: str  # 入行
    visit: str  # 来行
    law: Law
    source: Source  # where the kind came from: the name, the case file, or the default

    def honorific(self, medium: Medium) -> str:
        return self.written if medium == "written" else self.spoken

    @property
    def notice(self) -> str:
        """What the user is told about the detection, in Japanese."""
        forms = f"{self.written}・{self.spoken}"
        if self.source == "case":
            return f"宛先を{self.label}として書いています（{forms}）。"
        return (
            f"宛先を{self.label}として書いています（{forms}）。"
            "違う場合はケースファイルの [company] に kind を指定してください。"
        )


def normalise(name: str) -> str:
    """A name as detection and comparison see it: NFKC, without spaces or invisible marks."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name))


def _winner(name: str) -> _Pattern | None:
    table = _table()
    has_form = any(form in name for form in table.company_forms)
    best: tuple[int, int, _Pattern] | None = None
    for pattern in table.patterns:
        for found in re.finditer(pattern.match, name):
            if has_form and (pattern.weak or found.end() != len(name)):
                continue
            key = (found.end(), found.end() - found.start(), pattern)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def employer_of(
    name: str,
    kind: EmployerKind | None = None,
    honorific: tuple[str, str] | None = None,
) -> Employer:
    """The employer as the case describes it: an explicit kind and honorific win over the name."""
    table = _table()
    pattern = _winner(normalise(name)) if kind is None else None
    chosen: EmployerKind = kind or (pattern.kind if pattern else "company")
    base = table.kinds[chosen]
    written = (pattern.written if pattern else None) or base.written
    spoken = (pattern.spoken if pattern else None) or base.spoken
    if honorific is not None:
        written, spoken = honorific
    source: Source = "case" if kind or honorific else ("name" if pattern else "default")
    join = (pattern.join if pattern else None) or base.join
    return Employer(chosen, base.label, written, spoken, join, base.visit, base.law, source)


def all_honorifics() -> tuple[frozenset[str], frozenset[str]]:
    """Every written and every spoken form of address the table knows (for the checker)."""
    table = _table()
    written = {kind.written for kind in table.kinds.values()}
    spoken = {kind.spoken for kind in table.kinds.values()}
    written |= {p.written for p in table.patterns if p.written}
    spoken |= {p.spoken for p in table.patterns if p.spoken}
    return frozenset(written), frozenset(spoken)


def organisation_pattern() -> re.Pattern[str]:
    """One expression matching any word that names an organisation (for addressee detection)."""
    table = _table()
    words = [re.escape(form) for form in table.company_forms]
    words += [re.sub(r"[\^$]", "", p.match) for p in table.patterns]
    return re.compile("|".join(f"(?:{word})" for word in words))


def legal_basis(law: Law) -> str:
    """'labour_contract' or 'appointment': which legal notes apply."""
    return _table().law[law]
