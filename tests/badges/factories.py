"""Builders for badge tests: real images, badge classes, courses completed."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

from badges.models import AwardRule, BadgeClass
from learners import services as learning
from tests.factories import lessons_of


def badge_image() -> Image:
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


def course_finish(user, course, *, right_answers: bool = True) -> None:
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
    return enrolment
