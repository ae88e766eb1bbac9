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


@pytest.fixture
def card_holder(db):
    """An account made at an EPN desk: no e-mail, no password."""
    return User.objects.create_assisted_user(display_name="Léa")


def test_a_person_without_password_confirms_erasure_with_a_tick(
    client, card_holder, course
):
    some_learning(card_holder, course)
    client.force_login(card_holder)
    client.cookies["django_language"] = "en"

    form = client.get(reverse("learners:account_delete")).context["form"]
    assert list(form.fields) == ["understood"]
    page = client.get(reverse("learners:account_delete")).content.decode()
    assert 'type="password"' not in page
    assert "This cannot be undone." in page

    refused = client.post(reverse("learners:account_delete"), {})
    assert refused.status_code == 200
    assert refused.context["form"].errors["understood"] == ["Tick the box to confirm."]
    assert User.objects.filter(id=card_holder.id).exists()
    assert Statement.objects.count() == 2

    done = client.post(reverse("learners:account_delete"), {"understood": "on"})

    assert done.status_code == 302
    assert not User.objects.filter(id=card_holder.id).exists()
    assert not Statement.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_person_with_a_password_cannot_erase_with_a_tick_only(
    client, learner, course
):
    some_learning(learner, course)
    client.force_login(learner)

    response = client.post(reverse("learners:account_delete"), {"understood": "on"})

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["password"]
    assert User.objects.filter(id=learner.id).exists()


def test_the_export_of_a_card_holder_has_their_cards_but_no_secret(client, card_holder):
    from learners import login_cards

    issued = login_cards.card_issue(user=card_holder, issued_by=None)
    client.force_login(card_holder)

    data = json.loads(client.get(reverse("learners:data_export")).content)

    [card] = data["login_cards"]
    assert card["code"] == issued.code_display
    assert card["revoked_at"] is None
    served = json.dumps(data)
    assert issued.link_key not in served
    assert issued.card.pin not in served
    assert issued.card.link_key_digest not in served
