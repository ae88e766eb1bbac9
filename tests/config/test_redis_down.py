"""Redis unreachable: every core flow answers as designed, and nothing is stored
twice or stored and reported failed.

Redis carries the cache (common.cache falls back to each process's memory), the
channel layer (live views are skipped) and the Celery broker (dispatch after
commit is logged, never raised). The ``redis_down`` fixture points all three at
a port nobody listens on, in the production settings' shape.
"""

import json
import logging
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from common.models import DeferredTask
from learners import services as learning
from learners import statements as xs
from learners.models import LessonProgress
from scheduling.models import Booking
from tests.factories import PASSWORD, lessons_of, question_ids
from tests.scheduling.factories import in_english, session_create
from tests.wallcode.factories import partner_create
from tests.xapi.test_api import Lrs, statement
from wallcode.models import PendingRegistration
from xapi.models import Scope, Statement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_down")]


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A client whose requests run their after-commit work, as outside a test."""
    request = client.request

    def committing(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(**kwargs)

    client.request = committing
    return client


def deferred(task: str) -> list[list]:
    """The arguments of each call of ``task`` kept for when the broker is back."""
    return [t.args for t in DeferredTask.objects.filter(name=task)]


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_cache_is_the_fallback_while_redis_is_down(caplog):
    cache.set("menu", ["Accueil"])

    assert cache.get("menu") == ["Accueil"]
    assert cache.is_down()
    # The outage is told once, not at every call.
    outage = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outage) == 1


def test_the_home_page_is_served(client, catalogue):
    response = client.get("/")

    assert response.status_code == 200
    assert "<main" in response.content.decode()


def test_a_learner_signs_in(client, learner):
    response = client.post(
        "/accounts/login/", {"login": learner.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_a_learner_stays_signed_in_then_signs_out_from_the_database(client, learner):
    client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})

    assert client.get("/learn/").wsgi_request.user == learner
    client.post("/accounts/logout/")
    response = client.get("/learn/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_sign_in_limit_holds_from_the_fallback(client, learner):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(5):
        client.post("/accounts/login/", {"login": learner.email, "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": learner.email, "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.fixture
def enrolled(client, learner, course):
    client.force_login(learner)
    learning.enrolment_create(user=learner, course=course)
    return lessons_of(course)[0]


def test_a_learner_reads_a_lesson(client, enrolled):
    response = client.get(enrolled.url)

    assert response.status_code == 200
    assert enrolled.title in response.content.decode()


def test_an_answer_is_stored_once_and_its_feedback_shown(client, enrolled, caplog):
    question = question_ids(enrolled)[0]

    page = client.post(
        reverse("learners:answer", args=[enrolled.id, question]),
        {"answer": "0"},
        follow=True,
    )

    assert page.status_code == 200
    assert "Oui, c&#x27;est cela." in page.content.decode()
    assert Statement.objects.filter(verb_id=xs.ANSWERED).count() == 1
    assert all("OperationalError" in error for error in errors(caplog))


def test_a_lesson_is_completed_once(client, learner, enrolled):
    for question, value in enrolled.questions.items():
        right = [str(i) for i, a in enumerate(value["answers"]) if a["correct"]]
        client.post(
            reverse("learners:answer", args=[enrolled.id, question]), {"answer": right}
        )

    response = client.post(reverse("learners:complete", args=[enrolled.id]))

    assert response.status_code == 302
    done = LessonProgress.objects.filter(enrolment__user=learner, lesson=enrolled)
    assert done.count() == 1
    assert done.get().completed_at is not None


def test_a_seat_is_booked_online_once(client, learner, namur):
    session = session_create(namur, capacity=3)
    client.force_login(learner)
    in_english(client)
    # The page is served; its live seat count cannot subscribe (skipped).
    assert (
        client.get(reverse("scheduling:session", args=[session.id])).status_code == 200
    )

    response = client.post(reverse("scheduling:book", args=[session.id]), follow=True)

    assert response.status_code == 200
    assert "Your seat is booked." in response.content.decode()
    (booking,) = Booking.objects.filter(session=session, user=learner)
    session.refresh_from_db()
    assert session.seats_taken == 1
    # The confirmation e-mail waits for the broker.
    assert deferred("scheduling.tasks.booking_notify") == [[booking.id, "booked"]]


def test_a_person_is_booked_at_the_desk_once(client, facilitator, namur):
    session = session_create(namur, capacity=3)
    client.force_login(facilitator)

    response = client.post(
        f"/agenda/facilitator/sessions/{session.id}/",
        {"name": "Josiane", "phone": "0470 12 34 56", "seats": 1},
    )

    assert response.status_code == 302
    (booking,) = Booking.objects.filter(session=session, name="Josiane")
    session.refresh_from_db()
    assert session.seats_taken == 1
    assert deferred("scheduling.tasks.booking_notify") == [[booking.id, "booked"]]


def test_a_child_registration_is_stored_once_and_waits_for_confirmation(client):
    session = session_create(partner_create().organiser, capacity=24)

    response = client.post(
        f"/wallcode/sessions/{session.id}/child/",
        {
            "first_name": "Léa",
            "age_band": "12-15",
            "postal_code": "4000",
            "guardian_name": "Marc Dupont",
            "phone": "0470 12 34 56",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    (pending,) = PendingRegistration.objects.filter(session=session)
    assert not Booking.objects.filter(session=session).exists()
    # The confirmation link is sent once the broker is back.
    (call,) = deferred("wallcode.tasks.registration_confirmation_send")
    assert call[0] == pending.id


def test_statements_posted_by_a_client_are_stored_and_acknowledged(client, caplog):
    lrs = Lrs(client, "Module H5P", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])
    sent = [statement(), statement()]

    response = lrs.post(sent)

    assert response.status_code == 200
    assert json.loads(response.content) == [s["id"] for s in sent]
    stored = Statement.objects.filter(id__in=[uuid.UUID(s["id"]) for s in sent])
    assert stored.count() == 2
    # Nobody can watch, no outbox: nothing to dispatch, nothing to complain of.
    assert errors(caplog) == []
