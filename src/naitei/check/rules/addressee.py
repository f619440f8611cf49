"""Addressee manners: sama-onchu, title-sama, kabu-abbreviation, addressee-name-mismatch.

- 御中 is for an organisation, 様 for a person: never both on one addressee
  (人事部御中 佐藤様, 採用ご担当者様御中).
- A title is itself honorific: 部長様 is wrong, 部長 佐藤様 is right (ご担当者様 is fine).
- (株) ㈱ (有) are abbreviations a company's own name never uses in a letter to it.
- With a case that names the contact (大野) or the agent's contact (西村), a person addressed
  at the top with another surname (石井様 for 石田) is a misspelt or a wrong addressee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from naitei.check.data import lexicon, lexicon_words, rule_info
from naitei.check.document import Document, Line
from naitei.check.model import Finding
from naitei.check.names import split_legal_form, squeeze
from naitei.check.rules.employer import addressee_lines
from naitei.precompiled import regex

RULES = ("sama-onchu", "title-sama", "kabu-abbreviation", "addressee-name-mismatch")

_SAMA = regex(r"(?<![皆各])様(?=[ \u3000]*(?:御中|$|[、,]))")
_ONCHU_SPACES = regex(r"[ \u3000]*御中[ \u3000]*")
_MAX_ADDRESSEE = 60
# Department stems: 人事部長様 has no personal name before the title.
_DEPARTMENTS = frozenset(
    {
        "人事",
        "総務",
        "営業",
        "採用",
        "経理",
        "開発",
        "技術",
        "企画",
        "管理",
        "広報",
        "事業",
        "本",
        "看護",
        "教務",
        "事務",
    }
)


@cache
def _titles() -> tuple[str, ...]:
    """部長様, 社長様 … (the title followed by 様), longest first."""
    titles = sorted(lexicon_words("title"), key=len, reverse=True)
    return tuple(title + "様" for title in titles)


@cache
def _place_titles() -> frozenset[str]:
    """Titles whose prefix is a place (横浜市長), not a person's name: no 市長 横浜様."""
    return frozenset(title.word for title in lexicon().title if title.place)


@cache
def _title_gate() -> frozenset[str]:
    """The last character of each title plus 様 (長様, 務様 …): a fast pre-check."""
    return frozenset(title[-2:] for title in _titles())


@cache
def _title_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(title[:-1]) for title in _titles())
    return regex(f"(?P<prefix>[一-龥々]{{0,4}}?)(?P<title>{alternatives})様")


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    return regex("|".join(re.escape(word) for word in abbreviations()))


@cache
def abbreviations() -> dict[str, str]:
    """(株) → 株式会社 and the like."""
    return {abbreviation.word: abbreviation.full for abbreviation in lexicon().abbreviation}


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "sama-onchu" in active and "御中" in doc.text:
        yield from _sama_onchu(doc)
    if "title-sama" in active and any(gate in doc.text for gate in _title_gate()):
        yield from _title_sama(doc)
    if "kabu-abbreviation" in active and any(word in doc.text for word in abbreviations()):
        yield from _abbreviations(doc)
    if "addressee-name-mismatch" in active and doc.context.contact_names and doc.written:
        yield from _addressee_name(doc)


# 人事部 採用ご担当 石井様, マネージャー 松本様, 石井 花子様: the person before 様 (a title or a
# department before it is a word of its own, or ends the way titles and departments do)
_PERSON_SAMA = regex(
    r"(?P<name>[一-龥々ヶ]{1,4}(?:[ \u3000]?[一-龥々ぁ-んァ-ヶー]{1,5})?)[ \u3000]*様[ \u3000]*$"
)
# A title, a department or a group, not a person: 採用ご担当, 人事部長, 総務課, 各位. A word of
# two characters ending in 部 is a surname (阿部, 服部), a longer one a department (人事部).
_NOT_A_NAME = regex(r"担当|採用|人事|総務|各位|御中|皆|長$|者$|..[部課室係]$")


