"""other-organisation: an organisation left over from another letter (without ``--case``).

With a case, company-name-mismatch knows the addressee's exact name. Without one, the
addressee is read from the top of the draft: the first organisation name in the lines before
the body (株式会社X, X株式会社 … the legal forms of lexicon.toml). A different organisation later in the text is flagged only
when the draft treats it as the reader: followed by 様 or 御中 (株式会社みなと精機様より),
or placed in the addressee's role (Xの一員として, Xに入社, Xへの入社). Naming another company
as a fact (他社から内定を, 株式会社Yから内定をいただいた) is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.names import NAME_CHARS, NameInText, legal_form_spans, names_in, squeeze
from naitei.check.parts import header
from naitei.precompiled import regex

RULES = ("other-organisation",)

_READER = regex(
    r"[ \u3000]*(?:様|さま|御中|の一員|に入社|への入社|で働|に貢献|の皆様|の発展|のご発展)"
)
_HEAD = 8
# Mail headers that name a topic or another party, never the addressee: 件名「…の件」.
_NOT_ADDRESSEE = regex(
    r"^(?:件名|表題|題名|Subject|Cc|CC|Bcc|From|差出人|送信者)[ \u3000]*[:：]", re.I
)
# A legal form closing a name that is plainly one (メディカルキャリア株式会社): kana or
# latin letters just before it, or a space just after it; the words after it are a person
# (メディカルキャリア株式会社 藤田様), never 「株式会社 藤田」.
_CLEAR_NAME_BEFORE = regex(r"[ァ-ヴーｦ-ﾟA-Za-zＡ-Ｚａ-ｚ＆&・][一-龥々ァ-ヴー]*\Z")
_NAME_CHAR_BEFORE = regex(f"{NAME_CHARS}\\Z")
# 株式会社みなと精機様: the name after a legal form, up to the words that make it the reader
# (the name itself may hold 様-like kanji, so the reader words bound it).
_AFTER_FORM = regex(
    f"[ \u3000]?(?P<base>(?![のがはをにとでへも])[ぁ-ゖ]*?{NAME_CHARS}+?)(?={_READER.pattern})"
)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "other-organisation" not in active or doc.context.company_name or not doc.written:
        return
    if "会社" not in doc.text and "法人" not in doc.text:
        return
    names = names_in(doc.text)
    if len(names) < 2:
        return
    addressee = _addressee(doc, names)
    if addressee is None:
        return
    info = rule_info("other-organisation")
    topics = _topics(doc)
    for start, end, base in _treated_as_reader(doc.text, names):
        found = doc.text[start:end]
        if start <= addressee[1] or squeeze(found) == addressee[0]:
            continue
        if squeeze(found) in topics:
            continue  # named in 件名 as the mail's topic (an agent told of its client 様)
        if squeeze(base) == squeeze(addressee[2]):
            continue  # the addressee written another way: company-name-mismatch's business
        message = info.say(found=found, suggestion=addressee[0])
        yield doc.finding("other-organisation", start, end, message, None)


def _treated_as_reader(text: str, names: list[NameInText]) -> Iterator[tuple[int, int, str]]:
    """(start, end, base) of the names followed by 様, 御中, の一員として …: X株式会社 as
    names_in reads it, 株式会社X read forwards (names_in prefers the words before a legal
    form, which takes 先日 for part of the name in 先日株式会社みなと精機様より)."""
    seen: set[int] = set()
    for name in names:
        if name.position == "post" and _READER.match(text, name.end) is not None:
            seen.add(name.end)
            yield name.start, name.end, name.base
    for start, end, _form in legal_form_spans(text):
        if _closes_a_name(text, start, end):
            continue  # メディカルキャリア株式会社 藤田様: a person of that company
        match = _AFTER_FORM.match(text, end)
        if match is not None and match.end() not in seen:
            yield start, match.end(), match["base"]


def _closes_a_name(text: str, start: int, end: int) -> bool:
    """Does the legal form at start:end end the name before it (X株式会社), so that the
    words after it are not a name read forwards (株式会社 藤田)?"""
    window = text[max(0, start - 20) : start]
    if _NAME_CHAR_BEFORE.search(window) is None:
        return False  # 株式会社みなと精機: the form opens the name
    if text[end : end + 1] in (" ", "\u3000"):
        return True
    return _CLEAR_NAME_BEFORE.search(window) is not None


def _topics(doc: Document) -> str:
    """The subject lines (件名：東和メディカル株式会社様の内定辞退について), squeezed: an
    organisation they name is what the mail is about, not a leftover."""
    return "".join(
        squeeze(line.text)
        for line in doc.content_lines[:_HEAD]
        if header(line.text) and _NOT_ADDRESSEE.match(line.text)
    )


def _addressee(doc: Document, names: list[NameInText]) -> tuple[str, int, str] | None:
    """(name, end offset, base) of the organisation the draft is addressed to: the 宛先
    line or the address block, never the subject line (件名「青葉総合病院の内定の件」
    names the topic, not the reader)."""
    head = doc.content_lines[:_HEAD]
    for line in head:
        if "。" in line.text:
            break
        if header(line.text) and _NOT_ADDRESSEE.match(line.text):
            continue
        for name in names:
            if line.start <= name.start < line.end:
                return squeeze(doc.text[name.start : name.end]), name.end, name.base
    return None
