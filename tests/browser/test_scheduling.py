"""A facilitator publishes a session; one learner books the last seat while an
open page's seat count changes live; another is waiting-listed, the first
cancels, the second is promoted and sees it. axe passes on every page type."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from scheduling.models import Session
from tests.browser.test_learner_journey import sign_in
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create


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
    expect(max_.get_by_text("Itsme pas à pas")).to_be_visible()
    assert_accessible(max_)

    page.goto(f"{base}/agenda/")
    assert_accessible(page)
    page.goto(f"{base}/agenda/facilitator/")
    assert_accessible(page)
