"""Training path pages: who sees what (a permission matrix over every page),
the forms' wiring, and the learner's dashboard."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt
from learners.models import User
from organisations.models import Membership
from scheduling.models import Session
from tests.factories import learner_create
from tests.organisations.factories import member_add
from tests.scheduling.factories import organiser_create, session_create
from tests.training.conftest import assignment_late
from training import exceptions, forms, services
from training.demo_content import course_finish
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
    "item_remove",
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
    assert response.text.count('class="error-summary"') == 1
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


# The assignment page of a large organisation: a search and pasted addresses
# instead of a box for everyone.

RECEPTION_AGENTS = forms.EVERYONE_LISTED_UP_TO + 10


def staff_add(organisation, team_name: str, prefix: str, count: int) -> list[User]:
    """``count`` members of a team, named "<prefix> NN" (no password to hash)."""
    team = organisation.teams.get(name=team_name)
    people = User.objects.bulk_create(
        User(
            email=f"{prefix.lower()}{number:02}@spw-test.be",
            display_name=f"{prefix} {number:02}",
        )
        for number in range(1, count + 1)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=person, team=team)
        for person in people
    )
    return people


@pytest.fixture
def reception_staff(administration, manager, member):
    """Forty people at the reception: more than the form lists one by one."""
    return staff_add(administration, "Service Accueil", "Accueil", RECEPTION_AGENTS)


@pytest.fixture
def hr_staff(administration):
    """Three people of the HR service, outside the department's manager."""
    return staff_add(administration, "Service RH", "Ressources", 3)


def _assign(administration, path) -> str:
    return reverse("training:path_assign", args=[administration.id, path.id])


def _searched(client, administration, path, words: str) -> str:
    """The assignment page after the manager searched for these words."""
    return client.post(_assign(administration, path), {"search": "1", "q": words}).text


def _due() -> str:
    return (timezone.localdate() + timedelta(days=30)).isoformat()


def test_a_small_organisation_lists_everyone_with_a_box(
    client, manager, administration, path, member
):
    client.force_login(manager)

    page = client.get(_assign(administration, path)).text

    assert f'type="checkbox" name="people" value="{member.id}"' in page
    assert "Fatima (agent@spw-test.be)" in page
    assert 'role="search"' not in page
    assert 'name="addresses"' not in page


def test_a_large_organisation_lists_nobody_before_a_search(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)
    client.get(_assign(administration, path))  # the site's caches filled
    with CaptureQueriesContext(connection) as forty:
        page = client.get(_assign(administration, path)).text
    staff_add(administration, "Service RH", "Ressources", 100)

    with CaptureQueriesContext(connection) as one_hundred_more:
        again = client.get(_assign(administration, path)).text

    assert len(one_hundred_more) == len(forty) <= 15
    assert 'type="checkbox"' not in page
    assert "Accueil 01" not in page
    assert "Ressources 01" not in again
    assert 'role="search"' in page
    assert '<textarea name="addresses"' in page
    assert "Search for them above, or paste their e-mail addresses below." in page


def test_a_search_lists_the_matching_people_of_the_scope_only(
    client,
    team_manager,
    administration,
    path,
    reception_staff,
    hr_staff,
    other_manager,
    django_assert_max_num_queries,
):
    """The department's manager finds reception people, never the HR
    service's nor another administration's."""
    client.force_login(team_manager)
    with django_assert_max_num_queries(15):
        page = _searched(client, administration, path, "  ACCUEIL1 ")

    found = re.findall(r'name="people" value="(\d+)"', page)
    assert [int(found_id) for found_id in found] == [
        person.id
        for person in reception_staff[9:19]  # Accueil 10 to 19
    ]
    assert "Accueil 10 (accueil10@spw-test.be)" in page
    assert "10 people match “ACCUEIL1”." in page
    assert page.count('name="q"') == 1  # the search box, in the form
    assert not Assignment.objects.exists()  # a search assigns nothing
    for outside in ("ressources", "rh@"):
        page = _searched(client, administration, path, outside)
        assert 'name="people" value=' not in page
        assert f"Nobody you manage matches “{outside}”." in page
    assert "rh@commune-test.be" not in page


