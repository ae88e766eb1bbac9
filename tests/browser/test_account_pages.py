"""allauth's account pages on a 320 px phone, in French: a visitor who signs up
on the way to a workshop lands back on it; "Remember me" is a large box beside
its words; removing an e-mail address asks first, without JavaScript too.
Every page on the way passes axe.

Newer wording is read through gettext in French (``fr``): the test passes
before and after the translation."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import Browser, Page, expect

from learners.models import User
from tests.browser.test_assisted_accounts import PHONE, fr
from tests.browser.test_journeys import fits_the_screen
from tests.browser.test_learner_journey import sign_in, sign_up_and_confirm
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create

SECOND = "jeanne.travail@example.be"


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, locator
    return found


def test_a_visitor_signs_up_on_the_way_to_a_workshop_and_lands_back_on_it(
    page: Page, site, assert_accessible
):
    workshop = session_create(
        organiser_create(name="EPN de Namur"), title="Découvrir le courriel"
    )
    page.set_viewport_size(PHONE["viewport"])
    page.goto(f"/agenda/{workshop.id}/")
    page.get_by_role("link", name=fr("Sign in to book")).click()

    # "Remember me": a box of at least 24 px, on the line of its words, which
    # tick it too.
    remember = page.get_by_role("checkbox", name=fr("Remember Me"))
    square, label = box(remember), box(page.locator("label.choice"))
    assert square["width"] >= 24
    assert square["height"] >= 24
    assert label["y"] <= square["y"]
    assert square["y"] + square["height"] <= label["y"] + label["height"]
    assert label["height"] < 2 * square["height"] + 8  # one line, box and words
    page.locator("label.choice").get_by_text(fr("Remember Me")).click()
    expect(remember).to_be_checked()
    fits_the_screen(page)
    assert_accessible(page)

    page.locator("main").get_by_role("link", name="Créez-en un").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Create an account"))
    assert_accessible(page)
    sign_up_and_confirm(page, email="lea@example.be", name="Léa")

    expect(page).to_have_url(re.compile(rf"/agenda/{workshop.id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir le courriel")
    expect(page.get_by_role("button", name=fr("Book my seat"))).to_be_visible()
    assert User.objects.get(email="lea@example.be").display_name == "Léa"


def test_removing_an_address_asks_first_on_a_phone(page: Page, site, assert_accessible):
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    EmailAddress.objects.create(user=jeanne, email=SECOND, verified=False)
    page.set_viewport_size(PHONE["viewport"])
    sign_in(page, "jeanne@example.be")

    page.goto("/accounts/email/")
    second = page.get_by_role("radio", name=re.compile(re.escape(SECOND)))
    assert box(second)["width"] >= 24
    assert box(second)["height"] >= 24
    page.get_by_text(SECOND).click()  # the address ticks its radio
    expect(second).to_be_checked()
    fits_the_screen(page)
    assert_accessible(page)

    page.get_by_role("button", name=fr("Remove"), exact=True).click()
    question = fr("Remove the address %(email)s?") % {"email": SECOND}
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    fits_the_screen(page)
    assert_accessible(page)
    assert EmailAddress.objects.filter(email=SECOND).exists()

    page.get_by_role("link", name=fr("No, go back")).click()
    expect(page).to_have_url(re.compile(r"/accounts/email/$"))
    expect(
        page.get_by_role("radio", name=re.compile(re.escape(SECOND)))
    ).to_be_visible()

    page.get_by_text(SECOND).click()
    page.get_by_role("button", name=fr("Remove"), exact=True).click()
    page.get_by_role("button", name=fr("Yes, remove it")).click()
    expect(page).to_have_url(re.compile(r"/accounts/email/$"))
    expect(page.get_by_role("status")).to_contain_text(SECOND)
    expect(page.get_by_role("radio")).to_have_count(0)  # one address left
    assert_accessible(page)
    assert not EmailAddress.objects.filter(email=SECOND).exists()


def test_the_question_works_without_javascript(
    browser: Browser, browser_context_args, site
):
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    EmailAddress.objects.create(user=jeanne, email=SECOND, verified=False)
    context = browser.new_context(
        **{**browser_context_args, **PHONE, "java_script_enabled": False}
    )
    page = context.new_page()
    sign_in(page, "jeanne@example.be")

    page.goto("/accounts/email/")
    page.get_by_text(SECOND).click()
    page.get_by_role("button", name=fr("Remove"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        fr("Remove the address %(email)s?") % {"email": SECOND}
    )
    assert EmailAddress.objects.filter(email=SECOND).exists()
    page.get_by_role("button", name=fr("Yes, remove it")).click()

    expect(page.get_by_role("status")).to_contain_text(SECOND)
    assert not EmailAddress.objects.filter(email=SECOND).exists()
    context.close()
