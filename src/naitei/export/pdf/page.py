"""What both layouts of letter.pdf share: the font, the A4 page and string measures."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
