import re

from django.core import mail
from playwright.sync_api import Page, expect

from learners.models import Enrolment
from tests.browser.helpers import page_weight
from tests.factories import CourseBuilder, learner_create, lessons_of, question_ids

LESSON_BUDGET_BYTES = 150_000  # HTML + CSS + JS, uncompressed, media excluded


def sign_in(
    page: Page, email: str, password: str = "un-mot-de-passe-solide-42", *, base=""
):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter", exact=True).click()


def sign_up_and_confirm(page: Page, *, email: str, name: str) -> None:
    """On the sign-up page: an account made, then confirmed from its e-mail
    (opened in the same browser)."""
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Votre prénom ou un pseudo").fill(name)
    page.locator("#id_password1").fill("un-mot-de-passe-solide-42")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Confirmez votre adresse"
    )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    page.goto(link.group(0))
    page.get_by_role("button", name="Confirmer").click()


def answer(page: Page, question: str, choice: str):
    form = page.locator("form.question", has_text=question)
    form.get_by_label(choice).check()
    form.get_by_role("button", name="Vérifier ma réponse").click()


def test_learner_registers_enrols_answers_and_completes_a_course(
    page: Page, site, assert_accessible
):
    course = CourseBuilder(site).build(
        title="Mon smartphone", modules=1, lessons=2, questions=1
    )
    mail.outbox.clear()

    page.goto("/accounts/signup/")
    assert_accessible(page)
    sign_up_and_confirm(page, email="lea@example.be", name="Léa")

    page.goto(course.url)
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leçon 1.1")

    answer(page, "Question 1 de Leçon 1.1", "La mauvaise")
    expect(page.locator("form.question")).to_contain_text("Non, relisez.")
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.locator("#finish .error-summary")).to_contain_text("Pas encore")

    answer(page, "Question 1 de Leçon 1.1", "La bonne")
    expect(page.locator("form.question")).to_contain_text("Oui, c'est cela.")
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leçon 1.2")

    answer(page, "Question 1 de Leçon 1.2", "La bonne")
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_text("Félicitations")).to_be_visible()

    page.get_by_role("link", name="Mon apprentissage").click()
    card = page.locator(".card", has_text="Mon smartphone")
    expect(card).to_contain_text("2 leçons sur 2")
    expect(card).to_contain_text("Terminé le")
    assert Enrolment.objects.get(user__email="lea@example.be").completed_at


def test_learner_pages_are_accessible_and_light(page: Page, site, assert_accessible):
    course = CourseBuilder(site).build(title="Arnaques", modules=2, lessons=2)
    learner_create(email="jeanne@example.be", display_name="Jeanne")

    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in(page, "jeanne@example.be")

    for url in ["/", course.url]:
        page.goto(url)
        assert_accessible(page)
    page.goto(course.url)
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    answer(page, "Question 1 de Leçon 1.1", "La mauvaise")  # feedback shown
    assert_accessible(page)

    total, rows = page_weight(page, lessons_of(course)[1].url)
    print(f"\nlesson page: {total} bytes HTML+CSS+JS uncompressed: {rows}")
    assert total < LESSON_BUDGET_BYTES

    # A question sent with no answer chosen comes back saying so.
    lesson = lessons_of(course)[1]
    unanswered = question_ids(lesson)[0]
    page.goto(f"{lesson.url}?unanswered={unanswered}#question-{unanswered}")
    expect(page.locator("#question-" + unanswered + " [role=alert]")).to_be_visible()
    assert_accessible(page)

    for url in [
        "/learn/",
        "/learn/profile/",
        f"/learn/enrolments/{Enrolment.objects.get().id}/",
        "/learn/profile/delete/",
        "/agenda/mine/calendar-link/",  # asks before making a new link
    ]:
        page.goto(url)
        assert_accessible(page)
