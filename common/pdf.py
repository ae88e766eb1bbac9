"""Pieces shared by the platform's PDF documents (reportlab)."""

from __future__ import annotations

from django.http import HttpResponse
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas


def qr_code_draw(pdf: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """Draw ``url`` as a square QR code of ``size`` with its lower left at x, y."""
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size,
        size,
        transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def login_cards_pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """Login cards to print: opened in the browser's viewer, and never kept by
    a cache on the way (they hold the secrets that sign a person in)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
