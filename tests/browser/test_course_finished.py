"""On a phone, in French: a learner who finished a course finds their certificate,
their badges and another course; the course and lesson pages say which words are
the course's language (a Dutch course here) and pass axe at 320 px."""

import re

from playwright.sync_api import Browser, expect

from tests.badges.factories import course_finish
from tests.browser.test_assisted_accounts import PHONE, fr
from tests.browser.test_journeys import fits_the_screen
from tests.browser.test_learner_journey import sign_in
from tests.factories import CourseBuilder, learner_create, lessons_of


def test_a_finished_course_leads_to_the_certificate_and_the_next_steps(
    browser: Browser, browser_context_args, site, assert_accessible
):
    course = CourseBuilder(site).build(
        title="Mijn smartphone", modules=1, lessons=2, questions=1
    )
    course.language = "nl"
    course.save_revision().publish()
    learner = learner_create(email="lea@example.be", display_name="Léa")
    enrolment = course_finish(learner, course)
    phone = browser.new_context(**{**browser_context_args, **PHONE})
    page = phone.new_page()
    sign_in(page, "lea@example.be")

    page.goto(f"/learn/enrolments/{enrolment.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name=fr("What next?"))).to_be_visible()
    fits_the_screen(page)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=fr("Download my certificate (PDF)")).click()
    assert download.value.suggested_filename == f"certificat-{course.slug}.pdf"
    page.get_by_role("link", name=fr("See my badges")).click()
    expect(page).to_have_url(re.compile(r"/badges/backpack/$"))

    page.goto(course.url)
    review = page.get_by_role("link", name=fr("Review the course from the start"))
    expect(review).to_be_visible()
    expect(page.get_by_text(fr("Continue where I left off"))).to_have_count(0)
    fits_the_screen(page)
    assert_accessible(page)

    review.click()
    expect(page).to_have_url(re.compile(re.escape(lessons_of(course)[0].url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nl")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    fits_the_screen(page)
    assert_accessible(page)
    phone.close()
