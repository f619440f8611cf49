"""Company names: legal forms (株式会社 …), 前株/後株, and finding names in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from naitei.check.data import lexicon_words
from naitei.precompiled import regex

Position = Literal["pre", "post", "none"]

# Characters a company name is made of (no hiragana: particles end a name).
NAME_CHARS = r"[一-龥々〆ヵヶァ-ヴーｦ-ﾟA-Za-zＡ-Ｚａ-ｚ0-9０-９＆&・.．\-－]"
SPACES = regex(r"[ \u3000]+")  # the spaces between words, half- or full-width


@cache
def legal_forms() -> tuple[str, ...]:
    """株式会社, 有限会社 … (longest first)."""
    return tuple(sorted(lexicon_words("legal_form"), key=len, reverse=True))


@cache
def legal_form_pattern() -> re.Pattern[str]:
    return regex("|".join(re.escape(form) for form in legal_forms()))


@lru_cache(maxsize=256)
def split_legal_form(name: str) -> tuple[str, str, Position]:
    """株式会社サンプル → (株式会社, サンプル, pre); サンプル株式会社 → (…, post)."""
    name = name.strip()
    for form in legal_forms():
        if name.startswith(form):
            return form, name[len(form) :].strip(" \u3000"), "pre"
        if name.endswith(form):
            return form, name[: -len(form)].strip(" \u3000"), "post"
    return "", name, "none"


def squeeze(text: str) -> str:
    """Drop spaces: 株式会社 サンプル and 株式会社サンプル are the same name."""
    return SPACES.sub("", text)


@lru_cache(maxsize=256)
def name_pattern(name: str) -> re.Pattern[str]:
    """A pattern for ``name`` that allows a space between the legal form and the rest."""
    form, base, position = split_legal_form(name)
    gap = "[ \u3000]?"
    if position == "pre":
        return re.compile(re.escape(form) + gap + re.escape(base))
    if position == "post":
        return re.compile(re.escape(base) + gap + re.escape(form))
    return re.compile(re.escape(squeeze(name)))


@dataclass(frozen=True)
class NameInText:
    """A legal-form company name found in a text."""

    start: int
    end: int
    form: str
    base: str
    position: Position


# A name may open with hiragana (株式会社みなと精機); before a legal form, only when the
# hiragana start after a boundary (、やまびこ製菓株式会社, not 先日はサンプル株式会社).
_NAME_AFTER = regex(f"[ \u3000]?([ぁ-ゖ]*{NAME_CHARS}+)")
_NAME_BEFORE = regex(f"((?:(?<![^\\s、。「『（(])[ぁ-ゖ]+)?{NAME_CHARS}+)[ \u3000]?\\Z")
# Words after a company name that belong to the addressee line, not to the name.
_TAIL = regex(r"(?:人事|採用|総務|御中|本社|営業|経営|管理|事業|新卒|中途|様).*$")


def legal_form_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, form) of every legal form in ``text``, in order."""
    if "会社" not in text and "法人" not in text:
        return []
    return list(_legal_form_spans(text))


@lru_cache(maxsize=16)
def _legal_form_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: several rules look for the legal forms of the same draft."""
    return tuple((m.start(), m.end(), m.group()) for m in legal_form_pattern().finditer(text))


def names_in(text: str) -> list[NameInText]:
    """Every 株式会社X / X株式会社 … in ``text``."""
    found = []
    for start, end, form in legal_form_spans(text):
        before = _NAME_BEFORE.search(text, max(0, start - 40), start)
        after = _NAME_AFTER.match(text, end)
        if before is not None:
            base = before.group(1)
            found.append(NameInText(before.start(1), end, form, base, "post"))
        elif after is not None:
            base = _TAIL.sub("", after.group(1)) or after.group(1)
            stop = after.start(1) + len(base)
            found.append(NameInText(start, stop, form, base, "pre"))
    return found
