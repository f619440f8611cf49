"""letter.pdf: the formal apology letter (拝啓 … 敬具) typeset on A4, 横書き or 縦書き.

The text is set in Noto Serif JP (SIL OFL 1.1), which installs with the package
``pylopdf-fonts-jp`` and is embedded as a subset, so the PDF looks the same on any machine.
fpdf2 is imported only when a PDF is made, so the command line starts fast.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from naitei.compose.model import LetterParts
from naitei.export.pdf.linebreak import Line, break_lines, paragraph_text

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_PACKAGE = "pylopdf_fonts_jp"
FONT_FILE = "NotoSerifJP-Regular.otf"
FONT_FAMILY = "NotoSerifJP"

PAGE_WIDTH = 210.0  # A4 portrait, in mm
PAGE_HEIGHT = 297.0
MM_PER_PT = 25.4 / 72
# The ideographic em box of the font spans 0.88 em above the baseline and 0.12 em below.
EM_ASCENT = 0.88

# 横書き: sizes in points, lengths in mm.
MARGIN = 25.0
BODY_SIZE = 10.5
ADDRESSEE_SIZE = 12.5
TITLE_SIZE = 14.0
LINE_HEIGHT = 1.7

Align = Literal["left", "right", "center", "block-right"]


def render_letter_pdf(
    parts: LetterParts, *, vertical: bool = False, created: datetime.datetime
) -> bytes:
    """The letter as PDF bytes; the same parts and ``created`` always give the same bytes.

    ``created`` becomes the PDF creation date (pass the case's aware ``now``; a naive value is
    written as UTC). Nothing is written to disk.
    """
    with resources.as_file(resources.files(FONT_PACKAGE) / FONT_FILE) as font_path:
        pdf = new_document(parts.title, created, font_path)
        if vertical:
            from naitei.export.pdf.vertical import layout_vertical

            layout_vertical(pdf, parts)
        else:
            layout_horizontal(pdf, parts)
        return bytes(pdf.output())


def new_document(title: str, created: datetime.datetime, font_path: Path) -> FPDF:
    """An empty A4 document with the embedded font and deterministic metadata."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    # The creation date also seeds the file identifier, so fixing it makes the bytes repeatable.
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_lang("ja")
    pdf.add_font(FONT_FAMILY, fname=font_path)
    # When the PDF is written, fpdf2 saves the whole subset font and, for a CID-keyed CFF font
    # like Noto Serif JP, then keeps only its CFF table. That save recomputed the bounding
    # boxes of the hhea and vhea tables it throws away: 0.25 s of the 0.55 s a letter took
    # (benchmarks/kit.py). The font's own boxes are kept; the pages render the same.
    for font in pdf.fonts.values():
        if hasattr(font, "ttfont"):  # the embedded font, not one of the PDF's 14 core fonts
            font.ttfont.recalcBBoxes = False
    pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
    pdf.add_page()
    return pdf


def em_of(size: float) -> float:
    """The em (full-width character) of a font size in points, in mm."""
    return size * MM_PER_PT


class Measure:
    """String widths in mm at one font size, cached (a letter reuses few characters)."""

    def __init__(self, pdf: FPDF, size: float) -> None:
        self._pdf = pdf
        self._size = size
        self._cache: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            self._pdf.set_font_size(self._size)
            width = float(self._pdf.get_string_width(text))
            self._cache[text] = width
        return width


# --- 横書き ---------------------------------------------------------------------------


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
