"""What a learner who finished a course is offered: their certificate, their
badges, another course; on the course page, the course again from the start."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from learners import services
from tests.badges.factories import course_finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def fr(message: str) -> str:
    """What a French page says for this msgid, whatever the catalogue holds today."""
    with translation.override("fr"):
        return escape(gettext(message))


def main_of(response) -> str:
    """The page's own content, without the menu (which links to the badges too)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def certificate_url(enrolment) -> str:
    return reverse("badges:certificate_pdf", args=[enrolment.id])


def test_a_finished_course_shows_the_certificate_the_badges_and_another_course(
    client, learner, course
):
    enrolment = course_finish(learner, course)
    client.force_login(learner)

    page = main_of(client.get(reverse("learners:enrolment", args=[enrolment.id])))

    assert fr("What next?") in page
    assert (
        f'<a class="button" href="{certificate_url(enrolment)}" download>'
        f"{fr('Download my certificate (PDF)')}</a>"
    ) in page
    assert f'<a href="{reverse("badges:backpack")}">{fr("See my badges")}</a>' in page
    assert f'<a href="/">{fr("Find another course")}</a>' in page
    assert fr("Continue where I left off") not in page


def test_the_certificate_offered_is_the_learners_own(
    client, learner, other_learner, course
):
    enrolment = course_finish(learner, course)
    client.force_login(learner)
    page = main_of(client.get(reverse("learners:enrolment", args=[enrolment.id])))
    link = certificate_url(enrolment)
    assert f'href="{link}"' in page

    mine = client.get(link)
    client.force_login(other_learner)
    theirs = client.get(link)

    assert mine.status_code == 200
    assert mine["Content-Type"] == "application/pdf"
    assert theirs.status_code == 404


def test_a_course_in_progress_offers_to_continue_and_no_certificate(
    client, learner, course
):
    enrolment = services.enrolment_create(user=learner, course=course)
    client.force_login(learner)

    detail = main_of(client.get(reverse("learners:enrolment", args=[enrolment.id])))
    course_page = main_of(client.get(course.url))

    for page in (detail, course_page):
        assert certificate_url(enrolment) not in page
        assert fr("What next?") not in page
        assert reverse("learners:resume", args=[course.id]) in page


def test_a_finished_course_page_offers_the_certificate_and_the_course_again(
    client, learner, course
):
    """At 100 %, "Continue where I left off" would only reopen the last lesson."""
    enrolment = course_finish(learner, course)
    first = lessons_of(course)[0]
    client.force_login(learner)

    page = main_of(client.get(course.url))

    assert fr("Continue where I left off") not in page
    assert reverse("learners:resume", args=[course.id]) not in page
    assert fr("Completed on %(date)s").split("%")[0] in page
    assert (
        f'<a class="button" href="{certificate_url(enrolment)}" download>'
        f"{fr('Download my certificate (PDF)')}</a>"
    ) in page
    assert (
        f'<a class="button secondary" href="{first.url}">'
        f"{fr('Review the course from the start')}</a>"
    ) in page
