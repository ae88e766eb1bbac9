"""Moderation in French names and the recipient's language; no Gravatar."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Task, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from courses.models import LessonPage
from learners import services as learners
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


def staff(email: str, group: str, *, language: str = "fr"):
    user = learner_create(email=email, language=language)
    user.groups.add(Group.objects.get(name=group))  # made by Wagtail's migrations
    return user


def submit_lesson(client, module, title: str):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.id]),
        nested_form_data(
            {
                "title": title,
                "slug": "lecon-soumise",
                "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
                "estimated_duration": 10,
                "pass_mark": 70,
                "action-submit": "submit",
            }
        ),
    )


def test_the_default_workflow_and_its_task_have_french_names():
    assert Workflow.objects.filter(name="Relecture par la modération").exists()
    assert Task.objects.filter(name="Validation par un modérateur").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_a_french_editor_submits_to_a_french_named_workflow(client, course):
    module = course.get_children().first()
    client.force_login(staff("elise@example.be", "Editors"))

    html = client.get(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.id])
    ).content.decode()

    assert "Relecture par la modération" in html
    assert "Moderators approval" not in html


def test_moderators_are_told_in_their_own_language_not_the_editors(client, course):
    module = course.get_children().first()
    staff("marc@example.be", "Moderators", language="fr")
    staff("hans@example.be", "Moderators", language="de")
    client.force_login(staff("jane@example.be", "Editors", language="en"))
    mail.outbox.clear()

    submit_lesson(client, module, "Leçon à relire")

    assert not LessonPage.objects.get(title="Leçon à relire").live
    by_recipient = {message.to[0]: message for message in mail.outbox}
    french = by_recipient["marc@example.be"]
    german = by_recipient["hans@example.be"]
    for message in (french, german):
        assert "Leçon à relire" in message.subject
        assert "submitted" not in message.subject  # Wagtail's English
    assert french.subject != german.subject
    assert "Validation par un modérateur" in french.subject + french.body


def test_a_profile_language_change_reaches_the_wagtail_profile(learner):
    profile = UserProfile.get_for_user(learner)
    assert profile.preferred_language == "fr"

    learners.user_profile_update(user=learner, language="nl")

    profile.refresh_from_db()
    assert profile.preferred_language == "nl"


def test_the_admin_shows_no_gravatar(client):
    client.force_login(staff("elise@example.be", "Editors"))

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        response = client.get(url)
        assert response.status_code == 200
        assert "gravatar" not in response.content.decode().lower()
