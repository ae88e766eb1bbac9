"""A class's login cards on A4 sheets, eight to a page, to cut along the lines.

The cards are drawn as the desk draws one (``desk.cards.card_draw``); the
secrets come from the member's session, kept only while the sheet may be
printed (views), never from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from desk.cards import ACCENT, CARD_HEIGHT, CARD_WIDTH, card_draw, card_sign_in_url

COLUMNS, ROWS = 2, 4
GAP = 6 * mm
TOP_MARGIN = 22 * mm


@dataclass(frozen=True)
class SheetCard:
    """A child's card as printed: who, and its secrets in clear."""

    person: object
    code: str
    pin: str
    link_key: str


def class_sheet_pdf(*, class_name: str, space: str, cards: list[SheetCard]) -> bytes:
    """Every card of a class, eight to an A4 page, with a title and how to sign in."""
    buffer = BytesIO()
    width, height = A4
    pdf = Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Login cards: %(class)s") % {"class": class_name})
    pdf.setAuthor(settings.SITE_NAME)
    left_margin = (width - COLUMNS * CARD_WIDTH - (COLUMNS - 1) * GAP) / 2
    per_page = COLUMNS * ROWS
    pages = [cards[at : at + per_page] for at in range(0, len(cards), per_page)]
    for number, page_cards in enumerate(pages, start=1):
        _page_head(pdf, class_name, number, len(pages), left_margin, height)
        for index, card in enumerate(page_cards):
            row, column = divmod(index, COLUMNS)
            left = left_margin + column * (CARD_WIDTH + GAP)
            bottom = height - TOP_MARGIN - (row + 1) * CARD_HEIGHT - row * GAP
            # Each card speaks its child's language; the sheet the member's.
            with translation.override(card.person.language or None):
                card_draw(
                    pdf,
                    left=left,
                    bottom=bottom,
                    person=card.person,
                    code=card.code,
                    pin=card.pin,
                    link_key=card.link_key,
                    space=space,
                )
        _page_foot(pdf, left_margin)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _page_head(pdf, class_name, number, total, left, height) -> None:
    pdf.setFillColor(ACCENT)
    pdf.setFont("Helvetica-Bold", 13)
    title = _("Login cards: %(class)s") % {"class": class_name}
    if total > 1:
        title += f" ({number}/{total})"
    pdf.drawString(left, height - 14 * mm, title[:90])


def _page_foot(pdf, left) -> None:
    """How to sign in, for the children, wrapped at the page's width."""
    style = ParagraphStyle(
        "sheet", fontName="Helvetica", fontSize=9, leading=12, textColor=ACCENT
    )
    lines = [
        _("Cut along the dotted lines. Sign in: scan the square, or go to %(url)s")
        % {"url": card_sign_in_url()},
        _("A lost card? Your teacher gives you a new one and this one stops working."),
    ]
    paragraph = Paragraph("<br/>".join(escape(line) for line in lines), style)
    width, _height = A4
    _width, used = paragraph.wrapOn(pdf, width - 2 * left, 30 * mm)
    paragraph.drawOn(pdf, left, 20 * mm - used)
