"""A login card as the person gets it: on screen, and as a one-page PDF to print.

The card's secrets exist in clear only between its issue and its printing: the
facilitator's session keeps them for ``CARD_PRINT_SECONDS`` (views), never the
database. Past that, a facilitator gives a new card.
"""

from __future__ import annotations

from io import BytesIO

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from common.links import absolute
from common.pdf import qr_code_draw
from learners.login_cards import code_display

ACCENT = HexColor("#00587a")
# A bank card's size: it fits in a wallet.
CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm


def card_link_url(link_key: str) -> str:
    return absolute(reverse("learners:card_link", args=[link_key]))


def card_sign_in_url() -> str:
    return absolute(reverse("learners:card_sign_in"))


def card_qr_svg(link_key: str) -> str:
    """The card's QR code as inline SVG, for the screen."""
    qr = segno.make(card_link_url(link_key), error="m")
    return mark_safe(qr.svg_inline(scale=6, title=_("QR code of the login card")))


def card_pdf(*, person, code: str, pin: str, link_key: str, space: str) -> bytes:
    """One A4 page: the card to cut out, and how to use it in plain words."""
    buffer = BytesIO()
    width, height = A4
    pdf = Canvas(buffer, pagesize=A4)
    with translation.override(person.language or None):
        pdf.setTitle(_("Login card"))
        pdf.setAuthor(settings.SITE_NAME)
        left, top = 2 * cm, height - 2 * cm
        bottom = top - CARD_HEIGHT
        card_draw(
            pdf,
            left=left,
            bottom=bottom,
            person=person,
            code=code,
            pin=pin,
            link_key=link_key,
            space=space,
        )
        _how_to(pdf, top=bottom - 1.5 * cm, width=width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def card_draw(
    pdf: Canvas,
    *,
    left: float,
    bottom: float,
    person,
    code: str,
    pin: str,
    link_key: str,
    space: str,
) -> None:
    """One card, bank-card size, with its lower left corner at left, bottom and
    a dashed line around it to cut along (a sheet of a class's cards uses it too).
    """
    top = bottom + CARD_HEIGHT
    pdf.setStrokeColor(ACCENT)
    pdf.setDash(3, 3)  # a line to cut along
    pdf.roundRect(left, bottom, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
    pdf.setDash()
    qr_size = CARD_HEIGHT - 8 * mm
    qr_code_draw(
        pdf, card_link_url(link_key), x=left + 3 * mm, y=bottom + 4 * mm, size=qr_size
    )
    text_x = left + qr_size + 6 * mm
    pdf.setFillColor(ACCENT)
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(text_x, top - 9 * mm, str(person))
    pdf.setFillColor(HexColor("#1b1b1b"))
    pdf.setFont("Helvetica", 9)
    pdf.drawString(text_x, top - 17 * mm, _("Code"))
    pdf.setFont("Courier-Bold", 15)
    pdf.drawString(text_x, top - 24 * mm, code_display(code))
    pdf.setFont("Helvetica", 9)
    pdf.drawString(text_x, top - 32 * mm, _("PIN"))
    pdf.setFont("Courier-Bold", 15)
    pdf.drawString(text_x, top - 39 * mm, pin)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(text_x, bottom + 4 * mm, space[:40])


def _how_to(pdf: Canvas, *, top: float, width: float) -> None:
    style = ParagraphStyle(
        "card", fontName="Helvetica", fontSize=13, leading=19, spaceAfter=8
    )
    lines = [
        f"<b>{escape(_('How to sign in'))}</b>",
        escape(
            _(
                "With a phone: open the camera, point it at the square drawing, "
                "then touch the link that appears."
            )
        ),
        escape(_("On a computer: go to this address, then type the code and the PIN:")),
        f"<b>{escape(card_sign_in_url())}</b>",
        escape(
            _(
                "Keep this card like a key. Lost it? The public digital space "
                "gives you a new one and this one stops working."
            )
        ),
        escape(_('On a computer that others use, press "I am done" when you leave.')),
    ]
    for line in lines:
        paragraph = Paragraph(line, style)
        _width, used = paragraph.wrapOn(pdf, width - 4 * cm, top)
        paragraph.drawOn(pdf, 2 * cm, top - used)
        top -= used + 8
