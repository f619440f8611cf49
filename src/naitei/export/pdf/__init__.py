"""letter.pdf: the formal apology letter (拝啓 … 敬具) typeset on A4, 横書き or 縦書き.

The text is set in Noto Serif JP (SIL OFL 1.1), which installs with the package
``pylopdf-fonts-jp`` and is embedded as a subset, so the PDF looks the same on any machine.
fpdf2 is imported only when a PDF is made, so the command line starts fast.
"""

from __future__ import annotations

import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from naitei.compose.model import LetterParts
from naitei.export.pdf.horizontal import BODY_SIZE, layout_horizontal
from naitei.export.pdf.page import FONT_FAMILY, FONT_FILE, FONT_PACKAGE
from naitei.export.pdf.vertical import layout_vertical

if TYPE_CHECKING:
    from fpdf import FPDF


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
