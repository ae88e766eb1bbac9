"""Whose statements count toward progress, and statements the projection cannot use.

Progress, certificates and badges count a statement about the platform's own
activities only when the platform, or an LRS client an operator trusts for
progress, is its authority. Any other statement is stored and served by the LRS,
and never projected. Odd but valid statements are skipped with a log line, and
neither the live projection nor ``rebuild_progress`` stops on them.
"""

import base64
import json
import logging
import uuid

import pytest
from django.core.management import call_command

from badges import tasks as badge_tasks
from badges.models import Assertion, AwardRule
from learners import services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.badges.factories import badge_class_create
from tests.factories import PASSWORD, lessons_of
from xapi import services as lrs
from xapi.clients import client_create
from xapi.models import Scope, Statement

pytestmark = pytest.mark.django_db

TIMESTAMP = "2025-03-01T10:00:00+00:00"


def post(http, client_credentials, body):
    record, secret = client_credentials
    token = base64.b64encode(f"{record.key}:{secret}".encode()).decode()
    return http.post(
        "/xapi/statements",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {token}",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )


def about(enrolment, kind, page_id, verb, *, question="", result=None, **changes):
    """A valid statement of the enrolment's learner about one of our activities."""
    statement = {
        "id": str(uuid.uuid4()),
        "actor": xs.agent_of(enrolment.user),
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {
            "objectType": "Activity",
            "id": xs.activity_iri(kind, page_id, question),
        },
        "context": {"registration": str(enrolment.registration)},
        "timestamp": TIMESTAMP,
    }
    if result is not None:
        statement["result"] = result
    statement.update(changes)
    return statement


@pytest.fixture
def enrolment(learner, course):
    return services.enrolment_create(user=learner, course=course)


@pytest.fixture
def writer():
    """An external content client with the default scopes, not trusted."""
    return client_create(name="external-content", scopes=[Scope.STATEMENTS_WRITE])


@pytest.fixture
def trusted():
    """A client an operator trusts for the platform's own content."""
    return client_create(
        name="trusted-player",
        scopes=[Scope.STATEMENTS_WRITE],
        trusted_for_progress=True,
    )


def test_untrusted_client_completion_is_stored_but_never_projected(
    client, enrolment, course, learner, writer, committed
):
    badge_class_create(rule=AwardRule.COURSE_COMPLETED, rule_course=course)
    forged = [
        about(
            enrolment, "lessons", lesson.id, xs.COMPLETED, result={"completion": True}
        )
        for lesson in lessons_of(course)
    ]
    forged.append(about(enrolment, "courses", course.id, xs.COMPLETED))

    with committed(execute=True):
        assert post(client, writer, forged).status_code == 200
    call_command("rebuild_progress")

    assert Statement.objects.filter(id__in=[s["id"] for s in forged]).count() == 5
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert enrolment.lessons_completed == 0
    assert not LessonProgress.objects.exists()
    client.login(email=learner.email, password=PASSWORD)
    pdf = client.get(f"/badges/certificates/enrolments/{enrolment.id}.pdf")
    assert pdf.status_code == 404
    assert not Assertion.objects.exists()


def test_untrusted_completion_does_not_even_queue_a_badge_check(
    client, enrolment, course, writer, committed, monkeypatch
):
    checked = []
    monkeypatch.setattr(badge_tasks.badges_check, "delay", checked.append)

    with committed(execute=True):
        post(client, writer, about(enrolment, "courses", course.id, xs.COMPLETED))

    assert checked == []


def test_trusted_client_statements_count_live_and_after_a_rebuild(
    client, enrolment, course, trusted, committed
):
    lesson = lessons_of(course)[0]
    done = about(
        enrolment,
        "lessons",
        lesson.id,
        xs.PASSED,
        result={"completion": True, "success": True, "score": {"scaled": 0.8}},
    )

    with committed(execute=True):
        assert post(client, trusted, done).status_code == 200

    live = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert live.completed_at is not None
    assert live.score == 0.8
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 1
    call_command("rebuild_progress")
    rebuilt = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert (rebuilt.completed_at, rebuilt.score) == (live.completed_at, live.score)
    assert Enrolment.objects.get(id=enrolment.id).lessons_completed == 1


def test_trust_is_an_operator_setting_of_the_client(trusted, writer):
    from xapi import selectors

    keys = selectors.trusted_authority_keys()

    assert len(keys) == 1
    record, _secret = trusted
    assert record.key in next(iter(keys))


def test_lrs_client_command_creates_and_changes_trusted_clients(capsys):
    from xapi.models import LRSClient

    call_command("lrs_client", "create", "player", "--trusted-for-progress")
    assert LRSClient.objects.get(name="player").trusted_for_progress
    call_command("lrs_client", "trust", "player", "--off")
    assert not LRSClient.objects.get(name="player").trusted_for_progress
    call_command("lrs_client", "trust", "player")
    assert LRSClient.objects.get(name="player").trusted_for_progress
    call_command("lrs_client", "list")
    assert "trusted for progress" in capsys.readouterr().out


def odd_statements(enrolment, course, other_course, other_learner):
    """Valid xAPI statements of odd shapes, each with the enrolment's registration.

    Returns (statements the projection uses, statements it must skip).
    """
    first, second, third, fourth = lessons_of(course)
    question = next(iter(first.questions))
    applied = [
        # A result without a score, and a score without "scaled".
        about(
            enrolment, "lessons", first.id, xs.COMPLETED, result={"completion": True}
        ),
        about(
            enrolment,
            "lessons",
            second.id,
            xs.PASSED,
            result={"completion": True, "score": {"raw": 8, "min": 0, "max": 10}},
        ),
        # A verb the platform does not use, about one of its lessons: a start.
        about(
            enrolment, "lessons", third.id, "http://adlnet.gov/expapi/verbs/progressed"
        ),
        # A timestamp without an offset is taken as UTC.
        about(
            enrolment,
            "lessons",
            third.id,
            xs.EXPERIENCED,
            timestamp="2025-03-01T11:00:00",
        ),
    ]
    not_ours = "https://elsewhere.example/activities/lessons/1"
    skipped = [
        about(enrolment, "lessons", first.id, xs.ANSWERED, question=question),
        about(
            enrolment,
            "lessons",
            first.id,
            xs.ANSWERED,
            question=question,
            result={"response": "true"},
        ),
        about(
            enrolment,
            "lessons",
            first.id,
            xs.COMPLETED,
            object={"objectType": "Activity", "id": not_ours},
        ),
        about(enrolment, "lessons", lessons_of(other_course)[0].id, xs.COMPLETED),
        about(enrolment, "courses", other_course.id, xs.COMPLETED),
        about(enrolment, "modules", other_course.get_children()[0].id, xs.COMPLETED),
        about(enrolment, "lessons", 987654, xs.COMPLETED, result={"completion": True}),
        about(
            enrolment,
            "lessons",
            fourth.id,
            "http://adlnet.gov/expapi/verbs/commented",
            object={"objectType": "StatementRef", "id": str(uuid.uuid4())},
        ),
        about(
            enrolment,
            "lessons",
            fourth.id,
            xs.COMPLETED,
            object={
                "objectType": "SubStatement",
                "actor": xs.agent_of(enrolment.user),
                "verb": {"id": xs.COMPLETED},
                "object": {"id": xs.activity_iri("lessons", fourth.id)},
            },
        ),
        about(
            enrolment,
            "lessons",
            fourth.id,
            xs.COMPLETED,
            result={"completion": True},
            actor={"objectType": "Group", "member": [xs.agent_of(enrolment.user)]},
        ),
        about(
            enrolment,
            "lessons",
            fourth.id,
            xs.COMPLETED,
            result={"completion": True},
            actor=xs.agent_of(other_learner),
        ),
    ]
    return applied, skipped


def assert_odd_statements_projected(
    enrolment, course, applied, skipped, caplog, *, unlogged=()
):
    first, second, third, fourth = lessons_of(course)
    progress = {
        p.lesson_id: p for p in LessonProgress.objects.filter(enrolment=enrolment)
    }
    assert set(progress) == {first.id, second.id, third.id}
    assert progress[first.id].completed_at is not None
    assert progress[first.id].answers == {}
    assert progress[second.id].completed_at is not None
    assert progress[second.id].score is None
    assert progress[third.id].completed_at is None
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 2
    assert enrolment.completed_at is None
    assert enrolment.modules_completed == []
    logged = caplog.text
    for statement in skipped:
        assert (statement["id"] in logged) != (statement["id"] in unlogged)
    for statement in applied:
        assert statement["id"] not in logged
    # Statement ids and reasons only: no learner identifiers.
    assert str(enrolment.user.learner_uid) not in logged
    assert enrolment.user.email not in logged
    assert str(enrolment.registration) not in logged


def test_rebuild_skips_odd_statements_with_a_log_line_and_projects_the_rest(
    enrolment, course, course_builder, other_learner, caplog
):
    other_course = course_builder.build(title="Autre cours", modules=1, lessons=1)
    applied, skipped = odd_statements(enrolment, course, other_course, other_learner)
    voided = about(
        enrolment,
        "lessons",
        lessons_of(course)[3].id,
        xs.COMPLETED,
        result={"completion": True},
    )
    # Stored as the platform's own: only their shape keeps them out.
    lrs.statements_store(
        statements=[*applied, *skipped, voided], authority=xs.platform_authority()
    )
    lrs.statement_store(
        statement={
            "actor": xs.agent_of(enrolment.user),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": voided["id"]},
        },
        authority=xs.platform_authority(),
    )
    # A registration that matches no enrolment is simply not read.
    lrs.statement_store(
        statement=about(enrolment, "courses", course.id, xs.COMPLETED)
        | {"context": {"registration": str(uuid.uuid4())}},
        authority=xs.platform_authority(),
    )

    with caplog.at_level(logging.INFO, logger="learners.progress"):
        call_command("rebuild_progress")

    assert_odd_statements_projected(enrolment, course, applied, skipped, caplog)


def test_live_projection_skips_odd_statements_of_a_trusted_client(
    client, enrolment, course, course_builder, other_learner, trusted, committed, caplog
):
    other_course = course_builder.build(title="Autre cours", modules=1, lessons=1)
    applied, skipped = odd_statements(enrolment, course, other_course, other_learner)
    stray = about(enrolment, "courses", course.id, xs.COMPLETED)
    stray["context"]["registration"] = str(uuid.uuid4())

    with caplog.at_level(logging.INFO, logger="learners.progress"):
        with committed(execute=True):
            response = post(client, trusted, [*applied, *skipped, stray])

    assert response.status_code == 200
    # What is not about the platform's activities is the ordinary traffic of
    # external content: left to the LRS without a word.
    not_about_us = [
        s["id"] for s in skipped if s["object"].get("objectType") != "Activity"
    ] + [skipped[2]["id"]]
    assert_odd_statements_projected(
        enrolment, course, applied, skipped, caplog, unlogged=not_about_us
    )
    assert stray["id"] in caplog.text
    live = LessonProgress.objects.filter(enrolment=enrolment).count()
    call_command("rebuild_progress")
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == live


def voiding(target_id: str, actor: dict) -> dict:
    return {
        "actor": actor,
        "verb": {"id": xs.VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target_id},
    }


def test_an_untrusted_client_voiding_a_platform_statement_undoes_no_progress(
    client, enrolment, course, learner, writer, committed
):
    lesson = lessons_of(course)[0]
    services.lesson_experience(enrolment=enrolment, lesson=lesson)
    services.lesson_complete(user=learner, lesson=lesson)  # failed: no answers
    for qid in lesson.questions:
        services.question_answer(
            user=learner,
            lesson=lesson,
            question_id=qid,
            response=[
                str(i)
                for i, a in enumerate(lesson.questions[qid]["answers"])
                if a["correct"]
            ],
        )
    services.lesson_complete(user=learner, lesson=lesson)
    passed = Statement.objects.get(verb_id=xs.PASSED)

    with committed(execute=True):
        response = post(client, writer, voiding(str(passed.id), xs.agent_of(learner)))
    assert response.status_code == 200
    call_command("rebuild_progress")

    assert Statement.objects.get(id=passed.id).voided  # the LRS honours it
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.completed_at is not None
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 1


def test_a_trusted_client_voiding_its_statement_undoes_it_live_and_in_a_rebuild(
    client, enrolment, course, learner, trusted, committed
):
    lesson = lessons_of(course)[0]
    done = about(
        enrolment, "lessons", lesson.id, xs.COMPLETED, result={"completion": True}
    )
    with committed(execute=True):
        post(client, trusted, done)
    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None

    with committed(execute=True):
        response = post(client, trusted, voiding(done["id"], xs.agent_of(learner)))

    assert response.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 0
    assert not LessonProgress.objects.filter(lesson=lesson).exists()
    call_command("rebuild_progress")
    assert not LessonProgress.objects.filter(lesson=lesson).exists()
