"""Two people at once: the pages shared from the cache carry nothing personal."""

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_learner_journey import answer, sign_in
from tests.factories import CourseBuilder, learner_create, lessons_of


def test_what_a_signed_in_person_sees_never_reaches_a_visitor(
    page: Page, browser: Browser, browser_context_args, site
):
    course = CourseBuilder(site).build(title="Mon smartphone", modules=1, lessons=1)
    learner_create(email="lea@example.be", display_name="Léa Dupont")
    lesson = lessons_of(course)[0]
    visitor = browser.new_context(**browser_context_args).new_page()
    for url in ("/", course.url, lesson.url):  # now in the cache
        visitor.goto(url)

    sign_in(page, "lea@example.be")
    page.goto(course.url)
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    message = page.locator(".messages").first  # "enrolled", for her only
    expect(message).to_be_visible()
    said = message.inner_text().strip()
    page.goto(course.url)
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.goto(lesson.url)
    answer(page, "Question 1 de Leçon 1.1", "La mauvaise")
    expect(page.get_by_text("Non, relisez.")).to_be_visible()  # her feedback

    visitor.goto(lesson.url)  # the lesson a visitor reads: nobody's answers
    expect(visitor.get_by_text("Question 1 de Leçon 1.1")).to_be_visible()
    expect(visitor.get_by_text("Non, relisez.")).to_have_count(0)
    expect(visitor.locator("input:checked")).to_have_count(0)
    expect(visitor.get_by_role("button", name="Vérifier ma réponse")).to_have_count(0)
    for url in ("/", course.url, lesson.url):
        visitor.goto(url)
        expect(visitor.get_by_role("button", name="Se déconnecter")).to_have_count(0)
        expect(visitor.get_by_text(said)).to_have_count(0)
        expect(
            visitor.get_by_role("button", name="M'inscrire à ce cours")
            .or_(visitor.get_by_role("link", name="Se connecter"))
            .first
        ).to_be_visible()
        assert "Léa" not in visitor.content()
    visitor.context.close()
