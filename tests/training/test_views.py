"""Training path pages: who sees what (a permission matrix over every page),
the forms' wiring, and the learner's dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.training.conftest import assignment_late
from training import exceptions, services
from training.models import Assignment, ItemKind, Trainee, TrainingPath

pytestmark = pytest.mark.django_db

PAGES = [
    "paths",
    "path_create",
    "path",
    "path_edit",
    "path_assign",
    "assignment",
    "assignment_withdraw",
    "assignment_due_date",
    "path_delete",
]
POSTS = [
    "item_add",
    "item_move",
    "item_remove",
    "path_copy",
    "path_edit",
    "path_delete",
]


@pytest.fixture
def assignment(scope, manager, path, administration):
    return services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=10),
        team=administration.teams.get(name="Service RH"),
    )


def _url(name, organisation_id, path, assignment):
    item = path.items.first()
    args = {
        "paths": [organisation_id],
        "path_create": [organisation_id],
        "path": [organisation_id, path.id],
        "path_edit": [organisation_id, path.id],
        "path_assign": [organisation_id, path.id],
        "assignment": [organisation_id, assignment.id],
        "assignment_withdraw": [organisation_id, assignment.id],
        "item_add": [organisation_id, path.id],
        "item_move": [organisation_id, path.id, item.id],
        "item_remove": [organisation_id, path.id, item.id],
        "path_copy": [organisation_id, path.id],
        "path_delete": [organisation_id, path.id],
        "assignment_due_date": [organisation_id, assignment.id],
    }[name]
    return reverse(f"training:{name}", args=args)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("other_manager", 404),
        ("member", 404),
        ("anonymous", 302),
    ],
)
def test_who_sees_each_page(
    client, request, page, who, status, administration, path, assignment
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(_url(page, administration.id, path, assignment))

    assert response.status_code == status


@pytest.mark.parametrize("page", POSTS)
@pytest.mark.parametrize("who", ["other_manager", "member", "team_manager"])
def test_nobody_else_changes_or_copies_a_path(
    client, request, page, who, administration, path, assignment
):
    """A team manager may read and assign the organisation's paths, not change
    another manager's; nobody else reaches them."""
    client.force_login(request.getfixturevalue(who))
    items_before = list(path.items.values_list("id", "sort_order"))

    response = client.post(
        _url(page, administration.id, path, assignment),
        {"kind": "positioning_test", "direction": "down", "name": "Piraté"},
    )

    if who == "team_manager" and page == "path_copy":
        assert response.status_code == 302  # a copy of their own
    else:
        assert response.status_code == 404
    assert list(path.items.values_list("id", "sort_order")) == items_before
    assert Assignment.objects.filter(id=assignment.id).exists()
    path.refresh_from_db()
    assert path.name == "Bases du numérique"


def test_a_team_manager_sees_their_teams_assignments_only(
    client, team_manager, administration, path, assignment
):
    """The assignment of the HR service is outside the department's manager."""
    client.force_login(team_manager)

    listing = client.get(reverse("training:paths", args=[administration.id]))
    detail = client.get(_url("assignment", administration.id, path, assignment))

    assert listing.status_code == 200
    assert "Service RH" not in listing.content.decode()
    assert detail.status_code == 404


def test_another_organisations_path_is_a_404(
    client, other_manager, other_administration, path, assignment
):
    client.force_login(other_manager)

    response = client.get(
        reverse("training:path", args=[other_administration.id, path.id])
    )

    assert response.status_code == 404


def test_the_organisation_page_leads_to_the_paths(client, manager, administration):
    client.force_login(manager)

    page = client.get(reverse("organisations:detail", args=[administration.id]))

    assert reverse("training:paths", args=[administration.id]) in page.content.decode()


def test_a_manager_builds_and_assigns_a_path_with_forms(
    client, manager, administration, course, member
):
    client.force_login(manager)
    made = client.post(
        reverse("training:path_create", args=[administration.id]),
        {"name": "Guichet", "description": "", "effort_hours": "2"},
    )
    path = TrainingPath.objects.get(name="Guichet")
    assert made.url == reverse("training:path", args=[administration.id, path.id])
    add = reverse("training:item_add", args=[administration.id, path.id])
    client.post(add, {"kind": "course", "course": course.id})
    client.post(add, {"kind": "positioning_test"})
    test_item = path.items.get(kind=ItemKind.POSITIONING_TEST)
    client.post(
        reverse("training:item_move", args=[administration.id, path.id, test_item.id]),
        {"direction": "up"},
    )
    assert list(path.items.order_by("sort_order").values_list("kind", flat=True)) == [
        "positioning_test",
        "course",
    ]
    due = timezone.localdate() + timedelta(days=20)

    assigned = client.post(
        reverse("training:path_assign", args=[administration.id, path.id]),
        {"team": administration.teams.get(name="Service Accueil").id, "due_on": due},
    )

    assignment = Assignment.objects.get(path=path)
    assert assigned.status_code == 302
    assert assignment.due_on == due
    assert list(assignment.trainees.values_list("user", flat=True)) == [member.id]


