"""Demo badges: one per demo course (earned by completing it), and a first-steps
badge that the demo learner holds. Idempotent: badges are found by name.

The course badges follow the courses in the database: every live course gets
its badge, with the course-completion rule pointing at it. A demo course that
is not loaded yet (the Python course, premiers-pas-en-python) gets no badge and
stops nothing; the load after it arrives adds its badge, and only that one.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image

from badges import services
from badges.models import AwardRule, BadgeClass, DigCompLevel
from courses.models import Competence, CoursePage
from learners.models import User

FIRST_STEPS = "Premiers pas numériques"
DEMO_LEARNER = "apprenant@demo.example"
COLOURS = [(41, 128, 185), (39, 174, 96), (192, 57, 43), (142, 68, 173)]


def demo_badges_load() -> None:
    """The default issuer, the demo badges, and the demo learner's first badge."""
    services.issuer_default()
    for index, course in enumerate(CoursePage.objects.live().order_by("path")):
        _badge_ensure(
            name=f"Cours terminé : {course.title}",
            description=f"A terminé le cours « {course.title} ».",
            criteria=f"Terminer toutes les leçons du cours « {course.title} ».",
            colour=COLOURS[(index + 1) % len(COLOURS)],
            rule=AwardRule.COURSE_COMPLETED,
            rule_course=course,
            competences=list(course.competences.all()),
        )
    first_steps = _badge_ensure(
        name=FIRST_STEPS,
        description="A fait ses premiers pas sur la plateforme : une leçon terminée.",
        criteria="Terminer une première leçon, quiz réussi.",
        colour=COLOURS[0],
        rule=AwardRule.MANUAL,
        competences=list(Competence.objects.filter(code="1.1")),
    )
    learner = User.objects.filter(email=DEMO_LEARNER).first()
    if learner is not None:
        services.badge_award(
            badge_class=first_steps,
            recipient=learner,
            evidence_narrative="Première leçon du cours terminée avec toutes les "
            "bonnes réponses.",
        )


def _badge_ensure(*, name, colour, competences, **fields) -> BadgeClass:
    badge = BadgeClass.objects.filter(name=name).first()
    if badge is not None:
        return badge
    badge = BadgeClass.objects.create(
        name=name,
        image=_badge_image(name, colour),
        tags="Wallonie, compétences numériques",
        level=DigCompLevel.FOUNDATION_1,
        **fields,
    )
    badge.competences.set(competences)
    badge.save()
    return badge


def _badge_image(name: str, colour: tuple[int, int, int]) -> Image:
    canvas = PillowImage.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((8, 8, 248, 248), fill=colour, outline=(255, 255, 255), width=8)
    draw.polygon(
        [
            (128, 60),
            (150, 110),
            (205, 112),
            (162, 146),
            (176, 200),
            (128, 170),
            (80, 200),
            (94, 146),
            (51, 112),
            (106, 110),
        ],
        fill=(255, 255, 255),
    )
    buffer = BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return Image.objects.create(
        title=f"Badge : {name}",
        file=ImageFile(buffer, name="badge.png"),
        description=f"Badge « {name} »",
    )
