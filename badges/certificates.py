"""PDF certificates of completed courses: a page to frame, with the operator's
mark, the learner, the course and its DigComp competences, a seal, and the
verification URL as a link and a QR code (reportlab).

ReportLab's open-source edition cannot write PDF/A (no XMP metadata, no output
intent): the certificate embeds its fonts when the machine has DejaVu and says
its title, author, subject and language, which is what an archive asks first.
"""

from __future__ import annotations

import math
import re
from io import BytesIO

from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from wagtail.images.models import SourceImageIOError

from badges import selectors
from common.dates import local_format
from common.pdf import Fonts, fonts, qr_code_draw

WIDTH, HEIGHT = landscape(A4)
ACCENT = HexColor("#1f5f99")
ACCENT_DARK = HexColor("#14426c")
GOLD = HexColor("#c9a13b")
GOLD_DARK = HexColor("#8c6b1c")
INK = HexColor("#1e1e1e")
MUTED = HexColor("#555555")
QR_SIZE = 3.8 * cm
# More than this many competences are counted, not named: a page to frame
# is not an inventory.
MAX_COMPETENCES = 8
SEAL_RADIUS = 1.75 * cm
# The body (title to competences) keeps above this line; the footer below it.
FOOTER_TOP = 6.4 * cm
TEXT_WIDTH = WIDTH - 7 * cm


