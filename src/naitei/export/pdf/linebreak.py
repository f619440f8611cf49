"""Japanese line breaking with 禁則処理 for the PDF letter exporter.

Pure functions, no PDF library: text becomes tokens (one per character, plus unbreakable
ASCII runs), and tokens are broken into lines (or, for 縦書き, columns) of a given length.
Japanese may break between any two characters, except that no line begins with a closing
bracket, a punctuation mark, a small kana or a prolonged sound mark, and no line ends with
an opening bracket. A comma or full stop that does not fit hangs past the end of the line
(ぶら下げ); other offending characters are pushed to the next line (追い出し) and the shortened
line is justified.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

NO_LINE_START = frozenset(
    "、。，．,.)）]］}｝」』】〕〉》〙〗’”ー・：；:;？！?!"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜～"
)
NO_LINE_END = frozenset("（([［{｛「『【〔〈《〘〖‘“")
HANGING = frozenset("、。，．,.")
# Two of these in a row (……, ‥‥, ――) are never split across lines.
NO_SPLIT = frozenset("…‥—―")
# Paragraphs opening with a 頭語 start at the head of the line, without an indent.
OPENING_WORDS = ("拝啓", "謹啓", "前略", "拝復", "急啓")
INDENT = "\u3000"

TokenKind = Literal["char", "run", "tcy", "space"]
_ASCII_WORD = re.compile(r"[!-~]+")
_EPSILON = 1e-6
# A line is justified only when its slack is small (a pushed-out character, a short word);
# a line cut short by a long ASCII word stays ragged rather than spaced out.
MAX_JUSTIFIED_SLACK = 0.1


@dataclass(frozen=True)
class Token:
    """An unbreakable piece of text and its advance along the line, in the caller's unit.

    ``run`` is a run of ASCII (a word, an email address, a phone number), ``tcy`` a run of
    one or two ASCII digits set upright in a vertical line (縦中横), ``space`` a gap that may
    be dropped at a line start.
    """

    text: str
    advance: float
    kind: TokenKind = "char"


@dataclass(frozen=True)
class Line:
    """One line (or column) of tokens; ``extra`` is the slack a justified line spreads out."""

    tokens: tuple[Token, ...]
    extra: float = 0.0

    @property
    def text(self) -> str:
        return "".join(token.text for token in self.tokens)

    @property
    def length(self) -> float:
        return sum(token.advance for token in self.tokens)


def paragraph_text(paragraph: str) -> str:
    """The paragraph as set: indented by one full-width space unless it opens with a 頭語."""
    text = paragraph.strip(" \u3000")
    if text.startswith(OPENING_WORDS):
        return text
    return INDENT + text


def tokenize(
    text: str,
    measure: Callable[[str], float],
    *,
    vertical: bool = False,
    em: float = 1.0,
    limit: float = math.inf,
) -> list[Token]:
    """Split text into tokens; in vertical text every non-ASCII character takes one em.

    An ASCII word longer than ``limit`` (a long URL) may break between any two characters.
    """
    tokens: list[Token] = []
    pos = 0
    for match in _ASCII_WORD.finditer(text):
        tokens.extend(_char_tokens(text[pos : match.start()], measure, vertical, em))
        tokens.extend(_run_tokens(match.group(), measure, vertical, em, limit))
        pos = match.end()
    tokens.extend(_char_tokens(text[pos:], measure, vertical, em))
    return _english_phrases(tokens, measure) if vertical else tokens


def _char_tokens(
    text: str, measure: Callable[[str], float], vertical: bool, em: float
) -> list[Token]:
    tokens: list[Token] = []
    for ch in text:
        if ch == " ":
            # An ASCII space between Japanese words (佐藤 様) is half a character in a column.
            tokens.append(Token(ch, em / 2 if vertical else measure(ch), "space"))
        else:
            tokens.append(Token(ch, em if vertical else measure(ch)))
    return tokens


def _run_tokens(
    run: str, measure: Callable[[str], float], vertical: bool, em: float, limit: float
) -> list[Token]:
    if vertical and run.isdigit() and len(run) <= 2:
        return [Token(run, em, "tcy")]
    width = measure(run)
    if width <= limit:
        return [Token(run, width, "run")]
    return [Token(ch, measure(ch), "run") for ch in run]


def _english_phrases(tokens: list[Token], measure: Callable[[str], float]) -> list[Token]:
    """In a column an English phrase turns as a whole: a number inside it (Python 3) is not
    set upright, and a space between two ASCII words keeps the font's own width."""
    result = list(tokens)
    for pos, token in enumerate(result):
        if token.kind == "tcy" and (
            _run_across_space(result, pos, -1) or _run_across_space(result, pos, 1)
        ):
            result[pos] = Token(token.text, measure(token.text), "run")
    for pos in range(1, len(result) - 1):
        if result[pos].kind == "space" and result[pos - 1].kind == result[pos + 1].kind == "run":
            result[pos] = Token(" ", measure(" "), "space")
    return result


