"""A demo training path of the demo administration: two courses, then the
positioning test. Assigned to its reception service three weeks ago and due
last week: one agent finished it (her courses completed and her test taken
through the real services), the service's head is late. Idempotent; a demo
loaded before the path had its test step gets it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from assessment import services as assessment_services
from assessment.engine import next_item
from assessment.models import Attempt
from assessment.questions import bank, questions
from courses.models import CoursePage, LessonPage
from learners import services as learner_services
from learners.models import Enrolment, User
from organisations.demo_content import DEMO_MANAGER, ORGANISATION, SERVICE
from organisations.models import Organisation
from organisations.selectors import manager_scope
from training import services
from training.models import ItemKind, TrainingPath

PATH_NAME = "Accueillir les usagers au guichet numérique"
PATH_DESCRIPTION = (
    "Les bases pour aider un usager à utiliser les services en ligne de "
    "la Wallonie : deux cours, puis le test de positionnement."
)
DONE_BY = "agent.accueil@demo.example"
DAYS_LATE = 7


def demo_paths_load() -> list[tuple[str, str]]:
    """The demo path, once, assigned to the reception service."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    manager = User.objects.filter(email=DEMO_MANAGER).first()
    courses = list(CoursePage.objects.live().order_by("path")[:2])
    if organisation is None or manager is None or not courses:
        return []
    existing = TrainingPath.objects.filter(
        organisation=organisation, name=PATH_NAME
    ).first()
    if existing is not None:
        _test_step_add(existing)
        return []
    scope = manager_scope(user=manager, organisation_id=organisation.id)
    path = services.path_create(
        scope=scope,
        created_by=manager,
        name=PATH_NAME,
        description=PATH_DESCRIPTION,
        effort_hours=4,
    )
    for course in courses:
        services.path_item_add(path=path, kind=ItemKind.COURSE, course=course)
    services.path_item_add(path=path, kind=ItemKind.POSITIONING_TEST)
    assignment = services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate(),
        team=organisation.teams.get(name=SERVICE),
    )
    # Assigned three weeks ago, due a few days ago: the demo's late person.
    assignment.assigned_at = timezone.now() - timedelta(days=21)
    assignment.due_on = timezone.localdate() - timedelta(days=DAYS_LATE)
    assignment.save(update_fields=["assigned_at", "due_on"])
    done_by = User.objects.get(email=DONE_BY)
    for course in courses:
        course_finish(learner=done_by, course=course)
    positioning_test_finish(learner=done_by)
    return []


def _test_step_add(path: TrainingPath) -> None:
    """The test step the description promises, for a demo loaded without it;
    the agent who finished the path takes the test, so she stays done."""
    if path.items.filter(kind=ItemKind.POSITIONING_TEST).exists():
        return
    services.path_item_add(path=path, kind=ItemKind.POSITIONING_TEST)
    done_by = User.objects.filter(email=DONE_BY).first()
    if done_by is not None:
        positioning_test_finish(learner=done_by)


def positioning_test_finish(*, learner: User) -> Attempt | None:
    """Take the positioning test as a learner would, every answer right, to
    its end; None when the bank has no question (nothing to take)."""
    if Attempt.objects.filter(user=learner, finished_at__isnull=False).exists():
        return None
    current = bank()
    shown = questions(language="fr")
    if not shown:
        return None
    attempt = assessment_services.attempt_start(user=learner)
    while attempt.finished_at is None:
        asked = next_item(
            current, current.known(attempt.engine_answers), seed=str(attempt.uuid)
        )
        if asked is None:
            return None
        question = shown[asked.id]
        if question.type == "order":
            right = list(range(len(question.answers)))
        else:
            right = [i for i, answer in enumerate(question.answers) if answer.correct]
        assessment_services.answer_record(
            attempt=attempt, item_id=asked.id, chosen=right
        )
    return attempt


def course_finish(*, learner: User, course: CoursePage) -> Enrolment:
    """Follow a whole course as a learner would: every question answered right,
    every lesson finished (the statements make the enrolment completed)."""
    enrolment = Enrolment.objects.filter(user=learner, course=course).first()
    if enrolment is None:
        enrolment = learner_services.enrolment_create(user=learner, course=course)
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        for question_id, question in lesson.questions.items():
            right = [str(i) for i, a in enumerate(question["answers"]) if a["correct"]]
            learner_services.question_answer(
                user=learner, lesson=lesson, question_id=question_id, response=right
            )
        learner_services.lesson_complete(user=learner, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment
