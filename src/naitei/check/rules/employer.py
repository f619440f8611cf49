"""The employer's kind in the words of a draft: address-form-mismatch, joining-verb-mismatch,
own-organisation-word.

A bank is 貴行/御行 and one joins it (入行); a hospital is 貴院/御院 (入職); a city office 貴市 or
貴庁 (入庁). The medium rules (medium.py) catch a spoken form in writing; these catch a form or a
verb of another kind of employer, and 弊社/弊院 (the writer's own organisation) used for the
reader. The reader's kind comes from the case (``--case``: CheckContext.employer_kind) or,
without one, from the forms of address the draft itself uses: when they belong to two kinds,
the kind most forms (or the addressee line at the top) agree on wins and the others are flagged.

- address-form-mismatch: 貴社 or 貴庁 in a text to a bank (→ 貴行), 貴社 to 金沢市役所 (→ 貴市).
  Only forms of the right medium: 御社 in a letter is onsha-in-writing's, which already suggests
  the employer's own form.
- joining-verb-mismatch: 入社 to a bank (入行), to a hospital (入職), to 県庁 (入庁). 入職 fits any
  employer. A verb joined to another organisation (他社への入社, 民間企業に入社) is not flagged.
- own-organisation-word: 弊院, 弊社, 弊行 … in an applicant's text that addresses the employer
  (a case is given, or the text uses 貴/御 forms): 弊 is the writer's own side. Not for purpose
  messenger, where the service writes 弊社 of itself, nor on the other party's lines of a script.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from naitei.check.data import rule_info
from naitei.check.document import Document, Line
from naitei.check.model import Finding
from naitei.check.names import legal_form_pattern, split_legal_form, squeeze
from naitei.employers import (
    NEUTRAL_JOIN,
    FormInText,
    employer_of,
    form_families,
    join_words,
    kind_forms,
    kind_join,
    organisation_pattern,
)
from naitei.precompiled import longest_first, regex

RULES = ("address-form-mismatch", "joining-verb-mismatch", "own-organisation-word")

_HEAD = 4  # content lines at the top that may name the addressee
_QUOTE = frozenset(">＞|｜")
# Words of a sentence that name another organisation: a join there is about it (他社への入社).
# A past job counts too (新卒で入行した銀行を退職し): 前職, 以前, 当時, an organisation's type word.
_OTHER = regex(
    r"他社|他行|他の|別の|企業|会社|民間|就職先|そちら|先方|転職先|進学|前職|現職|以前|当時|かつて"
    r"|新卒で|銀行|金庫|病院|役所|役場|県庁|学校|大学"
)
_PARTICLE = regex(r"(?:に|へ|への|で)$")
# 4月に入社する, 来春に入社: a time before the particle, not an organisation (misses14)
_TIME_BEFORE = regex(r"(?:[0-9０-９一二三四五六七八九十元]+[年月日]|[春夏秋冬]|年度|以降|頃|ごろ)$")
_JURISDICTION = regex(r"[都道府県市区町村]$")
_PERSON_TITLE = regex(r"(?:様|さま|殿)[ \u3000]*$")


@dataclass(frozen=True)
class Reader:
    """The employer a draft is written to, as far as the case or the draft tells."""

    forms: frozenset[str]  # forms of address that fit it
    written: str
    spoken: str
    joins: frozenset[str]
    join: str | None  # the joining verb to suggest


@cache
def _join_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(join_words(), key=longest_first))
    return regex(f"(?<!新)(?:{words})(?![員])")


@cache
def _hei_forms() -> dict[str, str]:
    """弊X → 貴X for every written form 貴X (弊社 → 貴社, 弊院 → 貴院)."""
    return {
        "弊" + form[1:]: form for form in form_families() if form.startswith("貴") and len(form) > 1
    }


@cache
def _hei_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(_hei_forms(), key=longest_first))
    return regex(f"(?<![疲語旧])(?:{words})")


def _spoken_counterpart(form: str) -> str:
    return "御" + form[1:] if form.startswith("貴") else form


def _usable(doc: Document, offset: int) -> bool:
    """Is ``offset`` in the writer's own words (not the other party's line, not a quote)?"""
    if doc.spoken_by_others(offset):
        return False
    line_start = doc.text.rfind("\n", 0, offset) + 1
    return doc.text[line_start:offset].lstrip(" \u3000")[:1] not in _QUOTE


def own_forms(doc: Document) -> list[FormInText]:
    """The forms of address in the writer's own words."""
    return [f for f in doc.forms_of_address if _usable(doc, f.start)]


