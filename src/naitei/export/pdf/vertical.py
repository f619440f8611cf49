"""縦書き layout of letter.pdf: columns right to left, characters top to bottom.

The order is that of a letter on 便箋: the body from 拝啓, 敬具 at the foot of the last body
column, a blank column, the date a little below the top, the sender at the foot, and the
addressee, larger, at the top. The closing block never stands alone on a page: it takes the
last two body columns along. Typesetting follows the vertical conventions the font supports
without a shaping engine: vertical presentation forms for punctuation and brackets, the long
vowel mark and wave dash turned, small kana moved to the upper right of their cell, ASCII
runs turned 90° clockwise, and one or two digits set upright side by side (縦中横).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from naitei.compose.model import LetterParts
from naitei.export.pdf.linebreak import Line, Token, break_lines, paragraph_text
from naitei.export.pdf.page import EM_ASCENT, PAGE_HEIGHT, PAGE_WIDTH, Measure, em_of

if TYPE_CHECKING:
    from fpdf import FPDF

TOP = 25.0  # mm
BOTTOM = 25.0
SIDE = 20.0
COLUMN_LENGTH = PAGE_HEIGHT - TOP - BOTTOM
BODY_SIZE = 12.0  # pt
ADDRESSEE_SIZE = 14.0
COLUMN_PITCH = 1.75  # column width in ems of the column's size: the body's line spacing
BLOCK_PITCH = 1.5  # the date, sender and addressee lines sit closer together
DATE_DROP = 2  # the date starts this many characters below the top
ADDRESSEE_DROP = 0.5
TAIL_BODY_COLUMNS = 2  # body columns that stay on the page of the closing block

# Vertical presentation forms (U+FE10–FE19, U+FE30–FE4F), used when the font has them.
VERTICAL_FORMS = {
    "、": "︑", "。": "︒", "，": "︐", "：": "︓", "；": "︔",
    "「": "﹁", "」": "﹂", "『": "﹃", "』": "﹄", "（": "︵", "）": "︶",
    "【": "︻", "】": "︼", "〔": "︹", "〕": "︺", "〈": "︿", "〉": "﹀",
    "《": "︽", "》": "︾", "［": "﹇", "］": "﹈", "｛": "︷", "｝": "︸",
    "…": "︙", "‥": "︰", "—": "︱", "―": "︱",
}  # fmt: skip
# No presentation form: turned 90° clockwise in their cell.
ROTATED = frozenset("ー〜～－＝")
SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
# How far the font's own vertical small kana sit from the horizontal ones, in ems.
SMALL_KANA_SHIFT = (0.16, -0.146)
LATIN_DESCENT = 1 - EM_ASCENT


@dataclass(frozen=True)
class _Segment:
    """A line of tokens placed ``top`` mm below the top of its column."""

    line: Line
    top: float

    @property
    def end(self) -> float:
        """How far below the top of its column the segment ends, in mm."""
        return self.top + self.line.length


@dataclass(frozen=True)
class _Column:
    size: float
    segments: tuple[_Segment, ...] = ()
    spacing: float = COLUMN_PITCH

    @property
    def pitch(self) -> float:
        return em_of(self.size) * self.spacing


def capacity(size: float) -> float:
    """The length of a column in whole characters of the given size, in mm."""
    em = em_of(size)
    return math.floor(COLUMN_LENGTH / em + 1e-6) * em


def layout_vertical(pdf: FPDF, parts: LetterParts) -> None:
    """Lay the letter out in columns from the right, on as many pages as it needs."""
    body = _body_columns(pdf, parts)
    tail = _closing_block(pdf, parts)
    pages = paginate(body + tail, len(tail) + min(TAIL_BODY_COLUMNS, len(body)))
    forms = {key: form for key, form in VERTICAL_FORMS.items() if _has_glyph(pdf, form)}
    for number, page in enumerate(pages):
        if number:
            pdf.add_page()
        right = PAGE_WIDTH - SIDE
        for column in page:
            _draw_column(pdf, column, right, forms)
            right -= column.pitch


def paginate(columns: list[_Column], keep_together: int) -> list[list[_Column]]:
    """Fill pages right to left; the last ``keep_together`` columns share a page if they can."""
    width = PAGE_WIDTH - 2 * SIDE
    tail_start = len(columns) - keep_together
    pages: list[list[_Column]] = [[]]
    used = 0.0
    for index, column in enumerate(columns):
        needed = column.pitch
        if index == tail_start:
            needed = sum(tail.pitch for tail in columns[tail_start:])
        if used + needed > width + 1e-6 and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(column)
        used += column.pitch
    return pages


def _lines(pdf: FPDF, text: str, size: float) -> list[Line]:
    return break_lines(text, capacity(size), Measure(pdf, size), vertical=True, em=em_of(size))


def _top(
    lines: list[Line], size: float, drop: float = 0.0, spacing: float = COLUMN_PITCH
) -> list[_Column]:
    return [_Column(size, (_Segment(line, drop * em_of(size)),), spacing) for line in lines]


def _bottom(lines: list[Line], size: float, spacing: float = COLUMN_PITCH) -> list[_Column]:
    end = capacity(size)
    return [_Column(size, (_Segment(line, end - line.length),), spacing) for line in lines]


def _body_columns(pdf: FPDF, parts: LetterParts) -> list[_Column]:
    """The paragraphs, each from a new column, and 敬具 at the foot of the last one."""
    columns: list[_Column] = []
    for paragraph in parts.paragraphs:
        for piece in paragraph.splitlines() or [""]:
            columns += _top(_lines(pdf, paragraph_text(piece), BODY_SIZE), BODY_SIZE)
    closing = _lines(pdf, parts.closing, BODY_SIZE)
    if len(closing) != 1 or not columns:
        return columns + _bottom(closing, BODY_SIZE)
    last = columns[-1]
    room = capacity(BODY_SIZE) - last.segments[-1].end - em_of(BODY_SIZE)
    if closing[0].length > room:
        return columns + _bottom(closing, BODY_SIZE)
    placed = _bottom(closing, BODY_SIZE)[0].segments
    return [*columns[:-1], _Column(BODY_SIZE, last.segments + placed)]


def _closing_block(pdf: FPDF, parts: LetterParts) -> list[_Column]:
    """A blank column, the date, the sender at the foot, then the addressee at the top."""
    columns = [_Column(BODY_SIZE)]
    date = _lines(pdf, parts.date_vertical, BODY_SIZE)
    columns += _top(date, BODY_SIZE, DATE_DROP, BLOCK_PITCH)
    for line in parts.sender:
        columns += _bottom(_lines(pdf, line, BODY_SIZE), BODY_SIZE, BLOCK_PITCH)
    columns.append(_Column(BODY_SIZE, spacing=1.0))
    for line in parts.addressee:
        lines = _lines(pdf, line, ADDRESSEE_SIZE)
        columns += _top(lines, ADDRESSEE_SIZE, ADDRESSEE_DROP, BLOCK_PITCH)
    return columns


def _has_glyph(pdf: FPDF, char: str) -> bool:
    cmap = getattr(pdf.current_font, "cmap", None)
    return isinstance(cmap, dict) and ord(char) in cmap


def _draw_column(pdf: FPDF, column: _Column, right: float, forms: dict[str, str]) -> None:
    """Draw a column whose slot ends at ``right``; the characters are centred in the slot."""
    em = em_of(column.size)
    left = right - column.pitch / 2 - em / 2
    pdf.set_font_size(column.size)
    for segment in column.segments:
        tokens = segment.line.tokens
        gap = segment.line.extra / (len(tokens) - 1) if len(tokens) > 1 else 0.0
        top = TOP + segment.top
        for token in tokens:
            _draw_token(pdf, token, left, top, em, forms)
            top += token.advance + gap


def _draw_token(
    pdf: FPDF, token: Token, left: float, top: float, em: float, forms: dict[str, str]
) -> None:
    """Draw one token whose cell starts at (left, top)."""
    baseline = top + EM_ASCENT * em
    if token.kind == "run":
        origin = left + LATIN_DESCENT * em
        with pdf.rotation(-90, origin, top):
            pdf.text(origin, top, token.text)
    elif token.kind == "tcy":
        _draw_upright_digits(pdf, token.text, left, baseline, em)
    elif token.text in ROTATED:
        with pdf.rotation(-90, left + em / 2, top + em / 2):
            pdf.text(left, baseline, token.text)
    elif token.text in SMALL_KANA:
        dx, dy = SMALL_KANA_SHIFT
        pdf.text(left + dx * em, baseline + dy * em, token.text)
    elif token.kind == "char":
        pdf.text(left, baseline, forms.get(token.text, token.text))


def _draw_upright_digits(pdf: FPDF, digits: str, left: float, baseline: float, em: float) -> None:
    """縦中横: the digits side by side in one cell, condensed if they are wider than it."""
    width = float(pdf.get_string_width(digits))
    limit = 0.9 * em
    if width <= limit:
        pdf.text(left + (em - width) / 2, baseline, digits)
        return
    pdf.set_stretching(100 * limit / width)
    pdf.text(left + (em - limit) / 2, baseline, digits)
    pdf.set_stretching(100)
