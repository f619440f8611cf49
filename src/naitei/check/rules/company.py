"""company-name-mismatch: another company's name, or the addressee's name written wrong.

Needs a context (``--case``): without the addressee's exact name there is nothing to
compare with. Flags
- a legal-form name (株式会社X, X株式会社 …) that is neither the addressee nor one of the
  allowed names (the agent, the current employer, the school), and any name known to be
  wrong here (the other companies of a decline batch) — the copy-paste mistake;
- the addressee written differently: 前株/後株 swapped, another legal form, or in a written
  addressee line without its legal form (サンプル 御中 for 株式会社サンプル).
(株) and ㈱ are left to kabu-abbreviation, which suggests the exact name as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.names import (
    NameInText,
    name_pattern,
    names_in,
    split_legal_form,
    squeeze,
)

RULES = ("company-name-mismatch",)

_MIN_OTHER_BASE = 3
_HEAD_LINES = 6


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    company = doc.context.company_name
    if not company or "company-name-mismatch" not in active:
        return
    covered = _exact_spans(doc.text, (company, *doc.context.allowed_names))
    yield from _other_names(doc, company, covered)
    names = names_in(doc.text)
    for name in names:
        if not _inside(name.start, name.end, covered):
            yield from _compare(doc, company, name)
    if doc.written:
        yield from _bare_base(doc, company, covered, [(n.start, n.end) for n in names])


def _exact_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for name in names:
        if name.strip():
            spans.extend(m.span() for m in name_pattern(name).finditer(text))
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _flag(doc: Document, start: int, end: int, company: str, why: str) -> Finding:
    found = doc.text[start:end]
    message = f"「{found}」は{why}宛先の会社名は「{company}」です。"
    return doc.finding("company-name-mismatch", start, end, message, company)


def _other_names(doc: Document, company: str, covered: list[tuple[int, int]]) -> Iterator[Finding]:
    """The other companies of a decline batch, by full name or by a distinctive base."""
    own = squeeze(company)
    for other in doc.context.other_company_names:
        _form, base, _position = split_legal_form(other)
        patterns = [name_pattern(other)]
        if len(base) >= _MIN_OTHER_BASE and base not in own:
            patterns.append(re.compile(re.escape(base)))
        seen: list[tuple[int, int]] = []
        for pattern in patterns:
            for match in pattern.finditer(doc.text):
                if _overlaps(*match.span(), covered) or _overlaps(*match.span(), seen):
                    continue
                seen.append(match.span())
                why = "別の応募先の会社名です（文面の使い回しに注意してください）。"
                yield _flag(doc, match.start(), match.end(), company, why)
        covered.extend(seen)


def _compare(doc: Document, company: str, name: NameInText) -> Iterator[Finding]:
    form, base, position = split_legal_form(company)
    found_base = squeeze(name.base)
    base = squeeze(base)
    same = found_base.startswith(base) if name.position == "pre" else found_base.endswith(base)
    if not same or not base:
        why = "宛先とは別の会社名です。"
        yield _flag(doc, name.start, name.end, company, why)
        return
    if name.form == form and name.position == position:
        return
    start, end = _trim_to_base(name, base)
    if name.form != form:
        why = f"法人格が違います（{form}）。"
    else:
        why = "「株式会社」の位置（前株・後株）が違います。"
    yield _flag(doc, start, end, company, why)


def _trim_to_base(name: NameInText, base: str) -> tuple[int, int]:
    """The span of the legal form plus the addressee's base only (no trailing words)."""
    if name.position == "pre":
        return name.start, name.end - (len(name.base) - len(base))
    return name.start + (len(name.base) - len(base)), name.end


def _bare_base(
    doc: Document, company: str, covered: list[tuple[int, int]], names: list[tuple[int, int]]
) -> Iterator[Finding]:
    """サンプル 御中 for 株式会社サンプル: the base without its legal form in an addressee line."""
    _form, base, position = split_legal_form(company)
    if position == "none" or len(base) < 2:
        return
    lines = doc.content_lines
    head = lines[:_HEAD_LINES]
    tail = lines[-_HEAD_LINES:] if doc.kind == "letter" else ()
    for line in (*head, *tail):
        if "。" in line.text or len(line.text) > 60:
            continue
        for match in re.finditer(re.escape(base), line.text):
            start, end = line.start + match.start(), line.start + match.end()
            if _overlaps(start, end, covered) or _overlaps(start, end, names):
                continue
            if _abbreviated(doc.text, start, end):
                continue
            covered.append((start, end))
            yield _flag(doc, start, end, company, "法人格（株式会社など）が抜けています。")


def _abbreviated(text: str, start: int, end: int) -> bool:
    """(株)サンプル is kabu-abbreviation's business."""
    return bool(
        re.search(r"[(（][株有同財社][)）][ \u3000]?$|[㈱㈲]$", text[max(0, start - 4) : start])
    ) or bool(re.match(r"[ \u3000]?(?:[(（][株有同財社][)）]|[㈱㈲])", text[end : end + 4]))