def test_a_broad_search_lists_a_few_and_says_there_are_more(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)

    page = _searched(client, administration, path, "accueil")

    assert page.count('name="people" value=') == forms.SEARCH_RESULTS_MAX
    assert "Only the first 30 people matching “accueil” are listed" in page


def test_pasted_addresses_and_checked_people_are_assigned_together(
    client, manager, administration, path, reception_staff, member
):
    client.force_login(manager)
    checked = reception_staff[0]
    pasted = (
        "ACCUEIL02@spw-test.be; accueil03@spw-test.be\n"
        "Fatima <agent@spw-test.be>, accueil01@spw-test.be accueil02@spw-test.be"
    )

    response = client.post(
        _assign(administration, path),
        {
            "q": "accueil 01",
            "people": [checked.id],
            "addresses": pasted,
            "due_on": _due(),
        },
    )

    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert set(assignment.trainees.values_list("user", flat=True)) == {
        checked.id,
        reception_staff[1].id,
        reception_staff[2].id,
        member.id,
    }


@pytest.mark.parametrize(
    ("who", "refused"),
    [
        ("manager", "rh@commune-test.be, nobody@spw-test.be"),
        ("team_manager", "ressources01@spw-test.be, rh@spw-test.be"),
    ],
)
def test_addresses_of_people_one_does_not_manage_are_refused_and_nothing_is_stored(
    client, request, who, refused, administration, path, reception_staff, hr_staff
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        _assign(administration, path),
        {"addresses": f"accueil01@spw-test.be\n{refused}", "due_on": _due()},
    )

    assert response.status_code == 200
    assert f"Nobody you manage has these addresses: {refused}." in response.text
    assert "Choose a team or at least one person." not in response.text
    assert not Assignment.objects.exists()


def test_nobody_chosen_is_said_beside_the_people_to_tick(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)

    response = client.post(_assign(administration, path), {"due_on": _due()})

    page = response.text
    people = page[page.index('id="id_people_error"') :]
    assert "Choose a team or at least one person." in people[: people.index("</")]
    assert 'href="#id_people"' in page[page.index('class="error-summary"') :]
    assert 'id="id_people"' in page  # where that link leads
    assert not Assignment.objects.exists()


def test_what_is_not_an_address_is_refused_by_name(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)

    response = client.post(
        _assign(administration, path),
        {"addresses": "accueil01@spw-test.be, accueil02", "due_on": _due()},
    )

    assert "This is not an e-mail address: accueil02." in response.text
    assert not Assignment.objects.exists()


def test_too_many_addresses_at_once_are_refused(
    client, manager, administration, path, reception_staff, monkeypatch
):
    monkeypatch.setattr(forms, "ADDRESSES_MAX", 2)
    client.force_login(manager)

    response = client.post(
        _assign(administration, path),
        {
            "addresses": "accueil01@spw-test.be accueil02@spw-test.be "
            "accueil03@spw-test.be",
            "due_on": _due(),
        },
    )

    assert "Paste at most 2 addresses at a time" in response.text
    assert not Assignment.objects.exists()


def test_after_an_error_the_same_search_shows_with_the_boxes_still_checked(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)
    checked = reception_staff[11]  # Accueil 12

    page = client.post(
        _assign(administration, path),
        {"q": "accueil1", "people": [checked.id], "due_on": "2000-01-01"},
    ).text

    assert "Choose today or a later date." in page
    assert page.count('class="error-summary"') == 1
    assert f'name="people" value="{checked.id}" id="id_people_2" checked' in page
    assert page.count('name="people" value=') == 10
    assert 'name="q" value="accueil1" maxlength="100" id="search-q"' in page
    assert page.count('name="q"') == 1
    assert not Assignment.objects.exists()


