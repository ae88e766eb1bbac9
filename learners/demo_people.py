"""Demo accounts: an editor, a moderator and a learner, with known logins."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from courses.models import CoursePage, LessonPage
from learners import services
from learners.models import Enrolment, LearnerType, User

DEMO_PASSWORD = "demo-wallonie-2026"
DEMO_ACCOUNTS = [
    # (e-mail, display name, Wagtail groups, learner type)
    ("editeur@demo.example", "Élise (éditrice)", ["Editors"], ""),
    ("moderateur@demo.example", "Marc (modérateur)", ["Moderators"], ""),
    ("apprenant@demo.example", "Jeanne", [], LearnerType.CITIZEN),
]


def demo_people_load() -> list[tuple[str, str]]:
    """Create the demo accounts once; return their (e-mail, password) logins."""
    logins = []
    for email, name, groups, learner_type in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "learner_type": learner_type,
                "postal_code": "5000",
                "commune": "Namur",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        logins.append((email, DEMO_PASSWORD))
    demo_first_lesson_done(User.objects.get(email="apprenant@demo.example"))
    return logins


def demo_first_lesson_done(learner: User) -> None:
    """A demo learner has started the first course and finished one lesson
    (once: nothing more if they are enrolled already)."""
    course = CoursePage.objects.live().order_by("path").first()
    if course is None or Enrolment.objects.filter(user=learner).exists():
        return
    services.enrolment_create(user=learner, course=course)
    lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
    for question_id, question in lesson.questions.items():
        correct = [str(i) for i, a in enumerate(question["answers"]) if a["correct"]]
        services.question_answer(
            user=learner, lesson=lesson, question_id=question_id, response=correct
        )
    services.lesson_complete(user=learner, lesson=lesson)
