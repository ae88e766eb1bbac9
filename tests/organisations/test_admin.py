"""Operators create organisations and teams and name the first managers in the
Wagtail admin."""

import pytest

from organisations.models import Invitation, Membership, Organisation, Role, Team
from tests.factories import learner_create
from tests.organisations.factories import invitation_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    user = learner_create(email="operateur@wallonie.example")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user


def test_an_operator_creates_an_organisation_with_its_first_managers(
    client, operator, learner, committed
):
    with committed(execute=True):
        response = client.post(
            "/admin/organisations/organisations/add/",
            {
                "name": "SPW Mobilité (test)",
                "kind": "administration",
                "managers": "Jeanne@example.be\nnouveau@spw-test.be",
            },
        )

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert Membership.objects.get(user=learner).role == Role.MANAGER
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("nouveau@spw-test.be", Role.MANAGER)
    assert invitation.invited_by == operator
    assert list(invitation_links()) == ["nouveau@spw-test.be"]
    edit = client.get(f"/admin/organisations/organisations/edit/{organisation.id}/")
    assert "jeanne@example.be" in edit.content.decode()


def test_a_wrong_address_is_refused_and_nothing_is_stored(client, operator):
    response = client.post(
        "/admin/organisations/organisations/add/",
        {"name": "SPW", "kind": "administration", "managers": "pas-une-adresse"},
    )

    assert response.status_code == 200
    assert "is not an e-mail address" in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_team_is_part_of_a_team_of_the_same_organisation_only(client, operator):
    first = Organisation.objects.create(name="A")
    other = Organisation.objects.create(name="B")
    department = Team.objects.create(organisation=other, name="Département")

    response = client.post(
        "/admin/organisations/teams/add/",
        {"organisation": first.id, "parent": department.id, "name": "Service"},
    )

    assert response.status_code == 200
    assert Team.objects.count() == 1


def test_a_department_with_services_is_not_deleted_and_the_admin_says_why(
    client, operator
):
    organisation = Organisation.objects.create(name="A")
    department = Team.objects.create(organisation=organisation, name="Département")
    Team.objects.create(organisation=organisation, name="Service", parent=department)

    response = client.post(
        f"/admin/organisations/teams/delete/{department.id}/", follow=True
    )

    assert response.status_code == 200
    assert "Move or delete its teams first" in response.content.decode()
    assert Team.objects.count() == 2


def test_an_organisation_is_deleted_with_all_its_teams(client, operator):
    organisation = Organisation.objects.create(name="A")
    department = Team.objects.create(organisation=organisation, name="Département")
    Team.objects.create(organisation=organisation, name="Service", parent=department)

    client.post(f"/admin/organisations/organisations/delete/{organisation.id}/")

    assert not Team.objects.exists()