def _addressee_name(doc: Document) -> Iterator[Finding]:
    """The surname on the addressee block (found once, by employer.addressee_lines) against
    the case's contacts."""
    for line in addressee_lines(doc):
        match = _PERSON_SAMA.search(line.text)
        if match is None:
            continue
        parts = match["name"].split()
        while parts and _NOT_A_NAME.search(parts[0]):
            parts.pop(0)  # 担当 石井様: a title before the person is not a name
        name = " ".join(parts)
        if not name or _NOT_A_NAME.search(name):
            return
        contacts = [squeeze(c) for c in doc.context.contact_names]
        # 代表社員 岡本様: a title may stand before the name as a word of its own
        for i in range(len(parts)):
            flat = squeeze("".join(parts[i:]))
            if any(c.startswith(flat) or flat.startswith(c) for c in contacts):
                return
        if len(parts) > 1 and len(parts[0]) >= 3:
            name = parts[-1]
        start = line.start + match.start("name") + match["name"].index(name)
        info = rule_info("addressee-name-mismatch")
        shown = "」様・「".join(doc.context.contact_names)
        message = info.say(found=f"{name}様", suggestion=shown)
        yield doc.finding("addressee-name-mismatch", start, start + len(name), message, None)
        return


def _addressee_like(line: Line) -> bool:
    return len(line.text) <= _MAX_ADDRESSEE and "。" not in line.text


def _sama_onchu(doc: Document) -> Iterator[Finding]:
    lines = doc.content_lines
    message = rule_info("sama-onchu").message
    for number, line in enumerate(lines):
        if "御中" not in line.text or not _addressee_like(line):
            continue
        same_line = bool(_SAMA.search(line.text))  # 人事部御中 佐藤様, 採用ご担当者様御中
        next_line = number + 1 < len(lines) and _person_line(lines[number + 1])  # 御中 / 佐藤様
        if same_line or next_line:
            fixed = _ONCHU_SPACES.sub(" ", line.text).strip()
            yield doc.finding("sama-onchu", line.start, line.end, message, fixed)


def _person_line(line: Line) -> bool:
    return len(line.text) <= 20 and "。" not in line.text and bool(_SAMA.search(line.text))


def _title_sama(doc: Document) -> Iterator[Finding]:
    info = rule_info("title-sama")
    for match in _title_pattern().finditer(doc.text):
        prefix, title = match["prefix"], match["title"]
        suggestion = None
        if (
            prefix
            and prefix not in _DEPARTMENTS
            and not prefix.endswith(("部", "課", "室"))
            and title not in _place_titles()
        ):
            suggestion = f"{title} {prefix}様"
        found = match.group()
        message = info.say(found=found)
        yield doc.finding("title-sama", match.start(), match.end(), message, suggestion)


def _abbreviations(doc: Document) -> Iterator[Finding]:
    text = doc.text
    company = doc.context.company_name
    info = rule_info("kabu-abbreviation")
    for match in _abbreviation_pattern().finditer(text):
        full = abbreviations()[match.group()]
        span, suggestion = _with_company_name(text, match.start(), match.end(), full, company)
        found = text[span[0] : span[1]]
        message = info.say(found=found, suggestion=suggestion)
        yield doc.finding("kabu-abbreviation", span[0], span[1], message, suggestion)


def _with_company_name(
    text: str, start: int, end: int, full: str, company: str | None
) -> tuple[tuple[int, int], str]:
    """Widen (株) to (株)サンプル when the case's company is 株式会社サンプル."""
    if company:
        _form, base, _position = split_legal_form(company)
        after = text[end:].lstrip(" \u3000")
        if base and after.startswith(base):
            return (start, len(text) - len(after) + len(base)), company
        before = text[:start].rstrip(" \u3000")
        if base and before.endswith(base):
            return (len(before) - len(base), end), company
    return (start, end), full