def reader(doc: Document) -> Reader | None:
    """The employer the draft addresses (worked out once per draft, shared with medium.py)."""
    if "employer.reader" not in doc.shared:
        doc.shared["employer.reader"] = _reader(doc, own_forms(doc))
    found = doc.shared["employer.reader"]
    return found if isinstance(found, Reader) else None


def _reader(doc: Document, found: list[FormInText]) -> Reader | None:
    """The employer the draft addresses: from the case, else from its forms of address."""
    context = doc.context
    if context.employer_forms is not None:
        written, spoken = context.employer_forms
        forms = {written, spoken}
        joins = {NEUTRAL_JOIN}
        if context.employer_kind is not None:
            forms.update(kind_forms(context.employer_kind))
            joins.add(kind_join(context.employer_kind))
        if context.employer_join:
            joins.add(context.employer_join)
        join = context.employer_join if context.employer_kind is not None else None
        return Reader(frozenset(forms), written, spoken, frozenset(joins), join)
    return _from_text(doc, found)


def _from_text(doc: Document, found: list[FormInText]) -> Reader | None:
    """The employer as the draft itself gives it. The kind most forms of address agree on,
    when the addressee block at the top names an organisation of that kind or of no telling
    kind (株式会社さくら出版); otherwise the addressee's kind (御社 under 株式会社北國みらい銀行
    is a bank's 御行); on a tie with nothing at the top, the first form's."""
    families = form_families()
    known = [f for f in found if f.form in families]
    heads = _heads(doc)
    leaders: list[str] = []
    if known:
        votes = Counter(kind for f in known for kind in families[f.form].kinds)
        best = max(votes.values())
        leaders = [kind for kind, count in votes.items() if count == best]
    agreed = [kind for kind, _forms in heads if kind in leaders]
    if agreed:
        kind = agreed[0]
    elif heads:
        kind = heads[0][0]
    elif known:
        kind = next(k for f in known for k in sorted(families[f.form].kinds) if k in leaders)
    else:
        return None
    mine = [f for f in known if kind in families[f.form].kinds]
    base_written, base_spoken = next(
        (forms for head, forms in heads if head == kind), kind_forms(kind)
    )
    written = next(
        (f.form if f.medium == "written" else f.counterpart for f in mine),
        base_written,
    )
    spoken = next(
        (f.form if f.medium == "spoken" else f.counterpart for f in mine),
        base_spoken,
    )
    forms = frozenset(f.form for f in mine) | {written, spoken, base_written, base_spoken}
    forms |= frozenset(kind_forms(kind))
    joins = frozenset(j for f in mine for j in families[f.form].joins) | {
        kind_join(kind),
        NEUTRAL_JOIN,
    }
    base_join = kind_join(kind)
    join = base_join if base_join in joins else next(iter(sorted(joins - {NEUTRAL_JOIN})), None)
    return Reader(forms, written, spoken, joins, join)


_TITLE = regex(r"様|さま|御中|殿")
# Header fields of a pasted mail (件名：…, 宛先：…, To: …): not the addressee block.
_FIELD = regex(r"^[^\s：:]{1,8}[：:]")


