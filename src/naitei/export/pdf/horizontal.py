"""横書き layout of letter.pdf: lines left to right, running down the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from naitei.compose.model import LetterParts
from naitei.export.pdf.linebreak import Line, break_lines, paragraph_text
from naitei.export.pdf.page import EM_ASCENT, PAGE_HEIGHT, PAGE_WIDTH, Measure, em_of

if TYPE_CHECKING:
    from fpdf import FPDF

# 横書き: sizes in points, lengths in mm.
MARGIN = 25.0
BODY_SIZE = 10.5
ADDRESSEE_SIZE = 12.5
TITLE_SIZE = 14.0
LINE_HEIGHT = 1.7

Align = Literal["left", "right", "center", "block-right"]


@dataclass
class _Flow:
    """Lines running down the page, continuing on a new page at the bottom margin."""

    pdf: FPDF
    y: float = MARGIN

    def skip(self, size: float, lines: float) -> None:
        self.y += em_of(size) * LINE_HEIGHT * lines

    def block(self, lines: tuple[str, ...], size: float, align: Align) -> None:
        """Short lines (date, addressee, sender, title), wrapped only if too long."""
        width = PAGE_WIDTH - 2 * MARGIN
        measure = Measure(self.pdf, size)
        wrapped = [line for text in lines for line in break_lines(text, width, measure)]
        left = PAGE_WIDTH - MARGIN - max((line.length for line in wrapped), default=0.0)
        for line in wrapped:
            self.line(line, size, _line_x(line, align, left))

    def paragraph(self, text: str, size: float) -> None:
        measure = Measure(self.pdf, size)
        for line in break_lines(text, PAGE_WIDTH - 2 * MARGIN, measure):
            self.line(line, size, MARGIN)

    def line(self, line: Line, size: float, x: float) -> None:
        """One line at x, justified by its slack, with its em box centred in the line."""
        em = em_of(size)
        height = em * LINE_HEIGHT
        if self.y + height > PAGE_HEIGHT - MARGIN:
            self.pdf.add_page()
            self.y = MARGIN
        text = line.text
        spacing = line.extra / (len(text) - 1) if line.extra and len(text) > 1 else 0.0
        self.pdf.set_font_size(size)
        self.pdf.set_char_spacing(spacing * self.pdf.k)  # fpdf2 takes points here
        baseline = self.y + (height - em) / 2 + EM_ASCENT * em
        self.pdf.text(x, baseline, text)
        self.pdf.set_char_spacing(0)
        self.y += height


def _line_x(line: Line, align: Align, block_left: float) -> float:
    if align == "right":
        return PAGE_WIDTH - MARGIN - line.length
    if align == "center":
        return (PAGE_WIDTH - line.length) / 2
    if align == "block-right":
        return block_left
    return MARGIN


def layout_horizontal(pdf: FPDF, parts: LetterParts) -> None:
    """Date, addressee, sender, title, body and 敬具 in the order of a Japanese business letter."""
    flow = _Flow(pdf)
    flow.block((parts.date,), BODY_SIZE, "right")
    flow.skip(BODY_SIZE, 0.5)
    flow.block(parts.addressee, ADDRESSEE_SIZE, "left")
    flow.skip(BODY_SIZE, 0.5)
    flow.block(parts.sender, BODY_SIZE, "block-right")
    flow.skip(BODY_SIZE, 1.5)
    flow.block((parts.title,), TITLE_SIZE, "center")
    flow.skip(BODY_SIZE, 1)
    for paragraph in parts.paragraphs:
        for piece in paragraph.splitlines() or [""]:
            flow.paragraph(paragraph_text(piece), BODY_SIZE)
    flow.block((parts.closing,), BODY_SIZE, "right")
