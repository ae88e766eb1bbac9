import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from badges.models import Assertion, BadgeClass
from courses.models import CoursePage, LessonPage
from learners.demo_people import DEMO_PASSWORD
from learners.models import Enrolment
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def counts():
    return (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Enrolment.objects.count(),
        Statement.objects.count(),
        BadgeClass.objects.count(),
        Assertion.objects.count(),
    )


def test_load_demo_is_idempotent_and_prints_the_logins(capsys):
    call_command("load_demo")
    first = counts()
    printed = capsys.readouterr().out

    call_command("load_demo")

    assert counts() == first
    assert first[0] >= 3
    assert f"editeur@demo.example / {DEMO_PASSWORD}" in printed
    assert f"animateur@demo.example / {DEMO_PASSWORD}" in printed
    assert f"partenaire@demo.example / {DEMO_PASSWORD}" in printed
    assert f"manager@demo.example / {DEMO_PASSWORD}" in printed


def test_demo_accounts_can_sign_in_and_the_learner_has_progress():
    call_command("load_demo")

    editor = authenticate(email="editeur@demo.example", password=DEMO_PASSWORD)
    learner = authenticate(email="apprenant@demo.example", password=DEMO_PASSWORD)

    assert editor.has_perm("wagtailadmin.access_admin")
    assert Enrolment.objects.get(user=learner).lessons_completed == 1


def test_the_demo_learner_holds_a_badge_and_each_course_has_one():
    call_command("load_demo")

    held = Assertion.objects.get(recipient__email="apprenant@demo.example")
    assert held.is_valid
    assert held.badge_class.name == "Premiers pas numériques"
    assert BadgeClass.objects.filter(rule_course__isnull=False).count() == (
        CoursePage.objects.live().count()
    )
