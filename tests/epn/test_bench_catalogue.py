"""The load benchmark's catalogue generator (manage.py bench_catalogue)."""

import json

import pytest
from django.core.management import call_command

from courses.models import CoursePage, LessonPage, ModulePage
from learners.models import Enrolment, User
from scheduling.models import Session

SMALL = {"courses": 2, "lessons": 3, "sessions": 3, "learners": 2}


def _generate(tmp_path):
    manifest = tmp_path / "manifest.json"
    call_command("bench_catalogue", manifest=manifest, enrolments=1, **SMALL)
    return json.loads(manifest.read_text("utf-8"))


@pytest.mark.django_db
def test_bench_catalogue_makes_courses_workshops_and_learners(catalogue, tmp_path):
    manifest = _generate(tmp_path)

    courses = CoursePage.objects.live().filter(slug__startswith="banc-cours-")
    assert courses.count() == 2
    lessons = LessonPage.objects.live().descendant_of(catalogue)
    assert lessons.count() == 3
    assert ModulePage.objects.live().count() == 3  # 2 for 2 lessons, 1 for 1
    assert all(len(lesson.questions) == 2 for lesson in lessons)
    assert all(lesson.live_revision_id for lesson in lessons)
    workshops = Session.objects.filter(title__startswith="Atelier découverte")
    assert workshops.count() == 3
    assert set(workshops.values_list("status", flat=True)) == {"published"}
    learners = User.objects.filter(email__startswith="banc-apprenant-")
    assert learners.count() == 2
    assert all(user.check_password("banc-wallonie-2026") for user in learners)
    assert Enrolment.objects.filter(user__in=learners).count() == 2

    assert manifest["courses"] == ["/banc-cours-001/", "/banc-cours-002/"]
    assert len(manifest["sessions"]) == Session.objects.count()
    first = manifest["learners"][0]
    assert first["email"] == "banc-apprenant-001@bench.example"
    assert first["courses"] == [
        ["/banc-cours-001/partie-1/lecon-1/", "/banc-cours-001/partie-2/lecon-2/"]
    ]


@pytest.mark.django_db
def test_bench_catalogue_run_twice_adds_nothing(catalogue, tmp_path):
    _generate(tmp_path)
    counts = [
        model.objects.count()
        for model in (CoursePage, LessonPage, Session, User, Enrolment)
    ]
    _generate(tmp_path)
    assert counts == [
        model.objects.count()
        for model in (CoursePage, LessonPage, Session, User, Enrolment)
    ]
