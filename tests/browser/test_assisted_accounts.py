"""Assisted accounts in the browser, in French: a facilitator makes an account
for a person without e-mail and gives a login card; on a phone the person signs
in with its QR link or its code and PIN, leaves with "I am done", keeps their
course when the card is replaced and when they add an e-mail and a password.
Every page on the way passes axe.

The desk's wording is newer than the catalogues: the test reads each string
through gettext in French, so it passes before and after the translation."""

from __future__ import annotations

import re

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from desk import cards, services
from desk.consent import NOTICE_POINT_CODES
from learners.models import Enrolment, User
from scheduling.models import Membership
from tests.browser.test_journeys import fits_the_screen, open_menu
from tests.browser.test_learner_journey import sign_in
from tests.factories import CourseBuilder, learner_create
from tests.scheduling.factories import organiser_create

FACILITATOR = "anim@epn-namur.be"
PHONE = {
    "viewport": {"width": 320, "height": 640},
    "is_mobile": True,
    "has_touch": True,
}


def fr(message: str) -> str:
    """What a French page says for this msgid, whatever the catalogue holds today."""
    with translation.override("fr"):
        return gettext(message)


def desk_with_a_manager() -> User:
    """A facilitator who also manages their space (and reads its log)."""
    facilitator = learner_create(email=FACILITATOR, display_name="Anim")
    namur = organiser_create(name="Espace public numérique de Namur")
    Membership.objects.create(
        organiser=namur, user=facilitator, role=Membership.Role.MANAGER
    )
    return facilitator


def card_on_screen(page: Page) -> tuple[str, str, str]:
    """The code, the PIN and the QR code's link, as the card page shows them."""
    secrets = page.locator(".login-card-secret")
    expect(secrets).to_have_count(2)
    code, pin = secrets.all_inner_texts()
    link = page.locator(".login-card-link").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", code), code
    assert re.fullmatch(r"[0-9]{4}", pin), pin
    assert "/learn/card/" in link, link
    return code, pin, link


def card_sign_in(page: Page, code: str, pin: str) -> None:
    """Type a card's code and PIN by hand, as they are printed."""
    page.locator("#id_code").press_sequentially(code)
    page.locator("#id_pin").press_sequentially(pin)
    page.get_by_role("main").get_by_role("button", name=fr("Sign in")).click()


def i_am_done(page: Page) -> None:
    page.get_by_role("button", name=fr("I am done")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("You are signed out"))


