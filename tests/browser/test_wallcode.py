"""A teacher registers a class for a Wallcode activity, without JavaScript
needs, then cancels it; the partner page, the registration forms and the
cancel pages pass axe."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import Page, expect

from scheduling.models import Booking
from tests.scheduling.factories import session_create
from wallcode import services
from wallcode.models import Partner


def test_a_teacher_registers_a_class_then_cancels(page: Page, site, assert_accessible):
    partner = services.partner_save(
        partner=Partner(
            name="CoderDojo Liège",
            kind=Partner.Kind.CODING_CLUB,
            commune="Liège",
            postal_code="4000",
        )
    )
    session = session_create(
        partner.organiser,
        title="Scratch : mon premier jeu",
        capacity=30,
        age_min=8,
        age_max=12,
    )

    page.goto(f"/wallcode/partners/{partner.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CoderDojo Liège")
    assert_accessible(page)

    page.goto(f"/wallcode/sessions/{session.id}/group/")
    assert_accessible(page)
    page.get_by_label("Votre nom (enseignant ou animateur)").fill("Mme Lenoir")
    page.get_by_label("Votre adresse e-mail").fill("lenoir@ecole.be")
    page.get_by_label("École ou groupe").fill("École des Tilleuls, 5e B")
    page.get_by_label("Code postal de l’école ou du groupe").fill("6000")
    page.get_by_label("Nombre d’enfants").fill("22")
    page.get_by_label("Âge des enfants").select_option(label="Moins de 12 ans")
    page.locator("main button[type=submit]").click()

    # No seat is held until the teacher follows the link sent to her.
    expect(page.locator("[data-status=pending]")).to_be_visible()
    assert not Booking.objects.exists()
    assert_accessible(page)
    [message] = mail.outbox
    link = re.search(r"https?://\S+/registrations/confirm/\S+", message.body)[0]
    page.goto(urlsplit(link).path)
    assert_accessible(page)
    page.locator("main button[type=submit]").click()

    expect(page.locator("[data-status=confirmed]")).to_be_visible()
    booking = Booking.objects.get()
    assert (booking.seats, booking.status) == (22, "confirmed")
    assert_accessible(page)

    # She cannot come after all: she cancels from the page, which asks first.
    page.get_by_role("link", name="Annuler cette inscription").click()
    expect(page.locator("button.danger")).to_be_visible()
    assert_accessible(page)
    page.locator("button.danger").click()
    expect(page.locator(".messages")).to_contain_text("Réservation annulée pour")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    # The link in her confirmation message, followed later, says it is done.
    cancel_link = re.search(r"Pour annuler\s*: (\S+)", mail.outbox[-1].body)[1]
    page.goto(urlsplit(cancel_link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Réservation annulée")
    assert_accessible(page)

    page.goto(f"/wallcode/sessions/{session.id}/child/")
    assert_accessible(page)
