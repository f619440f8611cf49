"""The applicant's school on a school route (学校推薦): whom to consult, and how.

A high-school student goes to see 進路指導の先生 or the class teacher; a university student calls
the キャリアセンター. The knowledge is in ``data/schools.toml``.

    >>> school_of("東西高等学校").office
    '進路指導の先生'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from naitei.employers import normalise
from naitei.knowledge import RecordError, load_records, pattern_at


@dataclass(frozen=True)
class _Kind:
    id: str
    word: str
    office: str
    consult: str
    in_person: bool
    teacher: bool
    match: str | None = None  # a pattern of the school's name; None: the default, last


@dataclass(frozen=True)
class _Table:
    """schools.toml: the kinds of school, the first whose pattern matches the name wins."""

    kinds: tuple[_Kind, ...]


def _one_default_last(table: _Table) -> None:
    for kind in table.kinds:
        if kind.match is not None:
            pattern_at(f"kinds[{kind.id}].match", kind.match)
    if table.kinds[-1].match is not None:
        raise RecordError("kinds", "the last entry must have no match (the default)")
    if any(kind.match is None for kind in table.kinds[:-1]):
        raise RecordError("kinds", "only the last entry may leave out match")


@cache
def _table() -> _Table:
    loaded: _Table = load_records("schools", _Table, _one_default_last, allow_empty=False)
    return loaded


@dataclass(frozen=True)
class School:
    """The applicant's school and its placement office."""

    name: str  # 東西高等学校 (as given), or 学校 when unknown
    kind: str  # high_school, technical_college, vocational, university
    word: str  # 高校, 高専, 学校 (a 専門学校), 大学: the school in a sentence
    office: str  # 進路指導の先生 / キャリアセンター（就職課）
    consult: str  # 進路指導の先生や担任の先生
    in_person: bool
    teacher: bool

    @property
    def named_office(self) -> str:
        """東西高等学校の進路指導の先生"""
        return f"{self.name}の{self.office}"


def employer_noun(noun: str, name: str, school: School | None) -> str:
    """What the user calls the employer beside their own school: the employer's name when its
    noun would say 学校 (or 大学 …) of both (学校から学校へ → 大学から青葉高等学校へ)."""
    if school is not None and noun in ("学校", school.word):
        return (
            name.split()[-1] if name.split() else name
        )  # 学校法人青葉学園 青葉高等学校 → 青葉高等学校
    return noun


def school_word(noun: str, school: School | None) -> str:
    """How a sentence names the applicant's school: 大学, 高校 … — or its name as given when the
    employer is itself a school of that word, so that 「貴学と大学との」 names both
    (貴学と北陸大学との信頼関係)."""
    if school is None:
        return ""
    if noun in ("学校", school.word):
        return school.name
    return school.word


def school_of(name: str) -> School:
    """The school by the head of its name; a university when nothing else matches."""
    flat = normalise(name)
    kinds = _table().kinds
    chosen = next((kind for kind in kinds if kind.match and re.search(kind.match, flat)), kinds[-1])
    return School(
        name=name or "学校",
        kind=chosen.id,
        word=chosen.word,
        office=chosen.office,
        consult=chosen.consult,
        in_person=chosen.in_person,
        teacher=chosen.teacher,
    )
