"""Training paths' services and selectors against the database: building,
copying, assigning to teams and people, newcomers inheriting a team's paths,
progress read from enrolments, attendance and tests, and the reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt
from learners.services import learner_data_export
from organisations import services as organisation_services
from organisations.models import Membership, Role
from scheduling.models import Booking
from tests.factories import learner_create
from tests.organisations.factories import invitation_links, member_add
from tests.scheduling.factories import organiser_create, session_create
from tests.training.conftest import assignment_late
from training import exceptions, selectors, services
from training.demo_content import course_finish
from training.models import ItemKind, Trainee, TrainingPath

pytestmark = pytest.mark.django_db


def _in_a_week():
    return timezone.localdate() + timedelta(days=7)


def _item_kinds(path):
    return [
        item.course.title if item.course_id else item.kind
        for item in selectors.path_items(path=path)
    ]


def test_a_path_is_built_in_order_and_reordered(scope, manager, course_builder):
    first = course_builder.build(title="Courriel", modules=1, lessons=1)
    second = course_builder.build(title="Banque en ligne", modules=1, lessons=1)
    path = services.path_create(scope=scope, created_by=manager, name="Guichet")
    services.path_item_add(path=path, kind=ItemKind.COURSE, course=first)
    services.path_item_add(path=path, kind=ItemKind.COURSE, course=second)
    test = services.path_item_add(path=path, kind=ItemKind.POSITIONING_TEST)

    services.path_item_move(path=path, item_id=test.id, step=-1)
    assert _item_kinds(path) == ["Courriel", "positioning_test", "Banque en ligne"]

    services.path_item_remove(path=path, item_id=test.id)
    assert _item_kinds(path) == ["Courriel", "Banque en ligne"]


def test_the_same_course_is_refused_twice_in_a_path(path, course):
    with pytest.raises(exceptions.ItemAlreadyInPath):
        services.path_item_add(path=path, kind=ItemKind.COURSE, course=course)

    assert path.items.count() == 2


def test_a_platform_path_is_copied_with_its_items(scope, manager, course):
    platform = TrainingPath.objects.create(name="Parcours régional", published=True)
    services.path_item_add(path=platform, kind=ItemKind.COURSE, course=course)
    services.path_item_add(path=platform, kind=ItemKind.POSITIONING_TEST)

    copy = services.path_copy(scope=scope, path=platform, copied_by=manager)

    assert copy.organisation == scope.organisation
    assert copy.copied_from == platform
    assert _item_kinds(copy) == ["Premiers pas", "positioning_test"]
    assert platform.items.count() == 2


def test_a_team_assignment_reaches_its_inner_teams_not_the_others(
    scope, manager, path, administration, member
):
    in_hr = learner_create(email="rh-agent@spw-test.be")
    member_add(administration, in_hr, team="Service RH")
    department = administration.teams.get(name="Département du Numérique")

    assignment = services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=_in_a_week(),
        team=department,
    )

    assert set(assignment.trainees.values_list("user", flat=True)) == {member.id}


def test_a_team_manager_cannot_assign_outside_their_teams(
    team_manager_scope, team_manager, path, administration
):
    hr = administration.teams.get(name="Service RH")
    with pytest.raises(exceptions.PeopleNotManaged):
        services.assignment_create(
            scope=team_manager_scope,
            assigned_by=team_manager,
            path=path,
            due_on=_in_a_week(),
            team=hr,
        )


def test_people_of_another_organisation_cannot_be_assigned(
    scope, manager, path, other_manager
):
    with pytest.raises(exceptions.PeopleNotManaged):
        services.assignment_create(
            scope=scope,
            assigned_by=manager,
            path=path,
            due_on=_in_a_week(),
            users=[other_manager],
        )
    assert not Trainee.objects.exists()


def test_a_person_invited_into_a_team_gets_its_paths(
    scope, manager, path, administration, committed
):
    reception = administration.teams.get(name="Service Accueil")
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), team=reception
    )
    newcomer = learner_create(email="nouvelle@spw-test.be")
    with committed(execute=True):
        organisation_services.invitation_create(
            scope=scope, invited_by=manager, email=newcomer.email, team=reception
        )
    token = invitation_links()[newcomer.email]

    with committed(execute=True):
        organisation_services.invitation_accept(token=token, user=newcomer)

    assert [
        t.assignment.path for t in selectors.assignments_for_learner(user=newcomer)
    ] == [path]


def test_a_person_signed_in_by_the_organisations_provider_gets_the_paths_of_the_team_of_their_invitation(  # noqa: E501
    scope, manager, path, administration, committed
):
    from allauth.account.models import EmailAddress

    reception = administration.teams.get(name="Service Accueil")
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), team=reception
    )
    newcomer = learner_create(email="sso@spw-test.be")
    EmailAddress.objects.filter(user=newcomer).update(verified=True)
    with committed(execute=True):
        organisation_services.invitation_create(
            scope=scope, invited_by=manager, email=newcomer.email, team=reception
        )

    with committed(execute=True):
        organisation_services.member_join_through_provider(
            organisation=administration, user=newcomer
        )

    assert [
        t.assignment.path for t in selectors.assignments_for_learner(user=newcomer)
    ] == [path]


def test_a_person_moved_into_a_team_gets_its_paths_once(
    scope, manager, path, administration, committed
):
    reception = administration.teams.get(name="Service Accueil")
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), team=reception
    )
    person = learner_create(email="mobile@spw-test.be")
    membership = member_add(administration, person, team="Service RH")

    for team in (reception, administration.teams.get(name="Service RH"), reception):
        with committed(execute=True):
            organisation_services.membership_update(
                scope=scope,
                membership=membership,
                changed_by=manager,
                team=team,
                job_title="",
            )

    assert Trainee.objects.filter(user=person).count() == 1
    # Told once, when the path became theirs, not at each move.
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "Bases du numérique" in mail.outbox[0].subject


def test_an_overdue_team_path_is_not_given_to_a_newcomer(
    scope, manager, path, administration, committed
):
    reception = administration.teams.get(name="Service Accueil")
    assignment_late(
        1,
        scope=scope,
        assigned_by=manager,
        path=path,
        team=reception,
    )
    membership = member_add(administration, learner_create(email="tard@x.be"))

    assert services.team_joined(membership_id=membership.id) == 0
    membership.team = reception
    membership.save()
    assert services.team_joined(membership_id=membership.id) == 0


def test_progress_is_read_from_enrolments_attendance_and_tests(
    scope, manager, path, member, facilitator
):
    workshop = session_create(organiser_create(members=[facilitator]))
    services.path_item_add(path=path, kind=ItemKind.WORKSHOP, session=workshop)
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), users=[member]
    )

    def progress():
        (trainee,) = selectors.assignments_for_learner(user=member)
        next_item = trainee.next_item
        return trainee.items_done, next_item and next_item.kind, trainee.complete

    assert progress() == (0, "course", False)
    course_finish(learner=member, course=path.items.get(kind="course").course)
    assert progress() == (1, "positioning_test", False)
    Attempt.objects.create(user=member, finished_at=timezone.now())
    assert progress() == (2, "workshop", False)
    Booking.objects.create(
        session=workshop,
        user=member,
        name="Fatima",
        status=Booking.Status.CONFIRMED,
        attended=True,
    )
    assert progress() == (3, None, True)


def test_an_unfinished_test_or_another_persons_course_does_not_count(
    scope, manager, path, member, other_learner
):
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), users=[member]
    )
    course_finish(learner=other_learner, course=path.items.get(kind="course").course)
    Attempt.objects.create(user=member)

    (trainee,) = selectors.assignments_for_learner(user=member)
    assert trainee.items_done == 0


def test_a_teams_progress_is_read_in_constant_queries(
    scope, manager, path, administration, django_assert_num_queries
):
    reception = administration.teams.get(name="Service Accueil")
    for number in range(5):
        member_add(
            administration,
            learner_create(email=f"p{number}@x.be"),
            team="Service Accueil",
        )
    assignment = services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), team=reception
    )

    with django_assert_num_queries(2):  # the people with progress; their next items
        trainees = selectors.trainees_of(scope=scope, assignment=assignment)
    assert len(trainees) == 5


def test_a_person_who_left_no_longer_sees_the_path(scope, manager, path, member):
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), users=[member]
    )
    Membership.objects.filter(user=member).delete()

    assert selectors.assignments_for_learner(user=member) == []


def test_a_person_given_a_path_is_told_with_the_link_to_its_page(
    client, committed, scope, manager, path, member
):
    member.language = "fr"
    member.save()

    with committed(execute=True):
        assignment = services.assignment_create(
            scope=scope,
            assigned_by=manager,
            path=path,
            due_on=timezone.localdate() + timedelta(days=10),
            users=[member],
        )

    (message,) = mail.outbox
    trainee = assignment.trainees.get()
    link = reverse("training:my_path", args=[assignment.organisation_id, trainee.id])
    assert message.to == [member.email]
    assert "Bases du numérique" in message.subject
    assert "vous demande de suivre le parcours" in message.body
    assert link in message.body
    client.force_login(member)
    assert "Bases du numérique" in client.get(link).content.decode()


def test_a_reminder_is_sent_once_in_the_persons_language(scope, manager, path, member):
    member.language = "de"
    member.save()
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=3),
        users=[member],
    )

    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Erinnerung" in message.subject
    assert "Bases du numérique" in message.body


def test_no_reminder_far_from_the_due_date_or_once_done(
    scope, manager, path, member, administration
):
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=_in_a_week() + timedelta(days=30),
        users=[member],
    )
    done = learner_create(email="fini@x.be")
    member_add(administration, done, team="Service Accueil")
    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), users=[done]
    )
    course_finish(learner=done, course=path.items.get(kind="course").course)
    Attempt.objects.create(user=done, finished_at=timezone.now())

    assert services.reminders_send() == 0
    assert mail.outbox == []


def test_the_manager_hears_of_a_late_person_once(scope, manager, path, member):
    manager.language = "nl"
    manager.save()
    assignment_late(
        1,
        scope=scope,
        assigned_by=manager,
        path=path,
        users=[member],
    )

    assert services.overdue_report_send() == 1
    assert services.overdue_report_send() == 0
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert "Fatima" in message.subject
    assert "op tijd" in message.subject


def test_the_organisations_managers_hear_of_it_when_the_assigner_left(
    scope, team_manager_scope, team_manager, manager, path, member
):
    assignment_late(
        1,
        scope=team_manager_scope,
        assigned_by=team_manager,
        path=path,
        users=[member],
    )
    Membership.objects.filter(user=team_manager).update(role=Role.MEMBER)

    services.overdue_report_send()

    assert [message.to for message in mail.outbox] == [[manager.email]]


def test_nobody_who_left_the_organisation_is_reminded(scope, manager, path, member):
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=1),
        users=[member],
    )
    Membership.objects.filter(user=member).delete()

    assert services.reminders_send() == 0
    assert mail.outbox == []


def test_a_persons_export_lists_their_paths(scope, manager, path, member):

    services.assignment_create(
        scope=scope, assigned_by=manager, path=path, due_on=_in_a_week(), users=[member]
    )

    exported = learner_data_export(user=member)["training_paths"]

    assert exported == [
        {
            "path": "Bases du numérique",
            "organisation": "SPW de test",
            "due_on": _in_a_week().isoformat(),
            "items_done": 0,
            "items_total": 2,
        }
    ]
