"""Generate the load benchmark's larger catalogue (bench/load/); idempotent.

    python manage.py load_demo
    python manage.py bench_catalogue --manifest bench/load/manifest.json

Beside the demo content: courses of two modules with lessons of two paragraphs
and two quiz questions, published as Wagtail pages as the demo loader does;
workshops spread over the demo EPN spaces in the coming weeks; learner accounts
with a known password, each enrolled in a few of the generated courses. Run
again, it adds only what is missing (pages by slug, workshops by title,
accounts by e-mail), so the figures can grow (``--courses 400``).

It lives here, on the top floor, because it writes courses, learners and the
EPN agenda. For benchmarks and demonstrations only: never on a real platform.

``--manifest`` writes the paths the load test visits (every live course, the
published upcoming workshops, each learner's lessons in order) as JSON.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from common.page_cache import AGENDA, pages_changed
from common.text import search_key
from courses.blocks import QuestionKind, question_data
from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage
from epn.demo_content import demo_spaces_load
from epn.models import Space
from learners import services as learner_services
from learners.models import Enrolment, LearnerType, User
from scheduling.models import Session

COURSE_SLUG = "banc-cours-{:03d}"
MODULES_PER_COURSE = 2
SESSION_TITLE = "Atelier découverte n° {:03d}"
LEARNER_EMAIL = "banc-apprenant-{:03d}@bench.example"
DEFAULT_PASSWORD = "banc-wallonie-2026"
TOPICS = ["e-mail", "smartphone", "sécurité", "administration", "bureautique"]
SESSION_HOURS = (9, 13, 18)
SESSION_DAYS = 90


class Command(BaseCommand):
    help = (
        "Generate the load benchmark's catalogue (courses, lessons, workshops, "
        "learners) beside the demo content; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=200)
        parser.add_argument("--lessons", type=int, default=2000)
        parser.add_argument("--sessions", type=int, default=500)
        parser.add_argument("--learners", type=int, default=64)
        parser.add_argument(
            "--enrolments", type=int, default=3, help="Courses per learner."
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--manifest", type=Path, help="Write the paths as JSON.")

    def handle(self, *args, **options):
        started = time.monotonic()
        catalogue = CataloguePage.objects.live().first()
        if catalogue is None:
            self.stderr.write("No catalogue: run `manage.py load_demo` first.")
            raise SystemExit(1)
        courses = courses_ensure(
            catalogue, courses=options["courses"], lessons=options["lessons"]
        )
        self.stdout.write(f"Courses: {len(courses)} ({_since(started)})")
        sessions_ensure(count=options["sessions"])
        self.stdout.write(f"Workshops: {options['sessions']} ({_since(started)})")
        learners = learners_ensure(
            count=options["learners"],
            password=options["password"],
            courses=courses,
            enrolments=options["enrolments"],
        )
        self.stdout.write(f"Learners: {len(learners)} ({_since(started)})")
        if options["manifest"]:
            data = manifest(learners=learners, password=options["password"])
            options["manifest"].write_text(json.dumps(data, indent=1), "utf-8")
            self.stdout.write(f"Manifest: {options['manifest']}")


def _since(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"


# --- Courses -----------------------------------------------------------------


def courses_ensure(
    catalogue: CataloguePage, *, courses: int, lessons: int
) -> list[CoursePage]:
    """The generated courses, created where missing; ``lessons`` in all, spread
    evenly, in two modules per course."""
    existing = {
        course.slug: course for course in CoursePage.objects.child_of(catalogue)
    }
    result = []
    for index in range(courses):
        count = lessons // courses + (1 if index < lessons % courses else 0)
        slug = COURSE_SLUG.format(index + 1)
        course = existing.get(slug)
        if course is None:
            course = _course_create(catalogue, index=index, slug=slug, lessons=count)
        result.append(course)
    return result


@transaction.atomic
def _course_create(
    catalogue: Page, *, index: int, slug: str, lessons: int
) -> CoursePage:
    """One course with its modules and lessons: all of it or nothing, so that a
    run stopped half-way leaves no course without lessons."""
    number = index + 1
    course = _publish_new_child(
        catalogue,
        CoursePage(
            title=f"Compétences numériques, parcours {number}",
            slug=slug,
            summary=(
                f"Parcours {number} : des gestes simples pour utiliser le "
                f"numérique au quotidien ({TOPICS[index % len(TOPICS)]})."
            ),
            estimated_duration=10 * max(lessons, 1),
        ),
    )
    modules = min(MODULES_PER_COURSE, max(lessons, 1))
    for module_index in range(modules):
        module = _publish_new_child(
            course,
            ModulePage(
                title=f"Partie {module_index + 1}",
                slug=f"partie-{module_index + 1}",
                summary="Une étape du parcours.",
            ),
        )
        first = module_index * lessons // modules
        for lesson_index in range(first, (module_index + 1) * lessons // modules):
            _publish_new_child(module, _lesson(number, lesson_index + 1))
    return course


def _lesson(course: int, number: int) -> LessonPage:
    return LessonPage(
        title=f"Leçon {number} du parcours {course}",
        slug=f"lecon-{number}",
        estimated_duration=10,
        pass_mark=50,
        body=[
            {
                "type": "paragraph",
                "value": (
                    "<p>Dans cette leçon, vous apprenez un geste utile, pas à pas, "
                    "avec des mots simples. Prenez votre temps : vous pouvez "
                    "revenir en arrière quand vous le voulez.</p><p>Un conseil : "
                    "essayez chaque geste sur votre appareil pendant la lecture. "
                    "<b>On apprend en faisant.</b></p>"
                ),
            },
            _question(
                "Pouvez-vous refaire une leçon plus tard ?",
                ["Oui, quand je veux", "Non, une seule fois"],
            ),
            {
                "type": "paragraph",
                "value": (
                    "<p>Si un mot vous semble difficile, demandez à un animateur "
                    "d'un espace public numérique près de chez vous.</p>"
                ),
            },
            _question(
                "Où trouver de l'aide près de chez vous ?",
                ["Dans un espace public numérique", "Nulle part"],
            ),
        ],
    )


def _question(prompt: str, answers: list[str]) -> dict:
    return question_data(
        kind=QuestionKind.SINGLE,
        prompt=prompt,
        answers=[
            {"text": text, "correct": i == 0, "feedback": ""}
            for i, text in enumerate(answers)
        ],
        explanation_html="<p>C'est bien cela.</p>",
    )


def _publish_new_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- Workshops ---------------------------------------------------------------


def sessions_ensure(*, count: int) -> None:
    """``count`` published workshops spread over the demo EPN spaces and the
    next SESSION_DAYS days, created where missing (found by title)."""
    demo_spaces_load()
    spaces = list(Space.objects.order_by("slug"))
    titles = [SESSION_TITLE.format(number) for number in range(1, count + 1)]
    existing = set(
        Session.objects.filter(title__in=titles).values_list("title", flat=True)
    )
    today = timezone.localdate()
    new = []
    for index, title in enumerate(titles):
        if title in existing:
            continue
        space = spaces[index % len(spaces)]
        day = today + timedelta(days=1 + index % SESSION_DAYS)
        hour = SESSION_HOURS[index % len(SESSION_HOURS)]
        starts = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        starts += timedelta(hours=hour)
        new.append(
            Session(
                organiser_id=space.organiser_id,
                title=title,
                description="Un atelier en petit groupe, avec un animateur.",
                topic=TOPICS[index % len(TOPICS)],
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue_name=space.name,
                address=space.address,
                postal_code=space.postal_code,
                commune=space.commune,
                # bulk_create skips Session.save(), which sets it.
                commune_key=search_key(space.commune),
                latitude=space.latitude,
                longitude=space.longitude,
                capacity=12,
                language="fr",
                price=Decimal("0"),
                status=Session.Status.PUBLISHED,
            )
        )
    Session.objects.bulk_create(new, batch_size=500)
    pages_changed(AGENDA)  # bulk_create sends no post_save: the agenda's pages


# --- Learners ----------------------------------------------------------------


def learners_ensure(
    *, count: int, password: str, courses: list[CoursePage], enrolments: int
) -> list[User]:
    """``count`` learners with a confirmed e-mail and the same known password,
    each enrolled in ``enrolments`` consecutive generated courses."""
    emails = [LEARNER_EMAIL.format(number) for number in range(1, count + 1)]
    found = User.objects.filter(email__in=emails)
    existing = set(found.values_list("email", flat=True))
    hashed = make_password(password)  # once: Argon2 is slow on purpose
    User.objects.bulk_create(
        User(
            email=email,
            password=hashed,
            display_name=f"Apprenant {number}",
            learner_type=LearnerType.CITIZEN,
            postal_code="5000",
            commune="Namur",
        )
        for number, email in enumerate(emails, start=1)
        if email not in existing
    )
    learners = list(User.objects.filter(email__in=emails).order_by("email"))
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in learners
            if user.email not in existing
        ),
        ignore_conflicts=True,
    )
    enrolled = set(
        Enrolment.objects.filter(user__in=learners).values_list("user_id", "course_id")
    )
    for index, user in enumerate(learners):
        for offset in range(min(enrolments, len(courses))):
            course = courses[(index + offset) % len(courses)]
            if (user.id, course.id) not in enrolled:
                learner_services.enrolment_create(user=user, course=course)
    return learners


# --- Manifest ----------------------------------------------------------------


def manifest(*, learners: list[User], password: str) -> dict:
    """The paths the load test visits, relative to the site's root."""
    lessons_of: dict[int, list[str]] = {}
    for course in CoursePage.objects.live():
        lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
        lessons_of[course.id] = [_path(lesson) for lesson in lessons]
    enrolments = Enrolment.objects.filter(user__in=learners).order_by("id")
    lessons_by_user: dict[int, list[str]] = {}
    for enrolment in enrolments:
        lessons_by_user.setdefault(enrolment.user_id, []).append(
            lessons_of.get(enrolment.course_id, [])
        )
    sessions = Session.objects.filter(
        status=Session.Status.PUBLISHED, starts_at__gt=timezone.now()
    ).values_list("id", flat=True)
    return {
        "courses": [_path(course) for course in CoursePage.objects.live()],
        "sessions": [reverse("scheduling:session", args=[pk]) for pk in sessions],
        "learners": [
            {
                "email": user.email,
                "password": password,
                "courses": [c for c in lessons_by_user.get(user.id, []) if c],
            }
            for user in learners
        ],
    }


def _path(page: Page) -> str:
    return page.get_url_parts()[2]
