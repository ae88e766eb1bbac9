"""The demo administration: two teams, a manager who signs in, a few members."""

import pytest
from django.contrib.auth import authenticate

from learners.demo_people import DEMO_PASSWORD
from organisations.demo_content import DEMO_MANAGER, demo_organisation_load
from organisations.models import Membership, Organisation, Role
from organisations.selectors import manager_scope, members_in

pytestmark = pytest.mark.django_db


def test_the_demo_administration_is_loaded_once_with_its_manager():
    logins = demo_organisation_load()
    demo_organisation_load()

    organisation = Organisation.objects.get()
    manager = authenticate(email=DEMO_MANAGER, password=DEMO_PASSWORD)
    assert logins == [(DEMO_MANAGER, DEMO_PASSWORD)]
    assert organisation.teams.count() == 2
    assert organisation.teams.filter(parent__isnull=False).count() == 1
    assert Membership.objects.get(user=manager).role == Role.MANAGER
    scope = manager_scope(user=manager, organisation_id=organisation.id)
    assert members_in(scope=scope).count() == 5
