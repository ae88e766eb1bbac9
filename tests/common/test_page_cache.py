"""Anonymous pages come from the cache, and never stale nor personal.

Each test first shows that the page is cached (a change made behind the cache's
back, without a signal, is not seen), then that the change the platform makes
(publish, unpublish, booking, language) is seen at once.
"""

import gzip

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import reverse

from common.page_cache import CONTENT, SharedPageMiddleware, shared_page
from courses.models import CoursePage
from scheduling import services as scheduling
from scheduling.models import Session
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_served_from_the_cache_until_a_course_is_published(
    client, course
):
    first = client.get("/")
    CoursePage.objects.filter(id=course.id).update(title="Titre en douce")

    behind_the_back = client.get("/")

    assert "Titre en douce" not in behind_the_back.content.decode()  # cached
    assert behind_the_back["Cache-Control"] == "public, no-cache"
    assert first["ETag"] == behind_the_back["ETag"]
    course.refresh_from_db()
    course.title = "Mon smartphone"
    course.save_revision().publish()
    assert "Mon smartphone" in client.get("/").content.decode()


def test_an_unpublished_course_leaves_the_catalogue_and_its_page_at_once(
    client, course
):
    assert client.get(course.url).status_code == 200
    assert "Premiers pas" in client.get("/").content.decode()

    course.unpublish()

    assert "Premiers pas" not in client.get("/").content.decode()
    assert client.get(course.url).status_code == 404


def test_a_booking_shows_on_the_agenda_at_once(client, learner):
    session = session_create(organiser_create(), capacity=3)
    assert "3 seats left" in _english(client, reverse("scheduling:agenda"))
    Session.objects.filter(id=session.id).update(title="Changé en douce")
    assert "Changé en douce" not in _english(client, reverse("scheduling:agenda"))

    scheduling.booking_create(session=session, name="Jeanne", user=learner)

    agenda = _english(client, reverse("scheduling:agenda"))
    assert "2 seats left" in agenda
    assert "Changé en douce" in agenda


def test_each_language_has_its_own_page(client, course):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get("/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    german = client.get("/")

    assert french["Content-Language"] == "fr"
    assert german["Content-Language"] == "de"
    assert french.content != german.content
    assert "Accept-Language" in german["Vary"]


def test_a_signed_in_persons_page_is_theirs_and_never_stored(client, course, learner):
    client.force_login(learner)

    theirs = client.get("/")

    assert theirs["Cache-Control"] == "private"
    assert reverse("account_logout") in theirs.content.decode()  # their menu
    client.logout()
    client.cookies.clear()
    visitor = client.get("/")
    assert reverse("account_logout") not in visitor.content.decode()
    assert visitor["Cache-Control"] == "public, no-cache"


def test_a_page_with_a_form_token_is_never_shared(rf):
    """The safety net: a visitor's own CSRF token never reaches another, even
    from a page its view marked as shared."""
    rendered = []

    @shared_page(CONTENT)
    def form_page(request):
        rendered.append(get_token(request))
        return HttpResponse(f"<input value='{rendered[-1]}'>")

    chain = SharedPageMiddleware(CsrfViewMiddleware(form_page))
    responses = [chain(rf.get("/form/")) for _ in range(2)]

    assert len(set(rendered)) == 2  # rendered for each visitor
    assert all("ETag" not in response for response in responses)
    assert responses[1].content.decode() == f"<input value='{rendered[1]}'>"


def test_a_page_comes_gzipped_once_and_plain_to_who_cannot_read_gzip(client, course):
    client.get("/", headers={"Accept-Encoding": "gzip"})
    CoursePage.objects.filter(id=course.id).update(title="Titre en douce")

    zipped = client.get("/", headers={"Accept-Encoding": "gzip, deflate, br"})
    plain = client.get("/", headers={"Accept-Encoding": "identity"})

    assert zipped["Content-Encoding"] == "gzip"
    page = gzip.decompress(zipped.content).decode()
    assert "Premiers pas" in page
    assert "Titre en douce" not in page  # from the cache
    assert "Content-Encoding" not in plain
    assert plain.content.decode() == page
    assert "Accept-Encoding" in zipped["Vary"]
    assert "Content-Security-Policy" in zipped  # the whole chain's headers kept


def test_a_proxy_revalidating_gets_a_304(client, course):
    etag = client.get("/")["ETag"]

    again = client.get("/", headers={"If-None-Match": etag})

    assert again.status_code == 304


def test_a_visitor_changes_language_without_a_token(client, course):
    client.handler.enforce_csrf_checks = True
    page = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in page

    response = client.post(
        reverse("learners:language"), {"language": "nl", "next": "/"}
    )

    assert response.status_code == 302
    assert client.get("/")["Content-Language"] == "nl"


def test_a_signed_in_person_still_needs_the_token_to_change_language(client, learner):
    client.handler.enforce_csrf_checks = True
    client.force_login(learner)

    response = client.post(reverse("learners:language"), {"language": "nl"})

    assert response.status_code == 403
    learner.refresh_from_db()
    assert learner.language != "nl"


def test_a_puzzle_lesson_from_the_cache_keeps_its_style_policy(client, course_builder):
    from courses.models import ModulePage

    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Code", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    lesson = course_builder.puzzle_lesson(module, title="Couloir")

    first, second = client.get(lesson.url), client.get(lesson.url)

    assert second["ETag"] == first["ETag"]  # the second came from the cache
    assert "'unsafe-inline'" in second["Content-Security-Policy"]


def test_with_redis_unreachable_pages_are_rendered_uncached(client, course, redis_down):
    assert client.get("/").status_code == 200
    CoursePage.objects.filter(id=course.id).update(title="Titre en douce")

    assert "Titre en douce" in client.get("/").content.decode()


def _english(client, url) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(url).content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, course):
    from wagtail.models import PageViewRestriction

    assert client.get(course.url).status_code == 200

    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(course.url).status_code == 302  # to sign in


def test_a_lesson_with_questions_is_shared_with_visitors_without_a_token(
    client, course
):
    from tests.factories import lessons_of

    lesson = lessons_of(course)[1]
    first = client.get(lesson.url)
    second = client.get(lesson.url)

    html = second.content.decode()
    assert "Question 1 de Leçon 1.2 ?" in html  # readable, answered by nobody
    assert "<fieldset disabled>" in html
    assert "csrfmiddlewaretoken" not in html
    assert second["Cache-Control"] == "public, no-cache"
    assert second["ETag"] == first["ETag"]  # the second came from the cache


def test_the_sign_out_message_shows_on_the_page_landed_on_not_to_the_next_visitor(
    client, course, learner
):
    from django.test import Client

    client.get("/")  # the catalogue, in the cache for visitors
    client.force_login(learner)

    signed_out = client.post(reverse("account_logout"))
    # A browser drops the session cookie the sign-out expires; the client keeps
    # it, empty: it is dropped here as the browser does.
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == ""
    del client.cookies[settings.SESSION_COOKIE_NAME]
    landed = client.get(signed_out.url)

    assert signed_out.url == "/"
    assert "Vous êtes déconnecté" in landed.content.decode()
    assert landed["Cache-Control"] == "private"  # a message: not shared
    next_visitor = Client()
    assert "Vous êtes déconnecté" not in next_visitor.get("/").content.decode()
    assert "Vous êtes déconnecté" not in client.get("/").content.decode()  # shown once
