"""The parts of a message, found from its shape rather than from fixed windows.

A business e-mail or letter is read as five blocks, top to bottom:

- **head** (the addressee block): the short lines above the first line of prose — mail
  headers (件名：…) aside, a letter's date, sender and title included;
- **opening**: the first sentences of the prose (greeting and self-introduction);
- **body**: the prose;
- **closing**: the last lines of the prose, just above the signature;
- **tail** (the signature block): the run of lines at the end that are not prose — separator
  lines (――――, ＝＝＝, -----, *****), contact lines (telephone, e-mail, postal address and
  code, URL), name, school, team and date lines — up to the closing formula (よろしくお願い…,
  敬具, 以上) above it; a block framed by separator lines holds whatever is between them (a
  note such as 平日は18時以降、電話に出られます。). In a 縦書き letter it also holds the date, the
  sender and the addressee. A quoted earlier message below the reply (> …, -----Original
  Message-----) is left out.

A line is prose when it holds 。！？, ends with 、, opens with a greeting (お世話になって, 拝啓,
突然の…) or is long. The structure rules (naitei.check.rules.structure) judge each part in
place: the addressee in the head, the self-introduction in the opening, the closing formula in
the closing, the name and contact in the tail. They read the text with its placeholders filled
(naitei.check.placeholders.fill), so 「株式会社〇〇 人事部 〇〇様」 is an addressee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from naitei.check.document import Line
from naitei.precompiled import regex

_CONTENT_LINE = regex(r"^[^\S\n]*(\S(?:[^\n]*\S)?)[^\S\n]*$", re.M)
HEADER = regex(
    r"^(?:件名|表題|題名|Subject|宛先|To|Cc|CC|Bcc|From|差出人|送信者)[ \u3000]*[:：]", re.I
)
_PROSE_MARK = regex(r"[。！？!?]|[、,][ \u3000]*$")
_GREETING = regex(
    r"^(?:お世話に|いつもお世話|拝啓|謹啓|前略|拝復|突然|初めて|はじめまして|平素|時下|夜分"
    r"|お忙しい|ご多忙|先日|本日|昨日|先般|このたび|この度|早速|さて)"
)
_PROSE_LENGTH = 60
_SIGNATURE_LENGTH = 60
_SEPARATOR_CHARS = r"\-－ー―‐─━=＝_＿*＊~〜～・.:：#＃+＋/／|｜◆◇■□●○★☆※▼▽"
SEPARATOR = regex(rf"^[{_SEPARATOR_CHARS}]{{3,}}|[{_SEPARATOR_CHARS}]{{3,}}$")
EMAIL = regex(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = regex(
    r"(?:\+81[- ]?|0)[0-9０-９]{1,4}[-－‐ー(（)） ]?[0-9０-９]{1,4}[-－‐ー)） ]?[0-9０-９]{3,4}"
)
POSTAL = regex(r"〒|(?<![0-9０-９])[0-9０-９]{3}[-－‐ー][0-9０-９]{4}(?![0-9０-９])")
ADDRESS = regex(
    r"[都道府県][^\n]{0,12}[市区町村郡]|[市区町村][^\n]{0,15}[0-9０-９一二三四五六七八九十]+[-－ー丁番号]"
)
_CONTACT_LABEL = regex(
    r"^(?:TEL|Tel|tel|FAX|Fax|携帯|電話|E-?mail|e-?mail|EMAIL|メール|Mail|MAIL|URL|住所|所在地)"
    r"[ \u3000]*[:：]?"
)
_URL = regex(r"https?://")
_STOP = regex(r"[。！？!?]")
_OPENING_SENTENCES = 5
_OPENING_SPAN = 400
_CLOSING_LINES = 4
_FRAMED_REACH = 6  # lines of a framed signature block above its first recognised line


def content_lines(text: str, lines: tuple[Line, ...] | None = None) -> tuple[Line, ...]:
    """Lines with visible text, stripped, mail headers (件名：… at the top) left out.
    ``lines``: the lines with visible text of ``text`` when the caller has them already
    (Document.content_lines)."""
    if lines is None:
        lines = tuple(
            Line(match.start(1), match.end(1), match.group(1))
            for match in _CONTENT_LINE.finditer(text)
        )
    return tuple(line for line in lines if not header(line.text))


def header(text: str) -> bool:
    """件名：… / To: … (mail headers pasted above the draft)."""
    return (":" in text or "：" in text) and bool(HEADER.match(text))


def prose(text: str) -> bool:
    """Is a line part of the running text (not an addressee, title, name or contact)?"""
    return bool(_PROSE_MARK.search(text) or _GREETING.match(text)) or len(text) > _PROSE_LENGTH


def separator(text: str) -> bool:
    return bool(SEPARATOR.search(text)) and len(text) <= _SIGNATURE_LENGTH


def strong_contact(text: str) -> bool:
    """A telephone number, an e-mail address, a postal code, a URL or a labelled contact
    line (TEL：, メール：)."""
    if ("@" in text or "＠" in text) and EMAIL.search(text.replace("＠", "@")):
        return True
    return bool(
        PHONE.search(text) or POSTAL.search(text) or _URL.search(text) or _CONTACT_LABEL.match(text)
    )


def contact(text: str) -> bool:
    """A strong contact, or a postal address (東京都新宿区…)."""
    return strong_contact(text) or bool(ADDRESS.search(text))


@dataclass(frozen=True)
class Parts:
    """The blocks of one written message (see the module's description)."""

    text: str
    lines: tuple[Line, ...]
    head: tuple[Line, ...]
    body: tuple[Line, ...]
    tail: tuple[Line, ...]

    @cached_property
    def body_start(self) -> int:
        return self.body[0].start if self.body else self.tail_start

    @cached_property
    def tail_start(self) -> int:
        return self.tail[0].start if self.tail else len(self.text)

    def opening(self, start: int) -> str:
        """The first sentences of the prose from ``start`` (the end of the addressee), never
        reaching into the signature block."""
        end = min(self.tail_start, start + _OPENING_SPAN)
        zone = self.text[start:end]
        seen = 0
        for match in _STOP.finditer(zone):
            if self.text[start + match.start() + 1 : start + match.start() + 2] in "」』）)":
                continue
            if match.end() <= self.body_start - start:
                continue  # a line of the head (a title) does not count as a sentence
            seen += 1
            if seen == _OPENING_SENTENCES:
                return zone[: match.end()]
        return zone

    def closing(self) -> str:
        """The last lines of the prose, just above the signature block."""
        return "\n".join(line.text for line in self.body[-_CLOSING_LINES:])


def split(
    text: str, closing_words: tuple[str, ...], lines: tuple[Line, ...] | None = None
) -> Parts:
    """Split ``text`` (placeholders already filled) into head, body and tail.

    ``closing_words`` are the closing formulas of the kind of document: the tail stops at a
    line holding one (よろしくお願いいたします, 敬具, 以上). ``lines``: the lines with visible
    text of ``text``, when the caller has them already."""
    lines = content_lines(text, lines)
    lines = lines[: _quote_start(lines)]
    head_end = 0
    while head_end < len(lines) and not prose(lines[head_end].text):
        head_end += 1
    tail_start = len(lines)
    while tail_start > head_end and _signature_line(lines[tail_start - 1].text, closing_words):
        tail_start -= 1
    tail_start = _framed_start(lines, head_end, tail_start, closing_words)
    return Parts(
        text=text,
        lines=lines,
        head=lines[:head_end],
        body=lines[head_end:tail_start],
        tail=lines[tail_start:],
    )


_QUOTE = regex(
    r"^(?:[>＞]|-{3,}[ \u3000]*(?:Original Message|元のメッセージ)|.{0,80}(?:wrote|書きました)[:：]?$)",
    re.I,
)


def _may_quote(text: str) -> bool:
    """Can a line of ``text`` match _QUOTE? Each of its branches needs one of these: > or ＞,
    ---, 書きました, or wrote in any case (no character outside ASCII folds to w, r, o, t
    or e, so lower() finds every spelling re.I matches)."""
    return (
        ">" in text
        or "＞" in text
        or "---" in text
        or "書きました" in text
        or "wrote" in text.lower()
    )


def _quote_start(lines: tuple[Line, ...]) -> int:
    """Where a quoted earlier message begins (> …, -----Original Message-----, …が書きました：);
    the reply ends above it. A quote in the middle of a reply (> lines followed by prose) does
    not end it."""
    if len(lines) < 2 or not _may_quote("\n".join(line.text for line in lines[1:])):
        return len(lines)
    for index, line in enumerate(lines):
        if index and _QUOTE.match(line.text):
            rest = lines[index + 1 :]
            if all(_QUOTE.match(other.text) or not prose(other.text) for other in rest[:1]) and all(
                other.text[:1] in ">＞" for other in rest if prose(other.text)
            ):
                return index
    return len(lines)


def _framed_start(
    lines: tuple[Line, ...], head_end: int, tail_start: int, closing_words: tuple[str, ...]
) -> int:
    """A separator line opens the signature block: what lies between it and the block found
    so far is part of it, a note in sentences included (平日は18時以降、電話に出られます。)."""
    if tail_start == len(lines) or not separator(lines[-1].text):
        return tail_start  # only a block closed by a separator line is framed
    for index in range(tail_start - 1, max(head_end, tail_start - _FRAMED_REACH) - 1, -1):
        text = lines[index].text
        if any(word in text for word in closing_words) or len(text) > _SIGNATURE_LENGTH:
            return tail_start
        if separator(text):
            return index
    return tail_start


def _signature_line(text: str, closing_words: tuple[str, ...]) -> bool:
    if separator(text) or (strong_contact(text) and len(text) <= _SIGNATURE_LENGTH):
        return True
    if any(word in text for word in closing_words):
        return False
    return len(text) <= _SIGNATURE_LENGTH and not prose(text)
