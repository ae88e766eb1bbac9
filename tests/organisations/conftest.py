"""Fixtures of the organisation tests: an administration with a department
(and its reception service) and an HR service, its manager, the department's
team manager, a member; another administration with its own manager."""

import pytest
from django.conf import settings

from organisations.models import Role
from organisations.selectors import manager_scope
from tests.factories import learner_create
from tests.organisations.factories import member_add, organisation_create

DEPARTMENT = "Département du Numérique"
RECEPTION = "Service Accueil"
HR = "Service RH"


@pytest.fixture
def client(client):
    """Pages in English: the assertions read them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def administration(db):
    return organisation_create(
        "SPW de test", (DEPARTMENT, None), (RECEPTION, DEPARTMENT), (HR, None)
    )


@pytest.fixture
def manager(administration):
    person = learner_create(email="rh@spw-test.be", display_name="Nadia")
    member_add(administration, person, role=Role.MANAGER)
    return person


@pytest.fixture
def team_manager(administration):
    """The department's manager: the department and its reception service."""
    person = learner_create(email="chef@spw-test.be", display_name="Thomas")
    member_add(administration, person, role=Role.TEAM_MANAGER, team=DEPARTMENT)
    return person


@pytest.fixture
def member(administration):
    person = learner_create(email="agent@spw-test.be", display_name="Fatima")
    member_add(administration, person, team=RECEPTION)
    return person


@pytest.fixture
def other_administration(db):
    return organisation_create("Commune de test", ("Population", None))


@pytest.fixture
def other_manager(other_administration):
    person = learner_create(email="rh@commune-test.be", display_name="Paul")
    member_add(other_administration, person, role=Role.MANAGER)
    return person


@pytest.fixture
def scope(manager, administration):
    return manager_scope(user=manager, organisation_id=administration.id)