def certificate_pdf(*, certificate, issuer, verification_url: str) -> bytes:
    """A one-page landscape A4 certificate, in the learner's language."""
    enrolment = certificate.enrolment
    learner, course = enrolment.user, enrolment.course
    competences = selectors.certificate_competences(course=course)
    face = fonts()
    buffer = BytesIO()
    with translation.override(learner.language or None):
        title = _("Certificate of completion")
        pdf = Canvas(
            buffer,
            pagesize=(WIDTH, HEIGHT),
            lang=translation.get_language(),
            initialFontName=face.sans,  # no font left unembedded
        )
        pdf.setTitle(f"{title} — {course.title}")
        pdf.setAuthor(issuer.name)
        pdf.setSubject(
            _("%(learner)s completed the course “%(course)s” on %(date)s.")
            % {
                "learner": _full_name(learner),
                "course": course.title,
                "date": local_format(certificate.issued_on),
            }
        )
        pdf.setKeywords([title, course.title, certificate.number])
        pdf.setCreator(issuer.name)
        _frame(pdf)
        _header(pdf, face, issuer)
        below = _body(pdf, face, title=title, learner=learner, course=course)
        _competences(pdf, face, competences, top=below)
        _facts(pdf, face, certificate)
        year = timezone.localtime(certificate.issued_on).year
        _seal(pdf, face, issuer_name=issuer.name, year=year)
        _verification(pdf, face, verification_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _full_name(learner) -> str:
    return learner.get_full_name() or str(learner)


def _duration(minutes: int) -> str:
    """A course's estimated duration in hours, or minutes under one hour."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
            "minutes": minutes
        }
    if not rest:
        return ngettext("%(hours)s hour", "%(hours)s hours", hours) % {"hours": hours}
    return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": rest}


def _frame(pdf: Canvas) -> None:
    """A double border, blue outside and gold inside, with gold corner diamonds."""
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(5)
    pdf.rect(0.8 * cm, 0.8 * cm, WIDTH - 1.6 * cm, HEIGHT - 1.6 * cm)
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(1)
    inset = 1.15 * cm
    pdf.rect(inset, inset, WIDTH - 2 * inset, HEIGHT - 2 * inset)
    for x in (inset, WIDTH - inset):
        for y in (inset, HEIGHT - inset):
            _diamond(pdf, x, y, 0.22 * cm, GOLD)


def _diamond(pdf: Canvas, x: float, y: float, size: float, colour: Color) -> None:
    path = pdf.beginPath()
    path.moveTo(x, y + size)
    path.lineTo(x + size, y)
    path.lineTo(x, y - size)
    path.lineTo(x - size, y)
    path.close()
    pdf.setFillColor(colour)
    pdf.drawPath(path, stroke=0, fill=1)


def _header(pdf: Canvas, face: Fonts, issuer) -> None:
    """The operator's logo (or a drawn monogram) and name, centred at the top."""
    logo = _logo(issuer)
    mark_height = 1.5 * cm
    if logo is not None:
        image_width, image_height = logo.getSize()
        mark_width = min(mark_height * image_width / image_height, 6 * cm)
    else:
        mark_width = mark_height
    size = _fitted(issuer.name, face.sans_bold, 15, TEXT_WIDTH - mark_width, 9)
    name_width = stringWidth(issuer.name, face.sans_bold, size)
    gap = 0.4 * cm
    left = (WIDTH - mark_width - gap - name_width) / 2
    bottom = HEIGHT - 1.55 * cm - mark_height
    if logo is not None:
        pdf.drawImage(
            logo,
            left,
            bottom,
            width=mark_width,
            height=mark_height,
            preserveAspectRatio=True,
            mask="auto",
        )
    else:
        _monogram(pdf, face, issuer.name, x=left, y=bottom, size=mark_height)
    pdf.setFillColor(ACCENT_DARK)
    pdf.setFont(face.sans_bold, size)
    pdf.drawString(
        left + mark_width + gap, bottom + mark_height / 2 - size * 0.35, issuer.name
    )


def _logo(issuer) -> ImageReader | None:
    """The issuer's logo as a PNG of a reasonable size, if it has one that reads."""
    if issuer.image is None or issuer.image.is_svg():  # reportlab draws no SVG
        return None
    try:
        rendition = issuer.image.get_rendition("max-600x200|format-png")
        with rendition.file.open("rb") as image:
            return ImageReader(BytesIO(image.read()))
    except (OSError, SourceImageIOError, ValueError):
        return None  # a missing or unreadable file: the drawn mark instead


def _monogram(pdf: Canvas, face: Fonts, name: str, *, x, y, size) -> None:
    """A round mark with the initials of the operator's name, for want of a logo."""
    radius = size / 2
    centre_x, centre_y = x + radius, y + radius
    pdf.setFillColor(ACCENT)
    pdf.circle(centre_x, centre_y, radius, stroke=0, fill=1)
    pdf.setStrokeColor(white)
    pdf.setLineWidth(0.8)
    pdf.circle(centre_x, centre_y, radius * 0.86, stroke=1, fill=0)
    initials = _initials(name)
    font_size = _fitted(initials, face.serif_bold, radius * 0.9, radius * 1.4, 6)
    pdf.setFillColor(white)
    pdf.setFont(face.serif_bold, font_size)
    pdf.drawCentredString(centre_x, centre_y - font_size * 0.35, initials)


def _initials(name: str) -> str:
    """The first letters of its words of three letters or more: "CNW" for
    "Compétences numériques Wallonie"."""
    words = [word for word in re.findall(r"\w+", name) if len(word) >= 3]
    return "".join(word[0] for word in words[:3]).upper() or name[:1].upper()


def _body(pdf: Canvas, face: Fonts, *, title: str, learner, course) -> float:
    """The title, the learner's full name, the course and its duration and level;
    where they end."""
    centre = WIDTH / 2
    pdf.setFillColor(ACCENT_DARK)
    heading = title.upper()
    size = _fitted(heading, face.serif_bold, 28, TEXT_WIDTH, 16, spacing=2)
    _centred(pdf, HEIGHT - 4.9 * cm, heading, font=face.serif_bold, size=size)
    _ornament(pdf, centre, HEIGHT - 5.5 * cm)

    pdf.setFillColor(MUTED)
    pdf.setFont(face.serif_italic, 13)
    pdf.drawCentredString(centre, HEIGHT - 6.6 * cm, _("awarded to"))

    name = _full_name(learner)
    size = _fitted(name, face.serif, 32, TEXT_WIDTH, 16)
    pdf.setFillColor(INK)
    pdf.setFont(face.serif, size)
    pdf.drawCentredString(centre, HEIGHT - 8.0 * cm, name)
    rule = max(stringWidth(name, face.serif, size) + 2 * cm, 10 * cm)
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(0.8)
    pdf.line(centre - rule / 2, HEIGHT - 8.4 * cm, centre + rule / 2, HEIGHT - 8.4 * cm)

    pdf.setFillColor(MUTED)
    pdf.setFont(face.serif_italic, 13)
    pdf.drawCentredString(centre, HEIGHT - 9.25 * cm, _("for completing the course"))

    top = HEIGHT - 9.55 * cm
    course_title = {
        "text": f"<b>{escape(course.title)}</b>",
        "font": face.serif,
        "colour": ACCENT_DARK,
    }
    paragraph, height = _fitted_paragraph(
        **course_title, size=21, least=13, max_lines=2
    ) or _fitted_paragraph(**course_title, size=13, least=13)
    _paragraph_draw(pdf, paragraph, height, top=top)
    top -= height
    facts = [_("Level: %(level)s") % {"level": course.get_level_display()}]
    if course.estimated_duration:
        duration = _duration(course.estimated_duration)
        facts.insert(0, _("Duration: %(duration)s") % {"duration": duration})
    pdf.setFillColor(INK)
    pdf.setFont(face.sans, 11)
    pdf.drawCentredString(centre, top - 0.75 * cm, "   ·   ".join(facts))
    return top - 1.1 * cm


def _competences(pdf: Canvas, face: Fonts, competences, *, top: float) -> None:
    """The DigComp competences of the course under a heading: one a line when they
    fit, else in one run of text; past eight, or when even that is full, the last
    ones are counted."""
    if not competences:
        return
    pdf.setFillColor(GOLD_DARK)
    heading = _("DigComp 2.2 competences covered").upper()
    _centred(pdf, top - 0.35 * cm, heading, font=face.sans_bold, size=8.5, spacing=1)
    top -= 0.6 * cm
    room = top - FOOTER_TOP
    items = [
        f"<b>{escape(competence.code)}</b>\u00a0{escape(competence.title)}"
        for competence in competences
    ]
    style = {"font": face.sans, "colour": INK, "max_height": room}
    fitted = None
    if len(items) <= MAX_COMPETENCES:
        fitted = _fitted_paragraph("<br/>".join(items), size=10.5, least=9, **style)
    for shown in range(min(len(items), MAX_COMPETENCES), 0, -1):
        if fitted is not None:
            break
        text = "   •   ".join(items[:shown])
        if shown < len(items):
            more = len(items) - shown
            text += "   •   " + ngettext(
                "and %(count)s other competence",
                "and %(count)s other competences",
                more,
            ) % {"count": more}
        fitted = _fitted_paragraph(text, size=10, least=8, **style)
    if fitted is not None:
        _paragraph_draw(pdf, *fitted, top=top)


def _facts(pdf: Canvas, face: Fonts, certificate) -> None:
    """Bottom left: the date of completion, on one line, and the certificate's
    number, each under its label."""
    x = 2.6 * cm
    rows = [
        (_("Completed on"), local_format(certificate.issued_on)),
        (_("Certificate number"), certificate.number),
    ]
    y = 4.9 * cm
    for label, value in rows:
        pdf.setFillColor(MUTED)
        pdf.setFont(face.sans, 8.5)
        pdf.drawString(x, y, label.upper())
        pdf.setFillColor(INK)
        pdf.setFont(face.sans_bold, 13)
        pdf.drawString(x, y - 0.6 * cm, value)
        y -= 1.55 * cm


def _seal(pdf: Canvas, face: Fonts, *, issuer_name: str, year: int) -> None:
    """A gold rosette on two blue ribbons, the operator's name around its ring."""
    x, y, radius = WIDTH / 2, 4.3 * cm, SEAL_RADIUS
    for side in (-1, 1):  # the ribbons, behind the rosette
        _ribbon(
            pdf,
            start=(x + side * 0.3 * cm, y),
            end=(x + side * 1.2 * cm, y - 1.95 * cm),
            colour=ACCENT if side < 0 else ACCENT_DARK,
        )
    points = 36
    path = pdf.beginPath()
    for i in range(points * 2):
        angle = math.pi * i / points
        r = radius if i % 2 == 0 else radius * 0.9
        point = (x + r * math.cos(angle), y + r * math.sin(angle))
        if i == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.close()
    pdf.setFillColor(GOLD)
    pdf.drawPath(path, stroke=0, fill=1)
    pdf.setFillColor(GOLD_DARK)
    pdf.circle(x, y, radius * 0.82, stroke=0, fill=1)
    pdf.setStrokeColor(white)
    pdf.setLineWidth(0.6)
    pdf.circle(x, y, radius * 0.77, stroke=1, fill=0)
    pdf.setFillColor(GOLD)
    pdf.circle(x, y, radius * 0.5, stroke=0, fill=1)
    _ring_text(pdf, face, issuer_name.upper(), x=x, y=y, radius=radius * 0.58)
    # A tick over the year, in the middle.
    pdf.setStrokeColor(white)
    pdf.setLineWidth(2.4)
    pdf.setLineCap(1)
    pdf.setLineJoin(1)
    tick = pdf.beginPath()
    tick.moveTo(x - 0.32 * cm, y + 0.12 * cm)
    tick.lineTo(x - 0.08 * cm, y - 0.12 * cm)
    tick.lineTo(x + 0.36 * cm, y + 0.4 * cm)
    pdf.drawPath(tick, stroke=1, fill=0)
    pdf.setLineCap(0)
    pdf.setLineJoin(0)
    pdf.setFillColor(white)
    pdf.setFont(face.sans_bold, 9)
    pdf.drawCentredString(x, y - 0.55 * cm, str(year))


def _ribbon(pdf: Canvas, *, start, end, colour: Color) -> None:
    """A ribbon's tail from ``start`` to ``end``, its end cut in a V."""
    length = math.dist(start, end)
    along = ((end[0] - start[0]) / length, (end[1] - start[1]) / length)
    across = (-along[1] * 0.42 * cm, along[0] * 0.42 * cm)
    notch = (end[0] - along[0] * 0.45 * cm, end[1] - along[1] * 0.45 * cm)
    path = pdf.beginPath()
    path.moveTo(start[0] + across[0], start[1] + across[1])
    path.lineTo(end[0] + across[0], end[1] + across[1])
    path.lineTo(*notch)
    path.lineTo(end[0] - across[0], end[1] - across[1])
    path.lineTo(start[0] - across[0], start[1] - across[1])
    path.close()
    pdf.setFillColor(colour)
    pdf.drawPath(path, stroke=0, fill=1)


def _ring_text(pdf: Canvas, face: Fonts, text: str, *, x, y, radius) -> None:
    """``text`` around a circle, centred on its top, letters upright outwards;
    smaller for a long name, and left out when even that is too long."""
    font = face.sans_bold
    size = 6.5
    room = 2 * math.pi * radius * 0.9
    while stringWidth(text, font, size) * 1.15 > room and size > 4.5:
        size -= 0.25
    letters = [(letter, stringWidth(letter, font, size) * 1.15) for letter in text]
    total = sum(width for _letter, width in letters)
    if total > room:
        return
    pdf.setFillColor(white)
    pdf.setFont(font, size)
    along = -total / 2
    for letter, width in letters:
        angle = math.pi / 2 - (along + width / 2) / radius
        pdf.saveState()
        pdf.translate(x + radius * math.cos(angle), y + radius * math.sin(angle))
        pdf.rotate(math.degrees(angle) - 90)
        pdf.drawCentredString(0, 0, letter)
        pdf.restoreState()
        along += width


def _verification(pdf: Canvas, face: Fonts, url: str) -> None:
    """Bottom right: the QR code of the check URL; along the bottom, the URL itself,
    whole and in readable type (smaller for a long one, on two lines at worst)."""
    qr_x = WIDTH - 2.35 * cm - QR_SIZE
    qr_y = 1.95 * cm
    qr_code_draw(pdf, url, x=qr_x, y=qr_y, size=QR_SIZE, font_name=face.sans)
    pdf.setFillColor(MUTED)
    pdf.setFont(face.sans, 8.5)
    pdf.drawCentredString(
        qr_x + QR_SIZE / 2, qr_y + QR_SIZE + 0.2 * cm, _("Scan to check").upper()
    )
    label = _("Check this certificate at:")
    room = WIDTH - 5 * cm
    size = 10.0
    while stringWidth(f"{label} {url}", face.sans, size) > room and size > 7.5:
        size -= 0.5
    if stringWidth(f"{label} {url}", face.sans, size) <= room:
        lines = [(label, url)]
    else:  # a very long URL: cut after a slash, onto a second line
        size = 8.0
        cut = _url_cut(
            url, room - stringWidth(f"{label} ", face.sans, size), face.sans, size
        )
        lines = [(label, url[:cut]), ("", url[cut:])]
    baseline = 1.45 * cm + (len(lines) - 1) * size * 1.2
    pdf.setFont(face.sans, size)
    for before, link_text in lines:
        if before:
            before += " "
        left = (WIDTH - stringWidth(before + link_text, face.sans, size)) / 2
        pdf.setFillColor(MUTED)
        pdf.drawString(left, baseline, before)
        pdf.setFillColor(ACCENT_DARK)
        pdf.drawString(left + stringWidth(before, face.sans, size), baseline, link_text)
        pdf.linkURL(
            url,
            (
                left + stringWidth(before, face.sans, size),
                baseline - size * 0.3,
                left + stringWidth(before + link_text, face.sans, size),
                baseline + size,
            ),
        )
        baseline -= size * 1.2


def _url_cut(url: str, room: float, font: str, size: float) -> int:
    """Where to cut ``url`` for its start to fit ``room``: after a slash if it can."""
    cut = len(url)
    while cut > 1 and stringWidth(url[:cut], font, size) > room:
        cut -= 1
    slash = url.rfind("/", 0, cut)
    return slash + 1 if slash > len("https://") else cut


def _fitted(
    text: str, font: str, size: float, room: float, least: float, spacing: float = 0
) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``room``."""
    while size > least and stringWidth(text, font, size) + spacing * len(text) > room:
        size -= 0.5
    return size


def _centred(
    pdf: Canvas, y: float, text: str, *, font: str, size: float, spacing: float = 2
) -> None:
    """Letter-spaced text centred on the page."""
    width = stringWidth(text, font, size) + spacing * (len(text) - 1)
    words = pdf.beginText((WIDTH - width) / 2, y)
    words.setFont(font, size)
    words.setCharSpace(spacing)
    words.textOut(text)
    words.setCharSpace(0)  # PDF keeps the spacing for all the text that follows
    pdf.drawText(words)


def _ornament(pdf: Canvas, x: float, y: float) -> None:
    """Two gold rules on either side of a diamond, under the title."""
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(0.8)
    pdf.line(x - 4 * cm, y, x - 0.35 * cm, y)
    pdf.line(x + 0.35 * cm, y, x + 4 * cm, y)
    _diamond(pdf, x, y, 0.15 * cm, GOLD)


def _fitted_paragraph(
    text: str,
    *,
    font: str,
    size: float,
    least: float,
    colour: Color,
    max_lines: int | None = None,
    max_height: float | None = None,
) -> tuple[Paragraph, float] | None:
    """Centred, wrapped text at the largest size from ``size`` down to ``least``
    that keeps within the limits, and its height; None if none does."""
    while size >= least:
        style = ParagraphStyle(
            "certificate",
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_CENTER,
            textColor=colour,
        )
        paragraph = Paragraph(text, style)
        _width, height = paragraph.wrap(TEXT_WIDTH, HEIGHT)
        lines = len(paragraph.blPara.lines)
        if (max_lines is None or lines <= max_lines) and (
            max_height is None or height <= max_height
        ):
            return paragraph, height
        size -= 0.5
    return None


def _paragraph_draw(pdf: Canvas, paragraph: Paragraph, height: float, *, top: float):
    paragraph.drawOn(pdf, (WIDTH - TEXT_WIDTH) / 2, top - height)