# A checkbox of the list: its person's id, and whether it is ticked.
_BOX = re.compile(
    r'<input type="checkbox" name="people" value="(\d+)"[^>]*?( checked)?>'
)


def _boxes(page: str) -> list[tuple[int, bool]]:
    return [(int(person), bool(ticked)) for person, ticked in _BOX.findall(page)]


def test_the_search_finds_names_whatever_the_accents(
    client, manager, administration, path, reception_staff
):
    helene = learner_create(email="h.dubois@spw-test.be", display_name="Hélène Dubois")
    francois = learner_create(email="f.leroy@spw-test.be", display_name="FRANÇOIS")
    for person in (helene, francois):
        Membership.objects.create(organisation=administration, user=person)
    client.force_login(manager)

    assert _boxes(_searched(client, administration, path, "Helene")) == [
        (helene.id, False)
    ]
    page = _searched(client, administration, path, "francois")
    assert _boxes(page) == [(francois.id, False)]
    assert "1 person matches “francois”." in page


def test_people_ticked_stay_ticked_after_a_new_search_and_are_assigned(
    client, manager, administration, path, reception_staff
):
    """Ticked among a first search's results, then another search: they are
    still listed and ticked, with the rest of the form, and assigned with
    those ticked among the new results."""
    client.force_login(manager)
    first, twelfth, thirteenth = (reception_staff[i] for i in (0, 11, 12))
    hr = administration.teams.get(name="Service RH")
    token = re.search(
        r'name="form_token" value="([^"]+)"',
        client.get(_assign(administration, path)).text,
    ).group(1)

    response = client.post(
        _assign(administration, path),
        {
            "search": "1",
            "q": "accueil1",
            "people": [first.id, twelfth.id],
            "team": hr.id,
            "addresses": "accueil03@spw-test.be",
            "due_on": _due(),
            "form_token": token,
        },
    )

    page = response.text
    assert response.status_code == 200
    assert not Assignment.objects.exists()  # a search assigns nothing
    found = [person.id for person in reception_staff[9:19]]  # Accueil 10 to 19
    assert _boxes(page) == [
        (first.id, True),  # not found by "accueil1": listed first
        *((person, person == twelfth.id) for person in found),
    ]
    assert "10 people match “accueil1”." in page
    assert "The people you already ticked are listed first." in page
    assert 'class="error-summary"' not in page  # nothing is checked yet
    assert "errorlist" not in page
    assert f'<option value="{hr.id}" selected>' in page
    assert f'name="due_on" value="{_due()}"' in page
    assert "accueil03@spw-test.be</textarea>" in page
    assert f'name="form_token" value="{token}"' in page
    assert 'value="accueil1" maxlength="100" id="search-q"' in page

    ticked = [person for person, is_ticked in _boxes(page) if is_ticked]
    response = client.post(
        _assign(administration, path),
        {
            "q": "accueil1",
            "people": [*ticked, thirteenth.id],
            "team": hr.id,
            "addresses": "accueil03@spw-test.be",
            "due_on": _due(),
            "form_token": token,
        },
    )

    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.team == hr
    assert set(assignment.trainees.values_list("user", flat=True)) == {
        first.id,
        twelfth.id,
        thirteenth.id,
        reception_staff[2].id,  # accueil03, pasted
    }


def test_after_an_error_people_ticked_before_the_last_search_stay_ticked(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)
    first = reception_staff[0]

    page = client.post(
        _assign(administration, path),
        {"q": "accueil1", "people": [first.id], "due_on": "2000-01-01"},
    ).text

    assert "Choose today or a later date." in page
    assert _boxes(page)[0] == (first.id, True)
    assert page.count('name="people" value=') == 11


