"""Characters that hide or act instead of showing: the rules every field and every output follows.

- Names and one-line fields refuse control characters (C0 and C1), format characters (U+200B
  and the other zero-width characters, the soft hyphen, the bidirectional overrides such as
  U+202E, the BOM), line and paragraph separators and lone surrogates; free text refuses the
  same but keeps its line breaks. `hidden_problem` says which character and why, in Japanese.
- Identities are compared after `normalise` (NFKC, no spaces, no invisible characters, case
  folded): 「株式会社 さくら出版」, full-width or half-width letters and a trailing U+200B are
  one company.
- `terminal_safe` neutralises whatever could act on a terminal (ESC sequences, C1 controls,
  bidirectional overrides) by writing it as a visible escape such as ``\\x1b``.

    >>> normalise("株式会社　ｻｸﾗ出版\\u200b") == normalise("株式会社サクラ出版")
    True
    >>> terminal_safe("title\\x1b]0;pwned\\x07")
    'title\\\\x1b]0;pwned\\\\x07'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from naitei.precompiled import regex

# Unicode categories no name or line of text needs: controls, format characters (zero-width
# characters, soft hyphen, bidi controls, BOM), line/paragraph separators, lone surrogates.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_NAMES = {
    "\u00ad": "ソフトハイフン",
    "\u200b": "ゼロ幅スペース",
    "\u200c": "ゼロ幅非接合子",
    "\u200d": "ゼロ幅接合子",
    "\u200e": "左から右への書字方向の指定",
    "\u200f": "右から左への書字方向の指定",
    "\u2060": "単語結合子",
    "\ufeff": "BOM（ゼロ幅ノーブレークスペース）",
}
_SPACES = regex(r"\s+")
# The same characters as code point ranges (categories Cc, Cf, Zl, Zp of Unicode 14, Python
# 3.11's), for the JSON Schema patterns that document the rule (naitei.case_schema);
# tests/unit/test_chars.py keeps them equal to what unicodedata says.
HIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD),
    (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip


def hidden_class(keep: str = "") -> str:
    """The hidden characters as the inside of a regular-expression class (`keep` left out)."""
    parts = []
    for first, last in HIDDEN_RANGES:
        codes = [code for code in range(first, last + 1) if chr(code) not in keep]
        while codes:
            run = 1
            while run < len(codes) and codes[run] == codes[0] + run:
                run += 1
            start, end = chr(codes[0]), chr(codes[run - 1])  # no class syntax among them
            parts.append(start if run == 1 else f"{start}-{end}")
            codes = codes[run:]
    return "".join(parts)


@cache
def _hidden(keep: str) -> re.Pattern[str]:
    """Hidden characters and lone surrogates, but not `keep`."""
    return regex(f"[{hidden_class(keep)}\ud800-\udfff]")


def is_hidden(char: str) -> bool:
    """A character that does not show as itself (or acts on what follows it)."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def code_point(char: str) -> str:
    """'U+200B' (and its Japanese name when it has a common one)."""
    text = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    if name is None and unicodedata.category(char) == "Cf" and "\u202a" <= char <= "\u202e":
        name = "書字方向の上書き"
    if name is None and unicodedata.category(char) == "Cf" and "\u2066" <= char <= "\u2069":
        name = "書字方向の分離"
    return f"{text}（{name}）" if name else text


def hidden_problem(value: str, *, newlines: bool) -> str | None:
    """Why `value` cannot be used as a field's text (Japanese), or None.

    `newlines`: free text keeps its line breaks (LF; CRLF is turned into LF before)."""
    if value.isprintable():  # the common case, in C: no control, format or separator character
        return None
    match = _hidden("\n" if newlines else "").search(value)
    if match is None:
        return None
    char = match.group()
    if unicodedata.category(char) == "Cf":
        return (
            f"目に見えない文字（{code_point(char)}）は使えません。"
            "コピーしたときに紛れ込むことがあります。その部分を打ち直してください"
        )
    return "制御文字は使えません" if newlines else "改行や制御文字は使えません"


def visible(name: str) -> str:
    """NFKC, without spaces or invisible marks (what employer detection reads)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if not is_hidden(char))
    return _SPACES.sub("", text)


def normalise(name: str) -> str:
    """A name as comparisons see it: `visible`, case folded."""
    return visible(name).casefold()


def normalise_address(address: str) -> str:
    """An email address as comparisons see it (mail systems ignore the case in practice)."""
    return normalise(address)


def terminal_safe(text: str) -> str:
    """`text` with everything that could act on a terminal written as a visible escape
    (``\\x1b``, ``\\u202e``); line breaks, tabs and ordinary spaces are kept."""
    if text.isprintable():
        return text
    return _hidden("\n\t").sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text (from json.dumps, which escapes only C0) with every other hidden character
    written as a JSON escape (\\u009b, \\u202e): the same data, inert on a terminal."""
    return _hidden("\n\t").sub(lambda match: f"\\u{ord(match.group()):04x}", text)
