"""Whole journeys on a phone, in French, by tapping and typing only.

The one address typed is the home page's (and the link of the confirmation
e-mail, which a person opens from their mailbox). Each page on the way must fit
the screen: a person who has to scroll sideways is lost.
"""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from scheduling.models import Booking
from tests.factories import CourseBuilder, learner_create
from tests.scheduling.factories import organiser_create, session_create

PHONE = {"width": 360, "height": 740}
PASSWORD = "un-mot-de-passe-solide-42"


def fits_the_screen(page: Page) -> None:
    """Nothing wider than the screen. After a click that loads a page, first
    expect something of the new page: a click does not wait for it."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def open_menu(page: Page) -> None:
    menu = page.locator("#menu")
    if menu.get_attribute("open") is None:
        page.get_by_text("Menu", exact=True).click()


def test_a_new_learner_finishes_a_lesson_and_books_a_workshop_near_home(
    page: Page, site, tmp_path
):
    course = CourseBuilder(site).build(
        title="Mon smartphone", modules=1, lessons=1, questions=1
    )
    organiser = organiser_create(name="EPN de Namur")
    workshop = session_create(
        organiser,
        title="Découvrir le courriel",
        starts_at=timezone.now() + timedelta(days=4),
        postal_code="5000",
        commune="Namur",
        capacity=8,
    )
    session_create(
        organiser_create(name="EPN d'Arlon"),
        title="Atelier loin d'ici",
        postal_code="6700",
        commune="Arlon",
    )
    page.set_viewport_size(PHONE)

    page.goto("/")
    fits_the_screen(page)
    open_menu(page)
    page.get_by_role("link", name="Créer un compte").click()
    page.get_by_label("E-mail").fill("lea@example.be")
    page.get_by_label("Votre prénom ou un pseudo").fill("Léa")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Afficher").click()  # she checks what she typed
    expect(page.get_by_label("Mot de passe")).to_have_attribute("type", "text")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Confirmez votre adresse"
    )
    fits_the_screen(page)

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    page.goto(link.group(0))  # opened from her mailbox
    page.get_by_role("button", name="Confirmer").click()

    # Signed in, she goes back to the courses and follows the first one.
    open_menu(page)
    page.get_by_role("link", name="Cours", exact=True).click()
    page.get_by_role("link", name="Mon smartphone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon smartphone")
    fits_the_screen(page)
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leçon 1.1")
    fits_the_screen(page)

    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    refusal = page.locator(".error-summary")
    expect(refusal).to_be_visible()
    expect(refusal).to_be_focused()  # where she is looking
    expect(refusal).to_contain_text("Pas encore")
    refusal.get_by_role("link").first.click()
    form = page.locator("form.question").first
    form.get_by_label("La bonne").check()
    form.get_by_role("button", name="Vérifier ma réponse").click()
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_text("Félicitations")).to_be_visible()
    assert course.title in page.content()

    # Then she looks for a workshop near Jambes (5100): none is there, Namur is.
    open_menu(page)
    page.get_by_role("link", name="Ateliers près de chez moi").click()
    expect(page.get_by_label(re.compile("Code postal ou commune"))).to_be_visible()
    fits_the_screen(page)
    page.get_by_label(re.compile("Code postal ou commune")).fill("5100")
    page.get_by_role("button", name="Afficher").click()
    cards = page.locator(".cards > li")
    expect(cards.first).to_contain_text("Découvrir le courriel")
    expect(cards.first).to_contain_text("km")
    fits_the_screen(page)
    page.get_by_role("link", name="Découvrir le courriel").click()
    page.get_by_role("button", name="Réserver ma place").click()
    expect(page.get_by_role("status").first).to_contain_text("réservée")
    fits_the_screen(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    saved = tmp_path / "atelier.ics"
    download.value.save_as(saved)
    [event] = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Découvrir le courriel"
    assert event.decoded("DTSTART") == workshop.starts_at.replace(microsecond=0)
    assert Booking.objects.get(session=workshop).status == Booking.Status.CONFIRMED


def test_a_facilitator_signs_in_and_ticks_who_came(page: Page, site):
    facilitator = learner_create(email="anim@epn-namur.be", display_name="Anim")
    facilitator.set_password(PASSWORD)
    facilitator.save()
    space = organiser_create(name="EPN de Namur", members=[facilitator])
    session = session_create(
        space,
        title="Découvrir le courriel",
        starts_at=timezone.now() + timedelta(hours=1),
        capacity=6,
    )
    from scheduling import services

    booking = services.booking_create(
        session=session, name="Marie Dupont", phone="0470 12 34 56"
    )
    page.set_viewport_size(PHONE)

    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("E-mail").fill("anim@epn-namur.be")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("séances")
    fits_the_screen(page)
    page.get_by_role("link", name=re.compile("Découvrir le courriel")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Découvrir le courriel"
    )
    fits_the_screen(page)
    row = page.locator(f"#booking-{booking.id}")
    row.get_by_role("button").click()
    expect(page.locator(f"#booking-{booking.id}")).to_contain_text("Est là")
    booking.refresh_from_db()
    assert booking.attended