def _heads(doc: Document) -> list[tuple[str, tuple[str, str]]]:
    """(kind, forms) of each organisation whose name tells its kind on the addressee block at
    the top of a written draft: the lines up to the one with 様 or 御中 (a sender's school
    written first, with no 様 after it, is not an addressee). 社会福祉法人あおば福祉会 /
    ひまわり保育園 園長 吉川様 gives a corporation and a nursery."""
    if not doc.written:
        # A script: the other party names the organisation (（受付）みなと中央銀行でございます).
        named_lines: list[str] = []
        for line in doc.others_lines[:_HEAD]:
            for sentence in _SENTENCE_END.split(_SPEAKER.sub("", line.text)):
                named = _NAMED_SELF.search(sentence.strip())
                # 北村です is a person: a bare name ending like a town (村, 市) is not an
                # organisation answering the phone (that says 市役所, 県庁, 村役場)
                if named and not _JURISDICTION.search(named.group(1)):
                    named_lines.append(named.group(1))
        return _kinds_named(named_lines, legal_form=True)
    return _kinds_named(_addressee_block(doc))


def _addressee_block(doc: Document) -> list[str]:
    return [line.text for line in addressee_lines(doc)]


def addressee_lines(doc: Document) -> list[Line]:
    """The addressee lines at the top of a written draft: up to the one with 様 or 御中 (none
    when a sentence comes first or no line carries a title). Shared with addressee.py."""
    cached = doc.shared.get("employer.block")
    if isinstance(cached, list):
        return cached
    block: list[Line] = []
    for line in doc.content_lines[:_HEAD]:
        if "。" in line.text:
            block = []
            break
        if _FIELD.match(line.text):
            continue
        block.append(line)
        if _TITLE.search(line.text):
            break
    else:
        block = []
    doc.shared["employer.block"] = block
    return block


_CORPORATE_FORMS = frozenset({"貴法人", "御法人"})
_CORPORATION = regex(r"\S法人")


def _corporation_addressed(doc: Document) -> bool:
    """Is the addressee a 〜法人 (医療法人社団…, 学校法人…, 国立大学法人…)? Then 貴法人 names the
    corporation itself (a mail to its 事務局 or 法人本部) and is right whatever else the
    corporation runs (a hospital's 貴院, a school's 貴学)."""
    name = doc.context.company_name or ""
    if _CORPORATION.search(name):
        return True
    if not doc.written:
        return any(_CORPORATION.search(line.text) for line in doc.others_lines[:_HEAD])
    return any(_CORPORATION.search(line) for line in _addressee_block(doc))


_SPEAKER = regex(r"^[ \u3000]*(?:[（(【［\[][^）)】］\]]{1,10}[）)】］\]]|[^\s：:]{1,8}[：:])")
_SENTENCE_END = regex(r"[。！？]")
_NAMED_SELF = regex(r"^(.{2,30}?)(?:でございます|です)$")


def _kinds_named(
    block: list[str], *, legal_form: bool = False
) -> list[tuple[str, tuple[str, str]]]:
    """(kind, forms) of each organisation named on the lines of ``block``; ``legal_form``:
    a company named with its legal form (株式会社つばさ工業でございます) counts too."""
    found: list[tuple[str, tuple[str, str]]] = []
    for text in block:
        words = text.split()
        if len(words) <= 2 and _PERSON_TITLE.search(text):
            continue  # 上村 様, 西村様: a surname ending in 村 or 町 is a person, not a village
        # 岡山県 総務部 人事課 御中: a jurisdiction's name, first on its line, matches its
        # pattern (県$) only as a word of its own
        first = words[0] if words and _JURISDICTION.search(words[0]) else ""
        if legal_form and legal_form_pattern().search(text):
            pass
        elif not organisation_pattern().search(text) and not (
            first and organisation_pattern().search(first)
        ):
            continue
        for count in range(len(words), 0, -1):
            employer = employer_of(" ".join(words[:count]))
            if employer.source == "name" or (legal_form and employer.legal_form):
                found.append((employer.kind, employer.forms))
                break
    return found


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    text = doc.text
    found = own_forms(doc) if "address-form-mismatch" in active else []
    joins = (
        list(_join_pattern().finditer(text))
        if "joining-verb-mismatch" in active and "入" in text
        else []
    )
    hei = (
        list(_hei_pattern().finditer(text))
        if "own-organisation-word" in active and "弊" in text and doc.purpose != "messenger"
        else []
    )
    if not (found or joins or hei):
        return
    target = reader(doc)
    if found and _to_agent(doc):
        yield from _agent_forms(doc, found)
    elif found and target is not None:
        yield from _forms(doc, found, target)
    if joins and target is not None and target.join is not None:
        yield from _joins(doc, joins, target)
    if hei and (target is not None or doc.forms_of_address):
        yield from _hei(doc, hei, target)