def test_people_ticked_outside_the_scope_or_forged_are_not_listed(
    client, team_manager, administration, path, reception_staff, hr_staff, other_manager
):
    """A team manager's search posted with the ids of the HR service's people,
    another administration's manager, and values that are no ids."""
    client.force_login(team_manager)
    kept = reception_staff[0]

    response = client.post(
        _assign(administration, path),
        {
            "search": "1",
            "q": "accueil1",
            "people": [
                hr_staff[0].id,
                other_manager.id,
                kept.id,
                "x",
                "-1",
                "99999999999999999999999",
            ],
            "due_on": "not a date",
            "form_token": "not a token",
        },
    )

    assert response.status_code == 200
    boxes = _boxes(response.text)
    assert boxes[0] == (kept.id, True)
    assert {person for person, _ticked in boxes}.isdisjoint(
        {hr_staff[0].id, other_manager.id}
    )
    assert "Ressources 01" not in response.text
    assert "rh@commune-test.be" not in response.text
    assert not re.search(r'name="form_token" value="not a token"', response.text)


def test_assigning_from_a_large_organisation_takes_few_queries(
    client,
    manager,
    administration,
    path,
    reception_staff,
    django_assert_max_num_queries,
):
    """As many queries for thirty pasted addresses as for one."""
    client.force_login(manager)
    pasted = "\n".join(person.email for person in reception_staff[:30])

    with django_assert_max_num_queries(25):
        response = client.post(
            _assign(administration, path),
            {"q": "accueil", "addresses": pasted, "due_on": _due()},
        )

    assert response.status_code == 302
    assert Assignment.objects.get().trainees.count() == 30


def test_the_words_searched_are_shown_as_text(
    client, manager, administration, path, reception_staff
):
    client.force_login(manager)

    page = _searched(client, administration, path, "<b>x</b>")

    assert "<b>x</b>" not in page
    assert "Nobody you manage matches “&lt;b&gt;x&lt;/b&gt;”." in page


def test_the_same_assignment_form_sent_twice_assigns_once(
    client, manager, administration, path, member
):
    client.force_login(manager)
    form = client.get(_assign(administration, path)).text
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    sent = {"people": [member.id], "due_on": _due(), "form_token": token}

    first = client.post(_assign(administration, path), sent)
    again = client.post(_assign(administration, path), sent)

    assignment = Assignment.objects.get()
    assert first["Location"] == again["Location"]
    assert again["Location"].endswith(f"/{assignment.id}/")
    assert list(assignment.trainees.values_list("user", flat=True)) == [member.id]


def test_a_form_sent_back_with_another_path_assigns_nothing_and_says_so(
    client, scope, manager, administration, path, member
):
    """The browser's back button, then the same form for another path: its
    token was the first path's; the page says so and keeps what was typed."""
    client.force_login(manager)
    other = services.path_copy(scope=scope, path=path, copied_by=manager)
    token = re.search(
        r'name="form_token" value="([^"]+)"',
        client.get(_assign(administration, path)).text,
    ).group(1)
    sent = {"people": [member.id], "due_on": _due(), "form_token": token}
    client.post(_assign(administration, path), sent)

    response = client.post(_assign(administration, other), sent)

    assert response.status_code == 200
    assert "This form was already sent." in response.text
    assert Assignment.objects.get().path == path


# The path builder's workshops: when in local time and the reader's language,
# and where, so that one title at one time in two spaces reads as two.

FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
SMARTPHONE = "Premiers pas sur smartphone"


def _winter_morning() -> datetime:
    """8:30 UTC on 9 December next year: 9:30 in Brussels (winter time)."""
    return datetime(timezone.localdate().year + 1, 12, 9, 8, 30, tzinfo=UTC)


def _in_french(when: datetime) -> str:
    """9:30 on that day as a French page writes it."""
    return f"{FRENCH_DAYS[when.weekday()]} 9 décembre {when.year}, 09:30"


@pytest.fixture
def workshops() -> tuple[Session, Session]:
    """The same workshop at the same time in Namur's space and Ciney's."""
    namur = session_create(
        organiser_create(name="EPN de Namur"),
        title=SMARTPHONE,
        starts_at=_winter_morning(),
    )
    ciney = session_create(
        organiser_create(name="EPN de Ciney"),
        title=SMARTPHONE,
        starts_at=_winter_morning(),
        postal_code="5590",
        commune="Ciney",
    )
    Session.objects.filter(id=ciney.id).update(venue_name="EPN de Ciney")
    ciney.refresh_from_db()
    return namur, ciney