def test_a_past_due_date_and_nobody_are_refused(client, manager, administration, path):
    client.force_login(manager)

    response = client.post(
        reverse("training:path_assign", args=[administration.id, path.id]),
        {"due_on": timezone.localdate() - timedelta(days=1)},
    )

    assert response.status_code == 200
    assert "Choose today or a later date." in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_forged_course_is_a_form_error_not_a_500(
    client, manager, administration, path
):
    client.force_login(manager)

    response = client.post(
        reverse("training:item_add", args=[administration.id, path.id]),
        {"kind": "course", "course": "99999999999999999999999"},
    )

    assert response.status_code == 302
    assert path.items.count() == 2


def test_the_dashboard_shows_the_next_item_and_lateness_in_words(
    client, scope, manager, path, member, course
):
    assignment_late(
        2,
        scope=scope,
        assigned_by=manager,
        path=path,
        users=[member],
    )
    client.force_login(member)

    page = client.get(reverse("learners:dashboard")).content.decode()

    assert "Bases du numérique" in page
    assert "Late by 2 days" in page
    assert f'href="{course.url}"' in page
    # What an employer asked by a date comes before the person's own courses.
    assert page.index("My training paths") < page.index("My courses</h2>")


def test_the_dashboard_of_someone_without_paths_has_no_such_section(
    client, other_learner
):
    client.force_login(other_learner)

    page = client.get(reverse("learners:dashboard")).content.decode()

    assert "My training paths" not in page
    assert not Trainee.objects.exists()


def test_a_forged_person_is_a_form_error_not_a_500(
    client, manager, administration, path, other_manager
):
    client.force_login(manager)
    assign = reverse("training:path_assign", args=[administration.id, path.id])
    due = timezone.localdate() + timedelta(days=5)

    for forged in (other_manager.id, "99999999999999999999999", "x"):
        response = client.post(assign, {"people": [forged], "due_on": due})
        assert response.status_code == 200

    assert not Assignment.objects.exists()


def test_the_paths_page_counts_who_is_done_and_who_is_late(
    client, scope, manager, path, administration, member, django_assert_max_num_queries
):
    assignment_late(
        3,
        scope=scope,
        assigned_by=manager,
        path=path,
        team=administration.teams.get(name="Service Accueil"),
    )
    client.force_login(manager)

    with django_assert_max_num_queries(15):
        page = client.get(reverse("training:paths", args=[administration.id]))

    assert "1 late" in page.content.decode()


def test_a_manager_renames_a_path(client, manager, administration, path):
    client.force_login(manager)

    client.post(
        reverse("training:path_edit", args=[administration.id, path.id]),
        {"name": "Bases, version 2", "description": "Pour tous", "effort_hours": "4"},
    )

    path.refresh_from_db()
    assert (path.name, path.description, path.effort_hours) == (
        "Bases, version 2",
        "Pour tous",
        4,
    )


@pytest.mark.parametrize(("who", "status"), [("team_manager", 404), ("manager", 302)])
def test_only_who_follows_an_assignment_withdraws_it(
    client, request, who, status, administration, path, assignment, member
):
    """The HR service's assignment is outside the department's manager."""
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        _url("assignment_withdraw", administration.id, path, assignment)
    )

    assert response.status_code == status
    assert Assignment.objects.filter(id=assignment.id).exists() == (status == 404)


def test_a_manager_deletes_a_path_after_being_told_who_follows_it(
    client, scope, manager, administration, path, assignment, member
):
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate(),
        users=[member],
    )
    client.force_login(manager)
    page = _url("path_delete", administration.id, path, assignment)
    detail = client.get(_url("path", administration.id, path, assignment)).text
    assert page in detail

    asked = client.get(page).text
    assert "It is assigned to 1 person" in asked
    assert TrainingPath.objects.filter(id=path.id).exists()  # asked first

    deleted = client.post(page, follow=True)

    assert "is deleted" in deleted.text
    assert not TrainingPath.objects.filter(id=path.id).exists()
    assert not Assignment.objects.exists()
    assert not Trainee.objects.exists()
    client.force_login(member)
    assert "Bases du numérique" not in client.get("/learn/").text


def test_a_manager_moves_a_due_date_and_the_reminders_go_again(
    client, manager, administration, path, assignment, member
):
    assignment.trainees.create(user=member, reminded_at=timezone.now())
    client.force_login(manager)
    page = _url("assignment_due_date", administration.id, path, assignment)
    assert (
        page in client.get(_url("assignment", administration.id, path, assignment)).text
    )
    later = timezone.localdate() + timedelta(days=40)

    client.post(page, {"due_on": later.isoformat()})

    assignment.refresh_from_db()
    assert assignment.due_on == later
    assert list(assignment.trainees.values_list("reminded_at", flat=True)) == [None]


def test_a_due_date_in_the_past_is_refused_on_the_form_and_nothing_changes(
    client, manager, administration, path, assignment
):
    before = assignment.due_on
    client.force_login(manager)

    response = client.post(
        _url("assignment_due_date", administration.id, path, assignment),
        {"due_on": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 200
    assert "Choose today or a later date." in response.text
    assignment.refresh_from_db()
    assert assignment.due_on == before


def test_the_services_refuse_a_past_due_date_too(scope, manager, path, assignment):
    yesterday = timezone.localdate() - timedelta(days=1)

    with pytest.raises(exceptions.DueDateInThePast):
        services.assignment_due_date_change(
            assignment=assignment, due_on=yesterday, changed_by=manager
        )
    with pytest.raises(exceptions.DueDateInThePast):
        services.assignment_create(
            scope=scope,
            assigned_by=manager,
            path=path,
            due_on=yesterday,
            team=assignment.team,
        )