def _run_across_space(tokens: list[Token], pos: int, step: int) -> bool:
    """Whether tokens[pos + step] is a space and tokens[pos + 2 * step] an ASCII run."""
    space, word = pos + step, pos + 2 * step
    if not (0 <= space < len(tokens) and 0 <= word < len(tokens)):
        return False
    return tokens[space].kind == "space" and tokens[word].kind == "run"


def break_tokens(tokens: Sequence[Token], capacity: float) -> list[Line]:
    """Break tokens into lines no longer than capacity (save a hanging comma or full stop)."""
    lines: list[Line] = []
    start, count = 0, len(tokens)
    while start < count:
        end = _fit(tokens, start, capacity)
        if end >= count:
            lines.append(Line(tuple(tokens[start:])))
            break
        brk = _break_at(tokens, start, end)
        body = _strip_spaces(tokens[start:brk])
        lines.append(Line(body, _slack(body, capacity)))
        start = brk
        while start < count and tokens[start].kind == "space":
            start += 1
    return lines


def _slack(body: tuple[Token, ...], capacity: float) -> float:
    slack = capacity - sum(token.advance for token in body)
    if len(body) > 1 and _EPSILON < slack <= capacity * MAX_JUSTIFIED_SLACK:
        return slack
    return 0.0


def break_lines(
    text: str,
    capacity: float,
    measure: Callable[[str], float],
    *,
    vertical: bool = False,
    em: float = 1.0,
) -> list[Line]:
    """Tokenize text and break it into lines (or columns) of at most capacity."""
    tokens = tokenize(text, measure, vertical=vertical, em=em, limit=capacity)
    return break_tokens(tokens, capacity)


def break_text(text: str, capacity: float, measure: Callable[[str], float]) -> list[str]:
    """Break plain text into lines of at most capacity (horizontal measure)."""
    return [line.text for line in break_lines(text, capacity, measure)]


def _fit(tokens: Sequence[Token], start: int, capacity: float) -> int:
    """The index of the first token that no longer fits on a line beginning at start."""
    used = 0.0
    pos = start
    while pos < len(tokens) and used + tokens[pos].advance <= capacity + _EPSILON:
        used += tokens[pos].advance
        pos += 1
    return pos


def _break_at(tokens: Sequence[Token], start: int, end: int) -> int:
    """Where to break before tokens[end], which does not fit: hang, push out, or force."""
    if end == start:
        return start + 1  # a single token longer than the line gets a line of its own
    if _hangs(tokens, end):
        return end + 1
    brk = end
    while brk > start + 1 and _bad_break(tokens, brk):
        brk -= 1
    return end if _bad_break(tokens, brk) else brk


def _hangs(tokens: Sequence[Token], pos: int) -> bool:
    if tokens[pos].text[0] not in HANGING:
        return False
    return pos + 1 >= len(tokens) or not _bad_break(tokens, pos + 1)


def _bad_break(tokens: Sequence[Token], pos: int) -> bool:
    """Whether a break between tokens[pos - 1] and tokens[pos] breaks a 禁則 rule."""
    before, after = tokens[pos - 1].text[-1], tokens[pos].text[0]
    if after in NO_LINE_START or before in NO_LINE_END:
        return True
    return before == after and after in NO_SPLIT


def _strip_spaces(tokens: Sequence[Token]) -> tuple[Token, ...]:
    end = len(tokens)
    while end > 1 and tokens[end - 1].kind == "space":
        end -= 1
    return tuple(tokens[:end])