def _path_page(administration, path) -> str:
    return reverse("training:path", args=[administration.id, path.id])


def _options(page: str, name: str) -> dict[int, str]:
    """The choices of a select, by value, as the person reads them."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return {
        int(value): html.unescape(text)
        for value, text in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)<', select)
    }


def test_the_workshops_to_add_say_when_in_local_time_and_where(
    client, manager, administration, path, workshops
):
    namur, ciney = workshops
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(manager)

    page = client.get(_path_page(administration, path)).text

    when = _in_french(_winter_morning())
    assert _options(page, "session") == {
        namur.id: f"{SMARTPHONE} — {when} — EPN de Namur, Namur",
        ciney.id: f"{SMARTPHONE} — {when} — EPN de Ciney, Ciney",
    }


def test_a_workshop_step_says_when_and_where(
    client, manager, administration, path, workshops
):
    _namur, ciney = workshops
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(manager)

    client.post(
        reverse("training:item_add", args=[administration.id, path.id]),
        {"kind": "workshop", "session": ciney.id},
    )
    page = client.get(_path_page(administration, path)).text

    assert f"({_in_french(_winter_morning())} — EPN de Ciney, Ciney)" in page


def test_listing_more_workshops_takes_no_more_queries(
    client, manager, administration, path, workshops
):
    client.force_login(manager)
    client.get(_path_page(administration, path))  # the site's caches filled
    with CaptureQueriesContext(connection) as two:
        client.get(_path_page(administration, path))
    for number in range(6):
        session_create(
            organiser_create(name=f"EPN {number}"),
            starts_at=_winter_morning() + timedelta(hours=number + 1),
        )

    with CaptureQueriesContext(connection) as eight:
        page = client.get(_path_page(administration, path)).text

    assert len(_options(page, "session")) == 8
    assert len(eight) == len(two)


# Removing an item: a page asks first, as deleting the path does.


def _remove(administration, path, item) -> str:
    return reverse("training:item_remove", args=[administration.id, path.id, item.id])


def test_removing_an_item_asks_first_naming_it_and_who_follows_the_path(
    client, scope, manager, administration, path, member
):
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate(),
        users=[member],
    )
    item = path.items.get(kind=ItemKind.COURSE)
    remove = _remove(administration, path, item)
    client.force_login(manager)

    detail = client.get(_path_page(administration, path)).text
    # A link to the page that asks, red as every destructive action; no form
    # that removes at once.
    assert re.search(rf'<a class="button danger" href="{remove}">Remove<', detail)
    assert f'action="{remove}"' not in detail

    asked = client.get(remove).text
    assert (
        "Remove the course “Premiers pas” from the path “Bases du numérique”?" in asked
    )
    assert "The path is assigned to 1 person: the item leaves their path too." in asked
    assert f'href="{_path_page(administration, path)}#item-{item.id}"' in asked
    assert '<button type="submit" class="button danger">Yes, remove the item' in asked
    assert path.items.filter(id=item.id).exists()  # asked first

    removed = client.post(remove, follow=True)

    assert "The item is removed from the path." in removed.text
    assert list(path.items.values_list("kind", flat=True)) == ["positioning_test"]


def test_the_page_asking_to_remove_a_workshop_says_when_and_where(
    client, manager, administration, path, workshops
):
    _namur, ciney = workshops
    item = services.path_item_add(path=path, kind=ItemKind.WORKSHOP, session=ciney)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(manager)

    asked = client.get(_remove(administration, path, item)).text

    assert SMARTPHONE in asked
    assert f"{_in_french(_winter_morning())} — EPN de Ciney, Ciney" in asked
    assert "assigned to" not in asked  # nobody follows it


@pytest.mark.parametrize("who", ["team_manager", "other_manager", "member"])
def test_nobody_else_is_asked_to_remove_an_item(
    client, request, who, administration, path
):
    """A team manager reads the path another manager made, no more."""
    client.force_login(request.getfixturevalue(who))

    response = client.get(_remove(administration, path, path.items.first()))

    assert response.status_code == 404


def test_an_item_of_another_path_is_not_offered_for_removal(
    client, scope, manager, administration, path
):
    copy = services.path_copy(scope=scope, path=path, copied_by=manager)
    client.force_login(manager)

    response = client.get(_remove(administration, path, copy.items.first()))

    assert response.status_code == 404
    assert copy.items.count() == 2


# Counts in words that agree with the number they count (French says "0
# personne sur 2 a terminé": the plural follows who finished, not everyone).


def _assigned_with_marc(scope, manager, administration, path, member):
    """The path assigned to ``member`` and to Marc, of the reception service."""
    marc = learner_create(email="marc@spw-test.be", display_name="Marc")
    member_add(administration, marc, team="Service Accueil")
    assignment = services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=10),
        users=[member, marc],
    )
    return assignment, marc


def _path_done(person, course) -> None:
    course_finish(learner=person, course=course)
    Attempt.objects.create(user=person, finished_at=timezone.now())


@pytest.mark.parametrize(
    ("language", "finished", "said"),
    [
        ("en", 0, "0 people out of 2 have finished"),
        ("en", 1, "1 person out of 2 has finished"),
        ("en", 2, "2 people out of 2 have finished"),
        ("fr", 0, "0 personne sur 2 a terminé"),
        ("fr", 1, "1 personne sur 2 a terminé"),
        ("fr", 2, "2 personnes sur 2 ont terminé"),
    ],
)
def test_the_assignment_page_says_how_many_finished(
    client,
    scope,
    manager,
    administration,
    path,
    member,
    course,
    language,
    finished,
    said,
):
    assignment, marc = _assigned_with_marc(scope, manager, administration, path, member)
    for person in [member, marc][:finished]:
        _path_done(person, course)
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(
        reverse("training:assignment", args=[administration.id, assignment.id])
    ).text

    assert said in page


def test_each_persons_progress_counts_items_in_words_that_agree(
    client, scope, manager, administration, path, member
):
    assignment, marc = _assigned_with_marc(scope, manager, administration, path, member)
    Attempt.objects.create(user=member, finished_at=timezone.now())  # the test
    client.force_login(manager)

    page = client.get(
        reverse("training:assignment", args=[administration.id, assignment.id])
    ).text

    assert re.search(r"Fatima</a></th>\s*<td[^>]*>1 item of 2 done\s*<", page)
    assert re.search(r"Marc</a></th>\s*<td[^>]*>0 items of 2 done\s*<", page)


def test_each_person_of_an_assignment_leads_to_their_report(
    client, scope, manager, administration, path, member
):
    assignment, marc = _assigned_with_marc(scope, manager, administration, path, member)
    client.force_login(manager)

    page = client.get(
        reverse("training:assignment", args=[administration.id, assignment.id])
    ).text

    for person in (member, marc):
        report = reverse("training:report_person", args=[administration.id, person.id])
        assert f'<a href="{report}">{person}</a>' in page
        assert client.get(report).status_code == 200


def test_withdrawing_an_assignment_looks_destructive_and_asks_first(
    client, scope, manager, administration, path, member
):
    assignment = services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=10),
        users=[member],
    )
    client.force_login(manager)
    withdraw = reverse(
        "training:assignment_withdraw", args=[administration.id, assignment.id]
    )

    page = client.get(
        reverse("training:assignment", args=[administration.id, assignment.id])
    ).text
    asked = client.get(withdraw)

    assert f'<a class="button danger" href="{withdraw}">' in page
    assert asked.status_code == 200
    assert Assignment.objects.filter(id=assignment.id).exists()
