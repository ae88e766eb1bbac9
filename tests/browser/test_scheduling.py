"""A facilitator publishes a session; one learner books the last seat while an
open page's seat count changes live; another is waiting-listed, the first
cancels, the second is promoted and sees it. axe passes on every page type.
On a 320 px wide phone, the learner's pages reflow: a learner finds a workshop
near a postal code, books, adds it to a calendar and cancels after confirming."""

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from epn.services import space_create
from scheduling.models import Booking, Session
from tests.browser.test_learner_journey import sign_in
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create


def test_booking_the_last_seat_waiting_list_and_promotion_with_live_count(
    browser: Browser, page: Page, site, asgi_live_server, assert_accessible
):
    base = asgi_live_server
    facilitator = learner_create(email="anim@epn-namur.be", display_name="Anim")
    organiser_create(name="EPN de Namur", members=[facilitator])
    learner_create(email="lea@example.be", display_name="Léa")
    learner_create(email="max@example.be", display_name="Max")

    # The facilitator publishes a one-seat session.
    sign_in(page, "anim@epn-namur.be", base=base)
    page.goto(f"{base}/agenda/facilitator/sessions/new/")
    assert_accessible(page)
    starts = timezone.localtime() + timedelta(days=5)
    page.get_by_label("Titre").fill("Itsme pas à pas")
    page.get_by_label("Commence à").fill(starts.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Se termine à").fill(starts.strftime("%Y-%m-%dT16:00"))
    page.get_by_label("Lieu").fill("EPN de Namur")
    page.get_by_label("Adresse").fill("Rue de Fer 1")
    page.get_by_label("Code postal").fill("5000")
    page.get_by_label("Commune").fill("Namur")
    page.get_by_label("Places").fill("1")
    page.get_by_label("Statut").select_option("published")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Itsme pas à pas")
    assert_accessible(page)
    session = Session.objects.get()

    # Someone watches the public page (not signed in): one seat left.
    watcher = browser.new_context(locale="fr-BE").new_page()
    watcher.goto(f"{base}/agenda/{session.id}/")
    seats = watcher.locator("#seats-left")
    expect(seats).to_have_text("1 place restante")
    assert_accessible(watcher)

    lea = browser.new_context(locale="fr-BE").new_page()
    sign_in(lea, "lea@example.be", base=base)
    lea.goto(f"{base}/agenda/{session.id}/")
    lea.get_by_role("button", name="Réserver ma place").click()
    expect(lea.locator("p[role=status]")).to_contain_text("Votre place est réservée")

    expect(seats).to_have_text("Complet : liste d'attente ouverte")  # no reload

    max_ = browser.new_context(locale="fr-BE").new_page()
    sign_in(max_, "max@example.be", base=base)
    max_.goto(f"{base}/agenda/{session.id}/")
    max_.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(max_.locator("p[role=status]")).to_contain_text("liste d'attente")

    lea.get_by_role("link", name="Annuler ma réservation").click()
    lea.locator("button.danger").click()  # the confirmation page's "Yes"
    max_.reload()
    expect(max_.locator("p[role=status]")).to_contain_text("Votre place est réservée")
    max_.goto(f"{base}/agenda/mine/")
    expect(max_.get_by_role("link", name="Itsme pas à pas", exact=True)).to_be_visible()
    assert_accessible(max_)

    page.goto(f"{base}/agenda/")
    assert_accessible(page)
    page.goto(f"{base}/agenda/facilitator/")
    assert_accessible(page)


def _fits_320(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways: {width} px wide"


def test_a_learner_on_a_small_phone_books_adds_to_calendar_and_cancels(
    page: Page, site, assert_accessible
):
    space = space_create(
        name="EPN de Namur",
        address="Rue de Fer 1",
        postal_code="5000",
        commune="Namur",
        latitude=50.4669,
        longitude=4.8675,
    )
    space.phone = "081 24 64 00"
    space.save(update_fields=["phone"])
    # Long words and a pasted address must wrap, not widen the page.
    title = "Démarches-administratives-en-ligne-avec-itsme-et-la-carte-eID"
    session = session_create(
        space.organiser,
        title=title,
        capacity=5,
        description="Infos : https://www.belgium.be/fr/famille/identite/"
        "carte_d_identite_electronique_et_lecteur_de_carte_pour_les_demarches",
    )
    learner_create(email="lea@example.be", display_name="Léa")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/agenda/?place=5100")
    expect(page.locator(".card").first).to_contain_text("km")
    _fits_320(page)
    assert_accessible(page)

    page.goto(f"/agenda/{session.id}/")
    expect(page.locator('a[href="tel:081246400"]').first).to_be_visible()
    _fits_320(page)
    assert_accessible(page)

    sign_in(page, "lea@example.be")
    page.goto(f"/agenda/{session.id}/")
    page.get_by_role("button", name="Réserver ma place").click()
    expect(page.locator("p[role=status]")).to_contain_text("Votre place est réservée")
    add = page.locator(".booking-actions a.button").first
    expect(add).to_have_attribute("href", f"/agenda/{session.id}/calendar.ics")
    with page.expect_download() as downloading:
        add.click()
    download = downloading.value
    assert download.suggested_filename.endswith(f"-{session.id}.ics")
    [event] = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == title
    _fits_320(page)
    assert_accessible(page)

    page.get_by_role("link", name="Le code QR de ma réservation").click()
    expect(page.locator(".qr svg")).to_be_visible()
    _fits_320(page)
    assert_accessible(page)

    page.goto("/agenda/mine/")
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    _fits_320(page)
    assert_accessible(page)

    # Cancelled from "My bookings", where the person looks for it.
    page.get_by_role("link", name=f"Annuler ma réservation : {title}").click()
    expect(page.locator("button.danger")).to_be_visible()
    _fits_320(page)
    assert_accessible(page)
    assert Booking.objects.get().status == "confirmed"  # asking cancels nothing
    page.locator("button.danger").click()
    expect(page).to_have_url(re.compile(rf"/agenda/{session.id}/$"))
    assert Booking.objects.get().status == "cancelled"
