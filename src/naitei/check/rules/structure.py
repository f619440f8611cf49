"""The parts of a business message: missing-addressee, -self-introduction, -apology,
-request, -closing, -signature. Heuristics on plain text, documented in docs/rules.md.

- addressee (email, letter): among the first six content lines (mail headers such as
  件名： skipped), a company name (a legal form, (株), an organisation word such as 商事, a
  word of the employer table such as 市役所, 信用金庫, 病院 or 大学, or the case's company) and
  a line ending in 様 or 御中. Letters may instead carry it in
  their last eight lines (縦書き order: 敬具, date, sender, addressee).
- self-introduction (email, letter, phone): within 400 characters after the addressee,
  と申します / <name>でございます / <school>の<name>です; with a case, the applicant's
  name (or surname) and, for a new graduate, the school. Letters may name the writer
  anywhere (the sender block).
- apology (all kinds): 申し訳 / お詫び / 詫び (すみません also counts: sumimasen flags it).
- request (withdraw): a sentence with a withdrawal word (撤回, 取り消し, 改めて…入社 …) and an
  asking form (お願い, ご検討, いただけないでしょうか, 幸いです …), or followed by a sentence
  that asks; a bare よろしくお願いいたします does not count.
- closing (all kinds): a closing formula in the last lines (よろしくお願い申し上げます,
  敬具, 失礼いたします …).
- signature (email, letter): in the last eight lines, a name and a contact (an e-mail
  address or a telephone number; for letters, a postal address also counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from naitei.check.data import entries, rule_info, text_field, words
from naitei.check.document import Document, Line
from naitei.check.model import Finding
from naitei.check.names import legal_form_pattern, split_legal_form, squeeze
from naitei.check.rules.requests import has_request
from naitei.employers import organisation_pattern

RULES = (
    "missing-addressee",
    "missing-self-introduction",
    "missing-apology",
    "missing-request",
    "missing-closing",
    "missing-signature",
)

_HEAD = 6
_TAIL = 8
_LETTER_HEAD = 12
_INTRO_SPAN = 400
_MIN_INTRO = 40
_HEADER = re.compile(
    r"^(?:件名|表題|題名|Subject|宛先|To|Cc|CC|Bcc|From|差出人|送信者)[ \u3000]*[:：]", re.I
)
_HONORIFICS = ("様", "御中", "殿")
_HONORIFIC_TAIL = re.compile(r"[ \u3000]*(?:御中|様|殿)?[ \u3000、,]*$")
_ORGANISATION = re.compile(
    r"[(（][株有][)）]|[㈱㈲]|会社|法人|商事|商会|工業|産業|銀行|証券|保険|製作所|ホールディングス"
    r"|グループ|病院|事務所|物産|電機|建設|不動産|製薬|化学|通信|システム|Inc\.?|Co\.,?|Ltd\.?|LLC"
    # recruitment agencies, often known by a brand without a legal form (キャリアブリッジ, …)
    r"|キャリア|エージェン[トシ]|人材|リクルート"
)
# A self-introduction ends in です or でございます; what comes before decides (the text
# before each ending is matched, right-anchored, so the search stays fast).
_INTRO_END = re.compile("(?:です|でございます)(?=[。、\n]|$)", re.M)
_NAME = r"[一-龥々]{2,4}(?:[ \u3000]?[一-龥々ぁ-ゖ]{1,4})?"
_INTRO_DESU = re.compile(
    r"(?:(?:大学|学部|学科|研究科|大学院|高校|専門学校|年生|[0-9０-９]年)の(?P<who>[^\s。、]{1,12})"
    rf"|(?:^|[、。\n]|の)[ \u3000]*(?P<name>{_NAME}))$"
)
_INTRO_GOZAIMASU = re.compile(rf"(?P<name>{_NAME})$")
_LETTER_CLOSING = re.compile(r"^[ \u3000]*(?:敬具|敬白|謹白|草々|かしこ)[ \u3000]*$", re.M)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?:\+81|0)[0-9０-９]{1,4}[-－‐ー(（)） ]?[0-9０-９]{1,4}[-－‐ー)） ]?[0-9０-９]{3,4}"
)
_ADDRESS = re.compile(
    r"〒|[都道府県][^\n]{0,12}[市区町村郡]|[市区町村][^\n]{0,15}[0-9０-９一二三四五六七八九十]+[-－ー丁番号]"
)
_NAME_LINE = re.compile(
    r"^(?:(?:氏名|名前|差出人)[ \u3000]*[:：][ \u3000]*)?[一-龥々ぁ-んァ-ヶー]{1,6}[ \u3000]?"
    r"[一-龥々ぁ-んァ-ヶー]{1,6}(?:[ \u3000]*[（(][^)）\n]{1,20}[)）])?$"
)
_NOT_NAMES = re.compile(
    r"敬具|敬白|草々|かしこ|以上|拝啓|記|年|月|日|様|御中|大学|学部|会社|失礼|お願い"
)


@cache
def _words(table: str) -> tuple[str, ...]:
    return words("structure.toml", table)


@cache
def _closings(kind: str) -> tuple[str, ...]:
    return tuple(
        str(text_field("structure.toml", item, "word"))
        for item in entries("structure.toml", "closing")
        if kind in item.get("kinds", ())
    )


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    lines = tuple(line for line in doc.content_lines if not _header(line.text))
    if "missing-addressee" in active and not _has_addressee(doc, lines):
        yield _missing(doc, "missing-addressee")
    if "missing-self-introduction" in active and not _introduces(doc, lines):
        yield _missing(doc, "missing-self-introduction", example=_intro_example(doc))
    if "missing-apology" in active and not _contains(doc.text, _words("apology")):
        yield _missing(doc, "missing-apology")
    if "missing-request" in active and not has_request(_body(doc, lines)):
        yield _missing(doc, "missing-request")
    if "missing-closing" in active and not _closes(doc, lines):
        yield _missing(doc, "missing-closing", example=_closing_example(doc.kind))
    if "missing-signature" in active and not _signed(doc, lines):
        yield _missing(doc, "missing-signature")


def _body(doc: Document, lines: tuple[Line, ...]) -> str:
    """The text without the mail headers (件名：内定辞退撤回のお願い is not the request)."""
    if len(lines) == len(doc.content_lines):
        return doc.text
    start = lines[0].start if lines else len(doc.text)
    return " " * start + doc.text[start:]


def _header(text: str) -> bool:
    """件名：… / To: … (mail headers pasted above the draft)."""
    return (":" in text or "：" in text) and bool(_HEADER.match(text))


def _contains(text: str, phrases: tuple[str, ...]) -> bool:
    return any(phrase in text for phrase in phrases)


def _missing(doc: Document, rule: str, example: str = "") -> Finding:
    return doc.finding(rule, 0, 0, rule_info(rule).say(example=example), None)


def _short(line: Line) -> bool:
    return len(line.text) <= 60 and "。" not in line.text


def _names_company(doc: Document, text: str) -> bool:
    if legal_form_pattern().search(text) or _ORGANISATION.search(text):
        return True
    if organisation_pattern().search(_HONORIFIC_TAIL.sub("", text)):
        return True  # 横浜市役所, 東西信用金庫, 福岡県 … (data/employers.toml)
    names = (doc.context.company_name, *doc.context.allowed_names)
    flat = squeeze(text)
    for name in names:  # the case's company, or the agent or school written to
        if name:
            base = split_legal_form(name)[1]
            if base and squeeze(base) in flat:
                return True
    return False


def _addressee_in(doc: Document, lines: tuple[Line, ...]) -> bool:
    block = [line for line in lines if _short(line)]
    honorific = any(_honorific_end(line.text) for line in block)
    return honorific and any(_names_company(doc, line.text) for line in block)


def _honorific_end(text: str) -> bool:
    return text.rstrip(" \u3000、,").endswith(_HONORIFICS)


def _has_addressee(doc: Document, lines: tuple[Line, ...]) -> bool:
    if _addressee_in(doc, lines[:_HEAD]):
        return True
    return doc.kind == "letter" and _addressee_in(doc, lines[-_TAIL:])


def _addressee_end(lines: tuple[Line, ...]) -> int:
    """The offset after the addressee block at the top (0 when there is none)."""
    end = 0
    for line in lines[:_HEAD]:
        if not _short(line):
            break
        if _honorific_end(line.text):
            end = line.end
    return end


def _name_forms(name: str) -> tuple[str, ...]:
    """山田 太郎 → (山田太郎, 山田); 山田太郎 → (山田太郎, 山田)."""
    parts = name.split()
    full = squeeze(name)
    if len(parts) > 1:
        return full, parts[0]
    return (full, full[:2]) if len(full) >= 3 else (full,)


def _introduces(doc: Document, lines: tuple[Line, ...]) -> bool:
    if doc.kind == "letter":
        zone = doc.text
    else:
        start = _addressee_end(lines)
        zone = doc.own_text[start : _intro_end(doc.text, start)]
        if doc.said_lines:  # a script: what the writer says first
            zone = "\n".join(line.text for line in doc.said_lines)[:_INTRO_SPAN]
    context = doc.context
    if context.applicant_name:
        flat = squeeze(zone)
        named = any(form in flat for form in _name_forms(context.applicant_name))
    elif "と申し" in zone:
        named = True
    else:
        named = any(_introduced_at(zone, match) for match in _INTRO_END.finditer(zone))
        if not named and doc.kind == "letter":
            # The sender block: above the title in 横書き letters, at the end in 縦書き order.
            named = _name_line_in(lines[:_LETTER_HEAD]) or _name_line_in(lines[-_TAIL:])
    if named and context.new_grad and context.school:
        return squeeze(context.school) in squeeze(zone)
    return named


def _intro_end(text: str, start: int) -> int:
    """Where "early on" ends: 400 characters in, or before the last paragraph (the signature)."""
    end = start + _INTRO_SPAN
    last_paragraph = text.rstrip().rfind("\n\n")
    if start + _MIN_INTRO < last_paragraph < end:
        return last_paragraph
    return end


def _introduced_at(zone: str, ending: re.Match[str]) -> bool:
    """Is the です/でございます at ``ending`` the end of 〇〇大学の山田です / 山田でございます?"""
    before = zone[max(0, ending.start() - 24) : ending.start()]
    if ending.group() == "でございます":
        match = _INTRO_GOZAIMASU.search(before)
    else:
        match = _INTRO_DESU.search(before)
    if match is None:
        return False
    name = match["name"] if match["name"] is not None else match.groupdict().get("who")
    return name not in _words("not_a_name")


def _name_line_in(lines: tuple[Line, ...]) -> bool:
    return any(_NAME_LINE.match(line.text) and not _NOT_NAMES.search(line.text) for line in lines)


def _intro_example(doc: Document) -> str:
    context = doc.context
    name = context.applicant_name or "山田太郎"
    if context.school and context.new_grad:
        return f"{context.school}の{name}"
    return name if context.applicant_name else "〇〇大学〇〇学部の山田太郎"


def _tail_text(lines: tuple[Line, ...]) -> str:
    start = max(len(lines) - _TAIL, len(lines) // 2)
    return "\n".join(line.text for line in lines[start:])


def _closes(doc: Document, lines: tuple[Line, ...]) -> bool:
    if doc.kind == "letter" and _LETTER_CLOSING.search(doc.text):
        return True  # 敬具 may be followed by 記…以上, the date and the sender
    return _contains(_tail_text(lines), _closings(doc.kind))


def _closing_example(kind: str) -> str:
    if kind == "letter":
        return "「何卒よろしくお願い申し上げます。」と結び、「敬具」"
    if kind in ("phone", "visit"):
        return "「お忙しいところありがとうございました。失礼いたします。」"
    return "「何卒よろしくお願い申し上げます。」"


def _signed(doc: Document, lines: tuple[Line, ...]) -> bool:
    if doc.kind == "letter" and _signed_in(doc, lines[:_LETTER_HEAD]):
        return True  # 横書き letters put the sender block above the title
    return _signed_in(doc, lines[-_TAIL:])


def _signed_in(doc: Document, tail: tuple[Line, ...]) -> bool:
    text = "\n".join(line.text for line in tail)
    contact = ("@" in text and _EMAIL.search(text)) or _PHONE.search(text)
    if doc.kind == "letter":
        contact = contact or _ADDRESS.search(text)
    if not contact:
        return False
    if doc.context.applicant_name:
        flat = squeeze(text)
        return any(form in flat for form in _name_forms(doc.context.applicant_name))
    return _name_line_in(tail)
