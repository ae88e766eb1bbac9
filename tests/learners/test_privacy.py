import json

import pytest
from django.urls import reverse

from learners import services
from learners.models import Enrolment, LessonProgress, User
from tests.factories import PASSWORD, lessons_of, question_ids
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def some_learning(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    services.question_answer(
        user=learner, lesson=lesson, question_id=question_ids(lesson)[0], response=["0"]
    )


def test_export_holds_profile_enrolments_and_statements(client, learner, course):
    some_learning(learner, course)
    client.force_login(learner)

    response = client.get(reverse("learners:data_export"))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees.json"'
    assert data["profile"]["email"] == learner.email
    assert data["enrolments"][0]["course"] == course.title
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in data["statements"]]
    assert verbs == ["registered", "answered"]


def test_export_holds_only_my_statements(client, learner, other_learner, course):
    some_learning(learner, course)
    some_learning(other_learner, course)
    client.force_login(learner)

    data = json.loads(client.get(reverse("learners:data_export")).content)

    assert len(data["statements"]) == 2
    assert {s["actor"]["account"]["name"] for s in data["statements"]} == {
        str(learner.learner_uid)
    }


def test_erasure_removes_statements_and_progress_follows(
    client, learner, other_learner, course
):
    some_learning(learner, course)
    some_learning(other_learner, course)
    client.force_login(learner)

    client.post(reverse("learners:account_delete"), {"password": PASSWORD})

    assert not User.objects.filter(id=learner.id).exists()
    assert Enrolment.objects.count() == 1
    assert LessonProgress.objects.count() == 1
    assert Statement.objects.count() == 2  # the other learner's
    assert str(learner.learner_uid) not in str(
        list(Statement.objects.values_list("data", flat=True))
    )


def test_erasure_needs_the_password(client, learner, course):
    some_learning(learner, course)
    client.force_login(learner)

    response = client.post(reverse("learners:account_delete"), {"password": "no"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert Statement.objects.count() == 2


def test_erasure_removes_the_learners_xapi_documents(client, learner, course):
    from learners import statements as xs
    from xapi.documents import DocumentContext, document_put
    from xapi.models import Document

    document_put(
        context=DocumentContext(
            kind="state", activity_id="https://x.be/h5p/1", agent=xs.agent_of(learner)
        ),
        document_id="progress",
        content=b'{"page": 3}',
        content_type="application/json",
    )
    client.force_login(learner)

    client.post(reverse("learners:account_delete"), {"password": PASSWORD})

    assert not Document.objects.exists()
