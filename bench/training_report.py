"""The managers' training report for an organisation of 10,000 members.

    createdb skills_report
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/skills_report
    python manage.py migrate && python manage.py load_demo
    python bench/training_report.py seed      # ~1 min: people, path, progress
    PRODUCTION=true SECRET_KEY=bench ALLOWED_HOSTS=testserver \\
        SITE_BASE_URL=http://testserver DEFAULT_FROM_EMAIL=noreply@bench.example \\
        python bench/training_report.py run   # the pages, timed

The organisation has 10 departments of 4 services; 10,000 members spread over
the services; one path of the demo's courses plus the positioning test,
assigned to each department (half of them past due). A third of the people
finished, a third are on the way (enrolled, some lessons scored and timed),
the rest have not started. ``run`` asks each page as the manager, in-process
(Django's test client, the production settings), once to warm up then
``--repeat`` times, and prints the median and worst wall time and the number
of SQL queries. For benchmarks only.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessment.models import Attempt  # noqa: E402
from courses.models import CoursePage, LessonPage  # noqa: E402
from learners.models import Enrolment, LessonProgress, User  # noqa: E402
from organisations.models import Membership, Organisation, Role, Team  # noqa: E402
from organisations.selectors import manager_scope  # noqa: E402
from training import services  # noqa: E402
from training.models import ItemKind  # noqa: E402

ORGANISATION = "Administration du banc d'essai"
MANAGER = "manager@bench-report.example"
MEMBERS = 10_000
DEPARTMENTS = 10
SERVICES = 4


def _people(organisation: Organisation, services_teams: list[Team]) -> list[User]:
    users = User.objects.bulk_create(
        User(
            email=f"agent{number}@bench-report.example",
            display_name=f"Agent {number:05d}",
            password="!",  # no password: nobody signs in as them
        )
        for number in range(MEMBERS)
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=organisation,
            user=user,
            team=services_teams[number % len(services_teams)],
        )
        for number, user in enumerate(users)
    )
    return users


def _progress(users: list[User], courses: list[CoursePage]) -> None:
    """A third done (every course completed, the test taken), a third on the
    way (one or two courses begun), a third not started."""
    lessons = {
        course.id: list(LessonPage.objects.live().descendant_of(course))
        for course in courses
    }
    now = timezone.now()
    enrolments, attempts = [], []
    for number, user in enumerate(users):
        share = number % 3
        if share == 2:
            continue
        followed = courses if share == 0 else courses[: 1 + number % 2]
        for course in followed:
            enrolments.append(
                Enrolment(
                    user=user,
                    course=course,
                    lessons_total=len(lessons[course.id]),
                    lessons_completed=len(lessons[course.id]) if share == 0 else 1,
                    completed_at=now if share == 0 else None,
                    last_activity_at=now,
                )
            )
        if share == 0:
            attempts.append(Attempt(user=user, finished_at=now))
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    Attempt.objects.bulk_create(attempts, batch_size=5000)
    progress = []
    for enrolment in Enrolment.objects.filter(user__in=users).only("id", "course_id"):
        for lesson in lessons[enrolment.course_id]:
            progress.append(
                LessonProgress(
                    enrolment_id=enrolment.id,
                    lesson=lesson,
                    started_at=now,
                    completed_at=now,
                    score=random.choice([0.5, 0.75, 1.0]),
                    time_spent=timedelta(minutes=random.randint(3, 20)),
                )
            )
    LessonProgress.objects.bulk_create(progress, batch_size=5000)


def seed() -> None:
    organisation = Organisation.objects.create(name=ORGANISATION)
    manager = User.objects.create_user(email=MANAGER, password=None)
    Membership.objects.create(
        organisation=organisation, user=manager, role=Role.MANAGER
    )
    departments, services_teams = [], []
    for d in range(DEPARTMENTS):
        department = Team.objects.create(
            organisation=organisation, name=f"Département {d + 1}"
        )
        departments.append(department)
        for s in range(SERVICES):
            services_teams.append(
                Team.objects.create(
                    organisation=organisation,
                    name=f"Service {d + 1}.{s + 1}",
                    parent=department,
                )
            )
    with transaction.atomic():
        users = _people(organisation, services_teams)
    courses = list(CoursePage.objects.live().order_by("id")[:4])
    scope = manager_scope(user=manager, organisation_id=organisation.id)
    path = services.path_create(
        scope=scope, created_by=manager, name="Socle numérique", effort_hours=6
    )
    for course in courses:
        services.path_item_add(path=path, kind=ItemKind.COURSE, course=course)
    services.path_item_add(path=path, kind=ItemKind.POSITIONING_TEST)
    today = timezone.localdate()
    for number, department in enumerate(departments):
        assignment = services.assignment_create(
            scope=scope,
            assigned_by=manager,
            path=path,
            due_on=today + timedelta(days=30),
            team=department,
        )
        if number % 2 == 0:  # due five days ago (a past date cannot be chosen)
            assignment.due_on = today - timedelta(days=5)
            assignment.save(update_fields=["due_on"])
    with transaction.atomic():
        _progress(users, courses)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, soon after
    print(
        f"{MEMBERS} members, {len(courses)} courses + the test in the path, "
        f"{Enrolment.objects.filter(user__in=users).count()} enrolments, "
        f"{LessonProgress.objects.filter(enrolment__user__in=users).count()} "
        "lessons scored"
    )


def _timed(client: Client, url: str, repeat: int) -> tuple[list[float], int, int]:
    client.get(url, secure=True)  # warm up
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, secure=True)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(queries), len(response.content)


def run(repeat: int) -> None:
    organisation = Organisation.objects.get(name=ORGANISATION)
    manager = User.objects.get(email=MANAGER)
    department = organisation.teams.get(name="Département 3")
    person = Membership.objects.filter(organisation=organisation, role="member")[7]
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(manager)
    report = reverse("training:report", args=[organisation.id])
    pages = {
        "report, first page": report,
        "report, sorted by status": f"{report}?sort=status",
        "report, late only": f"{report}?status=overdue",
        "report, one department": f"{report}?team={department.id}",
        "report, page 150": f"{report}?page=150",
        "person": reverse(
            "training:report_person", args=[organisation.id, person.user_id]
        ),
        "CSV, all 10,000 rows": reverse("training:report_csv", args=[organisation.id]),
        "PDF, charts + 1,000 rows": reverse(
            "training:report_pdf", args=[organisation.id]
        ),
    }
    print(f"| page | median | worst | SQL queries | bytes |  ({repeat} runs)")
    print("| --- | --- | --- | --- | --- |")
    for name, url in pages.items():
        times, queries, size = _timed(client, url, repeat)
        print(
            f"| {name} | {statistics.median(times) * 1000:.0f} ms "
            f"| {max(times) * 1000:.0f} ms | {queries} | {size:,} |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["seed", "run"])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.action == "seed":
        seed()
    else:
        run(arguments.repeat)
