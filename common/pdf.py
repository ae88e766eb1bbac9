"""Pieces shared by the platform's PDF documents (reportlab)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from django.http import HttpResponse
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

# Debian's fonts-dejavu-core (and -extra for the italic): DejaVu covers every
# letter of French, German and Dutch, and the typographic spaces and quotes.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Fonts:
    """The font names a document draws with, and whether they are embedded."""

    sans: str
    sans_bold: str
    serif: str
    serif_bold: str
    serif_italic: str
    embedded: bool


# PDF's built-in fonts: every reader has them, so nothing is embedded.
BUILT_IN = Fonts(
    sans="Helvetica",
    sans_bold="Helvetica-Bold",
    serif="Times-Roman",
    serif_bold="Times-Bold",
    serif_italic="Times-Italic",
    embedded=False,
)


@functools.cache
def fonts() -> Fonts:
    """Embedded DejaVu fonts when the machine has them (the same letters in every
    reader, and a file fit for keeping), else PDF's built-in fonts."""
    try:
        for face in (
            "DejaVuSans",
            "DejaVuSans-Bold",
            "DejaVuSerif",
            "DejaVuSerif-Bold",
        ):
            _register(face)
    except (OSError, TTFError):
        return BUILT_IN
    try:
        italic = _register("DejaVuSerif-Italic")
    except (OSError, TTFError):  # in fonts-dejavu-extra, not always installed
        italic = "DejaVuSerif"
    # Paragraphs find the faces of <b> and <i> here.
    registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    registerFontFamily(
        "DejaVuSerif", normal="DejaVuSerif", bold="DejaVuSerif-Bold", italic=italic
    )
    return Fonts(
        sans="DejaVuSans",
        sans_bold="DejaVuSans-Bold",
        serif="DejaVuSerif",
        serif_bold="DejaVuSerif-Bold",
        serif_italic=italic,
        embedded=True,
    )


def _register(face: str) -> str:
    pdfmetrics.registerFont(TTFont(face, DEJAVU / f"{face}.ttf"))
    return face


def qr_code_draw(
    pdf: Canvas,
    url: str,
    *,
    x: float,
    y: float,
    size: float,
    font_name: str | None = None,
) -> None:
    """Draw ``url`` as a square QR code of ``size`` with its lower left at x, y.

    A QR code has no text, but the drawing sets a font all the same: Helvetica,
    unless ``font_name`` names the document's own (so that every font it lists
    is embedded)."""
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size,
        size,
        transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0],
    )
    if font_name:
        drawing.initialFontName = font_name
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def login_cards_pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """Login cards to print: opened in the browser's viewer, and never kept by
    a cache on the way (they hold the secrets that sign a person in)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
