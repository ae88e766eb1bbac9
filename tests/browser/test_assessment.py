"""The positioning test in the browser, on a phone, in French, without an
account: questions one by one, a picture question, the result drawn as a chart
with its text equivalent and printable, a recommended workshop near home opened
and booked from there (with an account made on the way, which the result
joins). axe on every page type."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from assessment.models import Attempt, Item, TestDefinition
from assessment.questions import questions
from learners.models import User
from scheduling.models import Booking
from tests.badges.factories import competence
from tests.browser.test_learner_journey import sign_up_and_confirm
from tests.factories import CourseBuilder, learner_create
from tests.scheduling.factories import organiser_create, session_create

PHONE = {"width": 320, "height": 640}


@pytest.fixture(autouse=True)
def _bank(item_bank):
    """The demo bank, published again after the last test's flush."""


def answer_shown(page: Page, *, right: bool) -> None:
    item = page.locator("input[name=item]").input_value()
    question = questions()[item]
    if question.type == "order":
        for step in range(len(question.answers)):
            page.locator(f"#position-{step}").select_option(str(step + 1))
    else:
        for index, choice in enumerate(question.answers):
            if choice.correct == right:
                page.locator(f"#answer-{index}").check()
                if not right or question.type != "multiple":
                    break
    page.get_by_role("button", name="Suivant").click()


def test_a_person_finds_where_they_stand_and_a_workshop_nearby(
    page: Page, site, assert_accessible
):
    page.set_viewport_size(PHONE)
    course = CourseBuilder(site).build(title="Se protéger en ligne", modules=1)
    # The competences' rows are made again: a transactional test empties them.
    course.competences.add(competence("4.1"))
    course.save_revision().publish()
    namur = organiser_create(
        name="EPN de Namur", members=[learner_create(email="anim@epn.be")]
    )
    session_create(namur, title="Atelier sécurité", course=course)

    page.goto("/")
    page.get_by_text("Menu").click()
    page.get_by_role("link", name="Où en suis-je ?").click()
    assert_accessible(page)
    page.get_by_role("button", name="Commencer le test").click()

    # A press without an answer is said where the person looks.
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    while page.locator("input[name=item]").count():
        item = page.locator("input[name=item]").input_value()
        answer_shown(page, right=not questions()[item].competence.startswith("4."))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre résultat")
    assert_accessible(page)

    page.get_by_label("Votre code postal ou votre commune").fill("5000")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Atelier sécurité").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Atelier sécurité")
    workshop = page.url

    # To book, she makes an account; her result comes with her.
    mail.outbox.clear()
    page.get_by_role("link", name="Connectez-vous pour réserver").click()
    page.get_by_role("link", name="Créez-en un").click()
    sign_up_and_confirm(page, email="nadia@example.be", name="Nadia")
    # Back on the workshop she was booking (the sign-up kept where she was going).
    expect(page).to_have_url(re.compile(re.escape(workshop) + "$"))
    page.get_by_role("button", name="Réserver ma place").click()
    expect(page.locator(".result-ok")).to_have_text("Votre place est réservée.")
    assert_accessible(page)
    nadia = User.objects.get(email="nadia@example.be")
    assert Booking.objects.get(session__title="Atelier sécurité").user == nadia
    assert Attempt.objects.get(finished_at__isnull=False).user == nadia


def test_a_facilitator_types_in_a_paper_test(page: Page, site, assert_accessible):
    from desk import services as desk
    from desk.consent import NOTICE_POINT_CODES
    from tests.browser.test_learner_journey import sign_in

    facilitator = learner_create(email="anim@epn-namur.be", display_name="Anim")
    namur = organiser_create(name="EPN de Namur", members=[facilitator])
    desk.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Josiane",
        explained=NOTICE_POINT_CODES,
    )

    sign_in(page, "anim@epn-namur.be")
    page.goto("/desk/")
    page.get_by_role("link", name="Josiane").click()
    page.get_by_role(
        "link", name="Encoder un test de positionnement sur papier"
    ).click()
    assert_accessible(page)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="La version papier (à imprimer)").click()
    assert_accessible(opened.value)
    opened.value.close()

    page.locator("input[value=right]").first.check()
    page.locator("input[value=wrong]").nth(1).check()
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.locator(".messages")).to_contain_text("Josiane")
    expect(page.locator(".action-log")).to_contain_text("1/2")


def test_the_question_can_be_listened_to(page: Page, site):
    page.add_init_script(
        """
        window.spoken = [];
        window.speechSynthesis.speak = (u) => window.spoken.push([u.text, u.lang]);
        """
    )
    page.goto("/test/")
    page.get_by_role("button", name="Commencer le test").click()

    page.get_by_role("button", name="Écouter la question").click()

    text, lang = page.evaluate("window.spoken[0]")
    assert lang == "fr"
    assert page.locator("legend").inner_text().strip() in text
    assert page.locator("label").first.inner_text().strip() in text


def test_a_picture_question_on_a_phone_and_a_printable_result(
    page: Page, site, assert_accessible
):
    from courses.models import Competence

    page.set_viewport_size(PHONE)
    # Only 4.1 up to level 2, where the picture question is the one left.
    competence("4.1")
    definition = TestDefinition.objects.create(top_level=2)
    definition.competences.add(Competence.objects.get(code="4.1"))
    for other in Item.objects.filter(competence="4.1", level=2).exclude(type="picture"):
        other.unpublish()
    page.add_init_script("window.print = () => { window.printed = true; };")

    page.goto("/test/")
    page.get_by_role("button", name="Commencer le test").click()
    answer_shown(page, right=True)

    expect(page.get_by_role("img", name="Le haut d'une fenêtre")).to_be_visible()
    expect(page.locator("svg.picture .marker")).to_have_count(3)
    assert_accessible(page)
    page.get_by_label("Repère 2 : Le petit cadenas").check()
    page.get_by_role("button", name="Suivant").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre résultat")
    expect(page.locator("svg.profile-chart")).to_be_visible()
    expect(page.locator("#profile-table")).to_contain_text("2 sur 2")
    assert_accessible(page)
    page.get_by_role("button", name="Imprimer mon résultat").click()
    assert page.evaluate("window.printed") is True
