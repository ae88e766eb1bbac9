"""An accompanied session in the browser: the facilitator's screen shows a code,
the person types it on their phone, answers a question accompanied, ends the
session and answers again alone; the statements say which was which."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from desk import cards, services
from desk.consent import NOTICE_POINT_CODES
from learners import services as learning
from learners import statements as xs
from learners.learning_mode import learning_mode_iri
from tests.browser.test_assisted_accounts import PHONE, fr
from tests.browser.test_journeys import open_menu
from tests.browser.test_learner_journey import answer, sign_in
from tests.factories import CourseBuilder, learner_create, lessons_of
from tests.scheduling.factories import organiser_create
from xapi.models import Statement

FACILITATOR = "anim@epn-namur.be"


def modes_of_answers() -> list[str]:
    return [
        s.data["context"]["extensions"][learning_mode_iri()]
        for s in Statement.objects.filter(verb_id=xs.ANSWERED).order_by("stored")
    ]


def test_a_person_learns_accompanied_then_alone(
    page: Page, browser: Browser, browser_context_args, site, assert_accessible
):
    course = CourseBuilder(site).build(
        title="Mon smartphone", modules=1, lessons=1, questions=1
    )
    facilitator = learner_create(email=FACILITATOR, display_name="Anim")
    namur = organiser_create(name="EPN de Namur", members=[facilitator])
    issued = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Josiane",
        explained=NOTICE_POINT_CODES,
    )
    josiane = issued.card.user
    learning.enrolment_create(user=josiane, course=course)
    lesson = lessons_of(course)[0]

    # The facilitator, at the desk, opens an accompanied session.
    sign_in(page, FACILITATOR)
    open_menu(page)
    page.get_by_role("link", name=fr("People I accompany")).click()
    page.get_by_role("link", name="Josiane").click()
    page.get_by_role(
        "button", name=fr("Accompany now (a code for their device)")
    ).click()
    code = page.locator(".accompany-code").inner_text()
    assert len(code) == 6
    assert_accessible(page)

    # Josiane, on her phone, signs in with her card and types the code.
    phone = browser.new_context(**{**browser_context_args, **PHONE})
    person = phone.new_page()
    person.goto(cards.card_link_url(issued.link_key))
    person.get_by_role("main").get_by_role("button", name=fr("Sign in")).click()
    open_menu(person)
    person.get_by_role("link", name=fr("Who helps me")).click()
    person.get_by_label(fr("The code on the facilitator's screen")).fill(code)
    person.get_by_role("button", name=fr("Start the accompanied session")).click()
    banner = person.locator(".accompanied-banner")
    expect(banner).to_contain_text("Anim")
    assert_accessible(person)

    person.goto(lesson.url)
    answer(person, "Question 1 de Leçon 1.1", "La mauvaise")
    expect(person.locator("form.question")).to_contain_text("Non, relisez.")

    person.get_by_role("button", name=fr("End the accompanied session")).click()
    expect(person.locator(".accompanied-banner")).to_have_count(0)
    person.goto(lesson.url)
    answer(person, "Question 1 de Leçon 1.1", "La bonne")
    expect(person.locator("form.question")).to_contain_text("Oui, c'est cela.")

    assert modes_of_answers() == ["accompanied", "alone"]
    phone.close()
