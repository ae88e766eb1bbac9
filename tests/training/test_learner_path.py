"""The page of a path for the person it is assigned to: reached from their
dashboard, every step in order with done or not said in words, theirs only,
in a number of queries that does not grow with the steps."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt
from learners import services as learner_services
from organisations.models import Membership
from scheduling.models import Booking
from tests.factories import learner_create
from tests.organisations.factories import member_add
from tests.scheduling.factories import organiser_create, session_create
from tests.training.conftest import assignment_late
from training import services
from training.demo_content import PATH_DESCRIPTION, course_finish
from training.models import ItemKind, Trainee, TrainingPath

pytestmark = pytest.mark.django_db

WORKSHOP = "Premiers pas sur smartphone"
# 14:30 in Brussels in summer: the page must not say 12:30 (UTC).
WORKSHOP_STARTS = datetime(2031, 6, 3, 12, 30, tzinfo=UTC)


@pytest.fixture
def trainee(scope, manager, path, member):
    """The path (a course, then the test) assigned to Fatima, due in 10 days."""
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=10),
        users=[member],
    )
    return Trainee.objects.get(user=member)


def _url(trainee) -> str:
    return reverse(
        "training:my_path", args=[trainee.assignment.organisation_id, trainee.id]
    )


def _workshop_add(path, *, booked_by=None):
    session = session_create(
        organiser_create(name="EPN de Namur"),
        title=WORKSHOP,
        starts_at=WORKSHOP_STARTS,
        capacity=10,
    )
    services.path_item_add(path=path, kind=ItemKind.WORKSHOP, session=session)
    if booked_by is not None:
        Booking.objects.create(
            session=session,
            user=booked_by,
            name=str(booked_by),
            status=Booking.Status.CONFIRMED,
        )
    return session


def _step_texts(page: str) -> list[str]:
    steps = re.findall(r'<li id="step-\d+">(.*?)</li>', page, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", step).split()) for step in steps]


def test_the_dashboard_card_leads_to_the_page_of_the_path(client, trainee, member):
    client.force_login(member)

    page = client.get(reverse("learners:dashboard")).text

    assert f'href="{_url(trainee)}">Bases du numérique</a>' in page


def test_the_page_lists_every_step_in_order_saying_what_is_done_in_words(
    client, trainee, member, path, course
):
    session = _workshop_add(path, booked_by=member)
    enrolment = learner_services.enrolment_create(user=member, course=course)
    Attempt.objects.create(user=member, finished_at=timezone.now())
    client.force_login(member)

    page = client.get(_url(trainee)).text

    course_step, test_step, workshop_step = _step_texts(page)
    assert course_step == (
        "Course: Premiers pas — Not done yet "
        f"0 lessons of {enrolment.lessons_total} done"
    )
    assert f'href="{course.url}"' in page
    assert test_step == "The positioning test — Done"
    assert workshop_step == (
        f"Workshop: {WORKSHOP} — Not done yet "
        "Tuesday 3 June 2031, 14:30 — EPN de Namur, Namur You booked a seat."
    )
    assert f'href="{reverse("scheduling:session", args=[session.id])}"' in page
    assert "1 item of 3 done" in page
    due = trainee.assignment.due_on
    assert f"due on {due.day} {due:%B} {due.year}" in page


def test_a_step_not_done_says_how_to_do_it(client, trainee, member, path):
    _workshop_add(path)
    client.force_login(member)

    page = client.get(_url(trainee)).text

    course_step, test_step, workshop_step = _step_texts(page)
    assert course_step.endswith("Not done yet Not started")
    assert test_step == "The positioning test — Not done yet Take the positioning test"
    assert f'href="{reverse("assessment:intro")}"' in page
    assert workshop_step.endswith("Not booked yet.")
    assert "0 items of 3 done" in page


def test_a_finished_course_says_done(client, trainee, member, course):
    course_finish(learner=member, course=course)
    client.force_login(member)

    page = client.get(_url(trainee)).text

    assert _step_texts(page)[0].startswith("Course: Premiers pas — Done")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 200),
        ("colleague", 404),
        ("manager", 404),
        ("other_manager", 404),
        ("anonymous", 302),
    ],
)
def test_only_the_person_the_path_is_assigned_to_sees_it(
    client, trainee, administration, manager, other_manager, member, who, status
):
    colleague = learner_create(email="marc@spw-test.be", display_name="Marc")
    member_add(administration, colleague, team="Service Accueil")
    people = {
        "member": member,
        "colleague": colleague,
        "manager": manager,
        "other_manager": other_manager,
    }
    if who in people:
        client.force_login(people[who])

    assert client.get(_url(trainee)).status_code == status


def test_the_path_under_another_organisation_or_after_leaving_is_a_404(
    client, trainee, member, other_administration
):
    client.force_login(member)
    elsewhere = reverse("training:my_path", args=[other_administration.id, trainee.id])

    assert client.get(elsewhere).status_code == 404
    Membership.objects.filter(user=member).delete()
    assert client.get(_url(trainee)).status_code == 404


def test_the_page_takes_as_many_queries_for_one_step_as_for_many(
    client, trainee, member, path, course_builder
):
    client.force_login(member)
    client.get(_url(trainee))  # the site's root paths, remembered after
    with CaptureQueriesContext(connection) as two_steps:
        client.get(_url(trainee))
    for title in ["Le courriel", "La banque en ligne"]:
        more = course_builder.build(title=title, modules=1, lessons=1)
        services.path_item_add(path=path, kind=ItemKind.COURSE, course=more)
    _workshop_add(path, booked_by=member)

    with CaptureQueriesContext(connection) as five_steps:
        page = client.get(_url(trainee)).text

    assert len(_step_texts(page)) == 5
    assert len(five_steps) == len(two_steps)


def test_a_late_person_sees_both_the_count_and_the_lateness_by_a_labelled_bar(
    client, scope, manager, path, member
):
    assignment_late(7, scope=scope, assigned_by=manager, path=path, users=[member])
    trainee = Trainee.objects.get(user=member)
    client.force_login(member)

    for url in [reverse("learners:dashboard"), _url(trainee)]:
        page = client.get(url).text
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        assert "0 items of 2 done — Late by 7 days" in text
        (labelled_by,) = re.findall(r'<progress [^>]*aria-labelledby="([^"]+)"', page)
        for element_id in labelled_by.split():
            assert f'id="{element_id}"' in page


def test_the_demo_path_holds_the_test_its_description_promises(item_bank):
    call_command("load_demo", verbosity=0)

    path = TrainingPath.objects.get(description=PATH_DESCRIPTION)
    kinds = list(path.items.order_by("sort_order").values_list("kind", flat=True))
    assert "deux cours, puis le test de positionnement" in PATH_DESCRIPTION
    assert kinds == [ItemKind.COURSE, ItemKind.COURSE, ItemKind.POSITIONING_TEST]