def test_a_person_without_email_gets_an_account_and_signs_in_with_their_card(
    page: Page, browser: Browser, browser_context_args, site, assert_accessible
):
    course = CourseBuilder(site).build(title="Mon smartphone", modules=1, lessons=2)
    desk_with_a_manager()
    mail.outbox.clear()

    # At the desk: the facilitator opens the people they accompany.
    sign_in(page, FACILITATOR)
    open_menu(page)
    page.get_by_role("link", name=fr("People I accompany")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("People I accompany"))
    assert_accessible(page)
    page.get_by_role("link", name=fr("Make an account for someone")).click()
    assert_accessible(page)

    # The notice opens beside the form, to read out and print.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name=fr("The notice (to print and give)")).click()
    notice = opened.value
    expect(notice.get_by_role("heading", level=1)).to_have_text(
        fr("Your account on the platform")
    )
    assert_accessible(notice)
    notice.close()

    # Sent too soon: no first name, one point of the notice not ticked.
    points = page.locator("input[name=explained]")
    for box in points.all()[:-1]:
        box.check()
    make = page.get_by_role("button", name=fr("Make the account and the card"))
    make.click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_display_name")).to_have_attribute("aria-invalid", "true")
    assert not User.objects.filter(display_name="Josiane").exists()
    assert_accessible(page)

    page.locator("#id_display_name").fill("Josiane")
    for box in points.all():
        box.check()
    make.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Josiane")
    assert_accessible(page)
    code, pin, link = card_on_screen(page)

    # The PDF opens in the browser's viewer, to print.
    with page.expect_response(re.compile(r"/card\.pdf$")) as printed:
        page.get_by_role("link", name=fr("Print the card (PDF)")).click()
    assert printed.value.headers["content-type"] == "application/pdf"
    # (its body, as the viewer got it: the same session's cookies)
    assert page.request.get(printed.value.url).body().startswith(b"%PDF-")
    page.go_back()

    # On the person's phone: the QR code's link, then one button.
    phone = browser.new_context(**{**browser_context_args, **PHONE})
    person = phone.new_page()
    person.goto(link)
    expect(person.get_by_role("heading", level=1)).to_contain_text("Josiane")
    assert_accessible(person)
    person.get_by_role("button", name=fr("Sign in")).click()
    expect(person).to_have_url(re.compile(r"/learn/$"))
    expect(person.get_by_role("heading", level=1)).to_contain_text("Josiane")
    expect(person.get_by_role("button", name=fr("I am done"))).to_be_visible()
    fits_the_screen(person)
    assert_accessible(person)

    i_am_done(person)
    assert_accessible(person)
    assert not phone.cookies()  # Clear-Site-Data
    learning = phone.request.get("/learn/", max_redirects=0)
    assert learning.headers["location"].startswith("/accounts/login/")

    # Then by hand: the code and the PIN, and a course to follow.
    person.get_by_role("link", name=fr("Sign in with a card")).click()
    assert_accessible(person)
    card_sign_in(person, code, pin)
    expect(person).to_have_url(re.compile(r"/learn/$"))
    person.get_by_role("link", name=fr("Browse the courses")).click()
    person.get_by_role("link", name="Mon smartphone").first.click()
    person.get_by_role("button", name="M'inscrire à ce cours").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Leçon 1.1")

    # The card is lost: the facilitator gives a new one, after a question.
    page.get_by_role("link", name=fr("Done"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Josiane")
    assert_accessible(page)
    page.get_by_role("link", name=fr("Give a new card")).click()
    assert_accessible(page)
    page.get_by_role("button", name=fr("Yes, I am sure")).click()
    new_code, new_pin, new_link = card_on_screen(page)
    assert (new_code, new_link) != (code, link)

    # The old card signs nobody in, and says no more than a code never given.
    i_am_done(person)
    person.get_by_role("link", name=fr("Sign in with a card")).click()
    card_sign_in(person, code, pin)
    refused = person.locator(".error-summary")
    expect(refused).to_contain_text(
        fr("This code and this PIN do not match a live card.")
    )
    old_card_says = refused.inner_text()
    assert_accessible(person)
    person.locator("#id_code").fill("")
    card_sign_in(person, "XXX-XXX", pin)
    expect(refused).to_have_text(old_card_says)
    person.goto(link)
    expect(person.get_by_role("heading", level=1)).to_have_text(
        fr("This card no longer works")
    )
    assert_accessible(person)

    # The new card: the course is still there; who helps her, and what they did.
    person.get_by_role(
        "link", name=fr("Type the code and the PIN of another card")
    ).click()
    card_sign_in(person, new_code, new_pin)
    expect(person.locator(".card", has_text="Mon smartphone")).to_be_visible()
    open_menu(person)
    person.get_by_role("link", name=fr("Who helps me")).click()
    expect(person.get_by_role("main")).to_contain_text("Espace public numérique")
    fits_the_screen(person)
    assert_accessible(person)
    person.get_by_role("link", name=fr("Stop being accompanied")).click()
    expect(person.get_by_role("link", name=fr("No, go back"))).to_be_visible()
    fits_the_screen(person)
    assert_accessible(person)
    person.get_by_role("link", name=fr("No, go back")).click()

    # She adds an e-mail address and a password, and keeps her course.
    open_menu(person)
    person.get_by_role("link", name="Mon profil").click()
    person.get_by_role("link", name=fr("Add an e-mail address and a password")).click()
    expect(person.locator("#id_email")).to_be_visible()
    fits_the_screen(person)
    assert_accessible(person)
    person.locator("#id_email").fill("josiane@example.be")
    person.locator("#id_password").fill("un-mot-de-passe-solide-42")
    person.get_by_role("main").get_by_role("button", name="Enregistrer").click()
    expect(person.get_by_role("status")).to_be_visible()
    confirm = re.search(
        r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body
    )
    person.goto(confirm.group(0))
    person.get_by_role("button", name="Confirmer").click()
    i_am_done(person)
    sign_in(person, "josiane@example.be")
    expect(person.locator(".card", has_text="Mon smartphone")).to_be_visible()
    josiane = User.objects.get(email="josiane@example.be")
    assert josiane.display_name == "Josiane"
    assert Enrolment.objects.get(user=josiane).course_id == course.id
    phone.close()

    # The manager reads what was done for whom.
    open_menu(page)
    page.get_by_role("link", name=fr("People I accompany")).click()
    page.get_by_role("link", name=fr("What was done for whom")).click()
    expect(page.locator(".action-log li")).to_have_count(3)
    expect(page.get_by_role("main")).to_contain_text("Josiane")
    assert_accessible(page)


def test_an_idle_card_session_warns_first_then_signs_out(
    page: Page, site, assert_accessible
):
    facilitator = desk_with_a_manager()
    issued = services.assisted_account_create(
        organiser=facilitator.memberships.get().organiser,
        facilitator=facilitator,
        display_name="Josiane",
        explained=NOTICE_POINT_CODES,
    )
    page.clock.install()
    page.goto(cards.card_link_url(issued.link_key))
    page.get_by_role("button", name=fr("Sign in")).click()
    expect(page).to_have_url(re.compile(r"/learn/$"))
    warning = page.get_by_role("alert")
    expect(warning).to_be_empty()

    # Two minutes before the end, a warning, and a way to stay (WCAG 2.2.1).
    page.clock.fast_forward("18:30")
    expect(warning).to_contain_text(fr("I am still here"))
    assert_accessible(page)
    page.get_by_role("button", name=fr("I am still here")).click()
    expect(warning).to_be_empty()
    expect(page).to_have_url(re.compile(r"/learn/$"))

    # Nobody answers the next one: the page leaves, and the session ends.
    page.clock.fast_forward("18:30")
    expect(warning).not_to_be_empty()
    page.clock.fast_forward("02:00")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("You are signed out"))
    expect(page.get_by_role("main")).to_contain_text(
        fr(
            "Nobody used this page for a while, so we signed you out: the next "
            "person cannot see your things."
        )
    )
    assert not page.context.cookies()
