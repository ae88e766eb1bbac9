"""Editors author in the Wagtail admin; moderators approve; learners see it live."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


def staff(email: str, group: str):
    user = learner_create(email=email)
    user.groups.add(Group.objects.get(name=group))  # made by Wagtail's migrations
    return user


def lesson_form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "nouvelle-lecon",
            "body": streamfield(
                [("paragraph", rich_text("<p>Un texte pour apprendre.</p>"))]
            ),
            "estimated_duration": 10,
            "pass_mark": 70,
            **extra,
        }
    )


def test_editor_submits_a_lesson_and_moderator_approves_it(client, course):
    module = course.get_children().first()
    client.force_login(staff("elise@example.be", "Editors"))

    client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.id]),
        lesson_form("Nouvelle leçon", **{"action-submit": "submit"}),
    )

    lesson = LessonPage.objects.get(title="Nouvelle leçon")
    assert not lesson.live
    task_state = lesson.current_workflow_task_state
    assert task_state is not None  # in review, not published

    client.force_login(staff("marc@example.be", "Moderators"))
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[lesson.id, "approve", task_state.id],
        ),
        {"comment": "Très bien"},
    )

    lesson.refresh_from_db()
    assert lesson.live
    assert "Un texte pour apprendre." in client.get(lesson.url).content.decode()


def test_editor_cannot_publish_directly(client, course):
    module = course.get_children().first()
    client.force_login(staff("elise@example.be", "Editors"))

    client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.id]),
        lesson_form("Leçon pressée", **{"action-publish": "publish"}),
    )

    assert not LessonPage.objects.get(title="Leçon pressée").live


def test_scheduled_publishing_publishes_when_the_time_comes(course):
    from courses.tasks import publish_scheduled_pages

    lesson = LessonPage.objects.descendant_of(course).first()
    lesson.title = "Leçon révisée"
    revision = lesson.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()

    publish_scheduled_pages.delay()

    lesson.refresh_from_db()
    assert lesson.title == "Leçon révisée"


def test_revisions_are_kept_for_every_save(course):
    lesson = LessonPage.objects.descendant_of(course).first()
    before = lesson.revisions.count()

    lesson.title = "Deuxième version"
    lesson.save_revision()

    assert lesson.revisions.count() == before + 1


def test_editor_preview_renders_a_draft_without_recording_progress(client, course):
    lesson = LessonPage.objects.descendant_of(course).first()
    client.force_login(staff("elise@example.be", "Editors"))

    response = client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.id]),
        lesson_form("Aperçu du brouillon"),
    )
    assert response.json()["is_valid"]
    preview = client.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.id])
    )

    assert "Aperçu du brouillon" in preview.content.decode()


def test_admin_search_finds_courses(client, course):
    client.force_login(staff("elise@example.be", "Editors"))

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": course.title})

    assert course.title in response.content.decode()
    assert CoursePage.objects.search(course.title).count() >= 1