def _forms(doc: Document, found: list[FormInText], target: Reader) -> Iterator[Finding]:
    medium = "written" if doc.written else "spoken"
    suggestion = target.written if doc.written else target.spoken
    info = rule_info("address-form-mismatch")
    corporate: bool | None = None
    for form in found:
        if form.medium != medium or form.form in target.forms:
            continue
        if form.form in _CORPORATE_FORMS:
            if corporate is None:
                corporate = _corporation_addressed(doc)
            if corporate:
                continue
        message = info.say(found=form.form, suggestion=suggestion)
        yield doc.finding("address-form-mismatch", form.start, form.end, message, suggestion)


def _to_agent(doc: Document) -> bool:
    """Is this written draft addressed to the agent of an agent route (its name on the
    addressee block)? Then 貴社 is the agent, and the employer is 同社／同法人／先方."""
    agent = doc.context.agent_name
    if not agent or not doc.written:
        return False
    wanted = {squeeze(agent), squeeze(split_legal_form(agent)[1])} - {""}
    return any(name in squeeze(line) for line in _addressee_block(doc) for name in wanted)


def _agent_forms(doc: Document, found: list[FormInText]) -> Iterator[Finding]:
    """In a mail to the agent, 貴社 names the agent: an employer's form (貴院, 貴法人, 貴行…)
    names the addressee wrongly; the employer is 同院／同法人／先方."""
    agent_forms = set(employer_of(doc.context.agent_name or "").forms)
    same = doc.context.employer_same or "先方"
    for form in found:
        if form.medium != "written" or form.form in agent_forms:
            continue
        message = (
            f"このメールの宛先は紹介会社です。「{form.form}」は宛先を指す呼び方なので、応募先のことは"
            f"「{same}」または「先方」と書きます（宛先の紹介会社は「貴社」です）。"
        )
        yield doc.finding("address-form-mismatch", form.start, form.end, message, same)


def _joins(doc: Document, matches: list[re.Match[str]], target: Reader) -> Iterator[Finding]:
    text = doc.text
    info = rule_info("joining-verb-mismatch")
    own_names = (
        tuple(target.forms)
        + tuple(form_families())
        + ((doc.context.company_name,) if doc.context.company_name else ())
    )
    starts = doc.sentence_starts
    for match in matches:
        word, start = match.group(), match.start()
        if word in target.joins or not _usable(doc, start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 30) : start]
        particle = _PARTICLE.search(before)
        if particle is not None and _TIME_BEFORE.search(before[: particle.start()]):
            particle = None
        if particle is not None:
            if not before[: particle.start()].endswith(own_names):
                continue  # 他社への入社, 民間企業に入社: another organisation's
        else:
            number = bisect_right(starts, start) - 1
            sentence = doc.sentences[number].text if number >= 0 else ""
            if _OTHER.search(sentence):
                continue
        suggestion = str(target.join)
        message = info.say(found=word, suggestion=suggestion)
        yield doc.finding("joining-verb-mismatch", start, match.end(), message, suggestion)


def _hei(doc: Document, matches: list[re.Match[str]], target: Reader | None) -> Iterator[Finding]:
    info = rule_info("own-organisation-word")
    for match in matches:
        start = match.start()
        if not _usable(doc, start):
            continue
        if target is not None:
            suggestion = target.written if doc.written else target.spoken
        else:
            written = _hei_forms()[match.group()]
            suggestion = written if doc.written else _spoken_counterpart(written)
        message = info.say(found=match.group(), suggestion=suggestion)
        yield doc.finding("own-organisation-word", start, match.end(), message, suggestion)
