"""The parts of a business message: missing-addressee, -self-introduction, -apology,
-request, -closing, -signature. Each part is found from the shape of the message
(naitei.check.parts: head, opening, body, closing, signature block) and judged in place, on
the text with its placeholders filled (〇〇大学の〇〇です introduces the writer). Documented,
with the purposes each rule applies to, in docs/rules.md.

- addressee (email, letter): in the head (the short lines above the prose), a line ending in
  様, 御中, 殿, 先生 or 各位 (a note in brackets may follow: 山田様（人事部）) and an
  organisation: a legal form, (株), an organisation word (商事, 銀行, 博物館, …園, 学校,
  市役所, 信用金庫 …, data/employers.toml and structure.toml [[organisation]]), the case's
  company, or a placeholder standing for it. A letter may instead carry it in its signature
  block (縦書き order: 敬具, date, sender, addressee). When a company's team signs (a
  recruiter writing to an applicant), a person with 様 is the whole addressee.
- self-introduction (email, letter, phone): in the opening — the first five sentences after
  the addressee, at most 400 characters, never the signature block — と申します /
  <name>でございます / <school>の<name>です; with a case, the applicant's name (or surname)
  and, for a new graduate, the school. Letters may name the writer anywhere (sender block).
- apology (withdraw, decline, apology): 申し訳 / お詫び / 詫び (すみません also counts).
- request (withdraw): a sentence with a withdrawal word (撤回, 取り消し, 改めて…入社 …) and an
  asking form (お願い, ご検討, いただけないでしょうか, 幸いです …), or followed by a sentence
  that asks; a bare よろしくお願いいたします does not count.
- closing (all kinds): a closing formula in the last four lines of the prose, right above the
  signature block however long it is (よろしくお願い申し上げます, 敬具, 失礼いたします …).
- signature (email, letter): in the signature block, a contact (telephone, e-mail, URL,
  postal code or address) and who signs — a name line (山田 太郎, 東西大学 山田太郎,
  氏名：…), or a team (株式会社〇〇 人事部 採用チーム); a letter may sign with a date and a
  name instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import Literal

from naitei.check.data import StructureList, rule_info, structure, structure_words
from naitei.check.document import Document, Line
from naitei.check.model import Finding
from naitei.check.names import SPACES, legal_form_pattern, split_legal_form, squeeze
from naitei.check.parts import Parts, contact, split
from naitei.check.placeholders import fill
from naitei.check.rules.requests import has_request
from naitei.employers import organisation_pattern
from naitei.precompiled import regex

RULES = (
    "missing-addressee",
    "missing-self-introduction",
    "missing-apology",
    "missing-request",
    "missing-closing",
    "missing-signature",
    "signature-without-contact",
)

_TAIL = 8
Signed = Literal["full", "name", "none"]
_INTRO_SPAN = 400
# A note in brackets after a name: 山田様（人事部）, 山田 太郎（やまだ たろう）.
_BRACKETED = r"[ \u3000]*[（(][^)）\n]{1,20}[)）]"
_HONORIFIC = regex(
    # 山田様（人事部）: a note in brackets may follow; Mr. Kenta Ono（小野 健太 様）: the
    # honorific may close a bracket of its own
    rf"(?:様|御中|殿|先生|各位)[)）]?(?:{_BRACKETED})?[ \u3000、,]*$"
)
_HONORIFIC_TAIL = regex(r"[ \u3000]*(?:御中|様|殿|先生|各位)?[ \u3000、,]*$")
_ORGANISATION = regex(
    r"[(（][株有][)）]|[㈱㈲]|会社|法人|商事|商会|工業|産業|銀行|証券|保険|製作所|ホールディングス"
    r"|グループ|病院|事務所|物産|電機|建設|不動産|製薬|化学|通信|システム|Inc\.?|Co\.,?|Ltd\.?|LLC"
    # recruitment agencies, often known by a brand without a legal form (キャリアブリッジ, …)
    r"|キャリア|エージェン[トシ]|人材|リクルート"
)
# A placeholder (filled as 某…) that is not itself the person (〇〇様) stands for a company.
_PLACEHOLDER_ORG = regex(r"某+(?![某]*[ \u3000]*(?:様|殿|先生))")
# A self-introduction ends in です or でございます; what comes before decides (the text
# before each ending is matched, right-anchored, so the search stays fast).
_INTRO_END = regex("(?:です|でございます)(?=[。、\n]|$)", re.M)
_NAME = (
    r"(?:[一-龥々]{2,4}(?:[ \u3000]?[一-龥々ぁ-ゖ]{1,4})?"
    # a one-kanji surname is written with a space before the given name (森 優斗)
    r"|[一-龥々][ \u3000][一-龥々ぁ-ゖ]{1,4}"
    # a name in katakana or Latin letters (エミリー・カーター, Emily Carter)
    r"|[ァ-ヶー]{2,}(?:[・＝ \u3000][ァ-ヶー]{2,}){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})"
)
_INTRO_DESU = regex(
    r"(?:(?:大学|学部|学科|研究科|大学院|高校|専門学校|年生|[0-9０-９]年)の(?P<who>[^\s。、]{1,12})"
    # 、山田太郎です / の山田です / 応募いたしました久保田誠です / 受験しております小林健太です
    # (a relative clause before the name, past or ongoing)
    rf"|(?:^|[、。\n]|の|(?<=[ただ])|(?<=おります)|(?<=ています))[ \u3000]*(?P<name>{_NAME}))$"
)
_INTRO_GOZAIMASU = regex(rf"(?P<name>{_NAME})$")
# A line that is only a 結語 (敬具, 謹白, かしこ…).
LETTER_CLOSING = regex(r"^[ \u3000]*(?:敬具|敬白|謹白|草々|かしこ)[ \u3000]*$", re.M)
_NAME_LABEL = regex(r"^(?:氏名|名前|お名前|差出人|担当|担当者)[ \u3000]*[:：][ \u3000]*")
_READING = regex(rf"{_BRACKETED}$")
_NAME_TOKEN = regex(r"^[一-龥々ぁ-んァ-ヶー某]{1,6}$")
_ROMAN_NAME = regex(r"^[A-Z][a-z]+[ \u3000][A-Z][A-Za-z]+$")
# Tokens of a signature line that are not the name: the school, faculty, year, a title.
_AFFILIATION = regex(
    r"大学|学部|学科|研究科|専攻|学院|高校|高専|学校|年生|[0-9０-９]年|回生|修士|博士|課程|コース"
    r"|ゼミ|[部課室係]$|チーム$|グループ$|センター$|本部$|担当|部長|課長|主任|係長|代表|取締役"
    r"|マネージャー|リーダー|社員|内定者"
    # job titles that precede the name (キャリアブリッジ株式会社 シニアコンサルタント 長谷川 遼)
    r"|コンサルタント$|アドバイザー$|エージェント$|スタッフ$|職員$|事務長$|理事$|所長$|室長$|院長$"
    r"|園長$|校長$|教諭$|教授$|講師$|主査$|主事$|参事$|秘書$"
)
# What is left after the affiliation: 東西大学経済学部4年山田太郎 → 山田太郎.
_AFTER_AFFILIATION = regex(
    r"(?:大学|学部|学科|研究科|専攻|年生|[0-9０-９]年|回生)([^大学部科年]{2,8})$"
)
# A date is not a name, but 月 and 日 alone are common in given names (美月, 春日, 朝日).
_NOT_NAMES = regex(
    r"敬具|敬白|草々|かしこ|以上|拝啓|記|[0-9０-９〇一二三四五六七八九十元][年月日]|令和|平成"
    r"|様|御中|大学|学部|会社|失礼|お願い"
)
# A team signs for a company: 人事部, 採用チーム, 採用担当, 人事課 (not 経済学部).
_TEAM = regex(r"(?<!学)(?:部|課|室|係|チーム|グループ|センター|事務局|本部|担当|担当者)$")
_KANJI_RUN = regex(r"[一-龥々]+")
_KANJI_NAME = regex(r"[一-龥々 \u3000]+")
_ANONYMOUS = regex(r"某+[ \u3000]*(?:と申し|です|でございます)")
_DATE = regex(
    r"(?:令和|平成|[0-9０-９]{4}[年/／.])[^\n]{0,10}?[0-9０-９元一二三四五六七八九十]+[月/／.]"
    r"|[0-9０-９]{1,2}月[0-9０-９]{1,2}日"
)


@cache
def _words(table: StructureList) -> tuple[str, ...]:
    return structure_words(table)


@cache
def _closings(kind: str, final: bool = False, organisation: bool = False) -> tuple[str, ...]:
    """The closing formulas of a kind; ``final``: those that close a message only as its last
    line of prose (重ねてお詫び申し上げます。), with ``organisation`` those that close it only
    when a company signs (お会いできることを楽しみにしております。)."""
    return tuple(
        closing.word
        for closing in structure().closing
        if kind in closing.kinds
        and closing.final == final
        and (organisation or closing.by != "organisation")
    )


@cache
def _organisation_words() -> re.Pattern[str]:
    ends = "|".join(re.escape(word) for word in _words("organisation"))
    return regex(f"(?:{ends})$")


def message_parts(doc: Document) -> Parts:
    """The parts of the message (naitei.check.parts), found once for every rule module."""
    parts = doc.shared.get("structure.parts")
    if not isinstance(parts, Parts):
        filled = fill(doc.text, doc.placeholders)
        # Without placeholders the filled text is the document's: its lines are found already.
        lines = None if doc.placeholders else doc.content_lines
        parts = doc.shared["structure.parts"] = split(filled, _closings(doc.kind), lines)
    return parts


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    parts = message_parts(doc)
    if "missing-addressee" in active and not _has_addressee(doc, parts):
        yield _missing(doc, "missing-addressee")
    if "missing-self-introduction" in active and not _introduces(doc, parts):
        finding = _missing(doc, "missing-self-introduction", example=_intro_example(doc))
        other = _other_intro(doc, parts)
        if other is not None:
            finding = dataclasses.replace(finding, message=other)
        yield finding
    if "missing-apology" in active and not _contains(doc.text, _words("apology")):
        yield _missing(doc, "missing-apology")
    if "missing-request" in active and not has_request(_body(doc, parts)):
        yield _missing(doc, "missing-request")
    if "missing-closing" in active and not _closes(doc, parts):
        yield _missing(doc, "missing-closing", example=_closing_example(doc.kind))
    if "missing-signature" in active or "signature-without-contact" in active:
        signed = _signed(doc, parts)
        if signed == "none" and "missing-signature" in active:
            yield _missing(doc, "missing-signature")
        elif signed == "name" and "signature-without-contact" in active:
            yield _missing(doc, "signature-without-contact")


_INTRO_NAMED = regex(
    rf"(?:^|[、。\n]|の|(?<=[ただ]))[ \u3000]*(?P<name>{_NAME})[ \u3000]*(?:と申し|です|でございます)",
    re.M,
)


def name_mismatch(doc: Document) -> Iterator[Finding]:
    """The name the writer introduces herself with against the name she signs with (石田 悠人と
    申します … 石川 悠人): one of them is a typo, or a template's name left in place. Run by
    rules/consistency.py (what a message says about itself)."""
    parts = message_parts(doc)
    if not parts.tail:
        return
    zone_start = _addressee_end(parts)
    zone = parts.opening(zone_start)
    intro = next(
        (m for m in _INTRO_NAMED.finditer(zone) if m["name"] not in _words("not_a_name")), None
    )
    if intro is None:
        return
    said = intro["name"]
    for line in parts.tail:
        signed = _signed_name(line.text)
        if signed is None:
            continue
        if _differs(said, signed):
            offset = line.text.find(signed)
            start = line.start + max(offset, 0)
            end = start + (len(signed) if offset >= 0 else len(line.text))
            message = rule_info("name-mismatch").say(found=said, suggestion=signed)
            yield doc.finding("name-mismatch", start, end, message, None)
        return  # the first name line of the signature is the writer's


def _signed_name(text: str) -> str | None:
    """山田 太郎 from a name line of the signature (without school, title or reading)."""
    if not name_line(text):
        return None
    tokens = _tokens(_bare_name(text))
    rest = [token for token in tokens if not _AFFILIATION.search(token)]
    if not 1 <= len(rest) <= 2 or not all(_KANJI_RUN.fullmatch(token) for token in rest):
        return None
    return " ".join(rest) if len(rest) == 2 else rest[0]


def _differs(said: str, signed: str) -> bool:
    """Two spellings of one person's name that disagree: the same surname and another given
    name, or the other way round (石田 悠人 / 石川 悠人); a name and its surname alone agree."""
    a, b = said.split(), signed.split()
    if not _KANJI_NAME.fullmatch(said) or len(a) != 2 or len(b) != 2:
        return False  # only full names written with a space can be compared safely
    return (a[0] == b[0]) != (a[1] == b[1])


def _body(doc: Document, parts: Parts) -> str:
    """The text without the mail headers (件名：内定辞退撤回のお願い is not the request)."""
    lines = parts.lines
    if len(lines) == len(doc.content_lines):
        return doc.text
    start = lines[0].start if lines else len(doc.text)
    return " " * start + doc.text[start:]


def _contains(text: str, phrases: tuple[str, ...]) -> bool:
    return any(phrase in text for phrase in phrases)


def _missing(doc: Document, rule: str, example: str = "") -> Finding:
    return doc.finding(rule, 0, 0, rule_info(rule).say(example=example), None)


def _names_company(doc: Document, text: str) -> bool:
    if legal_form_pattern().search(text) or _ORGANISATION.search(text):
        return True
    bare = _HONORIFIC_TAIL.sub("", text)
    if organisation_pattern().search(bare):
        return True  # 横浜市役所, 東西信用金庫, 福岡県 … (data/employers.toml)
    tokens = SPACES.split(bare)
    if any(
        _organisation_words().search(token) or organisation_pattern().search(token)
        for token in tokens
    ):
        return True  # 国立東西博物館 総務課, ひまわり園 園長 …
    if _PLACEHOLDER_ORG.search(text):
        return True  # 株式会社〇〇 / 〇〇 人事部 御中: a slot for the company
    names = (doc.context.company_name, *doc.context.allowed_names)
    flat = squeeze(text)
    for name in names:  # the case's company, or the agent or school written to
        if name:
            base = split_legal_form(name)[1]
            if base and squeeze(base) in flat:
                return True
    return False


def _addressee_in(doc: Document, lines: tuple[Line, ...]) -> bool:
    honorific = any(_HONORIFIC.search(line.text) for line in lines)
    if not honorific:
        return False
    return any(_names_company(doc, line.text) for line in lines) or _organisation_above(lines)


_HEADER_LABEL = regex(r"^[^ \u3000：:]{1,10}[：:]")


def _organisation_above(lines: tuple[Line, ...]) -> bool:
    """The shape of an addressee block: a line of its own right above the person's 様 line
    (ビズリーチ・パートナーズ / 木下様) names the organisation, whatever its name looks like."""
    for above, line in pairwise(lines):
        text = above.text.strip()
        if (
            _HONORIFIC.search(line.text)
            and not _HONORIFIC.search(text)
            and not _HEADER_LABEL.match(text)
            and "。" not in text
            and 2 <= len(text) <= 40
        ):
            return True
    return False


def _has_addressee(doc: Document, parts: Parts) -> bool:
    if _addressee_in(doc, parts.head):
        return True
    if doc.kind == "letter" and _addressee_in(doc, parts.tail):
        return True
    tail = [line.text for line in parts.tail]
    if _team(doc, tail) or _organisation_person(doc, tail):
        # A company writes (a recruiter's team signs, or a consultant of an agency with the
        # agency's name above her own): the addressee is a person (山田様).
        return any(_HONORIFIC.search(line.text) for line in parts.head)
    return False


def _addressee_end(parts: Parts) -> int:
    """The offset after the addressee in the head (its start when there is none)."""
    end = parts.head[0].start if parts.head else parts.body_start
    for line in parts.head:
        if _HONORIFIC.search(line.text):
            end = line.end
    return end


def _name_forms(name: str) -> tuple[str, ...]:
    """山田 太郎 → (山田太郎, 山田); 山田太郎 → (山田太郎, 山田)."""
    parts = name.split()
    full = squeeze(name)
    if len(parts) > 1:
        return full, parts[0]
    return (full, full[:2]) if len(full) >= 3 else (full,)


def _introduces(doc: Document, parts: Parts) -> bool:
    zone = _intro_zone(doc, parts)
    context = doc.context
    if context.applicant_name:
        flat = squeeze(zone)
        named = any(form in flat for form in _name_forms(context.applicant_name))
        named = named or _placeholder_intro(zone)
    elif "と申し" in zone:
        named = True
    else:
        named = any(_introduced_at(zone, match) for match in _INTRO_END.finditer(zone))
        if not named and doc.kind == "letter":
            # The sender block: above the title in 横書き letters, at the end in 縦書き order.
            named = _name_line_in(parts.head) or _name_line_in(parts.tail)
    if named and context.new_grad and context.school:
        return squeeze(context.school) in squeeze(zone) or "某" in zone
    return named


def _intro_zone(doc: Document, parts: Parts) -> str:
    if doc.kind == "letter":
        return parts.text
    if doc.said_lines:  # a script: what the writer says first
        return fill("\n".join(line.text for line in doc.said_lines))[:_INTRO_SPAN]
    if doc.kind == "email":
        return parts.opening(_addressee_end(parts))
    return fill(doc.own_text)[:_INTRO_SPAN]  # a script without speaker labels


def _other_intro(doc: Document, parts: Parts) -> str | None:
    """When the draft does introduce the writer, but not as the case says, what is wrong: the
    name differs from the case's (北関東大学の小鳥遊です for 高橋 悠), or the school the case
    gives for a new graduate is missing. None when no introduction is found at all."""
    context = doc.context
    zone = _intro_zone(doc, parts)
    name = context.applicant_name
    if name:
        flat = squeeze(zone)
        if any(form in flat for form in _name_forms(name)) or _placeholder_intro(zone):
            school = context.school or ""
            return (
                f"冒頭で名乗っていますが、学校名「{school}」がありません。"
                f"新卒の方は「{_intro_example(doc)}と申します」のように学校名も添えて名乗ります。"
            )
    said = _said_name(zone)
    if said is None or not name:
        return None
    return (
        f"冒頭で「{said}」と名乗っていますが、ケースの氏名は「{name}」です。"
        f"どちらかの誤りではないか確かめ、「{_intro_example(doc)}と申します」のように正しい名前で名乗ります。"
    )


def _said_name(zone: str) -> str | None:
    """The name of a self-introduction in ``zone`` (山田太郎と申します, 東西大学の山田です)."""
    for match in _INTRO_NAMED.finditer(zone):
        if match["name"] not in _words("not_a_name"):
            return str(match["name"]).strip()
    names = (_intro_name(zone, ending) for ending in _INTRO_END.finditer(zone))
    return next((name for name in names if name), None)


def _placeholder_intro(zone: str) -> bool:
    """〇〇と申します / 〇〇大学の〇〇です: the name is a slot still to fill."""
    return bool(_ANONYMOUS.search(zone))


def _introduced_at(zone: str, ending: re.Match[str]) -> bool:
    """Is the です/でございます at ``ending`` the end of 〇〇大学の山田です / 山田でございます?"""
    return _intro_name(zone, ending) is not None


def _intro_name(zone: str, ending: re.Match[str]) -> str | None:
    """The name of the self-introduction that ends at ``ending`` (山田 of 〇〇大学の山田です), or
    None when the words before it are no introduction."""
    before = zone[max(0, ending.start() - 40) : ending.start()]
    # エミリー・カーター（Emily Carter）です: the reading or spelling in brackets is no part
    before = _READING.sub("", before)
    if ending.group() == "でございます":
        match = _INTRO_GOZAIMASU.search(before)
    else:
        match = _INTRO_DESU.search(before)
    if match is None:
        return None
    name = match["name"] if match["name"] is not None else match.groupdict().get("who")
    if name in _words("not_a_name"):
        return None
    return str(name or "").strip()


def name_line(text: str) -> bool:
    """山田 太郎, 東西大学 山田太郎, 氏名：山田太郎, 山田太郎（やまだ たろう）, Taro Yamada."""
    text = _bare_name(text)
    if _ROMAN_NAME.match(text):
        return True
    tokens = _tokens(text)
    rest = [token for token in tokens if not _AFFILIATION.search(token)]
    if not rest and tokens:  # 東西大学経済学部4年山田太郎 (no space before the name)
        match = _AFTER_AFFILIATION.search(tokens[-1])
        rest = [match.group(1)] if match else []
    if not 1 <= len(rest) <= 2 or not all(_NAME_TOKEN.match(token) for token in rest):
        return False
    name = "".join(rest)
    return 2 <= len(name) <= 8 and not _NOT_NAMES.search(name)


def _bare_name(text: str) -> str:
    """A name line without its label (氏名：) and its reading (（やまだ たろう）)."""
    return _READING.sub("", _NAME_LABEL.sub("", text)).strip()


def _tokens(text: str) -> list[str]:
    """The words of a line between half- or full-width spaces, none empty."""
    return [token for token in SPACES.split(text) if token]


def _name_line_in(lines: tuple[Line, ...]) -> bool:
    return any(name_line(line.text) for line in lines)


def _intro_example(doc: Document) -> str:
    context = doc.context
    name = context.applicant_name or "山田太郎"
    if context.school and context.new_grad:
        return f"{context.school}の{name}"
    return name if context.applicant_name else "〇〇大学〇〇学部の山田太郎"


def _tail_text(lines: tuple[Line, ...]) -> str:
    start = max(len(lines) - _TAIL, len(lines) // 2)
    return "\n".join(line.text for line in lines[start:])


def _closes(doc: Document, parts: Parts) -> bool:
    if doc.kind == "letter" and LETTER_CLOSING.search(doc.text):
        return True  # 敬具 may be followed by 記…以上, the date and the sender
    if doc.written:
        # The last lines of the prose, however long the signature below; a closing formula
        # standing alone above the signature (以上) belongs to the body too.
        if _contains(parts.closing(), _closings(doc.kind)):
            return True
        if not parts.body:
            return False
        tail = [line.text for line in parts.tail]
        company = _team(doc, tail) or _organisation_person(doc, tail)
        return _contains(parts.body[-1].text, _closings(doc.kind, True, company))
    return _contains(_tail_text(parts.lines), _closings(doc.kind))


def _closing_example(kind: str) -> str:
    if kind == "letter":
        return "「何卒よろしくお願い申し上げます。」と結び、「敬具」"
    if kind in ("phone", "visit"):
        return "「お忙しいところありがとうございました。失礼いたします。」"
    return "「何卒よろしくお願い申し上げます。」"


def _signed(doc: Document, parts: Parts) -> Signed:
    """ "full" (who signs, and a contact or, in a letter, the date), "name" (who signs, with
    no contact: the applicant's name at the end of a reply) or "none"."""
    if doc.kind == "letter" and _signed_in(doc, parts.head, team=False) == "full":
        return "full"  # 横書き letters put the sender block above the title (and the addressee)
    return _signed_in(doc, parts.tail)


def _signed_in(doc: Document, block: tuple[Line, ...], *, team: bool = True) -> Signed:
    if not block:
        return "none"
    texts = [line.text for line in block]
    has_contact = any(contact(text) for text in texts)
    if doc.context.applicant_name:
        flat = squeeze("\n".join(texts))
        who = any(form in flat for form in _name_forms(doc.context.applicant_name))
        who = who or any(name_line(text) and "某" in text for text in texts)
    else:
        who = any(name_line(text) for text in texts) or (team and _team(doc, texts))
    if not who:
        return "none"
    if has_contact:
        return "full"
    # A letter may be signed with the date and the name (the address is on the envelope).
    dated = doc.kind == "letter" and any(_DATE.search(text) for text in texts)
    return "full" if dated else "name"


def signed_by_organisation(doc: Document) -> bool:
    """Is this written message signed by a company, its team or a person for an organisation
    (a recruiter's or an agent's mail, not an applicant's)? Found once per document."""
    cached = doc.shared.get("structure.by_organisation")
    if isinstance(cached, bool):
        return cached
    tail = [line.text for line in message_parts(doc).tail] if doc.written else []
    found = bool(tail) and (_team(doc, tail) or _organisation_person(doc, tail))
    doc.shared["structure.by_organisation"] = found
    return found


def _organisation_person(doc: Document, texts: list[str]) -> bool:
    """キャリアブリッジ株式会社 / シニアコンサルタント 長谷川 遼 / TEL…: a person signs for an
    organisation (its own line, with a contact), not an applicant with a school."""
    return (
        any(_names_company(doc, text) and not name_line(text) for text in texts)
        and any(name_line(text) for text in texts)
        and any(contact(text) for text in texts)
        and not any(_SCHOOL.search(text) for text in texts)
    )


_SCHOOL = regex(r"大学|学部|学科|研究科|高校|高専|専門学校|短期大学|[0-9０-９]年生?$")


def _team(doc: Document, texts: list[str]) -> bool:
    """株式会社〇〇 人事部 採用チーム: a company's team signs (a recruiter's mail)."""
    tokens = [token for text in texts for token in _tokens(text)]
    organisation = any(_names_company(doc, text) for text in texts)
    return organisation and any(_TEAM.search(token) for token in tokens)
