import re

from playwright.sync_api import Page, expect

from courses.models import LessonPage
from tests.factories import PASSWORD, CourseBuilder, editor_create


def admin_sign_in(page: Page, email: str):
    page.goto("/admin/login/")  # leads to the platform's sign-in form (allauth)
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("link", name="Pages")).to_be_visible()


def test_editor_creates_and_publishes_a_lesson(page: Page, site):
    course = CourseBuilder(site).build(title="Courriel", modules=1, lessons=1)
    module = course.get_children().first()
    editor_create(email="elise@example.be", can_publish=True)
    admin_sign_in(page, "elise@example.be")

    page.goto(f"/admin/pages/add/courses/lessonpage/{module.id}/")
    page.get_by_placeholder("Titre de la page*").fill("Écrire un courriel")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Texte").click()
    text = page.locator(".public-DraftEditor-content").first
    text.click()
    page.keyboard.type("Un courriel commence par une formule de politesse.")
    # Draftail saves its state into a hidden input after a short debounce.
    expect(page.locator("input[name='body-0-value']")).to_have_value(
        re.compile("formule de politesse")
    )
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("Écrire un courriel")

    lesson = LessonPage.objects.get(title="Écrire un courriel")
    assert lesson.live
    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Écrire un courriel")
    expect(page.get_by_text("formule de politesse")).to_be_visible()
