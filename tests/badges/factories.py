"""Builders for badge tests: real images, badge classes, courses completed."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Collection

from badges.models import AwardRule, BadgeClass, DigCompLevel
from courses.models import Competence
from learners import services as learning
from tests.factories import learner_create, lessons_of


def badge_image() -> Image:
    if Collection.get_first_root_node() is None:  # after a transactional test
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (300, 300), (20, 90, 160)).save(buffer, "PNG")
    return Image.objects.create(title="Badge", file=ImageFile(buffer, name="badge.png"))


def badge_class_create(
    *, name: str = "Premiers pas", rule: str = AwardRule.MANUAL, **fields
) -> BadgeClass:
    return BadgeClass.objects.create(
        name=name,
        description=f"Le badge {name}.",
        criteria="Terminer le cours.",
        image=fields.pop("image", None) or badge_image(),
        rule=rule,
        **fields,
    )


def competence(code: str = "4.1") -> Competence:
    """A DigComp competence (made again after a transactional test's flush)."""
    found, _created = Competence.objects.get_or_create(
        code=code,
        defaults={
            "area_number": 4,
            "area_en": "Safety",
            "area_fr": "Sécurité",
            "area_de": "Sicherheit",
            "area_nl": "Veiligheid",
            "title_en": "Protecting devices",
            "title_fr": "Protéger les appareils",
            "title_de": "Geräte schützen",
            "title_nl": "Apparaten beschermen",
        },
    )
    return found


def assertion_with_everything(*, tags: str, expiry_days: int):
    """Léa's "Courriels sûrs" badge: aligned to DigComp 4.1 level 2, with evidence."""
    from badges import services

    badge = badge_class_create(
        name="Courriels sûrs", tags=tags, level=DigCompLevel(2), expiry_days=expiry_days
    )
    badge.competences.set([competence("4.1")])
    badge.save()
    learner = learner_create(email="lea@example.be", display_name="Léa")
    return services.badge_award(
        badge_class=badge,
        recipient=learner,
        evidence_url="https://portfolio.example.be/lea",
        evidence_narrative="A repéré trois arnaques.",
    ).assertion


def course_finish(user, course, *, right_answers: bool = True):
    """Enrol and go through every lesson, answering all right (or all wrong)."""
    enrolment = learning.enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        for question_id, question in lesson.questions.items():
            chosen = [
                str(i)
                for i, answer in enumerate(question["answers"])
                if answer["correct"] == right_answers
            ]
            learning.question_answer(
                user=user,
                lesson=lesson,
                question_id=question_id,
                response=chosen if right_answers else chosen[:1],
            )
        learning.lesson_complete(user=user, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment
