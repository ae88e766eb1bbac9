"""PDF certificates of completed courses, with their verification URL as a QR code
(reportlab)."""

from __future__ import annotations

from io import BytesIO

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from common.dates import local_format
from common.pdf import qr_code_draw

ACCENT = HexColor("#1f5f99")
QR_SIZE = 4 * cm


def certificate_pdf(*, certificate, issuer_name: str, verification_url: str) -> bytes:
    """A one-page landscape A4 certificate, in the learner's language."""
    enrolment = certificate.enrolment
    learner = enrolment.user
    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = Canvas(buffer, pagesize=(width, height))
    with translation.override(learner.language or None):
        title = _("Certificate of completion")
        pdf.setTitle(f"{title} — {enrolment.course.title}")
        pdf.setAuthor(issuer_name)
        pdf.setStrokeColor(ACCENT)
        pdf.setLineWidth(6)
        pdf.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
        pdf.setFillColor(ACCENT)
        pdf.setFont("Helvetica-Bold", 32)
        pdf.drawCentredString(width / 2, height - 4 * cm, title)
        date = local_format(certificate.issued_on)  # local day, "1er juin 2027"
        statement = _("%(learner)s completed the course “%(course)s” on %(date)s.") % {
            "learner": f"<b>{escape(str(learner))}</b>",
            "course": f"<b>{escape(enrolment.course.title)}</b>",
            "date": date,
        }
        _paragraph(pdf, statement, size=20, top=height - 6 * cm, width=width)
        issued_by = _("Issued by %(issuer)s") % {"issuer": escape(issuer_name)}
        _paragraph(pdf, issued_by, size=14, top=height - 11 * cm, width=width)
        qr_code_draw(
            pdf, verification_url, x=width - 2 * cm - QR_SIZE, y=2 * cm, size=QR_SIZE
        )
        pdf.setFont("Helvetica", 10)
        pdf.drawString(2 * cm, 2.6 * cm, _("Check this certificate at:"))
        pdf.drawString(2 * cm, 2 * cm, verification_url)
        pdf.linkURL(verification_url, (2 * cm, 1.8 * cm, width / 2, 2.4 * cm))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _paragraph(pdf: Canvas, text: str, *, size: int, top: float, width: float):
    style = ParagraphStyle(
        "certificate",
        fontName="Helvetica",
        fontSize=size,
        leading=size * 1.4,
        alignment=TA_CENTER,
        textColor=HexColor("#222222"),
    )
    paragraph = Paragraph(text, style)
    _width, used = paragraph.wrapOn(pdf, width - 6 * cm, top)
    paragraph.drawOn(pdf, 3 * cm, top - used)
