"""A formal letter laid out as plain text (letter.txt), in the 横書き business order:
date (right), addressee, sender (right), title (centred), body, 敬具 (right)."""

from __future__ import annotations

import unicodedata

from naitei.compose.model import LetterParts

WIDTH = 40  # in full-width cells
_OPENINGS = ("拝啓", "謹啓", "前略")


def cells(text: str) -> int:
    """Display width: full-width and wide characters count two half cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "FW" else 1 for ch in text)


def _right(text: str) -> str:
    pad = max(WIDTH * 2 - cells(text), 0)
    return "　" * (pad // 2) + " " * (pad % 2) + text


def _right_block(block: tuple[str, ...]) -> list[str]:
    """Lines aligned on their left edge, the whole block pushed to the right margin."""
    pad = max(WIDTH * 2 - max(cells(line) for line in block), 0)
    prefix = "　" * (pad // 2) + " " * (pad % 2)
    return [prefix + line for line in block]


def _centre(text: str) -> str:
    pad = max(WIDTH * 2 - cells(text), 0) // 4
    return "　" * pad + text


def letter_text(parts: LetterParts) -> str:
    lines = [_right(parts.date), "", *parts.addressee, ""]
    lines += _right_block(parts.sender)
    lines += ["", _centre(parts.title), ""]
    for paragraph in parts.paragraphs:
        indent = "" if paragraph.startswith(_OPENINGS) else "　"
        lines.append(indent + paragraph)
    lines.append(_right(parts.closing))
    return "\n".join(lines) + "\n"
